// Small progressive enhancements; the pages work without JavaScript.
// After an htmx swap, move focus to the new content's heading or status so keyboard and
// screen-reader users know something changed.
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  const focusable = target.querySelector("[data-focus-after-swap]");
  if (focusable) {
    focusable.setAttribute("tabindex", "-1");
    focusable.focus();
  }
});
