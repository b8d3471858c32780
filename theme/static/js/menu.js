// The phone menu (<details class="site-menu">, theme/templates/base.html) opens
// and closes without this script. With it, it also closes as menus do: on Escape
// (the focus back on its button when it was inside), on a tap or click outside
// it, and once one of its links is chosen (a page brought back by the browser's
// Back button, or an anchor on this page, no longer opens under it).
(() => {
  const menu = document.querySelector("details.site-menu");
  if (!menu) return;
  const button = menu.querySelector("summary");

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !menu.open) return;
    const inside = menu.contains(document.activeElement);
    menu.open = false;
    if (inside) button.focus();
  });
  document.addEventListener("click", (event) => {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
  menu.addEventListener("click", (event) => {
    if (event.target.closest("a")) menu.open = false;
  });
})();
