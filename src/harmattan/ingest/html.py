"""HTML pages: main text via trafilatura, publication date from the page's metadata."""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura
import trafilatura.settings

from harmattan.errors import InputError
from harmattan.ingest.base import ReadOptions, excerpt, make_article, parse_published
from harmattan.records import Article

# Only dates the page declares in its metadata: guessing from the body text or
# the URL is how article dates end up taken for event dates.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(
    text: str,
    origin: str,
    options: ReadOptions,
    *,
    location: str = "",
    url: str | None = None,
) -> Iterator[Article]:
    """Read one HTML page as one article."""
    page = trafilatura.bare_extraction(
        text, url=url, with_metadata=True, date_extraction_params=_DATE_PARAMS
    )
    if not isinstance(page, trafilatura.settings.Document) or not (page.text or "").strip():
        raise InputError(
            "empty body: no main text found in the HTML page",
            location=location,
            excerpt=excerpt(text),
        )
    if page.date:
        published = parse_published(page.date, location=location)
    elif options.published is not None:
        published = options.published
    else:
        raise InputError(
            "missing publication date: the page's metadata gives none (pass --published)",
            location=location,
            excerpt=excerpt(page.text or ""),
        )
    yield make_article(
        _drop_leading_title(page.text or "", page.title),
        published,
        options,
        location=location,
        source=page.sitename,
        url=page.url or url,
        title=page.title,
    )


def _drop_leading_title(body: str, title: str | None) -> str:
    # trafilatura repeats the headline as the first line of the body.
    first, _, rest = body.partition("\n")
    return rest if title and first.strip() == title.strip() and rest.strip() else body
