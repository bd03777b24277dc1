"""Toponyms resolved against an offline gazetteer."""

from __future__ import annotations

from spacy.tokens import Doc

from harmattan.records import Article, Place


def find_places(article: Article, doc: Doc) -> tuple[Place, ...]:
    """Places named in the article; none yet (the gazetteer is issue 5)."""
    return ()
