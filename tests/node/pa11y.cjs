// pa11y (WCAG2AA, HTML_CodeSniffer runner) on a list of pages, one Chromium for all of them.
// Usage: node tests/node/pa11y.cjs <chromium> <base url> <page> [<page> ...]
// Prints one JSON object {page: [issue, ...]} with the errors pa11y reports (warnings and
// notices are not printed). Run by tests/test_validators.py.
"use strict";
const pa11y = require("pa11y");

async function main() {
  const [executablePath, base, ...pages] = process.argv.slice(2);
  const args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"];
  const browser = await require("puppeteer").launch({executablePath, args, headless: true});
  const out = {};
  try {
    for (const page of pages) {
      const result = await pa11y(base + page, {
        browser, standard: "WCAG2AA", runners: ["htmlcs"], includeWarnings: false,
        includeNotices: false, timeout: 60000, chromeLaunchConfig: {executablePath, args},
      });
      out[page] = result.issues.filter(i => i.type === "error").map(
        i => ({code: i.code, message: i.message, selector: i.selector, context: (i.context || "").slice(0, 200)}));
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out, null, 1));
}
main().catch(err => { console.error(err); process.exit(1); });
