-- wrk script: GET the URL given to wrk with `to` (or, with DISTINCT_PARAM, another parameter)
-- set to a different second on every request, so that no two requests ask the same question and
-- every answer is computed (the availability figures without the node's per-second copies of
-- answers). Needs DISTINCT_BASE: the parameter's first value, Unix seconds. Each wrk thread
-- counts from its own offset; a value repeats only after 100,000 requests of one thread.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  tid = tonumber(tid) or 0
  base = tonumber(os.getenv("DISTINCT_BASE"))
  param = os.getenv("DISTINCT_PARAM") or "to"
  counter = 0
end

function request()
  counter = (counter + 1) % 100000
  local at = base + tid * 100000 + counter
  local path = string.format("%s&%s=%s", wrk.path, param, os.date("!%Y-%m-%dT%H:%M:%SZ", at))
  return wrk.format("GET", path)
end
