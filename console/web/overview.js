// The overview (#/overview): the open cases the principal may see, counted (GET /api/v1/overview)
// and drawn on the city map (GET /api/v1/city/grids, map.js), and the month's rates by street and
// unit (GET /api/v1/assessment). The outlines and the counts are asked for at once; the map is
// drawn as soon as both are in, whatever the assessment takes (it is counted from the archive).
// A click on a grid, or its id typed into the search, lists the grid's open cases.
import { clockAttributes, leadClock } from "./clocks.js";
import { clear, h } from "./dom.js";
import { shortTime, wallTime } from "./i18n.js";
import { createCityMap, prepareCity } from "./map.js";

// Set once per page load, after the map's first complete draw: what the console's load figures
// measure (from navigation start).
let mapMarked = false;

// The outlines, prepared once per page load: they change only when the city is reloaded.
let cityOnce = null;

function cityOutlines(api) {
  if (!cityOnce) {
    cityOnce = api.cityGrids().then((answer) => {
      if (!answer.ok) cityOnce = null;  // asked again next time
      return answer.ok ? { ok: true, city: prepareCity(answer.body) } : answer;
    });
  }
  return cityOnce;
}

// grid id → [open, warned, breached], read by the answer's own column names.
function gridCounts(overview) {
  const columns = overview.grid_columns || [];
  const [g, o, w, b] = ["grid", "open", "warned", "breached"].map((c) => columns.indexOf(c));
  const counts = new Map();
  for (const row of overview.grids || []) counts.set(row[g], [row[o], row[w], row[b]]);
  return counts;
}

const percent = (rate) => (rate === null || rate === undefined ? "—" : `${(rate * 100).toFixed(1)}%`);
const decimal = (x) => (x === null || x === undefined ? "—" : Number(x).toFixed(1));

// A table of figures: the first `names` columns say what a row is, the others are numbers.
function table(id, head, rows, names = 1) {
  const cls = (i) => (i < names ? "" : "num");
  return h("div", { class: "table-wrap" },
    h("table", { id, class: "figures" },
      h("thead", {}, h("tr", {}, head.map((text, i) => h("th", { class: cls(i) }, text)))),
      h("tbody", {}, rows.map((cells) =>
        h("tr", {}, cells.map((text, i) => h("td", { class: cls(i) }, text)))))));
}

// The current month (the browser's calendar), as the assessment names it.
function thisMonth() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

function totals(ctx, o) {
  const figure = (key, value, cls) =>
    h("div", { class: `figure ${cls || ""}` },
      h("dt", {}, ctx.t("overview." + key)),
      h("dd", { dataset: { figure: key } }, String(value)));
  return h("dl", { id: "overview-totals", class: "totals" },
    figure("open", o.open), figure("warned", o.warned, "warned"),
    figure("breached", o.breached, "breached"), figure("unplaced", o.unplaced));
}

function byStage(ctx, o) {
  const name = (stage) => (stage === "" ? ctx.t("overview.dispatcher")
    : ctx.t("level." + stage, { fallback: stage }));
  return h("section", { class: "card" },
    h("h2", {}, ctx.t("overview.by_stage")),
    table("overview-stages", ["stage", "open", "warned", "breached"].map((k) => ctx.t("overview.col." + k)),
      (o.by_stage || []).map((r) => [name(r.stage), r.open, r.warned, r.breached])));
}

function streetName(id, names) {
  if (id === "") return "—";
  const name = names.get(id);
  return name ? `${name} (${id})` : id;
}

function byStreet(ctx, o, names) {
  return h("section", { class: "card" },
    h("h2", {}, ctx.t("overview.by_street")),
    table("overview-streets", ["street", "open", "warned", "breached"].map((k) => ctx.t("overview.col." + k)),
      (o.by_street || []).map((r) => [streetName(r.street, names), r.open, r.warned, r.breached])));
}

function rateRows(rows, label) {
  return rows.map((r) => [r.rank, label(r.key), percent(r.response && r.response.rate),
    percent(r.resolution && r.resolution.rate), percent(r.satisfaction && r.satisfaction.rate),
    decimal(r.score)]);
}

// The month's rates: by street all of them, by unit the ten best and the ten worst by score
// (the answer ranks by score, high to low, units without a score last).
async function rates(ctx, section, names) {
  section.setAttribute("aria-busy", "true");
  await showRates(ctx, section, names);
  section.setAttribute("aria-busy", "false");
}

async function showRates(ctx, section, names) {
  const period = thisMonth();
  clear(section).append(h("h2", {}, ctx.t("overview.rates", { period })));
  if (!ctx.may("assess")) {
    section.append(h("p", { class: "meta", id: "rates-note" }, ctx.t("overview.rates.no_right")));
    return;
  }
  const note = h("p", { class: "meta", id: "rates-note" }, ctx.t("overview.rates.loading"));
  section.append(note);
  const [streets, units, companies] = await Promise.all([
    ctx.api.assessment(period, "street"), ctx.api.assessment(period, "unit"),
    ctx.api.assessment(period, "property")]);
  if (!section.isConnected) return;
  const failed = [streets, units, companies].find((a) => !a.ok);
  if (failed) {
    note.textContent = failed.error.code === "assessment_unavailable"
      ? ctx.t("overview.rates.unavailable", { m: failed.error.message })
      : ctx.t("error.load", { m: failed.error.message });
    note.classList.add("problem-text");
    return;
  }
  note.textContent = ctx.t("overview.rates.note", { n: units.body.cases });
  const head = ["rank", "who", "response", "resolution", "satisfaction", "score"]
    .map((k) => ctx.t("overview.col." + k));
  section.append(h("h3", {}, ctx.t("overview.rates.by_street")));
  section.append(streets.body.rows.length
    ? table("rates-streets", head, rateRows(streets.body.rows, (key) => streetName(key, names)), 2)
    : h("p", { class: "meta" }, ctx.t("overview.rates.none")));
  // The ten best, and the ten worst of the rest (fewer when fewer units have a score).
  const scored = units.body.rows.filter((r) => r.score !== null && r.score !== undefined);
  const best = scored.slice(0, 10);
  const worst = scored.slice(Math.max(10, scored.length - 10)).reverse();
  section.append(h("h3", {}, ctx.t("overview.rates.best")));
  section.append(best.length ? table("rates-best", head, rateRows(best, (k) => k), 2)
    : h("p", { class: "meta" }, ctx.t("overview.rates.none")));
  if (worst.length) {
    section.append(h("h3", {}, ctx.t("overview.rates.worst")));
    section.append(table("rates-worst", head, rateRows(worst, (k) => k), 2));
  }
  showStars(ctx, section, companies.body);
}

// The star rating of property companies (物业星级): the ten best and the ten worst of the month
// (the answer ranks them: stars, then composite; companies without stars last).
function starRows(rows) {
  const stars = (n) => (n === null || n === undefined ? "—" : "★".repeat(n));
  return rows.map((r) => [r.rank, r.company, stars(r.stars), decimal(r.composite),
    percent(r.response), percent(r.resolution), percent(r.satisfaction), decimal(r.survey)]);
}

function showStars(ctx, section, rating) {
  section.append(h("h3", { id: "stars-title" }, ctx.t("overview.stars")));
  const rated = rating.rows.filter((r) => r.stars !== null && r.stars !== undefined);
  if (!rated.length) {
    section.append(h("p", { class: "meta", id: "stars-note" }, ctx.t("overview.stars.none")));
    return;
  }
  if (!rating.survey) {
    section.append(h("p", { class: "meta", id: "stars-note" }, ctx.t("overview.stars.no_survey")));
  }
  const head = ["rank", "company", "stars", "composite", "response", "resolution", "satisfaction",
    "survey"].map((k) => ctx.t("overview.stars.col." + k));
  section.append(table("stars-best", head, starRows(rated.slice(0, 10)), 3));
  const worst = rated.slice(Math.max(10, rated.length - 10)).reverse();
  if (worst.length) {
    section.append(h("h3", {}, ctx.t("overview.stars.worst")));
    section.append(table("stars-worst", head, starRows(worst), 3));
  }
}

// The open cases of one grid, below the map.
function gridCaseItem(ctx, c) {
  const countdown = h("span", { class: "clock" });
  const clock = leadClock(c.clocks, c.unit);
  if (clock) {
    clockAttributes(countdown, clock);
    countdown.title = `${ctx.t("clock." + clock.name, { fallback: clock.name })} · ${shortTime(clock.due)}`;
  }
  return h("li", { class: "case-item", dataset: { id: c.id, status: c.status } },
    h("a", { href: `#/case/${encodeURIComponent(c.id)}` },
      h("span", { class: "row" },
        h("span", { class: "case-id" }, c.id),
        h("span", { class: `status status-${c.status}` }, ctx.t("status." + c.status, { fallback: c.status }))),
      h("span", { class: "row" }, h("span", { class: "category" }, c.category || ""), countdown),
      c.unit ? h("span", { class: "place" }, c.unit) : null));
}

export async function renderOverview(view, ctx) {
  // Both reads leave at once; the map waits for both.
  const outlines = cityOutlines(ctx.api);
  const counted = ctx.api.overview();

  const meta = h("p", { class: "meta", id: "overview-meta" });
  const figures = h("div", {});
  const mapCard = h("section", { class: "card", id: "map-card", "aria-busy": "true" },
    h("h2", {}, ctx.t("map.title")));
  const tables = h("div", {});
  const rateSection = h("section", { class: "card", id: "rates" });
  view.append(h("section", { class: "card" }, h("h1", {}, ctx.t("overview.title")), meta, figures),
    mapCard, tables, rateSection);
  let names = new Map();

  // The counts: the totals at the top, the tables by stage and by street.
  function showTotals(o) {
    names = new Map((o.by_street || []).map((r) => [r.street, r.name]));
    const scope = o.scope === "city" ? ctx.t("overview.city") : o.scope;
    meta.textContent = ctx.t("overview.at", { scope, t: wallTime(new Date(o.at)) });
    clear(figures).append(totals(ctx, o));
  }
  function showTables(o) {
    clear(tables).append(byStage(ctx, o), byStreet(ctx, o, names));
  }

  let outlinesIn = null;
  outlines.then((answer) => { outlinesIn = answer; });
  const overview = await counted;
  if (!view.isConnected) return;
  if (!overview.ok) {
    ctx.problem(overview);
    return;
  }
  showTotals(overview.body);
  // The map first when the outlines are in already (the page is complete with it); else the
  // tables while they come.
  if (!outlinesIn) showTables(overview.body);
  const drawn = await outlines;
  if (!view.isConnected) return;
  mapCard.setAttribute("aria-busy", "false");
  if (!drawn.ok) {
    mapCard.append(h("p", { class: "meta", id: "map-note" }, drawn.error.code === "no_city"
      ? ctx.t("map.no_city") : ctx.t("error.load", { m: drawn.error.message })));
    showTables(overview.body);
    rates(ctx, rateSection, names);
    return;
  }
  const city = drawn.city;
  const find = h("input", { id: "grid-find", type: "search", autocomplete: "off",
    placeholder: ctx.t("map.find.hint") });
  const findNote = h("p", { class: "meta", id: "grid-find-note" });
  const cases = h("section", { id: "grid-cases", hidden: true });
  let shown = "";

  async function showGrid(id) {
    if (!map.select(id)) {
      findNote.textContent = ctx.t("map.no_grid", { id });
      shown = "";
      cases.hidden = true;
      return;
    }
    findNote.textContent = "";
    shown = id;
    const i = city.index.get(id);
    const place = [city.community[i], streetName(city.street[i], names)].filter(Boolean).join(" · ");
    const list = h("ul", { class: "cases", id: "grid-cases-list" });
    clear(cases).append(
      h("h3", {}, ctx.t("map.grid", { id }), place ? h("span", { class: "meta" }, " " + place) : null), list);
    cases.hidden = false;
    cases.dataset.grid = id;
    cases.setAttribute("aria-busy", "true");
    const answer = await ctx.api.gridCases(id);
    if (!cases.isConnected || shown !== id) return;  // left, or another grid chosen meanwhile
    if (!answer.ok) {
      list.append(h("li", { class: "empty" }, ctx.t("error.load", { m: answer.error.message })));
    } else {
      const found = answer.body.cases || [];
      const lines = document.createDocumentFragment();
      if (!found.length) lines.append(h("li", { class: "empty" }, ctx.t("map.grid.empty")));
      for (const c of found) lines.append(gridCaseItem(ctx, c));
      ctx.tick(lines);
      list.append(lines);
      if (answer.body.total > found.length) {
        cases.append(h("p", { class: "meta" },
          ctx.t("map.grid.more", { n: found.length, total: answer.body.total })));
      }
    }
    cases.setAttribute("aria-busy", "false");
  }

  const map = createCityMap(city, gridCounts(overview.body), {
    t: ctx.t,
    onPick: (id) => {
      find.value = id;
      showGrid(id);
    },
  });
  const findForm = h("form", { class: "find-grid", id: "grid-find-form" },
    h("label", { for: "grid-find" }, ctx.t("map.find")),
    h("div", { class: "find-row" }, find, h("button", { type: "submit" }, ctx.t("map.find.go"))));
  findForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const id = find.value.trim().toUpperCase();
    if (id) showGrid(id);
  });
  // A whole grid id typed shows the grid at once (no need to press the button on a phone).
  find.addEventListener("input", () => {
    const id = find.value.trim().toUpperCase();
    if (id !== shown && city.index.has(id)) showGrid(id);
  });
  mapCard.append(findForm, findNote, map.element, cases);
  map.draw();
  if (!mapMarked) {
    mapMarked = true;
    performance.mark("map-drawn");
  }

  if (!tables.firstChild) showTables(overview.body);
  // After the map: the assessment is read from the archive and may take a while.
  rates(ctx, rateSection, names);
  // The counts again every minute: the figures are live.
  ctx.every(60000, async () => {
    const again = await ctx.api.overview();
    if (!again.ok || !view.isConnected) return;
    showTotals(again.body);
    showTables(again.body);
    map.recolour(gridCounts(again.body));
  });
}
