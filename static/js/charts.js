// Draws each .chart from the figure JSON embedded next to it (json_script); a click on a point or
// bar opens the report line the number was read from. The families of an area page are folded
// (<details>): a family that came without its charts (data-charts-src) fetches them from the
// server when the reader opens it, and charts are drawn when they come into view, so a province
// with hundreds of series costs the server and the browser only what is read. Without JavaScript
// each family links to a page with its charts.
(function () {
  "use strict";
  var language = (document.documentElement.lang || "vi").slice(0, 2);
  // plotly.js speaks English only; its Vietnamese: month names in dates and hover labels.
  var VIETNAMESE = {
    moduleType: "locale", name: "vi",
    dictionary: { "Autoscale": "Tự co giãn", "Reset axes": "Đặt lại trục", "Zoom in": "Phóng to",
                  "Zoom out": "Thu nhỏ", "Pan": "Kéo", "Zoom": "Thu phóng",
                  "Download plot as a png": "Tải ảnh biểu đồ (PNG)" },
    format: {
      days: ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
      shortDays: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
      months: ["tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6", "tháng 7", "tháng 8",
               "tháng 9", "tháng 10", "tháng 11", "tháng 12"],
      shortMonths: ["Th1", "Th2", "Th3", "Th4", "Th5", "Th6", "Th7", "Th8", "Th9", "Th10", "Th11", "Th12"],
      date: "%d/%m/%Y", decimal: ",", thousands: "."
    }
  };
  // No toolbar: it covered the term labels, and each chart has its data link below it.
  var config = { displaylogo: false, responsive: true, displayModeBar: false, locale: language };
  var chartObserver = null;
  var localeRegistered = false;

  function draw(element) {
    if (element.dataset.drawn) { return; }
    var source = document.getElementById(element.dataset.figure);
    if (!source || !window.Plotly) { return; }
    if (!localeRegistered) { window.Plotly.register(VIETNAMESE); localeRegistered = true; }
    element.dataset.drawn = "1";
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
      markReportWords(element);
      element.on("plotly_afterplot", function () { markReportWords(element); });
      element.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var url = point && point.customdata && point.customdata[5];
        if (url) { window.location.href = url; }
      });
    });
  }

  // Series are named by their areas and breakdowns, the reports' words: on an English page the
  // legend says they are Vietnamese (plotly redraws it, hence after every plot).
  function markReportWords(element) {
    if (language === "vi") { return; }
    Array.prototype.slice.call(element.querySelectorAll("g.legend text.legendtext")).forEach(function (text) {
      text.setAttribute("lang", "vi");
    });
  }

  function watchCharts(root) {
    var charts = Array.prototype.slice.call(root.querySelectorAll(".chart[data-figure]"));
    if (!chartObserver) { charts.forEach(draw); return; }
    charts.forEach(function (chart) { chartObserver.observe(chart); });
  }

  function load(section) {
    var url = section.getAttribute("data-charts-src");
    if (!url) { return; }
    var pending = section.querySelector(".family-pending");
    section.removeAttribute("data-charts-src");
    section.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var grid = holder.firstElementChild;
        if (pending) { section.replaceChild(grid, pending); } else { section.appendChild(grid); }
        section.removeAttribute("aria-busy");
        watchCharts(grid);
      })
      .catch(function () { section.removeAttribute("aria-busy"); /* its link to a page with these charts stays */ });
  }

  function start() {
    if ("IntersectionObserver" in window) {
      chartObserver = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) { chartObserver.unobserve(entry.target); draw(entry.target); }
        });
      }, { rootMargin: "400px 0px" });
    }
    watchCharts(document);
    Array.prototype.slice.call(document.querySelectorAll("details.family")).forEach(function (section) {
      if (section.open) { load(section); }
      section.addEventListener("toggle", function () {
        if (!section.open) { return; }
        load(section);
        // Charts drawn while folded had no width: let plotly measure them again.
        Array.prototype.slice.call(section.querySelectorAll(".chart[data-drawn]")).forEach(function (chart) {
          window.Plotly.Plots.resize(chart);
        });
      });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
