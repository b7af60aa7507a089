/* The Iran–Russia Nexus: fixes to markup the book's templates do not write, found by the browser
 * tests (tests/test_browser.py: console errors, axe-core). Loaded in <head> of every page through
 * html_static_path: [..., theme] and html_js_files: [book.js] in _config.yml.
 *
 * 1. pydata-sphinx-theme starts from `dataset.mode = localStorage.mode || ""`; on a reader's first
 *    visit the empty mode makes the theme log "Got invalid theme mode: . Resetting to auto." as a
 *    console error. This script runs before the theme's (deferred) one and starts it at "auto",
 *    which is what the theme falls back to anyway (follow the system's light/dark setting).
 * 2. myst-nb's hidden-code toggle is <summary aria-label="Toggle hidden content"> around the
 *    visible text "Show code cell source": the label hides the visible text from the accessible
 *    name (axe label-content-name-mismatch, WCAG 2.5.3). Without it the name is the text shown.
 * 4. The sidebar's toggles for a chapter with sections are <summary> elements holding only an
 *    icon: they get the name "Sections of <chapter>" (axe summary-name, serious).
 * 3. docutils writes the bibliography as <div role="list"> of <div role="doc-biblioentry">; that
 *    DPUB role is deprecated in ARIA 1.3, so the list has no list items (axe
 *    aria-required-children, critical). Each entry becomes role="listitem".
 */
(function () {
  "use strict";
  var root = document.documentElement;
  if (!root.dataset.mode) {
    root.dataset.mode = "auto";
  }

  function fix() {
    document.querySelectorAll("details > summary[aria-label]").forEach(function (summary) {
      if (summary.textContent.trim()) {
        summary.removeAttribute("aria-label");
      }
    });
    document.querySelectorAll(".has-children > details > summary").forEach(function (summary) {
      var link = summary.parentElement.parentElement.querySelector(":scope > a");
      if (!summary.textContent.trim() && !summary.getAttribute("aria-label") && link) {
        summary.setAttribute("aria-label", "Sections of " + link.textContent.trim());
      }
    });
    document.querySelectorAll('[role="list"] > [role="doc-biblioentry"]').forEach(function (entry) {
      entry.setAttribute("role", "listitem");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
})();
