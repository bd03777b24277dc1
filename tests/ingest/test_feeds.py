"""RSS and Atom reader: each entry an article with its own date, link and title."""

from __future__ import annotations

import datetime as dt

import pytest

from harmattan.ingest import ReadOptions, read_bytes
from harmattan.ingest.base import article_id
from harmattan.ingest.feeds import looks_like_feed
from harmattan.records import Article, Quarantined
from tests.ingest.helpers import only_article

FALLBACK = dt.date(2024, 1, 15)
NO_DATE = "missing publication date: the entry has no published or updated date"

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>Sahel Wire</title>
  <link>https://sahel.example/</link>
  <description>News from the Sahel</description>
  <item>
    <title>Junta given deadline</title>
    <link>https://sahel.example/news/deadline</link>
    <pubDate>Tue, 07 Nov 2023 09:30:00 +0100</pubDate>
    <description><![CDATA[<p>ECOWAS gave the junta <b>one week</b>.</p>
      <p>Niamey did not reply.</p>]]></description>
  </item>
  <item>
    <title>Undated note</title>
    <link>https://sahel.example/news/note</link>
    <description>A note without any date.</description>
  </item>
  <item>
    <title>Border reopens</title>
    <link>https://sahel.example/news/border</link>
    <pubDate>Wed, 08 Nov 2023 16:00:00 GMT</pubDate>
    <description>Benin &amp; Niger reopened the border.</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title>
  <id>urn:example:atom-desk</id>
  <updated>2023-11-09T12:00:00Z</updated>
  <entry>
    <title>Talks in Abuja</title>
    <link href="https://atom.example/talks"/>
    <id>urn:example:1</id>
    <published>2023-11-07T10:00:00Z</published>
    <updated>2023-11-09T12:00:00Z</updated>
    <content type="html">&lt;p&gt;Talks opened in Abuja.&lt;/p&gt;
      &lt;p&gt;They ended late.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Sanctions eased</title>
    <link href="https://atom.example/sanctions"/>
    <id>urn:example:2</id>
    <updated>2023-11-08T08:00:00Z</updated>
    <summary type="text">Sanctions on 3 &lt; 4 banks &amp; firms were eased.</summary>
  </entry>
  <entry>
    <title>No date at all</title>
    <link href="https://atom.example/nodate"/>
    <id>urn:example:3</id>
    <summary>Nothing dated here.</summary>
  </entry>
</feed>
"""


def _read(
    text: str, suffix: str = ".rss", options: ReadOptions | None = None
) -> list[Article | Quarantined]:
    return list(read_bytes(text.encode(), f"feed{suffix}", options or ReadOptions(), suffix))


def _rss(description: str, pub_date: str = "Tue, 07 Nov 2023 09:30:00 GMT") -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>One</title><link>https://w.example/1</link><pubDate>{pub_date}</pubDate>"
        f"<description>{description}</description></item></channel></rss>"
    )


def _atom(published: str) -> str:
    return (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
        '<entry><title>One</title><link href="https://a.example/1"/><id>urn:1</id>'
        f"<published>{published}</published><summary>Talks opened.</summary></entry></feed>"
    )


def test_feeds_rss_entries_become_articles_with_own_fields() -> None:
    items = _read(RSS)
    first_text = "ECOWAS gave the junta one week.\n\nNiamey did not reply."
    assert items == [
        Article(
            id=article_id(first_text, dt.date(2023, 11, 7)),
            published=dt.date(2023, 11, 7),
            text=first_text,
            source="Sahel Wire",
            url="https://sahel.example/news/deadline",
            title="Junta given deadline",
        ),
        Quarantined("feed.rss", "entry 2", NO_DATE, "Undated note"),
        Article(
            id=article_id("Benin & Niger reopened the border.", dt.date(2023, 11, 8)),
            published=dt.date(2023, 11, 8),
            text="Benin & Niger reopened the border.",
            source="Sahel Wire",
            url="https://sahel.example/news/border",
            title="Border reopens",
        ),
    ]


def test_feeds_atom_entries_become_articles_with_own_fields() -> None:
    items = _read(ATOM, ".atom")
    assert len(items) == 3
    talks, sanctions, undated = items
    assert isinstance(talks, Article)
    assert isinstance(sanctions, Article)
    assert (talks.published, talks.url, talks.title, talks.source, talks.text) == (
        dt.date(2023, 11, 7),  # published, not the later updated date
        "https://atom.example/talks",
        "Talks in Abuja",
        "Atom Desk",
        "Talks opened in Abuja.\n\nThey ended late.",
    )
    assert (sanctions.published, sanctions.url, sanctions.title, sanctions.text) == (
        dt.date(2023, 11, 8),  # only an updated date: that is the one it has
        "https://atom.example/sanctions",
        "Sanctions eased",
        "Sanctions on 3 < 4 banks & firms were eased.",
    )
    assert undated == Quarantined("feed.atom", "entry 3", NO_DATE, "No date at all")


@pytest.mark.parametrize("suffix", [".rss", ".xml", ".txt", ""])
def test_feeds_read_whatever_the_suffix(suffix: str) -> None:
    items = _read(RSS, suffix)
    assert [type(i).__name__ for i in items] == ["Article", "Quarantined", "Article"]
    assert [i.title for i in items if isinstance(i, Article)] == [
        "Junta given deadline",
        "Border reopens",
    ]


def test_feeds_published_option_dates_only_undated_entries() -> None:
    items = _read(RSS, options=ReadOptions(published=FALLBACK))
    assert [(i.title, i.published) for i in items if isinstance(i, Article)] == [
        ("Junta given deadline", dt.date(2023, 11, 7)),
        ("Undated note", FALLBACK),
        ("Border reopens", dt.date(2023, 11, 8)),
    ]


@pytest.mark.parametrize(
    ("feed", "expected"),
    [
        pytest.param(_rss("x", "Tue, 07 Nov 2023 09:30:00 GMT"), dt.date(2023, 11, 7), id="gmt"),
        pytest.param(
            _rss("x", "Tue, 07 Nov 2023 00:30:00 +0100"), dt.date(2023, 11, 7), id="rss-east"
        ),
        pytest.param(
            _rss("x", "Tue, 07 Nov 2023 23:30:00 -0500"), dt.date(2023, 11, 7), id="rss-west"
        ),
        pytest.param(_atom("2023-11-07T00:30:00+01:00"), dt.date(2023, 11, 7), id="atom-east"),
        pytest.param(_atom("2023-11-07T23:30:00-05:00"), dt.date(2023, 11, 7), id="atom-west"),
        pytest.param(_atom("2023-11-07T10:00:00Z"), dt.date(2023, 11, 7), id="atom-z"),
        pytest.param(_atom("2023-11-07"), dt.date(2023, 11, 7), id="atom-date-only"),
    ],
)
def test_feeds_date_is_the_publishers_calendar_date(feed: str, expected: dt.date) -> None:
    # Converting to UTC first would move these entries onto the day before or after.
    assert only_article(_read(feed)).published == expected


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        pytest.param(
            "<![CDATA[<p>First &amp; foremost.</p><p>Second <i>para</i>.</p>]]>",
            "First & foremost.\n\nSecond para.",
            id="paragraphs",
        ),
        pytest.param(
            "<![CDATA[Lead sentence.<p>Inside a paragraph.</p>Trailing words.]]>",
            "Lead sentence.\n\nInside a paragraph.\n\nTrailing words.",
            id="text-outside-paragraphs",
        ),
        pytest.param(
            "<![CDATA[Line one<br><br>Line two<br/>continued]]>",
            "Line one\n\nLine two\ncontinued",
            id="line-breaks",
        ),
        pytest.param(
            "<![CDATA[<div>Block one</div><div>Block two</div>]]>",
            "Block one\n\nBlock two",
            id="divs",
        ),
        pytest.param(
            "<![CDATA[<ul><li>Niger</li><li>Mali</li></ul>]]>", "Niger\n\nMali", id="list"
        ),
        pytest.param("<![CDATA[AT&amp;T cut ties.]]>", "AT&T cut ties.", id="entity-no-tags"),
        pytest.param("Tom &amp; Jerry: 3 &lt; 4.", "Tom & Jerry: 3 < 4.", id="escaped-text"),
        pytest.param(
            "&lt;p&gt;Escaped &lt;b&gt;markup&lt;/b&gt;.&lt;/p&gt;",
            "Escaped markup.",
            id="escaped-markup",
        ),
    ],
)
def test_feeds_html_description_becomes_plain_paragraphs(description: str, expected: str) -> None:
    assert only_article(_read(_rss(description))).text == expected


def test_feeds_entry_without_text_is_quarantined_others_go_on() -> None:
    feed = RSS.replace(
        "<description>Benin &amp; Niger reopened the border.</description>",
        "<description><![CDATA[<p> </p>]]></description>",
    )
    items = _read(feed, options=ReadOptions(published=FALLBACK))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Quarantined"]
    bad = items[2]
    assert isinstance(bad, Quarantined)
    assert (bad.location, bad.reason) == ("entry 3", "empty body: no article text")


@pytest.mark.parametrize(
    ("text", "suffix", "reason"),
    [
        pytest.param(
            '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>E',
            ".atom",
            "unreadable feed: <unknown>:1:88: no element found",
            id="truncated-atom",
        ),
        pytest.param(
            "<?xml version='1.0'?><catalog><book>Dune</book></catalog>",
            ".xml",
            "not a feed: a .xml file must be RSS or Atom",
            id="xml-not-a-feed",
        ),
    ],
)
def test_feeds_unreadable_feed_is_one_quarantine_row(text: str, suffix: str, reason: str) -> None:
    items = _read(text, suffix)
    assert len(items) == 1
    assert isinstance(items[0], Quarantined)
    assert (items[0].origin, items[0].location, items[0].reason) == (
        f"feed{suffix}",
        "file",
        reason,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<rss version='2.0'>", True),
        ("<?xml version='1.0'?>\n<feed xmlns='http://www.w3.org/2005/Atom'>", True),
        ("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>", True),
        ("<!DOCTYPE html><html><body>feed the hungry</body></html>", False),
        ("date 2023-11-07 Rss feeds are popular.", False),
    ],
)
def test_looks_like_feed_only_for_feed_roots(text: str, expected: bool) -> None:
    assert looks_like_feed(text) is expected
