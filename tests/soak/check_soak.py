#!/usr/bin/env python3
"""The soak's independent checker: reads every topic back and proves that nothing was lost and
nothing doubled.

  check_soak.py --bootstrap BROKERS --manifest MANIFEST.json

It links no caseflow code and shares none with the driver: it knows the records only from the
documented contract (docs/events.md, docs/kafka.md) and the lifecycle only from the state
machine of docs/engine.md. The manifest says what the driver sent (every event, in order), which
inputs were bad on purpose, and how many kills and faults the run had. It proves:

  - every partition of every topic still starts at offset 0 (the embedded broker keeps 5 MiB per
    partition and silently drops older records: a dropped record would go unseen);
  - every case's records carry sequence numbers 1..n with no gap (ids "<case id>-<seq>"), and on
    each partition a case's records come in sequence order;
  - a record id seen more than once (a replay after a kill, an aborted transaction the broker
    shows) carries byte-identical values each time;
  - each clock warned and breached at most once per arming, a case was reported and ended once;
  - caseflow.dlq and caseflow.dlq.raw hold exactly the bad inputs the driver sent on purpose,
    each with its reason, and nothing else;
  - each case's final status (its last record) is what a model of the lifecycle predicts from
    the driver's inputs.
"""
import argparse
import collections
import json
import sys
import time

from confluent_kafka import Consumer, TopicPartition

INPUT_TOPICS = {"caseflow.events", "caseflow.changelog", "caseflow.definitions"}

# Which workflow each category of the soak runs (tests/soak/workflows), and what its clocks do
# to a case once the driver stops sending: soak_ignored escalates to the street and stays
# dispatched there; soak_unrated closes a resolved case as unrated.
CATEGORY_WORKFLOW = {"soak.worked": "soak_worked", "soak.ignored": "soak_ignored",
                     "soak.unrated": "soak_unrated"}
MAX_REOPENS = {"soak_worked": 1, "soak_unrated": 1, "soak_ignored": 0}
REOPEN_ON = {"soak_worked": {"not_solved", "unsatisfied"}, "soak_unrated": {"not_solved"}}
MAX_RETURNS = 2

failures = collections.Counter()
examples = collections.defaultdict(list)


def fail(kind, message):
    failures[kind] += 1
    if len(examples[kind]) < 5:
        examples[kind].append(message)


# ---------------------------------------------------------------------------------- the model

class Model:
    """A case's status as docs/engine.md's state machine gives it, for the events the driver
    uses. An event the table does not allow in a status is refused and changes nothing."""

    def __init__(self):
        self.status = None
        self.workflow = None
        self.outcome = None
        self.reopens = 0
        self.returns = 0
        self.before_extension = None

    def apply(self, etype, data):
        s = self.status
        if etype == "reported":
            if s is None:
                self.workflow = CATEGORY_WORKFLOW.get(data.get("category"))
                self.status = "dispatched" if self.workflow else "received"
            return
        if s in (None, "closed", "withdrawn", "merged"):
            return
        if etype == "withdrawn":
            self.status, self.outcome = "withdrawn", "withdrawn"
        elif etype == "signed" and s in ("dispatched", "reopened"):
            self.status = "signed"
        elif etype == "returned" and s == "dispatched":
            self.returns += 1
            self.status = "dispatched"  # to the grid it names, or the fallback owner
        elif etype == "contacted" and s in ("signed", "contacted", "in_progress"):
            self.status = "contacted"
        elif etype == "progress" and s in ("signed", "contacted", "in_progress"):
            self.status = "in_progress"
        elif etype == "progress" and s in ("resolved", "revisit"):
            self.status = "revisit"
        elif etype == "extension_requested" and s in ("signed", "contacted", "in_progress"):
            self.before_extension, self.status = s, "extension_requested"
        elif etype == "extension_decided" and s == "extension_requested":
            self.status = self.before_extension
        elif etype == "resolved" and s in ("signed", "contacted", "in_progress"):
            self.status = "resolved"
        elif etype == "rated" and s in ("resolved", "revisit"):
            bad = {data.get("solved"), data.get("satisfaction")} & REOPEN_ON.get(self.workflow,
                                                                                  set())
            if bad and self.reopens < MAX_REOPENS.get(self.workflow, 0):
                self.reopens += 1
                self.status = "reopened"
            else:
                self.status = "closed"
                self.outcome = "rated_bad_after_max_reopens" if bad else "rated"

    def after_clocks(self):
        """What the workflow's clocks do once no input comes any more."""
        if self.workflow == "soak_unrated" and self.status in ("resolved", "revisit"):
            self.status, self.outcome = "closed", "unrated"
        return self.status, self.outcome


def predict(manifest):
    models = collections.defaultdict(Model)
    events = 0
    for key, value in manifest["sent"]:
        try:
            e = json.loads(value)
        except ValueError:
            continue
        if not isinstance(e, dict) or not str(e.get("type", "")).startswith("caseflow.case."):
            continue
        events += 1
        if e.get("subject") not in manifest["plans"]:
            continue  # a bad input on purpose
        models[e["subject"]].apply(e["type"][len("caseflow.case."):], e.get("data") or {})
    return {case: m.after_clocks() for case, m in models.items()}, events


# ---------------------------------------------------------------------------------- reading

def read_everything(bootstrap):
    """Every record of every topic, from the beginning, read_committed; and the low watermarks."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "soak-checker",
                  "enable.auto.commit": False, "isolation.level": "read_committed",
                  "enable.partition.eof": True, "log_level": 0})
    metadata = c.list_topics(timeout=30)
    parts, ends = [], {}
    for name, topic in sorted(metadata.topics.items()):
        if name.startswith("__"):
            continue
        for p in topic.partitions:
            low, high = c.get_watermark_offsets(TopicPartition(name, p), timeout=30)
            if low != 0:
                fail("dropped", "%s[%d] starts at offset %d: the broker dropped records" %
                     (name, p, low))
            if high > 0:
                parts.append(TopicPartition(name, p, 0))
                ends[(name, p)] = high
    records = collections.defaultdict(list)  # topic -> [(partition, offset, key, value, headers)]
    c.assign(parts)
    left = set(ends)
    deadline = time.time() + 300
    while left and time.time() < deadline:
        for m in c.consume(1000, 5):
            if m.error():
                if m.error().code() == -191:  # _PARTITION_EOF
                    left.discard((m.topic(), m.partition()))
                continue
            records[m.topic()].append((m.partition(), m.offset(), m.key(), m.value(),
                                       m.headers() or []))
            if m.offset() + 1 >= ends[(m.topic(), m.partition())]:
                left.discard((m.topic(), m.partition()))
    c.close()
    for name, p in sorted(left):
        fail("unread", "%s[%d]: not read to its end within 300 s" % (name, p))
    return records, metadata


# ---------------------------------------------------------------------------------- checks

def check_outputs(records, manifest):
    plans = manifest["plans"]
    by_id = {}                                      # (topic, key, id) -> value bytes
    seqs = collections.defaultdict(set)             # case -> sequence numbers seen
    last = {}                                       # case -> (seq, record data)
    order = collections.defaultdict(list)           # (topic, partition, case) -> first seqs
    fired = collections.defaultdict(set)            # (case, type, arming) -> ids
    once = collections.defaultdict(set)             # (case, what) -> ids
    read = duplicates = 0
    for topic, rows in records.items():
        if topic in INPUT_TOPICS or topic.startswith("caseflow.dlq"):
            continue
        for partition, offset, key, value, _ in rows:
            read += 1
            where = "%s[%d]@%d" % (topic, partition, offset)
            try:
                ce = json.loads(value)
                rid, case, data = ce["id"], ce["subject"], ce["data"]
                seq = int(rid.rsplit("-", 1)[1])
            except (ValueError, KeyError, IndexError, TypeError):
                fail("malformed", "%s: not a caseflow record: %r" % (where, value[:200]))
                continue
            if not rid.startswith(case + "-"):
                fail("malformed", "%s: id %s is not <case id>-<seq> of %s" % (where, rid, case))
            ident = (topic, key, rid)
            if ident in by_id:
                duplicates += 1
                if by_id[ident] != value:
                    fail("changed_replay", "%s: id %s repeated with other content:\n  %s\n  %s"
                         % (where, rid, by_id[ident][:300], value[:300]))
                continue
            by_id[ident] = value
            if case not in plans:
                fail("unknown_case", "%s: a record of case %s the driver never reported" %
                     (where, case))
                continue
            seqs[case].add(seq)
            order[(topic, partition, case)].append(seq)
            if case not in last or seq > last[case][0]:
                last[case] = (seq, ce["type"], data)
            etype = ce["type"]
            clock = data.get("clock") if isinstance(data.get("clock"), dict) else None
            if topic == "caseflow.alerts" and clock and etype in (
                    "caseflow.case.sla_warning", "caseflow.case.sla_breached"):
                arming = (clock.get("name"), clock.get("unit"), clock.get("started_at"))
                if etype == "caseflow.case.sla_warning":
                    arming += (clock.get("due"),)  # an approved extension re-arms the warning
                fired[(case, etype, arming)].add(rid)
            if (etype == "caseflow.case.dispatched" and data.get("reason") == "reported" and
                    data.get("role") != "assist"):
                once[(case, "the work order of its report")].add(rid)
            if topic == "caseflow.updates":
                if etype == "caseflow.case.closed":
                    once[(case, "closed")].add(rid)
                if "report" in data:
                    once[(case, "first update")].add(rid)

    lost = doubled = 0
    for case in plans:
        got = seqs.get(case)
        if not got:
            lost += 1
            fail("lost_case", "case %s: no record at all" % case)
            continue
        gaps = sorted(set(range(1, max(got) + 1)) - got)
        if gaps:
            lost += 1
            fail("gap", "case %s: sequence numbers %s missing of 1..%d" %
                 (case, gaps[:10], max(got)))
    for (topic, partition, case), s in order.items():
        if s != sorted(s):
            fail("order", "%s[%d]: case %s's records out of order: %s" % (topic, partition, case,
                                                                         s[:20]))
    for (case, etype, arming), ids in fired.items():
        if len(ids) > 1:
            doubled += 1
            fail("clock_twice", "case %s: %s fired %d times for one arming %s: %s" %
                 (case, etype, len(ids), arming, sorted(ids)))
    for (case, what), ids in once.items():
        if len(ids) > 1:
            doubled += 1
            fail("twice", "case %s: %s written %d times: %s" % (case, what, len(ids),
                                                               sorted(ids)))
    return read, duplicates, last, lost, doubled


def check_inputs(records, manifest):
    """Every event the driver sent is on caseflow.events once: a duplicate there would be the
    producer's or the broker's doing, and caseflow would rightly refuse its second copy."""
    sent = collections.Counter(v.encode() for _, v in manifest["sent"])
    stored = collections.Counter(value for _, _, _, value, headers in
                                 records.get("caseflow.events", []) if not headers)
    doubled = 0
    for value, n in sent.items():
        if stored[value] != n:
            doubled += stored[value] > n
            fail("input", "caseflow.events holds %d copies of an event sent %d time(s): %r" %
                 (stored[value], n, value[:200]))
    return doubled


def check_dead_letters(records, manifest):
    """Both dead-letter topics hold the bad inputs and nothing else, each once (by the input's
    offset: a replay writes its dead letters again)."""
    bad = {b["value"].encode(): b for b in manifest["bad_inputs"]}
    for topic in ("caseflow.dlq.raw", "caseflow.dlq"):
        found = {}
        for partition, offset, key, value, headers in records.get(topic, []):
            h = {k: (v.decode() if v else "") for k, v in headers}
            where = (h.get("caseflow.dlq.partition"), h.get("caseflow.dlq.offset"))
            reason = h.get("caseflow.dlq.reason")
            expected = bad.get(value)
            if expected is None:
                fail("dead_letter", "%s[%d]@%d: the input at caseflow.events[%s]@%s refused "
                     "(%s: %s), not sent as bad: %r" %
                     (topic, partition, offset, where[0], where[1], reason,
                      h.get("caseflow.dlq.message"), value[:300]))
                continue
            if reason != expected["reason"]:
                fail("dead_letter", "%s: %s refused as %s, expected %s" %
                     (topic, expected["key"], reason, expected["reason"]))
            found.setdefault(value, set()).add(where)
        for value, b in bad.items():
            inputs = found.get(value, set())
            if len(inputs) != 1:
                fail("dead_letter", "%s: the bad input %s is there for %d input(s), not 1" %
                     (topic, b["key"], len(inputs)))


def check_final_status(last, predicted):
    mismatches = 0
    for case, (want_status, want_outcome) in sorted(predicted.items()):
        if case not in last:
            continue  # counted as lost already
        _, etype, data = last[case]
        got = (data.get("status"), data.get("outcome") if etype == "caseflow.case.closed"
               else None)
        want = (want_status, want_outcome if want_status in ("closed", "withdrawn") else None)
        if got != want:
            mismatches += 1
            fail("final_status", "case %s: ends %s (last record %s), the model says %s" %
                 (case, got, etype, want))
        elif want_status == "dispatched" and data.get("stage") != "street":
            mismatches += 1
            fail("final_status", "case %s: ignored, yet it ends at stage %s, not street" %
                 (case, data.get("stage")))
    return mismatches


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--manifest", required=True)
    args = ap.parse_args()
    with open(args.manifest, encoding="utf-8") as f:
        manifest = json.load(f)

    predicted, events = predict(manifest)
    records, _ = read_everything(args.bootstrap)
    read, duplicates, last, lost, doubled = check_outputs(records, manifest)
    inputs_doubled = check_inputs(records, manifest)
    check_dead_letters(records, manifest)
    mismatches = check_final_status(last, predicted)
    lost += mismatches
    if inputs_doubled:
        print("the producer or broker doubled %d input(s) on caseflow.events" % inputs_doubled)

    total = sum(len(rows) for rows in records.values())
    print("soak check: %d cases, %d events sent (%d bad on purpose), %d records read "
          "(%d output records, %d of them replayed copies), %d kills, %d faults injected, "
          "lost %d, doubled %d" %
          (len(manifest["plans"]), events, len(manifest["bad_inputs"]), total, read, duplicates,
           manifest["kills"], manifest["faults"], lost, doubled))
    statuses = collections.Counter("%s/%s" % s for s in predicted.values())
    print("  final statuses: " + ", ".join("%s %d" % kv for kv in sorted(statuses.items())))
    if failures:
        for kind, n in sorted(failures.items()):
            print("FAIL %s: %d" % (kind, n))
            for e in examples[kind]:
                print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
