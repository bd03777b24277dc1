"""The CASE 2021 scorer (eval/case2021.py): the reader, exact arithmetic on hand-built records,
then a slice through the real pipeline."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eval.case2021 import (
    DEFAULT_DATA,
    NOT_SCORED,
    PUBLISHED,
    RULES,
    SOURCE,
    Snippet,
    case_articles,
    error_lines,
    format_score,
    main,
    outcome_of,
    parse_snippets,
    read_snippets,
    score_snippets,
)
from eval.common import EvalInputError
from harmattan.records import Actor, DocumentRecord
from tests.factories import make_event, participant

REPO = Path(__file__).resolve().parents[2]
HEADER = "id\tEventSnippet\tSubType"

CLASH = Snippet(
    "1", "Rebels attacked an army post near Gao and clashed with soldiers.", "ARMED_CLASH"
)
RIOT = Snippet("2", "Protesters marched and stoned shops in the capital.", "MOB_VIOL")
ENVOY = Snippet("3", "The minister condemned the shelling of the border town.", "DIPLO")
QUAKE = Snippet("4", "An earthquake killed twelve people in the hills.", "NATURAL_DISASTER")
BLAST = Snippet(
    "5", "A gas tank exploded at the plant and the army flew in doctors.", "MAN_MADE_DISASTER"
)
GANG = Snippet("6", "Police say the gang shot a rival dealer outside the bar.", "ORG_CRIME")
ARMS = Snippet("7", "Police found a cache of rifles in a farmhouse.", "DISR_WEAP")


def _records(snippets: tuple[Snippet, ...], events: dict[str, list[str]]) -> list[DocumentRecord]:
    """One record per snippet, holding an event of each listed type (keyed by snippet id)."""
    records = []
    for snippet, art in zip(snippets, case_articles(snippets), strict=True):
        made = tuple(
            dataclasses.replace(make_event(art, trigger=(0, 5), type=t), id=f"{art.id}-{i}")
            for i, t in enumerate(events.get(snippet.id, []))
        )
        records.append(DocumentRecord(article=art, events=made))
    return records


def _one(snippet: Snippet, *types: str) -> tuple[bool, bool, tuple[str, ...]]:
    (record,) = _records((snippet,), {snippet.id: list(types)})
    outcome = outcome_of(snippet, record)
    assert outcome is not None
    return outcome.found, outcome.missed, outcome.false_alarms


# --- reading -------------------------------------------------------------------------


def test_parse_snippets_reads_rows_and_keeps_quotes_as_text() -> None:
    text = (
        f"{HEADER}\n"
        '64\t  The Council condemned the "flagrant" test.  \tDIPLO\r\n'
        "\n"
        '66\t"Peaceful March" held downtown\tPEACE_PROTEST\n'
    )
    assert parse_snippets(text, "t.tsv") == (
        Snippet("64", 'The Council condemned the "flagrant" test.', "DIPLO"),
        Snippet("66", '"Peaceful March" held downtown', "PEACE_PROTEST"),
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "id\tSnippet\tSubType\n1\tx\tDIPLO\n",
            r"^t\.tsv line 1: expected the header id<TAB>EventSnippet<TAB>SubType, "
            r"found 'id\\tSnippet",
        ),
        (
            f"{HEADER}\n1\tRebels attacked.\tARMED_CLASH\n2\tRebels attacked. ARMED_CLASH\n",
            r"^t\.tsv line 3: expected 3 tab-separated fields "
            r"\(id, EventSnippet, SubType\), found 2$",
        ),
        (
            f"{HEADER}\n1\tRebels attacked.\tBATTLE\n",
            r"^t\.tsv line 2 \(id 1\): SubType 'BATTLE' is not in the scoring table",
        ),
        (f"{HEADER}\n1\t   \tDIPLO\n", r"^t\.tsv line 2 \(id 1\): empty EventSnippet$"),
        (f"{HEADER}\n\tA text.\tDIPLO\n", r"^t\.tsv line 2: empty id$"),
        (f"{HEADER}\n1\tOne.\tDIPLO\n1\tTwo.\tDIPLO\n", r"^t\.tsv line 3: id '1' appears twice$"),
        (f"{HEADER}\n\n", r"^t\.tsv has no snippets$"),
    ],
)
def test_parse_snippets_rejects_a_malformed_file_with_its_line(body: str, message: str) -> None:
    with pytest.raises(EvalInputError, match=message):
        parse_snippets(body, "t.tsv")


def test_parse_snippets_knows_every_subtype_of_the_dev_file() -> None:
    snippets = read_snippets(DEFAULT_DATA, None)
    assert len(snippets) == 510
    assert {s.subtype for s in snippets} == set(RULES) | set(NOT_SCORED)
    assert len(RULES) == 27
    assert [s.id for s in read_snippets(DEFAULT_DATA, 3)] == ["2", "4", "6"]


def test_case_articles_use_the_fixed_date_and_source() -> None:
    (art,) = case_articles((CLASH,))
    assert (art.id, art.published, art.source, art.text) == (
        "case2021-1",
        PUBLISHED,
        SOURCE,
        CLASH.text,
    )


# --- scoring -------------------------------------------------------------------------


def test_outcome_of_finds_an_accepted_type() -> None:
    assert _one(RIOT, "PROTEST") == (True, False, ())
    assert _one(RIOT, "ASSAULT", "ASSAULT") == (True, False, ())
    assert _one(ARMS, "COERCE") == (True, False, ())
    assert _one(ARMS) == (False, True, ())


def test_outcome_of_counts_every_other_type_once_as_a_false_alarm() -> None:
    assert _one(CLASH, "ASSAULT", "REQUEST", "REQUEST", "COERCE") == (
        True,
        False,
        ("COERCE", "REQUEST"),
    )
    assert _one(ARMS, "ASSAULT") == (False, True, ("ASSAULT",))


def test_outcome_of_exempts_diplo_from_false_alarms() -> None:
    assert _one(ENVOY, "ACCUSE", "ASSAULT") == (True, False, ())
    assert _one(ENVOY, "SANCTION") == (True, False, ())
    assert _one(ENVOY, "ASSAULT", "AID") == (False, True, ())


def test_outcome_of_ignores_an_unscored_subtype() -> None:
    (record,) = _records((GANG,), {GANG.id: ["ASSAULT"]})
    assert outcome_of(GANG, record) is None


def test_score_snippets_computes_precision_recall_and_f1() -> None:
    snippets = (CLASH, RIOT, ENVOY, ARMS, GANG, QUAKE)
    events = {
        CLASH.id: ["ASSAULT", "REQUEST"],
        RIOT.id: ["PROTEST", "ASSAULT"],
        ENVOY.id: ["ASSAULT"],
        ARMS.id: ["THREATEN"],
        GANG.id: ["ASSAULT", "ACCUSE"],
        QUAKE.id: ["ASSAULT"],
    }
    score = score_snippets(snippets, _records(snippets, events))

    assert (score.snippets, len(score.outcomes), score.not_scored) == (6, 5, (("ORG_CRIME", 1),))
    # TP: CLASH, RIOT. FN: ENVOY, ARMS. FP: REQUEST (CLASH), THREATEN (ARMS), ASSAULT (QUAKE).
    assert (score.tp, score.fn, score.fp) == (2, 2, 3)
    assert (score.precision, score.recall, score.f1) == pytest.approx((0.4, 0.5, 4 / 9))
    rows = {
        s.rule.subtype: (s.snippets, s.to_find, s.found, s.recall, s.false_alarms)
        for s in score.per_subtype
    }
    assert rows == {
        "ARMED_CLASH": (1, 1, 1, 1.0, 1),
        "MOB_VIOL": (1, 1, 1, 1.0, 0),
        "DISR_WEAP": (1, 1, 0, 0.0, 1),
        "DIPLO": (1, 1, 0, 0.0, 0),
        "NATURAL_DISASTER": (1, 0, 0, None, 1),
    }
    assert score.false_alarms_per_type == (("REQUEST", 1), ("THREATEN", 1), ("ASSAULT", 1))


def test_score_snippets_reports_the_disaster_false_alarm_share() -> None:
    ferry = Snippet(
        "8", "A ferry sank off the coast and the navy rescued forty.", "MAN_MADE_DISASTER"
    )
    snippets = (QUAKE, BLAST, ferry)
    events = {QUAKE.id: ["ASSAULT", "AID"], BLAST.id: ["AID"], ferry.id: ["COERCE", "MOBILIZE"]}
    score = score_snippets(snippets, _records(snippets, events))

    assert (score.disaster.snippets, score.disaster.with_material_conflict) == (3, 2)
    assert score.disaster.share == pytest.approx(2 / 3)
    assert [(n, d.snippets, d.with_material_conflict) for n, d in score.disaster_per_subtype] == [
        ("NATURAL_DISASTER", 1, 1),
        ("MAN_MADE_DISASTER", 2, 1),
    ]
    # AID on a disaster is neither found nor a false alarm; nothing is there to find.
    assert [o.false_alarms for o in score.outcomes] == [("ASSAULT",), (), ("COERCE", "MOBILIZE")]
    assert (score.tp, score.fn, score.fp, score.precision, score.recall) == (0, 0, 3, 0.0, 0.0)
    assert score.to_dict()["disaster"]["per_subtype"]["MAN_MADE_DISASTER"]["share"] == 0.5


def test_score_snippets_rejects_records_of_other_snippets() -> None:
    (stray,) = _records((CLASH,), {})
    with pytest.raises(EvalInputError, match="case2021-1 is not one of the snippets"):
        score_snippets((RIOT,), [stray])
    with pytest.raises(EvalInputError, match=r"1 snippets have no document record, e\.g\. id 2"):
        score_snippets((CLASH, RIOT), [stray])


def test_error_lines_list_missed_and_false_alarm_snippets_with_their_events() -> None:
    snippets = (CLASH, RIOT, ENVOY, QUAKE, GANG)
    records = _records(
        snippets,
        {CLASH.id: ["ASSAULT"], RIOT.id: ["ASSAULT", "ACCUSE"], QUAKE.id: ["ASSAULT"]},
    )
    art = records[1].article
    rebels = Actor(id="rebels", name="protesters", country=None, sector="OPP")
    accuse = dataclasses.replace(
        records[1].events[1], actors=(participant(art, "Protesters", rebels),)
    )
    records[1] = dataclasses.replace(records[1], events=(records[1].events[0], accuse))
    lines = list(error_lines(score_snippets(snippets, records)))

    assert [(x["id"], x["subtype"], x["missed"], x["false_alarms"]) for x in lines] == [
        ("2", "MOB_VIOL", False, ["ACCUSE"]),
        ("3", "DIPLO", True, []),
        ("4", "NATURAL_DISASTER", False, ["ASSAULT"]),
    ]
    assert lines[0]["text"] == RIOT.text
    assert lines[0]["accepted"] == ["PROTEST", "ASSAULT"]
    assert lines[0]["events"][1] == {
        "type": "ACCUSE",
        "mode": None,
        "factuality": "asserted",
        "trigger": "Prote",
        "actors": [{"text": "Protesters", "country": None, "sector": "OPP"}],
        "recipients": [],
    }
    assert json.loads(json.dumps(lines)) == lines


def test_format_score_prints_the_overall_line_and_one_row_per_subtype() -> None:
    snippets = (CLASH, ENVOY, QUAKE, GANG)
    score = score_snippets(snippets, _records(snippets, {CLASH.id: ["ASSAULT", "COERCE"]}))
    out = format_score(score, "t.tsv")
    assert out.startswith("CASE 2021 (t.tsv): 4 snippets, 3 scored (not scored: ORG_CRIME 1)")
    assert "found 1 of 2 snippets with an accepted type, 1 false alarms" in out
    assert "precision 0.500  recall 0.500  F1 0.500" in out
    assert re.search(r"^\| ARMED_CLASH +\| +1 \| +1 \| +1\.000 \| +1 \| ASSAULT +\|$", out, re.M)
    assert re.search(r"^\| DIPLO +\| +0 \| +1 \| +0\.000 \| +– \| any verbal type", out, re.M)
    assert re.search(r"^\| NATURAL_DISASTER +\| +– \| +1 \| +– \| +0 \| none", out, re.M)
    assert "disaster snippets yielding PROTEST/SANCTION/MOBILIZE/COERCE/ASSAULT: 0 of 1" in out
    assert re.search(r"^\| COERCE +\| +1 \|$", out, re.M)


# --- the command ---------------------------------------------------------------------


def test_main_scores_a_slice_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary, errors = tmp_path / "case2021.json", tmp_path / "errors.jsonl"
    argv = ["--limit", "15", "--json", str(summary), "--errors", str(errors)]
    assert main(argv) == 0

    first = read_snippets(DEFAULT_DATA, 15)
    data = json.loads(summary.read_text(encoding="utf-8"))
    overall, rows = data["overall"], data["per_subtype"]
    assert data["schema"] == "harmattan.eval.case2021/1"
    assert (data["snippets"], data["scored"], data["not_scored"]) == (15, 15, {})
    assert {name: row["snippets"] for name, row in rows.items()} == {
        name: sum(s.subtype == name for s in first) for name in {s.subtype for s in first}
    }
    assert overall["to_find"] == 13
    assert overall["found"] == sum(row["found"] for row in rows.values())
    assert overall["false_alarms"] == sum(data["false_alarms_per_type"].values())
    assert overall["precision"] == pytest.approx(
        overall["found"] / (overall["found"] + overall["false_alarms"])
    )
    assert overall["recall"] == pytest.approx(overall["found"] / 13)
    assert data["disaster"]["snippets"] == 2

    lines = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    texts = {s.text for s in first}
    assert all(x["text"] in texts and (x["missed"] or x["false_alarms"]) for x in lines)
    assert sum(x["missed"] for x in lines) == 13 - overall["found"]
    assert sum(len(x["false_alarms"]) for x in lines) == overall["false_alarms"]

    out = capsys.readouterr().out
    assert f"CASE 2021 ({DEFAULT_DATA}): 15 snippets, 15 scored (not scored: none)" in out
    assert f"found {overall['found']} of 13 snippets with an accepted type" in out
    assert re.search(r"^\| PEACE_PROTEST +\| +\d \| +2 \|", out, re.M)
    assert "weighted F1 0.839" in out


def test_main_reports_a_malformed_row_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "bad.tsv"
    data.write_text(f"{HEADER}\n7\tRebels attacked.\n", encoding="utf-8")
    assert main(["--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"case2021.py: error: {data} line 2: expected 3 tab-separated fields "
        "(id, EventSnippet, SubType), found 2\n"
    )
    missing = tmp_path / "nope.tsv"
    assert main(["--data", str(missing)]) == 2
    assert capsys.readouterr().err == f"case2021.py: error: case2021 data not found: {missing}\n"


@pytest.mark.slow
def test_case2021_script_runs_as_a_command(tmp_path: Path) -> None:
    summary = tmp_path / "case2021.json"
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "eval" / "case2021.py"),
            "--limit",
            "2",
            "--json",
            str(summary),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(summary.read_text(encoding="utf-8"))["snippets"] == 2
    assert ": 2 snippets, 2 scored" in result.stdout
