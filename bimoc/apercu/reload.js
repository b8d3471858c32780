// Preview only (bimoc/serve.py injects it; never in the built site): reloads
// the page once a rebuild has changed it, or its problems, whether it succeeded
// or failed. Asking tells the preview which pages are open: it writes them first.
const script = document.currentScript;
const shown = script.dataset.version;
const address = `/__apercu/version?page=${encodeURIComponent(location.pathname)}`;
async function poll() {
  try {
    const response = await fetch(address, { cache: "no-store" });
    if ((await response.text()) !== shown) {
      location.reload();
      return;
    }
  } catch {
    // The preview was stopped or is restarting: keep asking.
  }
  setTimeout(poll, 100);
}
poll();
