"""The WikiEvents scorer (eval/wikievents.py): gold reading and exact counts on hand-built
records, then a slice of the real file through the real pipeline."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from eval.common import EvalInputError
from eval.wikievents import (
    DEFAULT_DATA,
    KAIROS_TO_PLOVER,
    PUBLISHED,
    SCORED_TYPES,
    GoldArticle,
    GoldSentence,
    error_lines,
    locate_trigger,
    main,
    parse_article,
    parse_lines,
    plover_type,
    read_gold,
    rebuild_text,
    score_articles,
    wikievents_article,
)
from harmattan.records import Actor, DocumentRecord
from tests.factories import make_event, participant

ARRESTS = "Police arrested two men after the bombing in Kabul."
KILLINGS = "Gunmen killed five people, and a bomb killed two more."
ATTACKS = "The Taliban attacked a checkpoint and militants attacked a base."
MEETING = "Officials met in Doha."
MARCH = "Protesters marched in the capital."
SENTENCES = [ARRESTS, KILLINGS, ATTACKS, MEETING, MARCH]


def _tokens(sentences: list[str]) -> list[list[list[Any]]]:
    """Tokens as the file gives them: offsets into the sentences joined with no space."""
    result, base = [], 0
    for sentence in sentences:
        tokens, at = [], 0
        for word in sentence.split(" "):
            tokens.append([word, base + at, base + at + len(word)])
            at += len(word) + 1
        result.append(tokens)
        base += len(sentence)
    return result


def _mention(
    kairos_type: str, sent_idx: int, trigger: str, *, nth: int = 0, roles: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A mention whose trigger is the `nth` occurrence of `trigger` among its sentence's words."""
    words = [s.split(" ") for s in SENTENCES]
    width = len(trigger.split(" "))
    hits = [
        k
        for k in range(len(words[sent_idx]))
        if words[sent_idx][k : k + width] == trigger.split(" ")
    ]
    start = sum(len(w) for w in words[:sent_idx]) + hits[nth]
    return {
        "id": f"kabul-E{sent_idx}{nth}{trigger}",
        "event_type": kairos_type,
        "trigger": {"start": start, "end": start + width, "text": trigger, "sent_idx": sent_idx},
        "arguments": [{"entity_id": "x", "role": r, "text": r.lower()} for r in roles],
    }


MENTIONS = [
    _mention("Justice.ArrestJailDetain.Unspecified", 0, "arrested", roles=("Jailer",)),
    _mention("Conflict.Attack.DetonateExplode", 0, "bombing"),
    _mention("Life.Die.Unspecified", 1, "killed", roles=("Killer", "Victim")),
    _mention("Life.Die.Unspecified", 1, "killed", nth=1, roles=("Victim",)),
    _mention("Conflict.Attack.Unspecified", 2, "attacked", roles=("Attacker",)),
    _mention("Conflict.Attack.Unspecified", 2, "attacked", nth=1, roles=("Attacker",)),
    _mention("Contact.Contact.Meet", 3, "met", roles=("Participant",)),
]


def _raw(mentions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    tokens = _tokens(SENTENCES)
    return {
        "doc_id": "kabul",
        "tokens": [t[0] for sentence in tokens for t in sentence],
        "text": "".join(SENTENCES),
        "sentences": [[t, s] for t, s in zip(tokens, SENTENCES, strict=True)],
        "event_mentions": MENTIONS if mentions is None else mentions,
        "entity_mentions": [],
    }


@pytest.fixture(scope="module")
def gold() -> GoldArticle:
    return parse_article(_raw(), "test line 1")


def _at(gold: GoldArticle, sent_idx: int, word: str, nth: int = 0) -> tuple[int, int]:
    """The span of the `nth` occurrence of `word` in a sentence of the rebuilt text."""
    span = gold.sentences[sent_idx]
    start = span.start - 1
    for _ in range(nth + 1):
        start = gold.text.index(word, start + 1, span.end)
    return start, start + len(word)


def _record(gold: GoldArticle, *events: tuple[int, str, str, int]) -> DocumentRecord:
    """The article's record with events given as (sentence, trigger word, type, occurrence)."""
    art = wikievents_article(gold)
    made = tuple(
        make_event(art, trigger=_at(gold, s, word, nth), type=event_type)
        for s, word, event_type, nth in events
    )
    return DocumentRecord(article=art, events=made)


SCORED_RECORD = (
    (0, "arrested", "COERCE", 0),
    (1, "killed", "ASSAULT", 0),
    (1, "killed", "ASSAULT", 1),
    (2, "attacked", "ASSAULT", 0),
    (3, "met", "AGREE", 0),
    (3, "Officials", "REQUEST", 0),
    (4, "Protesters", "PROTEST", 0),
    (4, "marched", "PROTEST", 0),
)


def test_rebuild_text_joins_sentences_with_single_spaces() -> None:
    text, spans = rebuild_text(["Bombs hit Kabul.", "Two died. ", "Police came."])
    assert text == "Bombs hit Kabul. Two died.  Police came."
    assert spans == (GoldSentence(0, 16), GoldSentence(17, 27), GoldSentence(28, 40))
    assert [text[s.start : s.end] for s in spans] == [
        "Bombs hit Kabul.",
        "Two died. ",
        "Police came.",
    ]


def test_parse_article_rebuilds_the_text_and_locates_triggers_in_their_sentences(
    gold: GoldArticle,
) -> None:
    assert gold.id == "kabul"
    assert gold.text == " ".join(SENTENCES)
    assert [gold.text[s.start : s.end] for s in gold.sentences] == SENTENCES
    assert [(m.sentence, gold.text[m.start : m.end]) for m in gold.mentions] == [
        (0, "arrested"),
        (0, "bombing"),
        (1, "killed"),
        (1, "killed"),
        (2, "attacked"),
        (2, "attacked"),
        (3, "met"),
    ]
    # The file's token offsets pick the second "killed" and "attacked" of a sentence.
    second_killed = gold.sentences[1].start + KILLINGS.rindex("killed")
    assert (gold.mentions[3].start, gold.mentions[3].end) == (second_killed, second_killed + 6)
    assert gold.mentions[5].start == gold.sentences[2].start + ATTACKS.rindex("attacked")
    assert [a.role for a in gold.mentions[2].arguments] == ["Killer", "Victim"]


def test_locate_trigger_falls_back_to_the_first_occurrence_of_the_text() -> None:
    sentence = "A bomb exploded and a second bomb exploded."
    assert locate_trigger(sentence, "exploded", hint=34) == 34
    assert locate_trigger(sentence, "exploded", hint=3) == 7
    assert locate_trigger(sentence, "exploded") == 7
    assert locate_trigger(sentence, "detonated") is None


@pytest.mark.parametrize(
    ("kairos_type", "roles", "expected"),
    [
        ("Conflict.Attack.DetonateExplode", (), "ASSAULT"),
        ("Conflict.Attack.Unspecified", ("Attacker",), "ASSAULT"),
        ("ArtifactExistence.DamageDestroyDisableDismantle.Destroy", (), "ASSAULT"),
        ("Life.Die.Unspecified", ("Killer", "Victim"), "ASSAULT"),
        ("Life.Die.Unspecified", ("Victim", "Place"), None),
        ("Life.Injure.Unspecified", ("Injurer",), "ASSAULT"),
        ("Life.Injure.Unspecified", ("Killer", "Victim"), None),
        ("Justice.ArrestJailDetain.Unspecified", (), "COERCE"),
        ("Justice.ChargeIndict.Unspecified", (), "ACCUSE"),
        ("Justice.InvestigateCrime.Unspecified", (), "ACCUSE"),
        ("Justice.Sentence.Unspecified", (), "SANCTION"),
        ("Justice.Convict.Unspecified", (), "SANCTION"),
        ("Contact.ThreatenCoerce.Broadcast", (), "THREATEN"),
        ("Contact.Contact.Meet", (), "CONSULT"),
        ("Contact.Meet.Unspecified", (), "CONSULT"),
        ("Contact.Contact.Unspecified", (), None),
        ("Contact.Contact.Broadcast", (), None),
        ("Contact.RequestCommand.Meet", (), "REQUEST"),
        ("Conflict.Demonstrate.DemonstrateWithViolence", (), "PROTEST"),
        ("Justice.TrialHearing.Unspecified", (), None),
        ("Movement.Transportation.Unspecified", (), None),
        ("Conflict.Attacker.Unspecified", (), None),
    ],
)
def test_plover_type_maps_kairos_types_by_prefix_and_required_role(
    kairos_type: str, roles: tuple[str, ...], expected: str | None
) -> None:
    assert plover_type(kairos_type, roles) == expected


def test_scored_types_are_the_plover_types_of_the_table() -> None:
    assert set(SCORED_TYPES) == {rule.plover for rule in KAIROS_TO_PLOVER}
    assert len(SCORED_TYPES) == 8


def test_wikievents_article_uses_the_placeholder_date_and_source(gold: GoldArticle) -> None:
    art = wikievents_article(gold)
    assert (art.id, art.published, art.source, art.text) == (
        "kabul",
        PUBLISHED,
        "WikiEvents",
        gold.text,
    )


def test_score_articles_finds_a_mention_by_an_event_of_its_type_in_its_sentence(
    gold: GoldArticle,
) -> None:
    score = score_articles([gold], [_record(gold, *SCORED_RECORD)])
    coerce, consult = score.type_counts("COERCE"), score.type_counts("CONSULT")
    assert (coerce.gold, coerce.found, coerce.predicted, coerce.correct) == (1, 1, 1, 1)
    assert (consult.gold, consult.found, consult.recall) == (1, 0, 0.0)
    found = {(o.index, m.trigger): o.found(m) for o in score.sentences for m in o.gold}
    assert found == {
        (0, "arrested"): True,
        (0, "bombing"): False,
        (1, "killed"): None,  # the Killer-less one is not scored; the other is found
        (2, "attacked"): True,
        (3, "met"): False,
    }


def test_score_articles_counts_every_duplicate_without_pairing(gold: GoldArticle) -> None:
    score = score_articles([gold], [_record(gold, *SCORED_RECORD)])
    assault = score.type_counts("ASSAULT")
    # One event finds both "attacked" mentions; two events beside one Killer mention are
    # both correct; the Killer-less "killed" is no gold.
    assert (assault.gold, assault.found, assault.predicted, assault.correct) == (4, 3, 3, 3)
    assert (assault.recall, assault.precision) == pytest.approx((0.75, 1.0))


def test_score_articles_counts_an_event_without_gold_of_its_type_as_a_false_alarm(
    gold: GoldArticle,
) -> None:
    score = score_articles([gold], [_record(gold, *SCORED_RECORD)])
    protest, request = score.type_counts("PROTEST"), score.type_counts("REQUEST")
    assert (protest.gold, protest.predicted, protest.correct, protest.precision) == (0, 2, 0, 0.0)
    assert (request.gold, request.predicted, request.correct, request.f1) == (0, 1, 0, 0.0)
    assert [e.trigger.text for o in score.sentences for e in o.false_alarms] == [
        "Officials",
        "Protesters",
        "marched",
    ]
    total = score.total
    assert (total.gold, total.found, total.predicted, total.correct) == (6, 4, 7, 4)
    assert (total.recall, total.precision, total.f1) == pytest.approx((2 / 3, 4 / 7, 8 / 13))


def test_score_articles_ignores_events_of_unscored_types(gold: GoldArticle) -> None:
    score = score_articles([gold], [_record(gold, *SCORED_RECORD)])
    meeting = score.sentences[3]
    assert [(e.type, meeting.correct(e)) for e in meeting.predicted] == [
        ("AGREE", None),
        ("REQUEST", False),
    ]
    assert "AGREE" not in {t.type for t in score.per_type}
    assert (score.events, score.total.predicted) == (8, 7)
    assert score.unscored == (("Life.Die.Unspecified", 1),)
    assert score.gold_mentions == 7


def test_score_articles_places_events_by_trigger_offset_not_harmattan_sentence(
    gold: GoldArticle,
) -> None:
    record = _record(gold, (2, "attacked", "ASSAULT", 1))
    # make_event gives every event the whole text as its sentence; the trigger decides.
    assert (record.events[0].sentence.start, record.events[0].sentence.end) == (0, len(gold.text))
    score = score_articles([gold], [record])
    assert [len(o.predicted) for o in score.sentences] == [0, 0, 1, 0, 0]
    assert score.type_counts("ASSAULT").found == 2


def test_score_articles_reports_per_kairos_type_recall(gold: GoldArticle) -> None:
    score = score_articles([gold], [_record(gold, *SCORED_RECORD)])
    assert [(k.kairos_type, k.plover_type, k.gold, k.found) for k in score.per_kairos] == [
        ("Contact.Contact.Meet", "CONSULT", 1, 0),
        ("Justice.ArrestJailDetain.Unspecified", "COERCE", 1, 1),
        ("Conflict.Attack.Unspecified", "ASSAULT", 2, 2),
        ("Conflict.Attack.DetonateExplode", "ASSAULT", 1, 0),
        ("Life.Die.Unspecified", "ASSAULT", 1, 1),
    ]


def test_score_articles_rejects_records_that_do_not_match_the_gold(gold: GoldArticle) -> None:
    with pytest.raises(EvalInputError, match="1 gold articles have no document record: kabul"):
        score_articles([gold], [])
    other = parse_article({**_raw(), "doc_id": "other"}, "test line 2")
    with pytest.raises(EvalInputError, match="document record other is not one of the gold"):
        score_articles([gold], [_record(gold), _record(other)])


def test_error_lines_list_each_sentence_with_a_miss_or_a_false_alarm(gold: GoldArticle) -> None:
    record = _record(gold, *SCORED_RECORD)
    police = Actor(id="AFG-COP", name="Afghan police", country="AFG", sector="COP")
    art = record.article
    arrest = make_event(
        art,
        trigger=_at(gold, 0, "arrested"),
        type="COERCE",
        actors=(participant(art, "Police", police),),
    )
    record = DocumentRecord(article=art, events=(arrest, *record.events[1:]))
    lines = list(error_lines(score_articles([gold], [record])))

    assert [(x["sentence"], x["text"], x["missed"], x["false_alarms"]) for x in lines] == [
        (0, ARRESTS, ["ASSAULT"], []),
        (3, MEETING, ["CONSULT"], ["REQUEST"]),
        (4, MARCH, [], ["PROTEST"]),
    ]
    assert lines[0]["article"] == "kabul"
    assert lines[0]["gold"][0] == {
        "id": MENTIONS[0]["id"],
        "kairos_type": "Justice.ArrestJailDetain.Unspecified",
        "plover_type": "COERCE",
        "trigger": "arrested",
        "start": 7,
        "end": 15,
        "arguments": [{"role": "Jailer", "text": "jailer"}],
        "found": True,
    }
    assert lines[0]["predicted"][0]["actors"] == [
        {"text": "Police", "country": "AFG", "sector": "COP"}
    ]
    assert [(e["type"], e["trigger"], e["correct"]) for e in lines[1]["predicted"]] == [
        ("AGREE", "met", None),
        ("REQUEST", "Officials", False),
    ]
    assert json.loads(json.dumps(lines)) == lines


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"data\.jsonl line 2 is not JSON: "),
        ('["kabul"]', r"data\.jsonl line 2 is not a JSON object"),
        ('{"doc_id": "x", "sentences": []}', r"data\.jsonl line 2 \(x\) has no 'sentences' list"),
        (
            '{"doc_id": "x", "sentences": [[[["Hi", 0]], "Hi"]], "event_mentions": []}',
            r"line 2 \(x\): sentence 0 has a token that is not \[text, start, end\]",
        ),
        (
            '{"doc_id": "x", "sentences": [[[], "Hi"]]}',
            r"line 2 \(x\) has no 'event_mentions' list",
        ),
    ],
)
def test_parse_lines_rejects_a_malformed_line_with_its_number(line: str, message: str) -> None:
    good = json.dumps(_raw())
    with pytest.raises(EvalInputError, match=message):
        parse_lines(f"{good}\n{line}\n", "data.jsonl")


def test_parse_lines_rejects_a_trigger_that_is_not_in_its_sentence() -> None:
    mention = _mention("Conflict.Attack.Unspecified", 2, "attacked")
    mention["trigger"]["text"] = "bombed"
    with pytest.raises(
        EvalInputError,
        match=r"data\.jsonl line 1 \(kabul\): event mention kabul-E20attacked: "
        r"trigger 'bombed' is not in sentence 2",
    ):
        parse_lines(json.dumps(_raw([mention])), "data.jsonl")


def test_parse_lines_skips_blank_lines_and_keeps_the_first_n_articles() -> None:
    first, second = _raw(), {**_raw(), "doc_id": "second"}
    content = f"\n{json.dumps(first)}\n\n{json.dumps(second)}\n"
    assert [g.id for g in parse_lines(content, "data.jsonl")] == ["kabul", "second"]
    assert [g.id for g in parse_lines(content, "data.jsonl", limit=1)] == ["kabul"]
    with pytest.raises(EvalInputError, match=r"data\.jsonl holds no articles"):
        parse_lines("\n\n", "data.jsonl")


def test_main_scores_the_first_articles_end_to_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary, errors = tmp_path / "wikievents.json", tmp_path / "errors.jsonl"
    argv = ["--limit", "2", "--json", str(summary), "--errors", str(errors)]
    assert main(argv) == 0

    gold = read_gold(DEFAULT_DATA, limit=2)
    n_sentences = sum(len(g.sentences) for g in gold)
    n_mentions = sum(len(g.mentions) for g in gold)
    n_scored = sum(m.plover_type is not None for g in gold for m in g.mentions)
    out = capsys.readouterr().out
    assert out.startswith(
        f"WikiEvents ({DEFAULT_DATA}): 2 articles, {n_sentences} sentences, "
        f"{n_mentions} gold mentions ({n_scored} scored), "
    )
    assert re.search(r"^\| PLOVER type +\| gold \| found \| +R \| events \| correct \|", out, re.M)
    assert re.search(rf"^\| all +\| +{n_scored} \|", out, re.M)
    assert f"not scored: {n_mentions - n_scored} gold mentions" in out

    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["schema"] == "harmattan.eval.wikievents/1"
    assert (data["articles"], data["sentences"], data["gold_mentions"]) == (
        2,
        n_sentences,
        n_mentions,
    )
    assert list(data["per_type"]) == list(SCORED_TYPES)
    total = data["all"]
    assert total["gold"] == n_scored
    for key in ("gold", "found", "predicted", "correct"):
        assert total[key] == sum(row[key] for row in data["per_type"].values())
    assert total["recall"] == (total["found"] / total["gold"])
    assert total["precision"] == (
        total["correct"] / total["predicted"] if total["predicted"] else 0.0
    )

    lines = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert {x["article"] for x in lines} <= {"road_ied_8", "scenario_en_62"}
    assert all(x["missed"] or x["false_alarms"] for x in lines)
    missed = sum(g["found"] is False for x in lines for g in x["gold"])
    false_alarms = sum(e["correct"] is False for x in lines for e in x["predicted"])
    assert missed == total["gold"] - total["found"]
    assert false_alarms == total["predicted"] - total["correct"]


def test_main_reports_a_malformed_line_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "wikievents.jsonl"
    data.write_text('{"doc_id": "x", "sentences": "none"}\n', encoding="utf-8")
    assert main(["--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert err == f"wikievents.py: error: {data} line 1 (x) has no 'sentences' list\n"


def test_main_reports_missing_data_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.jsonl"
    assert main(["--data", str(missing)]) == 2
    assert (
        capsys.readouterr().err == f"wikievents.py: error: wikievents data not found: {missing}\n"
    )
