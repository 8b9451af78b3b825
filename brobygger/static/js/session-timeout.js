// Session timeout warning (WCAG 2.2.1), restoring a form kept over a logout, and focus on a
// search result. Loaded from base.html; no inline script (the CSP forbids it). Texts come from
// the page (translated in the template), times from data attributes set from the settings.

const WARN_BEFORE_SECONDS = 120;

function csrfToken() {
  try {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
  } catch {
    return "";
  }
}

function setUpTimeoutWarning() {
  const dialog = document.getElementById("session-timeout");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  const data = document.body.dataset;
  const idle = Number(data.sessionIdle);
  const resolution = Number(data.sessionResolution || 0);
  let endsAt = Date.now() + Number(data.sessionLeft) * 1000;
  let timer = null;
  const title = dialog.querySelector("[data-session-title]");
  const text = dialog.querySelector("[data-session-text]");
  const button = dialog.querySelector("[data-session-continue]");
  const original = { title: title.textContent, text: text.textContent, button: button.textContent };
  let ended = false;

  function schedule() {
    window.clearTimeout(timer);
    const untilWarning = endsAt - Date.now() - Math.min(WARN_BEFORE_SECONDS, idle / 2) * 1000;
    timer = window.setTimeout(warn, Math.max(0, untilWarning));
  }

  function warn() {
    const untilEnd = endsAt - Date.now();
    if (untilEnd <= 0) {
      showEnded();
      return;
    }
    if (!dialog.open) {
      dialog.showModal();
    }
    button.focus();
    window.clearTimeout(timer);
    timer = window.setTimeout(showEnded, untilEnd);
  }

  function showEnded() {
    ended = true;
    title.textContent = dialog.dataset.endedTitle;
    text.textContent = dialog.dataset.endedText;
    button.textContent = dialog.dataset.endedButton;
    if (!dialog.open) {
      dialog.showModal();
    }
    button.focus();
  }

  function restart(seconds) {
    endsAt = Date.now() + seconds * 1000;
    schedule();
  }

  button.addEventListener("click", () => {
    if (ended) {
      dialog.close();
      return;
    }
    fetch(dialog.dataset.keepaliveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
      redirect: "manual",
    }).then(
      (response) => {
        if (response.status === 204) {
          dialog.close();
          title.textContent = original.title;
          text.textContent = original.text;
          button.textContent = original.button;
          restart(idle);
        } else {
          showEnded();
        }
      },
      () => showEnded(),
    );
  });
  // Any htmx request also starts the idle time again, but the server notes a request only once
  // per `resolution` seconds: count from the oldest moment it may have noted, never earlier
  // than the end already known.
  document.body.addEventListener("htmx:afterRequest", () => {
    const later = Date.now() + Math.max(0, idle - resolution) * 1000;
    if (!ended && later > endsAt) {
      endsAt = later;
      schedule();
    }
  });
  schedule();
}

// A form kept when the session had ended (accounts/drafts.py): fill it in again.
function restoreForm() {
  const source = document.getElementById("restored-form");
  if (!source) {
    return;
  }
  const draft = JSON.parse(source.textContent);
  const forms = Array.from(document.querySelectorAll("form[method=post]")).filter(
    (form) => new URL(form.action, window.location.href).pathname === draft.action,
  );
  const byName = new Map();
  for (const [name, value] of draft.fields) {
    if (!byName.has(name)) {
      byName.set(name, []);
    }
    byName.get(name).push(value);
  }
  let first = null;
  for (const form of forms) {
    for (const [name, values] of byName) {
      const fields = Array.from(form.elements).filter((el) => el.name === name);
      let next = 0;
      for (const field of fields) {
        if (field.type === "hidden" || field.type === "file" || field.type === "password") {
          continue;
        }
        if (field.type === "checkbox" || field.type === "radio") {
          field.checked = values.includes(field.value);
        } else if (field.tagName === "SELECT") {
          Array.from(field.options).forEach((option) => {
            option.selected = values.includes(option.value);
          });
        } else if (next < values.length) {
          field.value = values[next];
          next += 1;
        }
        first = first || field;
      }
    }
  }
  if (first) {
    first.focus();
  }
}

// A result heading marked data-focus-on-load (e.g. after "Finn din kontakt") or the status
// message after a save takes the focus, so a keyboard or screen reader user lands on the answer
// rather than at the top. An error summary (focused by app.js) keeps it.
function focusOnLoad() {
  if (document.querySelector("[data-error-summary]")) {
    return;
  }
  const target = document.querySelector("[data-focus-on-load]");
  if (target) {
    target.focus();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setUpTimeoutWarning();
  restoreForm();
  focusOnLoad();
});
