"""The read layer per language: articles and events counted per language, the articles in
languages harmattan does not code, and the `language` filter of events, articles and stories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from harmattan.corroborate import update_stories
from harmattan.store import read
from harmattan.store.db import Store
from tests.multilingual import CODED, EN_APPEAL, EN_SANCTION, FR_SANCTION, multilingual_records


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A real DuckDB file with English, French, German and Spanish articles, and stories."""
    with Store(tmp_path / "h.duckdb") as opened:
        opened.write_batch(multilingual_records(), [], stories=update_stories)
        yield opened


def test_languages_count_articles_and_events_per_language(store: Store) -> None:
    languages = read.languages(store.con, CODED)
    # Most articles first, ties in the order of the codes.
    assert languages.counts == (
        read.LanguageCount("de", articles=2, events=0, coded=False),
        read.LanguageCount("en", articles=2, events=2, coded=True),
        read.LanguageCount("es", articles=1, events=0, coded=False),
        read.LanguageCount("fr", articles=1, events=1, coded=True),
    )
    assert languages.table().dicts()[1] == {"language": "en", "articles": 2, "events": 2}


def test_languages_count_the_articles_in_languages_not_coded(store: Store) -> None:
    languages = read.languages(store.con, CODED)
    assert [c.language for c in languages.not_coded] == ["de", "es"]
    assert languages.not_coded_articles == 3
    assert languages.to_dict()["not_coded_articles"] == 3
    # What is coded is the caller's to say: with German coded, only Spanish is left.
    assert read.languages(store.con, ("en", "fr", "de")).not_coded_articles == 1


def test_languages_of_an_empty_store_are_none(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as empty:
        languages = read.languages(empty.con, CODED)
    assert languages.counts == ()
    assert languages.not_coded_articles == 0


@pytest.mark.parametrize(
    ("language", "evidence"),
    [
        ("fr", [FR_SANCTION]),
        ("FR", [FR_SANCTION]),
        ("en", [EN_SANCTION, EN_APPEAL]),
        ("de", []),
        (None, [EN_SANCTION, FR_SANCTION, EN_APPEAL]),
    ],
)
def test_list_events_filters_on_the_language_of_the_article(
    store: Store, language: str | None, evidence: list[str]
) -> None:
    found = read.list_events(store.con, read.EventFilter(language=language)).dicts()
    assert [row["evidence"] for row in found] == evidence


def test_language_filter_joins_the_other_event_filters(store: Store) -> None:
    french_sanctions = read.EventFilter(language="fr", type="sanction", country="NER")
    (only,) = read.list_events(store.con, french_sanctions).dicts()
    assert only["trigger"] == "a imposé des sanctions"
    assert read.list_events(store.con, read.EventFilter(language="fr", type="REQUEST")).rows == []
    page = read.event_page(store.con, read.EventFilter(language="en"), limit=1, offset=0)
    assert page.total == 2
    assert [e["trigger"]["text"] for e in page.items] == ["imposed sanctions"]
    days = read.timeline(store.con, read.EventFilter(language="fr"))
    assert [(d["day"], d["events"]) for d in days] == [(dt.date(2023, 7, 30), 1)]


def test_list_articles_filters_and_counts_by_language(store: Store) -> None:
    german = read.list_articles(store.con, language="de").dicts()
    assert [a["published"] for a in german] == [dt.date(2023, 8, 3), dt.date(2023, 8, 2)]
    assert {(a["language"], a["events"]) for a in german} == {("de", 0)}
    assert read.count_articles(store.con, language="de") == 2
    assert read.count_articles(store.con, language="es", text="frontera") == 1
    assert read.count_articles(store.con, language="de", text="frontera") == 0
    # Every article is listed, those in languages not coded too, each with its language.
    listed = read.list_articles(store.con).dicts()
    assert sorted(a["language"] for a in listed) == ["de", "de", "en", "en", "es", "fr"]


def test_stories_match_a_language_any_of_their_reports_is_in(store: Store) -> None:
    every = read.story_records(store.con, read.StoryFilter())
    french = read.story_records(store.con, read.StoryFilter(language="fr"))
    english = read.story_records(store.con, read.StoryFilter(language="en"))
    # The French and the English report of the sanctions are one story.
    (sanctions,) = [s for s in every if s["type"] == "SANCTION"]
    assert len(sanctions["mentions"]) == 2
    assert [s["id"] for s in french] == [sanctions["id"]]
    assert sorted(s["type"] for s in english) == ["REQUEST", "SANCTION"]
    assert read.story_records(store.con, read.StoryFilter(language="de")) == []
    page = read.story_page(store.con, read.StoryFilter(language="fr"), limit=10, offset=0)
    assert (page.total, [s["id"] for s in page.items]) == (1, [sanctions["id"]])
