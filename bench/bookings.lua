-- wrk script: POST /api/bookings at distinct times, so that every booking is for a free time.
-- Each wrk thread books its own run of half-hours starting at BOOK_BASE (Unix seconds) plus
-- 100,000 half-hours per thread. Needs BOOK_BASE, SESSION_TYPE_ID and TOKEN in the environment.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  tid = tonumber(tid) or 0
  base = tonumber(os.getenv("BOOK_BASE"))
  session_type = tonumber(os.getenv("SESSION_TYPE_ID"))
  headers = {
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
    ["Content-Type"] = "application/json",
  }
  counter = 0
end

function request()
  counter = counter + 1
  local at = base + (tid * 100000 + counter) * 1800
  local body = string.format(
    '{"sessionTypeId":%d,"start":"%s","name":"Load Client","email":"load@bench.coachbook.test","overrideAvailability":true}',
    session_type, os.date("!%Y-%m-%dT%H:%M:%SZ", at))
  return wrk.format("POST", "/api/bookings", headers, body)
end
