// Draws each .chart from the figure JSON embedded next to it (json_script); a click on a point
// opens the report line the number was read from. Charts are drawn when they come into view,
// so a page with thirty charts costs the browser only what is on screen.
(function () {
  "use strict";
  var config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] };

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

  function start() {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".chart[data-figure]"));
    if (!("IntersectionObserver" in window)) { charts.forEach(draw); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "400px 0px" });
    charts.forEach(function (chart) { observer.observe(chart); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
