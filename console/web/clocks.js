// The SLA clocks of a case as the workbench shows them: time left to the deadline, counted down
// in the page between two reads of the API, with the engine's own warned/breached marks kept
// (the engine fires them on working time and holidays, which the page does not know; the page
// only adds "breached" when the deadline passes before the next read).
export function clockState(clock, now) {
  const due = Date.parse(clock.due);
  const warnAt = clock.warn_at ? Date.parse(clock.warn_at) : NaN;
  if (clock.paused) return "paused";
  if (clock.breached || now >= due) return "breached";
  if (clock.warned || now >= warnAt) return "warned";
  return "running";
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

// Renders every [data-due] element under `root` for `now`: text and state class. Called each
// second, so the countdown moves without asking the server.
export function tick(root, now, t) {
  for (const el of root.querySelectorAll("[data-due]")) {
    const clock = {
      due: el.dataset.due,
      warn_at: el.dataset.warnAt || null,
      warned: el.dataset.warned === "true",
      breached: el.dataset.breached === "true",
      paused: el.dataset.paused === "true",
    };
    const state = clockState(clock, now);
    el.classList.remove("running", "warned", "breached", "paused");
    el.classList.add(state);
    el.dataset.state = state;
    const left =
      state === "paused" ? t("clock.paused") : formatLeft(Date.parse(clock.due) - now, t("clock.day"));
    const label = state === "running" || state === "paused" ? "" : t("clock." + state) + " ";
    el.textContent = label + left;
  }
}

// The attributes tick() reads, for a clock from the API.
export function clockAttributes(el, clock) {
  el.dataset.due = clock.due;
  if (clock.warn_at) el.dataset.warnAt = clock.warn_at;
  el.dataset.warned = String(Boolean(clock.warned));
  el.dataset.breached = String(Boolean(clock.breached));
  el.dataset.paused = String(Boolean(clock.paused));
}
