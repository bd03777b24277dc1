"""The document record's JSON shape is a public contract (shared/OUTPUT.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from harmattan.cli import sample_corpus
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources, extract_many
from harmattan.records import (
    SCHEMA,
    Actor,
    Article,
    DateSource,
    DocumentRecord,
    EventDate,
    Factuality,
    Participant,
    Sentence,
    TextSpan,
    document_from_dict,
)
from tests.factories import make_event

ARTICLE = Article(
    id="abc",
    published=dt.date(2023, 11, 7),
    text="ECOWAS sets a deadline for Niger.",
    source="Sahel Wire",
)


def test_document_record_to_dict_has_every_contract_field() -> None:
    data = DocumentRecord(ARTICLE).to_dict()
    assert data["schema"] == SCHEMA == "harmattan.document/1"
    assert set(data) >= {"schema", "article", "entities", "timexes", "places", "events"}
    assert data["article"] == {
        "id": "abc",
        "published": "2023-11-07",
        "source": "Sahel Wire",
        "url": None,
        "title": None,
        "language": "en",
        "text": "ECOWAS sets a deadline for Niger.",
    }


def test_event_to_dict_flattens_participants_and_serializes_enums_and_dates() -> None:
    ecowas = Actor("ecowas", "ECOWAS", "IGO", None)
    event = make_event(
        ARTICLE,
        trigger=(7, 22),
        actors=(Participant("ECOWAS", 0, 6, ecowas),),
        date=EventDate(None, dt.date(2023, 11, 7), "unknown", DateSource.PUBLICATION),
    )
    data = DocumentRecord(ARTICLE, sentences=(Sentence(0, 33),), events=(event,)).to_dict()
    out = data["events"][0]
    assert out["actors"] == [
        {
            "text": "ECOWAS",
            "start": 0,
            "end": 6,
            "id": "ecowas",
            "name": "ECOWAS",
            "country": "IGO",
            "sector": None,
        }
    ]
    assert out["factuality"] == "asserted"
    assert out["date"] == {
        "start": None,
        "end": "2023-11-07",
        "precision": "unknown",
        "source": "publication",
        "timex": None,
        "deadline": None,
    }
    assert out["trigger"] == {"text": "sets a deadline", "start": 7, "end": 22}
    assert out["contexts"] == ["diplomatic"]
    assert data["sentences"] == [{"start": 0, "end": 33}]


def test_text_span_offsets_slice_article_text() -> None:
    span = TextSpan("sets a deadline", 7, 22)
    assert ARTICLE.text[span.start : span.end] == span.text
    assert Factuality("hypothetical") is Factuality.HYPOTHETICAL


def test_document_from_dict_gives_back_the_record_of_every_sample_article(
    resources: Resources,
) -> None:
    articles = [i for i in read_sources([str(sample_corpus())], ReadOptions())]
    records = list(extract_many([a for a in articles if isinstance(a, Article)], resources))
    assert sum(len(r.events) for r in records) > 100
    for record in records:
        assert document_from_dict(record.to_dict()) == record


def test_document_from_dict_refuses_another_schema() -> None:
    with pytest.raises(ValueError, match=r"harmattan\.document/1"):
        document_from_dict({"schema": "something/2", "article": {}})
