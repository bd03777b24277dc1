"""Score harmattan's PLOVER event coding against the gsr-dev gold records and the seed gold.

    .venv/bin/python eval/events.py [--gsr PATH] [--seed PATH --seed-gold PATH]
                                    [--limit N] [--json FILE] [--errors FILE]

The scoring functions (`score_gsr`, `score_seed`) are pure: they take parsed gold
and harmattan's `DocumentRecord`s and return frozen results. `main` does the
reading, the extraction and the printing. eval/README.md says what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a script (python eval/x.py): make the repository root importable for eval.common.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.common import (
    EvalInputError,
    add_output_arguments,
    f1_of,
    parse_scorer_args,
    ratio,
    write_outputs,
)
from harmattan.errors import HarmattanError
from harmattan.ingest import ReadOptions, read_sources
from harmattan.ingest.base import article_id, clean_body
from harmattan.pipeline import Resources, extract, extract_many
from harmattan.records import Article, DocumentRecord, Event, Participant

SCHEMA = "harmattan.eval.events/1"
GSR_SOURCE = "PLOVER GSR"
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_GSR = SHARED / "eval" / "plover" / "gsr-dev.json"
DEFAULT_SEED = SHARED / "seeds" / "000_674a87777b4e68e7.txt"
DEFAULT_SEED_GOLD = SHARED / "gold" / "seed-niger-2023-11-07.json"


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# The scorer keeps its own copy of the ontology (shared/PLOVER.md) so that a
# change to the coder's codebook cannot move the yardstick it is measured with.
PLOVER_TYPES = _names(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT"
)
LEGACY_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
PLOVER_MODES: dict[str, frozenset[str]] = {
    event_type: frozenset(_names(modes))
    for event_type, modes in {
        "CONSULT": "visit third-party multilateral phone",
        "RETREAT": "withdraw release disarm ceasefire access resign",
        "REQUEST": "assist change yield meet",
        "REJECT": "assist change yield meet",
        "ACCUSE": "disapprove investigate allege",
        "THREATEN": "restrict arrest relations expel territory violence",
        "PROTEST": "demo riot strike hunger boycott obstruct",
        "SANCTION": "convict expel withdraw discontinue",
        "MOBILIZE": "troops weapons police militia",
        "COERCE": "seize restrict censor curfew martial-law arrest deport withhold "
        "misinformation cyber",
        "ASSAULT": "abduct beat torture sexual targeted destroy primitive firearms explosives "
        "suicide-attack aerial drone heavy-weapons crowd-control unconventional",
    }.items()
}
# Old draft modes whose meaning is a PLOVER mode other than their prefix.
LEGACY_MODES = {"strike-hun": "hunger", "assassinate": "targeted"}
PLOVER_SECTORS = frozenset(
    _names(
        "GOV MIL COP JUD LEG PRM PTY REB SPY OPP ELI CVL REF JRN BUS LAB REL EDU MED AGR SOC "
        "CRM PRE UAF UNK"
    )
)
# The gold predates PLOVER's UNO/EUR codes and has two CAMEO-era country codes.
GOLD_COUNTRY_ALIASES: dict[str, frozenset[str]] = {
    "IGO": frozenset({"IGO", "UNO", "EUR"}),
    "JAP": frozenset({"JPN"}),
    "ITL": frozenset({"ITA"}),
}
# When gold codes a withdrawal (RETREAT) and the coder codes the expulsion that
# caused it, the expeller is the actor and the one withdrawn the recipient.
EXPULSION_TYPES = frozenset({"SANCTION", "COERCE"})
_RESTRICTED_ACTOR = re.compile(r"factuality '(\w+)' whose actor is [^()]*\((\w+)\)")

ACTOR_COUNTRY = "actor country"
ACTOR_SECTOR = "actor sector"
RECIPIENT_COUNTRY = "recipient country"
RECIPIENT_SECTOR = "recipient sector"
MODE = "mode"
FACTUALITY = "factuality"
GSR_ATTRIBUTES = (ACTOR_COUNTRY, ACTOR_SECTOR, RECIPIENT_COUNTRY, RECIPIENT_SECTOR, MODE)
SEED_ATTRIBUTES = (ACTOR_COUNTRY, ACTOR_SECTOR, RECIPIENT_COUNTRY, RECIPIENT_SECTOR, FACTUALITY)


# --- the vocabulary ----------------------------------------------------------


def canonical_type(name: str) -> str:
    """The current PLOVER name of an event type (legacy draft names mapped)."""
    upper = name.strip().upper()
    return LEGACY_TYPES.get(upper, upper)


def gold_sector(raw: str | None) -> str | None:
    """The PLOVER sector of a gold sector code, or None when it names none.

    The gold appends ethnic/religious qualifiers ("REFKUR", "CVLalb", "GOVMOS"):
    the first three letters are the sector. Codes whose first three letters are
    not a PLOVER sector ("***", "MOS", "CIV") are not scored.
    """
    if not raw:
        return None
    head = raw.strip()[:3].upper()
    return head if head in PLOVER_SECTORS else None


def gold_mode(event_type: str, raw: str | None) -> str | None:
    """The PLOVER mode of a gold mode for a (canonical) type, or None when it maps to none.

    A mode the type has is kept; a legacy name listed in LEGACY_MODES is mapped;
    otherwise the part before the first "-" ("demo-org" -> "demo") is used when
    the type has it. Anything else ("host", "ban", "other") is not scored.
    """
    if not raw or not raw.strip():
        return None
    mode = raw.strip().lower()
    allowed = PLOVER_MODES.get(event_type, frozenset())
    if mode in allowed:
        return mode
    mapped = LEGACY_MODES.get(mode)
    if mapped in allowed:
        return mapped
    prefix = mode.split("-", 1)[0]
    return prefix if prefix in allowed else None


def gold_countries(code: str | None) -> frozenset[str]:
    """The produced country codes that count as equal to a gold code."""
    if not code or not code.strip():
        return frozenset()
    upper = code.strip().upper()
    return GOLD_COUNTRY_ALIASES.get(upper, frozenset({upper}))


# --- gsr-dev gold --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldActor:
    """A gold source or target: the text naming it, its country code and sector as written."""

    text: str
    code: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gsr-dev record: a sentence and its one gold event."""

    id: str
    text: str
    published: dt.date
    type: str
    legacy_type: str
    mode: str | None
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]


def parse_gsr(raw: object) -> tuple[GoldEvent, ...]:
    """Typed gold events from the parsed gsr-dev JSON (a list of records)."""
    if not isinstance(raw, list):
        raise EvalInputError("gsr gold must be a JSON list of records")
    return tuple(_parse_gsr_record(item, index) for index, item in enumerate(raw))


def _parse_gsr_record(item: object, index: int) -> GoldEvent:
    if not isinstance(item, dict):
        raise EvalInputError(f"gsr record {index} is not a JSON object")
    where = f"gsr record {index} ({item.get('id', 'no id')})"
    text, event = item.get("text"), item.get("event")
    if not isinstance(text, str) or not clean_body(text):
        raise EvalInputError(f"{where} has no 'text'")
    if not isinstance(event, str) or not event.strip():
        raise EvalInputError(f"{where} has no 'event' type")
    try:
        published = dt.date.fromisoformat(str(item.get("date", "")))
    except ValueError as err:
        raise EvalInputError(f"{where} has no YYYY-MM-DD 'date'") from err
    event_type = canonical_type(event)
    mode = item.get("mode")
    return GoldEvent(
        id=str(item.get("id", index)),
        text=clean_body(text),
        published=published,
        type=event_type,
        legacy_type=event.strip().upper(),
        mode=mode.strip() if isinstance(mode, str) and mode.strip() else None,
        sources=_gold_actors(item.get("source")),
        targets=_gold_actors(item.get("target")),
    )


def _gold_actors(value: object) -> tuple[GoldActor, ...]:
    # Sources/targets are lists of objects, but some records hold "" or a
    # stray word there, and a list may hold a bare name: those have no code.
    if not isinstance(value, list):
        return ()
    actors = []
    for entry in value:
        if isinstance(entry, str):
            actors.append(GoldActor(entry, None, None))
        elif isinstance(entry, dict):
            actors.append(
                GoldActor(
                    text=str(entry.get("actorText", "")),
                    code=_optional_str(entry.get("code")),
                    sector=_optional_str(entry.get("sector")),
                )
            )
    return tuple(actors)


def _optional_str(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def limit_sentences(gold: Sequence[GoldEvent], limit: int | None) -> tuple[GoldEvent, ...]:
    """The gold events of the first `limit` distinct sentences, in file order."""
    if limit is None:
        return tuple(gold)
    kept = list(dict.fromkeys(g.text for g in gold))[:limit]
    keep = set(kept)
    return tuple(g for g in gold if g.text in keep)


def gsr_articles(gold: Sequence[GoldEvent]) -> tuple[Article, ...]:
    """One article per distinct gold sentence, in file order."""
    articles: dict[str, Article] = {}
    for g in gold:
        if g.text not in articles:
            articles[g.text] = Article(
                id=article_id(g.text, g.published),
                published=g.published,
                text=g.text,
                source=GSR_SOURCE,
            )
    return tuple(articles.values())


# --- results ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        """How many gold items there were."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        """How many items were predicted."""
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        """TP / predicted (0 when nothing was predicted)."""
        return ratio(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        """TP / gold (0 when there is no gold)."""
        return ratio(self.tp, self.gold)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return f1_of(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        """The counts and ratios as JSON."""
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True, slots=True)
class TypeScore:
    """Per-sentence detection counts for one event type."""

    type: str
    counts: Counts


@dataclass(frozen=True, slots=True)
class Ratios:
    """Precision, recall and F1 that are averages, not derived from one set of counts."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class AttributeScore:
    """How often an attribute agreed with gold, over the found events where gold gives it."""

    name: str
    n: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        """correct / n, or None when nothing could be scored."""
        return self.correct / self.n if self.n else None

    def to_dict(self) -> dict[str, Any]:
        """The attribute score as JSON."""
        return {"n": self.n, "correct": self.correct, "accuracy": self.accuracy}


@dataclass(frozen=True, slots=True)
class SentenceOutcome:
    """One gold sentence: its gold events, the types they need and what harmattan produced."""

    text: str
    gold: tuple[GoldEvent, ...]
    predicted: tuple[Event, ...]

    @property
    def gold_types(self) -> frozenset[str]:
        """The canonical gold types of the sentence."""
        return frozenset(g.type for g in self.gold)

    @property
    def predicted_types(self) -> frozenset[str]:
        """The canonical types of the produced events."""
        return frozenset(canonical_type(e.type) for e in self.predicted)

    @property
    def false_positives(self) -> tuple[str, ...]:
        """Types produced that gold does not have, sorted."""
        return tuple(sorted(self.predicted_types - self.gold_types))

    @property
    def false_negatives(self) -> tuple[str, ...]:
        """Gold types not produced, sorted."""
        return tuple(sorted(self.gold_types - self.predicted_types))


@dataclass(frozen=True, slots=True)
class GsrScore:
    """Event-type detection and attribute accuracy over the gsr-dev sentences."""

    sentences: tuple[SentenceOutcome, ...]
    per_type: tuple[TypeScore, ...]
    micro: Counts
    macro: Ratios
    gold_events: int
    found: int
    attributes: tuple[AttributeScore, ...]

    def attribute(self, name: str) -> AttributeScore:
        """The score of one attribute by name."""
        return next(a for a in self.attributes if a.name == name)

    def type_score(self, event_type: str) -> TypeScore:
        """The row of one event type by name."""
        return next(t for t in self.per_type if t.type == event_type)

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON (the per-sentence detail goes to the errors file)."""
        return {
            "sentences": len(self.sentences),
            "gold_events": self.gold_events,
            "found": self.found,
            "per_type": {t.type: t.counts.to_dict() for t in self.per_type},
            "micro": self.micro.to_dict(),
            "macro": {
                "precision": self.macro.precision,
                "recall": self.macro.recall,
                "f1": self.macro.f1,
            },
            "attributes": {a.name: a.to_dict() for a in self.attributes},
        }


# --- gsr-dev scoring -----------------------------------------------------------


def score_gsr(
    gold_records: Sequence[GoldEvent], document_records: Sequence[DocumentRecord]
) -> GsrScore:
    """Score one document record per gold sentence against the gold events of that sentence."""
    by_text: dict[str, list[GoldEvent]] = {}
    for g in gold_records:
        by_text.setdefault(g.text, []).append(g)
    records: dict[str, DocumentRecord] = {}
    for record in document_records:
        if record.article.text not in by_text:
            raise EvalInputError(
                f"document record {record.article.id} is not one of the gold sentences"
            )
        records[record.article.text] = record
    missing = [text for text in by_text if text not in records]
    if missing:
        raise EvalInputError(
            f"{len(missing)} gold sentences have no document record, e.g. {missing[0][:60]!r}"
        )
    outcomes = tuple(
        SentenceOutcome(text, tuple(gold), records[text].events) for text, gold in by_text.items()
    )
    per_type = _type_scores(outcomes)
    micro = Counts(
        tp=sum(t.counts.tp for t in per_type),
        fp=sum(t.counts.fp for t in per_type),
        fn=sum(t.counts.fn for t in per_type),
    )
    found, attributes = _gsr_attributes(outcomes)
    return GsrScore(
        sentences=outcomes,
        per_type=per_type,
        micro=micro,
        macro=_macro(per_type),
        gold_events=len(gold_records),
        found=found,
        attributes=attributes,
    )


def _type_scores(outcomes: Sequence[SentenceOutcome]) -> tuple[TypeScore, ...]:
    seen = set().union(*(o.gold_types | o.predicted_types for o in outcomes))
    # PLOVER order first; any type outside the ontology the coder emits goes last.
    ordered = [t for t in PLOVER_TYPES if t in seen] + sorted(seen - set(PLOVER_TYPES))
    scores = []
    for event_type in ordered:
        tp = fp = fn = 0
        for o in outcomes:
            in_gold, in_pred = event_type in o.gold_types, event_type in o.predicted_types
            tp += in_gold and in_pred
            fp += in_pred and not in_gold
            fn += in_gold and not in_pred
        scores.append(TypeScore(event_type, Counts(tp, fp, fn)))
    return tuple(scores)


def _macro(per_type: Sequence[TypeScore]) -> Ratios:
    n = len(per_type)
    return Ratios(
        precision=ratio(sum(t.counts.precision for t in per_type), n),
        recall=ratio(sum(t.counts.recall for t in per_type), n),
        f1=ratio(sum(t.counts.f1 for t in per_type), n),
    )


Checks = dict[str, bool | None]


def _gsr_attributes(outcomes: Sequence[SentenceOutcome]) -> tuple[int, tuple[AttributeScore, ...]]:
    found = 0
    totals = {name: [0, 0] for name in GSR_ATTRIBUTES}
    for outcome in outcomes:
        for gold in outcome.gold:
            candidates = [e for e in outcome.predicted if canonical_type(e.type) == gold.type]
            if not candidates:
                continue
            found += 1
            _add(totals, _best_checks(_gsr_checks(gold, e) for e in candidates))
    return found, _attribute_scores(totals)


def _gsr_checks(gold: GoldEvent, event: Event) -> Checks:
    mode = gold_mode(gold.type, gold.mode)
    return {
        ACTOR_COUNTRY: _country_check(gold.sources, event.actors),
        ACTOR_SECTOR: _sector_check(gold.sources, event.actors),
        RECIPIENT_COUNTRY: _country_check(gold.targets, event.recipients),
        RECIPIENT_SECTOR: _sector_check(gold.targets, event.recipients),
        MODE: None if mode is None else event.mode == mode,
    }


def _country_check(gold: Sequence[GoldActor], produced: Sequence[Participant]) -> bool | None:
    codes = frozenset().union(*(gold_countries(a.code) for a in gold))
    if not codes:
        return None
    return any(p.actor.country in codes for p in produced)


def _sector_check(gold: Sequence[GoldActor], produced: Sequence[Participant]) -> bool | None:
    sectors = {s for s in (gold_sector(a.sector) for a in gold) if s is not None}
    if not sectors:
        return None
    return any(p.actor.sector in sectors for p in produced)


def _best_checks(candidates: Iterable[Checks]) -> Checks:
    # The produced event that agrees with gold on most attributes; the first on ties.
    return max(candidates, key=lambda checks: sum(v is True for v in checks.values()))


def _add(totals: dict[str, list[int]], checks: Mapping[str, bool | None]) -> None:
    for name, result in checks.items():
        if result is not None:
            totals[name][0] += 1
            totals[name][1] += result


def _attribute_scores(totals: Mapping[str, list[int]]) -> tuple[AttributeScore, ...]:
    return tuple(AttributeScore(name, n, correct) for name, (n, correct) in totals.items())


def error_lines(score: GsrScore) -> Iterable[dict[str, Any]]:
    """One JSON object per sentence with a false positive or a false negative."""
    for o in score.sentences:
        if not (o.false_positives or o.false_negatives):
            continue
        yield {
            "text": o.text,
            "gold_types": sorted(o.gold_types),
            "false_positives": list(o.false_positives),
            "false_negatives": list(o.false_negatives),
            "gold": [_gold_dict(g) for g in o.gold],
            "predicted": [_predicted_dict(e) for e in o.predicted],
        }


def _gold_dict(g: GoldEvent) -> dict[str, Any]:
    return {
        "id": g.id,
        "type": g.type,
        "legacy_type": g.legacy_type,
        "mode": g.mode,
        "source": [{"text": a.text, "code": a.code, "sector": a.sector} for a in g.sources],
        "target": [{"text": a.text, "code": a.code, "sector": a.sector} for a in g.targets],
    }


def _predicted_dict(e: Event) -> dict[str, Any]:
    return {
        "type": e.type,
        "mode": e.mode,
        "factuality": e.factuality.value,
        "actors": [_participant_dict(p) for p in e.actors],
        "recipients": [_participant_dict(p) for p in e.recipients],
        "trigger": e.trigger.text,
    }


def _participant_dict(p: Participant) -> dict[str, Any]:
    return {"text": p.text, "country": p.actor.country, "sector": p.actor.sector}


# --- seed gold -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeedArgument:
    """A seed gold actor or recipient: the codes and sectors that count as agreeing."""

    codes: frozenset[str]
    sectors: frozenset[str]


@dataclass(frozen=True, slots=True)
class SeedGoldEvent:
    """A must_find event of the seed gold."""

    id: str
    quote: str
    type: str
    types: frozenset[str]
    actor: SeedArgument | None
    recipient: SeedArgument | None
    factualities: frozenset[str]


@dataclass(frozen=True, slots=True)
class SeedForbidden:
    """A must_not_find sentence; with a restriction, only such events are forbidden."""

    quote: str
    factuality: str | None
    actor_code: str | None


@dataclass(frozen=True, slots=True)
class SeedGold:
    """The seed article's gold: what must and must not come out of it."""

    published: dt.date
    must_find: tuple[SeedGoldEvent, ...]
    must_not_find: tuple[SeedForbidden, ...]


def parse_seed_gold(raw: object) -> SeedGold:
    """Typed seed gold from the parsed gold JSON."""
    if not isinstance(raw, dict):
        raise EvalInputError("seed gold must be a JSON object")
    try:
        published = dt.date.fromisoformat(str(raw.get("published", "")))
        must_find = tuple(seed_gold_event(g) for g in raw["must_find"])
        must_not = tuple(_seed_forbidden(g) for g in raw.get("must_not_find", []))
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise EvalInputError(f"seed gold is not in the expected shape: {err!r}") from err
    return SeedGold(published, must_find, must_not)


def seed_gold_event(g: Mapping[str, Any]) -> SeedGoldEvent:
    """One must_find entry (the English seed's schema, which the French gold shares)."""
    primary = canonical_type(g["type"])
    factuality = g["factuality"]
    return SeedGoldEvent(
        id=str(g["id"]),
        quote=g["quote"],
        type=primary,
        types=frozenset({primary, *(canonical_type(t) for t in g.get("also_ok", []))}),
        actor=_seed_argument(g.get("actor")),
        recipient=_seed_argument(g.get("recipient")),
        factualities=frozenset({factuality, *g.get("also_ok_factuality", [])}),
    )


def _seed_argument(g: Mapping[str, Any] | None) -> SeedArgument | None:
    if not g:
        return None
    sectors = {g["sector"], *g.get("also_ok_sector", [])} if g.get("sector") else set()
    return SeedArgument(
        codes=frozenset({g["code"], *g.get("also_ok_code", [])}), sectors=frozenset(sectors)
    )


def _seed_forbidden(g: dict[str, Any]) -> SeedForbidden:
    # The rule is prose; "no event with factuality 'asserted' whose actor is
    # Russia (RUS)" restricts the ban, any other rule forbids every event.
    match = _RESTRICTED_ACTOR.search(g.get("rule", ""))
    return SeedForbidden(
        quote=g["quote"],
        factuality=match.group(1) if match else None,
        actor_code=match.group(2) if match else None,
    )


@dataclass(frozen=True, slots=True)
class SeedOutcome:
    """What became of one must_find event."""

    id: str
    found: bool
    matched_type: str | None
    checks: tuple[tuple[str, bool | None], ...]
    note: str


@dataclass(frozen=True, slots=True)
class SeedViolation:
    """A produced event in a must_not_find sentence."""

    quote: str
    type: str
    factuality: str


@dataclass(frozen=True, slots=True)
class SeedScore:
    """The seed article against its gold."""

    published_ok: bool
    events_produced: int
    outcomes: tuple[SeedOutcome, ...]
    attributes: tuple[AttributeScore, ...]
    violations: tuple[SeedViolation, ...]

    @property
    def found(self) -> int:
        """How many must_find events were found."""
        return sum(o.found for o in self.outcomes)

    @property
    def total(self) -> int:
        """How many must_find events the gold lists."""
        return len(self.outcomes)

    def attribute(self, name: str) -> AttributeScore:
        """The agreement on one attribute by name."""
        return next(a for a in self.attributes if a.name == name)

    def to_dict(self) -> dict[str, Any]:
        """The seed score as JSON."""
        return {
            "found": self.found,
            "total": self.total,
            "published_ok": self.published_ok,
            "events_produced": self.events_produced,
            "must_find": [
                {
                    "id": o.id,
                    "found": o.found,
                    "type": o.matched_type,
                    "checks": dict(o.checks),
                    "note": o.note,
                }
                for o in self.outcomes
            ],
            "attributes": {a.name: a.to_dict() for a in self.attributes},
            "must_not_find_violations": [
                {"quote": v.quote, "type": v.type, "factuality": v.factuality}
                for v in self.violations
            ],
        }


def score_seed(gold: SeedGold, record: DocumentRecord) -> SeedScore:
    """Score the seed article's document record against its gold, sentence by sentence."""
    text = record.article.text
    totals = {name: [0, 0] for name in SEED_ATTRIBUTES}
    outcomes = []
    for g in gold.must_find:
        covering = [e for e in record.events if covers(text, e, g.quote)]
        candidates = [e for e in covering if canonical_type(e.type) in g.types]
        if not candidates:
            note = "quote not in the text" if g.quote not in text else "no event in sentence"
            if covering:
                note = "types " + ", ".join(sorted({canonical_type(e.type) for e in covering}))
            outcomes.append(SeedOutcome(g.id, False, None, (), note))
            continue
        best_event, checks = max(
            ((e, seed_checks(g, e)) for e in candidates),
            key=lambda pair: sum(v is True for v in pair[1].values()),
        )
        _add(totals, checks)
        wrong = [name for name, ok in checks.items() if ok is False]
        note = "OK" if not wrong else "differs: " + ", ".join(wrong)
        matched = canonical_type(best_event.type)
        outcomes.append(SeedOutcome(g.id, True, matched, tuple(checks.items()), note))
    violations = tuple(
        SeedViolation(f.quote, e.type, e.factuality.value)
        for f in gold.must_not_find
        for e in record.events
        if covers(text, e, f.quote) and _forbidden(f, e)
    )
    return SeedScore(
        published_ok=record.article.published == gold.published,
        events_produced=len(record.events),
        outcomes=tuple(outcomes),
        attributes=_attribute_scores(totals),
        violations=violations,
    )


def covers(text: str, event: Event, quote: str) -> bool:
    """As in shared/tools/seedcheck.py: the quote's first occurrence lies inside the
    event's sentence (one character of slack at the end)."""
    start = text.find(quote)
    if start < 0:
        return False
    return event.sentence.start <= start and start + len(quote) <= event.sentence.end + 1


def seed_checks(g: SeedGoldEvent, event: Event) -> Checks:
    """Actor, recipient and factuality agreement of a matched event (None: gold gives
    none); a withdrawal coded as the expulsion that caused it swaps the parties."""
    actor, recipient = g.actor, g.recipient
    if g.type == "RETREAT" and canonical_type(event.type) in EXPULSION_TYPES:
        actor, recipient = recipient, actor
    return {
        ACTOR_COUNTRY: _argument_check(actor, event.actors, sector=False),
        ACTOR_SECTOR: _argument_check(actor, event.actors, sector=True),
        RECIPIENT_COUNTRY: _argument_check(recipient, event.recipients, sector=False),
        RECIPIENT_SECTOR: _argument_check(recipient, event.recipients, sector=True),
        FACTUALITY: event.factuality.value in g.factualities,
    }


def _argument_check(
    gold: SeedArgument | None, produced: Sequence[Participant], *, sector: bool
) -> bool | None:
    if gold is None:
        return None
    if sector:
        if not gold.sectors:
            return None
        return any(p.actor.sector in gold.sectors for p in produced)
    return any(p.actor.country in gold.codes for p in produced)


def _forbidden(rule: SeedForbidden, event: Event) -> bool:
    if rule.factuality is None:
        return True
    return event.factuality.value == rule.factuality and any(
        p.actor.country == rule.actor_code for p in event.actors
    )


# --- printing --------------------------------------------------------------------


def format_gsr(score: GsrScore, source: str) -> str:
    """The per-type table, the micro and macro rows, and the attribute table."""
    lines = [
        f"PLOVER gsr-dev ({source}): {len(score.sentences)} sentences, "
        f"{score.gold_events} gold events",
        "",
        f"{'event type':<12} {'gold':>5} {'pred':>5} {'TP':>5} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for t in score.per_type:
        lines.append(_counts_row(t.type, t.counts))
    lines.append(_counts_row("micro", score.micro))
    m = score.macro
    lines.append(
        f"{'macro':<12} {'':>5} {'':>5} {'':>5} {m.precision:6.3f} {m.recall:6.3f} {m.f1:6.3f}"
    )
    lines += [
        "",
        f"found events: {score.found} of {score.gold_events} gold events "
        "(their type produced in their sentence)",
        *_attribute_rows(score.attributes),
    ]
    return "\n".join(lines)


def _counts_row(label: str, c: Counts) -> str:
    return (
        f"{label:<12} {c.gold:>5} {c.predicted:>5} {c.tp:>5} "
        f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"
    )


def _attribute_rows(attributes: Sequence[AttributeScore]) -> list[str]:
    rows = [f"{'attribute':<18} {'n':>4} {'correct':>7} {'accuracy':>8}"]
    for a in attributes:
        accuracy = "n/a" if a.accuracy is None else f"{a.accuracy:.3f}"
        rows.append(f"{a.name:<18} {a.n:>4} {a.correct:>7} {accuracy:>8}")
    return rows


def format_seed(score: SeedScore, source: str) -> str:
    """One line per must_find event, the agreement table and the violations."""
    lines = [
        f"Seed gold ({source}): found {score.found}/{score.total}, "
        f"must_not_find violations {len(score.violations)}, "
        f"events produced {score.events_produced}, published date ok: {score.published_ok}",
    ]
    for o in score.outcomes:
        status = f"{o.matched_type}: {o.note}" if o.found else f"not found ({o.note})"
        lines.append(f"  {o.id:<4} {status}")
    for v in score.violations:
        lines.append(f"  NOT  {v.quote[:50]!r} -> {v.type} {v.factuality}")
    lines += ["", *_attribute_rows(score.attributes)]
    return "\n".join(lines)


# --- command line ------------------------------------------------------------------


def load_json(path: Path, what: str) -> object:
    """The parsed JSON file, or EvalInputError naming `what` is missing or unreadable."""
    if not path.is_file():
        raise EvalInputError(f"{what} not found: {path}")
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise EvalInputError(f"{what} {path} cannot be read as JSON: {err}") from err


def read_seed_article(path: Path) -> Article:
    """The seed article, read with harmattan's own readers."""
    if not path.is_file():
        raise EvalInputError(f"seed article not found: {path}")
    items = list(read_sources([str(path)], ReadOptions()))
    articles = [item for item in items if isinstance(item, Article)]
    if len(items) != 1 or len(articles) != 1:
        raise EvalInputError(f"seed article {path} did not read as exactly one article")
    return articles[0]


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="eval/events.py",
        description="Score harmattan's PLOVER event coding on gsr-dev and the seed article.",
    )
    parser.add_argument("--gsr", type=Path, default=DEFAULT_GSR, help="gsr-dev gold JSON")
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="seed article")
    parser.add_argument("--seed-gold", type=Path, default=DEFAULT_SEED_GOLD, help="seed gold")
    add_output_arguments(
        parser,
        limit="score only the first N distinct gsr sentences",
        errors="write JSON Lines of every gsr sentence with a false positive or negative",
    )
    return parse_scorer_args(parser, argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the scorer: 0 whenever it ran, 2 for missing or bad input, 1 when harmattan fails."""
    args = _parse_args(argv)
    try:
        gsr_gold = limit_sentences(parse_gsr(load_json(args.gsr, "gsr gold")), args.limit)
        seed_gold = parse_seed_gold(load_json(args.seed_gold, "seed gold"))
        seed_article = read_seed_article(args.seed)
    except EvalInputError as err:
        print(f"events.py: error: {err}", file=sys.stderr)
        return 2
    try:
        resources = Resources.load()
        records = list(extract_many(gsr_articles(gsr_gold), resources))
        seed_record = extract(seed_article, resources)
    except HarmattanError as err:
        print(f"events.py: error: {err}", file=sys.stderr)
        return 1
    gsr_score = score_gsr(gsr_gold, records)
    seed_score = score_seed(seed_gold, seed_record)
    print(format_gsr(gsr_score, str(args.gsr)))
    print()
    print(format_seed(seed_score, str(args.seed_gold)))
    try:
        write_outputs(
            args.json,
            args.errors,
            {"schema": SCHEMA, "gsr": gsr_score.to_dict(), "seed": seed_score.to_dict()},
            error_lines(gsr_score),
        )
    except OSError as err:
        print(f"events.py: error: cannot write {err.filename}: {err.strerror}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
