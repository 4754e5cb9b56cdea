#!/usr/bin/env python3
"""An example caseflow department: takes the cases dispatched to it and closes its part of them.

It reads its department topic (caseflow.dept.<code>) and answers every work order
(`caseflow.case.dispatched`) addressed to its unit:

  - as the lead unit:      caseflow.case.signed, then .contacted, then .resolved
  - as an assisting unit:  caseflow.case.assist_reported with status "reported", then "done"

Each answer is a CloudEvents 1.0 JSON event on caseflow.events, keyed by the case id. It uses the
client's default partitioner: caseflow moves an event that lands on a partition not owning its
case (docs/kafka.md).

    python3 examples/department/department.py --bootstrap 127.0.0.1:9092 --department transport

Needs Debian's python3-confluent-kafka (1.7.0 in bookworm). Stops on Ctrl-C or SIGTERM.
Copy it and put your department's real work where `handle_lead` and `handle_assist` are.
"""

import argparse
import collections
import datetime
import json
import logging
import signal
import sys
import time

from confluent_kafka import Consumer, KafkaError, Producer

log = logging.getLogger("department")


def cloud_event(event_type, case_id, event_id, source, data):
    """A CloudEvents 1.0 structured-mode JSON event, as caseflow reads it on caseflow.events."""
    return {
        "specversion": "1.0",
        "id": event_id,
        "source": source,
        "type": event_type,
        "subject": case_id,  # the case id; the Kafka key must be the same
        "time": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds"),
        "datacontenttype": "application/json",
        "data": data,
    }


class Department:
    def __init__(self, args):
        self.code = args.department
        self.unit = args.unit or "department:" + args.department
        self.topic = args.topic or "caseflow.dept." + args.department
        self.events_topic = args.events_topic
        self.source = "/departments/" + args.department
        self.running = True
        self.failed_deliveries = 0
        # caseflow may deliver a work order twice (a replay after a crash keeps its CloudEvents
        # id); remember the last ids seen and act once per id.
        self.seen = collections.OrderedDict()

        self.last_error = {}  # error code -> when it was last logged
        # Kafka errors come through on_kafka_error only (log_level 0 silences the client's own
        # lines on standard error); the client retries by itself.
        common = {"bootstrap.servers": args.bootstrap, "error_cb": self.on_kafka_error,
                  "log_level": 0}
        self.consumer = Consumer({
            **common,
            "group.id": args.group or "caseflow-dept-" + args.department,
            "auto.offset.reset": "earliest",  # a new department also takes what waits for it
            "enable.auto.offset.store": False,  # an offset is stored once the answers are sent
        })
        # The client's default partitioner, on purpose: no "partitioner" setting.
        self.producer = Producer({
            **common,
            "enable.idempotence": True,  # no duplicates, and the order of a case's events is kept
        })

    def on_kafka_error(self, err):
        """Logs a Kafka error at most once a minute (an unreachable broker repeats itself)."""
        now = time.monotonic()
        if now - self.last_error.get(err.code(), -60) >= 60:
            self.last_error[err.code()] = now
            log.warning("kafka: %s (the client keeps trying)", err.str())

    def send(self, event_type, case_id, event_id, data):
        """Produces one event of the case and logs one line when Kafka has it."""
        event = cloud_event(event_type, case_id, event_id, self.source, data)
        action = event_type.rsplit(".", 1)[1]
        if event_type.endswith("assist_reported"):
            action += " " + data["status"]

        def delivered(err, msg):
            if err is not None:
                self.failed_deliveries += 1
                log.error("%s %s: not delivered: %s", action, case_id, err)
            else:
                log.info("%s %s", action, case_id)

        self.producer.produce(self.events_topic, key=case_id, value=json.dumps(event),
                              on_delivery=delivered)

    def handle_lead(self, order, case_id):
        """The department leads the case: sign for it, call the resident, fix the problem."""
        base = order["id"]  # ids derived from the work order: a replay sends the same ids
        unit = {"unit": self.unit}
        self.send("caseflow.case.signed", case_id, base + "-signed", unit)
        self.send("caseflow.case.contacted", case_id, base + "-contacted",
                  {**unit, "note": "called the resident"})
        self.send("caseflow.case.resolved", case_id, base + "-resolved",
                  {**unit, "note": "handled by " + self.unit})

    def handle_assist(self, order, case_id, data):
        """The lead unit summoned this department (吹哨报到): report, then finish its part."""
        base = order["id"]
        department = data.get("department", self.code)
        common = {"unit": self.unit, "department": department}
        self.send("caseflow.case.assist_reported", case_id, base + "-assist-reported",
                  {**common, "status": "reported"})
        self.send("caseflow.case.assist_reported", case_id, base + "-assist-done",
                  {**common, "status": "done", "note": "our part is done"})

    def handle(self, msg):
        try:
            order = json.loads(msg.value())
        except (TypeError, ValueError):
            log.warning("skipped a record that is not JSON at %s [%d] offset %d",
                        msg.topic(), msg.partition(), msg.offset())
            return
        # The department topic also carries warnings, supervision and escalation notices.
        if not isinstance(order, dict) or order.get("type") != "caseflow.case.dispatched":
            return
        key = msg.key().decode() if msg.key() else ""
        if key != self.unit:  # keyed by the unit the order is for
            return
        if order.get("id") in self.seen:
            return
        self.seen[order.get("id")] = True
        if len(self.seen) > 100_000:
            self.seen.popitem(last=False)

        data = order.get("data") or {}
        case_id = order.get("subject") or data.get("case_id")
        place = data.get("place") or {}
        if data.get("role") == "assist":
            log.info("assist %s: %s at %s (lead %s)", case_id, data.get("category"),
                     place.get("grid"), data.get("unit"))
            self.handle_assist(order, case_id, data)
        else:
            log.info("dispatched %s: %s at %s (%s)", case_id, data.get("category"),
                     place.get("grid"), data.get("reason"))
            self.handle_lead(order, case_id)
        # The work order counts as done once Kafka has every answer; if one failed, its offset is
        # not stored, and the order comes again after a restart.
        failed_before = self.failed_deliveries
        self.producer.flush()
        if self.failed_deliveries == failed_before:
            self.consumer.store_offsets(message=msg)

    def run(self):
        self.consumer.subscribe([self.topic])
        log.info("reads %s and answers on %s", self.topic, self.events_topic)
        while self.running:
            msg = self.consumer.poll(0.5)
            self.producer.poll(0)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() != KafkaError._PARTITION_EOF:
                    self.on_kafka_error(msg.error())
                continue
            self.handle(msg)
        log.info("stopping")
        self.producer.flush(10)
        self.consumer.close()  # commits the stored offsets
        return 1 if self.failed_deliveries else 0

    def stop(self, signum, frame):
        self.running = False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", required=True, help="Kafka bootstrap, e.g. 127.0.0.1:9092")
    parser.add_argument("--department", required=True,
                        help="department code from the unit directory, e.g. transport")
    parser.add_argument("--unit", help="the department's unit id (default department:CODE)")
    parser.add_argument("--topic", help="the department topic (default caseflow.dept.CODE)")
    parser.add_argument("--events-topic", default="caseflow.events",
                        help="where answers go (default caseflow.events)")
    parser.add_argument("--group", help="Kafka consumer group (default caseflow-dept-CODE)")
    args = parser.parse_args()

    logging.basicConfig(stream=sys.stdout, level=logging.INFO,
                        format="%(asctime)s " + (args.unit or "department:" + args.department)
                        + ": %(message)s")
    department = Department(args)
    signal.signal(signal.SIGINT, department.stop)
    signal.signal(signal.SIGTERM, department.stop)
    sys.exit(department.run())


if __name__ == "__main__":
    main()
