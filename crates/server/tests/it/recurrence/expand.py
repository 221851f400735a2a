"""The independent side of the recurrence property test (tests/it/recurrence.rs).

Reads a JSON list of bulk patterns on stdin, each {"zone", "frequency", "interval", "weekdays",
"time", "from", "count" | "until"} as the API takes them, expands each with dateutil.rrule on
naive wall-clock datetimes, places every reading in the zone with zoneinfo, and writes
{"tzdata": ..., "starts": [[UTC epoch seconds, ...], ...]} on stdout, one list per pattern.

The pattern means what `app/bulk.rs` documents, read here on its own:
- `weekly` (or empty) or `daily`, every `interval` weeks or days, weeks starting on Monday
  (RFC 5545's default WKST); `weekdays` restrict a weekly pattern only (a weekly pattern
  without them repeats on the weekday of `from`); the first candidate is `from` at `time`;
- `monthly`: every `interval` months, on the day of the month of `from` (`monthlyBy` `date`,
  the default; months without that day are skipped, as RFC 5545 says) or on the weekday of
  `from` in the same week of the month (`weekday`: the 2nd Tuesday; a 5th one means the last);
- `count` occurrences, or every occurrence up to and including the day `until`.

The zone policy (app/bulk.rs `place_wall` -> core `resolve_wall(.., Fold::Earlier)`):
- a reading the clock shows once is that instant;
- a reading the clock shows twice (it goes back) is the EARLIER instant: zoneinfo's fold=0;
- a reading the clock never shows (it goes forward) is the END of the gap, i.e. the instant of
  the transition itself, which the clock shows as the first reading after the gap (02:30 on
  the New York spring-forward day is 03:00 EDT). This is NOT zoneinfo's fold=0 answer (02:30
  read with the old offset, i.e. moved forward by the gap, 03:30 EDT), so it is found here by
  bisecting between the two offsets' readings for the transition.
"""

import json
import sys
from datetime import date, datetime, time, timezone

from dateutil import rrule

import zoneinfo

# The tz database of the `tzdata` package rather than the host's, when there is one: one known
# release, as the server bundles one.
try:
    import tzdata

    zoneinfo.reset_tzpath(to=[])
    TZDATA = "tzdata " + tzdata.IANA_VERSION
except ImportError:
    TZDATA = "host"

UTC = timezone.utc
WEEKDAYS = {
    "mo": rrule.MO,
    "tu": rrule.TU,
    "we": rrule.WE,
    "th": rrule.TH,
    "fr": rrule.FR,
    "sa": rrule.SA,
    "su": rrule.SU,
}


def epoch(instant):
    return int(instant.timestamp())


def place(wall, zone):
    """The UTC instant of the naive reading `wall` in `zone`, by the policy above."""
    earlier = wall.replace(tzinfo=zone, fold=0)
    # Round trip through UTC: a reading the clock shows comes back unchanged.
    back = earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if back == wall:
        return epoch(earlier)
    # A gap: fold=0 reads it with the offset before the transition, fold=1 with the one after;
    # the transition lies between the two readings' instants.
    before = epoch(earlier)
    after = epoch(wall.replace(tzinfo=zone, fold=1))
    lo, hi = min(before, after), max(before, after)

    def offset_at(t):
        return datetime.fromtimestamp(t, UTC).astimezone(zone).utcoffset()

    # The first instant in (lo, hi] that already has the new offset.
    target = offset_at(hi)
    assert offset_at(lo) != target, (wall, zone)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if offset_at(mid) == target:
            hi = mid
        else:
            lo = mid
    return hi


def expand(p):
    zone = zoneinfo.ZoneInfo(p["zone"])
    frequency = (p.get("frequency") or "weekly").strip().lower()
    freq = {"weekly": rrule.WEEKLY, "daily": rrule.DAILY, "monthly": rrule.MONTHLY}[frequency]
    hh, mm = (int(x) for x in p["time"].split(":"))
    start = datetime.combine(date.fromisoformat(p["from"]), time(hh, mm))
    kwargs = {"dtstart": start, "interval": p.get("interval") or 1, "wkst": rrule.MO}
    days = [WEEKDAYS[w] for w in p.get("weekdays") or []]
    if freq == rrule.WEEKLY and days:
        kwargs["byweekday"] = days
    if freq == rrule.MONTHLY:
        first = date.fromisoformat(p["from"])
        if (p.get("monthlyBy") or "date") == "weekday":
            nth = (first.day - 1) // 7 + 1
            code = list(WEEKDAYS.values())[first.weekday()]
            kwargs["byweekday"] = code(-1 if nth >= 5 else nth)
        else:
            kwargs["bymonthday"] = first.day
    if p.get("count") is not None:
        kwargs["count"] = p["count"]
    else:
        kwargs["until"] = datetime.combine(date.fromisoformat(p["until"]), time(23, 59, 59))
    return [place(wall, zone) for wall in rrule.rrule(freq, **kwargs)]


def main():
    patterns = json.load(sys.stdin)
    json.dump({"tzdata": TZDATA, "starts": [expand(p) for p in patterns]}, sys.stdout)


if __name__ == "__main__":
    main()
