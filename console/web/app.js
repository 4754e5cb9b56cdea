// The console's entry: who is signed in, the language, and which page the address names
// (#/overview, #/inbox, #/case/ID, #/queue, #/workflows). Which pages are offered follows the
// principal GET /api/v1/whoami gave at sign-in: a unit works from its inbox, an office and a
// viewer from the overview, the dispatcher from the queue, admins from the workflows. Each page
// gets a context with the API, the words, and timers that stop when the person leaves the page.
import { createApi } from "./api.js";
import { tick } from "./clocks.js";
import { renderCase } from "./case.js";
import { clear, h } from "./dom.js";
import { translator } from "./i18n.js";
import { renderInbox } from "./inbox.js";
import { renderOverview } from "./overview.js";
import { renderQueue } from "./queue.js";
import { clearSession, loadLang, loadSession, saveLang, saveSession } from "./session.js";
import { renderSignIn } from "./signin.js";
import { renderWorkflows } from "./workflows.js";

const state = {
  session: loadSession(),
  lang: loadLang(),
  timers: [],
};
const api = createApi(() => (state.session ? state.session.token : ""));
const view = document.getElementById("view");
const notice = document.getElementById("notice");

function t(key, params) {
  return translator(state.lang)(key, params);
}

function showNotice(text) {
  notice.textContent = text;
  notice.hidden = !text;
}

// A refused or failed call, said once at the top of the page.
function problem(answer) {
  if (answer.status === 401) showNotice(t("error.unauthorized"));
  else if (answer.status === 403) {
    showNotice(t("error.forbidden", { m: answer.error ? answer.error.message : "" }));
  }
  else showNotice(t("error.load", { m: answer.error ? answer.error.message : String(answer.status) }));
}

function stopTimers() {
  for (const id of state.timers) clearInterval(id);
  state.timers = [];
}

const may = (what) => Boolean(state.session && state.session.who.may.includes(what));
const unitOf = () => (state.session && state.session.who.unit) || "";

// The pages this principal works with, its own first: a unit's inbox; an office's overview of
// its street or community, then its inbox; the dispatcher's queue; an admin's workflows; a
// viewer's overview of the city. Everyone may look at the overview.
function pages() {
  const who = state.session ? state.session.who : {};
  if (who.office) return ["overview", "inbox"];
  if (unitOf()) return ["inbox", "overview"];
  if (may("administer")) return ["workflows", "queue", "overview"];
  if (may("dispatch")) return ["queue", "overview", "workflows"];
  if (may("desk")) return ["overview", "queue", "workflows"];
  return ["workflows", "overview"];
}

function home() {
  return "#/" + pages()[0];
}

function header() {
  document.documentElement.lang = state.lang === "en" ? "en" : "zh-CN";
  document.getElementById("lang").textContent = t("lang.switch");
  const signout = document.getElementById("signout");
  signout.textContent = t("signout");
  signout.hidden = !state.session;
  const who = state.session ? state.session.who : null;
  document.getElementById("who").textContent = who
    ? [who.name, t("role." + who.role, { fallback: who.role }), who.unit && who.unit !== who.name ? who.unit : ""]
      .filter(Boolean).join(" · ")
    : "";
  document.querySelector(".brand").setAttribute("href", home());
  const nav = clear(document.getElementById("nav"));
  const shown = state.session ? pages() : [];
  if (shown.length > 1) {
    for (const page of shown) {
      nav.append(h("a", { href: "#/" + page, id: "nav-" + page }, t("nav." + page)));
    }
  }
}

function context() {
  return {
    api,
    t,
    lang: state.lang,
    unit: unitOf(),
    who: state.session.who,
    may,
    problem,
    // Renders the countdowns under `root` (a list not yet in the page, too).
    tick: (root = document) => tick(root, Date.now(), t),
    every: (ms, fn) => state.timers.push(setInterval(fn, ms)),
  };
}

async function route() {
  stopTimers();
  showNotice("");
  header();
  // A fresh container per page, so a page still loading can tell it was left (isConnected).
  const page = document.createElement("div");
  clear(view).append(page);
  if (!state.session) {
    renderSignIn(page, {
      t,
      api,
      onSignIn: (session) => {
        state.session = session;
        saveSession(session);
        if (location.hash === home()) route();
        else location.hash = home();
      },
    });
    return;
  }
  const ctx = context();
  state.timers.push(setInterval(() => ctx.tick(), 1000));
  const match = /^#\/case\/(.+)$/.exec(location.hash);
  if (match) {
    await renderCase(page, ctx, decodeURIComponent(match[1]));
    return;
  }
  const name = location.hash.replace(/^#\//, "");
  // A page the principal does not work with (an old bookmark, the case page's way back to the
  // inbox for the dispatcher) leads to its own first page.
  if (!pages().includes(name) && name !== "workflows") {
    if (location.hash === home()) return;
    location.replace(home());
    return;
  }
  if (name === "overview") await renderOverview(page, ctx);
  else if (name === "queue") await renderQueue(page, ctx);
  else if (name === "workflows") await renderWorkflows(page, ctx);
  else await renderInbox(page, ctx);
}

document.getElementById("lang").addEventListener("click", () => {
  state.lang = state.lang === "en" ? "zh" : "en";
  saveLang(state.lang);
  route();
});
document.getElementById("signout").addEventListener("click", () => {
  state.session = null;
  clearSession();
  // A changed hash routes by itself (hashchange): routing here too would draw the sign-in form
  // twice, and the second would swallow what someone began to type into the first.
  if (location.hash === "" || location.hash === "#") route();
  else location.hash = "";
});
window.addEventListener("hashchange", route);
route();
