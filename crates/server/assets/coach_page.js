// The coach's page: the booking calendar as week, month and list views in the viewer's time zone
// (detected, changeable, remembered), booking in a dialog, and live updates from the coach's
// event stream. Without this script the page lists a week of open times and books by links.

const { t, tn, parts, apiHeaders } = globalThis.coachbook;

const root = document.querySelector("[data-coach-page]");
if (root) init(root);

const ZONE_KEY = "coachbook.timeZone";

// ---- Civil dates as "YYYY-MM-DD" strings (no time zone of their own) ---------------------------

function asUtc(day) {
  return new Date(`${day}T00:00:00Z`);
}

function iso(date) {
  return date.toISOString().slice(0, 10);
}

function addDays(day, n) {
  const d = asUtc(day);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

function weekStart(day) {
  const d = asUtc(day);
  return addDays(day, -((d.getUTCDay() + 6) % 7));
}

function monthStart(day) {
  return `${day.slice(0, 7)}-01`;
}

function addMonths(day, n) {
  const d = asUtc(monthStart(day));
  d.setUTCMonth(d.getUTCMonth() + n);
  return iso(d);
}

function todayIn(zone) {
  try {
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
    }).format(new Date());
  } catch {
    return iso(new Date());
  }
}

// Dates in the page's language (the server's choice, in <html lang>); English with the day first.
const pageLang = document.documentElement.lang === "en" ? "en-GB" : document.documentElement.lang || "en-GB";
const dayLabel = new Intl.DateTimeFormat(pageLang, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat(pageLang, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const monthLabel = new Intl.DateTimeFormat(pageLang, { month: "long", year: "numeric", timeZone: "UTC" });
const weekdayLabel = new Intl.DateTimeFormat(pageLang, { weekday: "short", timeZone: "UTC" });

/// "2026-11-09T10:00:00+01:00" -> its date and wall-clock time as written (the API writes times
/// in the zone asked for).
const dateOf = (rfc) => rfc.slice(0, 10);
const timeOf = (rfc) => rfc.slice(11, 16);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("data-") || k.startsWith("aria-") || k === "role" || k === "type" || k === "href" || k === "title") node.setAttribute(k, v === true ? "" : v);
    else node[k] = v;
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function swatch(colour) {
  const s = el("span", { class: "swatch", "aria-hidden": "true" });
  if (/^#[0-9a-f]{6}$/i.test(colour || "")) s.style.backgroundColor = colour;
  return s;
}

function init(root) {
  const slug = root.dataset.slug;
  const canBook = root.dataset.canBook === "true";
  const tzSelect = root.querySelector("[data-cp-tz]");
  const typeSelect = root.querySelector("[data-cp-type]");
  const body = root.querySelector("[data-cp-body]");
  const rangeLabel = root.querySelector("[data-cp-range]");
  const views = root.querySelector("[data-cp-views]");
  const hint = root.querySelector("[data-cp-nav] + .hint");
  const controls = root.querySelector("[data-cp-controls]");
  const params = new URLSearchParams(location.search);
  const known = new Set([...tzSelect.options].map((o) => o.value));

  let stored = null;
  try { stored = localStorage.getItem(ZONE_KEY); } catch { /* private mode */ }
  let detected = null;
  try { detected = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch { /* old browser */ }
  const zone0 = [params.get("tz"), stored, detected, root.dataset.zone].find((z) => z && known.has(z));
  const state = {
    zone: zone0 || root.dataset.zone,
    view: matchMedia("(max-width: 719px)").matches ? "list" : "week",
    cursor: params.get("week") || root.dataset.week,
    type: typeSelect ? typeSelect.value : "",
    data: null,
    types: new Map(),
    picked: null,
  };
  if (!params.get("week")) state.cursor = todayIn(state.zone);
  tzSelect.value = state.zone;

  root.querySelector("[data-cp-apply]")?.setAttribute("hidden", "");
  views.hidden = false;
  controls.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  tzSelect.addEventListener("change", () => {
    state.zone = tzSelect.value;
    try { localStorage.setItem(ZONE_KEY, state.zone); } catch { /* private mode */ }
    load();
  });
  typeSelect?.addEventListener("change", () => { state.type = typeSelect.value; load(); });
  for (const b of views.querySelectorAll("[data-view]")) {
    b.addEventListener("click", () => { state.view = b.dataset.view; load(); });
  }
  const step = (n) => {
    state.cursor = state.view === "month" ? addMonths(state.cursor, n) : addDays(state.cursor, 7 * n);
    load();
  };
  root.querySelector("[data-cp-prev]").addEventListener("click", (e) => { e.preventDefault(); step(-1); });
  root.querySelector("[data-cp-next]").addEventListener("click", (e) => { e.preventDefault(); step(1); });
  root.querySelector("[data-cp-today]").addEventListener("click", (e) => {
    e.preventDefault();
    state.cursor = todayIn(state.zone);
    load();
  });

  function range() {
    if (state.view === "month") {
      const first = monthStart(state.cursor);
      const from = weekStart(first);
      const last = addDays(addMonths(first, 1), -1);
      return { from, to: addDays(weekStart(last), 7), first };
    }
    const from = weekStart(state.cursor);
    return { from, to: addDays(from, 7) };
  }

  let loading = 0;
  async function load() {
    const mine = ++loading;
    const r = range();
    for (const b of views.querySelectorAll("[data-view]")) {
      b.setAttribute("aria-pressed", String(b.dataset.view === state.view));
    }
    rangeLabel.textContent = state.view === "month"
      ? monthLabel.format(asUtc(r.first))
      : `${longDay.format(asUtc(r.from))} – ${longDay.format(asUtc(addDays(r.to, -1)))}`;
    if (hint) hint.textContent = t("js-cp-times-in", { zone: state.zone });
    body.setAttribute("aria-busy", "true");
    const q = new URLSearchParams({ from: r.from, to: r.to, timeZone: state.zone });
    if (state.type) q.set("sessionTypeId", state.type);
    try {
      const res = await fetch(`/api/coaches/${encodeURIComponent(slug)}/calendar?${q}`, { headers: apiHeaders({ accept: "application/json" }) });
      const json = await res.json();
      if (mine !== loading) return;
      if (!res.ok) throw new Error(json?.error?.message || t("js-cp-load-failed"));
      state.data = json;
      for (const type of json.sessionTypes) state.types.set(type.id, type);
      render(r);
      root.dataset.cpReady = String(mine);
    } catch (err) {
      if (mine !== loading) return;
      body.replaceChildren(el("p", { class: "alert", role: "alert" }, t("js-cp-load-error", { error: err.message })));
    } finally {
      if (mine === loading) body.removeAttribute("aria-busy");
    }
  }

  /// Open times and booked blocks by date, each list in time order.
  function byDay() {
    const days = new Map();
    const put = (day, item) => {
      if (!days.has(day)) days.set(day, []);
      days.get(day).push(item);
    };
    for (const s of state.data.slots) put(dateOf(s.start), { kind: "slot", at: s.start, slot: s });
    for (const b of state.data.booked) put(dateOf(b.start), { kind: "booked", at: b.start, block: b });
    for (const list of days.values()) list.sort((a, b) => a.at.localeCompare(b.at));
    return days;
  }

  function item(it) {
    if (it.kind === "booked") {
      const when = el("span", { class: "cp-time" }, `${timeOf(it.block.start)}–${timeOf(it.block.end)}`);
      // The API's label is English: the page's own words say the same ("Booked · Coaching").
      const label = it.block.sessionType ? t("js-cp-booked-as", { type: it.block.sessionType }) : t("js-cp-booked-block");
      // A full group session: its waitlist can be joined.
      if (it.block.waitlistPath) {
        return el("li", {}, el("a", { class: "cp-booked cp-waitlist", href: it.block.waitlistPath },
          when, " ", label, " · ", t("js-cp-full-waitlist")));
      }
      return el("li", {}, el("span", { class: "cp-booked" }, when, " ", label));
    }
    const s = it.slot;
    const type = state.types.get(s.sessionTypeId) || { name: t("js-cp-session"), colour: "" };
    const seats = s.seatsLeft ? tn("js-cp-seats-left", s.seatsLeft) : "";
    // With one type on show its name is in the heading; with several, each time says its own.
    const named = state.data.sessionTypes.length > 1;
    const inner = [el("span", { class: "cp-time" }, timeOf(s.start)),
      named ? " " : null, named ? swatch(type.colour) : null,
      named || seats ? el("span", { class: "cp-type-name" }, named ? [type.name, seats].filter(Boolean).join(" · ") : seats) : null];
    if (!canBook) return el("li", {}, el("span", { class: "cp-slot is-static" }, ...inner));
    // The accessible name starts with what is visible ("09:00 Coaching session"), then says the
    // day and what the button does.
    const date = longDay.format(asUtc(dateOf(s.start)));
    const spoken = named ? t("js-cp-slot-book", { date }) : ` ${t("js-cp-slot-book-type", { type: type.name, date })}`;
    const button = el("button", { type: "button", class: "cp-slot", "data-start": s.start, "data-type": String(s.sessionTypeId) }, ...inner,
      el("span", { class: "visually-hidden" }, spoken));
    button.addEventListener("click", () => pick(s));
    return el("li", {}, button);
  }

  function emptyNote() {
    const month = state.view === "month";
    if (!canBook) return el("p", { class: "empty-state" }, t(month ? "js-cp-empty-month" : "js-cp-empty-week"));
    const link = el("a", { href: `/c/${slug}/request` }, t("js-cp-ask-for-a-time"));
    return el("p", { class: "empty-state" }, ...parts(month ? "js-cp-empty-month-ask" : "js-cp-empty-week-ask", { link }));
  }

  function render(r) {
    const days = byDay();
    const today = todayIn(state.zone);
    if (state.view === "list") {
      const list = el("ol", { class: "cp-days" });
      for (let d = r.from; d < r.to; d = addDays(d, 1)) {
        const items = days.get(d);
        if (!items) continue;
        list.append(el("li", { class: "cp-day", "data-date": d },
          el("h3", { class: "cp-day-head" }, d === today ? t("js-cp-day-today", { day: longDay.format(asUtc(d)) }) : longDay.format(asUtc(d))),
          el("ul", { class: "cp-items" }, ...items.map(item))));
      }
      body.replaceChildren(list.children.length ? list : emptyNote());
      return;
    }
    if (state.view === "week") {
      const grid = el("div", { class: "cp-week" });
      for (let d = r.from; d < r.to; d = addDays(d, 1)) {
        const items = days.get(d) || [];
        grid.append(el("section", { class: `cp-col${d === today ? " is-today" : ""}`, "data-date": d, "aria-label": longDay.format(asUtc(d)) },
          el("h3", { class: "cp-day-head" }, dayLabel.format(asUtc(d))),
          items.length ? el("ul", { class: "cp-items" }, ...items.map(item)) : el("p", { class: "muted cp-none" }, t("js-cp-no-times"))));
      }
      body.replaceChildren(grid);
      if (!state.data.slots.length) body.append(emptyNote());
      return;
    }
    // Month: a grid of days with how many times are open; a day opens its list below.
    const table = el("table", { class: "cp-month" });
    const head = el("tr", {});
    // Monday 5 January 2026 and the six days after it.
    for (let i = 0; i < 7; i++) head.append(el("th", { scope: "col" }, weekdayLabel.format(asUtc(addDays("2026-01-05", i)))));
    table.append(el("thead", {}, head));
    const tbody = el("tbody");
    const detail = el("div", { class: "cp-month-day", "aria-live": "polite" });
    const month = r.first.slice(0, 7);
    let row;
    for (let d = r.from, i = 0; d < r.to; d = addDays(d, 1), i++) {
      if (i % 7 === 0) { row = el("tr"); tbody.append(row); }
      const items = days.get(d) || [];
      const open = items.filter((x) => x.kind === "slot").length;
      const outside = d.slice(0, 7) !== month;
      const cell = el("td", { class: `${outside ? "is-outside" : ""}${d === today ? " is-today" : ""}` });
      const num = Number(d.slice(8));
      if (open && !outside) {
        const b = el("button", { type: "button", class: "cp-month-cell", "aria-label": tn("js-cp-day-open", open, { day: longDay.format(asUtc(d)) }) },
          el("span", { class: "cp-month-num" }, num), el("span", { class: "cp-month-count" }, tn("js-cp-open", open)));
        b.addEventListener("click", () => {
          for (const x of tbody.querySelectorAll("[aria-pressed]")) x.setAttribute("aria-pressed", "false");
          b.setAttribute("aria-pressed", "true");
          detail.replaceChildren(el("h3", { class: "cp-day-head" }, longDay.format(asUtc(d))), el("ul", { class: "cp-items" }, ...items.map(item)));
        });
        b.setAttribute("aria-pressed", "false");
        cell.append(b);
      } else {
        cell.append(el("span", { class: "cp-month-num" }, num));
      }
      row.append(cell);
    }
    table.append(tbody);
    body.replaceChildren(el("div", { class: "cp-month-wrap" }, table), detail);
    if (!state.data.slots.some((s) => dateOf(s.start).slice(0, 7) === month)) body.append(emptyNote());
  }

  // ---- The booking dialog ------------------------------------------------------------------

  const dialog = document.querySelector("[data-cp-dialog]");
  const form = dialog.querySelector("[data-cp-form]");
  const q = (sel) => dialog.querySelector(sel);
  const errorBox = q("[data-cp-error]");
  const nearestBox = q("[data-cp-nearest]");
  const formBody = q("[data-cp-dialog-body]");
  const done = q("[data-cp-done]");
  const submit = q("[data-cp-submit]");
  const cancel = q("[data-cp-cancel]");

  function whenLabel(start, end) {
    return t("js-cp-when", { day: longDay.format(asUtc(dateOf(start))), start: timeOf(start), end: timeOf(end), zone: state.zone });
  }

  function endOf(start, minutes) {
    // The end as written in the same offset: only its wall-clock time is shown.
    const ms = Date.parse(start) + minutes * 60000;
    const offset = start.slice(19);
    const sign = offset === "Z" ? 0 : (offset[0] === "-" ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
    return new Date(ms + sign * 60000).toISOString().slice(0, 19) + offset;
  }

  function clearErrors() {
    errorBox.hidden = true;
    errorBox.textContent = "";
    nearestBox.hidden = true;
    nearestBox.replaceChildren();
    for (const p of dialog.querySelectorAll(".field-error")) { p.hidden = true; p.textContent = ""; }
    for (const f of dialog.querySelectorAll(".field.has-error")) f.classList.remove("has-error");
    for (const i of dialog.querySelectorAll("[aria-invalid]")) {
      i.removeAttribute("aria-invalid");
      const hintId = `${i.id}-hint`;
      if (document.getElementById(hintId)) i.setAttribute("aria-describedby", hintId);
      else i.removeAttribute("aria-describedby");
    }
  }

  function choose(slot) {
    const type = state.types.get(slot.sessionTypeId) || { name: t("js-cp-session"), durationMinutes: 60 };
    state.picked = { ...slot, end: slot.end || endOf(slot.start, type.durationMinutes) };
    q("[data-cp-chosen-type]").textContent = type.name;
    const sw = q("[data-cp-chosen-swatch]");
    sw.style.backgroundColor = /^#[0-9a-f]{6}$/i.test(type.colour || "") ? type.colour : "";
    q("[data-cp-chosen-when]").textContent = whenLabel(state.picked.start, state.picked.end);
    const note = q("[data-cp-chosen-note]");
    note.hidden = !type.requiresApproval;
    note.textContent = type.requiresApproval ? t("js-cp-approval") : "";
    const credit = q("[data-cp-chosen-credit]");
    credit.hidden = !type.credits;
    credit.textContent = type.credits
      ? tn("js-cp-credit", type.credits.remaining, { package: type.credits.packageName })
      : "";
    q("[data-cp-field-type]").value = slot.sessionTypeId;
    q("[data-cp-field-start]").value = slot.start;
    q("[data-cp-field-tz]").value = state.zone;
  }

  function pick(slot) {
    clearErrors();
    formBody.hidden = false;
    done.hidden = true;
    submit.hidden = false;
    submit.disabled = false;
    cancel.textContent = t("js-cp-cancel");
    q("[data-cp-dialog-title]").textContent = t("js-cp-confirm-title");
    choose(slot);
    dialog.showModal();
    const first = dialog.querySelector("#cp-name") || submit;
    first.focus();
  }

  for (const c of dialog.querySelectorAll("[data-cp-close]")) c.addEventListener("click", () => dialog.close());

  function fieldError(field, message) {
    const input = dialog.querySelector(`#cp-${field}`);
    const p = dialog.querySelector(`#cp-${field}-error`);
    if (!input || !p) return false;
    p.textContent = message;
    p.hidden = false;
    input.closest(".field")?.classList.add("has-error");
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", p.id);
    return true;
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!state.picked) return;
    clearErrors();
    submit.disabled = true;
    const data = new FormData(form);
    if (data.get("website")) { dialog.close(); return; }
    const payload = {
      sessionTypeId: state.picked.sessionTypeId,
      start: state.picked.start,
      timeZone: state.zone,
      name: data.get("name") || "",
      email: data.get("email") || "",
      notes: data.get("notes") || "",
    };
    let res;
    let json = null;
    try {
      res = await fetch(`/api/coaches/${encodeURIComponent(slug)}/bookings`, {
        method: "POST",
        headers: apiHeaders({ "content-type": "application/json", accept: "application/json" }),
        body: JSON.stringify(payload),
      });
      json = await res.json().catch(() => null);
    } catch {
      submit.disabled = false;
      showError(t("js-cp-send-failed"));
      return;
    }
    submit.disabled = false;
    if (res.status === 201) {
      booked(json);
      load();
      return;
    }
    const err = json?.error || {};
    if (res.status === 409 && err.code === "slot_taken") {
      showError(t("js-cp-taken"));
      if (err.nearest?.length) {
        nearestBox.append(el("p", {}, t("js-cp-nearest")));
        const list = el("ul", { class: "cp-nearest" });
        for (const start of err.nearest) {
          const b = el("button", { type: "button", class: "button small" }, t("js-cp-at", { day: longDay.format(asUtc(dateOf(start))), time: timeOf(start) }));
          b.addEventListener("click", () => {
            clearErrors();
            choose({ sessionTypeId: state.picked.sessionTypeId, start });
            submit.focus();
          });
          list.append(el("li", {}, b));
        }
        nearestBox.append(list);
        nearestBox.hidden = false;
      }
      load();
      return;
    }
    if (res.status === 409 && err.requestPath) {
      showError(err.message.split(": /c/")[0]);
      nearestBox.append(el("a", { class: "button small", href: err.requestPath }, t("js-cp-send-request")));
      nearestBox.hidden = false;
      return;
    }
    if (res.status === 422 && err.fields?.length) {
      const rest = err.fields.filter((f) => !fieldError(f.field, f.message));
      showError(rest.length ? rest.map((f) => f.message).join(" ") : t("js-fix-fields"));
      dialog.querySelector("[aria-invalid=true]")?.focus();
      return;
    }
    showError(err.message || t("js-cp-failed"));
  });

  function booked(b) {
    formBody.hidden = true;
    submit.hidden = true;
    cancel.textContent = t("js-cp-close");
    const pending = b.status === "pending";
    q("[data-cp-dialog-title]").textContent = t(pending ? "js-cp-requested" : "js-cp-booked");
    q("[data-cp-done-title]").textContent = pending
      ? t("js-cp-held")
      : t("js-cp-type-booked", { session: b.sessionTypeName });
    q("[data-cp-done-when]").textContent = whenLabel(b.start, b.end);
    q("[data-cp-done-note]").textContent = t(b.usesCredit ? "js-cp-confirmation-credit" : "js-cp-confirmation", { email: b.email });
    q("[data-cp-ics]").href = b.calendarPath;
    q("[data-cp-ics]").setAttribute("download", "");
    q("[data-cp-manage]").href = b.managePath;
    done.hidden = false;
    done.focus();
  }

  // ---- Live updates: the coach's calendar changed somewhere -----------------------------------

  let again = null;
  const refresh = () => {
    clearTimeout(again);
    again = setTimeout(load, 150);
  };
  if ("EventSource" in window) {
    try {
      const events = new EventSource(`/api/coaches/${encodeURIComponent(slug)}/events`);
      events.addEventListener("calendar", refresh);
      events.addEventListener("error", () => { /* the browser retries; a missing stream stays closed */ });
    } catch { /* no live updates */ }
  }

  load();
}
