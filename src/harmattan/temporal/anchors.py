"""Which way an underspecified expression points, read from the tense of its clause.

"On Sunday" in "talks collapsed on Sunday" is the Sunday before the publication
date; in "talks will resume on Sunday" it is the one after. The governing verb is
found by walking up the dependency parse from the expression.
"""

from __future__ import annotations

import re
from enum import StrEnum

from spacy.tokens import Doc, Token

_FUTURE_AUX = frozenset({"will", "'ll", "wo", "shall", "would", "'d"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "'s"})
_MAX_HOPS = 6
_NOUN_MODIFIER = frozenset({"compound", "nmod", "amod"})
# A deadline or an end point is ahead even in a past-tense clause ("extended the
# offer to Nov. 16", "payable Dec. 15"), and so is the earliest a thing may
# happen ("could arrive as early as Tuesday").
_FORWARD_CUE = re.compile(
    r"\b(?:until|till|through|to|by|effective|payable|record|starting|expires?|expiring"
    r"|as\s+(?:early|soon)\s+as)\s+$",
    re.IGNORECASE,
)


class Direction(StrEnum):
    """Where an expression lies relative to the publication date."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"
    UNKNOWN = "unknown"


def tense_direction(doc: Doc, start: int, end: int) -> Direction:
    """The direction of the clause governing the characters `start:end` of `doc`."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return Direction.UNKNOWN
    if span.root.dep_ == "poss":
        # "Wednesday's ruling" names a past event whatever the clause's tense.
        return Direction.UNKNOWN
    if span.root.dep_ in _NOUN_MODIFIER and span.root.head.pos_ in ("NOUN", "PROPN"):
        # A date that classifies a noun ("a June agreement", "the Jan. 14 deadline")
        # does not take the clause's tense.
        return Direction.UNKNOWN
    verb = _governing_verb(span.root)
    if verb is None:
        return Direction.UNKNOWN
    return verb_direction(verb)


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(_MAX_HOPS):
        if _is_verb(current):
            return current
        if current.head.i == current.i:
            break
        current = current.head
    # Verbless fragments ("Friday, a rally."): fall back on the sentence's first verb.
    return next((t for t in token.sent if _is_verb(t)), None)


def verb_direction(verb: Token) -> Direction:
    """The direction a verb's tense and auxiliaries give its time expressions."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or verb.lower_ in _FUTURE_AUX:
        return Direction.FUTURE
    if verb.tag_ == "VB" and "to" in words:
        # "plans to meet Friday" and "planned to leave Thursday" point forward, unless
        # the plan lies before another past event ("had been due to expire Friday")
        # or the infinitive is the purpose of a past act ("gathered to mark it Friday").
        head = _governing_verb(verb.head) if verb.head.i != verb.i else None
        if head is not None and head.i != verb.i:
            if _past_perfect(head):
                return Direction.PAST
            if verb.dep_ == "advcl" and verb_direction(head) is Direction.PAST:
                return Direction.PAST
        return Direction.FUTURE
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return Direction.PAST
    if verb.tag_ == "VBN":
        if words & _PERFECT_AUX or not words:
            return Direction.PAST
        return Direction.PRESENT
    if verb.tag_ == "VBG" and "going" not in words:
        # A progressive with a time ("is meeting Friday") usually announces a plan.
        return Direction.PRESENT
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return Direction.PRESENT
    return Direction.UNKNOWN


def _past_perfect(verb: Token) -> bool:
    return any(c.lower_ in ("had", "'d") and c.dep_ == "aux" for c in verb.children)


def forward_cue(text: str, start: int) -> bool:
    """Whether the words just before `start` make a date an end point or a deadline."""
    return _FORWARD_CUE.search(text, max(0, start - 16), start) is not None
