#!/usr/bin/env python3
"""Validates records against the schemas of docs/asyncapi.yaml, so the document cannot drift from
the code unnoticed.

  check_records.py --source-dir ROOT                       examples and documented samples
  check_records.py --source-dir ROOT --caseflow BIN        the same, then real records

Without --caseflow it checks every example in the document and every CloudEvent written in the
README and docs/*.md against the schema of its type.

With --caseflow it runs the engine (embedded broker, the demo city, the workflow in
tests/contract/workflows with clocks of seconds), produces with kcat every example event of the
document plus edge cases and refused inputs, waits for the clocks to run out, then reads every
topic back and checks that
  - every record caseflow wrote validates against the schema of its type, on a channel whose
    messages include that type, with the documented headers, on the partition murmur2 of its key
    picks;
  - every outbound type (and both kinds of dispatch) was seen, so the scenario stays complete;
  - every inbound event the schemas accept was decoded by caseflow (no not_json / bad_data / ...
    dead letter for it), and every one they refuse was dead-lettered with the expected reason.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import jsonschema
import yaml

try:  # jsonschema >= 4.18
    import referencing
    import referencing.jsonschema
except ImportError:  # Debian bookworm's python3-jsonschema 4.10
    referencing = None

DOC_URI = "https://caseflow.invalid/docs/asyncapi.yaml"  # never fetched: the document is stored
DECODE_REASONS = {"not_json", "not_object", "missing_attribute", "bad_specversion",
                  "bad_content_type", "unknown_type", "missing_subject", "bad_data"}

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


class Contract:
    """The schemas of the document, by CloudEvents type and by channel."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.doc = yaml.safe_load(f)
        if referencing:
            resource = referencing.Resource.from_contents(
                self.doc, default_specification=referencing.jsonschema.DRAFT7)
            self.refs = {"registry": referencing.Registry().with_resource(DOC_URI, resource)}
        else:
            self.refs = {"resolver": jsonschema.RefResolver(DOC_URI, self.doc)}
        self.messages = self.doc["components"]["messages"]
        # CloudEvents type -> message id, from the messages' names.
        self.by_type = {m["name"]: mid for mid, m in self.messages.items()
                        if m["name"].startswith("caseflow.case.")}
        events = [self.resolve(m) for m in self.doc["channels"]["events"]["messages"].values()]
        self.inbound = {m["name"] for m in events if m["name"] in self.by_type}
        self.outbound = set(self.by_type) - self.inbound
        self._validators = {}

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node:
            target = self.doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def validator(self, pointer):
        if pointer not in self._validators:
            self._validators[pointer] = jsonschema.Draft7Validator(
                {"$ref": DOC_URI + pointer}, **self.refs)
        return self._validators[pointer]

    def payload_errors(self, message_id, value):
        v = self.validator("#/components/messages/%s/payload" % message_id)
        out = []
        for e in v.iter_errors(value):
            if e.context:  # oneOf / anyOf: the branch that came closest
                e = jsonschema.exceptions.best_match(e.context)
            out.append("%s: %s" % ("/".join(map(str, e.absolute_path)) or "(root)", e.message))
        return out

    def header_errors(self, message_id, headers):
        message = self.resolve(self.messages[message_id])
        pointer = None
        if "headers" in message:
            pointer = "#/components/messages/%s/headers" % message_id
        else:
            for i, trait in enumerate(message.get("traits", [])):
                if "headers" in self.resolve(trait):
                    pointer = trait["$ref"] + "/headers"
        if pointer is None:
            return []
        return [e.message for e in self.validator(pointer).iter_errors(headers)]

    def channel_for(self, topic):
        """The channel whose address matches `topic`, and the CloudEvents types it carries."""
        best = None
        for cid, channel in self.doc["channels"].items():
            address = channel["address"]
            params = channel.get("parameters", {})
            pattern = ""
            for piece in re.split(r"(\{[^}]+\})", address):
                if piece.startswith("{"):
                    param = self.resolve(params.get(piece[1:-1], {}))
                    if "enum" in param:
                        pattern += "(?:%s)" % "|".join(map(re.escape, param["enum"]))
                    else:
                        pattern += ".+"
                else:
                    pattern += re.escape(piece)
            if re.fullmatch(pattern, topic):
                literal = "{" not in address
                if best is None or literal or best[2] == ".+":
                    best = (cid, channel, pattern)
        if best is None:
            return None, set()
        names = {self.resolve(m)["name"] for m in best[1]["messages"].values()}
        return best[0], names


# ------------------------------------------------------------------ examples and documented samples

def check_examples(contract):
    count = 0
    for mid, message in contract.messages.items():
        for example in message.get("examples", []):
            count += 1
            for e in contract.payload_errors(mid, example["payload"]):
                fail("example %s of message %s: %s" % (example.get("name"), mid, e))
            etype = example["payload"].get("type")
            if etype != message["name"] and mid in contract.by_type.values():
                fail("example %s of message %s has type %s" % (example.get("name"), mid, etype))
    print("examples: %d checked" % count)


def cloudevents_in_text(text):
    """Every JSON object starting with {"specversion" in a text, shell splices made plain."""
    text = re.sub(r"'\$[A-Za-z_]+'", "case-1", text)  # "subject":"'$ID'" in shell examples
    text = re.sub(r"\s*\n\s*", " ", text)             # JSON wrapped over lines
    decoder = json.JSONDecoder()
    for m in re.finditer(r'\{"specversion"', text):
        try:
            value, _ = decoder.raw_decode(text[m.start():])
        except json.JSONDecodeError:
            continue
        yield value


def check_documented(contract, root):
    count = 0
    files = [os.path.join(root, "README.md")] + sorted(
        os.path.join(root, "docs", f) for f in os.listdir(os.path.join(root, "docs"))
        if f.endswith(".md"))
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for event in cloudevents_in_text(text):
            count += 1
            mid = contract.by_type.get(event.get("type"))
            if mid is None:
                fail("%s: a CloudEvent of unknown type %r" % (path, event.get("type")))
                continue
            for e in contract.payload_errors(mid, event):
                fail("%s: %s sample: %s" % (os.path.relpath(path, root), event["type"], e))
    print("documented samples: %d CloudEvents checked in README.md and docs/*.md" % count)
    if count == 0:
        fail("no CloudEvent found in the documentation")


# ------------------------------------------------------------------ live records

def murmur2(data):
    """Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2)."""
    length = len(data)
    m, r = 0x5BD1E995, 24
    h = (0x9747B28C ^ length) & 0xFFFFFFFF
    for i in range(0, length - length % 4, 4):
        k = int.from_bytes(data[i:i + 4], "little")
        k = (k * m) & 0xFFFFFFFF
        k ^= k >> r
        k = (k * m) & 0xFFFFFFFF
        h = (h * m) & 0xFFFFFFFF
        h ^= k
    rest = length % 4
    tail = length - rest
    if rest == 3:
        h ^= data[tail + 2] << 16
    if rest >= 2:
        h ^= data[tail + 1] << 8
    if rest >= 1:
        h ^= data[tail]
        h = (h * m) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * m) & 0xFFFFFFFF
    h ^= h >> 15
    return h


def java_partition(key, partitions):
    return (murmur2(key.encode()) & 0x7FFFFFFF) % partitions


def event(case, etype, data, eid, source="/contract/test", **extra):
    e = {"specversion": "1.0", "id": eid, "source": source, "type": "caseflow.case." + etype,
         "subject": case}
    e.update(extra)
    if data is not ...:
        e["data"] = data
    return e


def scenario(contract):
    """(key, value, expectation) in order; expectation: 'ok' (decoded; the case may still refuse
    it), or a DLQ reason it must get."""
    out = []
    n = [0]

    def add(case, etype, data=..., expect="ok", key=None, **extra):
        n[0] += 1
        out.append((key or case, json.dumps(event(case, etype, data, "ct-%d" % n[0], **extra)),
                    expect))

    def report(case, **data):
        d = {"category": "contract.parking", "grid_id": "G01", "description": "call 13812345678"}
        d.update(data)
        add(case, "reported", d)

    # Every example of the document, on cases of its own (case ids rewritten): the decoder must
    # take each one.
    for mid, message in contract.messages.items():
        for i, example in enumerate(message.get("examples", [])):
            value = dict(example["payload"])
            if not value.get("type", "").startswith("caseflow.case."):
                continue
            value["subject"] = "ct-example-%s-%d" % (mid, i)
            value["id"] = "ct-example-%s-%d" % (mid, i)
            out.append((value["subject"], json.dumps(value), "ok"))

    # A: nobody signs: warning, breach, supervision, escalation grid -> community -> street,
    # the street's warning, breach, supervision and notify topic.
    report("ct-a")
    # B: the whole life: contact, progress, extension, assist, resolution, a reopening, closing.
    report("ct-b", reporter={"phone": "13912345678"}, urgency="urgent", channel="hotline")
    add("ct-b", "signed", {"unit": "grid:G01"})
    add("ct-b", "contacted", {"note": "called 13812345678"})
    add("ct-b", "progress", {"unit": None, "note": "on it"})
    add("ct-b", "extension_requested", {"extend_by": "10m", "clock": "resolve", "reason": "parts"})
    add("ct-b", "extension_decided", {"approved": True, "extend_by": "5m"})
    add("ct-b", "assist_requested", {"department": "urban_management"})
    add("ct-b", "assist_reported", {"department": "urban_management"})
    add("ct-b", "assist_reported", {"department": "urban_management", "status": "done"})
    add("ct-b", "resolved", {"note": "towed"})
    add("ct-b", "progress", None)
    add("ct-b", "rated", {"solved": "not_solved", "satisfaction": "unsatisfied"})
    add("ct-b", "signed")
    add("ct-b", "resolved")
    add("ct-b", "rated", {"solved": "solved", "satisfaction": None})
    # C: returned to another grid, then again: the fallback owner (forced).
    report("ct-c", address="12 Example Road",
           location={"lat": 30.005, "long": 120.015, "datum": "GCJ-02"}, urgency="")
    add("ct-c", "returned", {"grid_id": "G02", "reason": "not mine"})
    add("ct-c", "returned", {"unit": "grid:G02", "suggested_unit": "grid:G03"})
    # D: no workflow takes it: the dispatcher queue, then the dispatcher's assignment.
    add("ct-d", "reported", {"category": "contract.unknown", "grid_id": "G01"})
    add("ct-d", "assigned", {"unit": "grid:G03", "workflow": "contract_parking", "stage": "grid"})
    # E, F: withdrawn; merged.
    report("ct-e")
    add("ct-e", "withdrawn", {"reason": "solved itself"})
    report("ct-f")
    add("ct-f", "merged", {"into": "ct-b"})
    # G: resolved and never rated: closed as unrated when the revisit clock runs out.
    report("ct-g", reporter="anonymous")
    add("ct-g", "signed", {})
    add("ct-g", "resolved", {})
    # H: an extension refused.
    report("ct-h")
    add("ct-h", "signed")
    add("ct-h", "extension_requested", {"extend_by": "30m"})
    add("ct-h", "extension_decided", {"approved": False, "reason": "no"})
    # I: an assisting department that never reports: supervised on its topic.
    report("ct-i")
    add("ct-i", "signed")
    add("ct-i", "assist_requested", {"department": "urban_management"})
    # M: returned with nowhere to go: the dispatcher queue, then back to the unit that returned it.
    report("ct-m")
    add("ct-m", "returned", {})
    add("ct-m", "assigned", {"unit": "grid:G01"})
    # K: the dispatcher gives a dispatched, unsigned case to another unit: the one that held it is
    # told (reassigned, on its stage topic, keyed by its id).
    report("ct-k")
    add("ct-k", "assigned", {"unit": "grid:G02"})
    # N: cannot be placed.
    add("ct-n", "reported", {"category": "contract.parking", "address": "somewhere"})
    # Edge cases the schemas accept.
    add("ct-o", "reported", {"category": "contract.parking", "grid_id": "G04",
                             "location": {"lat": -90, "lon": 180, "datum": None},
                             "reporter": {}, "urgency": None, "extra": [1, 2]},
        datacontenttype="application/json; charset=utf-8", time="not read")
    add("ct-o", "signed", None)

    # Refused by the engine after decoding.
    add("ct-nosuch", "signed", {"unit": "grid:G01"}, expect="unknown_case")
    add("ct-a", "signed", key="ct-other", expect="key_mismatch")
    # Refused by the decoder, and by the schemas.
    bad = [
        ("reported", {"grid_id": "G01"}, "bad_data", {}),
        ("reported", {"category": ""}, "bad_data", {}),
        ("reported", {"category": "x", "urgency": "high"}, "bad_data", {}),
        ("reported", {"category": "x", "location": {"lat": 91, "lon": 0}}, "bad_data", {}),
        ("reported", {"category": "x", "location": {"lat": 30}}, "bad_data", {}),
        ("reported", {"category": "x", "location": {"lat": 30, "lon": 1, "datum": "utm"}},
         "bad_data", {}),
        ("reported", {"category": "x", "reporter": 138}, "bad_data", {}),
        ("reported", {"category": "x", "description": 5}, "bad_data", {}),
        ("signed", {"unit": 7}, "bad_data", {}),
        ("signed", [], "bad_data", {}),
        ("rated", {"solved": "yes"}, "bad_data", {}),
        ("rated", {"satisfaction": "satisfied"}, "bad_data", {}),
        ("rated", {"solved": "solved", "satisfaction": "happy"}, "bad_data", {}),
        ("extension_requested", {"clock": "resolve"}, "bad_data", {}),
        ("extension_decided", {"approved": "yes"}, "bad_data", {}),
        ("assist_requested", {}, "bad_data", {}),
        ("assist_reported", {"department": "x", "status": "finished"}, "bad_data", {}),
        ("merged", {"into": ""}, "bad_data", {}),
        ("assigned", {"stage": "grid"}, "bad_data", {}),
        ("returned", {"location": "here"}, "bad_data", {}),
        ("signed", {}, "bad_content_type", {"datacontenttype": "text/plain"}),
        ("signed", {}, "bad_specversion", {"specversion": "0.3"}),
        ("opened", {}, "unknown_type", {}),
        ("signed", {}, "missing_subject", {"subject": ""}),
        ("signed", {}, "missing_attribute", {"source": ""}),
    ]
    for i, (etype, data, reason, extra) in enumerate(bad):
        case = "ct-bad-%d" % i
        n[0] += 1
        e = event(case, etype, data, "ct-%d" % n[0])
        e.update(extra)
        out.append((case, json.dumps(e), reason))
    out.append(("ct-bad-json", '{"specversion":"1.0",', "not_json"))
    out.append(("ct-bad-array", "[1,2]", "not_object"))
    return out


def check_scenario_against_schemas(contract, inputs):
    """What the scenario expects the decoder to take, the schemas must take, and the reverse."""
    for key, value, expect in inputs:
        try:
            e = json.loads(value)
        except json.JSONDecodeError:
            continue
        mid = contract.by_type.get(e.get("type")) if isinstance(e, dict) else None
        errors = contract.payload_errors(mid, e) if mid else ["no message for this type"]
        if expect in DECODE_REASONS and not errors:
            fail("the schemas accept what the decoder refuses (%s): %s" % (expect, value))
        if expect not in DECODE_REASONS and errors:
            fail("the schemas refuse what the decoder takes: %s: %s" % (value, errors[0]))


class Engine:
    def __init__(self, binary, config):
        self.lines = []
        self.proc = subprocess.Popen([binary, "run", "--config", config],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for line in list(self.lines):
                m = re.search(pattern, line)
                if m:
                    return m
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError("caseflow did not print %r; it printed:\n%s" %
                           (pattern, "\n".join(self.lines[-40:])))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def kcat(kcat_bin, bootstrap, *args, stdin=None):
    return subprocess.run([kcat_bin, "-b", bootstrap, *args], input=stdin, capture_output=True,
                          text=True, timeout=60, check=True).stdout


def run_engine(binary, kcat_bin, config, inputs, settle_seconds, done=None, max_seconds=90):
    """Runs `caseflow run --config config`, produces `inputs` ((key, value, _) in order) to
    caseflow.events with the Java partitioner, waits `settle_seconds` and then until
    `done(records)` holds (at most `max_seconds` in all: a loaded machine runs clocks late), and
    returns every record of every topic but the input and internal ones, and the partition count
    of each topic."""
    engine = Engine(binary, config)
    try:
        bootstrap = engine.wait_for(r"bootstrap:\s+(\S+)", 60).group(1)
        http = engine.wait_for(r"http:\s+(http://[0-9.:]+)", 60).group(1)
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(http + "/readyz", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError("caseflow was not ready within 60 s:\n" +
                                   "\n".join(engine.lines[-40:]))
            time.sleep(0.2)
        lines = "".join("%s\t%s\n" % (k, v) for k, v, _ in inputs)
        kcat(kcat_bin, bootstrap, "-P", "-t", "caseflow.events", "-K", "\t", "-z", "none",
             "-X", "partitioner=murmur2_random", stdin=lines)
        started = time.time()
        time.sleep(settle_seconds)
        while True:
            metadata = json.loads(kcat(kcat_bin, bootstrap, "-L", "-J"))
            records = []
            partitions = {}
            for topic in metadata["topics"]:
                name = topic["topic"]
                partitions[name] = len(topic["partitions"])
                if name in ("caseflow.events", "caseflow.changelog", "caseflow.definitions"):
                    continue
                out = kcat(kcat_bin, bootstrap, "-C", "-t", name, "-o", "beginning", "-e",
                           "-q", "-J", "-X", "isolation.level=read_uncommitted")
                records += [json.loads(line) for line in out.splitlines() if line.strip()]
            if done is None or done(records) or time.time() - started > max_seconds:
                break
            time.sleep(2)
    finally:
        engine.stop()
    return records, partitions


def write_config(path, workflows, units, boundaries, calendars):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""kafka:
  bootstrap: embedded
  embedded_listen: "127.0.0.1:0"
  event_partitions: 4
  output_partitions: 3
http:
  listen: "127.0.0.1:0"
processing:
  instance_id: contract
retention:
  closed_for: "2 seconds"       # closed cases leave at once: caseflow.case.archived is checked too
dispatcher_queue:
  limit: "3 seconds"            # a case left in the queue (ct-n) warns and breaches the dispatcher
  warn_at_percent: 50
archive:
  path: {os.path.join(os.path.dirname(path), "archive.sqlite")}
workflows: {workflows}
calendars: {calendars}
units: {units}
boundaries: {boundaries}
""")


def check_live(contract, root, binary, kcat_bin, workdir, dump=None):
    config = os.path.join(workdir, "scenario.yaml")
    write_config(config, root + "/tests/contract/workflows", root + "/demo/units.yaml",
                 root + "/demo/city.geojson", root + "/config/calendars")
    inputs = scenario(contract)
    check_scenario_against_schemas(contract, inputs)
    dead_letters = sum(1 for _, _, expect in inputs if expect != "ok")

    def done(records):
        types = set()
        for r in records:
            if r["topic"] not in ("caseflow.dlq", "caseflow.dlq.raw"):
                ce = json.loads(r["payload"])
                types.add((ce["type"], ce["data"].get("outcome") or ce["data"].get("role")))
                types.add((ce["type"], r["topic"]))
        return (("caseflow.case.closed", "unrated") in types and
                ("caseflow.case.archived", "caseflow.updates") in types and
                ("caseflow.case.sla_breached", "caseflow.contract.notify") in types and
                ("caseflow.case.sla_breached", "caseflow.dispatcher") in types and
                ("caseflow.case.supervised", "caseflow.dept.urban_management") in types and
                sum(r["topic"] == "caseflow.dlq" for r in records) >= dead_letters)

    # The longest chain: grid sign 2 s, community sign 2 s, street resolve 3 s; revisit 3 s.
    records, partitions = run_engine(binary, kcat_bin, config, inputs, 8, done)
    print("live: %d inputs produced, %d records read from %d topics" %
          (len(inputs), len(records), len({r["topic"] for r in records})))
    if dump:
        with open(dump, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    check_live_records(contract, inputs, records, partitions)


def check_story(contract, root, binary, kcat_bin, workdir, city):
    """The kcat examples of docs/events.md, in order, on the sample workflows and city: none may
    be refused, and what they make caseflow write must match the schemas."""
    with open(os.path.join(root, "docs", "events.md"), encoding="utf-8") as f:
        lines = re.findall(r"^echo '([^':]+):(\{[^']*\})' \| send$", f.read(), re.M)
    if not lines:
        fail("docs/events.md: no `echo 'KEY:EVENT' | send` example found")
        return
    inputs = [(key, value, "ok") for key, value in lines]
    config = os.path.join(workdir, "story.yaml")
    write_config(config, root + "/workflows", root + "/config/units.yaml", city,
                 root + "/config/calendars")
    updates = sum(1 for _, value, _ in inputs if '"type":"caseflow.case.reported"' in value)

    def done(records):  # every case is on caseflow.updates
        return len({r.get("key") for r in records if r["topic"] == "caseflow.updates"}) >= updates

    records, partitions = run_engine(binary, kcat_bin, config, inputs, 3, done)
    print("docs/events.md story: %d events produced, %d records read" %
          (len(inputs), len(records)))
    for r in records:
        if r["topic"] == "caseflow.dlq":
            headers = r.get("headers") or []
            headers = dict(zip(headers[0::2], headers[1::2]))
            fail("docs/events.md: caseflow refused an example (%s: %s): %s" %
                 (headers.get("caseflow.dlq.reason"), headers.get("caseflow.dlq.message"),
                  r.get("payload")))
    check_live_records(contract, inputs, records, partitions, complete=False,
                       label="docs/events.md story")


def check_live_records(contract, inputs, records, partitions, complete=True, label="live"):
    seen_types, seen_channels, variants = set(), set(), set()
    dead = {}
    masked = []  # the reasons on caseflow.dlq, one per record
    for r in records:
        topic, key, value = r["topic"], r.get("key") or "", r.get("payload") or ""
        headers = r.get("headers") or []
        headers = dict(zip(headers[0::2], headers[1::2]))
        where = "%s[%d]@%d key %s" % (topic, r["partition"], r["offset"], key)
        if r["partition"] != java_partition(key, partitions[topic]):
            fail("%s: partition is not murmur2(key) %% %d" % (where, partitions[topic]))
        cid, types = contract.channel_for(topic)
        if cid is None:
            fail("%s: no channel of the document matches topic %s" % (where, topic))
            continue
        seen_channels.add(cid)
        if cid in ("dlq", "dlqRaw"):
            for e in contract.header_errors("deadLetter", headers):
                fail("%s: dead-letter headers: %s" % (where, e))
            if cid == "dlqRaw":  # the input as it came, to match against what was sent
                dead.setdefault(value, []).append(headers.get("caseflow.dlq.reason"))
            else:
                masked.append(headers.get("caseflow.dlq.reason"))
            continue
        try:
            ce = json.loads(value)
        except json.JSONDecodeError as e:
            fail("%s: not JSON: %s" % (where, e))
            continue
        etype = ce.get("type")
        if etype not in types:
            fail("%s: type %s is not a message of channel %s" % (where, etype, cid))
            continue
        mid = contract.by_type[etype]
        seen_types.add(etype)
        if etype == "caseflow.case.dispatched":
            variants.add("assist" if ce.get("data", {}).get("role") == "assist" else "work order")
        for e in contract.payload_errors(mid, ce):
            fail("%s: %s: %s\n  %s" % (where, etype, e, value))
        for e in contract.header_errors(mid, headers):
            fail("%s: %s headers: %s" % (where, etype, e))
        expected_key = ce.get("subject")
        if cid in ("stage", "department"):
            data = ce.get("data", {})
            units = {data.get("unit"), data.get("assist_unit"), data.get("from_unit"),
                     data.get("supervised_unit")}
            if key not in units:
                fail("%s: a dispatch topic's key must be the unit's id" % where)
        elif key != expected_key:
            fail("%s: key must be the case id %s" % (where, expected_key))

    missing = contract.outbound - seen_types if complete else set()
    if missing:
        fail("live: no record of type %s was written; extend the scenario" %
             ", ".join(sorted(missing)))
    for v in ("work order", "assist"):
        if complete and v not in variants:
            fail("live: no %s dispatched" % v)
    for cid in contract.doc["channels"]:
        if complete and cid not in seen_channels and cid not in ("events", "changelog",
                                                                 "definitions"):
            fail("live: nothing written on channel %s" % cid)
    # Each refused input is on both dead-letter topics.
    raw_reasons = sorted(r for reasons in dead.values() for r in reasons)
    if sorted(masked) != raw_reasons:
        fail("%s: caseflow.dlq has %s, caseflow.dlq.raw %s" % (label, sorted(masked), raw_reasons))
    # The decoder agrees with the schemas on every input.
    for _, value, expect in inputs:
        reasons = dead.get(value, [])
        decode = [r for r in reasons if r in DECODE_REASONS]
        if expect == "ok" and decode:
            fail("the decoder refused (%s) an event the schemas accept: %s" % (decode[0], value))
        if expect != "ok" and expect not in reasons:
            fail("expected a dead letter %s, got %s, for %s" % (expect, reasons or "none", value))
    print("%s: types %s; channels %s" % (label, ", ".join(sorted(t[14:] for t in seen_types)),
                                         ", ".join(sorted(seen_channels))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--document", help="default: SOURCE_DIR/docs/asyncapi.yaml")
    ap.add_argument("--caseflow", help="the caseflow binary: also check real records")
    ap.add_argument("--city", help="the sample city's grids.geojson: also run docs/events.md")
    ap.add_argument("--kcat", default="kcat")
    ap.add_argument("--dump", help="write the live records read back to this file (JSON lines)")
    args = ap.parse_args()
    root = os.path.abspath(args.source_dir)
    contract = Contract(args.document or os.path.join(root, "docs", "asyncapi.yaml"))
    check_examples(contract)
    check_documented(contract, root)
    if args.caseflow:
        kcat_bin = shutil.which(args.kcat)
        if not kcat_bin:
            fail("kcat is not on PATH (scripts/install-deps.sh installs it)")
        else:
            with tempfile.TemporaryDirectory(prefix="caseflow-contract-") as workdir:
                check_live(contract, root, os.path.abspath(args.caseflow), kcat_bin, workdir,
                           args.dump)
                if args.city:
                    check_story(contract, root, args.caseflow, kcat_bin, workdir,
                                os.path.abspath(args.city))
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
