"""The dashboard per language, in a real Chromium over a real server: the articles per
language in the masthead, and the language filter narrowing the events."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from harmattan.api.settings import Settings
from harmattan.corroborate import update_stories
from harmattan.store.db import Store
from tests.multilingual import FR_SANCTION, multilingual_records
from tests.serving import running
from tests.web.conftest import Desk
from tests.web.screenshot import VIEWPORT

PAGE_SIZE = 25  # rows per page in app.js


@pytest.fixture(scope="module")
def base_url(dashboard_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server over the demo database plus articles in French, German and Spanish
    (the `desk` fixture opens the dashboard here)."""
    path = tmp_path_factory.mktemp("languages") / "demo.duckdb"
    shutil.copy(dashboard_db, path)
    with Store(path) as store:
        store.write_batch(multilingual_records(), [], stories=update_stories)
    with running(Settings(str(path))) as url:
        yield url


def _count(n: int, word: str) -> str:
    """A count as the dashboard writes it: "1 event", "1,204 events"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


NOT_CODED = "not coded (stored and listed, no events)"


def _row_ids(desk: Desk) -> list[str]:
    ids: list[str] = desk.page.locator("#events tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.eventId)"
    )
    return ids


@pytest.mark.slow
def test_dashboard_shows_articles_per_language(desk: Desk) -> None:
    page = desk.open()
    stats = desk.api("/api/stats")
    coded = [c for c in stats["languages"] if c["coded"]]
    assert {"en", "fr"} <= {c["language"] for c in coded}
    assert stats["not_coded_articles"] == 3
    line = " · ".join(f"{c['language']} {c['articles']:,}" for c in coded) + " · 3 not coded"
    shown = page.locator("#stats .languages dd")
    expect(shown).to_have_text(line)
    # Its title says what each count is, language by language.
    assert shown.get_attribute("title") == "\n".join(
        f"{c['language']}: {_count(c['articles'], 'article')}, "
        + (
            _count(c["events"], "event")
            if c["coded"]
            else "not coded (stored and listed, no events)"
        )
        for c in stats["languages"]
    )
    # The filter offers the coded languages only: a language not coded has no events.
    options = page.locator("#filters select[name=language] option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert options == ["", *(c["language"] for c in coded)]
    assert desk.errors == []


@pytest.mark.slow
def test_dashboard_language_filter_narrows_the_events_and_the_url(desk: Desk) -> None:
    page = desk.open()
    every = desk.api("/api/events", limit=PAGE_SIZE)
    french = desk.api("/api/events", language="fr", limit=PAGE_SIZE)
    assert 0 < french["total"] < every["total"]
    assert FR_SANCTION in {e["sentence"]["text"] for e in french["items"]}
    page.select_option("#filters select[name=language]", "fr")
    page.wait_for_url(re.compile(r"[?&]language=fr"))
    expect(page.locator("#events-count")).to_have_text(_count(french["total"], "event"))
    assert _row_ids(desk) == [e["id"] for e in french["items"]]
    days = desk.api("/api/timeline", language="fr")
    bars = page.locator("#timeline rect.bar")
    expect(bars).to_have_count(len(days))
    drawn = bars.evaluate_all("bars => bars.map(b => Number(b.dataset.events))")
    assert sum(drawn) == sum(d["events"] for d in days) == french["total"]
    assert desk.errors == []


@pytest.mark.slow
def test_dashboard_language_in_the_url_applies_on_load(desk: Desk) -> None:
    page = desk.open("?language=fr")
    expect(page.locator("#filters select[name=language]")).to_have_value("fr")
    french = desk.api("/api/events", language="fr", limit=PAGE_SIZE)
    expect(page.locator("#events-count")).to_have_text(_count(french["total"], "event"))
    page.click("#clear-filters")
    page.wait_for_url(re.compile(r"/$"))
    every = desk.api("/api/events", limit=PAGE_SIZE)
    expect(page.locator("#events-count")).to_have_text(_count(every["total"], "event"))


@pytest.mark.slow
def test_dashboard_languages_keep_the_masthead_and_filters_in_one_row(desk: Desk) -> None:
    page = desk.open()
    boxes = page.evaluate(
        """() => {
            const box = (n) => n.getBoundingClientRect().toJSON();
            return {
                stats: [...document.querySelectorAll('#stats > div')].map(box),
                languages: box(document.querySelector('#stats .languages')),
                filters: [...document.querySelectorAll('#filters > label, #filters > .actions')]
                    .map(box),
                timeline: box(document.querySelector('#timeline-panel')),
            };
        }"""
    )
    # The languages sit in the masthead's row of counts, inside the window.
    assert {round(b["top"]) for b in boxes["stats"]} == {round(boxes["languages"]["top"])}
    assert boxes["languages"]["right"] <= VIEWPORT["width"]
    # The filters, language included, stay one row, and the timeline above the fold.
    assert len({round(b["bottom"]) for b in boxes["filters"]}) == 1, boxes["filters"]
    assert boxes["timeline"]["bottom"] <= VIEWPORT["height"]
