// The JSON API (docs/http.md), the console's only source: every call answers a value
// {ok, status, body} or {ok:false, status, error}, never throws, so a view decides what a
// refusal means. The token, when there is one, goes on every call: today reads need none and
// writes need the admin token; once tokens carry roles and scopes the same header serves both.
export function createApi(getToken) {
  async function call(method, path, body) {
    const headers = { Accept: "application/json" };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
      });
    } catch (e) {
      return { ok: false, status: 0, error: { code: "network", message: String(e) } };
    }
    let parsed = null;
    try {
      parsed = await response.json();
    } catch {
      parsed = null;
    }
    if (response.ok) return { ok: true, status: response.status, body: parsed };
    const error =
      parsed && parsed.error
        ? parsed.error
        : { code: "http_" + response.status, message: response.statusText };
    return { ok: false, status: response.status, error };
  }

  return {
    // The unit's open cases, newest first (the API's order); the inbox sorts them by deadline.
    inbox: (unit, limit = 100) =>
      call("GET", `/api/v1/cases?unit=${encodeURIComponent(unit)}&open=true&limit=${limit}`),
    caseById: (id) => call("GET", `/api/v1/cases/${encodeURIComponent(id)}`),
    postEvent: (id, event) => call("POST", `/api/v1/cases/${encodeURIComponent(id)}/events`, event),
  };
}
