"""Parsing in bounded pieces: what spaCy holds at once never grows with an article.

spaCy's parse of one text holds working memory in proportion to the text: a 990 KB
article took 3 GB and two minutes. A text longer than `PIECE_CHARS` is cut where a
paragraph, else a sentence, else a word ends, each piece is parsed alone, and the
pieces' Docs are joined back into one Doc over the whole text, so every offset still
indexes the article. Pieces go through the model in batches of at most `BATCH_CHARS`
characters (and `batch_size` texts), so a batch of long articles is bounded too.

A cut falls where a sentence ends, which the parser treats as a boundary anyway; a
text no longer than `PIECE_CHARS` (every ordinary news article) is parsed whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_BATCH_SIZE = 64
# Ten times a long news report; a text up to this length is parsed whole.
PIECE_CHARS = 20_000
# About 400 MB of spaCy working memory on this model, measured.
BATCH_CHARS = 100_000

# Where a piece may end, best first: after a blank line, a line, a sentence, a word.
_CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def split_pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """`text` cut into pieces of at most `limit` characters that join back into it."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, end: int) -> int:
    """The best place to end a piece begun at `start`, no later than `end`: the last
    boundary in the piece's second half, of the best kind there is one of."""
    half = start + (end - start) // 2
    for pattern in _CUTS:
        ends = [match.end() for match in pattern.finditer(text, half, end)]
        if ends:
            return ends[-1]
    # One word longer than half a piece (a pasted blob): cut inside it.
    return end


def parse_texts(
    nlp: Language, texts: Iterable[str], batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[Doc]:
    """Parse texts in input order, each into one Doc over the whole text, in batches of
    at most `batch_size` pieces and `BATCH_CHARS` characters."""
    done: list[Doc] = []
    owner = -1
    for index, piece_doc in _parse_pieces(nlp, texts, batch_size):
        if index != owner and done:
            yield _joined(done)
            done = []
        owner = index
        done.append(piece_doc)
    if done:
        yield _joined(done)


def _parse_pieces(
    nlp: Language, texts: Iterable[str], batch_size: int
) -> Iterator[tuple[int, Doc]]:
    """(text index, Doc) for every piece of every text, in order."""
    batch: list[tuple[int, str]] = []
    size = 0
    for index, text in enumerate(texts):
        for piece in split_pieces(text):
            if batch and (len(batch) >= batch_size or size + len(piece) > BATCH_CHARS):
                yield from _parse_batch(nlp, batch)
                batch, size = [], 0
            batch.append((index, piece))
            size += len(piece)
    if batch:
        yield from _parse_batch(nlp, batch)


def _parse_batch(nlp: Language, batch: list[tuple[int, str]]) -> Iterator[tuple[int, Doc]]:
    docs = nlp.pipe([piece for _, piece in batch], batch_size=len(batch))
    for (index, _), doc in zip(batch, docs, strict=True):
        yield index, doc


def _joined(docs: list[Doc]) -> Doc:
    if len(docs) == 1:
        return docs[0]
    # The pieces end where their whitespace ends, so no space is added between them;
    # the tensors of the pieces are not needed by any stage. (spaCy's type stub lacks
    # the `exclude` its Cython signature has.)
    return Doc.from_docs(  # type: ignore[call-arg]
        docs, ensure_whitespace=False, exclude=["tensor"]
    )
