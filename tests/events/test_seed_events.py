"""The seed article against its gold: every must_find event, nothing that must not be found."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources, extract
from harmattan.records import Article, DocumentRecord, Event, Participant
from tests.conftest import SHARED

GOLD = json.loads((SHARED / "gold" / "seed-niger-2023-11-07.json").read_text(encoding="utf-8"))
LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@pytest.fixture(scope="module")
def seed_record(seed_path: Path, resources: Resources) -> DocumentRecord:
    """The seed article's document record, extracted once for the module."""
    (article,) = read_sources([str(seed_path)], ReadOptions())
    assert isinstance(article, Article)
    return extract(article, resources)


def _in_sentence(record: DocumentRecord, event: Event, quote: str) -> bool:
    start = record.article.text.find(quote)
    assert start >= 0, f"gold quote not in the text: {quote!r}"
    return event.sentence.start <= start and start + len(quote) <= event.sentence.end + 1


def _codes_fit(participants: tuple[Participant, ...], gold: dict[str, Any] | None) -> bool:
    if not gold:
        return True
    codes = {gold["code"], *gold.get("also_ok_code", [])}
    sectors = {gold["sector"], *gold.get("also_ok_sector", [])} if gold.get("sector") else None
    return any(
        p.actor.country in codes and (sectors is None or p.actor.sector in sectors)
        for p in participants
    )


def _fits(record: DocumentRecord, event: Event, gold: dict[str, Any]) -> bool:
    if LEGACY.get(event.type, event.type) not in {gold["type"], *gold.get("also_ok", [])}:
        return False
    args = _codes_fit(event.actors, gold.get("actor")) and _codes_fit(
        event.recipients, gold.get("recipient")
    )
    if not args and gold["id"] == "E5" and event.type in ("SANCTION", "COERCE"):
        args = any(p.actor.country == "MLI" for p in event.actors) and any(
            p.actor.country == "FRA" for p in event.recipients
        )
    facts = {gold["factuality"], *gold.get("also_ok_factuality", [])}
    return args and event.factuality.value in facts


@pytest.mark.parametrize("gold", GOLD["must_find"], ids=[g["id"] for g in GOLD["must_find"]])
def test_seed_event_is_coded_as_gold_says(
    seed_record: DocumentRecord, gold: dict[str, Any]
) -> None:
    candidates = [e for e in seed_record.events if _in_sentence(seed_record, e, gold["quote"])]
    described = [
        (
            e.type,
            e.factuality.value,
            [(p.actor.country, p.actor.sector) for p in e.actors],
            [(p.actor.country, p.actor.sector) for p in e.recipients],
        )
        for e in candidates
    ]
    assert any(_fits(seed_record, e, gold) for e in candidates), described


def test_seed_no_asserted_russian_event_where_the_text_has_no_evidence(
    seed_record: DocumentRecord,
) -> None:
    quote = GOLD["must_not_find"][0]["quote"]
    assert "no direct evidence" in quote
    for event in seed_record.events:
        if _in_sentence(seed_record, event, quote):
            assert not (
                event.factuality.value == "asserted"
                and any(p.actor.country == "RUS" for p in event.actors)
            ), event


def test_seed_no_event_from_the_closing_judgement(seed_record: DocumentRecord) -> None:
    quote = GOLD["must_not_find"][1]["quote"]
    assert [e for e in seed_record.events if _in_sentence(seed_record, e, quote)] == []


def test_seed_every_event_span_slices_the_text(seed_record: DocumentRecord) -> None:
    text = seed_record.article.text
    assert seed_record.events
    for event in seed_record.events:
        spans = [(event.trigger.text, event.trigger.start, event.trigger.end)]
        spans += [(p.text, p.start, p.end) for p in (*event.actors, *event.recipients)]
        if event.attribution is not None:
            spans.append((event.attribution.text, event.attribution.start, event.attribution.end))
        for span_text, start, end in spans:
            assert text[start:end] == span_text, (event.type, span_text)
        assert 0 <= event.sentence.start < event.sentence.end <= len(text)
        assert 0.0 < event.confidence <= 1.0


def test_seed_entities_resolve_to_gold_actor_codes(seed_record: DocumentRecord) -> None:
    coded = {e.text: e.actor.country for e in seed_record.entities if e.actor is not None}
    for gold in GOLD["entities"]:
        if gold["code"] is not None and gold["text"] in coded:
            assert coded[gold["text"]] == gold["code"], gold["text"]
    assert coded.get("ECOWAS") == "IGO"
    assert coded.get("Wagner") == "IMG"
    assert coded.get("Mali") == "MLI"


def test_seed_analysts_opinion_is_attributed(seed_record: DocumentRecord) -> None:
    text = seed_record.article.text
    sentence_start = text.index("Analysts suggest")
    sentence_end = text.index("hold on power.")
    for event in seed_record.events:
        if sentence_start <= event.trigger.start < sentence_end:
            assert event.attribution is not None
            assert event.attribution.text == "Analysts"
