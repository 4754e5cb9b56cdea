// How long the console takes to show the city and an inbox with the sample city's 16,271 grids and
// 100,000 open cases (README.md here). Figures only: it reports, it never passes or fails a target.
//   - starts console_load_server (the real API and console over one engine holding the cases) and
//     reads its "ready URL" line;
//   - the server side: GET /api/v1/cases?limit=1 (every case held, one listed: its total says
//     the load is there), /api/v1/overview, /api/v1/city/grids and the inbox's
//     /api/v1/cases?unit=U&open=true&limit=1000, each timed to its last body byte from node on
//     loopback, first call and the median of --runs more, with the body's size;
//   - the pages, in headless Chromium: the overview with the city map as a viewer and the inbox of
//     the unit with 500 open cases, from navigation start to the mark the page sets after its first
//     full draw (performance.mark 'map-drawn' / 'inbox-drawn'): the first load in a fresh browser
//     context (cold: empty cache) and the median of --runs reloads of that tab (warm). Beside the
//     cold and the last warm load: the page's API requests (Resource Timing: start and end from
//     navigation start, bytes), the server's own time for each (its request lines), anything the
//     page timed (performance.measure, console.time), and for one more warm and one more cold
//     load the page's functions with the most self time (a CPU profile), so a slow load shows
//     whether its time went to the server, the wire or the page's own work.
// The token is put into sessionStorage before the page's scripts run, as the console's sign-in
// leaves it (console/web/session.js: the token with GET /api/v1/whoami's answer).
//
//   node console_bench.mjs --server BIN --source REPO --city GRIDS.geojson --node-modules DIR
//        [--chromium /usr/bin/chromium] [--runs 5] [--trace DIR]
// --trace DIR: also writes a Chromium performance trace of one warm load of each page
// (overview.trace.json, inbox.trace.json; open them in Chromium's Performance panel).
// Exit 0 when every figure was measured; 1 when something could not be (the line says what).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";
import os from "node:os";

const VIEWER_TOKEN = "bench-viewer";
const UNIT_TOKEN = "bench-unit";
const SESSION_KEY = "caseflow.console.session"; // console/web/session.js
const MARK_TIMEOUT_MS = 60000;

function parseArgs(argv) {
  const args = { chromium: "/usr/bin/chromium", runs: "5" };
  const names = { "--server": "server", "--source": "source", "--city": "city",
    "--node-modules": "nodeModules", "--chromium": "chromium", "--runs": "runs", "--trace": "trace" };
  for (let i = 0; i < argv.length; ++i) {
    const key = names[argv[i]];
    if (!key || i + 1 >= argv.length) throw new Error(`console_bench: bad argument ${argv[i]}`);
    args[key] = argv[++i];
  }
  for (const key of ["server", "source", "city", "nodeModules"]) {
    if (!args[key]) throw new Error(`console_bench: --${key} is required`);
  }
  args.runs = Number(args.runs);
  return args;
}

const args = parseArgs(process.argv.slice(2));
const puppeteer = createRequire(path.join(path.resolve(args.nodeModules), "noop.js"))("puppeteer-core");
const unmeasured = [];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const ms = (v) => `${v.toFixed(1)} ms`;
const spread = (values) =>
  `median ${ms(median(values))} (min..max ${values.length ? Math.min(...values).toFixed(1) : "-"}..${
    values.length ? Math.max(...values).toFixed(1) : "-"}, n=${values.length})`;
const size = (bytes) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);

// The server; its account of the load goes to our standard error, its line per request
// (timed_handler.h) to `serverLog`. Resolves with its base URL.
const serverLog = [];
function startServer() {
  const child = spawn(args.server, ["--source", args.source, "--city", args.city,
    "--viewer-token", VIEWER_TOKEN, "--unit-token", UNIT_TOKEN], { stdio: ["ignore", "pipe", "pipe"] });
  createInterface({ input: child.stderr }).on("line", (line) => {
    if (line.startsWith("request ")) serverLog.push(line.slice("request ".length));
    else process.stderr.write(line + "\n");
  });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const base = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      const m = /^ready (http:\/\/\S+)$/.exec(line);
      if (m) resolve(m[1]);
    });
    exited.then(({ code, signal }) => reject(new Error(`console_load_server exited (${code ?? signal}) before it was ready`)));
  });
  return { child, base, exited };
}

async function get(base, pathAndQuery, token) {
  const started = performance.now();
  const r = await fetch(base + pathAndQuery, { headers: { Authorization: `Bearer ${token}` } });
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, ms: performance.now() - started, bytes: body.length, body };
}

// One endpoint: the first call, then the median of `runs` more.
async function timeEndpoint(base, label, pathAndQuery, token) {
  const first = await get(base, pathAndQuery, token);
  if (first.status !== 200) {
    unmeasured.push(`${label} answered ${first.status}`);
    console.log(`server ${label.padEnd(46)} answered ${first.status}: ${first.body.toString().slice(0, 160)}`);
    return null;
  }
  const warm = [];
  for (let i = 0; i < args.runs; ++i) warm.push((await get(base, pathAndQuery, token)).ms);
  console.log(`server ${label.padEnd(46)} first ${ms(first.ms)}, then ${spread(warm)}; body ${size(first.bytes)}`);
  return JSON.parse(first.body.toString());
}

async function whoami(base, token) {
  const r = await get(base, "/api/v1/whoami", token);
  if (r.status !== 200) throw new Error(`whoami answered ${r.status} for a bench token`);
  return JSON.parse(r.body.toString());
}

// Where one load's time went: the page's API requests (start and end from navigation start, and
// bytes received), and anything the page timed itself (performance.measure, console.time).
async function loadDetail(page) {
  return page.evaluate(() => {
    const api = performance.getEntriesByType("resource")
      .filter((e) => e.name.includes("/api/v1/"))
      .map((e) => `${new URL(e.name).pathname}${new URL(e.name).search.slice(0, 40)} ` +
        `${e.startTime.toFixed(0)}..${e.responseEnd.toFixed(0)} ms (${(e.encodedBodySize / 1e3).toFixed(0)} kB)`);
    const measures = performance.getEntriesByType("measure")
      .map((e) => `${e.name} ${e.duration.toFixed(0)} ms`);
    const nav = performance.getEntriesByType("navigation")[0];
    const files = performance.getEntriesByType("resource")
      .filter((e) => /\/console\/.*\.(js|css)$/.test(new URL(e.name).pathname));
    const lastFile = Math.max(0, ...files.map((e) => e.responseEnd));
    const shell = nav ? [`document ${nav.responseEnd.toFixed(0)} ms, its ${files.length} files by ` +
      `${lastFile.toFixed(0)} ms, DOMContentLoaded ${nav.domContentLoadedEventEnd.toFixed(0)} ms`] : [];
    return [...shell, ...api, ...measures];
  });
}

// Navigation start to `mark` on the current page; null when the page never sets it.
async function markTime(page, mark) {
  try {
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0,
      { timeout: MARK_TIMEOUT_MS, polling: 50 }, mark);
  } catch {
    return null;
  }
  return page.evaluate((m) => performance.getEntriesByName(m)[0].startTime, mark);
}

// One load (`go` navigates or reloads) to `mark`: its time, the page's own account (loadDetail),
// what it logged with console.time, and the server's time for each request it made.
async function measuredLoad(page, go, mark, consoleTimings) {
  serverLog.length = 0;
  consoleTimings.length = 0;
  await go();
  const t = await markTime(page, mark);
  if (t === null) return null;
  const detail = await loadDetail(page);
  return { t, lines: [...detail, ...consoleTimings.map((c) => `console: ${c}`),
    ...serverLog.filter((r) => r.includes(" /api/")).map((r) => `server: ${r}`)] };
}

// Where the page's JavaScript spent one load (a sampling CPU profile, 0.2 ms): the functions with
// the most self time up to the mark; "(program)" is the browser's own work outside JavaScript
// (parsing, style, layout, paint). The profile runs from just before the navigation to just after
// the mark, so its figures are shares rather than a sum to the load's time. Profiling slows the
// page: the loads it profiles are extra ones, never among the measured.
async function profileLoad(page, go, mark) {
  const cdp = await page.createCDPSession();
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await go();
  const t = await markTime(page, mark);
  const { profile } = await cdp.send("Profiler.stop");
  await cdp.detach();
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; ++i) {
    const { callFrame: f } = byId.get(profile.samples[i]);
    const where = f.url ? ` ${f.url.replace(/^.*\/console\//, "")}:${f.lineNumber + 1}` : "";
    const name = `${f.functionName || "(anonymous)"}${where}`;
    self.set(name, (self.get(name) || 0) + profile.timeDeltas[i] / 1000);
  }
  const top = [...self].filter(([name]) => name !== "(idle)" && !name.includes("pptr:")).sort((x, y) => y[1] - x[1]).slice(0, 8);
  return { t, top };
}

// A tab in a fresh browser context (empty cache, a renderer of its own), signed in: before any
// script of a page, the session the console's sign-in would have saved, on our origin only.
async function signedInTab(browser, base, session) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.evaluateOnNewDocument((origin, key, value) => {
    if (location.origin === origin) sessionStorage.setItem(key, value);
  }, new URL(base).origin, SESSION_KEY, session);
  return { context, page };
}

// One page as one principal: a cold load in a fresh context, then `runs` warm reloads.
async function timePage(browser, base, { label, hash, mark, token, targetMs }) {
  const session = JSON.stringify({ token, who: await whoami(base, token) });
  const { context, page } = await signedInTab(browser, base, session);
  const consoleTimings = [];
  page.on("console", (m) => {
    if (/\d\s*ms\b/.test(m.text())) consoleTimings.push(m.text()); // console.time / timeEnd
  });
  page.on("pageerror", (e) => console.log(`page ${label}: script error: ${e.message}`));

  const url = `${base}/console/${hash}`;
  const cold = await measuredLoad(page, () => page.goto(url, { waitUntil: "domcontentloaded" }),
    mark, consoleTimings);
  if (cold === null) {
    unmeasured.push(`${label}: no '${mark}' mark within ${MARK_TIMEOUT_MS / 1000} s`);
    console.log(`page   ${label.padEnd(46)} no '${mark}' mark within ${MARK_TIMEOUT_MS / 1000} s at ${url}`);
    await context.close();
    return;
  }
  const warm = [];
  let last = null;
  for (let i = 0; i < args.runs; ++i) {
    const load = await measuredLoad(page, () => page.reload({ waitUntil: "domcontentloaded" }),
      mark, consoleTimings);
    if (load === null) {
      unmeasured.push(`${label}: no '${mark}' mark on reload ${i + 1}`);
      break;
    }
    warm.push(load.t);
    last = load;
  }
  const verdict = (v) => (v <= targetMs ? `within the ${targetMs} ms target`
    : `over the ${targetMs} ms target by ${ms(v - targetMs)}`);
  console.log(`page   ${label.padEnd(46)} cold ${ms(cold.t)} (${verdict(cold.t)}); warm ${spread(warm)}` +
    (warm.length ? ` (${verdict(median(warm))})` : ""));
  for (const line of cold.lines) console.log(`         cold: ${line}`);
  if (last) for (const line of last.lines) console.log(`         last warm: ${line}`);
  printProfile("warm", await profileLoad(page, () => page.reload({ waitUntil: "domcontentloaded" }), mark));

  if (args.trace) {
    const file = path.join(args.trace, `${label.split(" ")[0]}.trace.json`);
    await page.tracing.start({ path: file, screenshots: false });
    await page.reload({ waitUntil: "domcontentloaded" });
    await markTime(page, mark);
    await page.tracing.stop();
    console.log(`         trace of a warm load: ${file}`);
  }
  await context.close();

  // A cold load again, in another fresh context, profiled.
  const again = await signedInTab(browser, base, session);
  printProfile("cold", await profileLoad(again.page,
    () => again.page.goto(url, { waitUntil: "domcontentloaded" }), mark));
  await again.context.close();
}

function printProfile(which, profiled) {
  if (profiled.t === null) return;
  console.log(`         profiled ${which} load (${ms(profiled.t)}), self time by function:`);
  for (const [name, t] of profiled.top) console.log(`           ${t.toFixed(1).padStart(7)} ms  ${name}`);
}

const server = startServer();
let browser;
try {
  const base = await server.base;
  // What else the machine is doing moves every figure here: say so beside them.
  const load = os.loadavg().map((v) => v.toFixed(2)).join(" ");
  console.log(`console_load_server at ${base}; ${os.cpus().length} CPUs, load average ${load}`);

  const all = await timeEndpoint(base, "GET /api/v1/cases?limit=1", "/api/v1/cases?limit=1", VIEWER_TOKEN);
  if (all) console.log(`       (cases held: total ${all.total})`);
  const unit = (await whoami(base, UNIT_TOKEN)).unit;
  await timeEndpoint(base, "GET /api/v1/overview", "/api/v1/overview", VIEWER_TOKEN);
  await timeEndpoint(base, "GET /api/v1/city/grids", "/api/v1/city/grids", VIEWER_TOKEN);
  const inbox = await timeEndpoint(base, `GET /api/v1/cases?unit=${unit}&open=true&limit=1000`,
    `/api/v1/cases?unit=${encodeURIComponent(unit)}&open=true&limit=1000`, UNIT_TOKEN);
  if (inbox) console.log(`       (the inbox list holds ${inbox.cases.length} of total ${inbox.total})`);

  browser = await puppeteer.launch({
    executablePath: args.chromium,
    headless: true,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--lang=zh-CN"],
  });
  await timePage(browser, base, { label: "overview (map-drawn), viewer", hash: "#/overview",
    mark: "map-drawn", token: VIEWER_TOKEN, targetMs: 1000 });
  await timePage(browser, base, { label: `inbox (inbox-drawn), ${unit}`, hash: "#/inbox",
    mark: "inbox-drawn", token: UNIT_TOKEN, targetMs: 300 });
} catch (e) {
  unmeasured.push(e.message);
  console.log(`console_bench: ${e.stack || e.message}`);
} finally {
  if (browser) await browser.close();
  server.child.kill("SIGTERM");
  const { code, signal } = await server.exited;
  if (code !== 0) unmeasured.push(`console_load_server ended with ${code ?? signal}`);
}
if (unmeasured.length) {
  console.log(`not measured: ${unmeasured.join("; ")}`);
  process.exit(1);
}
