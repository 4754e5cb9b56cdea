// The console's pure modules (console/web): what the workbench and the dispatcher's queue count,
// offer and send.
import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import { test } from "node:test";

// Node 18 (Debian bookworm) has no global Web Crypto; the page's browsers do.
if (!globalThis.crypto) globalThis.crypto = webcrypto;

const web = new URL("../../../console/web/", import.meta.url);
const { clockState, formatLeft, leadClock } = await import(new URL("clocks.js", web));
const { actionsFor, buildDeskEvent, buildEvent, offersPhone } = await import(new URL("events.js", web));
const { age } = await import(new URL("queue.js", web));
const { translator } = await import(new URL("i18n.js", web));
const { CLASSES, classOf, gridAt, prepareCity } = await import(new URL("map.js", web));

const at = (iso) => Date.parse(iso);

test("a clock is running, warned, breached or paused", () => {
  const clock = { due: "2026-12-02T12:00:00+08:00", warn_at: "2026-12-02T11:00:00+08:00", warned: false, breached: false, paused: false };
  assert.equal(clockState(clock, at("2026-12-02T10:00:00+08:00")), "running");
  // The page marks the warning and the breach when their time passes between two reads...
  assert.equal(clockState(clock, at("2026-12-02T11:00:00+08:00")), "warned");
  assert.equal(clockState(clock, at("2026-12-02T12:00:00+08:00")), "breached");
  // ...and keeps the engine's marks, which count working time the page does not know.
  assert.equal(clockState({ ...clock, warned: true }, at("2026-12-02T10:00:00+08:00")), "warned");
  assert.equal(clockState({ ...clock, breached: true }, at("2026-12-02T10:00:00+08:00")), "breached");
  assert.equal(clockState({ ...clock, paused: true, breached: true }, at("2026-12-02T13:00:00+08:00")), "paused");
  assert.equal(clockState({ ...clock, warn_at: null }, at("2026-12-02T11:30:00+08:00")), "running");
});

test("time left reads as days and h:m:s, overdue with a minus", () => {
  assert.equal(formatLeft(0, "d"), "00:00:00");
  assert.equal(formatLeft(((2 * 24 + 3) * 3600 + 12 * 60 + 5) * 1000 + 999, "天"), "2天 03:12:05");
  assert.equal(formatLeft(-(4 * 60 + 10) * 1000, "d"), "-00:04:10");
});

test("the lead clock is the unit's earliest running deadline", () => {
  const clocks = [
    { name: "resolve", owner: "grid:G1", due: "2026-12-09T10:00:00+08:00", paused: false },
    { name: "sign", owner: "grid:G1", due: "2026-12-03T10:00:00+08:00", paused: false },
    { name: "other", owner: "street:S1", due: "2026-12-02T10:00:00+08:00", paused: false },
    { name: "paused", owner: "grid:G1", due: "2026-12-01T10:00:00+08:00", paused: true },
  ];
  assert.equal(leadClock(clocks, "grid:G1").name, "sign");
  assert.equal(leadClock(clocks, "community:C1").name, "other");  // none of its own: the earliest
  assert.equal(leadClock([], "grid:G1"), null);
});

test("a case offers the actions of its status, to the unit holding it", () => {
  const c = (status, extra = {}) => ({ status, unit: "grid:G1", assists: [], ...extra });
  assert.deepEqual(actionsFor(c("dispatched"), "grid:G1"), ["sign", "return"]);
  assert.deepEqual(actionsFor(c("reopened"), "grid:G1"), ["sign", "return"]);
  assert.deepEqual(actionsFor(c("signed"), "grid:G1"), ["contact", "assist_request", "extend", "resolve"]);
  assert.deepEqual(actionsFor(c("extension_requested"), "grid:G1"), ["contact", "assist_request", "resolve"]);
  assert.deepEqual(actionsFor(c("resolved"), "grid:G1"), []);
  assert.deepEqual(actionsFor(c("signed"), "grid:G2"), []);
  assert.deepEqual(actionsFor(c("signed", { archived: true }), "grid:G1"), []);
  const summoned = c("signed", { assists: [{ department: "transport", unit: "department:transport", status: "summoned" }] });
  assert.deepEqual(actionsFor(summoned, "department:transport"), ["assist_report"]);
  const done = c("signed", { assists: [{ department: "transport", unit: "department:transport", status: "done" }] });
  assert.deepEqual(actionsFor(done, "department:transport"), []);
});

test("the resident's phone is offered to the unit holding the case and to the revisit staff", () => {
  const held = { status: "signed", unit: "grid:G1", phone_held: true };
  const unit = (u) => ({ role: "unit", unit: u });
  assert.equal(offersPhone(held, unit("grid:G1")), true);
  assert.equal(offersPhone({ ...held, status: "dispatched" }, unit("grid:G1")), true, "before signing too");
  assert.equal(offersPhone(held, unit("grid:G2")), false, "another unit");
  assert.equal(offersPhone(held, { role: "revisit", unit: null }), true);
  assert.equal(offersPhone(held, { role: "office", unit: "grid:G1" }), true, "an office acting as the unit");
  assert.equal(offersPhone(held, { role: "office", unit: "community:C1" }), false);
  for (const role of ["dispatcher", "admin", "viewer"]) {
    assert.equal(offersPhone(held, { role, unit: null }), false, role);
    // Their principals name no unit; were one named, the role still decides, as the API's does.
    assert.equal(offersPhone(held, { role, unit: "grid:G1" }), false, role + " naming the unit");
  }
  assert.equal(offersPhone(held, unit("")), false, "a unit principal without a unit");
  assert.equal(offersPhone({ ...held, unit: "" }, unit("")), false, "a case held by nobody");
  // No number to show: anonymous, no key, or erased when the case closed; or an archived case.
  assert.equal(offersPhone({ ...held, phone_held: undefined }, unit("grid:G1")), false);
  assert.equal(offersPhone({ ...held, phone_held: false }, { role: "revisit" }), false);
  assert.equal(offersPhone({ ...held, archived: true }, { role: "revisit" }), false);
  assert.equal(offersPhone(null, unit("grid:G1")), false);
  assert.equal(offersPhone(held, null), false);
  assert.equal(translator("zh")("phone.show"), "查看电话");
  assert.equal(translator("en")("phone.show"), "Show phone");
  assert.equal(translator("zh")("phone.recorded"), "已记录查看");
  assert.equal(translator("en")("phone.recorded"), "This view is recorded");
});

test("an action is a CloudEvent for the case, acting as the unit", () => {
  const e = buildEvent("return", "case-1", "grid:G1", { reason: " not ours ", grid_id: "", suggested_unit: "grid:G2" });
  assert.equal(e.specversion, "1.0");
  assert.equal(e.type, "caseflow.case.returned");
  assert.equal(e.subject, "case-1");
  assert.equal(e.source, "/console");
  assert.match(e.id, /^console-[0-9a-f]{24}$/);
  assert.deepEqual(e.data, { unit: "grid:G1", reason: "not ours", suggested_unit: "grid:G2" });
  assert.notEqual(buildEvent("sign", "case-1", "grid:G1", {}).id, buildEvent("sign", "case-1", "grid:G1", {}).id);
  assert.deepEqual(buildEvent("sign", "case-1", "grid:G1", {}).data, { unit: "grid:G1" });
  assert.equal(buildEvent("resolve", "c", "grid:G1", { note: "done" }).type, "caseflow.case.resolved");
  assert.deepEqual(buildEvent("assist_report", "c", "department:transport", { department: "transport" }).data,
                   { unit: "department:transport", department: "transport", status: "reported" });
});

test("the dispatcher's events act for no unit of the dispatcher's own", () => {
  const e = buildDeskEvent("assigned", "case-1", { unit: "grid:G2" });
  assert.equal(e.type, "caseflow.case.assigned");
  assert.equal(e.subject, "case-1");
  assert.equal(e.source, "/console");
  assert.match(e.id, /^console-[0-9a-f]{24}$/);
  assert.deepEqual(e.data, { unit: "grid:G2" });
  assert.deepEqual(buildDeskEvent("exemption_decided", "c", { approved: false, applicant: "grid:G1" }).data,
                   { approved: false, applicant: "grid:G1" });
});

test("a queue item's age reads in the largest whole unit", () => {
  const zh = translator("zh");
  const en = translator("en");
  assert.equal(age(59_999, zh), "59 秒");
  assert.equal(age(60_000, zh), "1 分钟");
  assert.equal(age(2 * 3600_000 + 5, en), "2 h");
  assert.equal(age(3 * 86400_000, en), "3 d");
  assert.equal(age(-5000, en), "0 s");  // a clock a little ahead of the browser's
});

test("every word the Chinese page has, the English page has too", async () => {
  const source = await (await import("node:fs/promises")).readFile(new URL("i18n.js", web), "utf8");
  const keysOf = (lang) => {
    const block = source.split(new RegExp(`^  ${lang}: \\{$`, "m"))[1].split(/^  \},$/m)[0];
    return [...block.matchAll(/^\s+"([^"]+)":/gm)].map((m) => m[1]).sort();
  };
  assert.deepEqual(keysOf("en"), keysOf("zh"));
  const zh = translator("zh");
  const en = translator("en");
  assert.equal(zh("inbox.count", { n: 3 }), "共 3 件");
  assert.equal(en("inbox.count", { n: 3 }), "3 cases");
  assert.equal(en("what.brand_new", { fallback: "brand_new" }), "brand_new");
  assert.equal(translator("fr")("signout"), "退出");
});

test("times read as the case's wall time, whatever the browser's zone", async () => {
  const { shortTime } = await import(new URL("i18n.js", web));
  assert.equal(shortTime("2026-12-02T10:06:33.041+08:00"), "12-02 10:06");
  assert.equal(shortTime("2026-12-02T02:06:33Z"), "12-02 02:06");
  assert.equal(shortTime("not a time"), "not a time");
  assert.equal(shortTime(null), "");
});

// Two grids side by side at the equator (cos 0 = 1: x is not scaled); G1 has a hole.
const outlines = {
  bbox: [0, 0, 0.002, 0.001],
  scale: 100000,
  columns: ["grid", "community", "street", "district", "rings"],
  grids: [
    ["G1", "C1", "S1", "D1", [[0, 0, 100, 0, 100, 100, 0, 100], [40, 40, 60, 40, 60, 60, 40, 60]]],
    ["G2", "C1", "S2", "D1", [[100, 0, 200, 0, 200, 100, 100, 100]]],
  ],
};

test("the map finds the grid under a point, and a hole is in no grid", () => {
  const city = prepareCity(outlines);
  assert.equal(Math.round(city.width), 200);
  assert.equal(city.height, 100);
  assert.equal(city.index.get("G2"), 1);
  assert.equal(city.street[1], "S2");
  assert.equal(gridAt(city, 10, 10), 0);
  assert.equal(gridAt(city, 150, 90), 1);
  assert.equal(gridAt(city, 50, 50), -1, "inside G1's hole");
  assert.equal(gridAt(city, 250, 50), -1, "east of the city");
});

test("a grid's colour: breached over warned over the open count", () => {
  const key = (open, warned, breached) => CLASSES[classOf(open, warned, breached)].key;
  assert.equal(key(0, 0, 0), "none");
  assert.equal(key(1, 0, 0), "open1");
  assert.equal(key(12, 0, 0), "open4");
  assert.equal(key(5, 1, 0), "warned");
  assert.equal(key(5, 1, 1), "breached");
});
