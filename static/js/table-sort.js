/* Thi đua GPMB — sorting of small tables in the browser: <table data-sortable>.

   For tables whose size is fixed by the structure (a council's members, a session's agenda, a
   dashboard's summary per content item). Lists that grow with the data are sorted and paged by
   the server instead (units/tables.py).

   Each header cell of the table's last header row becomes a button (keyboard and screen
   reader reach it like any button); a click sorts the rows of every <tbody> by that column,
   ascending, then descending, and sets aria-sort on the header cell. A column sorts
   - as dates when every value is a date dd/mm/yyyy (a time before or after it is allowed);
   - as numbers when every value is a number written the Vietnamese way (1.234,5; "45,2 %");
   - otherwise as Vietnamese text (localeCompare "vi").
   A cell's `data-sort-value` replaces its text; empty cells ("", "—") go last. A header cell
   with `data-sort="false"` (or without text) does not sort. Loaded with `defer` from base.html:
   no inline script (the Content-Security-Policy forbids it). */
(function () {
  "use strict";

  var EMPTY = /^[\s\u2014\u2013-]*$/;
  // "20/03/2025", "14:05 20/03/2025", "20/03/2025 14:05", "20/03/2025 – 31/12/2025".
  var DATE = /^(?:(\d{1,2}):(\d{2})\s+)?(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?/;
  // A figure alone, or followed by a space or a percent sign.
  var NUMBER = /^([-\u2212]?\d[\d.,]*)\s*(?:%|\s|$)/;
  var english = (document.documentElement.lang || "").slice(0, 2) === "en";

  function cellText(cell) {
    if (!cell) {
      return "";
    }
    var given = cell.getAttribute("data-sort-value");
    if (given !== null) {
      return given.trim();
    }
    return cell.textContent.replace(/\s+/g, " ").trim();
  }

  function parseDate(text) {
    var m = DATE.exec(text);
    if (!m) {
      return null;
    }
    var hours = m[1] || m[6] || "0";
    var minutes = m[2] || m[7] || "0";
    var day = +m[3];
    var month = +m[4];
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    return Date.UTC(+m[5], month - 1, day, +hours, +minutes);
  }

  // "1.234,5" → 1234.5; "1.234" → 1234; "12,5" → 12.5. Figures formatted by Django's intcomma
  // in the English interface ("1,234") are read as thousands too.
  function parseNumber(text) {
    var m = NUMBER.exec(text);
    if (!m) {
      return null;
    }
    var raw = m[1].replace("\u2212", "-");
    var dots = raw.split(".").length - 1;
    var commas = raw.split(",").length - 1;
    var decimal;
    if (dots && commas) {
      decimal = raw.lastIndexOf(",") > raw.lastIndexOf(".") ? "," : ".";
    } else if (commas) {
      decimal = commas === 1 && !(english && /,\d{3}$/.test(raw)) ? "," : null;
    } else if (dots) {
      decimal = dots === 1 && (english || !/\.\d{3}$/.test(raw)) ? "." : null;
    } else {
      decimal = null;
    }
    var grouping = decimal === "," ? /\./g : decimal === "." ? /,/g : /[.,]/g;
    var plain = raw.replace(grouping, "");
    if (decimal === ",") {
      plain = plain.replace(",", ".");
    }
    var value = Number(plain);
    return isFinite(value) ? value : null;
  }

  // Index of each cell's first column, counting colspans.
  function columnOf(row, index) {
    var position = 0;
    for (var i = 0; i < row.cells.length; i += 1) {
      var span = row.cells[i].colSpan || 1;
      if (index >= position && index < position + span) {
        return span === 1 ? row.cells[i] : null;
      }
      position += span;
    }
    return null;
  }

  function kindOf(values) {
    var present = values.filter(function (text) {
      return !EMPTY.test(text);
    });
    if (!present.length) {
      return "text";
    }
    if (present.every(function (text) { return parseDate(text) !== null; })) {
      return "date";
    }
    if (present.every(function (text) { return parseNumber(text) !== null; })) {
      return "number";
    }
    return "text";
  }

  function sortTable(table, header, index) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var bodies = Array.prototype.slice.call(table.tBodies);
    var texts = [];
    bodies.forEach(function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        texts.push(cellText(columnOf(row, index)));
      });
    });
    var kind = kindOf(texts);
    var parse = kind === "date" ? parseDate : kind === "number" ? parseNumber : null;

    bodies.forEach(function (body) {
      var rows = Array.prototype.map.call(body.rows, function (row) {
        var text = cellText(columnOf(row, index));
        var empty = EMPTY.test(text);
        return {
          row: row,
          empty: empty,
          value: empty ? null : parse ? parse(text) : text,
          order: +row.getAttribute("data-sort-order"),
        };
      });
      rows.sort(function (a, b) {
        if (a.empty !== b.empty) {
          return a.empty ? 1 : -1; // empty cells last, in both directions
        }
        var result = 0;
        if (!a.empty) {
          if (parse) {
            result = a.value - b.value;
          } else {
            result = a.value.localeCompare(b.value, "vi", { numeric: true });
          }
        }
        if (!ascending) {
          result = -result;
        }
        return result || a.order - b.order;
      });
      rows.forEach(function (item) {
        body.appendChild(item.row);
      });
    });

    var row = header.parentNode;
    Array.prototype.forEach.call(row.cells, function (cell) {
      if (cell !== header) {
        cell.removeAttribute("aria-sort");
      }
      var icon = cell.querySelector(".sort-icon");
      if (icon) {
        icon.className = "bi bi-chevron-expand sort-icon";
      }
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var own = header.querySelector(".sort-icon");
    if (own) {
      own.className = "bi " + (ascending ? "bi-caret-up-fill" : "bi-caret-down-fill") + " sort-icon";
    }
  }

  function visibleText(header) {
    var copy = header.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".visually-hidden"), function (hidden) {
      hidden.parentNode.removeChild(hidden);
    });
    return copy.textContent.trim();
  }

  function canSort(table) {
    // A cell spanning rows ties rows together: such a table keeps its order.
    return !table.querySelector("tbody td[rowspan]:not([rowspan='1']), tbody th[rowspan]:not([rowspan='1'])");
  }

  function enhance(table) {
    if (table.getAttribute("data-sort-ready") || !canSort(table)) {
      return;
    }
    var head = table.tHead;
    var row = head ? head.rows[head.rows.length - 1] : null;
    if (!row || !table.tBodies.length) {
      return;
    }
    table.setAttribute("data-sort-ready", "1");
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (tr, i) {
        tr.setAttribute("data-sort-order", String(i));
      });
    });
    var position = 0;
    Array.prototype.forEach.call(row.cells, function (header) {
      var index = position;
      var span = header.colSpan || 1;
      position += span;
      if (span !== 1 || header.getAttribute("data-sort") === "false" || !visibleText(header)) {
        return; // a spanning cell, or a column of buttons whose header is for screen readers
      }
      if (header.querySelector("a, button, input, select")) {
        return; // a header that already does something
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (header.firstChild) {
        button.appendChild(header.firstChild);
      }
      var icon = document.createElement("i");
      icon.className = "bi bi-chevron-expand sort-icon";
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      header.appendChild(button);
      button.addEventListener("click", function () {
        sortTable(table, header, index);
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
