// The workflows page (GET /api/v1/workflows): every loaded version — the current one new cases
// take, and older ones running cases still use, with their open cases — each drawn as its stages
// in escalation order with their clocks, an arrow where a breach moves the case on; and the last
// reload's outcome with its problems as FILE:LINE:COL. Admins also validate a workflow text and
// reload the files (POST /api/v1/workflows/validate and /reload); everyone else reads.
import { clear, h } from "./dom.js";
import { shortTime } from "./i18n.js";

// The SVG namespace, as the HTML parser gives it to an <svg> element: the console's files write
// out no address at all (a test checks that nothing in them could load from elsewhere).
const SVG = (() => {
  const probe = document.createElement("template");
  probe.innerHTML = "<svg></svg>";
  return probe.content.firstChild.namespaceURI;
})();

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  for (const child of children) {
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function clockLine(k, t) {
  const parts = [`${t("clock." + k.name, { fallback: k.name })} ${k.limit}`];
  if (k.warn_at_percent) parts.push(t("wf.warn", { p: k.warn_at_percent }));
  if (k.supervise) parts.push(t("what.supervised"));
  if (k.escalate) parts.push(t("wf.escalates"));
  return parts.join(" · ");
}

// The stages top to bottom, so the drawing fits a phone's width: a box per stage with its clocks,
// and between two stages an arrow labelled with the clocks whose breach escalates.
export function diagram(wf, t, key) {
  const width = 320;
  const lineH = 18;
  const gap = 34;
  const boxes = wf.stages.map((st) => 30 + lineH * Math.max(1, st.clocks.length));
  const height = boxes.reduce((a, b) => a + b, 0) + gap * Math.max(0, boxes.length - 1) + 4;
  const marker = `arrow-${key}`;
  const svg = s("svg", {
    viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", class: "diagram",
    "aria-label": t("wf.diagram", { id: wf.id }),
  });
  svg.append(s("defs", {}, s("marker", {
    id: marker, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto",
  }, s("path", { d: "M0,0 L10,5 L0,10 z", fill: "#b3261e" }))));
  let y = 2;
  wf.stages.forEach((st, i) => {
    const g = s("g", { class: "stage", "data-stage": st.name });
    g.append(s("rect", { x: 2, y, width: width - 4, height: boxes[i], rx: 6, fill: "#fff", stroke: "#1f5fbf" }));
    const title = st.department && st.department !== st.name
      ? `${st.name} (${st.department})`
      : `${st.name} · ${t("level." + st.level, { fallback: st.level })}`;
    g.append(s("text", { x: 12, y: y + 20, "font-weight": 600, "font-size": 14, fill: "#1d2330" }, title));
    const lines = st.clocks.length ? st.clocks.map((k) => clockLine(k, t)) : [t("wf.no_clocks")];
    lines.forEach((line, j) => {
      g.append(s("text", { x: 12, y: y + 20 + lineH * (j + 1), "font-size": 12, fill: "#5c6577" }, line));
    });
    svg.append(g);
    y += boxes[i];
    if (i + 1 < wf.stages.length) {
      const escalating = st.clocks.filter((k) => k.escalate).map((k) => t("clock." + k.name, { fallback: k.name }));
      if (escalating.length) {
        svg.append(s("line", {
          x1: 40, y1: y, x2: 40, y2: y + gap - 2, stroke: "#b3261e", "stroke-width": 2,
          "marker-end": `url(#${marker})`, class: "escalation",
        }));
        svg.append(s("text", { x: 52, y: y + gap / 2 + 4, "font-size": 12, fill: "#b3261e" },
          t("wf.escalation", { clocks: escalating.join("、") })));
      }
      y += gap;
    }
  });
  return svg;
}

function lastReload(last, t) {
  const box = h("section", { class: "card", id: "last-reload" }, h("h2", {}, t("wf.last_reload")));
  if (!last) {
    box.append(h("p", { class: "meta" }, t("wf.no_reload")));
    return box;
  }
  box.dataset.reloaded = String(last.reloaded);
  box.append(h("p", { class: last.reloaded ? "meta" : "problem-text" },
    `${shortTime(last.at)} UTC · ${last.reloaded ? t("wf.reloaded") : t("wf.refused")}` +
      (last.message && !last.reloaded ? ` · ${last.message}` : "")));
  if (last.diagnostics.length) {
    box.append(h("ul", { class: "problems", id: "reload-problems" },
      last.diagnostics.map((d) => h("li", {}, h("code", {}, d)))));
  }
  return box;
}

function version(wf, t, i) {
  const badge = wf.current
    ? h("span", { class: "status current" }, t("wf.current"))
    : h("span", { class: "status" }, t("wf.running"));
  return h("article", { class: "card workflow", dataset: { id: wf.id, current: String(Boolean(wf.current)) } },
    h("div", { class: "row" }, h("h2", {}, wf.id), badge),
    h("p", { class: "meta" }, [wf.title, t("wf.open", { n: wf.open_cases }), wf.source_file].filter(Boolean).join(" · ")),
    wf.stages ? diagram(wf, t, i) : null);
}

export async function renderWorkflows(view, ctx) {
  const t = ctx.t;
  const list = h("div", { id: "workflows", "aria-busy": "true" });
  const lastSlot = h("div", {});
  const result = h("p", { id: "reload-result", class: "verdict", "aria-live": "polite", hidden: true });
  const admin = ctx.may("administer");
  view.append(h("section", { class: "card" },
    h("h1", {}, t("wf.title")),
    h("p", { class: "meta" }, admin ? t("wf.admin_hint") : t("wf.read_only"))));
  if (admin) view.append(adminTools());
  view.append(result, lastSlot, list);

  function say(text, kind) {
    result.textContent = text;
    result.className = `verdict ${kind}`;
    result.dataset.kind = kind;
    result.hidden = false;
  }

  function adminTools() {
    const reload = h("button", { type: "button", class: "primary", id: "reload" }, t("wf.reload"));
    reload.addEventListener("click", async () => {
      reload.disabled = true;
      say(t("wf.reloading"), "pending");
      const answer = await ctx.api.reload();
      reload.disabled = false;
      if (answer.ok) say(t("wf.reload_ok", { list: (answer.body.workflows || []).join(", ") }), "applied");
      else if (answer.status === 422) say(t("wf.reload_problems"), "problem");
      else say(t("action.refused", { m: answer.error.message }), "problem");
      await load();
    });
    const file = h("input", { id: "validate-file", type: "text", value: "workflow.yaml", autocomplete: "off" });
    const text = h("textarea", { id: "validate-text", rows: 6, spellcheck: "false", placeholder: t("wf.validate.hint") });
    const problems = h("ul", { class: "problems", id: "validate-problems" });
    const check = h("button", { type: "submit", id: "validate" }, t("wf.validate"));
    const form = h("form", { class: "action-form" },
      h("label", { for: "validate-file" }, t("wf.validate.file")), file,
      h("label", { for: "validate-text" }, t("wf.validate.text")), text, check, problems);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clear(problems);
      const answer = await ctx.api.validate(file.value.trim() || "workflow.yaml", text.value);
      const body = answer.body || {};
      if (answer.ok) say(t("wf.valid", { id: body.workflow || "" }), "applied");
      else if (answer.status === 422) {
        say(t("wf.invalid"), "problem");
        for (const d of body.diagnostics || []) problems.append(h("li", {}, h("code", {}, d)));
      } else say(t("action.refused", { m: answer.error.message }), "problem");
    });
    return h("section", { class: "card", id: "admin-tools" },
      h("div", { class: "row" }, h("h2", {}, t("wf.reload_title")), reload),
      h("details", {}, h("summary", {}, t("wf.validate_title")), form));
  }

  async function load() {
    list.setAttribute("aria-busy", "true");
    const answer = await ctx.api.workflows();
    if (!view.isConnected) return;
    if (!answer.ok) {
      ctx.problem(answer);
      list.setAttribute("aria-busy", "false");
      return;
    }
    const versions = (answer.body.workflows || []).slice()
      .sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id) || (b.version || 0) - (a.version || 0));
    clear(lastSlot).append(lastReload(answer.body.last_reload, t));
    clear(list);
    versions.forEach((wf, i) => list.append(version(wf, t, i)));
    list.setAttribute("aria-busy", "false");
  }

  await load();
}
