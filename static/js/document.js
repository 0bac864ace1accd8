// The document page shows a report one page of lines at a time (?page=N, or ?line=N for the page
// holding line N). A source link lands here as /documents/<id>/#L<n>, and the fragment never reaches
// the server, so this script keeps the reader's line in view:
//  - loaded in <head>, before the page's lines are parsed: when #L<n> is on another page, it asks the
//    server for that page at once (location.replace with ?line=n), so the line is there when the page
//    has loaded, highlighted by :target, and nothing else is drawn first; the address is then put back
//    to /documents/<id>/#L<n>;
//  - afterwards, a link to a line of a page not shown yet (warnings, conflicts, a changed #L<n>) fetches
//    that page (?line=n&fragment=1: just its lines and their observations), shows it and scrolls to it;
//  - beside a wide page, the pages before and after load as the reader scrolls near them; on a narrow
//    one (the observations come after the text) the "earlier/later lines" links load them in place.
// Without JavaScript those links, the line form and the in-page anchors do the same with full pages.
(function () {
  "use strict";
  var LINE_HASH = /^#L(\d+)$/;
  var script = document.currentScript;
  var firstLine = Number(script && script.dataset.firstLine);
  var lastLine = Number(script && script.dataset.lastLine);

  function hashLine() {
    var match = LINE_HASH.exec(location.hash);
    return match ? Number(match[1]) : null;
  }

  // Before the page is parsed: a line on another page is asked of the server rather than drawn late.
  var leaving = (function landOnTheLine() {
    var line = hashLine();
    var params = new URLSearchParams(location.search);
    if (line !== null && params.get("line") === String(line)) {
      // Asked for it already (past the end, the server said so): show the address the link had.
      params.delete("line");
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      return false;
    }
    if (line === null || !firstLine || (line >= firstLine && line <= lastLine)) { return false; }
    params.delete("page");
    params.set("line", String(line));
    location.replace(location.pathname + "?" + params.toString() + location.hash);
    return true;
  })();

  function ready() {
    var report = document.getElementById("report-pages");
    var readings = document.getElementById("readings-pages");
    var earlier = document.querySelector("[data-report-earlier]");
    var later = document.querySelector("[data-report-later]");
    if (!report || !readings || !window.fetch) { return; }
    var wide = window.matchMedia("(min-width: 60rem)");  // the layout's breakpoint: readings beside the text
    var loading = {};

    function pages() { return report.querySelectorAll(".report-page"); }
    function pageNumber(section) { return Number(section.dataset.page); }

    function fetchPart(query) {
      var url = location.pathname + "?" + query + "&fragment=1";
      return fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { return null; }
        return response.text().then(function (html) {
          var holder = document.createElement("template");
          holder.innerHTML = html;
          var page = holder.content.querySelector(".report-page");
          return page ? { page: page, readings: holder.content.querySelector(".page-readings") } : null;
        });
      });
    }

    // Inserted in page order; a page put above what the reader is looking at keeps the view still.
    function insert(part) {
      var number = pageNumber(part.page);
      var next = Array.prototype.find.call(pages(), function (section) { return pageNumber(section) > number; });
      var anchor = next || null;
      var before = anchor ? anchor.getBoundingClientRect().top : 0;
      report.insertBefore(part.page, anchor);
      var readingsNext = next && readings.querySelector('.page-readings[data-page="' + pageNumber(next) + '"]');
      if (part.readings) { readings.insertBefore(part.readings, readingsNext || null); }
      if (anchor) {
        var moved = anchor.getBoundingClientRect().top - before;
        if (moved) { window.scrollBy(0, moved); }  // where the browser's scroll anchoring did not already
      }
      updateLinks();
    }

    function replaceAll(part) {
      report.replaceChildren(part.page);
      readings.replaceChildren();
      if (part.readings) { readings.appendChild(part.readings); }
      updateLinks();
    }

    function updateLinks() {
      var all = pages();
      var first = all[0], last = all[all.length - 1];
      setLink(earlier, first && first.dataset.prev);
      setLink(later, last && last.dataset.next);
    }

    function setLink(link, page) {
      if (!link) { return; }
      link.hidden = !page;
      link.dataset.page = page || "";
      if (page) { link.setAttribute("href", "?page=" + page); }
    }

    function loadPage(page) {
      if (!page || loading[page] || report.querySelector('.report-page[data-page="' + page + '"]')) {
        return Promise.resolve(null);
      }
      loading[page] = true;
      return fetchPart("page=" + page).then(function (part) {
        delete loading[page];
        if (part) { insert(part); }
        return part;
      }, function () { delete loading[page]; });
    }

    // Beside the text, the readings scroll in their own box: bring the line's first observation into it.
    function showReadingsOf(line) {
      var aside = readings.closest(".readings");
      var entry = readings.querySelector('li[data-line="' + line + '"]');
      if (!wide.matches || !aside || !entry) { return; }
      aside.scrollTop += entry.getBoundingClientRect().top - aside.getBoundingClientRect().top - 8;
    }

    function clearHighlight() {
      Array.prototype.forEach.call(document.querySelectorAll(".is-target"), function (element) {
        element.classList.remove("is-target");
      });
    }

    // Goes to an element now on the page: a new fragment lets the browser scroll and mark it (:target);
    // the address's own fragment, whose element came after the browser looked for it, is marked here.
    function show(hash) {
      var line = LINE_HASH.exec(hash);
      if (line) { showReadingsOf(line[1]); }
      if (location.hash !== hash) { location.hash = hash; return; }
      var target = document.getElementById(hash.slice(1));
      if (!target) { return; }
      clearHighlight();
      target.classList.add("is-target");
      target.scrollIntoView({ block: "start" });
    }

    // Shows the page holding `line` (fetched unless it is there), then goes to `hash` on it.
    function goToLine(line, hash) {
      if (document.getElementById("L" + line)) { show(hash); return; }
      fetchPart("line=" + line).then(function (part) {
        if (!part) { return; }
        var number = pageNumber(part.page);
        var touches = Array.prototype.some.call(pages(), function (section) {
          return Math.abs(pageNumber(section) - number) === 1;
        });
        if (touches) { insert(part); } else { replaceAll(part); }
        show(hash);
      });
    }

    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
      }
      var link = event.target.closest("a[data-line], a[data-report-earlier], a[data-report-later]");
      if (!link) { return; }
      event.preventDefault();
      if (link.dataset.line) {
        goToLine(Number(link.dataset.line), link.getAttribute("href").replace(/^[^#]*/, ""));
      } else {
        loadPage(link.dataset.page);
      }
    });

    window.addEventListener("hashchange", function () {
      clearHighlight();
      var line = hashLine();
      if (line !== null && !document.getElementById("L" + line)) { goToLine(line, location.hash); }
      else if (line !== null) { showReadingsOf(line); }
    });

    // Neighbouring pages come as the reader nears the first or last one shown (wide layout only).
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (!wide.matches) { return; }
        entries.forEach(function (entry) {
          if (entry.isIntersecting && !entry.target.hidden) {
            loadPage(entry.target.dataset.page).then(function (part) {
              if (part) { observer.unobserve(entry.target); observer.observe(entry.target); }  // near again?
            });
          }
        });
      }, { rootMargin: "600px 0px" });
      [earlier, later].forEach(function (link) { if (link) { observer.observe(link); } });
    }
    updateLinks();
    var line = hashLine();
    if (line !== null && !document.getElementById("L" + line)) { goToLine(line, location.hash); }
    else if (line !== null) { showReadingsOf(line); }
  }

  if (leaving) { return; }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
