"""schemathesis against the live server and its own ``/openapi.json`` (issue 8).

The real server over SQLite and PostgreSQL, a signed-in demo guide's token, every
schemathesis check (``--checks all``: server errors, status codes, content types,
headers, response schemas, positive data accepted, negative data rejected, auth not
ignored, 405s with Allow …), a few hundred generated requests per database, bounded in
time. Expected: no failure of any kind. ``tests/server/schemathesis.toml`` says where a
schema-valid request may rightly get its documented 400 (a signed cursor, a hashed blob).

Set ``GUIDE_SCHEMATHESIS_SEED`` to replay another seed; ``GUIDE_SCHEMATHESIS_EXAMPLES``
for more examples per operation.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.server.api import API
from tests.support.server import sign_in

pytestmark = pytest.mark.slow

CONFIG = Path(__file__).with_name("schemathesis.toml")
SEED = os.environ.get("GUIDE_SCHEMATHESIS_SEED", "20261202")
EXAMPLES = os.environ.get("GUIDE_SCHEMATHESIS_EXAMPLES", "20")
#: Wall-clock bound of one schemathesis run (it takes well under a minute here).
RUN_SECONDS = 300


@pytest.fixture
def live_server(server_factory):
    """The real server, holding a pull (``?wait=``, long-poll) 0.5 s at most: the stateful
    phase replays a cursor the server issued with a fuzzed ``wait`` of up to 60 s, and
    the response time check would count the wait as slowness."""
    return server_factory(env={"GUIDE_SERVER_PULL_WAIT_MAX_SECONDS": "0.5"})


def _run(server, token: str, work: Path, name: str, *selection: str) -> dict:
    """One ``schemathesis run``; returns its JSON report (and prints its summary)."""
    report = work / f"{name}.json"
    cmd = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(CONFIG),
        "run",
        f"{server.url}/openapi.json",
        "--checks",
        "all",
        "--header",
        f"Authorization: Bearer {token}",
        "--max-examples",
        EXAMPLES,
        "--seed",
        SEED,
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--report",
        "json",
        "--report-json-path",
        str(report),
        "--output-truncate",
        "true",
        *selection,
    ]
    # cwd: schemathesis and hypothesis keep their own files in the working directory.
    proc = subprocess.run(
        cmd, cwd=work, capture_output=True, text=True, timeout=RUN_SECONDS, check=False
    )
    assert report.exists(), (
        f"no report (exit {proc.returncode}):\n{proc.stdout[-4000:]}{proc.stderr[-2000:]}"
    )
    data = json.loads(report.read_text())
    data["_output"] = proc.stdout
    return data


def _counts(report: dict) -> tuple[int, int, int]:
    """(test cases generated, server errors, schema violations)."""
    failures = report["failures"]
    server_errors = sum(f["count"] for f in failures if f["type"] == "ServerError")
    violations = sum(f["count"] for f in failures) - server_errors
    return report["test_cases"]["generated"], server_errors, violations


def test_schemathesis_all_checks(live_server, db_kind, tmp_path):
    token, _ = sign_in(live_server.url, "s001-g1", device_id="schemathesis")
    # Signing out revokes the token: that operation runs on its own, with a token of its own.
    main = _run(live_server, token, tmp_path, "main", "--exclude-path", f"{API}/auth/logout")
    other, _ = sign_in(live_server.url, "s001-g2", device_id="schemathesis")
    logout = _run(live_server, other, tmp_path, "logout", "--include-path", f"{API}/auth/logout")
    # The guide above is refused (403) by the admin area; HQ runs it for real, last (it
    # creates, deactivates and resets accounts).
    hq, _ = sign_in(live_server.url, "hq", device_id="schemathesis")
    admin = _run(live_server, hq, tmp_path, "admin", "--include-path-regex", f"^{API}/admin/")

    total = [0, 0, 0]
    runs = (("main", main), ("logout", logout), ("admin", admin))
    for name, report in runs:
        counts = _counts(report)
        total = [a + b for a, b in zip(total, counts, strict=True)]
        kinds = ", ".join(f"{f['title']} ({f['code']}) x{f['count']}" for f in report["failures"])
        print(
            f"schemathesis {db_kind} {name}: {counts[0]} test cases, "
            f"{report['operations']['tested']} operations, {counts[1]} server errors, "
            f"{counts[2]} schema violations, {len(report['errors'])} errors"
            + (f" — {kinds}" if kinds else "")
        )
    print(
        f"schemathesis {db_kind} total: {total[0]} test cases, {total[1]} server errors, "
        f"{total[2]} schema violations (seed {SEED})"
    )
    for _, report in runs:
        assert report["complete"], report["stop_reason"]
        assert not report["errors"], report["_output"][-6000:]
        assert report["operations"]["tested"] == report["operations"]["selected"] > 0
    # every operation of the live spec is tested: all but sign-out in "main" (the admin
    # area too, refused for the guide), sign-out alone, the admin area again as HQ
    spec = httpx.get(f"{live_server.url}/openapi.json").json()
    ops = [(m, path) for path, item in spec["paths"].items() for m in item]
    assert main["operations"]["tested"] == len(ops) - 1 and logout["operations"]["tested"] == 1
    assert admin["operations"]["tested"] == sum(path.startswith(f"{API}/admin/") for _, path in ops)
    outputs = main["_output"][-8000:] + logout["_output"][-4000:] + admin["_output"][-8000:]
    assert total[1] == 0 and total[2] == 0, outputs
    assert total[0] >= 200
