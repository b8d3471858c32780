// Preview only (bimoc/serve.py injects it; never in the built site): reloads
// the page once a rebuild has finished, whether it succeeded or failed.
const script = document.currentScript;
const shown = script.dataset.version;
async function poll() {
  try {
    const response = await fetch("/__apercu/version", { cache: "no-store" });
    if ((await response.text()) !== shown) {
      location.reload();
      return;
    }
  } catch {
    // The preview was stopped or is restarting: keep asking.
  }
  setTimeout(poll, 200);
}
poll();
