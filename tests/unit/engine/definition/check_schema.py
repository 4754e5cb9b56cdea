#!/usr/bin/env python3
"""Checks YAML files against workflows/schema.json; prints one line per file: 'valid FILE' or
'invalid FILE: reason'. Used by schema_agreement_test.cpp. Needs python3-yaml and
python3-jsonschema (Debian packages)."""
import json
import sys

import jsonschema
import yaml


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for path in sys.argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                document = yaml.safe_load(f)
        except yaml.YAMLError as e:
            print(f"invalid {path}: YAML: {str(e).splitlines()[0]}")
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        if errors:
            print(f"invalid {path}: {errors[0].message[:200]}")
        else:
            print(f"valid {path}")


if __name__ == "__main__":
    main()
