"""Factuality: whether the text reports an event as real, denied, possible, planned or past.

Read from the trigger's clause, in this order (the first that applies wins):

- negated: a negation on the trigger or its clause ("did not attack", "no sanctions"),
  a negated noun governing it ("no evidence that ..."), or a denial verb over it
  ("denied that it had asked ...");
- hypothetical: a modal (may, might, could, should; would outside reported speech),
  a condition (if, unless, whether), a governing noun of possibility ("the
  possibility of an intervention"), a hedging verb ("considering an intervention")
  or an uncertain predicate ("it is unclear when ...");
- future: will/shall, "would" in reported speech, or a governing verb of intention
  or schedule ("plans to", "is expected to", "is set to");
- historical: a past-tense clause in a sentence that places itself in an earlier
  year ("last year", "in 2021", "years ago") or in the past perfect;
- otherwise asserted.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Token

from harmattan.events.lexicon import Lexicon
from harmattan.records import Factuality

_NEGATIONS = {"not", "n't", "never", "no", "neither", "nor", "without"}
_HYPOTHETICAL_MODALS = {"may", "might", "could", "should", "can", "must"}
_FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
_CONDITIONS = {"if", "unless", "whether", "lest"}
_UNCERTAIN = {"unclear", "uncertain", "possible", "likely", "unlikely", "unknown", "doubtful"}
_CLAUSE_LINKS = {"xcomp", "conj", "ccomp", "advcl", "relcl", "acl", "pcomp", "pobj", "prep", "dobj"}
_PAST_PHRASES = re.compile(
    r"\b(last year|years ago|decades? ago|in the past|previously|formerly|a decade ago)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def factuality_of(
    trigger: Token, clause: Token, lexicon: Lexicon, published: dt.date
) -> Factuality:
    """The factuality of an event whose trigger heads `trigger` within `clause`'s clause."""
    chain = _governors(clause)
    if _negated(trigger, clause, chain, lexicon):
        return Factuality.NEGATED
    if _hypothetical(trigger, clause, chain, lexicon):
        return Factuality.HYPOTHETICAL
    if _future(clause, chain, lexicon):
        return Factuality.FUTURE
    if _historical(clause, published):
        return Factuality.HISTORICAL
    return Factuality.ASSERTED


def _governors(clause: Token) -> list[Token]:
    """The clause head and the heads that govern it, up to the sentence root."""
    chain = [clause]
    token = clause
    while token.head.i != token.i and token.dep_ in _CLAUSE_LINKS:
        token = token.head
        chain.append(token)
    return chain


def _negated(trigger: Token, clause: Token, chain: list[Token], lexicon: Lexicon) -> bool:
    own = {trigger, clause}
    if any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for t in own for c in t.children
    ):
        return True
    for governor in chain[1:]:
        if governor.lemma_ in lexicon.denial_verbs:
            return True
        if governor.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ == "no" for c in governor.children
        ):
            return True
    # "there is no evidence linking X to Y": the event sits under a negated noun.
    for ancestor in trigger.ancestors:
        if ancestor.pos_ == "NOUN" and any(
            c.dep_ in ("det", "neg") and c.lower_ in _NEGATIONS for c in ancestor.children
        ):
            return True
    return False


def _hypothetical(trigger: Token, clause: Token, chain: list[Token], lexicon: Lexicon) -> bool:
    for head in chain:
        reported = _under_reporting(head, lexicon)
        for child in head.children:
            if child.dep_ in ("aux", "auxpass"):
                if child.lower_ in _HYPOTHETICAL_MODALS:
                    return True
                if child.lower_ in ("would", "'d") and not reported:
                    return True
            if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
                return True
            if child.dep_ == "acomp" and child.lower_ in _UNCERTAIN:
                return True
        if head is not clause and head.lemma_ in lexicon.hedge_verbs:
            return True
        if head.lower_ in _UNCERTAIN:
            return True
    for ancestor in [trigger, *trigger.ancestors]:
        if ancestor is not trigger and ancestor.lemma_.lower() in lexicon.hypothetical_nouns:
            return True
        if ancestor.dep_ in ("ROOT", "ccomp", "advcl") and ancestor is not trigger:
            break
    return False


def _future(clause: Token, chain: list[Token], lexicon: Lexicon) -> bool:
    for below, head in zip([None, *chain], chain, strict=False):
        reported = _under_reporting(head, lexicon)
        for child in head.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in _FUTURE_MODALS:
                return True
            if child.dep_ in ("aux", "auxpass") and child.lower_ in ("would", "'d") and reported:
                return True
            if child.dep_ == "aux" and child.lower_ == "going":
                return True
        # "plans to attack", "is set to meet" are ahead; "set off bombs and exchanged
        # fire" and "set fire to offices following the killing" are not: only what a
        # future verb governs as its complement shares its sense.
        if (
            head is not clause
            and head.lemma_ in lexicon.future_verbs
            and below is not None
            and below.dep_ == "xcomp"
        ):
            return True
    return False


def _historical(clause: Token, published: dt.date) -> bool:
    if clause.tag_ not in ("VBD", "VBN") and not any(
        c.tag_ == "VBD" for c in clause.children if c.dep_ in ("aux", "auxpass")
    ):
        return False
    if any(c.lower_ == "had" and c.dep_ == "aux" for c in clause.children):
        return True
    sentence = clause.sent.text
    if _PAST_PHRASES.search(sentence):
        return True
    return any(int(year) < published.year for year in _YEAR.findall(sentence))


def _under_reporting(token: Token, lexicon: Lexicon) -> bool:
    return any(a.lemma_ in lexicon.reporting_verbs for a in token.ancestors)
