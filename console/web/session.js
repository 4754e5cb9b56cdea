// Who is signed in, kept for this tab only (sessionStorage): closing the tab forgets the token,
// which matters on a shared office computer or a phone handed between grid workers.
const KEY = "caseflow.console.session";
const LANG = "caseflow.console.lang";

export function loadSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) || "null");
    if (s && typeof s.unit === "string" && s.unit) return { token: s.token || "", unit: s.unit };
  } catch {
    // A damaged entry is the same as none: sign in again.
  }
  return null;
}

export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

export function loadLang() {
  return sessionStorage.getItem(LANG) === "en" ? "en" : "zh";
}

export function saveLang(lang) {
  sessionStorage.setItem(LANG, lang);
}
