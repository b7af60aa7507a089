// puppeteer (pulled in by pa11y) must not download its own Chrome: the tests use Debian's /usr/bin/chromium.
module.exports = {skipDownload: true};
