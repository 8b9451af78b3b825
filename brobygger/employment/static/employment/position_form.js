// Show the "no job description" nudge while the description is empty (the form may still be
// saved without one). The server renders the right initial state; this keeps it live.
(function () {
  "use strict";
  var field = document.getElementById("id_description");
  var hint = document.getElementById("description-nudge");
  if (!field || !hint) return;
  function update() { hint.hidden = field.value.trim() !== ""; }
  field.addEventListener("input", update);
  update();
})();
