// Who is signed in, kept for this tab only (sessionStorage): closing the tab forgets the token,
// which matters on a shared office computer or a phone handed between grid workers. With the
// token is the principal GET /api/v1/whoami gave for it (role, unit, what it may do), so the
// page knows which pages to offer; the API still checks every call.
const KEY = "caseflow.console.session";
const LANG = "caseflow.console.lang";

export function loadSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) || "null");
    const who = s && s.who;
    if (s && typeof s.token === "string" && s.token && who && typeof who.role === "string" &&
        Array.isArray(who.may)) {
      return { token: s.token, who };
    }
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
