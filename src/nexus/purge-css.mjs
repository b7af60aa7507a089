// Trims the HTML build's stylesheet bundles (nexus.sphinxext: the page's stylesheets as one file)
// to the rules that the book's pages and scripts can use, with PurgeCSS (pinned in package.json).
// Usage: node src/nexus/purge-css.mjs <html output folder> <bundle.css>...
// Selectors are kept when their class, id or tag names occur in any page or in any script of
// _static (so classes that the theme's JavaScript adds, e.g. Bootstrap's "show", stay). The colour
// modes are attribute values that only the scripts set (<html data-theme="dark">), so every rule
// that mentions data-theme or data-mode is kept whole.
import { readFile, writeFile } from "node:fs/promises";
import { PurgeCSS } from "purgecss";

const [out, ...bundles] = process.argv.slice(2);
if (!out || bundles.length === 0) {
  console.error("usage: node src/nexus/purge-css.mjs <html output folder> <bundle.css>...");
  process.exit(2);
}
const results = await new PurgeCSS().purge({
  content: [`${out}/**/*.html`, `${out}/_static/**/*.js`],
  css: await Promise.all(bundles.map(async (file) => ({ raw: await readFile(file, "utf8"), name: file }))),
  safelist: { greedy: [/data-theme/, /data-mode/] },
});
for (const [i, result] of results.entries()) {
  await writeFile(bundles[i], result.css, "utf8");
}
