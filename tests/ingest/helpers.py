"""Assertions the reader tests share."""

from __future__ import annotations

from harmattan.records import Article, Quarantined


def only_article(items: list[Article | Quarantined]) -> Article:
    """The single item read, which must be an article."""
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def only_quarantined(items: list[Article | Quarantined]) -> Quarantined:
    """The single item read, which must be a quarantine row."""
    assert len(items) == 1, items
    assert isinstance(items[0], Quarantined), items[0]
    return items[0]
