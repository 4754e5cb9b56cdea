// Opens the HTML report of `caseflow simulate` in headless Chromium, as a person would, and checks
// it against the JSON report of the same run:
//   - the bar of the street with the largest change (the first bar of the score chart and of the
//     breaches chart) shows the A and B figures out.json has for that street, and no street of
//     out.json changed more;
//   - the page logged no script error and asked for nothing but itself (no network request);
//   - a screenshot of the whole page is written as an artifact.
//
//   node check_report.mjs --html report.html --json out.json --screenshot report.png
//        --node-modules DIR [--chromium /usr/bin/chromium] [--expect-breach-change]
// --expect-breach-change: some street's breaches must differ between A and B (the test's B run
// has a shorter grid resolve clock, so a report where nothing changed is a broken report).
// Exit 0 when every check passed; the last line is "N passed, N failed".
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { Checks, loadPuppeteer } from "../support/browser_checks.mjs";

function parseArgs(argv) {
  const args = { chromium: "/usr/bin/chromium", expectBreachChange: false };
  for (let i = 0; i < argv.length; ++i) {
    const flag = argv[i];
    if (flag === "--expect-breach-change") args.expectBreachChange = true;
    else if (flag === "--html") args.html = argv[++i];
    else if (flag === "--json") args.json = argv[++i];
    else if (flag === "--screenshot") args.screenshot = argv[++i];
    else if (flag === "--node-modules") args.nodeModules = argv[++i];
    else if (flag === "--chromium") args.chromium = argv[++i];
    else throw new Error(`check_report: unknown argument ${flag}`);
  }
  for (const key of ["html", "json", "screenshot", "nodeModules"]) {
    if (!args[key]) throw new Error(`check_report: --${key} is required`);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const puppeteer = loadPuppeteer(args.nodeModules);
const checks = new Checks();
const check = (ok, what, detail) => checks.check(ok, what, detail);

const report = JSON.parse(readFileSync(args.json, "utf8"));
const hasB = report.b !== null;
const figures = {
  "street-score": (s) => s.rates.score,
  "street-breaches": (s) => s.breaches,
};
function streets(run) {
  return new Map((run ? run.by_street : []).map((s) => [s.street_id, s]));
}
const streetsA = streets(report.a);
const streetsB = streets(report.b);

const pageUrl = pathToFileURL(path.resolve(args.html)).href;
const browser = await puppeteer.launch({
  executablePath: args.chromium,
  headless: true, // Chromium's new headless mode (--headless=new)
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  const scriptErrors = [];
  page.on("pageerror", (error) => scriptErrors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") scriptErrors.push(message.text());
  });
  // Every request the page makes goes through here: only the page itself may load.
  const foreign = [];
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url() === pageUrl) {
      request.continue();
    } else {
      foreign.push(request.url());
      request.abort();
    }
  });

  const response = await page.goto(pageUrl, { waitUntil: "load" });
  check(response !== null && response.ok(), "the report opens");
  const title = await page.title();
  check(title.includes("Simulation report"), "the page has its title", title);

  for (const [chartId, figure] of Object.entries(figures)) {
    const bars = await page.$$eval(`#${chartId} g.bar`, (nodes) =>
      nodes.map((g) => {
        const box = g.getBoundingClientRect();
        return {
          street: g.dataset.street,
          a: g.dataset.a,
          b: g.dataset.b,
          visible: box.width > 0 && box.height > 0,
        };
      }),
    );
    check(bars.length > 0, `${chartId}: the chart has bars`);
    if (bars.length === 0) continue;
    const first = bars[0];
    check(first.visible, `${chartId}: the first bar is drawn`);
    const a = streetsA.get(first.street);
    check(a !== undefined, `${chartId}: the first bar's street ${first.street} is in out.json`);
    if (a === undefined) continue;
    // data-a / data-b carry the shortest text of the same double as the JSON: equal exactly.
    check(Number(first.a) === figure(a), `${chartId}: ${first.street} A`,
          `page ${first.a}, json ${figure(a)}`);
    if (!hasB) {
      check(first.b === undefined, `${chartId}: no B value without a B run`);
      continue;
    }
    const b = streetsB.get(first.street);
    check(b !== undefined && Number(first.b) === figure(b), `${chartId}: ${first.street} B`,
          `page ${first.b}, json ${b && figure(b)}`);
    // No street of the JSON changed more than the one shown first.
    let largest = 0;
    let largestStreet = "";
    for (const [id, sa] of streetsA) {
      const sb = streetsB.get(id);
      const change = Math.abs((sb ? figure(sb) : 0) - figure(sa));
      if (change > largest) [largest, largestStreet] = [change, id];
    }
    const shown = Math.abs(Number(first.b) - Number(first.a));
    check(shown === largest, `${chartId}: the first bar has the largest change`,
          `first ${first.street} ${shown}, largest ${largestStreet} ${largest}`);
    if (chartId === "street-breaches" && args.expectBreachChange) {
      check(largest > 0, "street-breaches: B changed some street's breaches");
    }
  }

  const summary = await page.$eval("#summary", (s) => s.innerText);
  check(summary.includes("Breaches") && summary.includes("Score"), "the summary is shown");

  await page.screenshot({ path: args.screenshot, fullPage: true });
  console.log(`screenshot: ${args.screenshot}`);

  check(scriptErrors.length === 0, "the page logged no script error", scriptErrors.join(" | "));
  check(foreign.length === 0, "the page made no network request", foreign.join(" "));
} finally {
  await browser.close();
}

checks.finish();
