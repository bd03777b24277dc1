"""Attribution: who the text says reports an event ("X said ...", "according to X")."""

from __future__ import annotations

from spacy.tokens import Token

from harmattan.actors.resolve import DocumentActors
from harmattan.events.lexicon import Lexicon
from harmattan.records import Attribution

_SUBJECTS = ("nsubj", "nsubjpass")


def attribution_for(clause: Token, lexicon: Lexicon, actors: DocumentActors) -> Attribution | None:
    """The source the sentence gives for the event in `clause`; None when the article asserts it."""
    for ancestor in clause.ancestors:
        if ancestor.lemma_ in lexicon.reporting_verbs and not _in_subject(clause, ancestor):
            source = _subject(ancestor)
            if source is not None:
                return source_attribution(source, actors)
    for token in clause.sent:
        if token.lower_ == "according":
            for prep in token.children:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return source_attribution(pobj, actors)
    return None


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    return None


def _in_subject(token: Token, verb: Token) -> bool:
    subject = _subject(verb)
    return subject is not None and subject.left_edge.i <= token.i <= subject.right_edge.i


def source_attribution(head: Token, actors: DocumentActors) -> Attribution:
    """The attribution to the phrase headed at `head`, resolved to its actor when it names one."""
    start = head.left_edge.i
    # A preposition is no part of the source: "selon la CEDEAO" is "la CEDEAO" (Universal
    # Dependencies hang it from the noun; the English model never does).
    while start < head.i and head.doc[start].dep_ in ("case", "fixed"):
        start += 1
    span = head.doc[start : head.right_edge.i + 1]
    participants = actors.resolve(head)
    actor = participants[0].actor if participants else None
    return Attribution(span.text, span.start_char, span.end_char, actor)
