// One case: its work order, clocks, assists, extensions and history, and the actions the unit
// may take now. An action is answered in two steps, as the API works: the POST's 202 means
// Kafka has the event; the engine's verdict is the case itself changing, read back until it
// does (or a time limit says it did not: the engine refused it, and caseflow.dlq says why).
// The resident's phone, for those the API shows it to, is asked for on a click and lives only in
// this page's DOM (nothing stored, nothing cached): leaving the page forgets it.
import { clockAttributes } from "./clocks.js";
import { clear, h } from "./dom.js";
import { actionsFor, actionSpec, buildEvent, offersPhone } from "./events.js";
import { shortTime } from "./i18n.js";

const VERDICT_WAIT_MS = 20000;
const VERDICT_POLL_MS = 400;

function definitionList(pairs) {
  return h("dl", { class: "fields" },
    pairs
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function order(c, ctx) {
  const p = c.place || {};
  const place = [p.address, p.grid, p.community, p.street, p.district].filter(Boolean).join(" · ");
  return h("section", { class: "card", id: "order" },
    h("h2", {}, ctx.t("case.order")),
    definitionList([
      [ctx.t("field.id"), c.id],
      [ctx.t("field.status"), ctx.t("status." + c.status)],
      [ctx.t("field.category"), c.category],
      [ctx.t("field.description"), c.description],
      [ctx.t("field.place"), place],
      [ctx.t("field.stage"), c.stage],
      [ctx.t("field.unit"), c.unit],
      [ctx.t("field.urgency"), c.urgency],
      [ctx.t("field.request_type"), c.request_type],
      [ctx.t("field.channel"), c.channel],
      [ctx.t("field.reported_at"), shortTime(c.reported_at)],
      [ctx.t("field.expected_at"), c.expected_at ? shortTime(c.expected_at) : null],
    ]));
}

function clocks(c, ctx) {
  const rows = (c.clocks || []).map((k) => {
    const countdown = h("span", { class: "clock" });
    clockAttributes(countdown, k);
    return h("li", { class: "clock-row", dataset: { clock: k.name } },
      h("span", {}, `${ctx.t("clock." + k.name, { fallback: k.name })} · ${k.owner}`),
      h("span", { class: "due" }, shortTime(k.due)),
      countdown);
  });
  return h("section", { class: "card", id: "clocks" },
    h("h2", {}, ctx.t("case.clocks")),
    rows.length ? h("ul", { class: "plain" }, rows) : h("p", { class: "meta" }, ctx.t("case.none")));
}

function assistsAndExtensions(c, ctx) {
  const assists = c.assists || [];
  const extensions = c.extensions || [];
  if (!assists.length && !extensions.length) return null;
  const list = (title, items, line) =>
    items.length ? [h("h2", {}, title), h("ul", { class: "plain" }, items.map((x) => h("li", {}, line(x))))] : [];
  return h("section", { class: "card", id: "assists" },
    list(ctx.t("case.assists"), assists, (a) => `${a.department} · ${a.unit} · ${a.status}`),
    list(ctx.t("case.extensions"), extensions, (e) => `${e.stage} · ${e.asked} · ${e.state}`));
}

function history(c, ctx) {
  return h("section", { class: "card", id: "history-card" },
    h("h2", {}, ctx.t("case.history")),
    h("ol", { id: "history", class: "history" },
      (c.history || []).map((e) => h("li", { dataset: { what: e.what } },
        h("time", {}, shortTime(e.at)),
        h("span", { class: "what" }, ctx.t("what." + e.what, { fallback: e.what })),
        h("span", { class: "meta" }, [e.stage, e.unit, e.by && ctx.t("case.by", { who: e.by })]
          .filter(Boolean).join(" · "))))));
}

const revealed = (c) => (c.history || []).filter((e) => e.what === "phone_revealed").length;

// A number as a tel: address: what a dialler takes, whatever spacing the resident typed.
const telHref = (phone) => "tel:" + phone.replace(/[^\d+]/g, "");

function actionForm(action, ctx, onSend, onCancel) {
  const spec = actionSpec(action);
  const inputs = {};
  const fields = spec.fields.map((f) => {
    const id = `field-${f.name}`;
    let input;
    if (f.kind === "text") input = h("textarea", { id, name: f.name, rows: 3 });
    else if (f.kind === "choice") {
      input = h("select", { id, name: f.name }, f.choices.map((c) => h("option", { value: c }, c)));
    }
    else input = h("input", { id, name: f.name, type: "text", placeholder: f.placeholder });
    inputs[f.name] = input;
    return [h("label", { for: id }, ctx.t("field." + f.name) + (f.required ? " *" : "")), input];
  });
  const form = h("form", { class: "action-form", id: `form-${action}` },
    fields.flat(),
    h("div", { class: "row" },
      h("button", { type: "submit", class: "primary", id: "action-submit" }, ctx.t("action.submit")),
      h("button", { type: "button", class: "link", onclick: onCancel }, ctx.t("action.cancel"))));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const values = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value]));
    const missing = spec.fields.filter((f) => f.required && !String(values[f.name] || "").trim());
    if (missing.length) {
      const names = missing.map((f) => ctx.t("field." + f.name)).join(", ");
      ctx.say(ctx.t("action.required", { f: names }), "problem");
      inputs[missing[0].name].focus();
      return;
    }
    onSend(values);
  });
  return form;
}

export async function renderCase(view, ctx, id) {
  const body = h("div", { class: "case", id: "case", dataset: { id } });
  const verdict = h("p", { id: "verdict", class: "verdict", "aria-live": "polite", hidden: true });
  view.append(h("p", {}, h("a", { href: "#/inbox", id: "back" }, ctx.t("case.back"))), verdict, body);
  let current = null;
  let busy = false;
  // The shown number, moved into each new drawing of the case so a refresh does not lose it.
  const phoneShown = h("div", { id: "phone-shown", class: "phone-shown", hidden: true });
  let revealing = false;

  function say(text, kind) {
    verdict.textContent = text;
    verdict.className = `verdict ${kind}`;
    verdict.dataset.kind = kind;
    verdict.hidden = false;
  }
  const local = { ...ctx, say };

  function draw(c) {
    current = c;
    clear(body);
    body.dataset.status = c.status;
    const actions = h("div", { class: "actions", id: "actions" });
    const formSlot = h("div", { id: "action-slot" });
    for (const action of actionsFor(c, ctx.unit)) {
      actions.append(h("button", {
        type: "button",
        class: action === "resolve" || action === "sign" ? "primary" : "",
        id: `action-${action}`,
        dataset: { action }, disabled: busy,
        onclick: () => (actionSpec(action).fields.length ? openForm(action, formSlot) : send(action, {})),
      }, ctx.t("action." + action)));
    }
    body.append(order(c, ctx), clocks(c, ctx));
    const phone = phoneCard(c);
    if (phone) body.append(phone);
    if (actions.childElementCount) {
      body.append(h("section", { class: "card", id: "actions-card" },
        h("h2", {}, ctx.t("case.actions")), actions, formSlot));
    }
    const extra = assistsAndExtensions(c, ctx);
    if (extra) body.append(extra);
    body.append(history(c, ctx));
    ctx.tick();
  }

  function phoneCard(c) {
    if (!offersPhone(c, ctx.who)) {
      // Erased with the case's closing, or no longer this principal's to see: not kept either.
      clear(phoneShown).hidden = true;
      return null;
    }
    return h("section", { class: "card", id: "phone-card" },
      h("h2", {}, ctx.t("case.phone")),
      h("button", {
        type: "button", id: "phone-show", class: "phone-show",
        disabled: revealing, hidden: !phoneShown.hidden, onclick: reveal,
      }, ctx.t("phone.show")),
      phoneShown);
  }

  async function reveal() {
    if (revealing || !current) return;
    revealing = true;
    const button = () => body.querySelector("#phone-show");
    if (button()) button().disabled = true;
    const seen = revealed(current);
    const answer = await ctx.api.casePhone(id);
    revealing = false;
    if (!view.isConnected) return;
    if (!answer.ok) {
      ctx.problem(answer);
      if (button()) button().disabled = false;
      return;
    }
    const phone = String(answer.body.phone);
    clear(phoneShown).append(
      h("a", { href: telHref(phone), id: "phone-number", class: "tel" }, phone),
      h("p", { id: "phone-recorded", class: "meta" }, ctx.t("phone.recorded")));
    phoneShown.hidden = false;
    if (button()) button().hidden = true;
    // The API recorded the view before answering; the history shows it once the engine has
    // applied that event, so read the case until it does, as an action's verdict is read.
    const deadline = Date.now() + VERDICT_WAIT_MS;
    while (Date.now() < deadline && view.isConnected && !busy) {
      await new Promise((resolve) => setTimeout(resolve, VERDICT_POLL_MS));
      const c = await load();
      if (!c || revealed(c) <= seen) continue;
      if (!busy && !body.querySelector(".action-form")) draw(c);
      return;
    }
  }

  function openForm(action, slot) {
    clear(slot).append(actionForm(action, local, (values) => send(action, values), () => clear(slot)));
    slot.querySelector("input, textarea, select")?.focus();
  }

  async function load() {
    const answer = await ctx.api.caseById(id);
    if (!view.isConnected) return null;
    if (!answer.ok) {
      ctx.problem(answer);
      return null;
    }
    return answer.body;
  }

  async function send(action, values) {
    if (busy || !current) return;
    busy = true;
    for (const b of body.querySelectorAll("#actions button")) b.disabled = true;
    say(ctx.t("action.sending"), "pending");
    const before = { status: current.status, entries: (current.history || []).length };
    const answer = await ctx.api.postEvent(id, buildEvent(action, id, ctx.unit, values));
    if (!answer.ok) {
      busy = false;
      say(ctx.t("action.refused", { m: answer.error.message }), "problem");
      if (answer.status === 401 || answer.status === 403) ctx.problem(answer);
      draw(current);
      return;
    }
    say(ctx.t("action.accepted"), "pending");
    const deadline = Date.now() + VERDICT_WAIT_MS;
    while (Date.now() < deadline && view.isConnected) {
      await new Promise((resolve) => setTimeout(resolve, VERDICT_POLL_MS));
      const c = await load();
      if (!c) continue;
      if (c.status !== before.status || (c.history || []).length > before.entries) {
        busy = false;
        const last = c.history[c.history.length - 1];
        draw(c);
        const what = last ? ctx.t("what." + last.what, { fallback: last.what }) : "";
        say(ctx.t("action.applied", { what, status: ctx.t("status." + c.status) }), "applied");
        return;
      }
    }
    busy = false;
    if (!view.isConnected) return;
    say(ctx.t("action.not_applied", { s: VERDICT_WAIT_MS / 1000 }), "problem");
    draw(current);
  }

  const first = await load();
  if (first) draw(first);
  ctx.every(15000, async () => {
    if (busy) return;
    const c = await load();
    // A changed case is drawn again, but never under a form the person is filling in.
    const changed = c && JSON.stringify(c) !== JSON.stringify(current);
    if (changed && !busy && !body.querySelector(".action-form")) draw(c);
  });
}
