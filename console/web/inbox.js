// The unit's inbox: its open cases, most urgent deadline first, each with its first clock
// counting down. The list gives no clocks, so each case is read once per refresh (a unit holds
// tens of open cases, not thousands; the list answer with clocks is the API's next step).
import { clockAttributes, leadClock } from "./clocks.js";
import { clear, h } from "./dom.js";
import { shortTime } from "./i18n.js";

function placeOf(c) {
  const p = c.place || {};
  return [p.address, p.grid, p.community, p.street].filter(Boolean).join(" · ");
}

// Resolved cases wait for the resident's verdict (回访): their clocks are the revisit team's,
// not the unit's, so they show no countdown and sort after the cases still to work.
const WAITING = ["resolved", "revisit"];

function item(summary, detail, ctx) {
  const c = detail || summary;
  const waiting = WAITING.includes(c.status);
  const clock = detail && !waiting ? leadClock(detail.clocks, ctx.unit) : null;
  const countdown = h("span", { class: "clock" });
  if (waiting) {
    countdown.classList.add("paused");
    countdown.textContent = ctx.t("inbox.waiting");
  } else if (clock) {
    clockAttributes(countdown, clock);
    countdown.title = `${ctx.t("clock." + clock.name, { fallback: clock.name })} · ${shortTime(clock.due)}`;
  } else {
    countdown.textContent = summary.expected_at ? shortTime(summary.expected_at) : "";
  }
  return h(
    "li", { class: "case-item", dataset: { id: summary.id, status: c.status } },
    h(
      "a", { href: `#/case/${encodeURIComponent(summary.id)}` },
      h("span", { class: "row" },
        h("span", { class: "case-id" }, summary.id),
        h("span", { class: `status status-${c.status}` }, ctx.t("status." + c.status))),
      h("span", { class: "row" },
        h("span", { class: "category" }, c.category || ""),
        countdown),
      detail ? h("span", { class: "place" }, placeOf(detail)) : null,
    ),
  );
}

function dueOf(summary, detail, unit) {
  if (WAITING.includes((detail || summary).status)) return Infinity;
  const clock = detail ? leadClock(detail.clocks, unit) : null;
  const due = clock ? clock.due : summary.expected_at;
  const t = Date.parse(due || "");
  return Number.isNaN(t) ? Infinity : t;
}

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
    if (!answer.ok) {
      ctx.problem(answer);
      list.setAttribute("aria-busy", "false");
      return;
    }
    const summaries = answer.body.cases || [];
    const details = await Promise.all(
      summaries.map((s) => (s.archived ? null : ctx.api.caseById(s.id).then((a) => (a.ok ? a.body : null)))),
    );
    if (!view.isConnected) return;  // the person moved on while this loaded
    const rows = summaries.map((s, i) => ({ s, d: details[i] }));
    rows.sort((a, b) => dueOf(a.s, a.d, ctx.unit) - dueOf(b.s, b.d, ctx.unit));
    clear(list);
    if (rows.length === 0) list.append(h("li", { class: "empty" }, ctx.t("inbox.empty")));
    for (const { s, d } of rows) list.append(item(s, d, ctx));
    const count = ctx.t("inbox.count", { n: answer.body.total ?? rows.length });
    const at = new Date().toLocaleTimeString(ctx.lang === "en" ? "en-GB" : "zh-CN");
    meta.textContent = `${count} · ${ctx.t("inbox.updated", { t: at })}`;
    list.setAttribute("aria-busy", "false");
    ctx.tick();
  }

  refresh.addEventListener("click", load);
  ctx.every(15000, load);
  await load();
}
