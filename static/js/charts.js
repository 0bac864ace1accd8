// Draws each .chart from the figure JSON embedded next to it (json_script); a click on a point
// opens the report line the number was read from. Charts are drawn when they come into view,
// and a family section that came without its charts (section[data-charts-src]) fetches them
// from the server when the reader gets near it, so a province with hundreds of series costs the
// server and the browser only what is read. Without JavaScript each section links to a page
// with its charts.
(function () {
  "use strict";
  var config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
  var chartObserver = null;

  function draw(element) {
    if (element.dataset.drawn) { return; }
    element.dataset.drawn = "1";
    var source = document.getElementById(element.dataset.figure);
    if (!source || !window.Plotly) { return; }
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
      element.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var url = point && point.customdata && point.customdata[5];
        if (url) { window.location.href = url; }
      });
    });
  }

  function watchCharts(root) {
    var charts = Array.prototype.slice.call(root.querySelectorAll(".chart[data-figure]"));
    if (!chartObserver) { charts.forEach(draw); return; }
    charts.forEach(function (chart) { chartObserver.observe(chart); });
  }

  function load(section) {
    var pending = section.querySelector(".family-pending");
    section.removeAttribute("data-charts-src");
    fetch(section.dataset.chartsSrcUrl, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var grid = holder.firstElementChild;
        if (pending) { section.replaceChild(grid, pending); } else { section.appendChild(grid); }
        watchCharts(grid);
      })
      .catch(function () { /* the section keeps its link to a page with these charts */ });
  }

  function start() {
    var sections = Array.prototype.slice.call(document.querySelectorAll("section[data-charts-src]"));
    sections.forEach(function (section) { section.dataset.chartsSrcUrl = section.getAttribute("data-charts-src"); });
    if (!("IntersectionObserver" in window)) {
      watchCharts(document);
      sections.forEach(load);
      return;
    }
    chartObserver = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { chartObserver.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "400px 0px" });
    var sectionObserver = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { sectionObserver.unobserve(entry.target); load(entry.target); }
      });
    }, { rootMargin: "800px 0px" });
    watchCharts(document);
    sections.forEach(function (section) { sectionObserver.observe(section); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
