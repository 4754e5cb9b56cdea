// The dispatcher's queue (GET /api/v1/queue): cases no unit holds — with why (no workflow took
// it, no place, no unit, returned by a unit) — and extensions and exemption applications waiting
// for a decision, the longest waiting first, each with its age. The dispatcher assigns a case to
// a unit found by a search of the unit directory (GET /api/v1/units?q=), and approves or refuses
// a request the dispatcher is the approver of; each is the dispatcher's event posted to the case,
// and the page waits for the engine's verdict. Admins and viewers see the same queue, read-only.
import { clockAttributes } from "./clocks.js";
import { clear, h } from "./dom.js";
import { buildDeskEvent } from "./events.js";

const VERDICT_WAIT_MS = 10000;
const VERDICT_POLL_MS = 400;
const SEARCH_DELAY_MS = 250;

// "3 分钟" / "3 min": how long an item has waited.
export function age(ms, t) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return t("age.s", { n: s });
  if (s < 3600) return t("age.m", { n: Math.floor(s / 60) });
  if (s < 86400) return t("age.h", { n: Math.floor(s / 3600) });
  return t("age.d", { n: Math.floor(s / 86400) });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function renderQueue(view, ctx) {
  const list = h("ul", { id: "queue", class: "cases", "aria-busy": "true" });
  const meta = h("p", { class: "meta", id: "queue-meta" });
  const verdict = h("p", { id: "desk-verdict", class: "verdict", "aria-live": "polite", hidden: true });
  const refresh = h("button", { type: "button", id: "queue-refresh", class: "link" }, ctx.t("inbox.refresh"));
  view.append(
    verdict,
    h("section", { class: "card" },
      h("div", { class: "row" }, h("h1", {}, ctx.t("queue.title")), refresh),
      meta, list),
  );
  const dispatcher = ctx.may("dispatch");
  let busy = false;
  let workflows = null;  // read once, when the first form needs them

  function say(text, kind) {
    verdict.textContent = text;
    verdict.className = `verdict ${kind}`;
    verdict.dataset.kind = kind;
    verdict.hidden = false;
  }

  function why(item) {
    if (item.kind === "unrouted") return ctx.t("queue.reason." + item.reason, { fallback: item.reason });
    if (item.kind === "extension") return ctx.t("queue.extension", { asked: item.asked });
    return ctx.t("queue.exemption");
  }

  // The dispatcher's own deadline for a waiting case, counted down like a unit's clock.
  function queueClock(clock) {
    const el = h("span", { class: "clock queue-clock", title: ctx.t("queue.clock") });
    clockAttributes(el, clock);
    return el;
  }

  function entry(item) {
    const li = h("li", { class: "case-item queue-item", dataset: { case: item.case, kind: item.kind } });
    const since = Date.parse(item.since);
    const place = [item.grid, item.street].filter(Boolean).join(" · ");
    li.append(
      h("div", { class: "row" },
        h("a", { href: `#/case/${encodeURIComponent(item.case)}`, class: "case-id" }, item.case),
        h("span", { class: `status kind-${item.kind}` }, ctx.t("queue.kind." + item.kind))),
      h("div", { class: "row" },
        h("span", { class: "reason" }, why(item)),
        h("span", { class: "age", title: item.since }, Number.isNaN(since) ? "" : age(Date.now() - since, ctx.t)),
        item.clock ? queueClock(item.clock) : null),
      h("span", { class: "place" },
        [item.category, place, item.unit ? ctx.t("queue.by", { unit: item.unit }) : ""].filter(Boolean).join(" · ")),
      item.description ? h("span", { class: "place description" }, item.description) : null,
    );
    const actions = h("div", { class: "actions" });
    const slot = h("div", { class: "assign-slot" });
    if (dispatcher && item.kind === "unrouted") {
      actions.append(h("button", {
        type: "button", class: "primary assign", disabled: busy,
        onclick: () => openAssign(item, slot),
      }, ctx.t("queue.assign")));
    } else if (item.kind !== "unrouted") {
      if (dispatcher && item.approver === "dispatcher") {
        for (const approved of [true, false]) {
          actions.append(h("button", {
            type: "button", class: approved ? "primary approve" : "refuse", disabled: busy,
            onclick: () => decide(item, approved),
          }, ctx.t(approved ? "queue.approve" : "queue.refuse")));
        }
      } else {
        actions.append(h("span", { class: "meta" }, ctx.t("queue.approver", { who: item.approver || "?" })));
      }
    }
    if (actions.childElementCount) li.append(actions, slot);
    return li;
  }

  async function openAssign(item, slot) {
    if (workflows === null) {
      const answer = await ctx.api.workflows();
      workflows = answer.ok ? (answer.body.workflows || []).filter((w) => w.current) : [];
    }
    clear(slot).append(assignForm(item, () => clear(slot)));
    slot.querySelector("#assign-search")?.focus();
  }

  // Search the directory, pick a unit, then send. A case no workflow took needs one chosen too.
  function assignForm(item, onCancel) {
    let chosen = "";
    const search = h("input", {
      id: "assign-search", type: "search", autocomplete: "off", autocapitalize: "off",
      spellcheck: "false", placeholder: ctx.t("queue.search.hint"),
    });
    const results = h("ul", { class: "plain unit-results", id: "assign-results" });
    const picked = h("p", { class: "meta", id: "assign-picked" }, ctx.t("queue.none_chosen"));
    const send = h("button", { type: "submit", class: "primary", id: "assign-submit", disabled: true },
      ctx.t("queue.send"));
    const workflowSelect = item.workflow ? null : h("select", { id: "assign-workflow", required: true },
      workflows.map((w) => h("option", { value: w.name }, `${w.name} · ${w.title || ""}`)));
    let timer = 0;
    let asked = 0;
    async function find() {
      const mine = ++asked;
      const answer = await ctx.api.units(search.value.trim());
      if (mine !== asked || !view.isConnected) return;  // a later keystroke asked again
      clear(results);
      if (!answer.ok) {
        ctx.problem(answer);
        return;
      }
      for (const u of answer.body.units) {
        results.append(h("li", {}, h("button", {
          type: "button", class: "link unit-choice", dataset: { unit: u.id },
          onclick: () => {
            chosen = u.id;
            picked.textContent = ctx.t("queue.chosen", { unit: u.name ? `${u.id} · ${u.name}` : u.id });
            send.disabled = false;
          },
        }, u.name ? `${u.id} · ${u.name}` : u.id)));
      }
      if (!answer.body.units.length) results.append(h("li", { class: "empty" }, ctx.t("queue.no_units")));
    }
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(find, SEARCH_DELAY_MS);
    });
    const form = h("form", { class: "action-form assign-form" },
      workflowSelect ? h("label", { for: "assign-workflow" }, ctx.t("queue.workflow")) : null,
      workflowSelect,
      h("label", { for: "assign-search" }, ctx.t("queue.search")), search, results, picked,
      h("div", { class: "actions" }, send,
        h("button", { type: "button", class: "link", onclick: onCancel }, ctx.t("action.cancel"))));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!chosen) return;
      const data = { unit: chosen };
      if (workflowSelect) data.workflow = workflowSelect.value;
      assign(item, data);
    });
    return form;
  }

  // Posts `event` and waits until `done(case)` says the engine applied it, or gives up.
  async function post(item, event, done, applied) {
    if (busy) return;
    busy = true;
    for (const b of list.querySelectorAll("button")) b.disabled = true;
    say(ctx.t("action.sending"), "pending");
    const answer = await ctx.api.postEvent(item.case, event);
    if (!answer.ok) {
      busy = false;
      say(ctx.t("action.refused", { m: answer.error.message }), "problem");
      if (answer.status === 401 || answer.status === 403) ctx.problem(answer);
      await load();
      return;
    }
    say(ctx.t("action.accepted"), "pending");
    const deadline = Date.now() + VERDICT_WAIT_MS;
    while (Date.now() < deadline && view.isConnected) {
      await sleep(VERDICT_POLL_MS);
      const c = await ctx.api.caseById(item.case);
      if (c.ok && done(c.body)) {
        busy = false;
        await load();  // the list without what was just decided, before the verdict shows
        say(applied(c.body), "applied");
        return;
      }
    }
    busy = false;
    if (!view.isConnected) return;
    say(ctx.t("action.not_applied", { s: VERDICT_WAIT_MS / 1000 }), "problem");
    await load();
  }

  function assign(item, data) {
    return post(item, buildDeskEvent("assigned", item.case, data),
      (c) => c.status !== "received" && c.unit === data.unit,
      (c) => ctx.t("queue.assigned", { id: c.id, unit: c.unit, status: ctx.t("status." + c.status) }));
  }

  function decide(item, approved) {
    const type = item.kind === "extension" ? "extension_decided" : "exemption_decided";
    const data = item.kind === "extension" ? { approved } : { approved, applicant: item.unit };
    const want = item.kind === "extension"
      ? (approved ? "extension_approved" : "extension_refused")
      : (approved ? "exemption_granted" : "exemption_refused");
    const after = Date.parse(item.since);
    return post(item, buildDeskEvent(type, item.case, data),
      (c) => (c.history || []).some((e) => e.what === want && Date.parse(e.at) >= after),
      () => ctx.t("queue.decided", { id: item.case, what: ctx.t("what." + want) }));
  }

  async function load() {
    list.setAttribute("aria-busy", "true");
    const answer = await ctx.api.queue();
    if (!view.isConnected) return;
    if (!answer.ok) {
      ctx.problem(answer);
      list.setAttribute("aria-busy", "false");
      return;
    }
    const items = answer.body.items || [];
    clear(list);
    if (items.length === 0) list.append(h("li", { class: "empty" }, ctx.t("queue.empty")));
    for (const item of items) list.append(entry(item));
    const at = new Date().toLocaleTimeString(ctx.lang === "en" ? "en-GB" : "zh-CN");
    meta.textContent = `${ctx.t("inbox.count", { n: items.length })} · ${ctx.t("inbox.updated", { t: at })}`;
    list.setAttribute("aria-busy", "false");
    ctx.tick();
  }

  refresh.addEventListener("click", load);
  // Read again now and then, but never under a form the dispatcher is filling in.
  ctx.every(15000, () => {
    if (!busy && !list.querySelector(".assign-form")) load();
  });
  await load();
}
