"""Each article goes to its language's pipeline; a language harmattan does not code is
kept with no extractions; French and English reports of one event join one story.
Sentences are our own."""

from __future__ import annotations

import datetime as dt

from harmattan.corroborate import corroborate
from harmattan.pipeline import Resources, extract, extract_each, extract_many
from harmattan.records import Article, DocumentRecord

DAY = dt.date(2023, 7, 31)
ENGLISH = (
    "ECOWAS imposed sanctions on Niger on Sunday after the coup, and closed its borders "
    "with the country."
)
FRENCH = (
    "La CEDEAO a imposé dimanche des sanctions au Niger après le coup d'État et a fermé "
    "ses frontières avec le pays."
)
GERMAN = "Die ECOWAS hat am Sonntag Sanktionen gegen Niger verhängt."


def _article(key: str, text: str, language: str, source: str) -> Article:
    return Article(key, DAY, text, source=source, language=language)


def test_a_mixed_batch_keeps_its_order_and_routes_each_language(resources: Resources) -> None:
    batch = [
        _article("en-1", ENGLISH, "en", "Sahel Wire"),
        _article("de-1", GERMAN, "de", "Niger Zeitung"),
        _article("fr-1", FRENCH, "fr", "Radio Fleuve"),
    ]
    records = list(extract_many(batch, resources))
    assert [r.article.id for r in records] == ["en-1", "de-1", "fr-1"]
    assert {e.type for e in records[0].events} >= {"SANCTION"}
    assert {e.type for e in records[2].events} >= {"SANCTION"}
    assert {p.actor.id for e in records[2].events for p in e.actors} == {"ecowas"}


def test_an_uncoded_language_is_kept_with_no_extractions(resources: Resources) -> None:
    (record,) = extract_each([_article("de-1", GERMAN, "de", "Niger Zeitung")], resources)
    assert record == DocumentRecord(_article("de-1", GERMAN, "de", "Niger Zeitung"))


def test_an_english_only_run_never_builds_the_french_pipeline() -> None:
    fresh = Resources.load()
    extract(_article("en-1", ENGLISH, "en", "Sahel Wire"), fresh)
    assert fresh.others == {}
    assert fresh.stages("de") is None
    assert fresh.others == {}


def test_a_french_and_an_english_report_of_one_event_join_one_story(
    resources: Resources,
) -> None:
    day = dt.date(2023, 1, 27)
    english = Article(
        "en-2",
        day,
        "The United States on Thursday designated the Wagner Group as a terrorist "
        "organization, the State Department said.",
        source="Sahel Wire",
    )
    french = Article(
        "fr-2",
        day,
        "Les États-Unis ont désigné jeudi le groupe Wagner comme organisation terroriste, "
        "a annoncé le département d'État.",
        source="Radio Fleuve",
        language="fr",
    )
    records = [extract(a, resources).to_dict() for a in (english, french)]
    (story,) = corroborate(records).stories
    assert story.type == "SANCTION"
    assert set(story.sources) == {"Sahel Wire", "Radio Fleuve"}
    assert [a.id for a in story.actors] == ["usa"]
    assert [a.id for a in story.recipients] == ["wagner-group"]
    assert (story.date.start, story.date.precision) == (dt.date(2023, 1, 26), "day")
