"""The toponym scorer (eval/geo.py): the two readers, exact arithmetic, then a slice."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from eval.common import EvalInputError
from eval.geo import (
    DEFAULT_DATA,
    GEOVIRUS,
    GEOVIRUS_PUBLISHED,
    LGL,
    GoldDocument,
    GoldToponym,
    Pair,
    error_lines,
    format_score,
    geo_article,
    haversine_km,
    main,
    match_document,
    match_spans,
    parse_geovirus,
    parse_lgl,
    read_corpora,
    score_documents,
    score_row,
)
from harmattan.records import DocumentRecord, Place, Precision

LGL_XML = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="40450848">
    <title>Alexandria woman charged</title>
    <url>http://example.com/a</url>
    <dltime>2009-03-20 12:24:52.002364-05</dltime>
    <text><![CDATA[Alexandria woman & Rapides Parish <fire> in Kelleyland.]]></text>
    <toponyms count="3">
      <toponym><start>0</start><end>10</end><phrase>Alexandria</phrase>
        <gaztag geonameid="4314550"><name>Alexandria</name><fclass>P</fclass>
          <lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym>
      <toponym><start>19</start><end>33</end><phrase>Rapides Parish</phrase>
        <gaztag geonameid="4338356"><name>Rapides Parish</name>
          <lat>31.1669</lat><lon>-92.4835</lon></gaztag></toponym>
      <toponym><start>44</start><end>54</end><phrase>Kelleyland</phrase></toponym>
      <toponym><start>0</start><end>5</end><phrase>Kelley</phrase></toponym>
    </toponyms>
  </article>
  <article docid="41383748">
    <dltime>2009-03-23 13:00:49-05</dltime>
    <text>No places here.</text>
    <toponyms count="0"/>
  </article>
</articles>
"""

GEOVIRUS_XML = """<articles>
    <article>
        <source>https://en.wikinews.org/wiki/Hogs</source>
        <text>Hogs culled in Pandi, Bulacan &amp; Luzon.</text>
        <locations>
            <location><name>Pandi</name><start>16</start><end>21</end>
                <lat>14.87</lat><lon>120.95</lon></location>
            <location><name>Bulacan</name><start>23</start><end>30</end>
                <lat>15</lat><lon>121.08</lon></location>
            <location><name>Luzon</name><start>32</start><end>37</end>
                <lat>16</lat><lon>121</lon></location>
            <location><location><name>Manila</name><start>1</start><end>7</end>
                <lat>14.6</lat><lon>121</lon></location>
                <name>Luzon</name><start>33</start><end>38</end></location>
        </locations>
    </article>
    <article>
        <source>https://en.wikinews.org/wiki/Second</source>
        <text>Second.</text>
        <locations/>
    </article>
</articles>
"""


def _gold(
    text: str, phrase: str, lat: float | None = None, lon: float | None = None
) -> GoldToponym:
    start = text.index(phrase)
    return GoldToponym(phrase, start, start + len(phrase), lat, lon)


def _place(text: str, phrase: str, lat: float | None, lon: float | None) -> Place:
    start = text.index(phrase)
    return Place(
        text=phrase,
        start=start,
        end=start + len(phrase),
        name=phrase,
        geonameid=None,
        country=None,
        admin1=None,
        lat=lat,
        lon=lon,
        feature="P",
        precision=Precision.CITY,
    )


def _document(
    text: str, toponyms: tuple[GoldToponym, ...], doc_id: str = "d1", corpus: str = LGL
) -> GoldDocument:
    return GoldDocument(doc_id, corpus, dt.date(2009, 3, 20), text, toponyms)


def _record(doc: GoldDocument, places: tuple[Place, ...] = ()) -> DocumentRecord:
    return DocumentRecord(article=geo_article(doc), places=places)


# --- the readers -------------------------------------------------------------------


def test_parse_lgl_reads_cdata_dates_and_points() -> None:
    corpus = parse_lgl(LGL_XML)
    first, second = corpus.documents
    assert first.text == "Alexandria woman & Rapides Parish <fire> in Kelleyland."
    assert (first.id, first.published, first.title) == (
        "40450848",
        dt.date(2009, 3, 20),
        "Alexandria woman charged",
    )
    assert [(t.text, t.start, t.end, t.lat, t.lon, t.geonameid) for t in first.toponyms] == [
        ("Alexandria", 0, 10, 31.3113, -92.4451, 4314550),
        ("Rapides Parish", 19, 33, 31.1669, -92.4835, 4338356),
        ("Kelleyland", 44, 54, None, None, None),
        ("Kelley", 0, 5, None, None, None),
    ]
    assert [t.has_point for t in first.toponyms] == [True, True, False, False]
    assert (second.published, second.toponyms) == (dt.date(2009, 3, 23), ())
    assert corpus.offsets_fixed == 0
    assert [(m.document, m.phrase, m.found) for m in corpus.mismatches] == [
        ("40450848", "Kelley", "Alexa")
    ]
    assert [d.id for d in parse_lgl(LGL_XML, limit=1).documents] == ["40450848"]


def test_parse_geovirus_moves_offsets_back_and_counts_them() -> None:
    corpus = parse_geovirus(GEOVIRUS_XML)
    first, second = corpus.documents
    assert first.text == "Hogs culled in Pandi, Bulacan & Luzon."
    assert (first.id, second.id, first.published) == (
        "geovirus-001",
        "geovirus-002",
        GEOVIRUS_PUBLISHED,
    )
    assert first.url == "https://en.wikinews.org/wiki/Hogs"
    assert [(t.text, t.start, t.end, t.lat, t.lon) for t in first.toponyms] == [
        ("Pandi", 15, 20, 14.87, 120.95),
        ("Bulacan", 22, 29, 15.0, 121.08),
        ("Luzon", 32, 37, 16.0, 121.0),  # already right: kept
        ("Luzon", 32, 37, None, None),  # holds a nested location; has no point
        ("Manila", 1, 7, 14.6, 121.0),  # fits neither way: kept and reported
    ]
    assert corpus.offsets_fixed == 3
    assert [(m.phrase, m.start, m.found) for m in corpus.mismatches] == [("Manila", 1, "ogs cu")]


def test_geo_article_keeps_the_text_exactly() -> None:
    doc = parse_geovirus(GEOVIRUS_XML).documents[0]
    article = geo_article(doc)
    assert (article.id, article.text, article.published, article.source) == (
        "geovirus-001",
        doc.text,
        dt.date(2015, 1, 1),
        "GeoVirus (WikiNews)",
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<articles><article>", "lgl.xml is not well-formed XML"),
        ("<articles><article><dltime>x</dltime></article></articles>", "has no docid"),
        ('<articles><article docid="7"><dltime>x</dltime></article></articles>', "LGL 7: <dltime>"),
        (
            '<articles><article docid="7"><dltime>2009-01-01</dltime></article></articles>',
            "LGL 7 has no <text>",
        ),
        (
            '<articles><article docid="7"><dltime>2009-01-01</dltime><text>a</text><toponyms>'
            "<toponym><start>a</start><end>1</end></toponym></toponyms></article></articles>",
            r"LGL 7: <start> is not an integer: 'a'",
        ),
    ],
)
def test_parse_lgl_rejects_malformed_articles(source: str, message: str) -> None:
    with pytest.raises(EvalInputError, match=message):
        parse_lgl(source)


def test_read_corpora_reads_the_named_files(tmp_path: Path) -> None:
    (tmp_path / "lgl.xml").write_text(LGL_XML, encoding="utf-8")
    (tmp_path / "GeoVirus.xml").write_text(GEOVIRUS_XML, encoding="utf-8")
    assert [(c.name, len(c.documents)) for c in read_corpora(tmp_path, limit=1)] == [
        (LGL, 1),
        (GEOVIRUS, 1),
    ]
    assert [c.name for c in read_corpora(tmp_path, (GEOVIRUS,))] == [GEOVIRUS]


def test_read_corpora_reports_missing_data(tmp_path: Path) -> None:
    with pytest.raises(EvalInputError, match="geo data not found"):
        read_corpora(tmp_path / "nope")
    with pytest.raises(EvalInputError, match=r"lgl\.xml cannot be read"):
        read_corpora(tmp_path)


# --- distance, matching and scoring ------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((51.5074, -0.1278), (48.8566, 2.3522), 343.5),  # London - Paris
        ((40.7128, -74.0060), (34.0522, -118.2437), 3935.7),  # New York - Los Angeles
        ((-33.8688, 151.2093), (-37.8136, 144.9631), 713.4),  # Sydney - Melbourne
        ((0.0, 0.0), (0.0, 180.0), 20015.1),  # half the equator
        ((10.0, 20.0), (10.0, 20.0), 0.0),
    ],
)
def test_haversine_km_matches_known_distances(
    a: tuple[float, float], b: tuple[float, float], km: float
) -> None:
    assert haversine_km(*a, *b) == pytest.approx(km, abs=1.0)
    assert haversine_km(*b, *a) == pytest.approx(km, abs=1.0)


def test_match_spans_finds_a_maximum_one_to_one_matching() -> None:
    # Gold A overlaps system X most, but X is B's only partner: A must take Y.
    assert match_spans([(0, 10), (11, 14)], [(2, 12), (0, 1)]) == ((0, 1), (1, 0))
    # A gold span is paired once; the identical span is preferred.
    assert match_spans([(0, 10)], [(0, 4), (3, 10), (10, 12)]) == ((0, 1),)
    assert match_spans([(5, 10)], [(0, 9), (5, 10)]) == ((0, 1),)
    assert match_spans([(0, 3)], [(3, 6)]) == ()


TEXT = "Officials in Paris, Texas and London met delegates from Sydney, Lyon and Berlin on Monday."
PARIS, LONDON = (48.8566, 2.3522), (51.5074, -0.1278)
GOLD = (
    _gold(TEXT, "Paris, Texas", 33.6609, -95.5555),
    _gold(TEXT, "London", *LONDON),
    _gold(TEXT, "Sydney", -33.8688, 151.2093),
    _gold(TEXT, "Lyon", 45.7640, 4.8357),
    _gold(TEXT, "Berlin"),  # no coordinates: detection only
)
SYSTEM = (
    _place(TEXT, "Paris", *PARIS),  # matched, 7,800 km off: far
    _place(TEXT, "London", 51.5, -0.12),  # matched, within 1 km
    _place(TEXT, "Sydney", None, None),  # matched, no point: a miss for distance
    _place(TEXT, "Berlin", 52.52, 13.405),  # matched, gold has no point: not scored
    _place(TEXT, "Monday", 0.0, 0.0),  # spurious
)


def test_score_row_counts_detection_distance_and_end_to_end() -> None:
    row = score_row(LGL, [match_document(_document(TEXT, GOLD), SYSTEM)])
    assert (row.documents, row.gold, row.gold_with_point, row.system) == (1, 5, 4, 5)
    assert (row.detection.correct, row.detection.precision, row.detection.recall) == (4, 0.8, 0.8)
    assert row.detection.f1 == pytest.approx(0.8)
    assert (row.matched_with_point, row.unresolved, row.within) == (3, 1, 1)
    assert row.accuracy == pytest.approx(1 / 3)
    assert row.end_to_end == pytest.approx(1 / 4)
    paris_tx = haversine_km(33.6609, -95.5555, *PARIS)
    london = haversine_km(*LONDON, 51.5, -0.12)
    assert paris_tx == pytest.approx(7800, abs=50)
    assert row.distances == pytest.approx((paris_tx, london))
    assert row.mean_km == pytest.approx((paris_tx + london) / 2)
    assert row.median_km == pytest.approx((paris_tx + london) / 2)


def test_pair_without_a_point_has_no_distance_and_is_not_resolved() -> None:
    pair = Pair(GOLD[2], SYSTEM[2])
    assert (pair.distance_km, pair.resolved) == (None, False)
    assert Pair(GOLD[1], SYSTEM[1]).resolved


def test_score_documents_reports_zeros_when_nothing_is_produced() -> None:
    doc = _document(TEXT, GOLD)
    row = score_documents([doc], [_record(doc)]).row(LGL)
    assert (row.gold, row.gold_with_point, row.system) == (5, 4, 0)
    assert (row.detection.f1, row.accuracy, row.end_to_end) == (0.0, 0.0, 0.0)
    assert (row.mean_km, row.median_km) == (None, None)


def test_score_documents_adds_a_row_per_corpus() -> None:
    first = _document(TEXT, GOLD)
    second = _document("Lyon.", (_gold("Lyon.", "Lyon", 45.764, 4.8357),), "g1", GEOVIRUS)
    records = [_record(first, SYSTEM), _record(second, (_place("Lyon.", "Lyon", 45.76, 4.84),))]
    score = score_documents([first, second], records)
    assert [(r.label, r.documents, r.gold, r.system) for r in score.rows] == [
        (LGL, 1, 5, 5),
        (GEOVIRUS, 1, 1, 1),
    ]
    assert (score.row(GEOVIRUS).accuracy, score.row(GEOVIRUS).end_to_end) == (1.0, 1.0)


def test_score_documents_rejects_missing_or_foreign_records() -> None:
    doc = _document(TEXT, GOLD)
    with pytest.raises(EvalInputError, match=r"1 gold documents have no record, e\.g\. d1"):
        score_documents([doc], [])
    with pytest.raises(EvalInputError, match="the record of d1 is not of the gold text"):
        score_documents([doc], [_record(_document("Another text.", ()))])


def test_error_lines_list_missed_spurious_unresolved_and_far_in_text_order() -> None:
    doc = _document(TEXT, GOLD)
    score = score_documents([doc], [_record(doc, SYSTEM[:3] + SYSTEM[4:])])
    lines = list(error_lines(score))
    assert [
        (x["kind"], (x["gold"] or {}).get("text"), (x["system"] or {}).get("text")) for x in lines
    ] == [
        ("far", "Paris, Texas", "Paris"),
        ("unresolved", "Sydney", "Sydney"),
        ("missed", "Lyon", None),
        ("missed", "Berlin", None),
        ("spurious", None, "Monday"),
    ]
    assert lines[0]["context"] == (
        "Officials in [[Paris, Texas]] and London met delegates from Sydney, Lyon and Berlin on Mo"
    )
    assert lines[0]["distance_km"] == pytest.approx(7800, abs=50)
    assert lines[1]["distance_km"] is None
    assert json.loads(json.dumps(lines)) == lines


def test_format_score_prints_the_table_the_published_rows_and_the_target() -> None:
    doc = _document(TEXT, GOLD)
    out = format_score(score_documents([doc], [_record(doc, SYSTEM)]), "here")
    lines = out.splitlines()
    assert lines[0] == (
        "LGL (here): 1 documents, 5 gold toponyms (4 with coordinates), 5 system places"
    )
    assert re.search(
        r"^\| LGL +\| docs \| gold \| sys \| det P \| det R \| det F1 \| acc@161 \| mean km "
        r"\| median km \| end to end \|$",
        out,
        re.M,
    )
    assert (
        "| harmattan |    1 |    5 |   5 | 0.800 | 0.800 |  0.800 |   0.333 |    3892 |      3892 "
        "|      0.250 |"
    ) in lines
    assert re.search(r"^\| naive baseline +\| 0\.430 \| +0\.700 \| +0\.300 \| raw text", out, re.M)
    assert re.search(
        r"^\| CamCoder +\| +\| +0\.760 \| +\| acc@161 with gold toponyms given", out, re.M
    )
    assert re.search(r"^\| Mordecai3 +\| 0\.680 \| +\| +0\.586 \|", out, re.M)
    assert re.search(
        r"^\| harmattan target +\| +\| >= 0\.800 \| +>= 0\.600 \| acceptance", out, re.M
    )


# --- the command ------------------------------------------------------------------------


def test_main_scores_the_first_articles_of_each_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary, errors = tmp_path / "geo.json", tmp_path / "errors.jsonl"
    argv = ["--limit", "2", "--json", str(summary), "--errors", str(errors)]
    assert main(argv) == 0

    corpora = read_corpora(DEFAULT_DATA, limit=2)
    n_gold = {c.name: sum(len(d.toponyms) for d in c.documents) for c in corpora}
    out = capsys.readouterr().out
    assert out.startswith(f"LGL ({DEFAULT_DATA}): 2 documents, {n_gold[LGL]} gold toponyms")
    assert f"GeoVirus ({DEFAULT_DATA}): 2 documents, {n_gold[GEOVIRUS]} gold toponyms" in out
    for label in ("LGL", "GeoVirus"):
        assert re.search(
            rf"^\| {label} +\| docs \| gold \| sys \| det P .* end to end \|$", out, re.M
        )
    assert len(re.findall(r"^\| harmattan +\| +2 \|", out, re.M)) == 2
    assert len(re.findall(r"^\| published / target +\| det R \| +acc@161 \|", out, re.M)) == 2

    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["schema"] == "harmattan.eval.geo/1"
    assert list(data["rows"]) == [LGL, GEOVIRUS]
    assert [(data["rows"][c]["documents"], data["rows"][c]["gold"]) for c in (LGL, GEOVIRUS)] == [
        (2, n_gold[LGL]),
        (2, n_gold[GEOVIRUS]),
    ]
    assert data["gold"][GEOVIRUS]["offsets_fixed"] == n_gold[GEOVIRUS]
    lines = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    for c in (LGL, GEOVIRUS):
        detection = data["rows"][c]["detection"]
        missed = sum(x["kind"] == "missed" and x["corpus"] == c for x in lines)
        assert missed == detection["gold"] - detection["correct"]


def test_main_reports_missing_data_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope"
    assert main(["--data", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"geo.py: error: geo data not found: {missing} (expected lgl.xml, GeoVirus.xml)\n"
    )


def test_the_gold_files_slice_to_their_phrases() -> None:
    lgl, geovirus = read_corpora(DEFAULT_DATA)
    assert (len(lgl.documents), len(geovirus.documents)) == (588, 229)
    assert sum(len(d.toponyms) for d in lgl.documents) == 5088
    assert sum(t.has_point for d in lgl.documents for t in d.toponyms) == 4462
    assert sum(len(d.toponyms) for d in geovirus.documents) == 2170  # one nested location
    assert (geovirus.offsets_fixed, lgl.mismatches, geovirus.mismatches) == (2170, (), ())
