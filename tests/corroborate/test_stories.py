"""Stories over the sample corpus and the seed: real pipeline output, real DuckDB store."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from harmattan.cli import sample_corpus
from harmattan.corroborate import corroborate
from harmattan.corroborate.update import Recent
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources, extract_many
from harmattan.records import Article, Factuality, Story
from harmattan.service import ingest
from harmattan.store.db import Store
from tests.factories import article as article_of

SEED_DAY = "2023-11-07"

# Which real-world events the sample corpus and the seed report, and where: each report
# is (source, published, PLOVER type, trigger text, an actor id or None for no actor) of
# the event the pipeline codes for it.
# Reports the coder gets wrong (a missed or wrong party) are left out, with the reason in
# the comment; the events README lists every report of each cluster.
Report = tuple[str | None, str, str, str, str | None]
REAL_EVENTS: dict[str, list[Report]] = {
    # Continental Times 08-02 codes the guard as French; Niamey Observer 07-28 and Lagos
    # Ledger 07-31 name no recipient ("seized power").
    "coup: the presidential guard detains Bazoum (2023-07-26)": [
        ("Sahel Wire", "2023-07-26", "COERCE", "detained", "ner-mil"),
        ("Lagos Ledger", "2023-07-27", "COERCE", "detained", "ner-mil"),
        ("Dakar Dispatch", "2023-08-08", "COERCE", "detained", "ner-mil"),
    ],
    "the US designates Wagner (2023-01-26)": [
        ("Meridian Review", "2023-01-27", "SANCTION", "designated", "usa"),
        ("Sahel Wire", "2023-08-22", "SANCTION", "designated", "usa"),
        (None, SEED_DAY, "SANCTION", "designated", "usa"),
    ],
    "the UK proscribes Wagner (2023-09-15)": [
        ("Meridian Review", "2023-09-16", "SANCTION", "designated", None),
    ],
    "ECOWAS sanctions on Niger (2023-07-30)": [
        ("Gulf of Guinea Post", "2023-08-03", "SANCTION", "followed the sanctions", "ecowas"),
        (None, SEED_DAY, "SANCTION", "sanctions", "ecowas"),
    ],
    # Continental Times 08-05 and Sahel Wire 08-22 do not resolve who asked.
    "the junta asks Wagner for help (reported 2023-08-05)": [
        ("Niamey Observer", "2023-08-07", "REQUEST", "asked", "ner-mil"),
        (None, SEED_DAY, "REQUEST", "reached out", "ner-mil"),
    ],
    "ECOWAS summit in Abuja (2023-07-30)": [
        ("Niamey Observer", "2023-07-28", "AGREE", "hold an emergency summit", "ecowas"),
        ("Gulf of Guinea Post", "2023-08-03", "AGREE", "agreed", "ecowas"),
    ],
    # Atlantic Monitor 08-19 codes the order as given to Ghana's army.
    "ECOWAS orders its standby force activated (2023-08-10)": [
        ("Lagos Ledger", "2023-08-11", "REQUEST", "ordered", None),
        ("Harbour Daily", "2023-08-12", "REQUEST", "ordered", None),
    ],
    "the AES charter is signed in Bamako (2023-09-16)": [
        ("Sahel Wire", "2023-09-16", "SUPPORT", "signed", "mli"),
        ("Dakar Dispatch", "2023-09-18", "SUPPORT", "signed", "mli"),
        ("Continental Times", "2023-09-28", "SUPPORT", "signed", "bfa"),
    ],
    "Niger closes its airspace (2023-08-06)": [
        ("Niamey Observer", "2023-08-07", "COERCE", "closed", "ner"),
    ],
    "Mali and Burkina Faso warn against intervention (2023-07-31)": [
        ("Dakar Dispatch", "2023-08-01", "THREATEN", "warned", "bfa-gov"),
    ],
}


def _corpus() -> list[Article]:
    items = read_sources([str(sample_corpus())], ReadOptions())
    return [i for i in items if isinstance(i, Article)]


@pytest.fixture(scope="module")
def records(resources: Resources, seed_path: Path) -> list[dict[str, Any]]:
    """The sample corpus and the seed as document records."""
    seed = [i for i in read_sources([str(seed_path)], ReadOptions()) if isinstance(i, Article)]
    return [r.to_dict() for r in extract_many([*_corpus(), *seed], resources)]


@pytest.fixture(scope="module")
def stories(records: list[dict[str, Any]]) -> tuple[Story, ...]:
    """Corroboration of the sample corpus and the seed."""
    return corroborate(records).stories


def _event_ids(records: list[dict[str, Any]], report: Report) -> str:
    source, published, kind, trigger, actor = report
    found = [
        event["id"]
        for record in records
        if (record["article"]["source"], record["article"]["published"]) == (source, published)
        for event in record["events"]
        if (event["type"], event["trigger"]["text"]) == (kind, trigger)
        and (actor in {a["id"] for a in event["actors"]} or (actor is None and not event["actors"]))
    ]
    assert len(found) == 1, (report, found)
    return str(found[0])


def test_stories_reproduce_the_hand_made_list_of_real_events(
    records: list[dict[str, Any]], stories: tuple[Story, ...]
) -> None:
    story_of = {m.event_id: s.id for s in stories for m in s.mentions}
    listed = {
        name: {_event_ids(records, report) for report in reports}
        for name, reports in REAL_EVENTS.items()
    }
    for name, events in listed.items():
        assert len({story_of[e] for e in events}) == 1, name
    owners = {story_of[next(iter(events))]: name for name, events in listed.items()}
    assert len(owners) == len(listed)  # no two listed events share a story


def _story_with(stories: tuple[Story, ...], event_id: str) -> Story:
    return next(s for s in stories if any(m.event_id == event_id for m in s.mentions))


@pytest.mark.parametrize(
    "report",
    [
        (None, SEED_DAY, "REQUEST", "reached out", "ner-mil"),
        (None, SEED_DAY, "SANCTION", "sanctions", "ecowas"),
    ],
)
def test_stories_seed_mentions_are_re_mentions_of_summer_reports(
    records: list[dict[str, Any]],
    stories: tuple[Story, ...],
    report: Report,
) -> None:
    event_id = _event_ids(records, report)
    story = _story_with(stories, event_id)
    (mention,) = (m for m in story.mentions if m.event_id == event_id)
    assert mention.re_mention
    assert story.first_reported < dt.date(2023, 11, 7)
    assert dt.date(2023, 7, 1) <= story.first_reported <= dt.date(2023, 8, 31)
    assert not story.mentions[0].re_mention


def test_stories_flag_the_terrorist_designation_with_both_quotes(
    records: list[dict[str, Any]], stories: tuple[Story, ...]
) -> None:
    story = _story_with(
        stories, _event_ids(records, (None, SEED_DAY, "SANCTION", "designated", "usa"))
    )
    (clash,) = (c for c in story.contradictions if c.field == "designation")
    assert clash.values == ("criminal organisation", "terrorist organisation")
    by_value = {q.value: q for q in clash.quotes}
    assert "transnational criminal" in by_value["criminal organisation"].text
    assert by_value["criminal organisation"].source == "Meridian Review"
    assert "terrorist" in by_value["terrorist organisation"].text
    assert {q.source for q in clash.quotes} >= {"Meridian Review", "Sahel Wire", None}
    assert story.sources == ("9b8cdaa79bf589cf", "Meridian Review", "Sahel Wire")


def test_stories_flag_the_denied_wagner_appeal(
    records: list[dict[str, Any]], stories: tuple[Story, ...]
) -> None:
    story = _story_with(
        stories, _event_ids(records, (None, SEED_DAY, "REQUEST", "reached out", "ner-mil"))
    )
    (clash,) = (c for c in story.contradictions if c.field == "factuality")
    assert clash.values == ("did not happen", "happened")
    denial = next(q for q in clash.quotes if q.value == "did not happen")
    assert denial.source == "Niamey Observer"
    assert "denied" in denial.text
    assert dict(story.factualities) == {Factuality.ASSERTED: 1, Factuality.NEGATED: 1}


def test_stories_date_is_narrowed_by_the_reports(stories: tuple[Story, ...]) -> None:
    coup = next(
        s
        for s in stories
        if s.type == "COERCE"
        and any(a.id == "mohamed-bazoum" for a in s.recipients)
        and len(s.mentions) >= 3
    )
    assert (coup.date.start, coup.date.end) == (dt.date(2023, 7, 26), dt.date(2023, 7, 26))
    assert coup.first_reported == dt.date(2023, 7, 26)
    assert [m.re_mention for m in coup.mentions][:1] == [False]
    assert len(coup.sources) >= 3


def _ingest_in_order(
    articles: list[Article], db: Path, resources: Resources
) -> dict[str, list[tuple[Any, ...]]]:
    with Store(db) as store:
        ingest(iter(articles), store, resources, batch_size=7)
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in ("stories", "story_mentions", "story_contradictions", "article_duplicates")
        }
    finally:
        con.close()


def _orders(articles: list[Article]) -> Iterator[list[Article]]:
    yield articles
    yield list(reversed(articles))
    shuffled = list(articles)
    random.Random(7).shuffle(shuffled)
    yield shuffled


@pytest.mark.slow
def test_stories_are_the_same_whatever_the_ingest_order(
    resources: Resources, seed_path: Path, tmp_path: Path
) -> None:
    seed = [i for i in read_sources([str(seed_path)], ReadOptions()) if isinstance(i, Article)]
    articles = [*_corpus(), *seed]
    snapshots = [
        _ingest_in_order(order, tmp_path / f"order{n}.duckdb", resources)
        for n, order in enumerate(_orders(articles))
    ]
    assert len(snapshots[0]["stories"]) > 100
    assert snapshots[1] == snapshots[0]
    assert snapshots[2] == snapshots[0]


SYNDICATED = (
    "ECOWAS imposed sanctions on Niger on Sunday, closing borders and freezing the "
    "country's assets at the central bank, after soldiers detained President Mohamed "
    "Bazoum in Niamey. The bloc gave the junta one week to restore him to office and did "
    "not rule out the use of force. Traders in Niamey said food prices rose at once."
)


def test_stories_a_syndicated_copy_is_no_independent_source(
    resources: Resources, tmp_path: Path
) -> None:
    copy = SYNDICATED.replace("at once", "within hours").replace("on Sunday", "on Sunday night")
    articles = [
        article_of(SYNDICATED, "2023-07-31", "Lagos Ledger"),
        article_of(copy, "2023-08-01", "Harbour Daily"),
    ]
    with Store(tmp_path / "h.duckdb") as store:
        ingest(iter(articles), store, resources)
        duplicates = store.con.execute(
            "SELECT article_id, original_id FROM article_duplicates"
        ).fetchall()
        rows = store.con.execute(
            "SELECT s.sources, s.mentions, m.source, m.duplicate_of FROM stories s "
            "JOIN story_mentions m ON m.story_id = s.id WHERE s.type = 'COERCE' "
            "ORDER BY m.published"
        ).fetchall()
    assert duplicates == [(articles[1].id, articles[0].id)]
    assert rows == [
        (1, 2, "Lagos Ledger", None),
        (1, 2, "Harbour Daily", articles[0].id),
    ]


def test_a_writer_remembers_the_most_recently_used_reports_up_to_its_capacity() -> None:
    recent: Recent[str] = Recent(2)
    recent.put("a", "first")
    recent.put("b", "second")
    assert recent.get("a") == "first"  # now "b" is the oldest
    recent.put("c", "third")
    assert recent.known(["a", "b", "c"]) == ({"a": "first", "c": "third"}, ["b"])
