// The JSON API (docs/http.md), the console's only source: every call answers a value
// {ok, status, body} or {ok:false, status, error, body}, never throws, so a view decides what a
// refusal means (a refused reload's 422 carries its problems in `body`). The signed-in token goes
// on every call as a Bearer credential; the API decides what it may read and do. Answers are
// asked for afresh (no-store), but for the city's outlines, which the API lets the browser keep
// for a few minutes (they change only with a reload of the city).
export function createApi(getToken) {
  async function call(method, path, body,
    { token = getToken(), type = "application/json", cache = "no-store" } = {}) {
    const headers = { Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = type;
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
        cache,
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
        : { code: "http_" + response.status, message: (parsed && parsed.message) || response.statusText };
    return { ok: false, status: response.status, error, body: parsed };
  }

  return {
    // Who a token belongs to: asked at sign-in, with the token being tried.
    whoami: (token) => call("GET", "/api/v1/whoami", undefined, { token }),
    // The unit's open cases, newest first (the API's order), each with its place and open clocks:
    // the whole inbox in one request (the API's page holds at most 1,000).
    inbox: (unit, limit = 1000) =>
      call("GET", `/api/v1/cases?unit=${encodeURIComponent(unit)}&open=true&limit=${limit}`),
    // The open cases in one grid, for the map's click.
    gridCases: (grid, limit = 100) =>
      call("GET", `/api/v1/cases?grid=${encodeURIComponent(grid)}&open=true&limit=${limit}`),
    overview: () => call("GET", "/api/v1/overview"),
    cityGrids: () => call("GET", "/api/v1/city/grids", undefined, { cache: "default" }),
    assessment: (period, by) =>
      call("GET", `/api/v1/assessment?period=${encodeURIComponent(period)}&by=${encodeURIComponent(by)}`),
    caseById: (id) => call("GET", `/api/v1/cases/${encodeURIComponent(id)}`),
    // The resident's phone: each answered call is recorded (the case's history, the audit
    // view). Never cached: no-store here, and the API answers no-store too.
    casePhone: (id) => call("GET", `/api/v1/cases/${encodeURIComponent(id)}/phone`),
    postEvent: (id, event) => call("POST", `/api/v1/cases/${encodeURIComponent(id)}/events`, event),
    queue: () => call("GET", "/api/v1/queue"),
    units: (q, limit = 10) =>
      call("GET", `/api/v1/units?q=${encodeURIComponent(q)}&limit=${limit}`),
    workflows: () => call("GET", "/api/v1/workflows"),
    validate: (file, yaml) =>
      call("POST", `/api/v1/workflows/validate?file=${encodeURIComponent(file)}`, yaml,
        { type: "application/yaml" }),
    reload: () => call("POST", "/api/v1/workflows/reload"),
  };
}
