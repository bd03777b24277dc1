"""`harmattan alerts`: rules added, listed and removed; alerts fired by ingest, listed."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

from tests.cli_helpers import run_cli
from tests.receiver import receiver


def test_rules_fire_on_ingest_once_and_are_listed(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.duckdb")
    added = run_cli(
        "alerts", "add", "--name", "niger-violence", "--kind", "escalation",
        "--country", "NER", "--db", db,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "added alert rule niger-violence (escalation)" in added.stderr
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "ultimatums"\nkind = "deadline"\n', encoding="utf-8")
    assert run_cli("alerts", "add", "--from", str(rules), "--db", db).returncode == 0
    again = run_cli("alerts", "add", "--name", "ultimatums", "--kind", "match", "--db", db)
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1
    assert "already exists" in again.stderr
    listed = run_cli("alerts", "list", "--format", "json", "--db", db)
    assert [json.loads(line)["name"] for line in listed.stdout.splitlines()] == [
        "niger-violence",
        "ultimatums",
    ]

    first = run_cli("ingest", "--sample", "--workers", "1", "--db", db)
    assert first.returncode == 0, first.stderr
    assert "alert niger-violence: " in first.stderr
    assert "alerts fired" in first.stderr
    fired = [
        json.loads(line)
        for line in run_cli("alerts", "--format", "json", "--db", db).stdout.splitlines()
    ]
    assert fired
    assert [a["seq"] for a in fired] == sorted((a["seq"] for a in fired), reverse=True)
    # The sample's ECOWAS ultimatum, given on Sunday 30 July 2023, ran out a week later.
    deadlines = [a["summary"] for a in fired if a["rule"] == "ultimatums"]
    assert any(
        s.startswith("the seven-day ultimatum set on 2023-07-30 expired on 2023-08-06")
        for s in deadlines
    ), deadlines
    jump = next(a for a in fired if a["rule"] == "niger-violence")
    assert jump["kind"] == "escalation"
    assert jump["country"] == "NER"
    assert jump["evidence"]
    assert {"article_id", "text", "start", "end"} <= set(jump["evidence"][0])

    second = run_cli("ingest", "--sample", "--workers", "1", "--db", db)
    assert "alerts fired" not in second.stderr
    table = run_cli("alerts", "--rule", "niger-violence", "--format", "table", "--db", db)
    count = sum(a["rule"] == "niger-violence" for a in fired)
    assert table.stdout.splitlines()[-1] == f"{count} alert{'s' if count != 1 else ''}"

    removed = run_cli("alerts", "remove", "niger-violence", "--db", db)
    assert removed.returncode == 0
    assert "removed alert rule niger-violence" in removed.stderr
    gone = run_cli("alerts", "remove", "niger-violence", "--db", db)
    assert gone.returncode == 1
    assert "no alert rule named 'niger-violence'" in gone.stderr


def test_ingest_posts_each_alert_to_the_webhook_once(tmp_path: Path) -> None:
    db = str(tmp_path / "hooked.duckdb")
    run_cli("alerts", "add", "--name", "niger-violence", "--kind", "escalation",
            "--country", "NER", "--db", db)  # fmt: skip
    with receiver() as (url, received):
        first = run_cli("ingest", "--sample", "--workers", "1", "--notify-url", url, "--db", db)
        assert first.returncode == 0, first.stderr
        again = run_cli("ingest", "--sample", "--workers", "1", "--notify-url", url, "--db", db)
        assert again.returncode == 0, again.stderr
    stored = run_cli("alerts", "--format", "json", "--db", db).stdout.splitlines()
    assert sorted(r["id"] for r in received) == sorted(json.loads(a)["id"] for a in stored)
    assert received
    assert all(r["rule"] == "niger-violence" for r in received)


def test_a_webhook_that_is_down_does_not_hold_up_ingest(tmp_path: Path) -> None:
    db = str(tmp_path / "down.duckdb")
    run_cli("alerts", "add", "--name", "niger-violence", "--kind", "escalation",
            "--country", "NER", "--db", db)  # fmt: skip
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    start = time.monotonic()
    done = run_cli(
        "ingest", "--sample", "--workers", "1", "--db", db,
        "--notify-url", f"http://127.0.0.1:{port}/hook",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # Retries wait 1 s then 2 s; the run ends two seconds after its last batch at most.
    assert time.monotonic() - start < 30
    assert "not delivered to" in done.stderr
    assert "alert fired" in done.stderr
