// The bell's unread count, kept current without a reload. The page renders the count; this asks
// the API again every 15 seconds while the tab is shown, and at once when it is shown again.
// Without this script the bell still links to the notifications page with the count of the load.
// On the notifications page, opening an unread one also marks it read.

const { tn, t } = globalThis.coachbook;

const EVERY_MS = 15000;
const bell = document.querySelector("[data-bell]");
const label = bell?.querySelector("[data-bell-label]");
const badge = bell?.querySelector("[data-bell-badge]");

// Worded as the server words it (`bell_label` in src/web/pages/mod.rs), in the page's language.
function show(count) {
  label.textContent = count > 0 ? tn("js-bell-unread", count) : t("js-bell");
  badge.textContent = count > 99 ? "99+" : String(count);
  badge.hidden = count === 0;
  bell.dataset.unread = String(count);
}

let timer = null;
let asking = false;

async function refresh() {
  if (asking) return;
  asking = true;
  try {
    const res = await fetch("/api/notifications?unread=true&limit=1", {
      headers: { accept: "application/json" },
      credentials: "same-origin",
    });
    if (res.status === 401) {
      // Signed out (in another tab): nothing more to count until the next page load.
      stop();
      return;
    }
    if (!res.ok) return;
    const body = await res.json();
    if (Number.isInteger(body?.unreadCount)) show(body.unreadCount);
  } catch {
    // Offline or the server restarting: keep what is shown and try at the next tick.
  } finally {
    asking = false;
  }
}

function stop() {
  clearInterval(timer);
  timer = null;
}

function start() {
  stop();
  if (!document.hidden) timer = setInterval(refresh, EVERY_MS);
}

if (bell && label && badge) {
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) refresh();
    start();
  });
  start();
}

// Opening an unread notification marks it read first, so the page it leads to counts it as read.
// A click that opens another tab or window leaves this page as it is, and marks it on the way.
for (const link of document.querySelectorAll("a[data-notification-id]")) {
  link.addEventListener("click", (event) => {
    const read = fetch(`/api/notifications/${link.dataset.notificationId}/read`, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
    }).catch(() => {});
    const elsewhere = event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (elsewhere) return;
    event.preventDefault();
    // Never held up for long: after a second the link is followed whatever the answer.
    const patience = new Promise((resolve) => setTimeout(resolve, 1000));
    Promise.race([read, patience]).then(() => location.assign(link.href));
  });
}
