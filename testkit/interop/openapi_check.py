"""Validates an OpenAPI document with openapi-spec-validator (from PyPI).

Usage: openapi_check.py URL_OR_FILE [--expect-path PATH ...]
Exits non-zero with the validator's message when the document is invalid or a path is missing.
"""

import argparse
import json
import sys
import urllib.request

from openapi_spec_validator import validate


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("source")
    p.add_argument("--expect-path", action="append", default=[])
    args = p.parse_args()
    if args.source.startswith("http://") or args.source.startswith("https://"):
        with urllib.request.urlopen(args.source, timeout=10) as resp:  # noqa: S310 - loopback test URL
            doc = json.load(resp)
    else:
        with open(args.source, encoding="utf-8") as f:
            doc = json.load(f)
    try:
        validate(doc)
    except Exception as e:  # noqa: BLE001 - report any validation failure
        print(f"FAIL: invalid OpenAPI document: {e}")
        sys.exit(1)
    missing = [path for path in args.expect_path if path not in doc.get("paths", {})]
    if missing:
        print(f"FAIL: paths missing from the document: {missing}")
        sys.exit(1)
    print(f"OK: OpenAPI {doc.get('openapi')} with {len(doc.get('paths', {}))} paths")


if __name__ == "__main__":
    main()
