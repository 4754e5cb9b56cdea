#!/usr/bin/env python3
"""A chaos soak: caseflow through many process kills and broker faults, then an independent check.

  run_soak.py --caseflow BIN --source-dir ROOT [--cases N] [--kills K] [--seed S]
              [--max-seconds T] [--workdir DIR]

It starts `caseflow broker --faults SEED` (2 brokers, 24 partitions per topic, a fault every
--fault-every-ms), two `caseflow run` engines in one consumer group, and the driver
(soak_driver.py): N cases reported over the run and played through their lifecycle on the
workflows of tests/soak/workflows. Meanwhile a killer SIGKILLs a random engine at random moments
(seeded) and starts it again, K times. When every case has reached its end and the engines have
caught up, they are stopped cleanly and check_soak.py — which shares no code with caseflow or with
this driver — reads every topic back and decides. Exit 0 when it finds nothing lost or doubled.

Debian's /usr/bin/python3 with python3-confluent-kafka (scripts/install-deps.sh). docs/soak.md.
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import soak_driver  # noqa: E402

PARTITIONS = 24  # the mock broker keeps 5 MiB per partition: spread the soak's records thin


STARTED = time.time()


def log(message):
    print("[%7.1f] %s" % (time.time() - STARTED, message), flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Broker:
    def __init__(self, binary, config, brokers, seed, fault_every_ms, path):
        self.faults = 0
        self.recoveries = 0
        self.lines = []
        self.out = open(path, "w", encoding="utf-8")
        faults = ["--faults", str(seed), "--fault-every-ms", str(fault_every_ms)]
        self.proc = subprocess.Popen(
            [binary, "broker", "--config", config, "--listen", "", "--brokers", str(brokers)]
            + (faults if fault_every_ms > 0 else []),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.ready = threading.Event()
        self.bootstrap = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.out.write(line)
            self.out.flush()
            if line.startswith("fault "):
                self.faults += 1
            elif line.startswith("recovered: "):
                self.recoveries += 1
            m = re.match(r"\s+brokers:\s+(\S+)", line)
            if m:
                self.bootstrap = m.group(1)
                self.ready.set()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.out.close()


class Engine:
    """One `caseflow run` instance, started again after each kill with the same instance id."""

    def __init__(self, binary, config, instance, port, logdir):
        self.binary, self.config, self.instance, self.port = binary, config, instance, port
        self.log_path = os.path.join(logdir, "engine-%s.log" % instance)
        self.proc = None
        self.starts = 0
        self.start()

    def start(self):
        self.starts += 1
        with open(self.log_path, "a", encoding="utf-8") as out:
            out.write("---- start %d\n" % self.starts)
            out.flush()
            self.proc = subprocess.Popen(
                [self.binary, "run", "--config", self.config, "--instance", self.instance],
                stdout=out, stderr=subprocess.STDOUT)

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def get(self, path):
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d%s" % (self.port, path),
                                        timeout=5) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, ""
        except OSError:
            return None, ""

    def ready(self):
        return self.get("/readyz")[0] == 200

    def lag(self):
        """{partition: lag} from /metrics, or None when it does not answer."""
        status, text = self.get("/metrics")
        if status != 200:
            return None
        out = {}
        for m in re.finditer(r'^caseflow_kafka_consumer_lag\{[^}]*partition="(\d+)"[^}]*\}\s+(\S+)',
                             text, re.M):
            out[int(m.group(1))] = float(m.group(2))
        return out

    def stop(self):
        """SIGTERM: commit and leave. Returns the exit code."""
        if self.proc.poll() is not None:
            return self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


class Killer(threading.Thread):
    """SIGKILLs a random engine at random moments and starts it again; also restarts an engine
    that died by itself (counted apart: that is a finding, not part of the plan)."""

    def __init__(self, engines, kills, mean_interval, seed):
        super().__init__(daemon=True)
        self.engines, self.kills_wanted = engines, kills
        self.mean = mean_interval
        self.rng = random.Random(seed ^ 0x5EED)
        self.kills = 0
        self.unexpected = []  # (instance, exit code)
        self.halt = threading.Event()
        self.lock = threading.Lock()

    def watch(self):
        with self.lock:
            for e in self.engines:
                code = e.proc.poll()
                if code is not None:
                    self.unexpected.append((e.instance, code))
                    log("engine %s exited by itself (code %s): started again; see %s" %
                        (e.instance, code, e.log_path))
                    e.start()

    def run(self):
        while not self.halt.is_set():
            wait = self.rng.uniform(0.3, 1.7) * self.mean
            if self.halt.wait(wait):
                return
            self.watch()
            if self.kills >= self.kills_wanted:
                continue
            with self.lock:
                e = self.rng.choice(self.engines)
                e.kill()
                self.kills += 1
                log("kill %d: engine %s (SIGKILL), started again" % (self.kills, e.instance))
                e.start()


def write_configs(workdir, root, bootstrap, ports):
    common = f"""workflows: {root}/tests/soak/workflows
calendars: {root}/config/calendars
units: {root}/demo/units.yaml
boundaries: {root}/demo/city.geojson
"""
    broker = os.path.join(workdir, "broker.yaml")
    with open(broker, "w", encoding="utf-8") as f:
        f.write(f"kafka:\n  event_partitions: {PARTITIONS}\n  output_partitions: {PARTITIONS}\n"
                + common)
    if bootstrap is None:
        return broker, []
    engines = []
    for instance, port in ports:
        path = os.path.join(workdir, "engine-%s.yaml" % instance)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"""kafka:
  bootstrap: "{bootstrap}"
  event_partitions: {PARTITIONS}
  output_partitions: {PARTITIONS}
  # A killed member's partitions wait this long for a new owner.
  properties: {{session.timeout.ms: "6000"}}
processing:
  commit_interval_ms: 100
http:
  listen: "127.0.0.1:{port}"
archive:
  enabled: false
log:
  level: warning
""" + common)
        engines.append(path)
    return broker, engines


def wait_until(condition, timeout, every=0.5):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


def caught_up(engines):
    """Both engines ready and, between them, every input partition owned with no lag."""
    if not all(e.ready() for e in engines):
        return False
    lags = {}
    for e in engines:
        lag = e.lag()
        if lag is None:
            return False
        for partition, value in lag.items():  # a revoked partition reads 0 at its old owner
            lags[partition] = max(value, lags.get(partition, 0))
    return len(lags) == PARTITIONS and all(v == 0 for v in lags.values())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--caseflow", required=True, help="the caseflow binary")
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-seconds", type=float, default=600,
                    help="give up (and fail) when the cases have not ended by then")
    ap.add_argument("--kill-every", type=float, default=6.0, help="mean seconds between kills")
    ap.add_argument("--fault-every-ms", type=int, default=1000,
                    help="milliseconds between broker faults; 0 for none")
    ap.add_argument("--brokers", type=int, default=2)
    ap.add_argument("--workdir", help="keep configs, logs and the manifest here")
    args = ap.parse_args()

    root = os.path.abspath(args.source_dir)
    binary = os.path.abspath(args.caseflow)
    workdir = args.workdir or tempfile.mkdtemp(prefix="caseflow-soak-")
    os.makedirs(workdir, exist_ok=True)
    run = "soak%d" % args.seed
    log("soak %s: %d cases, %d kills, seed %d, work in %s" %
        (run, args.cases, args.kills, args.seed, workdir))

    broker_config, _ = write_configs(workdir, root, None, [])
    broker = Broker(binary, broker_config, args.brokers, args.seed, args.fault_every_ms,
                    os.path.join(workdir, "broker.log"))
    engines = []
    killer = None
    ok = False
    try:
        if not broker.ready.wait(60):
            log("caseflow broker did not start; see %s/broker.log" % workdir)
            return 1
        ports = [("soak-a", free_port()), ("soak-b", free_port())]
        _, configs = write_configs(workdir, root, broker.bootstrap, ports)
        engines = [Engine(binary, c, i, p, workdir) for (i, p), c in zip(ports, configs)]
        if not wait_until(lambda: all(e.ready() for e in engines) or
                          any(e.proc.poll() is not None for e in engines), 120) or \
                any(e.proc.poll() is not None for e in engines):
            log("the engines did not start; see %s/engine-*.log" % workdir)
            return 1
        log("broker at %s, engines ready on ports %s" %
            (broker.bootstrap, ", ".join(str(p) for _, p in ports)))

        # Cases are reported over the time the kills take, so every kill finds cases in flight.
        spread = max(10.0, args.kills * args.kill_every * 0.8)
        driver = soak_driver.Driver(broker.bootstrap, run, args.cases, args.seed, spread, log)
        killer = Killer(engines, args.kills, args.kill_every, args.seed)
        killer.start()
        deadline = STARTED + args.max_seconds
        all_done = driver.run_until(deadline, lambda: killer.kills >= args.kills)
        killer.halt.set()
        killer.join()
        killer.watch()
        log("driver: %d of %d cases ended, %d events sent, %d records read, %d kills, "
            "%d faults" % (len(driver.done), args.cases, len(driver.sent), driver.records_read,
                           killer.kills, broker.faults))
        if not all_done:
            pending = driver.pending()
            log("not every case ended within --max-seconds: %d pending, e.g. %s (plans %s)" %
                (len(pending), ", ".join(pending[:5]),
                 ", ".join(driver.plans[c] for c in pending[:5])))
        settled = wait_until(lambda: caught_up(engines), max(30, deadline - time.time()), 1)
        if not settled:
            log("the engines did not catch up with their input")
        codes = [e.stop() for e in engines]
        log("engines stopped cleanly: exit codes %s" % codes)

        manifest = os.path.join(workdir, "manifest.json")
        with open(manifest, "w", encoding="utf-8") as f:
            json.dump({"run": run, "seed": args.seed, "kills": killer.kills,
                       "faults": broker.faults, "engine_exits": killer.unexpected,
                       "plans": driver.plans,
                       "bad_inputs": [{"key": k, "value": v, "reason": r}
                                      for k, v, r in driver.bad],
                       "sent": driver.sent, "delivery_errors": driver.delivery_errors}, f)
        checked = subprocess.run([sys.executable, os.path.join(HERE, "check_soak.py"),
                                  "--bootstrap", broker.bootstrap, "--manifest", manifest])
        problems = []
        if not all_done:
            problems.append("cases did not end in time")
        if killer.kills < args.kills:
            problems.append("only %d kills of %d" % (killer.kills, args.kills))
        if killer.unexpected:
            problems.append("engines exited by themselves: %s" % killer.unexpected)
        if not settled:
            problems.append("engines did not catch up")
        if any(c != 0 for c in codes):
            problems.append("an engine did not stop cleanly: %s" % codes)
        if driver.delivery_errors:
            problems.append("%d events not delivered" % driver.delivery_errors)
        if checked.returncode != 0:
            problems.append("the checker failed")
        log("soak took %.0f s" % (time.time() - STARTED))
        for p in problems:
            log("FAIL: " + p)
        ok = not problems
        return 0 if ok else 1
    finally:
        if killer:
            killer.halt.set()
        for e in engines:
            if e.proc.poll() is None:
                e.proc.kill()
                e.proc.wait()
        broker.stop()
        if ok and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
