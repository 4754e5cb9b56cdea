"""The soak's driver: reports cases to caseflow.events and plays their units, the dispatcher and
the revisit team by reading what caseflow writes and answering it.

Each case follows a plan chosen by the seed. The driver reacts to work orders on the dispatch
topics and to updates on caseflow.updates, each record once by its CloudEvents id (a replay after
a kill writes the same ids again). Everything it sends is kept, in order, for the checker
(check_soak.py), which predicts each case's final status from these inputs alone.
"""
import json
import random
import threading
import time

from confluent_kafka import Consumer, Producer, TopicPartition

GRIDS = ["G0%d" % i for i in range(1, 9)]  # demo/city.geojson
DEPARTMENT = "urban_management"             # the assist department of soak_worked

# plan -> (category, weight). The categories pick the workflow (tests/soak/workflows).
PLANS = {
    "happy": ("soak.worked", 30),      # sign, contact, progress, resolve, revisit, rated
    "returned": ("soak.worked", 10),   # returned to another grid, signed there, resolved, rated
    "extended": ("soak.worked", 10),   # an extension asked and decided (yes or no), resolved
    "assisted": ("soak.worked", 10),   # a department summoned, reports in and finishes
    "reopened": ("soak.worked", 10),   # rated unsatisfied, reopened, worked again, rated
    "withdrawn": ("soak.worked", 5),   # the resident withdraws it after dispatch
    "unrated": ("soak.unrated", 10),   # resolved, never rated: the revisit clock closes it
    "ignored": ("soak.ignored", 15),   # never signed: warnings, breaches, escalations
}
NOTIFY_TOPIC = "caseflow.soak.notify"  # soak_ignored's street breach is copied here
WATCHED = ["caseflow.stage.grid", "caseflow.stage.community", "caseflow.stage.street",
           "caseflow.dept." + DEPARTMENT, "caseflow.updates", NOTIFY_TOPIC]

# Deliberately bad inputs: (what, key, value, the dead-letter reason caseflow must give).
def bad_inputs(run):
    out = []
    for i in range(3):
        key = "%s-bad-json-%d" % (run, i)
        out.append((key, '{"specversion":"1.0","id":"%s","subject":' % key, "not_json"))
        key = "%s-bad-type-%d" % (run, i)
        out.append((key, json.dumps({"specversion": "1.0", "id": key, "source": "/soak/bad",
                                     "type": "caseflow.case.opened", "subject": key,
                                     "data": {}}), "unknown_type"))
    return out


class Driver:
    def __init__(self, bootstrap, run, cases, seed, spread_seconds, log):
        self.rng = random.Random(seed)
        self.run = run
        self.log = log
        self.bootstrap = bootstrap
        self.producer = Producer({"bootstrap.servers": bootstrap,
                                  "partitioner": "murmur2_random",  # as the Java client
                                  "enable.idempotence": True, "linger.ms": 5,
                                  "log_level": 0, "error_cb": self._kafka_error})
        names = list(PLANS)
        weights = [PLANS[n][1] for n in names]
        self.plans = {}
        for n in range(cases):
            self.plans["%s-%d" % (run, n)] = self.rng.choices(names, weights)[0]
        self.bad = bad_inputs(run)
        self.sent = []            # (key, value) in the order sent
        self.seen_ids = set()     # CloudEvents ids already acted on
        self.resolved_seen = {}   # case -> resolutions seen
        self.done = set()         # cases that reached their end as the driver sees it
        self.delivery_errors = 0
        self.kafka_errors = 0
        self.records_read = 0
        self.event_serial = 0
        self.stop = threading.Event()
        self.spread = spread_seconds
        # When each case is reported: spread over the run so kills find cases at every step.
        ids = list(self.plans)
        self.schedule = sorted((self.rng.uniform(0, spread_seconds), cid) for cid in ids)
        bad_at = [self.rng.uniform(0, spread_seconds) for _ in self.bad]
        self.bad_schedule = sorted(zip(bad_at, range(len(self.bad))))

    def _kafka_error(self, err):
        self.kafka_errors += 1

    def _delivered(self, err, msg):
        if err is not None:
            self.delivery_errors += 1
            self.log("driver: delivery failed: %s" % err)

    # ---------------------------------------------------------------------------- sending

    def send_raw(self, key, value):
        self.sent.append((key, value))
        while True:
            try:
                self.producer.produce("caseflow.events", key=key, value=value,
                                      on_delivery=self._delivered)
                break
            except BufferError:
                self.producer.poll(0.1)
        self.producer.poll(0)

    def send(self, case, etype, data, source):
        self.event_serial += 1
        event = {"specversion": "1.0", "id": "%s-ev-%d" % (self.run, self.event_serial),
                 "source": source, "type": "caseflow.case." + etype, "subject": case,
                 "data": data}
        self.send_raw(case, json.dumps(event, separators=(",", ":")))

    def report(self, case):
        category = PLANS[self.plans[case]][0]
        self.send(case, "reported", {"category": category, "grid_id": self.rng.choice(GRIDS),
                                     "description": "soak case " + case, "channel": "hotline"},
                  "/hotline/12345")

    def unit_says(self, case, etype, unit, **data):
        self.send(case, etype, dict(data, unit=unit), "/units/soak")

    # ---------------------------------------------------------------------------- reacting

    def on_work_order(self, d):
        case, unit, plan = d["case_id"], d["unit"], self.plans.get(d["case_id"])
        if plan is None:
            return
        if d.get("role") == "assist":
            helper = d.get("assist_unit")
            self.send(case, "assist_reported", {"department": DEPARTMENT, "unit": helper},
                      "/departments/soak")
            self.send(case, "assist_reported",
                      {"department": DEPARTMENT, "status": "done", "unit": helper},
                      "/departments/soak")
            self.unit_says(case, "resolved", d["unit"], note="done with help")
            return
        reason = d.get("reason")
        if plan == "withdrawn" and reason == "reported":
            self.send(case, "withdrawn", {"reason": "solved itself"}, "/hotline/12345")
        elif plan == "returned" and reason == "reported":
            here = d.get("place", {}).get("grid")
            other = self.rng.choice([g for g in GRIDS if g != here])
            self.unit_says(case, "returned", unit, grid_id=other, reason="not my grid")
        elif plan == "returned" and reason == "returned":
            self.unit_says(case, "signed", unit)
            self.unit_says(case, "resolved", unit)
        elif plan == "happy" and reason == "reported":
            self.unit_says(case, "signed", unit)
            self.unit_says(case, "contacted", unit, note="called the resident")
            self.unit_says(case, "progress", unit, note="on it")
            self.unit_says(case, "resolved", unit, note="done")
        elif plan == "extended" and reason == "reported":
            self.unit_says(case, "signed", unit)
            self.unit_says(case, "extension_requested", unit, extend_by="1h", clock="resolve",
                           reason="waiting for parts")
            self.send(case, "extension_decided",
                      {"approved": self.rng.random() < 0.7, "reason": "seen"}, "/dispatcher")
            self.unit_says(case, "progress", unit)
            self.unit_says(case, "resolved", unit)
        elif plan == "assisted" and reason == "reported":
            self.unit_says(case, "signed", unit)
            self.unit_says(case, "assist_requested", unit, department=DEPARTMENT)
        elif plan in ("reopened", "unrated") and reason in ("reported", "reopened"):
            self.unit_says(case, "signed", unit)
            self.unit_says(case, "resolved", unit)

    def on_update(self, etype, d):
        case, plan = d["case_id"], self.plans.get(d["case_id"])
        if plan is None:
            return
        if etype == "caseflow.case.closed":
            self.done.add(case)
            return
        if d.get("change") != "resolved" or plan in ("unrated", "ignored"):
            return
        n = self.resolved_seen.get(case, 0) + 1
        self.resolved_seen[case] = n
        if plan == "happy" and self.rng.random() < 0.5:
            self.send(case, "progress", {"note": "calling the resident back"}, "/hotline/revisit")
        if plan == "reopened" and n == 1:
            verdict = {"solved": "not_solved", "satisfaction": "unsatisfied"}
        else:
            verdict = {"solved": "solved",
                       "satisfaction": self.rng.choice(["satisfied", "basically", "no_answer"])}
        self.send(case, "rated", verdict, "/hotline/revisit")

    def on_record(self, topic, value):
        try:
            ce = json.loads(value)
        except (TypeError, ValueError):
            return
        rid = ce.get("id")
        if rid in self.seen_ids:
            return  # a replay's copy
        self.seen_ids.add(rid)
        etype, d = ce.get("type"), ce.get("data") or {}
        if topic == NOTIFY_TOPIC:
            if self.plans.get(d.get("case_id")) == "ignored":
                self.done.add(d["case_id"])
        elif topic == "caseflow.updates":
            self.on_update(etype, d)
        elif etype == "caseflow.case.dispatched":
            self.on_work_order(d)

    # ---------------------------------------------------------------------------- the loop

    def consumer(self):
        c = Consumer({"bootstrap.servers": self.bootstrap, "group.id": "soak-driver-" + self.run,
                      "enable.auto.commit": False, "isolation.level": "read_committed",
                      "log_level": 0, "error_cb": self._kafka_error})
        metadata = c.list_topics(timeout=30)
        parts = []
        for topic in WATCHED:
            for p in metadata.topics[topic].partitions:
                parts.append(TopicPartition(topic, p, 0))  # from the beginning, no group
        c.assign(parts)
        return c

    def run_until(self, deadline, finished):
        """Reports on schedule and answers until every case is done (and finished() holds) or
        the deadline passes. Returns True when every case is done."""
        consumer = self.consumer()
        start = time.time()
        next_case = next_bad = 0
        try:
            while time.time() < deadline:
                elapsed = time.time() - start
                while next_case < len(self.schedule) and self.schedule[next_case][0] <= elapsed:
                    self.report(self.schedule[next_case][1])
                    next_case += 1
                while (next_bad < len(self.bad_schedule) and
                       self.bad_schedule[next_bad][0] <= elapsed):
                    key, value, _ = self.bad[self.bad_schedule[next_bad][1]]
                    self.send_raw(key, value)
                    next_bad += 1
                for m in consumer.consume(500, 0.2):
                    if m.error():
                        continue
                    self.records_read += 1
                    self.on_record(m.topic(), m.value())
                self.producer.poll(0)
                if (next_case == len(self.schedule) and len(self.done) == len(self.plans)
                        and finished()):
                    return True
            return False
        finally:
            consumer.close()
            self.producer.flush(60)

    def pending(self):
        return sorted(set(self.plans) - self.done)
