"""JSON Lines reader: one article per line, bad lines quarantined, the rest go on."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from harmattan.ingest import ReadOptions, read_bytes
from harmattan.ingest.base import article_id
from harmattan.ingest.jsonl import read_jsonl
from harmattan.records import Article, Quarantined
from tests.ingest.helpers import only_article, only_quarantined

NOV_7 = dt.date(2023, 11, 7)
FALLBACK = dt.date(2024, 1, 15)
MAX_BYTES = 200

# Each way a line can break, with the exact reason it must be quarantined for.
BROKEN: dict[str, tuple[str, str]] = {
    "invalid-json": (
        '{"text": "Broken line", "published": "2023-11-07"',
        "invalid JSON: Expecting ',' delimiter at column 50",
    ),
    "missing-published": (
        '{"text": "Troops moved north."}',
        "missing publication date",
    ),
    "impossible-date": (
        '{"text": "Troops moved north.", "published": "2023-13-01"}',
        "impossible publication date '2023-13-01': month must be in 1..12",
    ),
    "empty-text": (
        '{"text": "  \\n ", "published": "2023-11-07"}',
        "empty body: no article text",
    ),
    "non-object": (
        '["Troops moved north.", "2023-11-07"]',
        "a JSON line must be an object, got list",
    ),
    "over-size": (
        json.dumps({"text": "x" * 500, "published": "2023-11-07"}),
        "body of 500 bytes is over the 200-byte limit (raise it with --max-bytes)",
    ),
}


def _line(**fields: Any) -> str:
    return json.dumps(fields, ensure_ascii=False)


def _read(text: str, options: ReadOptions | None = None) -> list[Article | Quarantined]:
    return list(read_jsonl(text, "batch.jsonl", options or ReadOptions()))


def test_jsonl_required_and_optional_fields_carried_over() -> None:
    line = _line(
        text="ECOWAS gave the junta a week.",
        published="2023-11-07",
        title="  Junta given   deadline ",
        url="https://sahel.example/a",
        source="Sahel Daily",
        extra_field="ignored",
    )
    assert only_article(_read(line)) == Article(
        id=article_id("ECOWAS gave the junta a week.", NOV_7),
        published=NOV_7,
        text="ECOWAS gave the junta a week.",
        source="Sahel Daily",
        url="https://sahel.example/a",
        title="Junta given deadline",
    )


def test_jsonl_optional_fields_absent_are_none() -> None:
    article = only_article(_read(_line(text="Talks resumed.", published="2023-11-07")))
    assert (article.text, article.published) == ("Talks resumed.", NOV_7)
    assert (article.title, article.url, article.source) == (None, None, None)


@pytest.mark.parametrize(
    ("line_source", "option_source", "expected"),
    [
        (None, "Wire", "Wire"),
        ("Sahel Daily", "Wire", "Sahel Daily"),
        ("   ", "Wire", "Wire"),
        (None, None, None),
    ],
)
def test_jsonl_source_option_fills_only_missing_source(
    line_source: str | None, option_source: str | None, expected: str | None
) -> None:
    line = _line(text="Talks resumed.", published="2023-11-07", source=line_source)
    article = only_article(_read(line, ReadOptions(source=option_source)))
    assert article.source == expected


def test_jsonl_blank_lines_skipped_and_still_counted() -> None:
    text = "\n".join(
        [
            "",
            _line(text="First.", published="2023-11-07"),
            "   ",
            "\t",
            "{oops",
            "",
            _line(text="Second.", published="2023-11-08"),
            "",
        ]
    )
    items = _read(text)
    assert [type(i).__name__ for i in items] == ["Article", "Quarantined", "Article"]
    first, bad, second = items
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert isinstance(bad, Quarantined)
    assert (first.text, first.published) == ("First.", NOV_7)
    assert (second.text, second.published) == ("Second.", dt.date(2023, 11, 8))
    assert bad.location == "line 5"
    assert (
        bad.reason == "invalid JSON: Expecting property name enclosed in double quotes at column 2"
    )
    assert bad.excerpt == "{oops"


def test_jsonl_crlf_line_endings() -> None:
    text = _line(text="First.", published="2023-11-07") + "\r\n" + "\r\n"
    text += _line(text="Second.", published="2023-11-07") + "\r\n"
    assert [i.text for i in _read(text) if isinstance(i, Article)] == ["First.", "Second."]


@pytest.mark.parametrize(
    "broken",
    [
        ("invalid-json", "missing-published", "impossible-date"),
        ("empty-text", "non-object", "over-size"),
        ("invalid-json", "non-object", "empty-text"),
        ("over-size", "impossible-date", "missing-published"),
    ],
    ids="+".join,
)
@pytest.mark.parametrize(
    "numbers",
    [(1, 50, 100), (2, 3, 99)],
    ids=lambda n: "lines-" + "-".join(map(str, n)),
)
def test_jsonl_hundred_lines_three_broken(
    broken: tuple[str, str, str], numbers: tuple[int, int, int]
) -> None:
    bad_at = dict(zip(numbers, broken, strict=True))
    lines = [
        BROKEN[bad_at[n]][0] if n in bad_at else _line(text=f"Report {n}.", published="2023-11-07")
        for n in range(1, 101)
    ]
    items = list(
        read_bytes(
            "\n".join(lines).encode(), "batch.jsonl", ReadOptions(max_bytes=MAX_BYTES), ".jsonl"
        )
    )
    articles = [i for i in items if isinstance(i, Article)]
    quarantined = [i for i in items if isinstance(i, Quarantined)]
    assert len(items) == 100
    assert [a.text for a in articles] == [f"Report {n}." for n in range(1, 101) if n not in bad_at]
    assert {a.published for a in articles} == {NOV_7}
    assert [(q.origin, q.location, q.reason) for q in quarantined] == [
        ("batch.jsonl", f"line {n}", BROKEN[bad_at[n]][1]) for n in numbers
    ]
    assert len({q.reason for q in quarantined}) == 3


def test_jsonl_every_breakage_has_its_own_reason() -> None:
    reasons = [
        only_quarantined(_read(line, ReadOptions(max_bytes=MAX_BYTES))).reason
        for line, _ in BROKEN.values()
    ]
    assert reasons == [reason for _, reason in BROKEN.values()]
    assert len(set(reasons)) == len(BROKEN)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"published": "2023-11-07"}, "missing field 'text'"),
        ({"text": 42, "published": "2023-11-07"}, "field 'text' must be a string, got int"),
        (
            {"text": "Talks.", "published": 20231107},
            "publication date must be a YYYY-MM-DD string, got int",
        ),
        (
            {"text": "Talks.", "published": "7 November 2023"},
            "publication date '7 November 2023' is not in YYYY-MM-DD form",
        ),
        ({"text": "Talks.", "published": ""}, "missing publication date"),
    ],
)
def test_jsonl_bad_fields_quarantined_with_reason(fields: dict[str, Any], reason: str) -> None:
    item = only_quarantined(_read("\n" + json.dumps(fields)))
    assert (item.location, item.reason) == ("line 2", reason)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        pytest.param("2023-11-07", NOV_7, id="line-date-wins"),
        pytest.param("2023-11-07T23:59:00-05:00", NOV_7, id="line-date-with-time"),
        pytest.param(None, FALLBACK, id="null-uses-fallback"),
        pytest.param("absent", FALLBACK, id="absent-uses-fallback"),
    ],
)
def test_jsonl_published_fallback_only_when_line_has_no_date(
    published: str | None, expected: dt.date
) -> None:
    fields: dict[str, Any] = {"text": "Talks resumed."}
    if published != "absent":
        fields["published"] = published
    article = only_article(_read(json.dumps(fields), ReadOptions(published=FALLBACK)))
    assert article.published == expected
    assert article.id == article_id("Talks resumed.", expected)


def test_jsonl_fallback_does_not_rescue_a_bad_date() -> None:
    line = _line(text="Talks resumed.", published="2023-13-01")
    item = only_quarantined(_read(line, ReadOptions(published=FALLBACK)))
    assert item.reason == "impossible publication date '2023-13-01': month must be in 1..12"


def test_jsonl_unicode_line_separators_stay_inside_text() -> None:
    # JSON allows U+2028, U+2029 and U+0085 unescaped; they are not line breaks.
    body = "Niamey:\u2028the junta\u2029spoke\x85today."
    text = _line(text=body, published="2023-11-07") + "\n" + "[1]"
    items = _read(text)
    assert len(items) == 2
    article, bad = items
    assert isinstance(article, Article)
    assert article.text == body
    assert isinstance(bad, Quarantined)
    assert (bad.location, bad.reason) == ("line 2", "a JSON line must be an object, got list")


def test_jsonl_quarantine_excerpt_is_the_line() -> None:
    item = only_quarantined(_read('  {"text": "Troops moved north."}  '))
    assert item.excerpt == '{"text": "Troops moved north."}'


def test_jsonl_undecodable_line_is_one_quarantine_row() -> None:
    data = _line(text="Côte d'Ivoire", published="2023-11-07").encode("latin-1")
    items = list(read_bytes(data, "batch.jsonl", ReadOptions(), ".jsonl"))
    item = only_quarantined(items)
    assert item.reason == (
        "undecodable bytes: not valid UTF-8 at byte 11 (re-save the file as UTF-8)"
    )
    assert item.location == "line 1"


def test_jsonl_line_nested_too_deep_is_quarantined_before_decoding() -> None:
    good = _line(text="Troops moved north.", published="2023-11-07")
    deep = '{"text": "x", "published": "2023-11-07", "meta": ' + "[" * 5000 + "]" * 5000 + "}"
    items = _read("\n".join([good, deep, good.replace("north", "south")]))
    assert [type(i).__name__ for i in items] == ["Article", "Quarantined", "Article"]
    bad = items[1]
    assert isinstance(bad, Quarantined)
    assert bad.reason == "JSON nested 5001 levels deep; an article is at most 32"


def test_jsonl_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = "[" * 100 + " quoted brackets " + "{" * 100
    item = only_article(_read(_line(text=text, published="2023-11-07")))
    assert item.text.startswith("[[[")


@pytest.mark.parametrize("published", ["0999-12-31", "9000-01-01"])
def test_jsonl_publication_year_outside_the_accepted_range_is_quarantined(published: str) -> None:
    item = only_quarantined(_read(_line(text="Troops moved north.", published=published)))
    assert item.reason == (
        f"publication date {published} is outside the years harmattan accepts (1000-8999)"
    )


def test_jsonl_bad_byte_quarantines_its_line_not_the_file() -> None:
    good = [_line(text=f"Troops moved north on day {n}.", published="2023-11-07") for n in range(3)]
    data = "\n".join(good[:2]).encode() + b"\n" + b'{"text": "caf\xe9", "published": "2023-11-07"}'
    data += b"\n" + good[2].encode() + b"\n"
    items = list(read_bytes(data, "feed.jsonl", ReadOptions(), suffix=".jsonl"))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Quarantined", "Article"]
    bad = items[2]
    assert isinstance(bad, Quarantined)
    assert (bad.location, bad.reason) == (
        "line 3",
        "undecodable bytes: not valid UTF-8 at byte 13 (re-save the file as UTF-8)",
    )


def test_empty_jsonl_file_is_listed_as_empty() -> None:
    (item,) = read_bytes(b" \n\n", "feed.jsonl", ReadOptions(), suffix=".jsonl")
    assert isinstance(item, Quarantined)
    assert (item.origin, item.location, item.reason) == (
        "feed.jsonl",
        "file",
        "empty input: nothing to read",
    )
