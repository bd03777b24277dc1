"""RSS and Atom feeds: each entry is an article."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterator

import feedparser
import lxml.html

from harmattan.errors import InputError
from harmattan.ingest.base import ReadOptions, excerpt, make_article
from harmattan.ingest.language import language_tag
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
    language = feed.feed.get("language")
    for number, entry in enumerate(feed.entries, start=1):
        location = f"entry {number}"
        try:
            yield _read_entry(entry, options, location, source, language)
        except InputError as err:
            yield Quarantined(origin, location, err.reason, err.excerpt or excerpt(str(entry)))


def _read_entry(
    entry: feedparser.FeedParserDict,
    options: ReadOptions,
    location: str,
    source: str | None,
    language: str | None,
) -> Article:
    entry_date = _entry_date(entry)
    if entry_date is not None:
        published = entry_date
    elif options.published is not None:
        published = options.published
    else:
        raise InputError(
            "missing publication date: the entry has no published or updated date",
            location=location,
            excerpt=excerpt(entry.get("title", "")),
        )
    contents = entry.get("content") or []
    detail = contents[0] if contents else entry.get("summary_detail", {})
    markup = detail.get("value", "")
    return make_article(
        _html_to_text(markup) if "html" in detail.get("type", "text/html") else markup,
        published,
        options,
        location=location,
        source=source,
        url=entry.get("link"),
        title=entry.get("title"),
        # An entry's own content language (Atom xml:lang) outranks its feed's.
        # An odd tag in a feed is its software's, not the writer's: the text decides.
        language=language_tag(detail.get("language")) or language_tag(language),
    )


def _entry_date(entry: feedparser.FeedParserDict) -> dt.date | None:
    # feedparser's *_parsed dates are in UTC, which moves an entry stamped
    # 00:30+01:00 onto the day before; the publisher's own calendar date is the one
    # the text's "today" and "yesterday" refer to.
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed")
        if parsed is None:
            continue
        return _written_date(entry.get(key) or "") or dt.date(
            parsed.tm_year, parsed.tm_mon, parsed.tm_mday
        )
    return None


def _written_date(value: str) -> dt.date | None:
    """The calendar date of an RFC 822 or ISO 8601 timestamp, in its own time zone."""
    try:
        return dt.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        pass
    parts = email.utils.parsedate_tz(value)
    if parts is None:
        return None
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


_BLOCKS = ("p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _html_to_text(markup: str) -> str:
    # Text outside <p> (a lead sentence, lines split by <br>) is article text too,
    # and adjacent blocks must not run their words together.
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS):
        if block is not root:
            block.text = "\n\n" + (block.text or "")
            block.tail = "\n\n" + (block.tail or "")
    paragraphs = (p.strip() for p in _PARAGRAPH_BREAK.split(str(root.text_content())))
    return "\n\n".join(p for p in paragraphs if p)
