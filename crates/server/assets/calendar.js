// The coach's Calendar page, enhanced. The server draws every view (links and forms work without
// this script); here the day and week views get their hours laid out to scale, moving between
// views and dates swaps the calendar in place, a click on an empty time opens the
// BookSessionModal with that date and time, a session is dragged to a new time (through the same
// conflict check as booking, on the server), and the calendar is fetched again whenever the
// coach's event stream says it changed (a client booked, cancelled or asked for a time).

const { t, apiHeaders } = globalThis.coachbook;

const PAGE = "/admin/calendar";
const SNAP = 15; // minutes
const HOUR_PX = 48;
const narrow = matchMedia("(max-width: 719px)");
const statusLine = document.querySelector("[data-cal-status]");
const alertBox = document.querySelector("[data-cal-alert]");

const root = () => document.querySelector("[data-cal-root]");

if (root()) start();

function start() {
  enhance();
  watchReplacement();
  document.addEventListener("click", onClick);
  document.addEventListener("submit", onSubmit);
  document.addEventListener("keydown", onKey);
  document.addEventListener("pointerdown", onPointerDown);
  addEventListener("popstate", () => load(here(), { push: false }));
  document.addEventListener("focusout", () => setTimeout(flushRefresh, 0));
  live();
  // A phone starts on the day: the week does not fit one.
  const params = new URLSearchParams(location.search);
  if (!params.has("view") && narrow.matches) {
    params.set("view", "day");
    location.replace(`${PAGE}?${params}${location.hash}`);
  }
}

// ---- drawing --------------------------------------------------------------------------------

function enhance() {
  const r = root();
  if (!r) return;
  r.classList.add("cal-js");
  for (const el of r.querySelectorAll("[data-color]")) {
    const c = el.dataset.color;
    if (!/^#[0-9a-f]{6}$/i.test(c || "")) continue;
    if (el.classList.contains("swatch")) el.style.backgroundColor = c;
    else el.style.setProperty("--type", c);
  }
  const grid = r.querySelector("[data-cal-grid]");
  if (grid) layout(grid);
  const panel = r.querySelector("[data-cal-panel]");
  r.querySelector(".cal-body")?.classList.toggle("has-panel", !!panel);
}

function bounds(grid) {
  return { first: Number(grid.dataset.first), last: Number(grid.dataset.last) };
}

// Places everything with data-from/data-to by its minutes, and sessions side by side when they
// overlap.
function layout(grid) {
  const { first, last } = bounds(grid);
  const span = Math.max(last - first, 60);
  grid.style.setProperty("--cal-height", `${(span / 60) * HOUR_PX}px`);
  const pct = (m) => `${((Math.min(Math.max(m, first), last) - first) / span) * 100}%`;
  for (const el of grid.querySelectorAll("[data-from]")) {
    const from = Number(el.dataset.from);
    const to = el.dataset.to === undefined ? from + 60 : Number(el.dataset.to);
    el.style.top = pct(from);
    if (el.dataset.to !== undefined) {
      el.style.height = `calc(${pct(to)} - ${pct(from)})`;
    }
  }
  for (const day of grid.querySelectorAll("[data-cal-day]")) lanes(day);
  // A short session shows its time and who on one line.
  for (const el of grid.querySelectorAll(".cal-session, .cal-request")) {
    el.classList.toggle("is-short", Number(el.dataset.to) - Number(el.dataset.from) < 45);
  }
  fit(grid);
}

// A block drawn to scale shows only the lines it has room for: the seats go first, then the
// type, then who (the panel and the link's text say everything). Nothing is cut off half-way.
function fit(grid) {
  for (const el of grid.querySelectorAll(".cal-session, .cal-request")) {
    const parts = [".cal-seats", ".cal-type", ".cal-who"].flatMap((c) => [...el.querySelectorAll(c)]);
    for (const part of parts) part.classList.remove("cal-cut");
    if (el.classList.contains("is-short")) continue;
    while (el.scrollHeight > el.clientHeight + 1 && parts.length) parts.shift().classList.add("cal-cut");
  }
}

// Overlapping sessions and requested times of one day share its width.
function lanes(day) {
  const items = [...day.querySelectorAll(".cal-session, .cal-request")]
    .map((el) => ({ el, from: Number(el.dataset.from), to: Number(el.dataset.to) }))
    .sort((a, b) => a.from - b.from || b.to - a.to);
  let cluster = [];
  let clusterEnd = -1;
  const flush = () => {
    const ends = [];
    for (const it of cluster) {
      let lane = ends.findIndex((end) => end <= it.from);
      if (lane < 0) {
        lane = ends.length;
        ends.push(0);
      }
      ends[lane] = it.to;
      it.lane = lane;
    }
    for (const it of cluster) {
      it.el.style.left = `${(it.lane / ends.length) * 100}%`;
      it.el.style.width = `${100 / ends.length}%`;
    }
    cluster = [];
  };
  for (const it of items) {
    if (cluster.length && it.from >= clusterEnd) flush();
    cluster.push(it);
    clusterEnd = Math.max(clusterEnd, it.to);
  }
  if (cluster.length) flush();
}

// ---- fetching the calendar again --------------------------------------------------------------

let loadSeq = 0;

function here() {
  return location.pathname + location.search + location.hash;
}

// Fetches the calendar at `url` and swaps it in; `push` adds it to the history.
async function load(url, options = {}) {
  inFlight += 1;
  try {
    return await swap(url, options);
  } finally {
    inFlight -= 1;
    // A change announced meanwhile is fetched once the coach's own step has landed.
    if (refreshWanted) setTimeout(flushRefresh, 0);
  }
}

let inFlight = 0;

async function swap(url, { push = true, replace = false, focus = null, quiet = false } = {}) {
  const seq = ++loadSeq;
  const target = new URL(url, location.origin);
  const partial = new URL(target);
  partial.hash = "";
  partial.searchParams.set("partial", "1");
  let res;
  try {
    res = await fetch(partial, { headers: { accept: "text/html" } });
  } catch {
    if (!quiet) say(t("js-offline"));
    return false;
  }
  if (seq !== loadSeq) return false;
  if (!res.ok) {
    // The server's own page says what went wrong (a date that does not read, a session gone).
    if (!quiet) location.href = target.href;
    return false;
  }
  const html = await res.text();
  if (seq !== loadSeq) return false;
  // A live refetch that lands while the coach is dragging would pull the session out from under
  // the pointer: it waits until the drag ends.
  if (quiet && drag) {
    refreshWanted = true;
    return false;
  }
  const r = root();
  if (!r) return false;
  const scroller = r.querySelector("[data-cal-scroll]");
  const keep = scroller ? { top: scroller.scrollTop, left: scroller.scrollLeft } : null;
  const focusedId = document.activeElement?.id;
  // A refetch of the same view keeps what the coach opened and typed in the panel's forms.
  const kept = quiet ? openForms(r) : [];
  r.innerHTML = html;
  for (const { id, values } of kept) {
    const details = document.getElementById(id);
    if (!details || !r.contains(details)) continue;
    details.open = true;
    for (const [name, value] of values) {
      const field = details.querySelector(`[id="${CSS.escape(name)}"]`);
      if (field && field.type !== "hidden") field.value = value;
    }
  }
  const path = target.pathname + target.search + target.hash;
  if (replace) history.replaceState(null, "", path);
  else if (push && path !== here()) history.pushState(null, "", path);
  enhance();
  const fresh = r.querySelector("[data-cal-scroll]");
  if (fresh && keep && !push) {
    fresh.scrollTop = keep.top;
    fresh.scrollLeft = keep.left;
  } else if (fresh) {
    scrollToWork(fresh);
  }
  if (focus) {
    (typeof focus === "string" ? r.querySelector(focus) : focus)?.focus();
  } else if (focusedId && !quiet) {
    document.getElementById(focusedId)?.focus();
  } else if (focusedId) {
    const again = document.getElementById(focusedId);
    if (again && r.contains(again)) again.focus({ preventScroll: true });
  }
  return true;
}

// The panel's open forms (by id) with the values typed into them.
function openForms(r) {
  return [...r.querySelectorAll("details[open][id]")].map((d) => ({
    id: d.id,
    values: [...d.querySelectorAll("input[id], textarea[id], select[id]")].map((f) => [f.id, f.value]),
  }));
}

// The week opens at the start of the working day rather than at its first drawn hour.
function scrollToWork(scroller) {
  const first = scroller.querySelector(".cal-window, .cal-session");
  if (!first) return;
  const top = first.offsetTop - HOUR_PX / 2;
  if (top > 0) scroller.scrollTop = top;
}

// ---- live updates -----------------------------------------------------------------------------

let refreshTimer = 0;
let refreshWanted = false;

function live() {
  if (!("EventSource" in window)) return;
  try {
    const events = new EventSource("/api/events");
    events.addEventListener("calendar", (event) => {
      // The stream first says the version as it is; only a newer one is news for this page.
      let version = NaN;
      try {
        version = Number(JSON.parse(event.data).version);
      } catch {
        version = NaN;
      }
      const shown = Number(root()?.querySelector("[data-cal-version]")?.dataset.calVersion);
      if (Number.isFinite(version) && Number.isFinite(shown) && version <= shown) return;
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => {
        refreshWanted = true;
        flushRefresh();
      }, 150);
    });
    // Marked on the page so that a test (or a curious coach) can tell the stream is open.
    events.addEventListener("open", () => {
      document.documentElement.dataset.calLive = "open";
    });
    events.addEventListener("error", () => {
      document.documentElement.dataset.calLive = "reconnecting";
    });
  } catch {
    /* no live updates: the calendar is current at each visit */
  }
}

// Refetches unless the coach is in the middle of something (a drag, typing in a form): then it
// waits for them to finish.
function flushRefresh() {
  if (!refreshWanted || drag || inFlight > 0) return;
  const active = document.activeElement;
  const typing = active && root()?.contains(active) && active.matches("input, textarea, select");
  if (typing || document.querySelector("dialog[open]")) return;
  refreshWanted = false;
  load(here(), { push: false, quiet: true });
}

// ---- clicks -----------------------------------------------------------------------------------

let suppressClick = false;

function plainClick(event) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

function onClick(event) {
  const r = root();
  if (!r || !r.contains(event.target)) return;
  if (suppressClick) {
    event.preventDefault();
    event.stopPropagation();
    suppressClick = false;
    return;
  }
  if (!plainClick(event)) return;
  const nav = event.target.closest("a[data-cal-nav]");
  if (nav) {
    event.preventDefault();
    load(nav.href, { focus: "#cal-title" });
    return;
  }
  const close = event.target.closest("a[data-cal-close]");
  if (close) {
    event.preventDefault();
    const id = close.closest("[data-cal-panel]")?.dataset.sessionId;
    closePanel(close.href, id);
    return;
  }
  const session = event.target.closest("a[data-session-id]");
  if (session && !session.closest("[data-cal-panel]")) {
    event.preventDefault();
    load(session.href, { focus: "#panel-title" });
    return;
  }
  if (event.target.closest("a, button, input, select, textarea, label, summary, details, form")) return;
  const day = event.target.closest("[data-cal-day]");
  if (day && r.querySelector("[data-cal-grid]")) {
    const grid = day.closest("[data-cal-grid]");
    const { first, last } = bounds(grid);
    const rect = day.getBoundingClientRect();
    const minute = snap(first + ((event.clientY - rect.top) / rect.height) * (last - first), 30);
    book(day.closest("[data-date]"), Math.min(Math.max(minute, first), last - SNAP));
    return;
  }
  const cell = event.target.closest("td[data-date]");
  if (cell) book(cell, null);
}

async function closePanel(href, id) {
  await load(href, { focus: null });
  const back = id && document.getElementById(`session-${id}`);
  (back || document.getElementById("cal-title"))?.focus();
}

function onSubmit(event) {
  const form = event.target.closest("form[data-cal-form]");
  if (!form) return;
  event.preventDefault();
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) {
    if (String(v).trim() !== "") params.set(k, String(v).trim());
  }
  load(`${PAGE}?${params}`, { focus: "#cal-title" });
}

function onKey(event) {
  if (event.key !== "Escape" || document.querySelector("dialog[open], details[open]")) return;
  const close = root()?.querySelector("a[data-cal-close]");
  if (!close) return;
  event.preventDefault();
  closePanel(close.href, close.closest("[data-cal-panel]")?.dataset.sessionId);
}

function snap(minute, step = SNAP) {
  return Math.floor(minute / step) * step;
}

// ---- booking an empty time --------------------------------------------------------------------

// The instant of `minute` on the day of `el` (its date and UTC offset in the zone shown).
function instantOf(el, minute) {
  const [y, m, d] = el.dataset.date.split("-").map(Number);
  return Date.UTC(y, m - 1, d, 0, minute) - Number(el.dataset.offset || 0) * 60000;
}

// Date and time of an instant as the coach's own clock shows it (the modal books in it).
function coachClock(ms, zone) {
  const parts = {};
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  for (const p of format.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

function opener() {
  let button = document.querySelector("[data-cal-opener]");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.hidden = true;
    button.dataset.calOpener = "";
    button.setAttribute("data-book-session", "");
    document.body.append(button);
  }
  return button;
}

function book(dayEl, minute) {
  if (!dayEl || !document.querySelector("[data-bs-dialog]")) return;
  const grid = root().querySelector("[data-cal-grid]");
  const zone = grid?.dataset.coachZone || document.querySelector("[data-bs-dialog]").dataset.timeZone;
  const type = grid?.dataset.type || "";
  const b = opener();
  delete b.dataset.startTime;
  if (minute === null) {
    b.dataset.date = dayEl.dataset.date;
  } else {
    const at = coachClock(instantOf(dayEl, minute), zone);
    b.dataset.date = at.date;
    b.dataset.startTime = at.time;
  }
  if (type) b.dataset.sessionTypeId = type;
  else delete b.dataset.sessionTypeId;
  b.click();
}

// ---- dragging a session -----------------------------------------------------------------------

let drag = null;

function onPointerDown(event) {
  const el = event.target.closest(".cal-session[data-movable]");
  const grid = el?.closest("[data-cal-grid]");
  if (!el || !grid || event.button !== 0 || event.pointerType === "touch") return;
  const rect = el.getBoundingClientRect();
  drag = {
    el,
    grid,
    pointerId: event.pointerId,
    x: event.clientX,
    y: event.clientY,
    grabY: event.clientY - rect.top,
    home: el.parentElement,
    from: Number(el.dataset.from),
    to: Number(el.dataset.to),
    moving: false,
    target: null,
  };
  document.addEventListener("pointermove", onPointerMove);
  document.addEventListener("pointerup", onPointerUp);
  document.addEventListener("pointercancel", cancelDrag);
}

function onPointerMove(event) {
  if (!drag || event.pointerId !== drag.pointerId) return;
  if (!drag.moving) {
    if (Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < 6) return;
    drag.moving = true;
    drag.el.classList.add("is-dragging");
    say(t("js-cal-dragging"));
  }
  event.preventDefault();
  const days = [...drag.grid.querySelectorAll("[data-cal-day]")];
  const day =
    days.find((d) => {
      const r = d.getBoundingClientRect();
      return event.clientX >= r.left && event.clientX < r.right;
    }) || drag.el.parentElement;
  const { first, last } = bounds(drag.grid);
  const rect = day.getBoundingClientRect();
  const length = drag.to - drag.from;
  let minute = first + ((event.clientY - drag.grabY - rect.top) / rect.height) * (last - first);
  minute = Math.round(minute / SNAP) * SNAP;
  minute = Math.min(Math.max(minute, first), Math.max(last - length, first));
  if (drag.el.parentElement !== day) day.append(drag.el);
  const span = last - first;
  drag.el.style.top = `${((minute - first) / span) * 100}%`;
  drag.el.style.left = "0";
  drag.el.style.width = "100%";
  const time = drag.el.querySelector(".cal-time");
  if (time) {
    time.dataset.was ??= time.textContent;
    time.textContent = `${clock(minute)}–${clock(minute + length)}`;
  }
  drag.target = { day: day.closest("[data-date]"), minute };
}

function clock(m) {
  const h = Math.floor(m / 60) % 24;
  return `${String(h).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

function endDrag() {
  document.removeEventListener("pointermove", onPointerMove);
  document.removeEventListener("pointerup", onPointerUp);
  document.removeEventListener("pointercancel", cancelDrag);
  const d = drag;
  drag = null;
  d?.el.classList.remove("is-dragging");
  if (refreshWanted) setTimeout(flushRefresh, 0);
  return d;
}

function cancelDrag() {
  const d = endDrag();
  if (d?.moving) load(here(), { push: false, quiet: true });
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && drag?.moving) {
    event.preventDefault();
    cancelDrag();
    say(t("js-cal-drag-cancelled"));
  }
});

async function onPointerUp(event) {
  if (!drag || event.pointerId !== drag.pointerId) return;
  const d = endDrag();
  if (!d.moving) return;
  // The click that follows a drag is not a click on the session.
  suppressClick = true;
  setTimeout(() => {
    suppressClick = false;
  }, 0);
  const to = d.target;
  const sameDay = to && to.day === d.home.closest("[data-date]");
  if (!to || (sameDay && to.minute === d.from)) {
    load(here(), { push: false, quiet: true });
    return;
  }
  await moveSession(d.el.dataset.sessionId, new Date(instantOf(to.day, to.minute)));
}

async function moveSession(id, when) {
  hideAlert();
  say(t("js-cal-moving"));
  let res;
  let body = null;
  try {
    res = await fetch(`/api/sessions/${encodeURIComponent(id)}/move`, {
      method: "POST",
      headers: apiHeaders({ "content-type": "application/json", accept: "application/json" }),
      body: JSON.stringify({ start: when.toISOString().replace(".000Z", "Z") }),
    });
    try {
      body = await res.json();
    } catch {
      body = null;
    }
  } catch {
    res = null;
  }
  if (res && res.ok) {
    say(t("js-cal-moved"));
  } else {
    const message =
      body?.error?.fields?.[0]?.message ||
      body?.error?.message ||
      t("js-cal-move-failed");
    showAlert(t("js-cal-not-moved", { reason: message }));
  }
  await load(here(), { push: false, quiet: true });
}

// ---- messages ---------------------------------------------------------------------------------

function say(message) {
  if (statusLine) statusLine.textContent = message;
}

function showAlert(message) {
  say(message);
  if (!alertBox) return;
  const text = alertBox.querySelector("[data-cal-alert-text]") || alertBox;
  text.textContent = message;
  alertBox.hidden = false;
}

alertBox?.querySelector("[data-cal-alert-close]")?.addEventListener("click", hideAlert);

function hideAlert() {
  if (alertBox) alertBox.hidden = true;
}

// The BookSessionModal refreshes the page's regions after a booking, replacing the calendar's
// element: the new one is drawn again.
function watchReplacement() {
  const parent = root()?.parentElement;
  if (!parent) return;
  new MutationObserver(() => {
    const r = root();
    if (r && !r.classList.contains("cal-js")) enhance();
  }).observe(parent, { childList: true });
}
