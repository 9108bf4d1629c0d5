/* The print button of printable pages: <button type="button" data-action="print">.
   No inline script anywhere, so the behaviour is attached here. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest('[data-action="print"]');
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
})();
