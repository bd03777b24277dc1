"""PLOVER event coding: codebook, coder, factuality and attribution."""

from __future__ import annotations

from spacy.tokens import Doc

from harmattan.records import Article, Event


def find_events(article: Article, doc: Doc) -> tuple[Event, ...]:
    """Events reported in the article; none yet (the PLOVER coder is issue 3)."""
    return ()
