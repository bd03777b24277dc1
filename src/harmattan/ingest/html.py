"""HTML pages: main text via trafilatura, publication date from the page's metadata."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

import htmldate
import lxml.html
import trafilatura
import trafilatura.settings

from harmattan.errors import InputError
from harmattan.ingest.base import ReadOptions, excerpt, make_article, parse_published
from harmattan.ingest.language import language_tag
from harmattan.records import Article

# trafilatura always runs htmldate; its fast mode keeps that cheap. Its answer is
# not used (see _declared_date).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Only dates the page declares in its metadata: guessing from the body text or
# the URL is how article dates end up taken for event dates.
_DATE_KEY = re.compile(r"date|time|publish|created|issued", re.IGNORECASE)
_KEY_ATTRIBUTES = ("name", "property", "itemprop", "http-equiv")


def read_html(
    text: str,
    origin: str,
    options: ReadOptions,
    *,
    location: str = "",
    url: str | None = None,
) -> Iterator[Article]:
    """Read one HTML page as one article."""
    tree = trafilatura.load_html(text)
    page = (
        None
        if tree is None
        else trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, date_extraction_params=_DATE_PARAMS
        )
    )
    if not isinstance(page, trafilatura.settings.Document) or not (page.text or "").strip():
        raise InputError(
            "empty body: no main text found in the HTML page",
            location=location,
            excerpt=excerpt(text),
        )
    declared = _declared_date(tree)
    if declared:
        published = parse_published(declared, location=location)
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
        # A page's odd `lang` ("x-default") is its CMS's, not the writer's: the text decides.
        language=language_tag(_declared_language(tree)),
    )


def _declared_language(tree: lxml.html.HtmlElement) -> str | None:
    """The page's own `lang` (on <html>), else its Content-Language meta tag."""
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        return str(lang)
    for meta in root.iter("meta"):
        if str(meta.get("http-equiv", "")).lower() == "content-language" and meta.get("content"):
            return str(meta.get("content")).split(",")[0]
    return None


def _declared_date(tree: lxml.html.HtmlElement) -> str | None:
    """The publication date the page's meta tags, microdata or JSON-LD declare, if any."""
    # Even in its fast mode htmldate falls back on dates in the URL, the headline
    # and the body text (trafilatura's page.date is such a guess), so it is given a
    # document holding the date declarations alone: there is nothing else to find.
    declared = lxml.html.Element("head")
    for elem in tree.iter("meta", "time", "script"):
        key = " ".join(elem.get(name, "") for name in _KEY_ATTRIBUTES)
        is_json_ld = elem.tag == "script" and elem.get("type") == "application/ld+json"
        if is_json_ld or (elem.tag != "script" and _DATE_KEY.search(key)):
            kept = copy.deepcopy(elem)
            kept.tail = None
            declared.append(kept)
    document = lxml.html.Element("html")
    document.append(declared)
    date: str | None = htmldate.find_date(document, extensive_search=False, original_date=True)
    return date


def _drop_leading_title(body: str, title: str | None) -> str:
    # trafilatura repeats the headline as the first line of the body.
    first, _, rest = body.partition("\n")
    return rest if title and first.strip() == title.strip() and rest.strip() else body
