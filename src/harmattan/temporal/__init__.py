"""Time expressions normalized to TIMEX3 values against the article's publication date."""

from __future__ import annotations

from spacy.tokens import Doc

from harmattan.records import Article, Timex


def find_timexes(article: Article, doc: Doc) -> tuple[Timex, ...]:
    """Time expressions of the article; none yet (TIMEX3 normalization is issue 4)."""
    return ()
