// The Availability page, enhanced: add and remove windows, copy a day to others in place, and a
// preview of the next two weeks' open slots that follows the weekly hours and booking rules as
// they are edited (unsaved). The page works without this script; see web/pages/availability.rs.

const { t, tn } = globalThis.coachbook;

const hoursForm = document.querySelector("[data-hours-form]");
const policyForm = document.querySelector("[data-policy-form]");
const panel = document.querySelector("[data-preview]");
const typeSelect = panel?.querySelector("[data-preview-type]");
const status = panel?.querySelector("[data-preview-status]");
const body = panel?.querySelector("[data-preview-body]");
const hoursStatus = hoursForm?.querySelector("[data-hours-status]");

// Controls that only make sense without the script, and those that need it.
for (const el of document.querySelectorAll("[data-nojs], [data-nojs-hint]")) el.hidden = true;

// ---------------------------------------------------------------------------------------------
// Weekly hours.

const rowsOf = (day) => [...day.querySelectorAll(".window-row")];
const filled = (row) => [...row.querySelectorAll("input[type=time]")].some((i) => i.value !== "");

function markDirty(message) {
  if (hoursStatus) hoursStatus.textContent = message || t("js-av-unsaved");
}

function newRow(day, start = "", end = "") {
  const template = rowsOf(day)[0];
  const row = template.cloneNode(true);
  row.classList.remove("is-blank");
  const [from, to] = row.querySelectorAll("input[type=time]");
  from.value = start;
  to.value = end;
  row.querySelector("input[type=hidden]").value = "||";
  setRepeat(row, "1", "");
  row.querySelector(".window-scope")?.remove();
  wireRow(day, row);
  return row;
}

// How often a window repeats: its "Every N weeks" choice and "starting the week of" date.
function repeatOf(row) {
  return [row.querySelector("select")?.value || "1", row.querySelector("input[type=date]")?.value || ""];
}

function setRepeat(row, every, anchor) {
  const select = row.querySelector("select");
  if (select) {
    if (![...select.options].some((o) => o.value === every)) select.add(new Option(tn("js-av-every-weeks", Number(every)), every));
    select.value = every;
  }
  const date = row.querySelector("input[type=date]");
  if (date) date.value = anchor;
}

function wireRow(day, row) {
  const remove = row.querySelector("[data-remove-window]");
  remove.hidden = false;
  remove.addEventListener("click", () => {
    const rows = rowsOf(day);
    if (rows.length > 1) {
      const next = rows[rows.indexOf(row) + 1] || rows[rows.indexOf(row) - 1];
      row.remove();
      next.querySelector("input")?.focus();
    } else {
      // The last window: the day becomes unavailable.
      for (const input of row.querySelectorAll("input[type=time]")) input.value = "";
      day.querySelector(".day-on").checked = false;
      day.querySelector(".day-on").focus();
    }
    changed();
  });
}

function setupDay(day) {
  // Without the script each day has a blank row for adding a window; "Add window" replaces it.
  for (const row of rowsOf(day)) {
    if (row.classList.contains("is-blank") && rowsOf(day).length > 1) row.remove();
  }
  for (const row of rowsOf(day)) wireRow(day, row);

  const add = day.querySelector("[data-add-window]");
  add.hidden = false;
  add.addEventListener("click", () => {
    const rows = rowsOf(day);
    const last = rows[rows.length - 1];
    const lastEnd = last.querySelectorAll("input[type=time]")[1].value;
    let row;
    if (!filled(last)) {
      row = last;
    } else {
      row = newRow(day, lastEnd, "");
      last.after(row);
    }
    day.querySelector(".day-on").checked = true;
    row.querySelector("input[type=time]").focus();
    changed();
  });

  const on = day.querySelector(".day-on");
  on.addEventListener("change", () => {
    if (on.checked && !rowsOf(day).some(filled)) {
      const [from, to] = rowsOf(day)[0].querySelectorAll("input[type=time]");
      from.value = "09:00";
      to.value = "17:00";
    }
  });

  const copy = day.querySelector("[data-copy]");
  copy.addEventListener("click", (event) => {
    event.preventDefault();
    const menu = copy.closest("details");
    const targets = [...menu.querySelectorAll("input[type=checkbox]:checked")];
    if (targets.length === 0) {
      markDirty(t("js-av-tick-days", { day: day.dataset.name }));
      return;
    }
    const windows = rowsOf(day).filter(filled).map((row) => {
      const [from, to] = row.querySelectorAll("input[type=time]");
      return [from.value, to.value, row.querySelector("input[type=hidden]").value, ...repeatOf(row)];
    });
    const names = [];
    for (const box of targets) {
      const target = hoursForm.querySelector(`[data-day="${box.value}"]`);
      if (!target) continue;
      const rows = rowsOf(target);
      const keep = rows[0];
      for (const extra of rows.slice(1)) extra.remove();
      const [from, to] = keep.querySelectorAll("input[type=time]");
      [from.value, to.value] = windows[0] ? windows[0].slice(0, 2) : ["", ""];
      keep.querySelector("input[type=hidden]").value = windows[0] ? windows[0][2] : "||";
      setRepeat(keep, windows[0] ? windows[0][3] : "1", windows[0] ? windows[0][4] : "");
      keep.querySelector(".window-scope")?.remove();
      let after = keep;
      for (const [start, end, scope, every, anchor] of windows.slice(1)) {
        const row = newRow(target, start, end);
        row.querySelector("input[type=hidden]").value = scope;
        setRepeat(row, every, anchor);
        after.after(row);
        after = row;
      }
      target.querySelector(".day-on").checked = day.querySelector(".day-on").checked;
      names.push(target.dataset.name);
      box.checked = false;
    }
    menu.open = false;
    menu.querySelector("summary").focus();
    markDirty(t("js-av-copied", { day: day.dataset.name, days: names.join(", ") }));
    refresh();
  });
}

function changed() {
  markDirty();
  schedule();
}

if (hoursForm) {
  for (const day of hoursForm.querySelectorAll("[data-day]")) setupDay(day);
  hoursForm.addEventListener("input", changed);
  hoursForm.addEventListener("change", changed);
}
policyForm?.addEventListener("input", schedule);
policyForm?.addEventListener("change", schedule);

// ---------------------------------------------------------------------------------------------
// The preview.

let timer;
let inflight;

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(refresh, 350);
}

typeSelect?.addEventListener("change", () => {
  const url = new URL(window.location.href);
  url.searchParams.set("type", typeSelect.value);
  history.replaceState(null, "", url);
  refresh();
});

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderPreview(preview) {
  const nodes = [];
  if (preview.emptyReason) nodes.push(el("p", "preview-empty", preview.emptyReason));
  if (preview.total > 0) {
    const list = el("ol", "preview-days");
    for (const day of preview.days) {
      const item = el("li", "preview-day");
      item.dataset.date = day.date;
      const head = el("h3", "", `${day.label} `);
      head.append(el("span", "preview-count", day.slots.length ? String(day.slots.length) : t("js-av-none")));
      item.append(head);
      if (day.slots.length) {
        const slots = el("ul", "slots");
        for (const s of day.slots) slots.append(el("li", "slot", s));
        item.append(slots);
      }
      list.append(item);
    }
    nodes.push(list);
  }
  body.replaceChildren(...nodes);
}

function renderError(error) {
  const box = el("div", "preview-error");
  box.setAttribute("role", "alert");
  box.append(el("p", "", t("js-av-cannot-preview")));
  const messages = error?.fields?.length ? error.fields.map((f) => f.message) : [error?.message || t("js-av-went-wrong")];
  const list = el("ul");
  for (const m of messages) list.append(el("li", "", m));
  box.append(list);
  body.replaceChildren(box);
}

async function refresh() {
  if (!panel || !body) return;
  clearTimeout(timer);
  inflight?.abort();
  const controller = new AbortController();
  inflight = controller;
  const data = new URLSearchParams();
  for (const form of [hoursForm, policyForm]) {
    if (!form) continue;
    for (const [name, value] of new FormData(form)) {
      if (name !== "copy") data.append(name, value);
    }
  }
  if (typeSelect) data.set("sessionTypeId", typeSelect.value);
  panel.setAttribute("aria-busy", "true");
  panel.classList.add("is-loading");
  if (status) status.textContent = t("js-av-updating");
  try {
    const res = await fetch("/admin/availability/preview", {
      method: "POST",
      body: data,
      headers: { accept: "application/json" },
      signal: controller.signal,
    });
    const json = await res.json().catch(() => null);
    if (res.ok && json) {
      renderPreview(json);
      if (status) status.textContent = t("js-av-showing");
    } else {
      renderError(json?.error);
      if (status) status.textContent = t("js-av-fix-draft");
    }
  } catch (e) {
    if (e.name === "AbortError") return;
    renderError({ message: t("js-av-offline") });
  } finally {
    if (inflight === controller) {
      panel.removeAttribute("aria-busy");
      panel.classList.remove("is-loading");
      inflight = undefined;
    }
  }
}
