"""Seed-format reader (`date YYYY-MM-DD` + body) and the article ids every reader shares."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

from harmattan.errors import InputError
from harmattan.ingest import ReadOptions, read_bytes, read_sources
from harmattan.ingest.base import article_id
from harmattan.ingest.seed import looks_like_seed, read_seed
from harmattan.records import Article, Quarantined
from tests.ingest.helpers import only_article, only_quarantined

NOV_7 = dt.date(2023, 11, 7)
BODY = "Niamey, Niger — The junta set a deadline.\nECOWAS rejected it."


def _read_txt(data: bytes, options: ReadOptions | None = None) -> list[Article | Quarantined]:
    return list(read_bytes(data, "report.txt", options or ReadOptions(), suffix=".txt"))


def test_seed_real_article_date_and_text(seed_path: Path) -> None:
    article = only_article(list(read_sources([str(seed_path)], ReadOptions())))
    raw = seed_path.read_text(encoding="utf-8")
    assert raw.startswith(" date 2023-11-07 ")  # the leading space is part of the fixture
    assert article.published == NOV_7
    assert article.text.startswith("Niger’s military junta")
    assert article.text == raw.strip().removeprefix("date 2023-11-07").strip()
    assert not re.search(r"\bdate\s+2023-11-07\b", article.text)
    assert (article.source, article.url, article.title, article.language) == (
        None,
        None,
        None,
        "en",
    )


def test_seed_real_article_id_is_stable(seed_path: Path) -> None:
    article = only_article(list(read_sources([str(seed_path)], ReadOptions())))
    # Ids are stored: a change in how they are computed orphans every stored document.
    assert article.id == "9b8cdaa79bf589cf"
    assert article.id == article_id(article.text, NOV_7)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(f"date 2023-11-07 {BODY}\n".encode(), id="same-line"),
        pytest.param(f"date 2023-11-07\n{BODY}\n".encode(), id="next-line"),
        pytest.param(f"date 2023-11-07\n{BODY}\n".replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(f"\ufeffdate 2023-11-07\n{BODY}".encode(), id="bom"),
        pytest.param(f"\n\n  date 2023-11-07 \t\n\n{BODY}\n\n".encode(), id="blank-lines"),
        pytest.param(f"date 2023-11-07T08:15:00+01:00\n{BODY}".encode(), id="time-part"),
    ],
)
def test_seed_layouts_give_same_article(data: bytes) -> None:
    article = only_article(_read_txt(data))
    assert article.published == NOV_7
    assert article.text == BODY
    assert article.id == article_id(BODY, NOV_7)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(
            b"date 2023-02-30 The junta set a deadline.",
            "impossible publication date '2023-02-30': day is out of range for month",
            id="impossible-day",
        ),
        pytest.param(
            b"date 2023-13-01 The junta set a deadline.",
            "impossible publication date '2023-13-01': month must be in 1..12",
            id="impossible-month",
        ),
        pytest.param(
            b"date\nThe junta set a deadline.",
            "missing publication date: the first line must be 'date YYYY-MM-DD'",
            id="missing-date",
        ),
        pytest.param(
            b"date 07/11/2023 The junta set a deadline.",
            "publication date '07/11/2023' is not in YYYY-MM-DD form",
            id="wrong-form",
        ),
        pytest.param(
            b"date 2023-11-07\n \n\t\n",
            "empty body: no article text",
            id="empty-body",
        ),
        pytest.param(
            b"The junta set a deadline on 7 November 2023.",
            "not seed format: a text file must start with 'date YYYY-MM-DD'",
            id="no-header",
        ),
        pytest.param(
            b"dated 2023-11-07: the junta set a deadline.",
            "not seed format: a text file must start with 'date YYYY-MM-DD'",
            id="dated-is-not-date",
        ),
    ],
)
def test_seed_bad_input_quarantined_with_reason(data: bytes, reason: str) -> None:
    item = only_quarantined(_read_txt(data))
    assert item.reason == reason
    assert (item.origin, item.location) == ("report.txt", "line 1")


def test_seed_fallback_date_never_replaces_a_bad_header() -> None:
    # --published is for inputs that carry no date; a seed file always declares one.
    item = only_quarantined(
        _read_txt(b"date 2023-02-30 The junta set a deadline.", ReadOptions(published=NOV_7))
    )
    assert item.reason.startswith("impossible publication date '2023-02-30'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date 2023-11-07 body", True),
        ("  \n date 2023-11-07\nbody", True),
        ("date\nbody", True),
        ("dated 2023-11-07 body", False),
        ("Date 2023-11-07 body", False),
        ("body\ndate 2023-11-07", False),
    ],
)
def test_looks_like_seed_only_for_leading_date_token(text: str, expected: bool) -> None:
    assert looks_like_seed(text) is expected


def test_read_seed_without_header_raises_input_error() -> None:
    with pytest.raises(InputError, match=r"^not seed format") as caught:
        list(read_seed("No header here.", "x.txt", ReadOptions()))
    assert caught.value.location == "line 1"
    assert caught.value.excerpt == "No header here."


def test_article_id_same_text_and_date_same_id_across_readers() -> None:
    seed = only_article(_read_txt(f"date 2023-11-07 {BODY}".encode()))
    line = json.dumps({"text": BODY, "published": "2023-11-07", "title": "Deadline"})
    jsonl = only_article(list(read_bytes(line.encode(), "a.jsonl", ReadOptions(), ".jsonl")))
    assert seed.id == jsonl.id == article_id(BODY, NOV_7)
    assert re.fullmatch(r"[0-9a-f]{16}", seed.id)


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(
            "  Niamey, Niger — The junta set a deadline. ECOWAS rejected it.\n", id="trim"
        ),
        pytest.param(
            "Niamey,\tNiger —  The junta set a deadline.\r\n\r\nECOWAS rejected it.", id="ws"
        ),
        pytest.param(
            "Niamey, Niger\u00a0— The junta set a deadline.\u2003ECOWAS rejected it.", id="nbsp"
        ),
    ],
)
def test_article_id_whitespace_only_differences_same_id(variant: str) -> None:
    assert article_id(variant, NOV_7) == article_id(BODY, NOV_7)


def test_article_id_unicode_normal_forms_same_id() -> None:
    composed = "Côte d’Ivoire recalled its envoy."
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert article_id(decomposed, NOV_7) == article_id(composed, NOV_7)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        pytest.param(BODY, dt.date(2023, 11, 8), id="other-date"),
        pytest.param(BODY.replace("rejected", "accepted"), NOV_7, id="other-word"),
        pytest.param(BODY.rstrip(".") + "!", NOV_7, id="other-punctuation"),
    ],
)
def test_article_id_differs_when_text_or_date_differs(text: str, published: dt.date) -> None:
    assert article_id(text, published) != article_id(BODY, NOV_7)


def test_article_id_seed_files_differing_in_whitespace_share_id(tmp_path: Path) -> None:
    tight = tmp_path / "tight.txt"
    loose = tmp_path / "loose.txt"
    tight.write_bytes(f"date 2023-11-07 {BODY}".encode())
    loose.write_bytes(f"date 2023-11-07\r\n\r\n  {BODY.replace(' ', '  ')}\r\n".encode())
    first, second = (
        only_article(list(read_sources([str(p)], ReadOptions()))) for p in (tight, loose)
    )
    assert first.text != second.text
    assert first.id == second.id


def test_article_id_rereading_gives_identical_records(seed_path: Path) -> None:
    first = list(read_sources([str(seed_path)], ReadOptions()))
    second = list(read_sources([str(seed_path)], ReadOptions()))
    assert first == second
    assert isinstance(first[0], Article)
    assert first[0].id == "9b8cdaa79bf589cf"
