"""What every reader shares: decoding, date parsing, validation and article ids."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from harmattan.errors import InputError
from harmattan.ingest.language import article_language, declared_language
from harmattan.records import Article

DEFAULT_MAX_BYTES = 1_000_000
EXCERPT_CHARS = 120

FIRST_YEAR = 1000
LAST_YEAR = 8999
"""Publication years harmattan accepts. News archives reach back a few centuries, and
a thousand years' margin from the calendar's ends (years 1 and 9999) means that no
relative expression ("next month", "a century ago") can fall off it when normalized."""

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Settings every reader takes.

    `published` is used only where the input itself carries no publication date.
    """

    published: dt.date | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    source: str | None = None


def excerpt(text: str | bytes, limit: int = EXCERPT_CHARS) -> str:
    """A short, printable excerpt of bad input for the quarantine table."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    flat = _SPACE.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def decode_utf8(data: bytes, *, location: str = "") -> str:
    """Decode UTF-8 (with or without BOM), or say where the bad byte is."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"undecodable bytes: not valid UTF-8 at byte {err.start} (re-save the file as UTF-8)",
            location=location,
            excerpt=excerpt(data[max(0, err.start - 40) : err.start + 40]),
        ) from err


def parse_published(value: object, *, location: str = "") -> dt.date:
    """Parse a publication date given as YYYY-MM-DD (a time part may follow)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InputError("missing publication date", location=location)
    if not isinstance(value, str):
        raise InputError(
            f"publication date must be a YYYY-MM-DD string, got {type(value).__name__}",
            location=location,
            excerpt=excerpt(repr(value)),
        )
    match = _ISO_DATE.match(value)
    if match is None:
        raise InputError(
            f"publication date {value.strip()[:40]!r} is not in YYYY-MM-DD form",
            location=location,
            excerpt=excerpt(value),
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as err:
        raise InputError(
            f"impossible publication date {match.group(0).strip()!r}: {err}",
            location=location,
            excerpt=excerpt(value),
        ) from err


def normalize_for_id(text: str) -> str:
    """The form of a text that identifies it: NFC, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str, published: dt.date) -> str:
    """A stable id: the same normalized text on the same date gives the same id."""
    digest = hashlib.sha256(f"{published.isoformat()}\n{normalize_for_id(text)}".encode())
    return digest.hexdigest()[:16]


def clean_body(text: str) -> str:
    """Normalize line endings and trim the body; inner text is kept as written."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def make_article(
    text: str,
    published: dt.date,
    options: ReadOptions,
    *,
    location: str = "",
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
    language: object = None,
) -> Article:
    """Validate a body and build its Article, or raise InputError with the reason.

    `language` is what the input declares (a tag such as "fr-FR", or None): the
    article's language is that, else the detected one."""
    if not FIRST_YEAR <= published.year <= LAST_YEAR:
        raise InputError(
            f"publication date {published.isoformat()} is outside the years harmattan "
            f"accepts ({FIRST_YEAR}-{LAST_YEAR})",
            location=location,
        )
    body = clean_body(text)
    if not body:
        raise InputError("empty body: no article text", location=location)
    declared = declared_language(language, location=location)
    size = len(body.encode("utf-8"))
    if size > options.max_bytes:
        raise InputError(
            f"body of {size:,} bytes is over the {options.max_bytes:,}-byte limit "
            "(raise it with --max-bytes)",
            location=location,
            excerpt=excerpt(body),
        )
    return Article(
        id=article_id(body, published),
        published=published,
        text=body,
        source=_clean_optional(source) or options.source,
        url=_clean_optional(url),
        title=_clean_optional(title),
        language=article_language(body, declared),
    )


def _clean_optional(value: object) -> str | None:
    if value is None:
        return None
    text = _SPACE.sub(" ", str(value)).strip()
    return text or None
