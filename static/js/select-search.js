// A search box above long multi-selects (executors, schools): typing hides the options that do
// not match. Without JavaScript the plain select still works.
document.querySelectorAll("select[multiple][data-searchable]").forEach((select) => {
  const search = document.createElement("input");
  search.type = "search";
  search.placeholder = "Поиск в списке…";
  search.setAttribute("aria-label", "Поиск в списке");
  search.className = "select-search";
  search.addEventListener("input", () => {
    const needle = search.value.trim().toLowerCase();
    for (const option of select.options) {
      option.hidden = needle !== "" && !option.text.toLowerCase().includes(needle);
    }
  });
  select.before(search);
});
