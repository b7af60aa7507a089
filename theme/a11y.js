/* The Iran–Russia Nexus: accessibility fixes for markup the book's templates do not write
 * (found by axe-core in tests/test_browser.py). Loaded on every page through
 * html_static_path: [..., theme] and html_js_files: [a11y.js] in _config.yml.
 *
 * 1. myst-nb's hidden-code toggle is <summary aria-label="Toggle hidden content"> around the
 *    visible text "Show code cell source": the label hides the visible text from the accessible
 *    name (label-content-name-mismatch, WCAG 2.5.3). Without the label the name is the text shown.
 * 2. docutils writes the bibliography as <div role="list"> of <div role="doc-biblioentry">; that
 *    DPUB role is deprecated in ARIA 1.3, so the list has no list items (aria-required-children).
 *    Each entry becomes role="listitem".
 */
(function () {
  "use strict";
  function fix() {
    document.querySelectorAll("details > summary[aria-label]").forEach(function (summary) {
      if (summary.textContent.trim()) {
        summary.removeAttribute("aria-label");
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
