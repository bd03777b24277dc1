"""The French scorer (eval/french.py): its rules on hand-built records, the gold files, a run."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest

from eval.common import EvalInputError
from eval.events import ACTOR_COUNTRY, FACTUALITY, RECIPIENT_COUNTRY, covers, seed_checks
from eval.french import (
    DEFAULT_GOLD,
    DEFAULT_SEED,
    DEFAULT_SEED_GOLD,
    SCHEMA,
    main,
    matches,
    parse_gold_line,
    read_gold_set,
    read_seed,
    score_set,
    violates,
)
from harmattan.records import Actor, Article, DocumentRecord, Event, Factuality, Sentence
from tests.factories import article, make_event, participant

REPO = Path(__file__).resolve().parents[2]
ENGLISH_SEED_GOLD = REPO.parent / "shared" / "gold" / "seed-niger-2023-11-07.json"

TEXT = (
    "La CEDEAO a fixé un ultimatum à la junte. "
    "Rien ne prouve que la Russie ait armé les putschistes. "
    "Des manifestants ont attaqué l'ambassade."
)
FIRST = Sentence(0, TEXT.index(" Rien"))
SECOND = Sentence(TEXT.index("Rien"), TEXT.index(" Des"))
THIRD = Sentence(TEXT.index("Des"), len(TEXT))


def _gold_line(**fields: Any) -> dict[str, Any]:
    line: dict[str, Any] = {
        "id": "test-fr",
        "published": "2023-08-01",
        "language": "fr",
        "text": TEXT,
        "events": [
            {
                "id": "E1",
                "quote": "a fixé un ultimatum à la junte",
                "type": "REQUEST",
                "also_ok": ["THREATEN"],
                "actor": {"name": "la CEDEAO", "code": "IGO"},
                "recipient": {"name": "la junte", "code": "NER", "sector": "MIL"},
                "factuality": "asserted",
            },
            {
                "id": "E2",
                "quote": "Des manifestants ont attaqué l'ambassade",
                "type": "PROTEST",
                "factuality": "asserted",
            },
        ],
        "must_not_find": [
            {
                "quote": "Rien ne prouve que la Russie ait armé les putschistes",
                "rule": "no event of type AID/MOBILIZE with factuality 'asserted' whose actor "
                "is Russia (RUS) may come from this sentence",
            }
        ],
    }
    line.update(fields)
    return line


def _article() -> Article:
    return dataclasses.replace(article(TEXT), id="test-fr", language="fr")


def _event(
    art: Article,
    sentence: Sentence,
    type: str,
    factuality: Factuality = Factuality.ASSERTED,
    actor: tuple[str, str, str | None] | None = None,
    recipient: tuple[str, str, str | None] | None = None,
) -> Event:
    def party(spec: tuple[str, str, str | None] | None) -> tuple[Any, ...]:
        if spec is None:
            return ()
        text, country, sector = spec
        return (participant(art, text, Actor(text, text, country, sector)),)

    made = make_event(
        art,
        trigger=(sentence.start, sentence.start + 3),
        type=type,
        factuality=factuality,
        actors=party(actor),
        recipients=party(recipient),
    )
    return dataclasses.replace(made, sentence=sentence, id=f"{type}-{sentence.start}")


def test_covers_needs_the_quote_inside_the_event_sentence() -> None:
    art = _article()
    assert covers(TEXT, _event(art, FIRST, "REQUEST"), "fixé un ultimatum")
    assert not covers(TEXT, _event(art, SECOND, "REQUEST"), "fixé un ultimatum")
    assert not covers(TEXT, _event(art, FIRST, "REQUEST"), "une phrase absente")


def test_matches_accepts_the_gold_type_also_ok_and_legacy_names() -> None:
    gold = parse_gold_line(_gold_line(), "test").events[0]
    art = _article()
    assert matches(TEXT, gold, _event(art, FIRST, "REQUEST"))
    assert matches(TEXT, gold, _event(art, FIRST, "THREATEN"))
    assert matches(TEXT, gold, _event(art, FIRST, "DEMAND"))  # the legacy name of REQUEST
    assert not matches(TEXT, gold, _event(art, FIRST, "ASSAULT"))
    assert not matches(TEXT, gold, _event(art, THIRD, "REQUEST"))


def test_violates_applies_the_type_factuality_and_actor_of_the_rule() -> None:
    rule = parse_gold_line(_gold_line(), "test").forbidden[0]
    assert rule.types == frozenset({"AID", "MOBILIZE"})
    assert (rule.factuality, rule.actor_code) == ("asserted", "RUS")
    art = _article()
    russia = ("Russie", "RUS", None)
    assert violates(TEXT, rule, _event(art, SECOND, "AID", actor=russia))
    assert not violates(TEXT, rule, _event(art, SECOND, "AID", Factuality.NEGATED, actor=russia))
    assert not violates(TEXT, rule, _event(art, SECOND, "ACCUSE", actor=russia))
    assert not violates(TEXT, rule, _event(art, SECOND, "AID"))
    assert not violates(TEXT, rule, _event(art, THIRD, "AID", actor=russia))


def test_a_rule_without_restrictions_forbids_every_event_of_the_sentence() -> None:
    line = _gold_line(
        must_not_find=[{"quote": "Rien ne prouve", "rule": "no event from this sentence"}]
    )
    rule = parse_gold_line(line, "test").forbidden[0]
    assert violates(TEXT, rule, _event(_article(), SECOND, "CONSULT", Factuality.NEGATED))


def test_agreement_swaps_the_parties_when_a_withdrawal_is_coded_as_an_expulsion() -> None:
    text = "Le Mali a obtenu l'éviction de l'armée française."
    line = _gold_line(
        text=text,
        events=[
            {
                "id": "E1",
                "quote": "l'éviction de l'armée française",
                "type": "RETREAT",
                "also_ok": ["SANCTION"],
                "actor": {"name": "l'armée française", "code": "FRA", "sector": "MIL"},
                "recipient": {"name": "le Mali", "code": "MLI"},
                "factuality": "historical",
            }
        ],
        must_not_find=[],
    )
    gold = parse_gold_line(line, "test").events[0]
    art = dataclasses.replace(article(text), language="fr")
    expulsion = _event(
        art,
        Sentence(0, len(text)),
        "SANCTION",
        actor=("Le Mali", "MLI", "GOV"),
        recipient=("armée française", "FRA", "MIL"),
    )
    checks = seed_checks(gold, expulsion)
    assert checks[ACTOR_COUNTRY] is True
    assert checks[RECIPIENT_COUNTRY] is True
    assert checks[FACTUALITY] is False


def test_score_set_counts_found_correct_false_alarms_and_violations() -> None:
    gold = parse_gold_line(_gold_line(), "test")
    art = _article()
    events = (
        # E1 twice (both match); the better-agreeing one is scored.
        _event(art, FIRST, "THREATEN", actor=("CEDEAO", "IGO", None)),
        _event(
            art,
            FIRST,
            "REQUEST",
            actor=("CEDEAO", "IGO", None),
            recipient=("junte", "NER", "MIL"),
        ),
        # A false alarm that is also a violation.
        _event(art, SECOND, "MOBILIZE", actor=("Russie", "RUS", None)),
        # E2 with the wrong type: not found, a false alarm.
        _event(art, THIRD, "ASSAULT"),
    )
    score = score_set("test", [gold], [DocumentRecord(article=art, events=events)])
    d = score.detection
    assert (d.found, d.gold, d.correct, d.system) == (1, 2, 2, 4)
    assert d.precision == pytest.approx(0.5)
    assert d.recall == pytest.approx(0.5)
    assert d.f1 == pytest.approx(0.5)
    (article_score,) = score.articles
    assert [o.found for o in article_score.outcomes] == [True, False]
    assert [o.note for o in article_score.outcomes] == ["OK", "types ASSAULT"]
    assert article_score.outcomes[0].matched_type == "REQUEST"
    assert [(v.type, v.factuality) for v in score.violations] == [("MOBILIZE", "asserted")]
    recipient = next(a for a in score.attributes if a.name == RECIPIENT_COUNTRY)
    assert (recipient.n, recipient.correct) == (1, 1)


def test_f1_is_the_harmonic_mean_of_unequal_precision_and_recall() -> None:
    gold = parse_gold_line(_gold_line(), "test")
    art = _article()
    events = (_event(art, FIRST, "REQUEST"), _event(art, THIRD, "PROTEST"))
    score = score_set("test", [gold], [DocumentRecord(article=art, events=events)])
    assert (score.detection.precision, score.detection.recall) == (1.0, 1.0)
    one = score_set(
        "test", [gold], [DocumentRecord(article=art, events=(_event(art, FIRST, "REQUEST"),))]
    )
    assert one.detection.precision == 1.0
    assert one.detection.recall == 0.5
    assert one.detection.f1 == pytest.approx(2 / 3)


def test_events_in_an_optional_sentence_are_neither_right_nor_wrong() -> None:
    line = _gold_line(optional=[{"quote": "Rien ne prouve"}], must_not_find=[])
    gold = parse_gold_line(line, "test")
    art = _article()
    events = (_event(art, FIRST, "REQUEST"), _event(art, SECOND, "CONSULT"))
    score = score_set("test", [gold], [DocumentRecord(article=art, events=events)])
    assert (score.detection.correct, score.detection.system) == (1, 1)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"language": "en"}, "language"),
        ({"text": ""}, "no 'text'"),
        ({"published": "1 août"}, "published"),
        ({"must_not_find": [{"quote": "absent du texte", "rule": "x"}]}, "not in the text"),
    ],
)
def test_parse_gold_line_rejects_malformed_lines(change: dict[str, Any], message: str) -> None:
    with pytest.raises(EvalInputError, match=message):
        parse_gold_line(_gold_line(**change), "test")


# --- the committed gold ------------------------------------------------------------------

# A quote must not run across a sentence end: ". " (or ! ?) followed by a capital, or a
# paragraph break.
_SENTENCE_END = re.compile(r"[.!?]\s+[A-ZÀ-Ý]|\n\n")


def _gold_lines() -> list[dict[str, Any]]:
    text = DEFAULT_GOLD.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line.strip()]


def test_the_gold_set_parses_with_twelve_french_articles_and_about_forty_events() -> None:
    gold = read_gold_set(DEFAULT_GOLD, None)
    assert len(gold) == 12
    assert len({g.id for g in gold}) == 12
    assert 36 <= sum(len(g.events) for g in gold) <= 60
    assert all(80 <= len(g.text.split()) <= 200 for g in gold)
    assert sum(len(g.forbidden) for g in gold) >= 8


def test_every_gold_set_quote_is_once_in_its_text_inside_one_sentence() -> None:
    for line in _gold_lines():
        text = line["text"]
        entries = line["events"] + line["must_not_find"] + line.get("optional", [])
        for entry in entries:
            quote = entry["quote"]
            assert text.count(quote) == 1, (line["id"], quote)
            assert not _SENTENCE_END.search(quote), (line["id"], quote)


def test_gold_set_annotations_use_the_output_vocabulary() -> None:
    factualities = {f.value for f in Factuality}
    for line in _gold_lines():
        for event in line["events"]:
            assert event["factuality"] in factualities
            assert set(event.get("also_ok_factuality", [])) <= factualities
            assert event["date"]["precision"] in {"day", "week", "month", "year", "unknown"}
            for party in (event.get("actor"), event.get("recipient")):
                if party:
                    assert re.fullmatch(r"[A-Z]{3}", party["code"]), party


def test_the_french_seed_reads_as_french_and_its_gold_quotes_are_in_it() -> None:
    seed, gold = read_seed(DEFAULT_SEED, DEFAULT_SEED_GOLD)
    assert seed.language == "fr"
    assert seed.published.isoformat() == "2023-11-07"
    assert seed.text.startswith("La junte militaire nigérienne")
    assert [g.id for g in gold.events] == [f"E{k}" for k in range(1, 11)]
    for quote in [g.quote for g in gold.events] + [f.quote for f in gold.forbidden]:
        assert seed.text.count(quote) == 1
        assert not _SENTENCE_END.search(quote)
    russia = gold.forbidden[0]
    assert (russia.factuality, russia.actor_code) == ("asserted", "RUS")


@pytest.mark.skipif(not ENGLISH_SEED_GOLD.is_file(), reason="../shared is not beside the repo")
def test_the_french_seed_gold_codes_the_same_events_as_the_english_one() -> None:
    english = json.loads(ENGLISH_SEED_GOLD.read_text(encoding="utf-8"))
    french = json.loads(DEFAULT_SEED_GOLD.read_text(encoding="utf-8"))
    keys = ("id", "type", "mode", "also_ok", "factuality", "also_ok_factuality")
    for en, fr in zip(english["must_find"], french["must_find"], strict=True):
        assert {k: en.get(k) for k in keys} == {k: fr.get(k) for k in keys}
        for role in ("actor", "recipient"):
            codes = ("code", "sector", "also_ok_code", "also_ok_sector")
            assert {k: (en.get(role) or {}).get(k) for k in codes} == {
                k: (fr.get(role) or {}).get(k) for k in codes
            }
    assert [r["rule"] for r in english["must_not_find"]] == [
        r["rule"] for r in french["must_not_find"]
    ]


# --- the command line --------------------------------------------------------------------


def test_main_reports_a_missing_gold_file_in_one_line_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--gold", str(tmp_path / "absent.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("french.py: error: French gold not found")
    assert err.count("\n") == 1


@pytest.mark.slow
def test_main_scores_a_slice_and_writes_the_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = tmp_path / "french.json"
    assert main(["--limit", "2", "--json", str(figures)]) == 0
    out = capsys.readouterr().out
    assert "French gold set" in out
    assert re.search(r"found \d+/8 gold events", out)
    assert re.search(r"French seed .*found \d+/10 gold events", out, re.S)
    assert "E10" in out
    data = json.loads(figures.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA
    assert data["gold"]["articles"] == 2
    assert data["seed"]["detection"]["gold"] == 10
