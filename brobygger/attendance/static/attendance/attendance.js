// The hours field only means something for partial attendance: enable it only then.
// Without JavaScript the field stays enabled and the server says when it does not apply.
(() => {
  const sync = (row) => {
    const partial = row.querySelector('input[type="radio"][value="partial"]');
    const hours = row.querySelector("[data-hours]");
    if (!partial || !hours) return;
    hours.disabled = !partial.checked;
  };
  const init = (root) => {
    root.querySelectorAll("[data-attendance-row]").forEach(sync);
  };
  document.addEventListener("change", (event) => {
    const row = event.target.closest && event.target.closest("[data-attendance-row]");
    if (row && event.target.type === "radio") sync(row);
  });
  document.addEventListener("DOMContentLoaded", () => init(document));
  document.addEventListener("htmx:load", (event) => init(event.detail.elt));
})();
