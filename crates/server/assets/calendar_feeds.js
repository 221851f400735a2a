// Settings › Calendar feeds: a Copy button beside each feed address (without script the address
// is still there to select and copy).
const { t } = globalThis.coachbook;

for (const button of document.querySelectorAll("[data-copy-feed]")) {
  const input = document.getElementById(button.dataset.copyFeed);
  const status = document.querySelector(`[data-copied="${button.dataset.copyFeed}"]`);
  if (!input) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(input.value);
      if (status) status.textContent = t("js-feeds-copied");
    } catch {
      input.select();
      if (status) status.textContent = t("js-feeds-select");
    }
  });
}
