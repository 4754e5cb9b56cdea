// The lifecycle events a unit sends from the workbench, as CloudEvents (docs/events.md). Which
// actions a case offers follows its status, as the engine will judge them; the engine still has
// the last word (its verdict shows on the case).
const ACTIONS = {
  sign: { type: "caseflow.case.signed", fields: [] },
  contact: { type: "caseflow.case.contacted", fields: [{ name: "note", kind: "text" }] },
  return: {
    type: "caseflow.case.returned",
    fields: [
      { name: "reason", kind: "text", required: true },
      { name: "grid_id", kind: "line" },
      { name: "suggested_unit", kind: "line" },
    ],
  },
  extend: {
    type: "caseflow.case.extension_requested",
    fields: [
      { name: "extend_by", kind: "line", required: true, placeholder: "2 workdays" },
      { name: "reason", kind: "text" },
    ],
  },
  assist_request: {
    type: "caseflow.case.assist_requested",
    fields: [{ name: "department", kind: "line", required: true, placeholder: "transport" }],
  },
  assist_report: {
    type: "caseflow.case.assist_reported",
    fields: [
      { name: "department", kind: "line", required: true },
      { name: "status", kind: "choice", choices: ["reported", "done"] },
      { name: "note", kind: "text" },
    ],
  },
  resolve: { type: "caseflow.case.resolved", fields: [{ name: "note", kind: "text", required: true }] },
};

export function actionSpec(name) {
  return ACTIONS[name];
}

const WORKING = ["signed", "contacted", "in_progress", "extension_requested"];

// The actions `unit` may take on case `c` now.
export function actionsFor(c, unit) {
  if (!c || c.archived) return [];
  const department = unit.startsWith("department:") ? unit.slice("department:".length) : null;
  const assisting = (c.assists || []).some(
    (a) => (a.unit === unit || a.department === department) && a.status !== "done",
  );
  const out = [];
  if (c.unit === unit) {
    if (c.status === "dispatched" || c.status === "reopened") out.push("sign", "return");
    if (WORKING.includes(c.status)) {
      out.push("contact", "assist_request");
      if (c.status !== "extension_requested") out.push("extend");
      out.push("resolve");
    }
  }
  if (assisting) out.push("assist_report");
  return out;
}

// Whether the case page offers to show the resident's phone to `who` (GET /api/v1/whoami's
// principal): the API's own rule (the unit holding the case, acting as itself or as an office,
// and the revisit staff), so the button is not offered where the answer can only be 403. The
// API still judges every call.
export function offersPhone(c, who) {
  if (!c || c.archived || c.phone_held !== true || !who) return false;
  if (who.role === "revisit") return true;
  return (who.role === "unit" || who.role === "office") && Boolean(who.unit) && who.unit === c.unit;
}

// A fresh id per click: the id is how an event is found again in the logs and on caseflow.dlq.
export function eventId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return "console-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// The CloudEvent of `action` on case `caseId` by `unit`, with the form's values.
export function buildEvent(action, caseId, unit, values) {
  const spec = ACTIONS[action];
  const data = { unit };
  for (const field of spec.fields) {
    const value = (values[field.name] || "").trim();
    if (value) data[field.name] = value;
  }
  if (action === "assist_report" && !data.status) data.status = "reported";
  return {
    specversion: "1.0",
    id: eventId(),
    source: "/console",
    type: spec.type,
    subject: caseId,
    datacontenttype: "application/json",
    data,
  };
}

// The dispatcher's events from the queue (docs/events.md): `assigned` ({unit, stage?,
// workflow?}), `extension_decided` ({approved}), `exemption_decided` ({approved, applicant}).
// They act for no unit, so data carries none of the dispatcher's own.
export function buildDeskEvent(type, caseId, data) {
  return {
    specversion: "1.0",
    id: eventId(),
    source: "/console",
    type: "caseflow.case." + type,
    subject: caseId,
    datacontenttype: "application/json",
    data,
  };
}
