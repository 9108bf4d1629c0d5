/* The secretariat's dashboard: draws the charts from the JSON that the page carries
   (<script type="application/json"> written by Django's json_script) with the vendored
   Chart.js, opens the chart tables for printing, and keeps the period filter within the
   chosen year. Every figure of a chart is also in a table of the page: without this script
   the page loses only the pictures. */
(function () {
  "use strict";

  var COLOURS = {
    achieved: "#0d6efd",
    expected: "#adb5bd",
    onTime: "#198754",
    late: "#fd7e14",
    missing: "#dc3545",
  };
  var charts = [];

  function readData(id) {
    var element = document.getElementById(id);
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function shortLabel(text, max) {
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  function barChart(canvas, data, locale) {
    var horizontal = Boolean(data.horizontal);
    var colours = [COLOURS.achieved, COLOURS.expected];
    var valueAxis = {
      beginAtZero: true,
      max: 100,
      ticks: {
        callback: function (value) {
          return value.toLocaleString(locale) + " %";
        },
      },
    };
    var labelAxis = {
      ticks: {
        autoSkip: false,
        callback: function (value) {
          var narrow = this.chart.width < 576;
          return shortLabel(this.getLabelForValue(value), horizontal && !narrow ? 32 : 16);
        },
      },
    };
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series, index) {
          return {
            label: series.label,
            data: series.data,
            backgroundColor: colours[index % colours.length],
          };
        }),
      },
      options: {
        locale: locale,
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              title: function (items) {
                return items.length ? data.labels[items[0].dataIndex] : "";
              },
              label: function (item) {
                var value = horizontal ? item.parsed.x : item.parsed.y;
                return item.dataset.label + ": " + value.toLocaleString(locale);
              },
            },
          },
        },
      },
    });
  }

  function lineChart(canvas, data, locale) {
    var colours = [COLOURS.onTime, COLOURS.late, COLOURS.missing];
    return new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series, index) {
          var colour = colours[index % colours.length];
          return {
            label: series.label,
            data: series.data,
            borderColor: colour,
            backgroundColor: colour,
            tension: 0,
            pointRadius: 3,
          };
        }),
      },
      options: {
        locale: locale,
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  function drawCharts() {
    if (!window.Chart) {
      return;
    }
    var locale = document.documentElement.lang || "vi";
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var data = readData(canvas.getAttribute("data-chart"));
      if (!data || !data.labels || !data.labels.length) {
        return;
      }
      var kind = canvas.getAttribute("data-kind");
      charts.push(kind === "line" ? lineChart(canvas, data, locale) : barChart(canvas, data, locale));
    });
  }

  // Printing: the tables under the charts are part of the printed page.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.dash-chart-table:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
    charts.forEach(function (chart) {
      chart.resize();
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.open = false;
    });
    opened = [];
    charts.forEach(function (chart) {
      chart.resize();
    });
  });

  // Filters: the period list shows the periods of the chosen year; changing the year
  // forgets a period of another year (the period would otherwise win on the server).
  function linkFilters() {
    var year = document.getElementById("filter-year");
    var period = document.getElementById("filter-period");
    if (!year || !period) {
      return;
    }
    function sync(clear) {
      var chosen = year.value;
      period.querySelectorAll("optgroup[data-year]").forEach(function (group) {
        var hidden = Boolean(chosen) && group.getAttribute("data-year") !== chosen;
        group.hidden = hidden;
        group.disabled = hidden;
        if (hidden && clear && group.contains(period.selectedOptions[0])) {
          period.value = "";
        }
      });
    }
    year.addEventListener("change", function () {
      sync(true);
    });
    sync(false);
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts();
    linkFilters();
  });
})();
