"""Score harmattan's event coding on French text: the French gold set and the French seed.

    .venv/bin/python eval/french.py [--gold PATH] [--seed PATH --seed-gold PATH]
                                    [--limit N] [--json FILE] [--errors FILE]

The gold (eval/data/french/) was written and annotated by the harmattan authors.
The scoring functions (`score_article`, `score_set`) are pure: they take parsed
gold and harmattan's `DocumentRecord`s and return frozen results. `main` does
the reading, the extraction and the printing. eval/data/french/README.md says
what each figure means.
"""

from __future__ import annotations

import argparse
import dataclasses
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
from eval.events import (
    ACTOR_COUNTRY,
    ACTOR_SECTOR,
    FACTUALITY,
    RECIPIENT_COUNTRY,
    RECIPIENT_SECTOR,
    AttributeScore,
    SeedGoldEvent,
    canonical_type,
    covers,
    load_json,
    read_seed_article,
    seed_checks,
    seed_gold_event,
)
from harmattan.errors import HarmattanError
from harmattan.pipeline import Resources, extract
from harmattan.records import Article, DocumentRecord, Event

SCHEMA = "harmattan.eval.french/1"
LANGUAGE = "fr"
GOLD_SOURCE = "harmattan French gold"
REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "eval" / "data" / "french"
DEFAULT_GOLD = DATA / "gold.jsonl"
DEFAULT_SEED = DATA / "seed-niger-2023-11-07-fr.txt"
DEFAULT_SEED_GOLD = DATA / "seed-niger-2023-11-07-fr.json"
ATTRIBUTES = (ACTOR_COUNTRY, ACTOR_SECTOR, RECIPIENT_COUNTRY, RECIPIENT_SECTOR, FACTUALITY)

# A must_not_find rule is prose, as in the English seed gold; these phrases narrow it
# ("no event of type ASSAULT with factuality 'asserted' whose actor is Russia (RUS)").
# A rule with none of them forbids every event of the sentence.
_RULE_FACTUALITY = re.compile(r"factuality '(\w+)'")
_RULE_ACTOR = re.compile(r"whose actor is [^()]*\(([A-Z]{3})\)")
_RULE_TYPES = re.compile(r"of type ([A-Z]+(?:/[A-Z]+)*)")


# --- gold ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Forbidden:
    """A must_not_find sentence; `factuality`, `actor_code` and `types` narrow the ban."""

    quote: str
    rule: str
    factuality: str | None
    actor_code: str | None
    types: frozenset[str]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """A French article with what must and must not come out of it."""

    id: str
    published: dt.date
    text: str
    events: tuple[SeedGoldEvent, ...]
    forbidden: tuple[Forbidden, ...]
    optional: tuple[str, ...] = ()


def parse_gold_line(raw: object, where: str) -> GoldArticle:
    """A gold-set article from one parsed line of gold.jsonl."""
    if not isinstance(raw, dict):
        raise EvalInputError(f"{where} is not a JSON object")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EvalInputError(f"{where} has no 'text'")
    if raw.get("language") != LANGUAGE:
        raise EvalInputError(f'{where} is not marked "language": "fr"')
    return _annotation(
        raw,
        raw.get("events"),
        where=f"{where} ({raw.get('id', 'no id')})",
        id=str(raw.get("id", "")),
        published=raw.get("published"),
        text=text,
    )


def parse_seed_gold(raw: object, article: Article) -> GoldArticle:
    """The seed's gold (same schema as the English seed gold) over the seed article."""
    if not isinstance(raw, dict):
        raise EvalInputError("seed gold must be a JSON object")
    return _annotation(
        raw,
        raw.get("must_find"),
        where="seed gold",
        id=article.id,
        published=raw.get("published"),
        text=article.text,
    )


def _annotation(
    raw: Mapping[str, Any], events: object, *, where: str, id: str, published: object, text: str
) -> GoldArticle:
    if not id:
        raise EvalInputError(f"{where} has no 'id'")
    try:
        date = dt.date.fromisoformat(str(published))
    except ValueError as err:
        raise EvalInputError(f"{where} has no YYYY-MM-DD 'published'") from err
    if not isinstance(events, list):
        raise EvalInputError(f"{where} has no list of events")
    try:
        gold = tuple(seed_gold_event(g) for g in events)
        forbidden = tuple(_forbidden(g) for g in raw.get("must_not_find", []))
        optional = tuple(str(g["quote"]) for g in raw.get("optional", []))
    except (KeyError, TypeError, AttributeError) as err:
        raise EvalInputError(f"{where} is not in the expected shape: missing {err}") from err
    for quote in [g.quote for g in gold] + [f.quote for f in forbidden] + list(optional):
        if quote not in text:
            raise EvalInputError(f"{where}: quote {quote[:50]!r} is not in the text")
    return GoldArticle(id, date, text, gold, forbidden, optional)


def _forbidden(g: Mapping[str, Any]) -> Forbidden:
    rule = str(g.get("rule", ""))
    factuality, actor, types = (
        p.search(rule) for p in (_RULE_FACTUALITY, _RULE_ACTOR, _RULE_TYPES)
    )
    return Forbidden(
        quote=str(g["quote"]),
        rule=rule,
        factuality=factuality.group(1) if factuality else None,
        actor_code=actor.group(1) if actor else None,
        types=frozenset(types.group(1).split("/")) if types else frozenset(),
    )


def gold_article(gold: GoldArticle) -> Article:
    """The harmattan article of a gold-set entry, marked French."""
    return Article(
        id=gold.id, published=gold.published, text=gold.text, source=GOLD_SOURCE, language=LANGUAGE
    )


# --- matching rules --------------------------------------------------------------------


def matches(text: str, gold: SeedGoldEvent, event: Event) -> bool:
    """The event's sentence holds the gold quote and its type is one gold accepts."""
    return canonical_type(event.type) in gold.types and covers(text, event, gold.quote)


def violates(text: str, rule: Forbidden, event: Event) -> bool:
    """The event comes from a must_not_find sentence and is of the kind the rule bans."""
    if not covers(text, event, rule.quote):
        return False
    if rule.types and canonical_type(event.type) not in rule.types:
        return False
    if rule.factuality is not None and event.factuality.value != rule.factuality:
        return False
    return rule.actor_code is None or any(p.actor.country == rule.actor_code for p in event.actors)


# --- results ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Detection:
    """Gold events found and system events that match gold, with micro P/R/F1."""

    found: int
    gold: int
    correct: int
    system: int

    @property
    def precision(self) -> float:
        """Matching system events / scored system events (0 when there are none)."""
        return ratio(self.correct, self.system)

    @property
    def recall(self) -> float:
        """Found gold events / gold events (0 when there are none)."""
        return ratio(self.found, self.gold)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return f1_of(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        """The counts and ratios as JSON."""
        return {
            "found": self.found,
            "gold": self.gold,
            "correct": self.correct,
            "system": self.system,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True, slots=True)
class EventOutcome:
    """What became of one gold event: found or not, the best match and how it agrees."""

    id: str
    quote: str
    found: bool
    matched_type: str | None
    checks: tuple[tuple[str, bool | None], ...]
    note: str


@dataclass(frozen=True, slots=True)
class Violation:
    """A produced event that a must_not_find rule bans."""

    quote: str
    type: str
    factuality: str


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """One article against its gold."""

    id: str
    outcomes: tuple[EventOutcome, ...]
    system: int
    correct: int
    optional: int
    violations: tuple[Violation, ...]
    unmatched: tuple[str, ...]

    @property
    def found(self) -> int:
        """How many gold events were found."""
        return sum(o.found for o in self.outcomes)


@dataclass(frozen=True, slots=True)
class SetScore:
    """An article set (the gold set, or the seed) against its gold."""

    name: str
    articles: tuple[ArticleScore, ...]
    detection: Detection
    attributes: tuple[AttributeScore, ...]
    rules: int

    @property
    def violations(self) -> tuple[Violation, ...]:
        """Every must_not_find violation, in article order."""
        return tuple(v for a in self.articles for v in a.violations)

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON."""
        return {
            "articles": len(self.articles),
            "detection": self.detection.to_dict(),
            "attributes": {a.name: a.to_dict() for a in self.attributes},
            "must_not_find": {
                "rules": self.rules,
                "violations": [dataclasses.asdict(v) for v in self.violations],
            },
            "events": {
                a.id: [
                    {"id": o.id, "found": o.found, "type": o.matched_type, "note": o.note}
                    for o in a.outcomes
                ]
                for a in self.articles
            },
        }


# --- scoring ---------------------------------------------------------------------------


def score_article(gold: GoldArticle, record: DocumentRecord) -> ArticleScore:
    """Score one article's document record against its gold events and rules."""
    text = record.article.text
    if text != gold.text:
        raise EvalInputError(f"document record {record.article.id} is not the text of {gold.id}")
    outcomes = tuple(_outcome(text, g, record.events) for g in gold.events)
    correct = optional = 0
    unmatched = []
    for event in record.events:
        if any(matches(text, g, event) for g in gold.events):
            correct += 1
        elif any(covers(text, event, quote) for quote in gold.optional):
            optional += 1
        else:
            unmatched.append(f"{canonical_type(event.type)} {event.trigger.text!r}")
    violations = tuple(
        Violation(rule.quote, canonical_type(e.type), e.factuality.value)
        for rule in gold.forbidden
        for e in record.events
        if violates(text, rule, e)
    )
    return ArticleScore(
        id=gold.id,
        outcomes=outcomes,
        system=len(record.events),
        correct=correct,
        optional=optional,
        violations=violations,
        unmatched=tuple(unmatched),
    )


def _outcome(text: str, gold: SeedGoldEvent, events: Sequence[Event]) -> EventOutcome:
    covering = [e for e in events if covers(text, e, gold.quote)]
    candidates = [e for e in covering if canonical_type(e.type) in gold.types]
    if not candidates:
        note = "no event in sentence"
        if covering:
            note = "types " + ", ".join(sorted({canonical_type(e.type) for e in covering}))
        return EventOutcome(gold.id, gold.quote, False, None, (), note)
    # The candidate that agrees with gold on most attributes; the first on ties.
    event, checks = max(
        ((e, seed_checks(gold, e)) for e in candidates),
        key=lambda pair: sum(v is True for v in pair[1].values()),
    )
    wrong = [name for name, ok in checks.items() if ok is False]
    note = "OK" if not wrong else "differs: " + ", ".join(wrong)
    return EventOutcome(
        gold.id, gold.quote, True, canonical_type(event.type), tuple(checks.items()), note
    )


def score_set(
    name: str, gold: Sequence[GoldArticle], records: Sequence[DocumentRecord]
) -> SetScore:
    """Score the records of an article set (in gold order) and sum the counts."""
    if len(gold) != len(records):
        raise EvalInputError(f"{name}: {len(gold)} gold articles but {len(records)} records")
    articles = tuple(score_article(g, r) for g, r in zip(gold, records, strict=True))
    totals = {attribute: [0, 0] for attribute in ATTRIBUTES}
    for a in articles:
        for o in a.outcomes:
            for attribute, ok in o.checks:
                if ok is not None:
                    totals[attribute][0] += 1
                    totals[attribute][1] += ok
    detection = Detection(
        found=sum(a.found for a in articles),
        gold=sum(len(a.outcomes) for a in articles),
        correct=sum(a.correct for a in articles),
        # Events in an `optional` sentence are neither right nor wrong.
        system=sum(a.system - a.optional for a in articles),
    )
    return SetScore(
        name=name,
        articles=articles,
        detection=detection,
        attributes=tuple(AttributeScore(n, k, c) for n, (k, c) in totals.items()),
        rules=sum(len(g.forbidden) for g in gold),
    )


# --- printing --------------------------------------------------------------------------


def format_set(score: SetScore, source: str, *, per_event: bool) -> str:
    """The detection line, the agreement table, the violations and (for the seed) each event."""
    d = score.detection
    lines = [
        f"{score.name} ({source}): {len(score.articles)} articles, {d.gold} gold events, "
        f"{d.system} scored system events",
        f"  found {d.found}/{d.gold} gold events; {d.correct}/{d.system} system events match gold",
        f"  micro P {d.precision:.3f}  R {d.recall:.3f}  F1 {d.f1:.3f}",
        f"  must_not_find violations {len(score.violations)} (rules: {score.rules})",
    ]
    if per_event:
        for article in score.articles:
            for o in article.outcomes:
                status = f"{o.matched_type}: {o.note}" if o.found else f"not found ({o.note})"
                lines.append(f"  {o.id:<4} {status}")
    for v in score.violations:
        lines.append(f"  NOT  {v.quote[:50]!r} -> {v.type} {v.factuality}")
    lines += ["", f"  {'attribute':<18} {'n':>4} {'correct':>7} {'accuracy':>8}"]
    for a in score.attributes:
        accuracy = "n/a" if a.accuracy is None else f"{a.accuracy:.3f}"
        lines.append(f"  {a.name:<18} {a.n:>4} {a.correct:>7} {accuracy:>8}")
    return "\n".join(lines)


def error_lines(scores: Iterable[SetScore]) -> Iterable[dict[str, Any]]:
    """One JSON object per article with a missed event, a false alarm or a violation."""
    for score in scores:
        for a in score.articles:
            missed = [
                {"id": o.id, "quote": o.quote, "note": o.note} for o in a.outcomes if not o.found
            ]
            if missed or a.unmatched or a.violations:
                yield {
                    "set": score.name,
                    "article": a.id,
                    "missed": missed,
                    "false_alarms": list(a.unmatched),
                    "violations": [dataclasses.asdict(v) for v in a.violations],
                }


# --- command line ------------------------------------------------------------------------


def read_gold_set(path: Path, limit: int | None) -> tuple[GoldArticle, ...]:
    """The gold-set articles of a JSON Lines file (the first `limit`, in file order)."""
    if not path.is_file():
        raise EvalInputError(f"French gold not found: {path}")
    gold = []
    # "\n" and not splitlines(): JSON strings may hold U+2028, which splitlines() breaks on.
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as err:
            raise EvalInputError(f"{path} line {number} is not JSON: {err.msg}") from err
        gold.append(parse_gold_line(raw, f"{path.name} line {number}"))
        if limit is not None and len(gold) == limit:
            break
    if not gold:
        raise EvalInputError(f"{path} holds no articles")
    return tuple(gold)


def read_seed(path: Path, gold_path: Path) -> tuple[Article, GoldArticle]:
    """The French seed article (read with harmattan's readers, marked French) and its gold."""
    article = dataclasses.replace(read_seed_article(path), language=LANGUAGE)
    return article, parse_seed_gold(load_json(gold_path, "French seed gold"), article)


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="eval/french.py",
        description="Score harmattan's event coding on the French gold set and the French seed.",
    )
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="French gold set (JSONL)")
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="French seed article")
    parser.add_argument("--seed-gold", type=Path, default=DEFAULT_SEED_GOLD, help="its gold")
    add_output_arguments(
        parser,
        limit="score only the first N gold-set articles",
        errors="write JSON Lines of every article with a miss, a false alarm or a violation",
    )
    return parse_scorer_args(parser, argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the scorer: 0 whenever it ran, 2 for missing or bad input, 1 when harmattan fails."""
    args = _parse_args(argv)
    try:
        gold = read_gold_set(args.gold, args.limit)
        seed_article, seed_gold = read_seed(args.seed, args.seed_gold)
    except EvalInputError as err:
        print(f"french.py: error: {err}", file=sys.stderr)
        return 2
    try:
        resources = Resources.load()
        # One article at a time through `extract`, which picks the pipeline by language.
        records = [extract(gold_article(g), resources) for g in gold]
        seed_record = extract(seed_article, resources)
    except HarmattanError as err:
        print(f"french.py: error: {err}", file=sys.stderr)
        return 1
    gold_score = score_set("French gold set", gold, records)
    seed_score = score_set("French seed", (seed_gold,), (seed_record,))
    print(format_set(gold_score, str(args.gold), per_event=False))
    print()
    print(format_set(seed_score, str(args.seed_gold), per_event=True))
    try:
        write_outputs(
            args.json,
            args.errors,
            {"schema": SCHEMA, "gold": gold_score.to_dict(), "seed": seed_score.to_dict()},
            error_lines((gold_score, seed_score)),
        )
    except OSError as err:
        print(f"french.py: error: cannot write {err.filename}: {err.strerror}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
