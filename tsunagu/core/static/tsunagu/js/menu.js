/* On a narrow or short screen (a phone, or 200 % zoom) the header's menus fold behind one button, so
   that the first screen shows the page, not the header. Without script everything stays open. */
(function () {
  "use strict";
  var button = document.querySelector(".menu-button");
  if (!button) {
    return;
  }
  var narrow = window.matchMedia("(max-width: 40em), (max-height: 30em)");
  function apply() {
    var open = button.getAttribute("aria-expanded") === "true";
    button.hidden = !narrow.matches;
    document.body.classList.toggle("menu-folded", narrow.matches && !open);
  }
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    apply();
  });
  narrow.addEventListener("change", apply);
  apply();
})();
