"""Which way an underspecified expression points, read from the tense of its clause.

"On Sunday" in "talks collapsed on Sunday" is the Sunday before the publication
date; in "talks will resume on Sunday" it is the one after. The governing verb is
found by walking up the dependency parse from the expression.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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


# French: the same directions, read from the morphologizer's features. The small
# model often tags a conditional or a future as present ("reprendraient" as
# Tense=Pres), so the verb's form is also checked against its future stem.
_FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont", "ais", "ait", "ions", "iez", "aient")
_FRENCH_NOUN_CASES = frozenset({"de", "d'", "d’", "du", "des"})


def french_tense_direction(
    doc: Doc, start: int, end: int, future_stems: Mapping[str, str]
) -> Direction:
    """The direction of the French clause governing the characters `start:end` of `doc`.

    `future_stems` gives the future stem of irregular verbs by the end of their lemma
    ("venir": "viendr"), as `french.toml` lists them.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return Direction.UNKNOWN
    root = span.root
    if (
        root.dep_ == "nmod"
        and root.head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "case" and c.lower_ in _FRENCH_NOUN_CASES for c in root.children)
    ):
        # "le sommet de mardi", "l'accord de juin": a date that completes a noun does
        # not take the clause's tense, as "Tuesday's summit" does not.
        return Direction.UNKNOWN
    verb = _french_governing_verb(root)
    if verb is None:
        return Direction.UNKNOWN
    return french_verb_direction(verb, future_stems)


def _is_french_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or (
        token.pos_ == "AUX" and not token.dep_.startswith("aux") and token.dep_ != "cop"
    )


def _french_governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(_MAX_HOPS):
        if _is_french_verb(current):
            return current
        # "Il était à Niamey mardi": the copula carries the tense of a verbless predicate.
        copula = next((c for c in current.children if c.dep_ == "cop"), None)
        if copula is not None:
            return copula
        if current.head.i == current.i:
            break
        current = current.head
    return next((t for t in token.sent if _is_french_verb(t)), None)


def _has(token: Token, feature: str, value: str) -> bool:
    return value in token.morph.get(feature, [])


def _future_stem(lemma: str, future_stems: Mapping[str, str]) -> str | None:
    endings = [e for e in future_stems if lemma.endswith(e)]
    if endings:
        ending = max(endings, key=len)
        return lemma[: len(lemma) - len(ending)] + future_stems[ending]
    if lemma.endswith(("er", "ir")):
        return lemma
    if lemma.endswith("re"):
        return lemma[:-1]
    return None


def _future_or_conditional(token: Token, future_stems: Mapping[str, str]) -> bool:
    if _has(token, "Tense", "Fut") or _has(token, "Mood", "Cnd"):
        return True
    if token.morph.get("VerbForm", []) not in ([], ["Fin"]):
        return False
    stem = _future_stem(token.lemma_.lower(), future_stems)
    form = token.lower_
    return stem is not None and any(form == stem + ending for ending in _FUTURE_ENDINGS)


def french_verb_direction(verb: Token, future_stems: Mapping[str, str]) -> Direction:
    """The direction a French verb's tense, mood and auxiliaries give its time expressions."""
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    lemmas = {a.lemma_.lower() for a in auxes}
    if "aller" in lemmas:
        return Direction.FUTURE
    if "venir" in lemmas:
        # "vient de signer" is a recent past.
        return Direction.PAST
    participle = _has(verb, "VerbForm", "Part") and _has(verb, "Tense", "Past")
    for aux in auxes:
        if _future_or_conditional(aux, future_stems):
            # "aurait attaqué dimanche" reports an unconfirmed past event; "sera signé"
            # and "aura quitté" lie ahead.
            if participle and _has(aux, "Mood", "Cnd"):
                return Direction.PAST
            return Direction.FUTURE
    if participle:
        # Passé composé, plus-que-parfait, a passive, or a participle alone ("arrêté
        # mardi"): news uses them for what has happened.
        return Direction.PAST
    if _has(verb, "VerbForm", "Inf"):
        return _french_infinitive_direction(verb, future_stems)
    if _future_or_conditional(verb, future_stems):
        return Direction.FUTURE
    if _has(verb, "Tense", "Past") or _has(verb, "Tense", "Imp") or verb.lower_.endswith("èrent"):
        return Direction.PAST
    if verb.morph.get("VerbForm", []) in (["Fin"], ["Part"]) or _has(verb, "Tense", "Pres"):
        return Direction.PRESENT
    return Direction.UNKNOWN


def _french_infinitive_direction(verb: Token, future_stems: Mapping[str, str]) -> Direction:
    """An infinitive points forward ("va se rendre", "doit signer", "prévoit de partir"),
    as an English "to" does, with the same exceptions."""
    if verb.head.i == verb.i:
        # A root infinitive is a misparsed finite verb ("rencontre" as Inf).
        return Direction.PRESENT
    head = _french_governing_verb(verb.head)
    if head is None or head.i == verb.i:
        return Direction.FUTURE
    if head.lemma_.lower() == "aller":
        return Direction.FUTURE
    if head.lemma_.lower() == "venir" and any(c.lemma_.lower() == "de" for c in verb.children):
        return Direction.PAST
    head_auxes = [c for c in head.children if c.dep_.startswith("aux")]
    if any(_has(a, "Tense", "Imp") for a in head_auxes):
        # "avait été prévu de reprendre vendredi": a plan before another past event.
        return Direction.PAST
    if verb.dep_ == "advcl" and french_verb_direction(head, future_stems) is Direction.PAST:
        # "se sont rassemblés pour marquer l'anniversaire vendredi".
        return Direction.PAST
    return Direction.FUTURE
