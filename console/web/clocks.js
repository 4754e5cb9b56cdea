// The SLA clocks of a case as the workbench shows them: time left to the deadline, counted down
// in the page between two reads of the API, with the engine's own warned/breached marks kept
// (the engine fires them on working time and holidays, which the page does not know; the page
// only adds "breached" when the deadline passes before the next read).
export function clockState(clock, now) {
  return stateOf(parsedClock(clock), now);
}

// "2d 03:12:05" / "-00:04:10": sign shows overdue; days beyond 24 h keep the line short on a phone.
export function formatLeft(ms, dayWord) {
  const sign = ms < 0 ? "-" : "";
  let s = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const hh = String(Math.floor(s / 3600)).padStart(2, "0");
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return `${sign}${days ? days + dayWord + " " : ""}${hh}:${mm}:${ss}`;
}

// The clock that matters first for `unit`: the earliest due among its own running clocks.
export function leadClock(clocks, unit) {
  const own = (clocks || []).filter((k) => k.owner === unit && !k.paused);
  const pool = own.length ? own : (clocks || []).filter((k) => !k.paused);
  return pool.reduce((a, k) => (a && Date.parse(a.due) <= Date.parse(k.due) ? a : k), null);
}

// What tick() keeps of each countdown element: its clock parsed once (by clockAttributes) and the
// state and text it last wrote. An inbox of hundreds of rows ticks every second: the dates are not
// parsed again, the class changes only when the state does, and the text goes into one text node
// kept for the element.
const countdowns = new WeakMap();

function parsedClock(clock) {
  return {
    due: Date.parse(clock.due),
    warnAt: clock.warn_at ? Date.parse(clock.warn_at) : NaN,
    warned: Boolean(clock.warned),
    breached: Boolean(clock.breached),
    paused: Boolean(clock.paused),
    state: "",
    node: null,
  };
}

// An element marked data-due by other means than clockAttributes counts down to that instant.
function countdownOf(el) {
  let entry = countdowns.get(el);
  if (!entry) {
    entry = parsedClock({ due: el.dataset.due });
    countdowns.set(el, entry);
  }
  return entry;
}

function stateOf(k, now) {
  if (k.paused) return "paused";
  if (k.breached || now >= k.due) return "breached";
  if (k.warned || now >= k.warnAt) return "warned";
  return "running";
}

// Renders every [data-due] element under `root` for `now`: text and state class. Called each
// second, so the countdown moves without asking the server.
export function tick(root, now, t) {
  const words = { paused: t("clock.paused"), day: t("clock.day"), warned: t("clock.warned") + " ",
    breached: t("clock.breached") + " " };
  for (const el of root.querySelectorAll("[data-due]")) {
    const k = countdownOf(el);
    const state = stateOf(k, now);
    if (state !== k.state) {
      el.classList.remove("running", "warned", "breached", "paused");
      el.classList.add(state);
      el.dataset.state = state;
      k.state = state;
    }
    const left = state === "paused" ? words.paused : formatLeft(k.due - now, words.day);
    const text = (state === "warned" || state === "breached" ? words[state] : "") + left;
    if (!k.node || k.node.parentNode !== el) {
      k.node = document.createTextNode(text);
      el.replaceChildren(k.node);
    } else if (k.node.data !== text) {
      k.node.data = text;
    }
  }
}

// Makes `el` the countdown of a clock from the API: data-due marks it for tick(), which keeps the
// rest of the clock parsed beside it.
export function clockAttributes(el, clock) {
  el.dataset.due = clock.due;
  countdowns.set(el, parsedClock(clock));
}
