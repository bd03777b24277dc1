"""The seed format: `date YYYY-MM-DD` then the body, on the same line or the next."""

from __future__ import annotations

import re
from collections.abc import Iterator

from harmattan.errors import InputError
from harmattan.ingest.base import ReadOptions, excerpt, make_article, parse_published
from harmattan.records import Article

# The date token is optional so that a bare `date` line is reported as a missing
# date, not as some other format.
_HEADER = re.compile(r"\A\s*date(?:[ \t]+(\S+))?(?=\s|\Z)[ \t]*")


def looks_like_seed(text: str) -> bool:
    """True when the first token after optional whitespace is `date`."""
    return _HEADER.match(text) is not None


def read_seed(text: str, origin: str, options: ReadOptions) -> Iterator[Article]:
    """Read one seed-format article."""
    match = _HEADER.match(text)
    if match is None:
        raise InputError(
            "not seed format: the file must start with 'date YYYY-MM-DD'",
            location="line 1",
            excerpt=excerpt(text),
        )
    if match.group(1) is None:
        raise InputError(
            "missing publication date: the first line must be 'date YYYY-MM-DD'",
            location="line 1",
            excerpt=excerpt(text),
        )
    published = parse_published(match.group(1), location="line 1")
    yield make_article(text[match.end() :], published, options, location="line 1")
