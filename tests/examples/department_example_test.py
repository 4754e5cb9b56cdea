#!/usr/bin/env python3
"""examples/department as its README says to use it, against the real `caseflow run`.

The engine runs as a process of its own on the sample workflows and the sample city, with free
ports; the example department (transport) runs as another process against the bootstrap address
the banner prints. The README's kcat lines, word for word but for that address, report cases and
send them to the department; the test then awaits over HTTP what a user would look at:

  case-1  the dispatcher assigns it to the transport stage: the department signs, contacts and
          resolves it (status `resolved`, each step by department:transport in the history);
  case-2  the street summons the transport bureau to assist: its assist ends `done`;
  case-1  rated not solved, it is reopened to the department, which resolves it again.

Finally SIGTERM stops both, and each exits 0.

  department_example_test.py --caseflow BIN --source-dir SRC --city GRIDS.geojson
"""

import argparse
import hashlib
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import yaml

DEPARTMENT = "transport"
UNIT = "department:transport"


class Failed(Exception):
    pass


def await_condition(what, condition, timeout, interval=0.2):
    """Calls condition() until it returns a true value and returns it; Failed at the deadline."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(interval)
    raise Failed(f"{what}: not within {timeout} s (last seen: {last!r})")


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def banner_value(out_file, label):
    m = re.search(r"^\s*" + re.escape(label) + r"\s+(\S+)", read(out_file), re.M)
    return m.group(1) if m else None


# A viewer's token the test's config names by its SHA-256 (docs/security.md): reads under
# /api/v1 need a credential.
VIEWER_TOKEN = "department-test-viewer"


def http_get(url):
    """(status, parsed JSON body or text); status 0 when nothing answers."""
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + VIEWER_TOKEN})
    try:
        with urllib.request.urlopen(request, timeout=5) as r:
            body = r.read().decode()
            status = r.status
    except urllib.error.HTTPError as e:
        body = e.read().decode(errors="replace")
        status = e.code
    except (urllib.error.URLError, OSError):
        return 0, None
    try:
        return status, json.loads(body)
    except ValueError:
        return status, body


def readme_kcat_lines(readme, case_id):
    """The README's `echo '<case_id>:...' | kcat ...` commands, in order, each on one line."""
    commands = re.findall(r"^(echo '" + re.escape(case_id) + r":.*?)\\\n\s*(\| kcat .*)$", readme,
                          re.M)
    return [echo.rstrip() + " " + kcat for echo, kcat in commands]


def run_shell(command, bootstrap):
    if "127.0.0.1:9092" not in command:
        raise Failed(f"README command without the default address: {command}")
    command = command.replace("127.0.0.1:9092", bootstrap)
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise Failed(f"{command}\nexit {done.returncode}: {done.stderr}")


def history_of(case):
    return [(h.get("what"), h.get("unit")) for h in case.get("history", [])]


def stop(process, name, timeout):
    """SIGTERM, then the exit code (Failed if it does not exit in time)."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise Failed(f"{name} did not exit within {timeout} s of SIGTERM")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--caseflow", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--city", required=True)
    args = parser.parse_args()
    src = os.path.abspath(args.source_dir)
    example = os.path.join(src, "examples", "department", "department.py")
    readme = read(os.path.join(src, "examples", "department", "README.md"))

    for need, hint in [(shutil.which("kcat"), "kcat is not installed"),
                       (os.path.exists(args.city), f"no sample city at {args.city}"),
                       (os.access(args.caseflow, os.X_OK), f"no binary at {args.caseflow}")]:
        if not need:
            print(f"FAIL: {hint} (scripts/install-deps.sh; build caseflow and caseflow_city)")
            return 1
    if importlib.util.find_spec("confluent_kafka") is None:  # the example's one dependency
        print(f"FAIL: {sys.executable} has no confluent_kafka: "
              "apt-get install python3-confluent-kafka")
        return 1

    work = tempfile.mkdtemp(prefix="department-example-")
    # The shipped config, with free ports and absolute paths (the copy lives elsewhere).
    with open(os.path.join(src, "config", "caseflow.yaml")) as f:
        config = yaml.safe_load(f)
    config["kafka"]["embedded_listen"] = "127.0.0.1:0"
    config["http"]["listen"] = "127.0.0.1:0"
    config["http"]["auth"]["tokens"] = [{
        "name": "department-test", "role": "viewer",
        "sha256": hashlib.sha256(VIEWER_TOKEN.encode()).hexdigest()}]
    config["workflows"] = os.path.join(src, "workflows")
    config["calendars"] = os.path.join(src, "config", "calendars")
    config["units"] = os.path.join(src, "config", "units.yaml")
    config["boundaries"] = os.path.abspath(args.city)
    # The sample city's compounds are written beside its grids.
    config["compounds"] = os.path.join(os.path.dirname(os.path.abspath(args.city)),
                                       "compounds.geojson")
    config["archive"]["path"] = os.path.join(work, "archive.sqlite")
    config_file = os.path.join(work, "caseflow.yaml")
    with open(config_file, "w") as f:
        yaml.safe_dump(config, f)

    engine_out, engine_err = os.path.join(work, "engine.out"), os.path.join(work, "engine.err")
    dept_out = os.path.join(work, "department.log")
    engine = department = None
    try:
        with open(engine_out, "w") as out, open(engine_err, "w") as err:
            engine = subprocess.Popen([args.caseflow, "run", "--config", config_file],
                                      stdout=out, stderr=err, stdin=subprocess.DEVNULL)

        def banner():
            if engine.poll() is not None:
                raise Failed(f"caseflow run exited {engine.returncode}")
            return banner_value(engine_out, "bootstrap:") and banner_value(engine_out, "http:")

        await_condition("the banner's bootstrap and http lines", banner, 90)
        bootstrap = banner_value(engine_out, "bootstrap:")
        base = banner_value(engine_out, "http:").rsplit("/readyz", 1)[0]
        await_condition("GET /readyz answering 200", lambda: http_get(base + "/readyz")[0] == 200,
                        90)
        print(f"engine: bootstrap {bootstrap}, {base}", flush=True)

        with open(dept_out, "w") as out:
            department = subprocess.Popen(
                [sys.executable, example, "--bootstrap", bootstrap, "--department", DEPARTMENT],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

        def case(case_id):
            status, body = http_get(f"{base}/api/v1/cases/{case_id}")
            if department.poll() is not None:
                raise Failed(f"the department exited {department.returncode}")
            return body if status == 200 and isinstance(body, dict) else None

        # case-1: reported in G00001, assigned by the dispatcher to the transport stage.
        lines = readme_kcat_lines(readme, "case-1")
        if len(lines) != 2:
            raise Failed(f"expected the README's two kcat lines for case-1, found {lines}")
        started = time.monotonic()
        for line in lines:
            run_shell(line, bootstrap)
        resolved = await_condition(
            "case-1 resolved by the department",
            lambda: (c := case("case-1")) and c["status"] == "resolved" and c, 60)
        print(f"case-1 resolved {time.monotonic() - started:.1f} s after the README's kcat lines",
              flush=True)
        if resolved["unit"] != UNIT or resolved["stage"] != DEPARTMENT:
            raise Failed(f"case-1 is at {resolved['stage']} / {resolved['unit']}")
        steps = [what for what, unit in history_of(resolved) if unit == UNIT]
        if steps != ["assigned", "dispatched", "signed", "contacted", "resolved"]:
            raise Failed(f"case-1's history by {UNIT}: {steps}")

        # case-2: the street holds it and summons the transport bureau, which reports and finishes.
        lines = readme_kcat_lines(readme, "case-2")
        if len(lines) != 4:
            raise Failed(f"expected the README's four kcat lines for case-2, found {lines}")
        for line in lines:
            run_shell(line, bootstrap)

        def assist_done():
            c = case("case-2")
            assists = c and [a for a in c["assists"] if a["department"] == DEPARTMENT]
            return assists and assists[0]["status"] == "done" and c

        assisted = await_condition("case-2's transport assist done", assist_done, 60)
        if assisted["unit"] != "street:S001" or assisted["status"] != "signed":
            raise Failed(f"case-2 is {assisted['status']} at {assisted['unit']}")
        if ("assist_done", UNIT) not in history_of(assisted):
            raise Failed(f"case-2's history: {history_of(assisted)}")

        # case-1 rated not solved: reopened to the department, which answers the new work order.
        rating = ("echo 'case-1:{\"specversion\":\"1.0\",\"id\":\"v1\","
                  "\"source\":\"/hotline/12345\",\"type\":\"caseflow.case.rated\","
                  "\"subject\":\"case-1\",\"data\":{\"solved\":\"not_solved\","
                  "\"satisfaction\":\"unsatisfied\"}}' "
                  "| kcat -b 127.0.0.1:9092 -P -t caseflow.events -K: -z none")
        run_shell(rating, bootstrap)
        again = await_condition(
            "case-1 reopened and resolved again",
            lambda: (c := case("case-1")) and c["reopens"] == 1 and c["status"] == "resolved" and c,
            60)
        steps = [what for what, unit in history_of(again) if unit == UNIT]
        if steps.count("resolved") != 2 or steps.count("signed") != 2:
            raise Failed(f"case-1's history by {UNIT} after the reopening: {steps}")

        log = read(dept_out)
        for line in ["dispatched case-1: parking.illegal at G00001 (assigned)", "signed case-1",
                     "contacted case-1", "resolved case-1", "assist case-2",
                     "assist_reported reported case-2", "assist_reported done case-2",
                     "(reopened)"]:
            if line not in log:
                raise Failed(f"the department's log has no '{line}'")

        code = stop(department, "the department", 30)
        department = None
        if code != 0:
            raise Failed(f"the department exited {code} on SIGTERM")
        code = stop(engine, "caseflow run", 60)
        engine = None
        if code != 0:
            raise Failed(f"caseflow run exited {code} on SIGTERM")
        print("PASS", flush=True)
        shutil.rmtree(work, ignore_errors=True)
        return 0
    except Failed as e:
        print(f"FAIL: {e}", flush=True)
        for name, path in [("engine stdout", engine_out), ("engine stderr", engine_err),
                           ("department", dept_out)]:
            if os.path.exists(path):
                print(f"--- {name} (last 40 lines)\n" + "\n".join(read(path).splitlines()[-40:]))
        print(f"(files kept in {work})")
        return 1
    finally:
        for p in (department, engine):
            if p is not None and p.poll() is None:
                p.kill()
                p.wait()


if __name__ == "__main__":
    sys.exit(main())
