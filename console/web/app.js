// The console's entry: who is signed in, the language, and which page the address names
// (#/inbox, #/case/ID). Each page gets a context with the API, the words, and timers that
// stop when the person leaves the page.
import { createApi } from "./api.js";
import { tick } from "./clocks.js";
import { renderCase } from "./case.js";
import { clear } from "./dom.js";
import { translator } from "./i18n.js";
import { renderInbox } from "./inbox.js";
import { clearSession, loadLang, loadSession, saveLang, saveSession } from "./session.js";
import { renderSignIn } from "./signin.js";

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

function header() {
  document.documentElement.lang = state.lang === "en" ? "en" : "zh-CN";
  document.getElementById("lang").textContent = t("lang.switch");
  const signout = document.getElementById("signout");
  signout.textContent = t("signout");
  signout.hidden = !state.session;
  document.getElementById("who").textContent = state.session ? state.session.unit : "";
}

function context() {
  return {
    api,
    t,
    lang: state.lang,
    unit: state.session.unit,
    problem,
    tick: () => tick(document, Date.now(), t),
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
      previous: null,
      onSignIn: (session) => {
        state.session = session;
        saveSession(session);
        if (location.hash === "#/inbox") route();
        else location.hash = "#/inbox";
      },
    });
    return;
  }
  const ctx = context();
  state.timers.push(setInterval(ctx.tick, 1000));
  const match = /^#\/case\/(.+)$/.exec(location.hash);
  if (match) await renderCase(page, ctx, decodeURIComponent(match[1]));
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
  location.hash = "";
  route();
});
window.addEventListener("hashchange", route);
route();
