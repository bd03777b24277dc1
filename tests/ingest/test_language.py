"""The language of each article: declared by its input, else detected from its text.
Sentences are our own."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from harmattan.ingest import ReadOptions, read_bytes
from harmattan.ingest.language import (
    CODED_LANGUAGES,
    DEFAULT_LANGUAGE,
    LanguageDetector,
    declared_language,
)
from harmattan.nlp import LANGUAGES
from harmattan.records import Article, Quarantined

OPTIONS = ReadOptions(published=dt.date(2023, 7, 31))
FRENCH = (
    "La CEDEAO a fixé dimanche un ultimatum d'une semaine à la junte nigérienne pour "
    "rétablir le président Mohamed Bazoum dans ses fonctions."
)
GERMAN = (
    "Die westafrikanische Staatengemeinschaft hat der Militärjunta in Niger eine Frist "
    "von einer Woche gesetzt, um den gestürzten Präsidenten wieder einzusetzen."
)


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector.load()


def _items(data: bytes, suffix: str) -> list[Article | Quarantined]:
    return list(read_bytes(data, "test", OPTIONS, suffix))


def test_ingest_codes_the_languages_the_pipelines_exist_for() -> None:
    assert CODED_LANGUAGES == LANGUAGES


@pytest.mark.parametrize(
    ("declared", "code"),
    [("fr", "fr"), ("fr-FR", "fr"), ("EN_gb", "en"), ("  ", None), (None, None)],
)
def test_a_declared_tag_is_its_primary_language(declared: object, code: str | None) -> None:
    assert declared_language(declared) == code


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (FRENCH, "fr"),
        (GERMAN, "de"),
        ("Police fired tear gas at students in Dakar.", "en"),
        # Short, name-heavy English that the detector alone calls Nigerian Pidgin.
        ("ECOWAS sanctioned Niger.", "en"),
        ("Tinubu met Tchiani in Niamey.", "en"),
    ],
)
def test_detection_believes_only_sure_calls(
    detector: LanguageDetector, text: str, language: str
) -> None:
    assert detector.detect(text) == language


def test_an_unsure_call_between_coded_languages_falls_back_to_english(
    detector: LanguageDetector,
) -> None:
    assert detector.detect("Niamey, Agadez, Zinder") == DEFAULT_LANGUAGE


def test_a_jsonl_line_declares_or_is_detected() -> None:
    lines = [
        {"text": "Ceci est déclaré comme de l'espagnol.", "language": "es"},
        {"text": FRENCH},
        {"text": "Protesters marched through Niamey on Sunday."},
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    assert [a.language for a in _items(data, ".jsonl") if isinstance(a, Article)] == [
        "es",
        "fr",
        "en",
    ]


def test_a_bad_language_tag_quarantines_only_its_line() -> None:
    lines = [{"text": FRENCH, "language": "French!"}, {"text": FRENCH}]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    items = _items(data, ".jsonl")
    assert isinstance(items[0], Quarantined)
    assert "is not a language tag" in items[0].reason
    assert items[0].location == "line 1"
    assert isinstance(items[1], Article)
    assert items[1].language == "fr"


def test_an_html_page_declares_its_language() -> None:
    page = (
        '<html lang="fr-FR"><head><title>Niamey</title>'
        '<meta name="date" content="2023-07-31"></head><body><article>'
        "<p>Short words, but the page says it is French and the page is believed.</p>"
        "</article></body></html>"
    )
    (item,) = _items(page.encode(), ".html")
    assert isinstance(item, Article)
    assert item.language == "fr"


def test_a_feed_declares_its_language() -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Radio Fleuve</title>'
        "<language>fr</language><item><title>Niamey</title>"
        "<pubDate>Mon, 31 Jul 2023 08:00:00 GMT</pubDate>"
        "<description>Protesters marched in Niamey.</description></item></channel></rss>"
    )
    (item,) = _items(feed.encode(), ".xml")
    assert isinstance(item, Article)
    assert item.language == "fr"


def test_an_odd_page_language_is_ignored_and_the_text_decides() -> None:
    page = (
        '<html lang="x-default"><head><title>Niamey</title>'
        '<meta name="date" content="2023-07-31"></head><body><article>'
        f"<p>{FRENCH}</p></article></body></html>"
    )
    (item,) = _items(page.encode(), ".html")
    assert isinstance(item, Article)
    assert item.language == "fr"
