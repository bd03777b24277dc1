"""Near-duplicate articles: syndicated copies and lightly edited updates.

Each article's text becomes a MinHash of its three-word shingles; locality-sensitive
hashing (datasketch's MinHashLSH) finds the pairs whose estimated Jaccard similarity is
at least `THRESHOLD`. Articles are taken oldest first, so a copy always points at the
earliest report it copies, whatever order the articles were stored in.
"""

from __future__ import annotations

import datetime as dt
import re
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

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ArticleText:
    """What near-duplicate detection reads of an article."""

    id: str
    published: dt.date
    text: str


def signature(text: str) -> MinHash:
    """The MinHash of the text's lower-cased three-word shingles."""
    words = _WORD.findall(text.lower())
    size = min(SHINGLE_WORDS, len(words)) or 1
    shingles = sorted({" ".join(words[i : i + size]) for i in range(len(words) - size + 1)})
    # datasketch imports SciPy (0.4 s); commands that never deduplicate should not wait for it.
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def near_duplicates(articles: Iterable[ArticleText]) -> list[Duplicate]:
    """Every article that nearly copies an earlier one, linked to the earliest original."""
    from datasketch import MinHashLSH  # SciPy again: see signature()

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    signatures: dict[str, MinHash] = {}
    original: dict[str, str] = {}
    found: list[Duplicate] = []
    for article in sorted(articles, key=lambda a: (a.published, a.id)):
        if article.id in signatures:
            continue
        minhash = signature(article.text)
        best: tuple[float, str] | None = None
        for other in sorted(lsh.query(minhash)):
            similarity = minhash.jaccard(signatures[other])
            if similarity >= THRESHOLD and (best is None or similarity > best[0]):
                best = (similarity, other)
        signatures[article.id] = minhash
        if best is None:
            lsh.insert(article.id, minhash)
            continue
        root = original.get(best[1], best[1])
        original[article.id] = root
        found.append(Duplicate(article.id, root, round(best[0], 3)))
    return found
