"""RSS and Atom feeds: each entry is an article."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import feedparser
import lxml.html

from harmattan.errors import InputError
from harmattan.ingest.base import ReadOptions, excerpt, make_article
from harmattan.records import Article, Quarantined


def looks_like_feed(text: str) -> bool:
    """True for an RSS or Atom document."""
    head = text[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def read_feed(text: str, origin: str, options: ReadOptions) -> Iterator[Article | Quarantined]:
    """Read every entry of a feed; a bad entry is quarantined, the others go on."""
    feed = feedparser.parse(text)
    if feed.bozo and not feed.entries:
        raise InputError(
            f"unreadable feed: {feed.bozo_exception}", location="", excerpt=excerpt(text)
        )
    source = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        location = f"entry {number}"
        try:
            yield _read_entry(entry, options, location, source)
        except InputError as err:
            yield Quarantined(origin, location, err.reason, err.excerpt or excerpt(str(entry)))


def _read_entry(
    entry: feedparser.FeedParserDict, options: ReadOptions, location: str, source: str | None
) -> Article:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed is not None:
        published = dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    elif options.published is not None:
        published = options.published
    else:
        raise InputError(
            "missing publication date: the entry has no published or updated date",
            location=location,
            excerpt=excerpt(entry.get("title", "")),
        )
    contents = entry.get("content") or []
    markup = contents[0].get("value", "") if contents else entry.get("summary", "")
    return make_article(
        _html_to_text(markup),
        published,
        options,
        location=location,
        source=source,
        url=entry.get("link"),
        title=entry.get("title"),
    )


def _html_to_text(markup: str) -> str:
    if "<" not in markup:
        return markup
    root = lxml.html.fromstring(f"<div>{markup}</div>")
    paragraphs = [p.text_content().strip() for p in root.iter("p")]
    text = "\n\n".join(p for p in paragraphs if p)
    return text or str(root.text_content())
