"""Running Mozilla ical.js (Thunderbird's parser) on a feed, for the calendar tests.

Needs ``node`` and ``npm ci`` in tests/calendar/icaljs. Without them the tests are
skipped, unless ``ECHO_TEST_REQUIRE_BROWSER=1`` (CI), in which case they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ICALJS = Path(__file__).parent / "icaljs"
REQUIRE = os.environ.get("ECHO_TEST_REQUIRE_BROWSER") == "1"


def find_node() -> str:
    """The node binary, or skip (fail under CI) when node or ical.js is missing."""
    path = shutil.which("node")
    if path is None:
        problem = "node is not installed"
    elif not (ICALJS / "node_modules" / "ical.js").is_dir():
        problem = f"ical.js is not installed: run `npm ci` in {ICALJS}"
    else:
        return path
    if REQUIRE:
        pytest.fail(f"ECHO_TEST_REQUIRE_BROWSER=1 but {problem}")
    pytest.skip(problem)


def read_with_icaljs(
    node: str, data: bytes, folder: Path, name: str = "feed.ics"
) -> dict[str, Any]:
    """What ical.js sees in the feed: check.mjs's JSON (events, TZIDs, VTIMEZONEs)."""
    feed = folder / name
    feed.write_bytes(data)
    result = subprocess.run(
        [node, "check.mjs", str(feed)],
        cwd=ICALJS,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed
