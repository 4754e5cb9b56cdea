// The unit's inbox: its open cases, most urgent deadline first, each with its first clock
// counting down. One request brings the whole list: each entry carries its place and its open
// clocks (GET /api/v1/cases?unit=U&open=true&limit=1000), so a unit with hundreds of open cases
// costs one read, not one per case.
import { clockAttributes, leadClock } from "./clocks.js";
import { clear, h } from "./dom.js";
import { shortTime, wallTime } from "./i18n.js";

function placeOf(c) {
  return [c.grid, c.community, c.street].filter(Boolean).join(" · ");
}

// Resolved cases wait for the resident's verdict (回访): their clocks are the revisit team's,
// not the unit's, so they show no countdown and sort after the cases still to work.
const WAITING = ["resolved", "revisit"];

// The clock the line counts down (null for a case waiting for the revisit or without clocks),
// and the instant the list is sorted by.
function urgency(c, unit) {
  if (WAITING.includes(c.status)) return { clock: null, due: Infinity };
  const clock = leadClock(c.clocks, unit);
  const due = Date.parse((clock ? clock.due : c.expected_at) || "");
  return { clock, due: Number.isNaN(due) ? Infinity : due };
}

// One line of the list: a link to the case with its id, status, category, countdown and place.
// The first line is built, the others are its clones with their own texts: an inbox of hundreds
// of lines costs a clone and a few writes per line.
function lineTemplate() {
  return h("li", { class: "case-item" },
    h("a", {},
      h("span", { class: "row" }, h("span", { class: "case-id" }), h("span", { class: "status" })),
      h("span", { class: "row" }, h("span", { class: "category" }), h("span", { class: "clock" })),
      h("span", { class: "place" })));
}

function item(template, c, clock, ctx) {
  const li = template.cloneNode(true);
  li.dataset.id = c.id;
  li.dataset.status = c.status;
  const link = li.firstChild;
  link.href = `#/case/${encodeURIComponent(c.id)}`;
  const [head, body, place] = link.children;
  head.firstChild.textContent = c.id;
  head.lastChild.textContent = ctx.t("status." + c.status, { fallback: c.status });
  head.lastChild.classList.add(`status-${c.status}`);
  body.firstChild.textContent = c.category || "";
  const countdown = body.lastChild;
  if (WAITING.includes(c.status)) {
    countdown.classList.add("paused");
    countdown.textContent = ctx.t("inbox.waiting");
  } else if (clock) {
    clockAttributes(countdown, clock);
    countdown.title = `${ctx.t("clock." + clock.name, { fallback: clock.name })} · ${shortTime(clock.due)}`;
  } else {
    countdown.textContent = c.expected_at ? shortTime(c.expected_at) : "";
  }
  const where = placeOf(c);
  if (where) place.textContent = where;
  else place.remove();
  return li;
}

// Set once per page load, after the list's first render: what the console's load figures measure
// (from navigation start).
let marked = false;

export async function renderInbox(view, ctx) {
  const list = h("ul", { id: "inbox", class: "cases", "aria-busy": "true" });
  const meta = h("p", { class: "meta", id: "inbox-meta" });
  const refresh = h("button", { type: "button", id: "inbox-refresh", class: "link" }, ctx.t("inbox.refresh"));
  view.append(
    h("section", { class: "card" },
      h("div", { class: "row" }, h("h1", {}, ctx.t("inbox.title")), refresh),
      meta, list),
  );

  async function load() {
    list.setAttribute("aria-busy", "true");
    const answer = await ctx.api.inbox(ctx.unit);
    if (!view.isConnected) return;  // the person moved on while this loaded
    if (!answer.ok) {
      ctx.problem(answer);
      list.setAttribute("aria-busy", "false");
      return;
    }
    const rows = (answer.body.cases || []).map((c) => ({ c, ...urgency(c, ctx.unit) }));
    rows.sort((a, b) => a.due - b.due);
    // Built apart and put in at once: one layout for the whole list, not one per line.
    const lines = document.createDocumentFragment();
    if (rows.length === 0) lines.append(h("li", { class: "empty" }, ctx.t("inbox.empty")));
    const template = lineTemplate();
    for (const { c, clock } of rows) lines.append(item(template, c, clock, ctx));
    ctx.tick(lines);
    clear(list).append(lines);
    const count = ctx.t("inbox.count", { n: answer.body.total ?? rows.length });
    meta.textContent = `${count} · ${ctx.t("inbox.updated", { t: wallTime(new Date()) })}`;
    list.setAttribute("aria-busy", "false");
    if (!marked) {
      marked = true;
      performance.mark("inbox-drawn");
    }
  }

  refresh.addEventListener("click", load);
  ctx.every(15000, load);
  await load();
}
