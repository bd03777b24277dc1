"""The dashboard on a live desk: when a batch lands, counts, map, timeline and events
refresh without a reload (the page polls /api/stats)."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Browser, Page

from harmattan.api.settings import Settings
from harmattan.cli import sample_corpus
from harmattan.pipeline import Resources
from tests.serving import running
from tests.web.conftest import get_json
from tests.web.screenshot import VIEWPORT, build_database, wait_until_drawn


def _stat(page: Page, name: str) -> str:
    script = f"""[...document.querySelectorAll('#stats div')]
        .find(d => d.querySelector('dt').textContent === '{name}')
        .querySelector('dd').textContent"""
    return str(page.evaluate(script))


def test_dashboard_refreshes_when_a_batch_lands_without_a_reload(
    browser: Browser, resources: Resources, tmp_path: Path
) -> None:
    lines = sample_corpus().read_bytes().splitlines(keepends=True)
    first = tmp_path / "first.jsonl"
    first.write_bytes(b"".join(lines[:10]))
    db = build_database(tmp_path / "live.duckdb", resources, [first])
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = Settings(str(db), watch=(str(inbox),), watch_interval=0.5)
    with running(settings) as url:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(f"{url}/")
        wait_until_drawn(page)
        assert _stat(page, "articles") == "10"
        before = page.locator("#events-count").text_content()
        page.evaluate("window.sameDocument = true")
        staged = tmp_path / "more.jsonl"
        staged.write_bytes(b"".join(lines[10:15]))
        os.replace(staged, inbox / "more.jsonl")
        page.wait_for_function(
            """() => [...document.querySelectorAll('#stats dt')]
                .some(dt => dt.textContent === 'articles'
                            && dt.nextElementSibling.textContent === '15')""",
            timeout=45_000,
        )
        events = get_json(url, "/api/events", limit=1)["total"]
        page.wait_for_function(
            f"document.querySelector('#events-count').textContent.startsWith('{events:,}')",
            timeout=15_000,
        )
        assert page.locator("#events-count").text_content() != before
        assert _stat(page, "events") == f"{events:,}"
        # The same document, redrawn in place: a reload would have lost this mark.
        assert page.evaluate("window.sameDocument") is True
        context.close()
