"""Event dating: when an event happened, from the time expression its clause carries.

- A DATE or TIME expression whose governing verb is the event's clause dates it
  ("On July 30, ECOWAS imposed ..."). So does one in a "when"/"after"/"as" clause
  attached to it ("When Wagner entered Mali last year, it led to the ousting ...").
  The event then gets the expression's first and last day, its precision and
  source `text`.
- A demand or threat with a stated deadline ("a one-week deadline", "by Sunday",
  "until August 6") is dated at publication and carries `deadline`, pending or
  expired relative to the publication date.
- Otherwise only publication bounds the event: asserted, negated and historical
  events happened on or before it, future ones on or after it; hypothetical ones
  are not bounded.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from harmattan.records import (
    DateSource,
    Deadline,
    EventDate,
    Factuality,
    TextSpan,
    Timex,
    TimexType,
)
from harmattan.temporal.values import add_duration, date_bounds

BACKGROUND_MARKS = frozenset({"when", "after", "as", "while", "since", "once", "before"})
"""English words opening a clause whose time is its head clause's ("When Wagner entered ...")."""
_DEADLINE_PREPS = {"by", "until", "till", "within", "before"}
_DEADLINE_TYPES = {"REQUEST", "THREATEN"}
_EXPIRY_VERBS = {"expire", "lapse", "pass", "elapse", "end"}
_ON_NOUN = {"relcl", "acl"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_DATED = {TimexType.DATE, TimexType.TIME}


@dataclass(frozen=True, slots=True)
class SentenceTimexes:
    """An article's time expressions, indexed once so that each event looks only at
    those of its own sentence: a parse never links a clause to a time in another
    sentence, and asking every expression about every event made a long article take
    minutes."""

    by_start: tuple[Timex, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, timexes: Sequence[Timex]) -> SentenceTimexes:
        """Index time expressions as the time stage returns them (text order kept)."""
        by_start = tuple(sorted(timexes, key=lambda t: t.start))
        return cls(by_start, tuple(t.start for t in by_start))

    def within(self, start: int, end: int) -> tuple[Timex, ...]:
        """The expressions that begin within `start`..`end`, in text order."""
        return self.by_start[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def date_event(
    type_name: str,
    trigger: Token,
    clause: Token,
    factuality: Factuality,
    timexes: Sequence[Timex],
    published: dt.date,
    background: frozenset[str] = BACKGROUND_MARKS,
) -> EventDate:
    """The date bounds of an event whose trigger is `trigger` in `clause`'s clause,
    from `timexes`: the time expressions of the trigger's sentence. `background` are the
    words of the article's language that open a clause setting its head clause's time."""
    doc = trigger.doc
    deadline = (
        _deadline(type_name, trigger, clause, timexes, published)
        if type_name in (_DEADLINE_TYPES)
        else None
    )
    if deadline is not None:
        timex, when, made = deadline
        status = "pending" if when >= published else "expired"
        # The demand is dated when the sentence says the time was given on a day.
        start, end = (made, made) if made is not None else (None, published)
        return EventDate(
            start,
            end,
            "day" if made is not None else "unknown",
            DateSource.TEXT if made is not None else DateSource.PUBLICATION,
            timex=TextSpan(timex.text, timex.start, timex.end),
            deadline=Deadline(when, status),
        )
    for timex in timexes:
        if timex.type not in _DATED:
            continue
        bounds = date_bounds(timex.value)
        head = _root(doc, timex)
        if bounds is None or head is None or not _dates_clause(head, clause, background):
            continue
        start, end, precision = bounds
        return EventDate(
            start,
            end,
            precision,
            DateSource.TEXT,
            timex=TextSpan(timex.text, timex.start, timex.end),
        )
    return publication_bounds(factuality, published)


def publication_bounds(factuality: Factuality, published: dt.date) -> EventDate:
    """What the publication date alone says about when an event happened."""
    if factuality is Factuality.FUTURE:
        return EventDate(published, None, "unknown", DateSource.PUBLICATION)
    if factuality is Factuality.HYPOTHETICAL:
        return EventDate(None, None, "unknown", DateSource.PUBLICATION)
    return EventDate(None, published, "unknown", DateSource.PUBLICATION)


def _deadline(
    type_name: str,
    trigger: Token,
    clause: Token,
    timexes: Sequence[Timex],
    published: dt.date,
) -> tuple[Timex, dt.date, dt.date | None] | None:
    """The deadline's time expression, its day, and the day the demand was made when the
    sentence says (a length of time counts from it)."""
    doc = trigger.doc
    expiry = _expiry(trigger)
    # "expired", "had lapsed": the time ran out before; "expires on Sunday": still to come.
    ran_out = expiry is not None and expiry.tag_ in ("VBD", "VBN")
    scope = {t.i for t in trigger.subtree} | {t.i for t in clause.subtree}
    if expiry is not None:
        scope |= {t.i for t in expiry.subtree}
    # A day before a time of day: "expired at midnight on Sunday" ran out on Sunday.
    dated = sorted(
        ((timex, head) for timex in timexes if (head := _root(doc, timex)) is not None),
        key=lambda pair: pair[0].type is TimexType.TIME,
    )
    for timex, head in dated:
        if head.i not in scope:
            continue
        if timex.type is TimexType.DURATION and _modifies_deadline(head, trigger):
            if ran_out:
                # "its seven-day ultimatum expired": it ran out before, from a start the
                # sentence does not give; a deadline counted from publication would be wrong.
                continue
            made = _clause_day(clause, dated)
            when = add_duration(made or published, timex.value)
            if when is not None:
                return timex, when, made
        if timex.type in _DATED and (
            head.head.lower_ in _DEADLINE_PREPS
            # "the ultimatum expired at midnight on Sunday", "a deadline on Sunday"
            or (expiry is not None and _governing_verb(head).i == expiry.i)
            or _attached_to(head, trigger)
        ):
            bounds = date_bounds(timex.value)
            if bounds is None:
                continue
            when = bounds[1]
            if not ran_out and when < published and _weekday_only(timex):
                # "a deadline on Sunday" in Saturday's paper is tomorrow, not last week:
                # a deadline still to come looks forward.
                when += dt.timedelta(days=7)
            return timex, when, None
    return None


def _expiry(trigger: Token) -> Token | None:
    """The verb saying when the demand's time runs out, near above the trigger ("the
    ultimatum expired", "a day after its ultimatum expired") or in a clause on it ("an
    ultimatum that expires on Sunday")."""
    near = [*list(trigger.ancestors)[:3], *(c for c in trigger.children if c.dep_ in _ON_NOUN)]
    return next((t for t in near if t.lemma_.lower() in _EXPIRY_VERBS), None)


def _weekday_only(timex: Timex) -> bool:
    return timex.text.lower().removeprefix("on ").strip() in _WEEKDAYS


def _attached_to(timex_head: Token, noun: Token) -> bool:
    """A date that qualifies the deadline noun itself: "a deadline on Sunday", "the
    August 6 deadline"."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False  # a date on a verb ("on Saturday urged") is when it happened
    if timex_head.head.i == noun.i:
        return timex_head.dep_ in ("compound", "nmod", "npadvmod", "amod")
    return timex_head.head.dep_ == "prep" and timex_head.head.head.i == noun.i


def _clause_day(clause: Token, dated: Sequence[tuple[Timex, Token]]) -> dt.date | None:
    """The day the clause itself happened on, when a date in it says so ("meeting on
    Sunday, the leaders gave them seven days"): a deadline's time counts from then."""
    for timex, head in dated:
        if timex.type not in _DATED or not (
            _dates_clause(head, clause) or _dates_subject(head, clause)
        ):
            continue
        bounds = date_bounds(timex.value)
        if bounds is not None and bounds[2] == "day":
            return bounds[0]
    return None


def _modifies_deadline(head: Token, trigger: Token) -> bool:
    """ "a one-week deadline", "a deadline of seven days", "gave them 48 hours", "gave
    the soldiers who seized power seven days to release him" (the time a demand made by
    giving it, wherever the parse hangs it)."""
    near = [head, *head.ancestors][:3]
    words = ("deadline", "ultimatum", "give", "grant", "within")
    return any(t.lemma_.lower() in words for t in near) or (
        trigger.lemma_.lower() in ("give", "grant", "allow") and head.i > trigger.i
    )


def _root(doc: Doc, timex: Timex) -> Token | None:
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span.root if span is not None else None


def _governing_verb(token: Token) -> Token:
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def _main_predicate(clause: Token) -> bool:
    """True when no other verb stands between the clause and the sentence root."""
    return not any(t.pos_ in ("VERB", "AUX") for t in clause.ancestors)


def _dates_subject(timex_head: Token, clause: Token) -> bool:
    """ "Leaders meeting in Abuja on Sunday gave them seven days": a date on what the
    clause's subject was doing is when the clause's act was done."""
    verb = _governing_verb(timex_head)
    if verb.head.i != clause.i or verb.i == clause.i:
        return False
    return verb.dep_ == "csubj" or (verb.dep_ == "acl" and verb.head.dep_ == "nsubj")


def _dates_clause(
    timex_head: Token, clause: Token, background: frozenset[str] = BACKGROUND_MARKS
) -> bool:
    verb = _governing_verb(timex_head)
    if verb.i == clause.i:
        return True
    if verb.dep_ == "ROOT" and verb.pos_ not in ("VERB", "AUX") and _main_predicate(clause):
        # A mis-parsed sentence whose root is a noun ("ECOWAS [imposed sanctions] on July
        # 30"): a time hung on the root dates the sentence's one predicate.
        return True
    # "When Wagner entered Mali last year, it led to ...": the time of the "when"
    # clause is the time of the main clause too.
    return (
        verb.dep_ == "advcl"
        and verb.head.i == clause.i
        and any(
            c.dep_ == "advmod" or c.dep_ == "mark" for c in verb.children if c.lower_ in background
        )
    )
