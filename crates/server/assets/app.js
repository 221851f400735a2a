// Progressive enhancement for every page. Pages work without it.

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
