// A search box above long multi-selects (executors, schools): typing hides the options that do
// not match. Without JavaScript the plain select still works. Forms that HTMX brings into the
// page (the roadmap's editor panel) get theirs too.
(() => {
  const addSearch = (select) => {
    if (select.dataset.searchReady) return;
    select.dataset.searchReady = "1";
    const search = document.createElement("input");
    search.type = "search";
    search.placeholder = "Поиск в списке…";
    const label = select.labels && select.labels[0];
    const name = label ? label.textContent.replace(/[:*\s]+$/, "") : "списке";
    search.setAttribute("aria-label", `Поиск: ${name}`);
    search.className = "select-search";
    search.addEventListener("input", () => {
      const needle = search.value.trim().toLowerCase();
      for (const option of select.options) {
        option.hidden = needle !== "" && !option.text.toLowerCase().includes(needle);
      }
    });
    select.before(search);
  };
  const addAll = (root) => root.querySelectorAll("select[multiple][data-searchable]").forEach(addSearch);
  addAll(document);
  document.addEventListener("htmx:load", (event) => addAll(event.detail.elt));
})();
