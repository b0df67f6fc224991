// The in-place year editor of the roadmap, for keyboard and screen-reader users too:
// opening it puts the focus into its first field, Enter in a field saves (the form submits),
// Esc or «Отмена» closes it without a reload and gives the focus back to its «изменить» link,
// and a saved cell is highlighted for a moment. Without JavaScript the links open a page.
(() => {
  const shown = new Map(); // cell id → the cell as it was before the editor replaced it

  const editLink = (cell) => cell && cell.querySelector("a.edit-link");

  // A swap with outerHTML replaces the target, so the new cell is met in htmx:load (fired on
  // new content, in the page), after noting in htmx:beforeSwap what the swap is for.
  const swapping = new Map(); // cell id → "open" (the editor comes) or "saved"
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target;
    if (!target.matches("td.year-cell")) return;
    if (target.classList.contains("editing")) {
      if (event.detail.xhr.status < 300) swapping.set(target.id, "saved");
    } else {
      shown.set(target.id, target.outerHTML);
      swapping.set(target.id, "open");
    }
  });

  document.addEventListener("htmx:load", (event) => {
    const cell = event.detail.elt;
    if (!cell.matches || !cell.matches("td.year-cell") || !swapping.has(cell.id)) return;
    swapping.delete(cell.id);
    if (cell.classList.contains("editing")) {
      const first = cell.querySelector(".message.error, select, input:not([type=hidden]), textarea");
      if (first && first.matches(".message")) first.tabIndex = -1;
      if (first) first.focus({ preventScroll: true });
      // The whole editor in view, also on a phone where the roadmap scrolls sideways.
      cell.scrollIntoView({ block: "nearest", inline: "nearest" });
    } else {
      cell.classList.add("just-saved");
      const link = editLink(cell);
      if (link) link.focus();
    }
  });

  const close = (cell) => {
    const before = shown.get(cell.id);
    if (!before) return false;
    cell.outerHTML = before;
    const restored = document.getElementById(cell.id);
    window.htmx.process(restored);
    const link = editLink(restored);
    if (link) link.focus();
    return true;
  };

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const cell = event.target.closest && event.target.closest("td.year-cell.editing");
    if (cell && close(cell)) event.preventDefault();
  });

  document.addEventListener("click", (event) => {
    const cancel = event.target.closest && event.target.closest("td.year-cell.editing a.cancel");
    if (cancel && close(cancel.closest("td.year-cell"))) event.preventDefault();
  });
})();
