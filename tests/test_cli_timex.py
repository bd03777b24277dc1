"""`harmattan timex`: time expressions of a text, normalized against its date."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_helpers import run_cli


def test_timex_prints_expressions_normalized_against_the_date() -> None:
    text = b"Wagner entered Mali last year."
    done = run_cli("timex", "--published", "2023-11-07", "-", stdin=text)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows == [{"text": "last year", "start": 20, "end": 29, "type": "DATE", "value": "2022"}]
    later = run_cli("timex", "--published", "2031-02-01", "-", stdin=text)
    assert json.loads(later.stdout)["value"] == "2030"


def test_timex_reads_the_seed_header_date(seed_path: Path) -> None:
    done = run_cli("timex", str(seed_path))
    values = {row["text"]: row["value"] for row in map(json.loads, done.stdout.splitlines())}
    assert values["last year"] == "2022"


def test_timex_of_plain_text_needs_a_date() -> None:
    done = run_cli("timex", "-", stdin=b"Wagner entered Mali last year.")
    assert done.returncode == 1
    assert "pass --published" in done.stderr
