#!/usr/bin/env python3
"""The server's performance figures, as ratios measured in one run (docs/performance.md).

For each database and each reference dataset (`coachbook bench-data`), it starts the real binary
on a fresh database, drives it with wrk (Debian's `wrk` package) and reads the server's CPU time
and peak memory from /proc. It prints one table per database, and the ratios the goals are stated
in. Nothing is compared with a fixed number: the figures are only meaningful against each other.

    bench/load.py                       # release binary, SQLite and PostgreSQL, 10 s per figure
    bench/load.py --db sqlite --seconds 3 --datasets 2k,past-200k
    bench/load.py --smoke               # what CI runs: every step once, briefly, on 2k

Standard library only. Needs `wrk`, and `psql` for PostgreSQL.
"""

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUA = os.path.join(ROOT, "bench", "bookings.lua")
DISTINCT_LUA = os.path.join(ROOT, "bench", "distinct.lua")
DATASETS = {
    "1k": ("past", 1_000),
    "2k": ("past", 2_000),
    "past-10k": ("past", 10_000),
    "past-20k": ("past", 20_000),
    "past-200k": ("past", 200_000),
    "uniform-20k": ("uniform", 20_000),
    "uniform-200k": ("uniform", 200_000),
    "past-1M": ("past", 1_000_000),
}
CLK_TCK = os.sysconf("SC_CLK_TCK")


def say(msg):
    print(f"==> {msg}", file=sys.stderr, flush=True)


class Server:
    """`coachbook serve` on a fresh port; its pid for /proc."""

    def __init__(self, binary, url, log):
        env = dict(os.environ, COACHBOOK_DATABASE_URL=url, COACHBOOK_BIND="127.0.0.1:0",
                   COACHBOOK_LOG="info,sqlx=warn,tower_http=warn")
        self.log = open(log, "w")
        self.proc = subprocess.Popen([binary, "serve"], env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self.base = None
        for _ in range(300):
            with open(log) as f:
                m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", f.read())
            if m:
                self.base = m.group(1)
                break
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        if not self.base:
            self.stop()
            sys.exit(f"the server did not start; see {log}")
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/readyz", timeout=2)
                return
            except OSError:
                time.sleep(0.05)
        sys.exit(f"the server did not become ready; see {log}")

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def peak_rss_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def wrk(url, seconds, connections, headers=(), script=None, env=None):
    """Runs wrk; answers requests/s, latency percentiles (ms) and the count of non-2xx answers."""
    threads = min(connections, 2)
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", script]
    cmd.append(url)
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    lat = {}
    for pct, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M):
        lat[int(pct)] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "requests": total, "lat": lat, "non2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": errors.group(1) if errors else ""}


def run(cmd, env):
    return subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout


def fresh_database(backend, name, tmp, pg_admin):
    if backend == "sqlite":
        path = os.path.join(tmp, f"{name}.db")
        for leftover in (path, path + "-wal", path + "-shm"):
            if os.path.exists(leftover):
                os.remove(leftover)
        return f"sqlite://{path}"
    # Lower case: PostgreSQL folds the unquoted name in CREATE DATABASE, not the one in a URL.
    db = f"coachbook_bench_{name.replace('-', '_').lower()}"
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", pg_admin, "-c", f"DROP DATABASE IF EXISTS {db}",
                    "-c", f"CREATE DATABASE {db}"], check=True, capture_output=True)
    return pg_admin.rsplit("/", 1)[0] + "/" + db


def drop_database(backend, url, pg_admin):
    if backend == "postgres":
        db = url.rsplit("/", 1)[1]
        subprocess.run(["psql", "-q", pg_admin, "-c", f"DROP DATABASE IF EXISTS {db}"], capture_output=True)


class Loaded:
    """A fresh database with dataset `name` loaded, and the server on it."""

    def __init__(self, args, backend, name, tmp):
        shape, n = DATASETS[name]
        self.args, self.backend = args, backend
        self.url = fresh_database(backend, name, tmp, args.pg)
        env = dict(os.environ, COACHBOOK_DATABASE_URL=self.url, COACHBOOK_LOG="warn")
        say(f"{backend} {name}: loading {n} sessions ({shape})")
        loaded = run([args.data_binary, "bench-data", "--sessions", str(n), "--shape", shape], env)
        self.session_type = re.search(r"session type (\d+)", loaded).group(1)
        self.token = run([args.data_binary, "token", "create", "--email", "bench@coachbook.test"],
                         env).strip().splitlines()[-1]
        self.auth = f"Authorization: Bearer {self.token}"
        self.server = Server(args.binary, self.url, os.path.join(tmp, f"server-{backend}-{name}.log"))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server.stop()
        drop_database(self.backend, self.url, self.args.pg)

    def cpu_ms_per_answer(self, url, seconds, connections=8, distinct_from=None, headers=None):
        """wrk at `connections`, and the server's CPU time per answer meanwhile. With
        `distinct_from` (a date), `to` differs on every request from that day on, so that each
        answer is computed rather than served from the node's copy of the second."""
        cpu0 = self.server.cpu_seconds()
        if distinct_from:
            base = int(dt.datetime.combine(distinct_from, dt.time(), dt.timezone.utc).timestamp())
            r = wrk(url, seconds, connections, [self.auth], script=DISTINCT_LUA,
                    env=dict(os.environ, DISTINCT_BASE=str(base)))
        else:
            r = wrk(url, seconds, connections, headers or [self.auth])
        r["cpu_ms"] = (self.server.cpu_seconds() - cpu0) * 1000 / max(r["requests"], 1)
        return r


BENCH_EMAIL = "bench@coachbook.test"
BENCH_PASSWORD = "bench-password-1"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(base, email, password):
    """Signs in through the form as a browser does; the `Cookie:` header of the session."""
    body = urllib.parse.urlencode({"email": email, "password": password}).encode()
    req = urllib.request.Request(f"{base}/login", data=body, headers={
        "Origin": base, "Content-Type": "application/x-www-form-urlencoded"})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        res = opener.open(req, timeout=10)
        headers = res.headers
    except urllib.error.HTTPError as e:  # the 303 itself
        headers = e.headers
    cookies = [c.split(";", 1)[0] for c in headers.get_all("Set-Cookie") or []]
    if not cookies:
        sys.exit("signing the bench coach in gave no session cookie")
    return "Cookie: " + "; ".join(cookies)


def warn_on_errors(where, r):
    for key, v in r.items():
        if isinstance(v, dict) and (v.get("non2xx") or v.get("socket_errors")):
            say(f"warning: {where} {key}: {v['non2xx']} non-2xx answers, socket errors {v['socket_errors'] or 'none'}")


def measure(args, backend, name, tmp):
    """The issue's table: availability over 90 days, bookings, health, memory."""
    s = args.seconds
    with Loaded(args, backend, name, tmp) as d:
        base_url = d.server.base
        today = dt.date.today()
        avail = f"{base_url}/api/availability?from={today}&to={today + dt.timedelta(days=90)}"
        # The same 90 days, each request's `to` a second later than the last (see distinct.lua).
        avail_distinct = f"{base_url}/api/availability?from={today}"
        # Warm up: the first answers fill caches (the OS's, the database's and ours).
        wrk(avail, 1, 1, [d.auth])
        r = {}
        r["healthz"] = wrk(f"{base_url}/healthz", s, 8)
        # The floor under every API answer: the token read and one small row.
        r["floor8"] = wrk(f"{base_url}/api/availability/policy", s, 8, [d.auth])
        r["avail1"] = wrk(avail, s, 1, [d.auth])
        r["avail8"] = d.cpu_ms_per_answer(avail, s)
        r["avail_cpu_ms"] = r["avail8"]["cpu_ms"]
        r["cold8"] = d.cpu_ms_per_answer(avail_distinct, s, distinct_from=today + dt.timedelta(days=90))
        r["cold1"] = wrk(avail_distinct, s, 1, [d.auth], script=DISTINCT_LUA,
                         env=dict(os.environ, DISTINCT_BASE=str(int(dt.datetime.combine(
                             today + dt.timedelta(days=90), dt.time(), dt.timezone.utc).timestamp()) + 5_000_000)))
        base = int(dt.datetime(2031, 1, 6, tzinfo=dt.timezone.utc).timestamp())
        book_env = dict(os.environ, TOKEN=d.token, SESSION_TYPE_ID=d.session_type)
        r["book1"] = wrk(f"{base_url}/api/bookings", s, 1, script=LUA,
                         env=dict(book_env, BOOK_BASE=str(base)))
        r["book8"] = wrk(f"{base_url}/api/bookings", s, 8, script=LUA,
                         env=dict(book_env, BOOK_BASE=str(base + 20 * 365 * 86400)))
        r["rss_mb"] = d.server.peak_rss_mb()
    warn_on_errors(f"{backend} {name}", r)
    return r


def measure_calendars(args, backend, name, tmp):
    """What the calendars will ask for: the coach's week of bookings (`GET /api/bookings` over this
    week) and a client's month of open times (`GET /api/availability` over next month)."""
    s = args.seconds
    with Loaded(args, backend, name, tmp) as d:
        today = dt.date.today()
        monday = today - dt.timedelta(days=today.weekday())
        first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        after = (first + dt.timedelta(days=32)).replace(day=1)
        week = f"{d.server.base}/api/bookings?from={monday}T00:00:00Z&to={monday + dt.timedelta(days=7)}T00:00:00Z"
        # A month as a client's calendar asks for it; `to` differs on each request (distinct.lua)
        # so that each answer is computed, not served from the node's copy of the second.
        month = f"{d.server.base}/api/availability?from={first}"
        env = dict(os.environ, DISTINCT_BASE=str(int(dt.datetime.combine(after, dt.time(), dt.timezone.utc).timestamp())))
        wrk(week, 1, 1, [d.auth])
        wrk(month, 1, 1, [d.auth], script=DISTINCT_LUA, env=env)
        # The coach's Calendar page, week view (query and render): the whole page, and the
        # calendar alone as calendar.js fetches it again on every change. Pages take the session
        # cookie, so the bench coach signs in through the form first.
        cookie = sign_in(d.server.base, BENCH_EMAIL, os.environ.get("COACHBOOK_PASSWORD", BENCH_PASSWORD))
        page = f"{d.server.base}/admin/calendar?view=week&date={monday}"
        wrk(page, 1, 1, [cookie])
        # The coach's iCalendar feed as a calendar app polls it: whole, and with the ETag of the
        # last poll (a bodiless 304 when nothing changed).
        feed, etag = coach_feed(d)
        wrk(feed, 1, 1, [])
        r = {"week1": wrk(week, s, 1, [d.auth]), "week8": d.cpu_ms_per_answer(week, s),
             "feed1": wrk(feed, s, 1, []), "feed8": d.cpu_ms_per_answer(feed, s, headers=["Accept: text/calendar"]),
             "feed304": d.cpu_ms_per_answer(feed, s, headers=[f"If-None-Match: {etag}"]),
             "page1": wrk(page, s, 1, [cookie]), "page8": d.cpu_ms_per_answer(page, s, headers=[cookie]),
             "part1": wrk(page + "&partial=1", s, 1, [cookie]),
             "month1": wrk(month, s, 1, [d.auth], script=DISTINCT_LUA, env=env),
             "month8": d.cpu_ms_per_answer(month, s, distinct_from=after),
             "rss_mb": d.server.peak_rss_mb()}
    warn_on_errors(f"{backend} {name} calendars", r)
    return r


def measure_insights(args, backend, name, tmp):
    """The coach's Insights at this dataset: the page over the default 90 days (query and render)
    and `GET /api/insights` over the longest range (366 days), each computed on every request."""
    s = args.seconds
    with Loaded(args, backend, name, tmp) as d:
        today = dt.date.today()
        year = f"{d.server.base}/api/insights?from={today - dt.timedelta(days=365)}&to={today}"
        cookie = sign_in(d.server.base, BENCH_EMAIL, os.environ.get("COACHBOOK_PASSWORD", BENCH_PASSWORD))
        page = f"{d.server.base}/admin/insights"
        wrk(page, 1, 1, [cookie])
        wrk(year, 1, 1, [d.auth])
        r = {"page1": wrk(page, s, 1, [cookie]), "page8": d.cpu_ms_per_answer(page, s, headers=[cookie]),
             "year1": wrk(year, s, 1, [d.auth]), "year8": d.cpu_ms_per_answer(year, s),
             "rss_mb": d.server.peak_rss_mb()}
    warn_on_errors(f"{backend} {name} insights", r)
    return r


def insights_table(backend, results):
    rows = [
        ("Insights page (`/admin/insights`, 90 days), median (ms), 1 connection", lambda r: r["page1"]["lat"].get(50)),
        ("Insights page, slowest 1 % (ms), 1 connection", lambda r: r["page1"]["lat"].get(99)),
        ("Insights page, server CPU per page (ms), 8 connections", lambda r: r["page8"]["cpu_ms"]),
        ("`GET /api/insights` over 366 days, median (ms), 1 connection", lambda r: r["year1"]["lat"].get(50)),
        ("the year, server CPU per answer (ms), 8 connections", lambda r: r["year8"]["cpu_ms"]),
        ("peak RSS under load (MB)", lambda r: r["rss_mb"]),
    ]
    return figures_table(f"{backend}: insights", results, rows, next(iter(results), None))


def coach_feed(d):
    """The bench coach's feed address on this server (from `GET /api/me/feeds`) and its ETag."""
    req = urllib.request.Request(f"{d.server.base}/api/me/feeds", headers={"Authorization": f"Bearer {d.token}"})
    with urllib.request.urlopen(req, timeout=10) as res:
        feeds = json.load(res)["feeds"]
    url = next(f["url"] for f in feeds if f["kind"] == "coach")
    feed = d.server.base + "/" + url.split("://", 1)[1].split("/", 1)[1]
    with urllib.request.urlopen(feed, timeout=30) as res:
        return feed, res.headers["ETag"]


def raw_sqlite_insert_tx_per_second(tmp, seconds):
    """Single-row insert transactions on SQLite with the server's settings (WAL, synchronous=NORMAL)."""
    con = sqlite3.connect(os.path.join(tmp, "raw.db"), isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT)")
    n, start = 0, time.monotonic()
    while time.monotonic() - start < seconds:
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO t (a, b) VALUES (?, ?)", (n, "x" * 40))
        con.execute("COMMIT")
        n += 1
    return n / (time.monotonic() - start)


def figures_table(title, results, rows, ref_name):
    names = list(results)
    ref = results.get(ref_name)
    ratio_names = [f"{n} ÷ {ref_name}" for n in names if n != ref_name] if ref else []
    head = "| figure | " + " | ".join(names + ratio_names) + " |"
    out = [f"### {title}", "", head, "|---" * (head.count("|") - 1) + "|"]
    for label, f in rows:
        vals = [f(results[n]) for n in names]
        cells = [fmt(v) for v in vals]
        if ref:
            base = f(ref)
            cells += [fmt(v / base) + "×" if base and v is not None else "–" for n, v in zip(names, vals) if n != ref_name]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def table(backend, results, raw_tx):
    rows = [
        ("`GET /api/availability`, 90 days, median (ms), 1 connection", lambda r: r["avail1"]["lat"].get(50)),
        ("server CPU per 90-day answer, 8 connections (ms)", lambda r: r["avail_cpu_ms"]),
        ("availability req/s, 8 connections", lambda r: r["avail8"]["rps"]),
        ("`/healthz` req/s, 8 connections", lambda r: r["healthz"]["rps"]),
        ("availability req/s ÷ `/healthz` req/s", lambda r: r["avail8"]["rps"] / r["healthz"]["rps"]),
        ("smallest authenticated answer (`GET /api/availability/policy`) req/s ÷ `/healthz` req/s",
         lambda r: r["floor8"]["rps"] / r["healthz"]["rps"] if "floor8" in r else None),
        ("every answer computed: median (ms), 1 connection", lambda r: r["cold1"]["lat"].get(50)),
        ("every answer computed: server CPU per answer (ms), 8 connections", lambda r: r["cold8"]["cpu_ms"]),
        ("every answer computed: req/s ÷ `/healthz` req/s", lambda r: r["cold8"]["rps"] / r["healthz"]["rps"]),
        ("`POST /api/bookings`, bookings/s, 1 connection", lambda r: r["book1"]["rps"]),
        ("bookings/s, 8 connections", lambda r: r["book8"]["rps"]),
        ("bookings, median (ms), 8 connections", lambda r: r["book8"]["lat"].get(50)),
        ("slowest 1 % of bookings (ms), 8 connections", lambda r: r["book8"]["lat"].get(99)),
        ("slowest 1 % ÷ median, 8 connections", lambda r: r["book8"]["lat"].get(99) / r["book8"]["lat"].get(50)),
        ("peak RSS under load (MB)", lambda r: r["rss_mb"]),
    ]
    if raw_tx:
        rows.insert(9, ("bookings/s (8 connections) ÷ raw SQLite insert tx/s", lambda r: r["book8"]["rps"] / raw_tx))
        rows.insert(10, ("smallest authenticated answer req/s ÷ raw SQLite insert tx/s",
                         lambda r: r["floor8"]["rps"] / raw_tx if "floor8" in r else None))
    return figures_table(backend, results, rows, "2k")


def calendars_table(backend, results):
    rows = [
        ("coach's week (`GET /api/bookings`, 7 days), median (ms), 1 connection", lambda r: r["week1"]["lat"].get(50)),
        ("coach's week, server CPU per answer (ms), 8 connections", lambda r: r["week8"]["cpu_ms"]),
        ("coach's week, req/s, 8 connections", lambda r: r["week8"]["rps"]),
        ("Calendar page, week view (`/admin/calendar?view=week`), median (ms), 1 connection", lambda r: r["page1"]["lat"].get(50)),
        ("Calendar page, week view, server CPU per page (ms), 8 connections", lambda r: r["page8"]["cpu_ms"]),
        ("Calendar page, week view, req/s, 8 connections", lambda r: r["page8"]["rps"]),
        ("the week alone as calendar.js refetches it (`&partial=1`), median (ms), 1 connection", lambda r: r["part1"]["lat"].get(50)),
        ("client's month (`GET /api/availability`, next month, computed), median (ms), 1 connection", lambda r: r["month1"]["lat"].get(50)),
        ("client's month, server CPU per answer (ms), 8 connections", lambda r: r["month8"]["cpu_ms"]),
        ("client's month, req/s, 8 connections", lambda r: r["month8"]["rps"]),
        ("coach's iCalendar feed (90 days back, a year ahead), median (ms), 1 connection", lambda r: r["feed1"]["lat"].get(50)),
        ("feed, server CPU per answer (ms), 8 connections", lambda r: r["feed8"]["cpu_ms"]),
        ("feed, req/s, 8 connections", lambda r: r["feed8"]["rps"]),
        ("feed polled with its ETag (304), server CPU per answer (ms), 8 connections", lambda r: r["feed304"]["cpu_ms"]),
        ("feed polled with its ETag, req/s ÷ whole feed req/s", lambda r: r["feed304"]["rps"] / r["feed8"]["rps"]),
        ("peak RSS under load (MB)", lambda r: r["rss_mb"]),
    ]
    # Against the first dataset given (1k by default: the weeks around today hold the same
    # sessions in every `past` dataset, so the ratio is the cost of history alone).
    return figures_table(f"{backend}: calendars", results, rows, next(iter(results), None))


def fmt(v):
    if v is None:
        return "–"
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 1:
        return f"{v:.2f}"
    return f"{v:.4f}"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    p.add_argument("--binary", default=os.path.join(target, "release", "coachbook"), help="the server measured")
    p.add_argument("--data-binary", help="the binary that loads the data (default: --binary)")
    p.add_argument("--db", default="both", choices=["sqlite", "postgres", "both"])
    p.add_argument("--datasets", default="2k,past-20k,past-200k", help=f"comma-separated, of {', '.join(DATASETS)}")
    p.add_argument("--calendars", default="1k,past-1M",
                   help="datasets for the calendar figures (week and month), comma-separated; '' skips them")
    p.add_argument("--insights", default="past-10k,past-1M",
                   help="datasets for the Insights figures, comma-separated; '' skips them")
    p.add_argument("--seconds", type=int, default=10, help="per figure")
    p.add_argument("--pg", default=os.environ.get("COACHBOOK_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    p.add_argument("--json", help="also write the raw results here")
    p.add_argument("--smoke", action="store_true", help="every step once, briefly, on 2k (CI)")
    args = p.parse_args()
    args.data_binary = args.data_binary or args.binary
    if args.smoke:
        args.seconds, args.datasets, args.calendars, args.insights = 1, "2k", "2k", "2k"
    for tool in ["wrk"] + (["psql"] if args.db != "sqlite" else []):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed (Debian: apt-get install {'wrk' if tool == 'wrk' else 'postgresql-client'})")
    if not os.path.exists(args.binary):
        sys.exit(f"no binary at {args.binary}; build it with `cargo build --release`")
    backends = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    names = [n for n in args.datasets.split(",") if n]
    calendar_names = [n for n in args.calendars.split(",") if n]
    insights_names = [n for n in args.insights.split(",") if n]
    for n in names + calendar_names + insights_names:
        if n not in DATASETS:
            sys.exit(f"unknown dataset {n}")
    all_results = {}
    with tempfile.TemporaryDirectory() as tmp:
        raw_tx = raw_sqlite_insert_tx_per_second(tmp, min(args.seconds, 3))
        say(f"raw SQLite insert transactions: {raw_tx:,.0f}/s")
        for backend in backends:
            results = {name: measure(args, backend, name, tmp) for name in names}
            all_results[backend] = results
            if results:
                print(table(backend, results, raw_tx if backend == "sqlite" else None))
                print()
            if calendar_names:
                cal = {name: measure_calendars(args, backend, name, tmp) for name in calendar_names}
                all_results[f"{backend}-calendars"] = cal
                print(calendars_table(backend, cal))
                print()
            if insights_names:
                ins = {name: measure_insights(args, backend, name, tmp) for name in insights_names}
                all_results[f"{backend}-insights"] = ins
                print(insights_table(backend, ins))
                print()
    print(f"raw SQLite insert transactions/s (WAL, synchronous=NORMAL, one row each): {raw_tx:,.0f}")
    print(f"binary: {args.binary}, {os.path.getsize(args.binary) / 1e6:.1f} MB; {args.seconds} s per figure; "
          f"{os.cpu_count()} CPUs")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"raw_sqlite_tx": raw_tx, "results": all_results}, f, indent=1)


if __name__ == "__main__":
    main()
