// Progressive enhancement for every page. Pages work without it.

// ---- Words for scripts, in the page's language (docs/i18n.md, "Scripts") ----------------------
// The server writes the messages scripts need into the page (#cb-messages: JSON in base64, from
// scripts.ftl); `t(id, vars)` fills in their `{name}` variables, `tn(id, count, vars)` picks the
// plural form (`id-one`, `id-other`) by Intl's rules for <html lang>, `parts` returns text and
// nodes (a link in a sentence). Page scripts take them from `globalThis.coachbook`: this module runs before
// them (module scripts run in document order, and this one is in <head>).
const lang = document.documentElement.lang || "en";
let messages = null;

function catalogue() {
  if (messages) return messages;
  try {
    // JSON in base64 (UTF-8): see `script_messages` in src/app/i18n.rs.
    const encoded = document.getElementById("cb-messages")?.textContent.trim() || "";
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    messages = encoded ? JSON.parse(new TextDecoder().decode(bytes)) : {};
  } catch {
    console.warn("coachbook: the page's messages for scripts do not read");
    messages = {};
  }
  return messages;
}

const numbers = new Intl.NumberFormat(lang);
const plurals = new Intl.PluralRules(lang);

function lookUp(id) {
  const text = catalogue()[id];
  if (typeof text === "string") return text;
  console.warn(`coachbook: no message "${id}" for this page`);
  return id;
}

function fill(value) {
  return typeof value === "number" ? numbers.format(value) : String(value ?? "");
}

// The message split at its variables: text, and each variable's value as given (a Node stays one).
function parts(id, vars = {}) {
  return lookUp(id)
    .split(/(\{[a-zA-Z][a-zA-Z0-9_-]*\})/)
    .filter((piece) => piece !== "")
    .map((piece) => {
      const name = /^\{(.+)\}$/.exec(piece)?.[1];
      if (!name || !(name in vars)) return piece;
      const value = vars[name];
      return value instanceof Node ? value : fill(value);
    });
}

function t(id, vars = {}) {
  return parts(id, vars).map((p) => (p instanceof Node ? p.textContent : p)).join("");
}

function pluralId(id, count) {
  const form = `${id}-${plurals.select(count)}`;
  return form in catalogue() ? form : `${id}-other`;
}

function tn(id, count, vars = {}) {
  return t(pluralId(id, count), { count, ...vars });
}

// Headers for a request to the JSON API: it answers in English unless asked for the page's
// language by name (`Coachbook-Language`), so a refusal shown here reads like the rest of the page.
function apiHeaders(headers = {}) {
  return { ...headers, "coachbook-language": lang };
}

globalThis.coachbook = Object.freeze({ lang, t, tn, parts, apiHeaders });

// The phone-sized navigation opens and closes with its button.
for (const toggle of document.querySelectorAll("[data-nav-toggle]")) {
  const nav = document.getElementById(toggle.getAttribute("aria-controls"));
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    nav?.classList.toggle("open", open);
  });
}

// An empty time zone field starts with the browser's own zone.
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
for (const input of document.querySelectorAll("input[data-default-zone]")) {
  if (!input.value && browserZone) input.value = browserZone;
}

// The first field with an error gets the focus, so keyboard users land on what to fix.
document.querySelector("[aria-invalid=true]")?.focus();

// Colour swatches take their colour from data, since the CSP forbids inline styles.
for (const swatch of document.querySelectorAll(".swatch[data-color]")) {
  const color = swatch.dataset.color;
  if (/^#[0-9a-f]{6}$/i.test(color)) swatch.style.backgroundColor = color;
}

// "New …" dialogs: a link to #id opens the <dialog> of that id as a modal. Without this script
// the link targets the dialog and CSS shows it in place; a form sent back with errors arrives
// already open. Closing keeps what was typed, so reopening continues where the coach left off.
function openDialog(dialog) {
  if (!dialog.showModal) return false;
  if (dialog.open) dialog.close();
  dialog.showModal();
  (dialog.querySelector("[aria-invalid=true]") || dialog.querySelector("input:not([type=hidden]), select, textarea"))?.focus();
  return true;
}
for (const opener of document.querySelectorAll("a[data-open-dialog]")) {
  opener.addEventListener("click", (event) => {
    const dialog = document.getElementById(opener.getAttribute("href").slice(1));
    if (dialog && openDialog(dialog)) event.preventDefault();
  });
}
for (const close of document.querySelectorAll("[data-close-dialog]")) {
  close.addEventListener("click", (event) => {
    const dialog = close.closest("dialog");
    if (!dialog) return;
    event.preventDefault();
    dialog.close();
  });
}
for (const dialog of document.querySelectorAll("dialog[data-show-on-load]")) openDialog(dialog);
const targeted = location.hash && document.getElementById(location.hash.slice(1));
if (targeted instanceof HTMLDialogElement) openDialog(targeted);

// Confirmation menus (<details>): Escape closes the open one, and opening one closes the others.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const open = document.querySelector("details.confirm-menu[open], details.cancel-menu[open]");
  if (!open) return;
  open.open = false;
  open.querySelector("summary")?.focus();
});
for (const menu of document.querySelectorAll("details.confirm-menu, details.cancel-menu")) {
  menu.addEventListener("toggle", () => {
    if (!menu.open) return;
    for (const other of document.querySelectorAll("details.confirm-menu[open], details.cancel-menu[open]")) {
      if (other !== menu) other.open = false;
    }
    menu.querySelector(".confirm-form button, .cancel-form input, .cancel-form button")?.focus();
  });
}

// "View booking" lands on a row: it is marked, so the eye finds it.
const row = location.hash.startsWith("#booking-") && document.getElementById(location.hash.slice(1));
if (row) row.classList.add("is-target");

// A new session type: choosing "Discovery call" suggests a short, free call (20 minutes, no
// price) unless the coach has typed their own length or price; choosing back restores 60.
for (const kind of document.querySelectorAll("form select#kind")) {
  const form = kind.form;
  const duration = form?.querySelector("#durationMinutes");
  const price = form?.querySelector("#price");
  if (!duration || form.action.match(/\/session-types\/\d+$/)) continue;
  kind.addEventListener("change", () => {
    if (kind.value === "discovery") {
      if (duration.value === "60") duration.value = "20";
      if (price && /^0*(\.0*)?$/.test(price.value.trim())) price.value = "0.00";
    } else if (duration.value === "20") {
      duration.value = "60";
    }
  });
}
