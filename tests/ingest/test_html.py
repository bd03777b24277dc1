"""HTML reader: main text via trafilatura, the date only from what the page declares."""

from __future__ import annotations

import datetime as dt

import pytest
import trafilatura
import trafilatura.settings

from harmattan.ingest import ReadOptions, read_bytes
from harmattan.ingest.base import EXCERPT_CHARS, article_id
from harmattan.ingest.html import read_html
from harmattan.records import Article, Quarantined
from tests.ingest.helpers import only_article, only_quarantined

NOV_7 = dt.date(2023, 11, 7)
FALLBACK = dt.date(2024, 1, 15)
HEADLINE = "Junta given deadline to free Bazoum"
PARAGRAPHS = (
    "The regional bloc said on Tuesday that the junta had until the end of the month to "
    "release the detained president, and warned that sanctions would remain in force.",
    "Officials in Niamey declined to comment on the ultimatum when reached by telephone "
    "on Monday evening, a spokesman said.",
    "Diplomats in Abuja said talks could resume once the president was freed.",
)
MISSING_DATE = "missing publication date: the page's metadata gives none (pass --published)"
PUBLISHED_META = '<meta property="article:published_time" content="2023-11-07T09:30:00+01:00">'


def _page(head: str = "", lead: str = "", title: str = HEADLINE) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"{head}</head><body>"
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
        '<li><a href="/sport">Sport</a></li></ul></nav>'
        f"<article><h1>{HEADLINE}</h1>{lead}{body}</article>"
        "<footer><p>Copyright 2023 Sahel Daily. All rights reserved.</p>"
        '<p><a href="/privacy">Privacy policy</a> | <a href="/contact">Contact us</a></p>'
        "</footer></body></html>"
    )


def _read(html: str, options: ReadOptions | None = None) -> list[Article | Quarantined]:
    return list(read_bytes(html.encode(), "page.html", options or ReadOptions(), ".html"))


def test_html_metadata_date_title_site_and_clean_body() -> None:
    head = (
        PUBLISHED_META + '<meta property="og:site_name" content="Sahel Daily">'
        '<link rel="canonical" href="https://sahel.example/news/junta-deadline">'
    )
    article = only_article(_read(_page(head)))
    assert article == Article(
        id=article_id("\n".join(PARAGRAPHS), NOV_7),
        published=NOV_7,
        text="\n".join(PARAGRAPHS),
        source="Sahel Daily",
        url="https://sahel.example/news/junta-deadline",
        title=HEADLINE,
    )


def test_html_headline_not_repeated_at_start_of_body() -> None:
    html = _page(PUBLISHED_META)
    extracted = trafilatura.bare_extraction(html, with_metadata=True)
    # Precondition: trafilatura itself does repeat the headline as the first line.
    assert isinstance(extracted, trafilatura.settings.Document)
    assert (extracted.text or "").startswith(HEADLINE + "\n")
    article = only_article(_read(html))
    assert article.title == HEADLINE
    assert article.text.startswith(PARAGRAPHS[0])
    assert HEADLINE not in article.text


def test_html_headline_kept_when_it_differs_from_title() -> None:
    article = only_article(_read(_page(PUBLISHED_META, title="Sahel Daily — World")))
    assert article.text.split("\n")[-3:] == list(PARAGRAPHS)


@pytest.mark.parametrize(
    "boilerplate", ["Home", "Sport", "Copyright 2023", "Privacy policy", "Contact us"]
)
def test_html_navigation_and_footer_dropped(boilerplate: str) -> None:
    article = only_article(_read(_page(PUBLISHED_META)))
    assert article.text.endswith(PARAGRAPHS[-1])
    assert boilerplate not in article.text


@pytest.mark.parametrize(
    ("head", "lead"),
    [
        pytest.param(PUBLISHED_META, "", id="og-article-published-time"),
        pytest.param('<meta name="date" content="2023-11-07">', "", id="meta-name-date"),
        pytest.param('<meta itemprop="datePublished" content="2023-11-07">', "", id="itemprop"),
        pytest.param(
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2023-11-07T08:00:00+01:00", '
            '"dateModified": "2023-11-09T10:00:00+01:00"}</script>',
            "",
            id="json-ld-published-not-modified",
        ),
        pytest.param(
            "",
            '<time itemprop="datePublished" datetime="2023-11-07T08:00:00Z">7 Nov</time>',
            id="microdata-time",
        ),
        pytest.param(
            PUBLISHED_META,
            "<p>The junta seized power on 2023-07-26 and talks began 2023-08-10.</p>",
            id="metadata-beats-body-dates",
        ),
    ],
)
def test_html_date_taken_from_declared_metadata(head: str, lead: str) -> None:
    article = only_article(_read(_page(head, lead)))
    assert article.published == NOV_7
    assert article.text.endswith(PARAGRAPHS[-1])


@pytest.mark.parametrize(
    ("head", "lead"),
    [
        pytest.param("", "", id="no-date-anywhere"),
        pytest.param(
            "",
            "<p>The junta seized power on 26 July 2023 and talks began 2023-08-10.</p>",
            id="dates-in-body-text",
        ),
        pytest.param("", '<p class="date">2023-11-05</p>', id="date-styled-element"),
        pytest.param("", '<span class="byline">By A. Writer, 5 November 2023</span>', id="byline"),
        pytest.param("", '<time datetime="2023-11-05">5 Nov</time>', id="bare-time-element"),
        pytest.param(
            '<link rel="canonical" href="https://sahel.example/2023/11/05/junta.html">',
            "",
            id="date-in-url",
        ),
        pytest.param(
            '<meta property="og:url" content="https://sahel.example/2023/11/05/junta.html">',
            "",
            id="date-in-og-url",
        ),
        pytest.param('<meta itemprop="copyrightYear" content="2023">', "", id="copyright-year"),
        pytest.param(
            '<meta name="description" content="Talks on 2023-08-10 12:00:00 failed.">',
            "",
            id="timestamp-in-description",
        ),
    ],
)
def test_html_without_declared_date_is_quarantined_not_guessed(head: str, lead: str) -> None:
    item = only_quarantined(_read(_page(head, lead)))
    assert item.reason == MISSING_DATE
    assert (item.origin, item.location) == ("page.html", "file")
    # The excerpt is the start of the extracted text, cut to EXCERPT_CHARS.
    assert item.excerpt.startswith(HEADLINE + " ")
    assert len(item.excerpt) <= EXCERPT_CHARS


@pytest.mark.parametrize(
    ("head", "lead", "expected"),
    [
        pytest.param("", "", FALLBACK, id="no-date-uses-fallback"),
        pytest.param(
            "", "<p>Talks began 2023-08-10.</p>", FALLBACK, id="body-date-still-uses-fallback"
        ),
        pytest.param(PUBLISHED_META, "", NOV_7, id="metadata-beats-fallback"),
    ],
)
def test_html_published_option_only_when_metadata_has_no_date(
    head: str, lead: str, expected: dt.date
) -> None:
    article = only_article(_read(_page(head, lead), ReadOptions(published=FALLBACK)))
    assert article.published == expected
    assert article.text.endswith(PARAGRAPHS[-1])


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("just some words, not a page", id="not-html"),
        pytest.param(
            f"<html><head>{PUBLISHED_META}</head><body><div><img src='a.png'></div></body></html>",
            id="no-main-text",
        ),
    ],
)
def test_html_without_main_text_is_quarantined(html: str) -> None:
    item = only_quarantined(_read(html))
    assert item.reason == "empty body: no main text found in the HTML page"


def test_empty_html_file_is_listed_as_empty() -> None:
    item = only_quarantined(_read(""))
    assert (item.location, item.reason) == ("file", "empty input: nothing to read")


def test_html_xml_declaration_and_entities() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>' + _page(
        PUBLISHED_META, "<p>C&ocirc;te d&#8217;Ivoire &amp; Ghana condemned the coup.</p>"
    )
    article = only_article(_read(html))
    assert article.published == NOV_7
    assert article.text.startswith("Côte d’Ivoire & Ghana condemned the coup.\n")


def test_read_html_url_argument_used_when_page_has_none() -> None:
    items = list(
        read_html(_page(PUBLISHED_META), "crawl.warc", ReadOptions(), url="https://x.example/a")
    )
    assert [(a.url, a.published) for a in items] == [("https://x.example/a", NOV_7)]
