"""Score harmattan's PLOVER event types against the CASE 2021 sub-event classes of news snippets.

    .venv/bin/python eval/case2021.py [--data PATH] [--limit N] [--json FILE] [--errors FILE]

`parse_snippets` reads the tab-separated gold (`id`, `EventSnippet`, `SubType`);
the scoring functions (`outcome_of`, `score_snippets`) are pure: they take that
gold and harmattan's `DocumentRecord`s and return frozen results. `main` does
the reading, the extraction and the printing.

The rule is the one of ../shared/eval/news/README.md ("case2021-dev.tsv"),
held here in `RULES`. Every event harmattan produced for a snippet counts,
whatever its factuality. For a scored snippet:

- it is **found** when some event has one of its SubType's accepted types;
- every other type produced for it is one **false alarm** (two events of one
  type count once). DIPLO snippets have no false alarms. A disaster snippet has
  nothing to find, and only PROTEST, SANCTION, MOBILIZE, COERCE and ASSAULT are
  false alarms there.

Each scored snippet with accepted types has one gold label, its set of accepted
types; harmattan's answer is the set of types it produced, in which the
accepted ones stand for that one label. So, summed over the snippets:
TP = found snippets, FN = snippets with accepted types not found, FP = false
alarms. P = TP / (TP + FP), R = TP / (TP + FN), F1 their harmonic mean: the
micro P/R/F1 of eval/events.py with one gold type per snippet. When harmattan
produces one type per snippet, P is the share of snippets it labelled that it
labelled right, as in the classification F1 published for the task.
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

if __package__ in (None, ""):
    # Run as a script (python eval/x.py): make the repository root importable for eval.common.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.common import (
    EvalInputError,
    OneSetScorer,
    f1_of,
    markdown_table,
    ratio,
)
from harmattan.ingest.base import clean_body
from harmattan.records import Article, DocumentRecord, Event, Participant

SCHEMA = "harmattan.eval.case2021/1"
SOURCE = "CASE 2021"
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_DATA = SHARED / "eval" / "news" / "case2021-dev.tsv"
COLUMNS = ("id", "EventSnippet", "SubType")
# The snippets carry no date. Every one is published on this fixed day, the year
# of the shared task, instead of the clock's; only the time stage and the
# "historical" factuality read it, and neither changes an event's type.
PUBLISHED = dt.date(2021, 1, 1)


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# The scorer keeps its own copy of the ontology (shared/PLOVER.md) so that a
# change to the coder's codebook cannot move the yardstick it is measured with.
PLOVER_TYPES = _names(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT"
)
# What a disaster must not yield: the material-conflict types of the README.
MATERIAL_CONFLICT_TYPES = _names("PROTEST SANCTION MOBILIZE COERCE ASSAULT")
MATERIAL_CONFLICT = frozenset(MATERIAL_CONFLICT_TYPES)
DIPLOMATIC = frozenset(
    _names("CONSULT SUPPORT AGREE ACCUSE REQUEST REJECT SANCTION COOPERATE THREATEN CONCEDE")
)
DISASTERS = _names("NATURAL_DISASTER MAN_MADE_DISASTER")
NOT_SCORED = _names("CHANGE_TO_GROUP_ACT ORG_CRIME OTHER")


class Alarms(enum.Enum):
    """Which produced types are false alarms for a SubType."""

    OTHER_TYPES = "every type not accepted"
    NONE = "none (exempt)"
    MATERIAL_CONFLICT = "PROTEST SANCTION MOBILIZE COERCE ASSAULT"


@dataclass(frozen=True, slots=True)
class Rule:
    """How one SubType is scored: the types that find it and which types are false alarms."""

    subtype: str
    accepted: frozenset[str]
    alarms: Alarms

    def false_alarms(self, produced: Iterable[str]) -> frozenset[str]:
        """The produced types that count as false alarms under this rule."""
        types = frozenset(produced)
        if self.alarms is Alarms.NONE:
            return frozenset()
        if self.alarms is Alarms.MATERIAL_CONFLICT:
            return types & MATERIAL_CONFLICT
        return types - self.accepted


# The table of ../shared/eval/news/README.md, row by row: the SubTypes, the
# PLOVER types that count as found, and which other types are false alarms.
_RULE_TABLE: tuple[tuple[str, Iterable[str], Alarms], ...] = (
    (
        "ARMED_CLASH ATTACK AIR_STRIKE ART_MISS_ATTACK GRENADE SUIC_BOMB REM_EXPLOS CHEM_WEAP "
        "SEX_VIOL ABDUCT_DISSAP ATTRIB",
        _names("ASSAULT"),
        Alarms.OTHER_TYPES,
    ),
    ("MOB_VIOL", _names("ASSAULT PROTEST"), Alarms.OTHER_TYPES),
    ("FORCE_AGAINST_PROTEST PROPERTY_DISTRUCT", _names("ASSAULT COERCE"), Alarms.OTHER_TYPES),
    (
        "GOV_REGAINS_TERIT NON_STATE_ACTOR_OVERTAKES_TER",
        _names("ASSAULT COERCE MOBILIZE"),
        Alarms.OTHER_TYPES,
    ),
    ("PEACE_PROTEST PROTEST_WITH_INTER VIOL_DEMONSTR", _names("PROTEST"), Alarms.OTHER_TYPES),
    ("ARREST DISR_WEAP", _names("COERCE"), Alarms.OTHER_TYPES),
    ("AGREEMENT", _names("AGREE SUPPORT CONCEDE COOPERATE RETREAT"), Alarms.OTHER_TYPES),
    ("NON_VIOL_TERRIT_TRANSFER", _names("RETREAT MOBILIZE"), Alarms.OTHER_TYPES),
    ("HQ_ESTABLISHED", _names("MOBILIZE"), Alarms.OTHER_TYPES),
    # Diplomatic reports name the attacks and protests they react to, so no
    # type produced for them is held against harmattan.
    ("DIPLO", DIPLOMATIC, Alarms.NONE),
    (" ".join(DISASTERS), (), Alarms.MATERIAL_CONFLICT),
)
RULES: Mapping[str, Rule] = MappingProxyType(
    {
        subtype: Rule(subtype, frozenset(accepted), alarms)
        for subtypes, accepted, alarms in _RULE_TABLE
        for subtype in _names(subtypes)
    }
)


# --- the gold ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Snippet:
    """One row of the gold: a news snippet and its CASE 2021 SubType."""

    id: str
    text: str
    subtype: str

    @property
    def article_id(self) -> str:
        """The id of the article the snippet becomes."""
        return f"case2021-{self.id}"


def parse_snippets(text: str, where: str) -> tuple[Snippet, ...]:
    """Typed snippets from the text of a case2021 TSV file; `where` names it in errors."""
    # "\n", not splitlines(): a snippet may hold U+2028 or a form feed, which
    # splitlines() would take for a line end.
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if tuple(lines[0].split("\t")) != COLUMNS:
        raise EvalInputError(
            f"{where} line 1: expected the header {'<TAB>'.join(COLUMNS)}, found {lines[0][:80]!r}"
        )
    snippets: list[Snippet] = []
    seen: set[str] = set()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        snippet = _parse_row(line, f"{where} line {number}")
        if snippet.id in seen:
            raise EvalInputError(f"{where} line {number}: id {snippet.id!r} appears twice")
        seen.add(snippet.id)
        snippets.append(snippet)
    if not snippets:
        raise EvalInputError(f"{where} has no snippets")
    return tuple(snippets)


def _parse_row(line: str, where: str) -> Snippet:
    # Plain tab-separated fields: quotes are part of the text, never field delimiters.
    fields = line.split("\t")
    if len(fields) != len(COLUMNS):
        raise EvalInputError(
            f"{where}: expected {len(COLUMNS)} tab-separated fields ({', '.join(COLUMNS)}), "
            f"found {len(fields)}"
        )
    snippet_id, body, subtype = fields[0].strip(), clean_body(fields[1]), fields[2].strip()
    if not snippet_id:
        raise EvalInputError(f"{where}: empty id")
    if not body:
        raise EvalInputError(f"{where} (id {snippet_id}): empty EventSnippet")
    if subtype not in RULES and subtype not in NOT_SCORED:
        raise EvalInputError(
            f"{where} (id {snippet_id}): SubType {subtype!r} is not in the scoring table "
            "of ../shared/eval/news/README.md"
        )
    return Snippet(snippet_id, body, subtype)


def case_articles(snippets: Sequence[Snippet]) -> tuple[Article, ...]:
    """One article per snippet, in file order."""
    return tuple(
        Article(id=s.article_id, published=PUBLISHED, text=s.text, source=SOURCE) for s in snippets
    )


# --- results -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SnippetOutcome:
    """One scored snippet: its rule and the events harmattan produced for it."""

    snippet: Snippet
    rule: Rule
    events: tuple[Event, ...]

    @property
    def produced_types(self) -> frozenset[str]:
        """The types of the produced events."""
        return frozenset(e.type for e in self.events)

    @property
    def to_find(self) -> bool:
        """Whether the SubType has accepted types (disasters have none)."""
        return bool(self.rule.accepted)

    @property
    def found(self) -> bool:
        """Some produced event has an accepted type."""
        return bool(self.produced_types & self.rule.accepted)

    @property
    def missed(self) -> bool:
        """There was something to find and no event has an accepted type."""
        return self.to_find and not self.found

    @property
    def false_alarms(self) -> tuple[str, ...]:
        """The produced types that are false alarms, sorted."""
        return tuple(sorted(self.rule.false_alarms(self.produced_types)))


@dataclass(frozen=True, slots=True)
class SubTypeScore:
    """Found/total and false alarms over the snippets of one SubType."""

    rule: Rule
    snippets: int
    found: int
    false_alarms: int
    snippets_with_false_alarm: int

    @property
    def to_find(self) -> int:
        """How many of its snippets have something to find (0 for disasters)."""
        return self.snippets if self.rule.accepted else 0

    @property
    def recall(self) -> float | None:
        """found / to_find, or None when there is nothing to find."""
        return self.found / self.to_find if self.to_find else None

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON."""
        return {
            "accepted": [t for t in PLOVER_TYPES if t in self.rule.accepted],
            "false_alarm_rule": self.rule.alarms.value,
            "snippets": self.snippets,
            "to_find": self.to_find,
            "found": self.found,
            "recall": self.recall,
            "false_alarms": self.false_alarms,
            "snippets_with_false_alarm": self.snippets_with_false_alarm,
        }


@dataclass(frozen=True, slots=True)
class DisasterShare:
    """How many disaster snippets yielded a material-conflict event."""

    snippets: int
    with_material_conflict: int

    @property
    def share(self) -> float:
        """with_material_conflict / snippets (0 when there are none)."""
        return ratio(self.with_material_conflict, self.snippets)

    def to_dict(self) -> dict[str, Any]:
        """The share as JSON."""
        return {
            "snippets": self.snippets,
            "with_material_conflict": self.with_material_conflict,
            "share": self.share,
        }


@dataclass(frozen=True, slots=True)
class CaseScore:
    """Everything the scorer reports over one run."""

    outcomes: tuple[SnippetOutcome, ...]
    not_scored: tuple[tuple[str, int], ...]
    per_subtype: tuple[SubTypeScore, ...]
    false_alarms_per_type: tuple[tuple[str, int], ...]
    disaster: DisasterShare
    disaster_per_subtype: tuple[tuple[str, DisasterShare], ...]

    @property
    def snippets(self) -> int:
        """How many snippets were read, scored or not."""
        return len(self.outcomes) + sum(n for _, n in self.not_scored)

    @property
    def tp(self) -> int:
        """Found snippets."""
        return sum(o.found for o in self.outcomes)

    @property
    def fn(self) -> int:
        """Snippets with something to find that were not found."""
        return sum(o.missed for o in self.outcomes)

    @property
    def fp(self) -> int:
        """False alarms: one per snippet and type."""
        return sum(len(o.false_alarms) for o in self.outcomes)

    @property
    def precision(self) -> float:
        """TP / (TP + FP)."""
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """TP / (TP + FN)."""
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return f1_of(self.precision, self.recall)

    def subtype(self, name: str) -> SubTypeScore:
        """The row of one SubType by name."""
        return next(s for s in self.per_subtype if s.rule.subtype == name)

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON (the per-snippet detail goes to the errors file)."""
        return {
            "snippets": self.snippets,
            "scored": len(self.outcomes),
            "not_scored": dict(self.not_scored),
            "overall": {
                "to_find": self.tp + self.fn,
                "found": self.tp,
                "false_alarms": self.fp,
                "snippets_with_false_alarm": sum(bool(o.false_alarms) for o in self.outcomes),
                "tp": self.tp,
                "fp": self.fp,
                "fn": self.fn,
                "precision": self.precision,
                "recall": self.recall,
                "f1": self.f1,
            },
            "per_subtype": {s.rule.subtype: s.to_dict() for s in self.per_subtype},
            "false_alarms_per_type": dict(self.false_alarms_per_type),
            "disaster": {
                **self.disaster.to_dict(),
                "per_subtype": {name: d.to_dict() for name, d in self.disaster_per_subtype},
            },
        }


# --- scoring -------------------------------------------------------------------------


def outcome_of(snippet: Snippet, record: DocumentRecord) -> SnippetOutcome | None:
    """The outcome of one snippet's record, or None when its SubType is not scored."""
    rule = RULES.get(snippet.subtype)
    return None if rule is None else SnippetOutcome(snippet, rule, record.events)


def score_snippets(
    snippets: Sequence[Snippet], document_records: Sequence[DocumentRecord]
) -> CaseScore:
    """Score one document record per snippet against the snippet's SubType rule."""
    by_id = {s.article_id: s for s in snippets}
    records: dict[str, DocumentRecord] = {}
    for record in document_records:
        if record.article.id not in by_id:
            raise EvalInputError(f"document record {record.article.id} is not one of the snippets")
        records[record.article.id] = record
    missing = [s.id for s in snippets if s.article_id not in records]
    if missing:
        raise EvalInputError(
            f"{len(missing)} snippets have no document record, e.g. id {missing[0]}"
        )
    outcomes = tuple(o for s in snippets if (o := outcome_of(s, records[s.article_id])) is not None)
    unscored = Counter(s.subtype for s in snippets if s.subtype not in RULES)
    disasters = {name: _disaster_share(outcomes, (name,)) for name in DISASTERS}
    return CaseScore(
        outcomes=outcomes,
        not_scored=tuple((name, unscored[name]) for name in NOT_SCORED if unscored[name]),
        per_subtype=_subtype_scores(outcomes),
        false_alarms_per_type=_false_alarms_per_type(outcomes),
        disaster=_disaster_share(outcomes, DISASTERS),
        disaster_per_subtype=tuple((n, d) for n, d in disasters.items() if d.snippets),
    )


def _subtype_scores(outcomes: Sequence[SnippetOutcome]) -> tuple[SubTypeScore, ...]:
    # In the order of the README's table, SubTypes absent from the slice left out.
    rows = []
    for name, rule in RULES.items():
        mine = [o for o in outcomes if o.snippet.subtype == name]
        if not mine:
            continue
        rows.append(
            SubTypeScore(
                rule=rule,
                snippets=len(mine),
                found=sum(o.found for o in mine),
                false_alarms=sum(len(o.false_alarms) for o in mine),
                snippets_with_false_alarm=sum(bool(o.false_alarms) for o in mine),
            )
        )
    return tuple(rows)


def _false_alarms_per_type(outcomes: Sequence[SnippetOutcome]) -> tuple[tuple[str, int], ...]:
    counts = Counter(t for o in outcomes for t in o.false_alarms)
    # PLOVER order first; any type outside the ontology the coder emits goes last.
    ordered = [t for t in PLOVER_TYPES if t in counts] + sorted(set(counts) - set(PLOVER_TYPES))
    return tuple((t, counts[t]) for t in ordered)


def _disaster_share(outcomes: Sequence[SnippetOutcome], subtypes: Sequence[str]) -> DisasterShare:
    mine = [o for o in outcomes if o.snippet.subtype in subtypes]
    return DisasterShare(
        snippets=len(mine),
        with_material_conflict=sum(bool(o.produced_types & MATERIAL_CONFLICT) for o in mine),
    )


def error_lines(score: CaseScore) -> Iterable[dict[str, Any]]:
    """One JSON object per scored snippet that was missed or had a false alarm."""
    for o in score.outcomes:
        if not (o.missed or o.false_alarms):
            continue
        yield {
            "id": o.snippet.id,
            "subtype": o.snippet.subtype,
            "text": o.snippet.text,
            "accepted": [t for t in PLOVER_TYPES if t in o.rule.accepted],
            "missed": o.missed,
            "false_alarms": list(o.false_alarms),
            "events": [_event_dict(e) for e in o.events],
        }


def _event_dict(e: Event) -> dict[str, Any]:
    return {
        "type": e.type,
        "mode": e.mode,
        "factuality": e.factuality.value,
        "trigger": e.trigger.text,
        "actors": [_participant_dict(p) for p in e.actors],
        "recipients": [_participant_dict(p) for p in e.recipients],
    }


def _participant_dict(p: Participant) -> dict[str, Any]:
    return {"text": p.text, "country": p.actor.country, "sector": p.actor.sector}


# --- printing ------------------------------------------------------------------------


def format_score(score: CaseScore, source: str) -> str:
    """The overall line, the per-SubType and per-type tables, and the disaster share."""
    skipped = ", ".join(f"{name} {n}" for name, n in score.not_scored) or "none"
    d = score.disaster
    lines = [
        f"CASE 2021 ({source}): {score.snippets} snippets, {len(score.outcomes)} scored "
        f"(not scored: {skipped})",
        "",
        f"found {score.tp} of {score.tp + score.fn} snippets with an accepted type, "
        f"{score.fp} false alarms",
        f"precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}",
        "",
        *markdown_table(
            [
                ("SubType", "found", "total", "recall", "false alarms", "accepted types"),
                *(_subtype_cells(s) for s in score.per_subtype),
            ],
            left=(0, 5),
        ),
        "",
        f"disaster snippets yielding {'/'.join(MATERIAL_CONFLICT_TYPES)}: "
        f"{d.with_material_conflict} of {d.snippets} ({d.share:.3f})",
        *(
            f"  {name}: {s.with_material_conflict} of {s.snippets}"
            for name, s in score.disaster_per_subtype
        ),
    ]
    if score.false_alarms_per_type:
        lines += [
            "",
            *markdown_table(
                [
                    ("false alarm type", "snippets"),
                    *((t, str(n)) for t, n in score.false_alarms_per_type),
                ]
            ),
        ]
    lines += [
        "",
        "Published (../shared/eval/news/README.md): the best shared-task system, a supervised",
        "classifier on the 25 fine classes, weighted F1 0.839 (harder task, with training data).",
    ]
    return "\n".join(lines)


def _subtype_cells(s: SubTypeScore) -> tuple[str, ...]:
    if s.rule.alarms is Alarms.MATERIAL_CONFLICT:
        accepted = "none; only material conflict is a false alarm"
    elif s.rule.alarms is Alarms.NONE:
        accepted = "any verbal type; no false alarms"
    else:
        accepted = " ".join(t for t in PLOVER_TYPES if t in s.rule.accepted)
    found = str(s.found) if s.to_find else "–"
    recall = "–" if s.recall is None else f"{s.recall:.3f}"
    alarms = "–" if s.rule.alarms is Alarms.NONE else str(s.false_alarms)
    return (s.rule.subtype, found, str(s.snippets), recall, alarms, accepted)


# --- command line --------------------------------------------------------------------


def read_snippets(path: Path, limit: int | None) -> tuple[Snippet, ...]:
    """The snippets of a case2021 TSV file, the first `limit` of them when given."""
    if not path.is_file():
        raise EvalInputError(f"case2021 data not found: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise EvalInputError(f"case2021 data {path} cannot be read as UTF-8 text: {err}") from err
    snippets = parse_snippets(text, str(path))
    return snippets if limit is None else snippets[:limit]


SCORER = OneSetScorer(
    prog="case2021.py",
    description="Score harmattan's PLOVER event types on the CASE 2021 news snippets.",
    schema=SCHEMA,
    default_data=DEFAULT_DATA,
    data_help="the TSV of id, EventSnippet, SubType",
    limit_help="score only the first N snippets of the file",
    errors_help="write JSON Lines of every snippet that was missed or had a false alarm",
    read_gold=read_snippets,
    articles=case_articles,
    score=score_snippets,
    render=format_score,
    error_lines=error_lines,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the scorer: 0 whenever it ran, 2 for missing or bad input, 1 when harmattan fails."""
    return SCORER.run(argv)


if __name__ == "__main__":
    sys.exit(main())
