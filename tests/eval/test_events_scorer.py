"""The event scorer (eval/events.py): exact arithmetic on hand-built records, then a slice."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eval.common import EvalInputError
from eval.events import (
    ACTOR_COUNTRY,
    ACTOR_SECTOR,
    DEFAULT_GSR,
    DEFAULT_SEED_GOLD,
    FACTUALITY,
    MODE,
    RECIPIENT_COUNTRY,
    RECIPIENT_SECTOR,
    GoldEvent,
    SeedGold,
    error_lines,
    gold_mode,
    gold_sector,
    gsr_articles,
    limit_sentences,
    main,
    parse_gsr,
    parse_seed_gold,
    read_seed_article,
    score_gsr,
    score_seed,
)
from harmattan.records import Actor, Article, DocumentRecord, Event, Factuality, Sentence
from tests.factories import make_event, participant

REPO = Path(__file__).resolve().parents[2]

TURKEY = "Turkey will allow Kurdish refugees to return home."
ISRAEL = "Israeli warplanes struck a village in southern Lebanon."
MONTENEGRO = "Montenegro's prime minister has been indicted by the court and will resign."


def _gsr_raw(text: str, event: str, **fields: Any) -> dict[str, Any]:
    return {"id": f"GSR-{event}", "date": "2000-01-01", "text": text, "event": event, **fields}


def _gold(*raw: dict[str, Any]) -> tuple[GoldEvent, ...]:
    return parse_gsr(list(raw))


def _records(gold: tuple[GoldEvent, ...], events: dict[str, list[str]]) -> list[DocumentRecord]:
    """One record per gold sentence, holding an event of each listed type."""
    records = []
    for art in gsr_articles(gold):
        made = tuple(
            dataclasses.replace(make_event(art, trigger=(0, 5), type=t), id=f"{art.id}-{i}")
            for i, t in enumerate(events.get(art.text, []))
        )
        records.append(DocumentRecord(article=art, events=made))
    return records


def _actor(country: str | None, sector: str | None = None) -> Actor:
    return Actor(
        id=f"{country}-{sector}", name=f"{country} {sector}", country=country, sector=sector
    )


def test_parse_gsr_maps_legacy_types_and_tolerates_malformed_actors() -> None:
    (gold,) = _gold(
        _gsr_raw(
            "  Serbia demanded a meeting.  ",
            "DEMAND",
            source=[{"actorText": "Serbia", "code": "SRB"}, "Belgrade"],
            target="",
            mode="",
        )
    )
    assert gold.text == "Serbia demanded a meeting."
    assert (gold.type, gold.legacy_type, gold.mode) == ("REQUEST", "DEMAND", None)
    assert [(a.text, a.code, a.sector) for a in gold.sources] == [
        ("Serbia", "SRB", None),
        ("Belgrade", None, None),
    ]
    assert gold.targets == ()


def test_parse_gsr_rejects_a_record_without_text() -> None:
    with pytest.raises(EvalInputError, match=r"gsr record 0 \(GSR-AGREE\) has no 'text'"):
        parse_gsr([_gsr_raw("", "AGREE")])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("GOV", "GOV"),
        ("REFKUR", "REF"),
        ("CVLalb", "CVL"),
        ("GOVMOS", "GOV"),
        ("***", None),
        ("MOS", None),
        ("CIV", None),
        (None, None),
    ],
)
def test_gold_sector_keeps_the_plover_prefix(raw: str | None, expected: str | None) -> None:
    assert gold_sector(raw) == expected


@pytest.mark.parametrize(
    ("event_type", "raw", "expected"),
    [
        ("PROTEST", "demo-org", "demo"),
        ("PROTEST", "riot-spon", "riot"),
        ("PROTEST", "strike-gen", "strike"),
        ("PROTEST", "strike-hun", "hunger"),
        ("ASSAULT", "assassinate", "targeted"),
        ("ASSAULT", "heavy-weapons", "heavy-weapons"),
        ("THREATEN", "restrict", "restrict"),
        ("COERCE", "destroy", None),
        ("CONSULT", "host", None),
        ("PROTEST", "", None),
        ("PROTEST", None, None),
    ],
)
def test_gold_mode_maps_legacy_names_by_prefix(
    event_type: str, raw: str | None, expected: str | None
) -> None:
    assert gold_mode(event_type, raw) == expected


def test_limit_sentences_keeps_every_gold_event_of_the_first_sentences() -> None:
    gold = _gold(
        _gsr_raw(TURKEY, "AGREE"),
        _gsr_raw(MONTENEGRO, "DISAPPROVE"),
        _gsr_raw(ISRAEL, "FIGHT"),
        _gsr_raw(MONTENEGRO, "RETREAT"),
    )
    assert [g.legacy_type for g in limit_sentences(gold, 2)] == ["AGREE", "DISAPPROVE", "RETREAT"]
    assert len(gsr_articles(gold)) == 3


def test_score_gsr_counts_per_type_micro_and_macro() -> None:
    gold = _gold(
        _gsr_raw(TURKEY, "DEMAND"),
        _gsr_raw(ISRAEL, "FIGHT"),
        _gsr_raw(MONTENEGRO, "DISAPPROVE"),
        _gsr_raw(MONTENEGRO, "RETREAT"),
    )
    records = _records(gold, {TURKEY: ["REQUEST", "ACCUSE"], MONTENEGRO: ["ACCUSE", "ACCUSE"]})
    score = score_gsr(gold, records)

    rows = {t.type: (t.counts.gold, t.counts.predicted, t.counts.tp) for t in score.per_type}
    assert rows == {
        "RETREAT": (1, 0, 0),
        "REQUEST": (1, 1, 1),
        "ACCUSE": (1, 2, 1),
        "ASSAULT": (1, 0, 0),
    }
    assert [t.type for t in score.per_type] == ["RETREAT", "REQUEST", "ACCUSE", "ASSAULT"]
    accuse = score.type_score("ACCUSE").counts
    assert (accuse.precision, accuse.recall, accuse.f1) == pytest.approx((0.5, 1.0, 2 / 3))
    assert (score.micro.tp, score.micro.fp, score.micro.fn) == (2, 1, 2)
    assert (score.micro.precision, score.micro.recall, score.micro.f1) == pytest.approx(
        (2 / 3, 0.5, 4 / 7)
    )
    assert (score.macro.precision, score.macro.recall, score.macro.f1) == pytest.approx(
        (0.375, 0.5, 5 / 12)
    )
    assert (len(score.sentences), score.gold_events, score.found) == (3, 4, 2)


def test_score_gsr_reports_zeros_when_nothing_is_produced() -> None:
    gold = _gold(_gsr_raw(TURKEY, "AGREE", source=[{"actorText": "Turkey", "code": "TUR"}]))
    score = score_gsr(gold, _records(gold, {}))
    agree = score.type_score("AGREE").counts
    assert (agree.gold, agree.predicted, agree.tp, agree.f1) == (1, 0, 0, 0.0)
    assert (score.micro.f1, score.macro.f1, score.found) == (0.0, 0.0, 0)
    assert [(a.name, a.n, a.accuracy) for a in score.attributes] == [
        (ACTOR_COUNTRY, 0, None),
        (ACTOR_SECTOR, 0, None),
        (RECIPIENT_COUNTRY, 0, None),
        (RECIPIENT_SECTOR, 0, None),
        (MODE, 0, None),
    ]


def test_score_gsr_scores_attributes_on_the_best_found_event() -> None:
    text = "Serb police beat Albanian protesters outside the U.N. office in Pristina."
    other = "Israeli warplanes struck a village in southern Lebanon."
    gold = _gold(
        _gsr_raw(
            text,
            "PROTEST",
            mode="riot-spon",
            source=[{"actorText": "Albanian protesters", "code": "SRB", "sector": "CVLalb"}],
            target=[{"actorText": "U.N. office", "code": "IGO"}],
        ),
        _gsr_raw(
            other,
            "FIGHT",
            source=[{"actorText": "Israeli warplanes", "code": "ISR", "sector": "MIL"}],
        ),
    )
    art = gsr_articles(gold)[0]
    worse = make_event(art, trigger=(12, 16), type="PROTEST")
    better = dataclasses.replace(
        make_event(
            art,
            trigger=(12, 16),
            type="PROTEST",
            actors=(participant(art, "Albanian protesters", _actor("SRB", "GOV")),),
            recipients=(participant(art, "U.N. office", _actor("UNO")),),
        ),
        id="better",
        mode="riot",
    )
    records = [
        DocumentRecord(article=art, events=(worse, better)),
        DocumentRecord(article=gsr_articles(gold)[1]),
    ]
    score = score_gsr(gold, records)
    assert score.found == 1
    assert [(a.name, a.n, a.correct) for a in score.attributes] == [
        (ACTOR_COUNTRY, 1, 1),
        (ACTOR_SECTOR, 1, 0),
        (RECIPIENT_COUNTRY, 1, 1),
        (RECIPIENT_SECTOR, 0, 0),
        (MODE, 1, 1),
    ]
    assert score.attribute(ACTOR_SECTOR).accuracy == 0.0
    assert score.attribute(MODE).accuracy == 1.0


def test_score_gsr_rejects_records_of_other_sentences() -> None:
    gold = _gold(_gsr_raw(TURKEY, "AGREE"))
    stray = Article(id="x", published=gold[0].published, text=ISRAEL)
    with pytest.raises(EvalInputError, match="is not one of the gold sentences"):
        score_gsr(gold, [DocumentRecord(article=stray)])
    with pytest.raises(EvalInputError, match="1 gold sentences have no document record"):
        score_gsr(gold, [])


def test_error_lines_list_only_sentences_with_mistakes() -> None:
    gold = _gold(
        _gsr_raw(TURKEY, "AGREE"), _gsr_raw(ISRAEL, "FIGHT"), _gsr_raw(MONTENEGRO, "RETREAT")
    )
    records = _records(gold, {TURKEY: ["AGREE"], ISRAEL: ["ASSAULT", "COERCE"]})
    lines = list(error_lines(score_gsr(gold, records)))
    assert [(x["text"], x["false_positives"], x["false_negatives"]) for x in lines] == [
        (ISRAEL, ["COERCE"], []),
        (MONTENEGRO, [], ["RETREAT"]),
    ]
    assert [e["type"] for e in lines[0]["predicted"]] == ["ASSAULT", "COERCE"]
    assert lines[0]["gold"][0]["legacy_type"] == "FIGHT"
    assert json.loads(json.dumps(lines)) == lines


@pytest.fixture(scope="module")
def seed_gold() -> SeedGold:
    return parse_seed_gold(json.loads(DEFAULT_SEED_GOLD.read_text(encoding="utf-8")))


def _seed_event(
    seed: Article,
    quote: str,
    event_type: str,
    *,
    actors: tuple[tuple[str, Actor], ...] = (),
    recipients: tuple[tuple[str, Actor], ...] = (),
    factuality: Factuality = Factuality.ASSERTED,
) -> Event:
    """An event whose sentence is exactly the quote's span in the seed text."""
    start = seed.text.index(quote)
    event = make_event(
        seed,
        trigger=(start, start + 4),
        type=event_type,
        factuality=factuality,
        actors=tuple(participant(seed, text, actor) for text, actor in actors),
        recipients=tuple(participant(seed, text, actor) for text, actor in recipients),
    )
    return dataclasses.replace(event, sentence=Sentence(start, start + len(quote)))


def test_score_seed_finds_events_whose_sentence_covers_the_quote(
    seed_path: Path, seed_gold: SeedGold
) -> None:
    seed = read_seed_article(seed_path)
    events = (
        _seed_event(
            seed,
            "ECOWAS, sets a deadline for the release of President Mohamed Bazoum",
            "DEMAND",
            actors=(("ECOWAS", _actor("IGO")),),
            recipients=(("Niger’s military junta", _actor("NER", "MIL")),),
        ),
        _seed_event(
            seed,
            "designated Wagner as a terrorist organization",
            "ACCUSE",
            actors=(("The United States", _actor("USA", "MIL")),),
            recipients=(("Wagner", _actor("IMG")),),
            factuality=Factuality.HYPOTHETICAL,
        ),
        _seed_event(seed, "reached out to the Russian mercenary group Wagner for support", "AGREE"),
        _seed_event(
            seed,
            "there is no direct evidence linking Russia to the coup in Niger",
            "ACCUSE",
            actors=(("Russia", _actor("RUS", "GOV")),),
            factuality=Factuality.NEGATED,
        ),
        _seed_event(seed, "The resolution of Niger’s political crisis remains uncertain", "AGREE"),
    )
    score = score_seed(seed_gold, DocumentRecord(article=seed, events=events))

    assert (score.found, score.total, score.events_produced, score.published_ok) == (2, 10, 5, True)
    notes = {o.id: (o.found, o.matched_type, o.note) for o in score.outcomes}
    assert notes["E1"] == (True, "REQUEST", "OK")
    assert notes["E2"] == (False, None, "types AGREE")
    assert notes["E3"] == (True, "ACCUSE", "differs: actor sector, factuality")
    assert notes["E9"] == (False, None, "no event in sentence")
    assert [(a.name, a.n, a.correct) for a in score.attributes] == [
        (ACTOR_COUNTRY, 2, 2),
        (ACTOR_SECTOR, 1, 0),
        (RECIPIENT_COUNTRY, 2, 2),
        (RECIPIENT_SECTOR, 1, 1),
        (FACTUALITY, 2, 1),
    ]
    assert [(v.type, v.factuality) for v in score.violations] == [("AGREE", "asserted")]


def test_score_seed_counts_an_asserted_russian_event_as_a_violation(
    seed_path: Path, seed_gold: SeedGold
) -> None:
    seed = read_seed_article(seed_path)
    quote = "there is no direct evidence linking Russia to the coup in Niger"
    events = (
        _seed_event(seed, quote, "ASSAULT", actors=(("Russia", _actor("RUS")),)),
        _seed_event(seed, quote, "ASSAULT", actors=(("Niger", _actor("NER")),)),
    )
    score = score_seed(seed_gold, DocumentRecord(article=seed, events=events))
    assert [(v.quote, v.type) for v in score.violations] == [(quote, "ASSAULT")]


def test_score_seed_reverses_roles_when_an_expulsion_codes_a_withdrawal(
    seed_path: Path, seed_gold: SeedGold
) -> None:
    seed = read_seed_article(seed_path)
    event = _seed_event(
        seed,
        "it led to the ousting of the French military",
        "SANCTION",
        actors=(("Mali", _actor("MLI", "GOV")),),
        recipients=(("French military", _actor("FRA", "MIL")),),
        factuality=Factuality.HISTORICAL,
    )
    score = score_seed(seed_gold, DocumentRecord(article=seed, events=(event,)))
    (e5,) = [o for o in score.outcomes if o.found]
    assert (e5.id, e5.matched_type, e5.note) == ("E5", "SANCTION", "OK")
    assert [(a.name, a.n, a.correct) for a in score.attributes] == [
        (ACTOR_COUNTRY, 1, 1),
        (ACTOR_SECTOR, 0, 0),
        (RECIPIENT_COUNTRY, 1, 1),
        (RECIPIENT_SECTOR, 1, 1),
        (FACTUALITY, 1, 1),
    ]


def test_main_scores_a_slice_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary, errors = tmp_path / "events.json", tmp_path / "errors.jsonl"
    argv = ["--limit", "5", "--json", str(summary), "--errors", str(errors)]
    assert main(argv) == 0

    raw = json.loads(DEFAULT_GSR.read_text(encoding="utf-8"))
    first = list(dict.fromkeys(r["text"].strip() for r in raw))[:5]
    data = json.loads(summary.read_text(encoding="utf-8"))
    gsr = data["gsr"]
    assert data["schema"] == "harmattan.eval.events/1"
    assert (gsr["sentences"], gsr["gold_events"]) == (5, 5)
    assert gsr["micro"]["gold"] == 5
    assert gsr["micro"]["tp"] + gsr["micro"]["fn"] == 5
    assert gsr["per_type"]["AGREE"]["gold"] == 5
    for row in gsr["per_type"].values():
        assert row["precision"] == (row["tp"] / row["predicted"] if row["predicted"] else 0.0)
        assert row["recall"] == (row["tp"] / row["gold"] if row["gold"] else 0.0)
    assert (data["seed"]["total"], data["seed"]["published_ok"]) == (10, True)
    assert [m["id"] for m in data["seed"]["must_find"]] == [f"E{i}" for i in range(1, 11)]

    lines = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert all(x["text"] in first for x in lines)
    assert all(x["false_positives"] or x["false_negatives"] for x in lines)
    assert sum(len(x["false_negatives"]) for x in lines) == gsr["micro"]["fn"]
    assert sum(len(x["false_positives"]) for x in lines) == gsr["micro"]["fp"]

    out = capsys.readouterr().out
    assert "PLOVER gsr-dev" in out
    assert re.search(r"^micro +5 ", out, re.MULTILINE)
    assert "Seed gold" in out
    assert "/10, must_not_find violations" in out


def test_main_reports_a_missing_input_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.json"
    assert main(["--gsr", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err == f"events.py: error: gsr gold not found: {missing}\n"


@pytest.mark.slow
def test_events_script_runs_as_a_command(tmp_path: Path) -> None:
    summary = tmp_path / "events.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "eval" / "events.py"), "--limit", "2", "--json", str(summary)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(summary.read_text(encoding="utf-8"))["gsr"]["sentences"] == 2
    assert re.search(r"^micro +2 ", result.stdout, re.MULTILINE)
