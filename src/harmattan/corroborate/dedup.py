"""Near-duplicate articles: syndicated copies and lightly edited updates.

Each article's text becomes a MinHash of its three-word shingles; locality-sensitive
hashing finds the pairs whose estimated Jaccard similarity is at least `THRESHOLD`: the
signature is cut into `BANDS` bands of `ROWS` values, and articles agreeing on a whole
band are candidates (datasketch's choice of bands for this threshold and size, fixed
here so that band keys can be stored and looked up in the database). Articles are taken
oldest first, so a copy always points at the earliest report it copies, whatever order
the articles were stored in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from harmattan.records import Duplicate

if TYPE_CHECKING:
    from datasketch import MinHash


SHINGLE_WORDS = 3
NUM_PERM = 128
SEED = 7
THRESHOLD = 0.7
"""Estimated Jaccard similarity of shingle sets from which two articles are one report."""
BANDS, ROWS = 14, 9
"""The banding datasketch's MinHashLSH picks for THRESHOLD and NUM_PERM (false positives
and negatives weighed equally); 126 of the 128 values are used."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ArticleText:
    """What near-duplicate detection reads of an article."""

    id: str
    published: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class Signed:
    """An article's place in the near-duplicate order and its MinHash."""

    id: str
    published: dt.date
    minhash: MinHash

    def bands(self) -> list[int]:
        """The article's band keys: two articles sharing one are candidates."""
        values = self.minhash.hashvalues
        return [
            int.from_bytes(
                hashlib.blake2b(
                    band.to_bytes(1, "big") + values[band * ROWS : (band + 1) * ROWS].tobytes(),
                    digest_size=8,
                ).digest(),
                "big",
                signed=True,
            )
            for band in range(BANDS)
        ]


def signature(text: str) -> MinHash:
    """The MinHash of the text's lower-cased three-word shingles."""
    words = _WORD.findall(text.lower())
    size = min(SHINGLE_WORDS, len(words)) or 1
    shingles = sorted({" ".join(words[i : i + size]) for i in range(len(words) - size + 1)})
    # datasketch imports NumPy; commands that never deduplicate should not wait for it.
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def sign(article: ArticleText) -> Signed:
    """An article with its MinHash."""
    return Signed(article.id, article.published, signature(article.text))


def near_duplicates(articles: Iterable[ArticleText]) -> list[Duplicate]:
    """Every article that nearly copies an earlier one, linked to the earliest original."""
    return duplicates_among(sign(a) for a in articles)


def duplicates_among(articles: Iterable[Signed]) -> list[Duplicate]:
    """`near_duplicates` of articles already signed."""
    originals: dict[int, list[Signed]] = defaultdict(list)
    seen: set[str] = set()
    found: list[Duplicate] = []
    for article in sorted(articles, key=order):
        if article.id in seen:
            continue
        seen.add(article.id)
        best = closest_original(article, originals)
        if best is None:
            for band in article.bands():
                originals[band].append(article)
            continue
        found.append(Duplicate(article.id, best[1], round(best[0], 3)))
    return found


def order(article: Signed) -> tuple[dt.date, str]:
    """Articles are compared oldest first."""
    return (article.published, article.id)


def closest_original(
    article: Signed, originals: dict[int, list[Signed]]
) -> tuple[float, str] | None:
    """The most similar original sharing a band with the article, at least THRESHOLD
    similar (the first by id on ties), with its similarity."""
    candidates = {o.id: o for band in article.bands() for o in originals.get(band, ())}
    best: tuple[float, str] | None = None
    for other in sorted(candidates):
        similarity = article.minhash.jaccard(candidates[other].minhash)
        if similarity >= THRESHOLD and (best is None or similarity > best[0]):
            best = (similarity, other)
    return best
