// Progress report form: live percentage of target, and confirmation before submitting.
(function () {
  "use strict";

  function parseVietnamese(text) {
    var value = String(text).trim().replace(/\s/g, "");
    if (!value) return null;
    if (value.indexOf(",") !== -1) {
      value = value.replace(/\./g, "").replace(",", ".");
    } else if ((value.match(/\./g) || []).length > 1) {
      value = value.replace(/\./g, "");
    }
    var number = Number(value);
    return isFinite(number) ? number : NaN;
  }

  function formatPercent(number) {
    return number.toLocaleString("vi-VN", { maximumFractionDigits: 1 });
  }

  function update(input) {
    var output = document.getElementById(input.dataset.percent);
    if (!output) return;
    var target = Number(input.dataset.target);
    var value = parseVietnamese(input.value);
    if (value === null && input.dataset.previous) value = Number(input.dataset.previous);
    if (value === null || isNaN(value) || !target) {
      output.textContent = "";
      return;
    }
    output.textContent = formatPercent((value * 100) / target);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".js-indicator-value").forEach(function (input) {
      input.addEventListener("input", function () { update(input); });
      update(input);
    });
    document.querySelectorAll("button[data-confirm-button]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        if (!window.confirm(button.dataset.confirmButton)) event.preventDefault();
      });
    });
  });
})();
