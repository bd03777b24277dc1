"""An ingest killed with SIGKILL mid-batch resumes to exactly the uninterrupted result."""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path
from typing import Any

import duckdb
import pytest

from harmattan.store.migrations import TABLES
from tests.cli_helpers import HARMATTAN, run_cli

ARTICLES = 400
BATCH = 10
KILL_AFTER = "committed batch 3:"

PLACES = ["Niamey", "Agadez", "Tahoua", "Zinder", "Maradi", "Dosso", "Tillabéri", "Diffa"]


def _corpus(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(ARTICLES):
            place = PLACES[n % len(PLACES)]
            text = (
                f"Report {n}. Soldiers loyal to Niger's junta were deployed to {place} on "
                f"Tuesday, residents said. ECOWAS officials met in Abuja to discuss the "
                f"sanctions, and Mali and Burkina Faso warned against any intervention. "
                f"Prices in {place} rose by {n % 40 + 5} percent, traders said."
            )
            out.write(json.dumps({"text": text, "published": "2023-08-08"}) + "\n")
        out.write('{"text": "broken line", "published": "2023-08-3\n')
    return path


def _snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        con.close()


@pytest.mark.slow
def test_ingest_killed_mid_run_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "big.jsonl")
    reference = tmp_path / "reference.duckdb"
    done = run_cli("ingest", str(corpus), "--db", str(reference), "--batch-size", str(BATCH))
    assert done.returncode == 0, done.stderr
    expected = _snapshot(reference)
    assert len(expected["articles"]) == ARTICLES
    assert len(expected["quarantine"]) == 1

    killed = tmp_path / "killed.duckdb"
    args = ["-v", "ingest", str(corpus), "--db", str(killed), "--batch-size", str(BATCH)]
    with subprocess.Popen([HARMATTAN, *args], stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith(KILL_AFTER):
                proc.send_signal(signal.SIGKILL)
                break
        else:
            pytest.fail("ingest finished before it could be killed")
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    partial = _snapshot(killed)
    assert BATCH * 3 <= len(partial["articles"]) < ARTICLES
    assert len(partial["articles"]) % BATCH == 0, "a half-written batch survived the kill"

    resumed = run_cli("ingest", str(corpus), "--db", str(killed), "--batch-size", str(BATCH))
    assert resumed.returncode == 0, resumed.stderr
    stored = len(partial["articles"])
    assert f"{ARTICLES - stored} ingested, {stored} already known" in resumed.stderr
    assert _snapshot(killed) == expected
