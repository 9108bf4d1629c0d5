/* Campaign set-up screens (tasks, bulk assignment). Loaded with `defer`; behaviour is attached
   through data- attributes, never inline script (the Content-Security-Policy forbids it). */
(function () {
  "use strict";

  function fold(text) {
    return (text || "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  }

  function updateCounts() {
    document.querySelectorAll("[data-checked-count]").forEach(function (counter) {
      var group = document.getElementById(counter.getAttribute("data-checked-count"));
      if (group) {
        counter.textContent = String(group.querySelectorAll("input[type=checkbox]:checked").length);
      }
    });
  }

  document.addEventListener("click", function (event) {
    // <button data-formset-add="PREFIX">: a new row from <template id="PREFIX-empty"> into
    // #PREFIX-rows, numbered by the management form's TOTAL_FORMS.
    var add = event.target.closest("[data-formset-add]");
    if (add) {
      var prefix = add.getAttribute("data-formset-add");
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
      var template = document.getElementById(prefix + "-empty");
      var rows = document.getElementById(prefix + "-rows");
      if (!total || !template || !rows) return;
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) return;
      rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
      total.value = String(index + 1);
      var first = rows.lastElementChild && rows.lastElementChild.querySelector("input, select");
      if (first) first.focus();
      return;
    }
    // <button data-check-all="GROUP" data-check-value="1|0">: tick or untick the shown boxes.
    var all = event.target.closest("[data-check-all]");
    if (all) {
      var group = document.getElementById(all.getAttribute("data-check-all"));
      var on = all.getAttribute("data-check-value") === "1";
      if (!group) return;
      group.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        if (!box.closest("[hidden]")) box.checked = on;
      });
      updateCounts();
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches("input[type=checkbox]")) updateCounts();
  });

  // <input data-filter-list="GROUP">: show only the .js-filter-item whose data-filter-text
  // contains what is typed, with or without diacritics.
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches("[data-filter-list]")) return;
    var group = document.getElementById(input.getAttribute("data-filter-list"));
    var wanted = fold(input.value.trim());
    if (!group) return;
    group.querySelectorAll(".js-filter-item").forEach(function (item) {
      item.hidden = wanted !== "" && fold(item.getAttribute("data-filter-text")).indexOf(wanted) === -1;
    });
  });

  // Enter in the filter box must not submit the whole form.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("[data-filter-list]")) event.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", updateCounts);
})();
