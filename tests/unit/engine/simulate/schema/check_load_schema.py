#!/usr/bin/env python3
"""config/simulate/load.schema.json agrees with the load model loader: the sample load and the
tests' good loads (tests/data/simulate/*.yaml) are valid; of the broken loads
(tests/data/simulate/broken/, which the loader refuses, see load_model_loader_test.cpp) those
marked "schema: invalid" are invalid and the others valid, so the schema is never stricter than
the loader. Usage: check_load_schema.py SOURCE_DIR. Exit 0 when they agree, 1 when not, 77 (a
skip for ctest) without python3-jsonschema / python3-yaml (Debian packages)."""
import glob
import json
import os
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:
    print(f"skipped: {e}: run scripts/install-deps.sh")
    sys.exit(77)

# The broken files the schema must refuse; fewer means someone deleted the collection.
MIN_SCHEMA_INVALID = 12


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "config/simulate/load.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    def verdict(path):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        try:
            document = yaml.safe_load(text)
        except yaml.YAMLError as e:
            return text, f"YAML: {str(e).splitlines()[0]}"
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        return text, (errors[0].message[:200] if errors else None)

    good = [os.path.join(root, "config/simulate/load.yaml")]
    good += sorted(glob.glob(os.path.join(root, "tests/data/simulate/*.yaml")))
    broken = sorted(glob.glob(os.path.join(root, "tests/data/simulate/broken/*.yaml")))
    failures = 0
    schema_invalid = 0
    for path in good + broken:
        text, error = verdict(path)
        must_fail = path in broken and "schema: invalid" in text
        schema_invalid += must_fail and error is not None
        agrees = (error is not None) == must_fail
        failures += not agrees
        name = os.path.relpath(path, root)
        print(f"{'ok  ' if agrees else 'FAIL'} {name}: "
              f"{'invalid: ' + error if error else 'valid'}"
              f"{'' if agrees else (' (expected invalid)' if must_fail else ' (expected valid)')}")
    if schema_invalid < MIN_SCHEMA_INVALID:
        print(f"FAIL only {schema_invalid} broken files are refused by the schema, "
              f"expected at least {MIN_SCHEMA_INVALID}")
        failures += 1
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
