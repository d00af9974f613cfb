// Run axe-core on local HTML files in headless Chromium at a given width; print JSON results.
// Usage: node axe_run.js CHROMIUM AXE_JS WIDTH FILE...
const puppeteer = require("puppeteer-core");
const fs = require("fs");
const [chromium, axePath, width, ...files] = process.argv.slice(2);
(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const source = fs.readFileSync(axePath, "utf8");
  const out = {};
  for (const file of files) {
    const page = await browser.newPage();
    await page.setViewport({ width: Number(width), height: 900 });
    await page.goto("file://" + file, { waitUntil: "load" });
    await page.evaluate(source);
    const result = await page.evaluate(async () => {
      const r = await axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"] },
      });
      return {
        violations: r.violations.map((v) => ({
          id: v.id,
          help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
        })),
        scrollWidth: document.documentElement.scrollWidth,
      };
    });
    out[file] = result;
    await page.close();
  }
  await browser.close();
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  console.error(e);
  process.exit(3);
});
