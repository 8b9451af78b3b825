// Small progressive enhancements; the pages work without JavaScript.

// The error summary (templates/core/_error_summary.html) carries its own translated title prefix.
const ERROR_SUMMARY = "[data-error-summary]";

// Forms show the app's own messages (next to the field and in the error summary), not the
// browser's validation bubble in the browser's language.
function disableBrowserValidation(root) {
  root.querySelectorAll("form").forEach((form) => {
    form.noValidate = true;
  });
}

// "Feil: " before the page title while the page shows an error summary, and not after.
function syncTitle() {
  const summary = document.querySelector(ERROR_SUMMARY);
  const known = document.documentElement.dataset.errorTitlePrefix;
  const prefix = summary ? summary.dataset.titlePrefix : known;
  if (summary) {
    document.documentElement.dataset.errorTitlePrefix = prefix;
    if (!document.title.startsWith(prefix)) {
      document.title = prefix + document.title;
    }
  } else if (prefix && document.title.startsWith(prefix)) {
    document.title = document.title.slice(prefix.length);
  }
}

function focusElement(element) {
  if (!element.hasAttribute("tabindex")) {
    element.setAttribute("tabindex", "-1");
  }
  element.focus();
}

// A table wider than its wrapper scrolls sideways; give the wrapper a tab stop, a region role
// and the table's caption as its name so keyboard users can scroll it. Tables that fit get no
// extra tab stop.
let tableIds = 0;
function labelScrollableTables(root) {
  root.querySelectorAll(".table-wrap").forEach((wrap) => {
    const scrolls = wrap.scrollWidth > wrap.clientWidth;
    if (!scrolls) {
      if (wrap.dataset.scrollRegion) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-labelledby");
        delete wrap.dataset.scrollRegion;
      }
      return;
    }
    const caption = wrap.querySelector("caption");
    if (caption && !caption.id) {
      tableIds += 1;
      caption.id = `table-caption-${tableIds}`;
    }
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    if (caption) {
      wrap.setAttribute("aria-labelledby", caption.id);
    }
    wrap.dataset.scrollRegion = "1";
  });
}

document.addEventListener("DOMContentLoaded", () => {
  disableBrowserValidation(document);
  labelScrollableTables(document);
  syncTitle();
  // On a page that comes back with errors, start at the summary.
  const summary = document.querySelector(ERROR_SUMMARY);
  if (summary) {
    focusElement(summary);
  }
  // data-focus-after-swap is for htmx swaps only; a page's own status message takes the focus
  // through data-focus-on-load (session-timeout.js).
  document.querySelectorAll("[data-focus-after-swap]").forEach((element) => {
    element.removeAttribute("data-focus-after-swap");
  });
});

// A link in the error summary moves the focus to its field without changing the address: a
// "#field" left in the address would follow the form's post and redirect, and the browser would
// then focus that field on the next page instead of its status message.
document.addEventListener("click", (event) => {
  const link = event.target.closest(`${ERROR_SUMMARY} a[href^="#"]`);
  const field = link && document.getElementById(link.getAttribute("href").slice(1));
  if (field && field.matches("input, select, textarea, button")) {
    event.preventDefault();
    field.focus();
  }
});

let resizeTimer = 0;
window.addEventListener("resize", () => {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => labelScrollableTables(document), 150);
});

// After an htmx swap, move focus to the new content's error summary or status so keyboard and
// screen-reader users know something changed. The swapped element is often replaced
// (hx-swap="outerHTML"), so look in the document, not in the old target; the attribute is
// removed once used so an element is focused only when it arrives.
document.addEventListener("htmx:afterSettle", () => {
  disableBrowserValidation(document);
  labelScrollableTables(document);
  syncTitle();
  const candidates = document.querySelectorAll("[data-focus-after-swap]");
  if (candidates.length === 0) {
    return;
  }
  const summary = document.querySelector(`${ERROR_SUMMARY}[data-focus-after-swap]`);
  const alert = document.querySelector('[role="alert"][data-focus-after-swap]');
  focusElement(summary || alert || candidates[0]);
  candidates.forEach((element) => element.removeAttribute("data-focus-after-swap"));
});
