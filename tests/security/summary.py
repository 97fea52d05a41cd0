"""The figures `make security` prints, from what the tests left in var/security/.

    .venv/bin/python -m tests.security.summary

Also runs ``manage.py check --deploy`` under production settings with an https SITE_URL
(the environment of metskin/core/tests/test_production_settings.py) and counts its issues.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from tests.security.report import FIGURES


def _read(name: str) -> dict[str, Any]:
    path = FIGURES / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _hostile() -> list[dict[str, Any]]:
    path = FIGURES / "hostile.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _deploy_issues() -> tuple[int, str]:
    from metskin.core.tests.test_production_settings import check_deploy

    result = check_deploy()
    output = (result.stdout + result.stderr).strip()
    found = re.search(r"System check identified (\d+|no) issues?", output)
    if result.returncode != 0 or found is None:
        return -1, output
    return (0 if found.group(1) == "no" else int(found.group(1))), output


def main() -> int:
    matrix, admin, fuzz, abuse = _read("matrix"), _read("admin"), _read("fuzz"), _read("abuse")
    hostile = _hostile()
    deploy_issues, deploy_output = _deploy_issues()
    requests = matrix.get("requests", 0) + admin.get("requests", 0) + fuzz.get("requests", 0)
    server_errors = matrix.get("server_errors", 0) + fuzz.get("server_errors", 0)
    server_errors += sum(1 for case in hostile if case["status"] >= 500)
    rows = [
        ("routes in the access matrix", matrix.get("routes", "-")),
        ("matrix lines (route × method × variant)", matrix.get("lines", "-")),
        ("admin pages under the one admin rule", admin.get("pages", "-")),
        ("operations fuzzed from /api/schema/", fuzz.get("operations", "-")),
        ("requests tried (matrix + admin + fuzzing)", requests),
        ("5xx seen", server_errors),
        ("hostile files tried", len(hostile)),
        ("hostile files stored", sum(case["stored"] for case in hostile)),
        (
            "open throttled endpoints tried with rotating X-Forwarded-For",
            abuse.get("throttled_open_endpoints", "-"),
        ),
        ("check --deploy issues (production, https SITE_URL)", deploy_issues),
    ]
    width = max(len(label) for label, _ in rows)
    print("\nMetSkin security figures (docs/security.md)")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")
    if deploy_issues != 0:
        print(deploy_output)
    failed = server_errors or sum(c["stored"] for c in hostile) or deploy_issues != 0
    return 1 if failed or not matrix or not fuzz or not hostile else 0


if __name__ == "__main__":
    sys.exit(main())
