// A table that scrolls sideways in its own box (phones, wide roadmaps) can be scrolled with the
// keyboard too: it becomes a tab stop only while it actually scrolls.
(() => {
  const boxes = () => document.querySelectorAll("table.table, .table-wrap");
  const update = () => {
    for (const box of boxes()) {
      const scrolls = box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible";
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.tabIndex = 0;
        box.dataset.scrollStop = "";
      } else if (!scrolls && "scrollStop" in box.dataset) {
        box.removeAttribute("tabindex");
        delete box.dataset.scrollStop;
      }
    }
  };
  update();
  window.addEventListener("resize", update);
  document.addEventListener("htmx:load", update);
})();
