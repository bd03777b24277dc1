"""Score harmattan's PLOVER events against WikiEvents news articles (KAIROS event mentions).

    .venv/bin/python eval/wikievents.py [--data PATH] [--limit N] [--json FILE] [--errors FILE]

The rules are those of ../shared/eval/news/README.md ("wikievents-dev.jsonl"):

- An article's text is its `sentences[i][1]` joined with single spaces (the
  file's own offsets do not match its `text`). Each gold trigger is found by its
  text inside its sentence (`trigger.sent_idx`).
- A KAIROS type maps to PLOVER through `KAIROS_TO_PLOVER` (prefix rules; Life.Die
  needs a Killer argument, Life.Injure an Injurer). A mention of any other type
  is not scored, and neither is a harmattan event of a type outside `SCORED_TYPES`.
- A harmattan event belongs to the gold sentence that holds the first character
  of its trigger, whatever harmattan's own sentence boundaries are.

Duplicates: each gold mention and each produced event counts once, and nothing
is paired one to one. A gold mention is **found** when the sentence holds at
least one event of its PLOVER type; so one event finds every mention of its type
in its sentence. A produced event is **correct** when its sentence holds at least
one gold mention of its type; so two events of one type beside one mention are
both correct, and two beside none are two false alarms.

The scoring functions (`score_articles` and the helpers it uses) are pure:
they take parsed gold and harmattan's `DocumentRecord`s and return frozen
results. `main` does the reading, the extraction and the printing.
eval/README.md says what each figure means.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import sys
import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
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
from harmattan.records import Article, DocumentRecord, Event, Participant

SCHEMA = "harmattan.eval.wikievents/1"
SOURCE = "WikiEvents"
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_DATA = SHARED / "eval" / "news" / "wikievents-dev.jsonl"
# WikiEvents gives no publication date. The reports describe incidents up to
# 2019, so every article gets one fixed date after all of them instead of the
# clock's. The date moves only factuality and event dates, which are not scored.
PUBLISHED = dt.date(2020, 1, 1)


@dataclass(frozen=True, slots=True)
class TypeRule:
    """The KAIROS type `kairos` and those under it are `plover`, given a `requires` argument."""

    kairos: str
    plover: str
    requires: str | None = None

    def matches(self, kairos_type: str, roles: frozenset[str]) -> bool:
        """Whether a mention of this KAIROS type with these argument roles falls under the rule."""
        named = kairos_type == self.kairos or kairos_type.startswith(self.kairos + ".")
        return named and (self.requires is None or self.requires in roles)


# The scoring rule of ../shared/eval/news/README.md, kept here and not in
# harmattan's data so that a change to the coder cannot move the yardstick.
# "Conflict.Attack.*" is the rule "Conflict.Attack": the type itself or any under it.
KAIROS_TO_PLOVER = (
    TypeRule("Conflict.Attack", "ASSAULT"),
    TypeRule("ArtifactExistence.DamageDestroyDisableDismantle", "ASSAULT"),
    TypeRule("Life.Die", "ASSAULT", requires="Killer"),
    TypeRule("Life.Injure", "ASSAULT", requires="Injurer"),
    TypeRule("Justice.ArrestJailDetain", "COERCE"),
    TypeRule("Justice.ChargeIndict", "ACCUSE"),
    TypeRule("Justice.InvestigateCrime", "ACCUSE"),
    TypeRule("Justice.Sentence", "SANCTION"),
    TypeRule("Justice.Convict", "SANCTION"),
    TypeRule("Contact.ThreatenCoerce", "THREATEN"),
    TypeRule("Contact.Contact.Meet", "CONSULT"),
    TypeRule("Contact.Meet", "CONSULT"),
    TypeRule("Conflict.Demonstrate", "PROTEST"),
    TypeRule("Contact.RequestCommand", "REQUEST"),
)
# The PLOVER types the table reaches, in PLOVER's order (shared/PLOVER.md).
SCORED_TYPES = (
    "CONSULT",
    "REQUEST",
    "ACCUSE",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "COERCE",
    "ASSAULT",
)
ALL = "all"


def plover_type(kairos_type: str, roles: Iterable[str]) -> str | None:
    """The PLOVER type a KAIROS mention is scored as, or None when it is not scored."""
    present = frozenset(roles)
    for rule in KAIROS_TO_PLOVER:
        if rule.matches(kairos_type, present):
            return rule.plover
    return None


# --- gold ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """A sentence of the file, as a span of the rebuilt article text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldArgument:
    """An argument of a gold mention: its KAIROS role and the text filling it."""

    role: str
    text: str


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A KAIROS event mention; `start`/`end` index the rebuilt article text."""

    id: str
    kairos_type: str
    plover_type: str | None
    trigger: str
    sentence: int
    start: int
    end: int
    arguments: tuple[GoldArgument, ...]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One WikiEvents article: the rebuilt text, its sentences and its gold mentions."""

    id: str
    text: str
    sentences: tuple[GoldSentence, ...]
    mentions: tuple[GoldMention, ...]


def rebuild_text(sentence_texts: Sequence[str]) -> tuple[str, tuple[GoldSentence, ...]]:
    """The article text (the sentences joined with single spaces) and each sentence's span."""
    spans = []
    start = 0
    for sentence in sentence_texts:
        spans.append(GoldSentence(start, start + len(sentence)))
        start += len(sentence) + 1
    return " ".join(sentence_texts), tuple(spans)


def locate_trigger(sentence: str, trigger: str, hint: int | None = None) -> int | None:
    """Where `trigger` starts in `sentence`: at `hint` when it is there, else its first occurrence.

    The hint is the offset the file's tokens give. The file's offsets are shifted
    against the text, but consistently within a sentence, so the hint picks the
    right one of several occurrences; the trigger text is what decides.
    """
    if hint is not None and sentence[hint : hint + len(trigger)] == trigger:
        return hint
    found = sentence.find(trigger)
    return found if found >= 0 else None


def parse_article(raw: object, where: str) -> GoldArticle:
    """A typed gold article from one parsed line of the file; `where` names it in errors."""
    if not isinstance(raw, dict):
        raise EvalInputError(f"{where} is not a JSON object")
    doc_id = raw.get("doc_id")
    if not isinstance(doc_id, str) or not doc_id:
        raise EvalInputError(f"{where} has no 'doc_id'")
    where = f"{where} ({doc_id})"
    texts, tokens = _sentences(raw.get("sentences"), where)
    text, spans = rebuild_text(texts)
    mentions = raw.get("event_mentions")
    if not isinstance(mentions, list):
        raise EvalInputError(f"{where} has no 'event_mentions' list")
    first_token = [sum(len(t) for t in tokens[:i]) for i in range(len(tokens))]
    return GoldArticle(
        id=doc_id,
        text=text,
        sentences=spans,
        mentions=tuple(
            _mention(m, k, where, texts, tokens, first_token, spans) for k, m in enumerate(mentions)
        ),
    )


Token = tuple[str, int, int]


def _sentences(value: object, where: str) -> tuple[list[str], list[list[Token]]]:
    if not isinstance(value, list) or not value:
        raise EvalInputError(f"{where} has no 'sentences' list")
    texts, tokens = [], []
    for i, sentence in enumerate(value):
        shape_ok = isinstance(sentence, list) and len(sentence) == 2
        if not shape_ok or not isinstance(sentence[1], str) or not isinstance(sentence[0], list):
            raise EvalInputError(f"{where}: sentence {i} is not [tokens, sentence_text]")
        if not all(_is_token(t) for t in sentence[0]):
            raise EvalInputError(
                f"{where}: sentence {i} has a token that is not [text, start, end]"
            )
        texts.append(sentence[1])
        tokens.append([(t[0], t[1], t[2]) for t in sentence[0]])
    return texts, tokens


def _is_token(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 3
        and isinstance(value[0], str)
        and all(isinstance(x, int) and not isinstance(x, bool) for x in value[1:])
    )


def _mention(
    raw: object,
    index: int,
    where: str,
    texts: Sequence[str],
    tokens: Sequence[Sequence[Token]],
    first_token: Sequence[int],
    spans: Sequence[GoldSentence],
) -> GoldMention:
    if not isinstance(raw, dict):
        raise EvalInputError(f"{where}: event mention {index} is not a JSON object")
    mention_id = str(raw.get("id", index))
    what = f"{where}: event mention {mention_id}"
    kairos_type, trigger = raw.get("event_type"), raw.get("trigger")
    if not isinstance(kairos_type, str) or not kairos_type:
        raise EvalInputError(f"{what} has no 'event_type'")
    if not isinstance(trigger, dict):
        raise EvalInputError(f"{what} has no 'trigger' object")
    trigger_text, sent_idx = trigger.get("text"), trigger.get("sent_idx")
    if not isinstance(trigger_text, str) or not trigger_text:
        raise EvalInputError(f"{what} has no trigger 'text'")
    if not isinstance(sent_idx, int) or not 0 <= sent_idx < len(texts):
        raise EvalInputError(f"{what} has no trigger 'sent_idx' among its {len(texts)} sentences")
    offset = locate_trigger(
        texts[sent_idx],
        trigger_text,
        _token_hint(trigger.get("start"), sent_idx, tokens, first_token),
    )
    if offset is None:
        raise EvalInputError(f"{what}: trigger {trigger_text!r} is not in sentence {sent_idx}")
    arguments = tuple(_argument(a, what) for a in _list(raw.get("arguments"), what))
    start = spans[sent_idx].start + offset
    return GoldMention(
        id=mention_id,
        kairos_type=kairos_type,
        plover_type=plover_type(kairos_type, (a.role for a in arguments)),
        trigger=trigger_text,
        sentence=sent_idx,
        start=start,
        end=start + len(trigger_text),
        arguments=arguments,
    )


def _token_hint(
    token: object, sent_idx: int, tokens: Sequence[Sequence[Token]], first_token: Sequence[int]
) -> int | None:
    # `trigger.start` counts tokens over the whole article; its offset relative to
    # the sentence's first token is right even where the absolute one is not.
    if not isinstance(token, int):
        return None
    k = token - first_token[sent_idx]
    sentence_tokens = tokens[sent_idx]
    if not 0 <= k < len(sentence_tokens):
        return None
    return sentence_tokens[k][1] - sentence_tokens[0][1]


def _list(value: object, what: str) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise EvalInputError(f"{what}: 'arguments' is not a list")
    return value


def _argument(raw: object, what: str) -> GoldArgument:
    if not isinstance(raw, dict) or not isinstance(raw.get("role"), str):
        raise EvalInputError(f"{what} has an argument without a 'role'")
    text = raw.get("text")
    return GoldArgument(role=raw["role"], text=text if isinstance(text, str) else "")


def read_gold(path: Path, limit: int | None = None) -> tuple[GoldArticle, ...]:
    """The first `limit` articles (all when None) of a WikiEvents JSON Lines file."""
    if not path.is_file():
        raise EvalInputError(f"wikievents data not found: {path}")
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise EvalInputError(f"{path} cannot be read as UTF-8 text: {err}") from err
    return parse_lines(content, str(path), limit)


def parse_lines(content: str, name: str, limit: int | None = None) -> tuple[GoldArticle, ...]:
    """Typed gold articles from the text of a JSON Lines file (blank lines skipped)."""
    articles: list[GoldArticle] = []
    # JSON Lines ends records at "\n" only: splitlines() would also split inside
    # a record at U+2028 and the other separators that JSON strings may hold raw.
    for number, line in enumerate(content.split("\n"), start=1):
        if limit is not None and len(articles) >= limit:
            break
        if not line.strip():
            continue
        where = f"{name} line {number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as err:
            raise EvalInputError(f"{where} is not JSON: {err.msg}") from err
        articles.append(parse_article(raw, where))
    if not articles:
        raise EvalInputError(f"{name} holds no articles")
    return tuple(articles)


def wikievents_article(gold: GoldArticle) -> Article:
    """The article harmattan reads: the rebuilt text, so gold offsets hold."""
    return Article(id=gold.id, published=PUBLISHED, text=gold.text, source=SOURCE)


# --- results ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TypeCounts:
    """Recall over gold mentions and precision over produced events, for one type or all."""

    type: str
    gold: int
    found: int
    predicted: int
    correct: int

    @property
    def recall(self) -> float:
        """found / gold mentions (0 when there are none)."""
        return ratio(self.found, self.gold)

    @property
    def precision(self) -> float:
        """correct / produced events (0 when there are none)."""
        return ratio(self.correct, self.predicted)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return f1_of(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        """The counts and ratios as JSON."""
        return {
            "gold": self.gold,
            "found": self.found,
            "predicted": self.predicted,
            "correct": self.correct,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True, slots=True)
class KairosRecall:
    """How many scored gold mentions of one KAIROS type were found."""

    kairos_type: str
    plover_type: str
    gold: int
    found: int

    @property
    def recall(self) -> float:
        """found / gold."""
        return ratio(self.found, self.gold)


@dataclass(frozen=True, slots=True)
class SentenceOutcome:
    """One gold sentence: every gold mention in it and every event whose trigger starts in it."""

    article: str
    index: int
    text: str
    gold: tuple[GoldMention, ...]
    predicted: tuple[Event, ...]

    @property
    def gold_types(self) -> frozenset[str]:
        """The PLOVER types of the scored gold mentions."""
        return frozenset(m.plover_type for m in self.gold if m.plover_type is not None)

    @property
    def predicted_types(self) -> frozenset[str]:
        """The scored types of the produced events."""
        return frozenset(e.type for e in self.predicted if e.type in SCORED_TYPES)

    def found(self, mention: GoldMention) -> bool | None:
        """Whether a scored mention was found (None for an unscored one)."""
        if mention.plover_type is None:
            return None
        return mention.plover_type in self.predicted_types

    def correct(self, event: Event) -> bool | None:
        """Whether a produced event of a scored type is correct (None for another type)."""
        if event.type not in SCORED_TYPES:
            return None
        return event.type in self.gold_types

    @property
    def missed(self) -> tuple[GoldMention, ...]:
        """The scored gold mentions not found."""
        return tuple(m for m in self.gold if self.found(m) is False)

    @property
    def false_alarms(self) -> tuple[Event, ...]:
        """The produced events of scored types with no gold mention of their type."""
        return tuple(e for e in self.predicted if self.correct(e) is False)


@dataclass(frozen=True, slots=True)
class WikiEventsScore:
    """Per-type and overall figures, and every sentence's outcome for the errors file."""

    articles: int
    sentences: tuple[SentenceOutcome, ...]
    per_type: tuple[TypeCounts, ...]
    total: TypeCounts
    per_kairos: tuple[KairosRecall, ...]
    unscored: tuple[tuple[str, int], ...]
    """Gold mentions not scored, per KAIROS type, most first."""
    events: int
    """Every event harmattan produced, of any type."""

    def type_counts(self, event_type: str) -> TypeCounts:
        """The row of one PLOVER type (or `all`)."""
        if event_type == ALL:
            return self.total
        return next(t for t in self.per_type if t.type == event_type)

    @property
    def gold_mentions(self) -> int:
        """Every gold mention, scored or not."""
        return sum(len(s.gold) for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON (the per-sentence detail goes to the errors file)."""
        return {
            "articles": self.articles,
            "sentences": len(self.sentences),
            "gold_mentions": self.gold_mentions,
            "scored_mentions": self.total.gold,
            "unscored_mentions": dict(self.unscored),
            "events": self.events,
            "scored_events": self.total.predicted,
            "per_type": {t.type: t.to_dict() for t in self.per_type},
            ALL: self.total.to_dict(),
            "per_kairos_type": {
                k.kairos_type: {
                    "plover": k.plover_type,
                    "gold": k.gold,
                    "found": k.found,
                    "recall": k.recall,
                }
                for k in self.per_kairos
            },
        }


# --- scoring ---------------------------------------------------------------------


def sentence_at(sentences: Sequence[GoldSentence], offset: int) -> int:
    """The gold sentence holding `offset`; a joining space goes with the sentence before it."""
    return max(0, bisect.bisect_right([s.start for s in sentences], offset) - 1)


def article_outcomes(gold: GoldArticle, record: DocumentRecord) -> tuple[SentenceOutcome, ...]:
    """Each gold sentence of an article with its gold mentions and harmattan's events."""
    if record.article.text != gold.text:
        raise EvalInputError(f"document record {record.article.id} was made from another text")
    events: list[list[Event]] = [[] for _ in gold.sentences]
    for event in record.events:
        events[sentence_at(gold.sentences, event.trigger.start)].append(event)
    return tuple(
        SentenceOutcome(
            article=gold.id,
            index=i,
            text=gold.text[span.start : span.end],
            gold=tuple(m for m in gold.mentions if m.sentence == i),
            predicted=tuple(events[i]),
        )
        for i, span in enumerate(gold.sentences)
    )


def _articles(gold: Sequence[GoldArticle]) -> Iterable[Article]:
    return (wikievents_article(g) for g in gold)


def score_articles(
    gold: Sequence[GoldArticle], records: Sequence[DocumentRecord]
) -> WikiEventsScore:
    """Score one document record per gold article, sentence by sentence."""
    by_id = {r.article.id: r for r in records}
    missing = [g.id for g in gold if g.id not in by_id]
    if missing:
        raise EvalInputError(f"{len(missing)} gold articles have no document record: {missing[0]}")
    stray = sorted(set(by_id) - {g.id for g in gold})
    if stray:
        raise EvalInputError(f"document record {stray[0]} is not one of the gold articles")
    outcomes = tuple(o for g in gold for o in article_outcomes(g, by_id[g.id]))
    per_type = tuple(_type_counts(t, outcomes) for t in SCORED_TYPES)
    total = TypeCounts(
        ALL,
        gold=sum(t.gold for t in per_type),
        found=sum(t.found for t in per_type),
        predicted=sum(t.predicted for t in per_type),
        correct=sum(t.correct for t in per_type),
    )
    mentions = [(m, o.found(m)) for o in outcomes for m in o.gold]
    return WikiEventsScore(
        articles=len(gold),
        sentences=outcomes,
        per_type=per_type,
        total=total,
        per_kairos=_kairos_recall(mentions),
        unscored=tuple(
            Counter(m.kairos_type for m, found in mentions if found is None).most_common()
        ),
        events=sum(len(r.events) for r in records),
    )


def _type_counts(event_type: str, outcomes: Sequence[SentenceOutcome]) -> TypeCounts:
    gold = [o.found(m) is True for o in outcomes for m in o.gold if m.plover_type == event_type]
    predicted = [
        o.correct(e) is True for o in outcomes for e in o.predicted if e.type == event_type
    ]
    return TypeCounts(event_type, len(gold), sum(gold), len(predicted), sum(predicted))


def _kairos_recall(mentions: Sequence[tuple[GoldMention, bool | None]]) -> tuple[KairosRecall, ...]:
    counts: dict[tuple[str, str], list[int]] = {}
    for m, found in mentions:
        if m.plover_type is None:
            continue
        row = counts.setdefault((m.kairos_type, m.plover_type), [0, 0])
        row[0] += 1
        row[1] += bool(found)
    # Grouped as the PLOVER table is, the most frequent KAIROS type first.
    keys = sorted(counts, key=lambda k: (SCORED_TYPES.index(k[1]), -counts[k][0], k[0]))
    return tuple(KairosRecall(k, p, *counts[(k, p)]) for k, p in keys)


def error_lines(score: WikiEventsScore) -> Iterable[dict[str, Any]]:
    """One JSON object per sentence with a missed mention or a false alarm, in text order."""
    for o in score.sentences:
        if not (o.missed or o.false_alarms):
            continue
        yield {
            "article": o.article,
            "sentence": o.index,
            "text": o.text,
            "missed": sorted({m.plover_type for m in o.missed if m.plover_type}),
            "false_alarms": sorted({e.type for e in o.false_alarms}),
            "gold": [_gold_dict(m, o.found(m)) for m in o.gold],
            "predicted": [_event_dict(e, o.correct(e)) for e in o.predicted],
        }


def _gold_dict(m: GoldMention, found: bool | None) -> dict[str, Any]:
    return {
        "id": m.id,
        "kairos_type": m.kairos_type,
        "plover_type": m.plover_type,
        "trigger": m.trigger,
        "start": m.start,
        "end": m.end,
        "arguments": [{"role": a.role, "text": a.text} for a in m.arguments],
        "found": found,
    }


def _event_dict(e: Event, correct: bool | None) -> dict[str, Any]:
    return {
        "type": e.type,
        "mode": e.mode,
        "factuality": e.factuality.value,
        "trigger": e.trigger.text,
        "start": e.trigger.start,
        "end": e.trigger.end,
        "actors": [_participant_dict(p) for p in e.actors],
        "recipients": [_participant_dict(p) for p in e.recipients],
        "correct": correct,
    }


def _participant_dict(p: Participant) -> dict[str, Any]:
    return {"text": p.text, "country": p.actor.country, "sector": p.actor.sector}


# --- printing --------------------------------------------------------------------

HEADER = ("PLOVER type", "gold", "found", "R", "events", "correct", "P", "F1")


def format_score(score: WikiEventsScore, source: str) -> str:
    """The per-type table with its `all` row, recall per KAIROS type, and what was not scored."""
    total = score.total
    unscored = score.gold_mentions - total.gold
    lines = [
        f"WikiEvents ({source}): {score.articles} articles, {len(score.sentences)} sentences, "
        f"{score.gold_mentions} gold mentions ({total.gold} scored), "
        f"{score.events} events ({total.predicted} of scored types)",
        "",
        *markdown_table([HEADER, *(_cells(t) for t in (*score.per_type, total))]),
        "",
        *markdown_table(
            [
                ("KAIROS type", "PLOVER", "gold", "found", "R"),
                *(
                    (k.kairos_type, k.plover_type, str(k.gold), str(k.found), f"{k.recall:.3f}")
                    for k in score.per_kairos
                ),
            ],
            left=(0, 1),
        ),
        "",
        f"not scored: {unscored} gold mentions (a KAIROS type outside the table, or Life.Die /",
        "Life.Injure without a Killer / Injurer argument):",
        *textwrap.wrap(
            ", ".join(f"{name} {n}" for name, n in score.unscored),
            width=100,
            initial_indent="  ",
            subsequent_indent="  ",
        ),
    ]
    return "\n".join(lines)


def _cells(t: TypeCounts) -> tuple[str, ...]:
    return (
        t.type,
        str(t.gold),
        str(t.found),
        f"{t.recall:.3f}",
        str(t.predicted),
        str(t.correct),
        f"{t.precision:.3f}",
        f"{t.f1:.3f}",
    )


# --- command line ------------------------------------------------------------------


SCORER = OneSetScorer(
    prog="wikievents.py",
    description="Score harmattan's PLOVER events on WikiEvents news articles (KAIROS gold).",
    schema=SCHEMA,
    default_data=DEFAULT_DATA,
    data_help="WikiEvents JSON Lines file",
    limit_help="score only the first N articles",
    errors_help="write JSON Lines of every sentence with a missed mention or a false alarm",
    read_gold=read_gold,
    articles=_articles,
    score=score_articles,
    render=format_score,
    error_lines=error_lines,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the scorer: 0 whenever it ran, 2 for missing or bad input, 1 when harmattan fails."""
    return SCORER.run(argv)


if __name__ == "__main__":
    sys.exit(main())
