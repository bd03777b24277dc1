"""How names are compared: one surface form and one folded key, shared by actors and geo.

An actor's alias and a place's name are looked up by the same rules, so "the Niger's",
"Niger" and "NIGER" meet the same key in both dictionaries.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_DASHES = re.compile(r"[\-‐‑‒–—]")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=\w)'s$|(?<=s)'$", re.IGNORECASE)


def surface_form(text: str) -> str:
    """`text` as compared: straight apostrophes, single spaces, no leading "the" or possessive."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    text = " ".join(text.split())
    text = without_leading_the(text)
    return _POSSESSIVE.sub("", text).strip()


def fold(text: str) -> str:
    """The case-, accent- and dash-insensitive key of a surface form."""
    return dashes_as_spaces(strip_accents(text.casefold()))


def strip_accents(text: str) -> str:
    """`text` decomposed (NFKD) without its combining marks: "Tillabéri" → "Tillaberi"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def dashes_as_spaces(text: str) -> str:
    """Every kind of dash as a word break, and single spaces: "Guinea-Bissau" → "Guinea Bissau"."""
    return " ".join(_DASHES.sub(" ", text).split())


def without_leading_the(name: str) -> str:
    """`name` without a leading "the" (any case)."""
    return _LEADING_THE.sub("", name)
