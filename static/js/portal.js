/* Thi đua GPMB — the only script of the portal. Loaded with `defer`; no inline script anywhere
   (the Content-Security-Policy forbids it), so behaviour is attached through data- attributes. */
(function () {
  "use strict";

  // <form data-confirm="Are you sure?"> or <button data-confirm="…">: ask before submitting.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var message =
      (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
