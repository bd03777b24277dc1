"""The model's entity recognizer, decoded for a whole batch of documents at once.

spaCy's `EntityRecognizer` reads a document one token at a time: at each step it scores
every move (begin, inside, last, unit or outside an entity of each type) from the
token's features, keeps the moves that are valid in the current state and takes the
best one. It does this in compiled code, but in the wheels we install every validity
test takes and drops Python's global lock, and that costs about half of the
recognizer's decoding time.

Every entity move reads exactly one token, so at step t every unfinished document of a
batch is at its token t. `BatchedEntityRecognizer` therefore advances all documents of
a batch together with a few NumPy operations per step. It reuses the model's own
layers for the token features, and the same matrix library for the move scores. It
applies spaCy's validity rules (`is_valid`) and moves, and the same batching as
`Parser.pipe`. So it finds the same entities with the same labels (tests compare the
two on real text). The validity rules are written out once as plain conditions
(`is_valid`) and tabulated for the NumPy steps.

A model this decoder cannot read (beam search, other feature sets, no output layer) is
refused with `ModelError` when the pipeline is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import IntEnum
from itertools import islice, product
from typing import TypeVar

import blis.py
import numpy as np
from numpy.typing import NDArray
from spacy.attrs import ENT_IOB, ENT_TYPE, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span

from harmattan.errors import ModelError
from harmattan.nlp.components import wrapped_component

FACTORY = "harmattan_batched_entity_recognizer"
# The recognizer's state features: the next token, the first token of the open
# entity, and the token before the next one while an entity is open.
_FEATURES = 3
# Token IOB codes as spaCy stores them.
_MISSING_IOB, _INSIDE, _OUTSIDE, _BEGIN = 0, 1, 2, 3


class Move(IntEnum):
    """spaCy's entity moves, with spaCy's codes."""

    MISSING = 0
    BEGIN = 1
    IN = 2
    LAST = 3
    UNIT = 4
    OUT = 5


_MOVE_NAMES = {"B": Move.BEGIN, "I": Move.IN, "L": Move.LAST, "U": Move.UNIT, "O": Move.OUT}


@dataclass(frozen=True, slots=True)
class Situation:
    """What the validity of a move depends on, apart from its label.

    `here` and `after` are the IOB codes already set (by the rulers) on the next token
    and the one after it; past the end of the document, `after` is missing (0).
    """

    entity_open: bool
    here: int
    after: int
    sentence_starts_after: bool
    here_is_space: bool
    here_is_last: bool

    @property
    def code(self) -> int:
        """The row of this situation in the validity table."""
        return int(self.entity_open) << _OPEN_BIT | _token_code(
            self.here,
            self.after,
            int(self.sentence_starts_after),
            int(self.here_is_space),
            int(self.here_is_last),
        )


_Code = TypeVar("_Code", int, NDArray[np.int64])
# The situation's bit that only the decoder's state sets; the rest come from the tokens.
_OPEN_BIT = 7


def _token_code(here: _Code, after: _Code, starts: _Code, space: _Code, last: _Code) -> _Code:
    """The token part of a situation's row: one layout for a situation and for arrays."""
    return here << 5 | after << 3 | starts << 2 | space << 1 | last


def is_valid(
    move: Move, situation: Situation, no_label: bool, preset_label: bool, open_label: bool
) -> bool:
    """Whether spaCy's recognizer may take `move` (with a label) in `situation`.

    `no_label`: the move's label is empty; `preset_label`: it is the label a ruler set on
    the next token; `open_label`: it is the label of the open entity. Rulers' entities
    are kept as they are, and entities neither cross a sentence start nor start on a space.
    """
    s = situation
    if move is Move.BEGIN:
        if s.entity_open or s.here_is_last or no_label or s.here == _INSIDE:
            return False
        if s.here == _BEGIN:
            return preset_label and s.after == _INSIDE
        return not (s.after == _BEGIN or s.sentence_starts_after or s.here_is_space)
    if move is Move.IN:
        if not s.entity_open or s.here_is_last or no_label or not open_label:
            return False
        if s.here == _BEGIN or s.after == _BEGIN:
            return False
        if s.here == _INSIDE:
            return s.after not in (_MISSING_IOB, _OUTSIDE) and preset_label
        return not s.sentence_starts_after
    if move is Move.LAST:
        if no_label or not s.entity_open:
            return False
        if s.here == _INSIDE and s.after != _INSIDE:
            return preset_label
        return open_label and s.after != _INSIDE
    if move is Move.UNIT:
        if no_label:
            # Only a ruler's blocked token (B with no label) is a unit without a label.
            return preset_label and s.here == _BEGIN
        if s.entity_open or s.after == _INSIDE:
            return False
        if s.here == _BEGIN:
            return preset_label
        return not s.here_is_space
    if move is Move.OUT:
        return not s.entity_open and s.here not in (_BEGIN, _INSIDE)
    return False


@dataclass(frozen=True, slots=True)
class _Classes:
    """The recognizer's output classes: each one's move and label, and validity by situation."""

    moves: NDArray[np.int64]
    labels: NDArray[np.uint64]
    # valid[situation code, class, label is the preset one, label is the open one]
    valid: NDArray[np.bool_]
    # Labels that have all four entity moves (begin, in, last, unit).
    complete_labels: frozenset[int]

    @classmethod
    def of(cls, recognizer: EntityRecognizer) -> _Classes:
        strings = recognizer.vocab.strings
        moves_and_labels = []
        for index in range(recognizer.moves.n_moves):
            name = recognizer.moves.get_class_name(index)
            move_name, _, label = name.partition("-")
            if move_name not in _MOVE_NAMES:
                raise ModelError(f"the entity recognizer has a move {name!r} harmattan cannot read")
            move = _MOVE_NAMES[move_name]
            moves_and_labels.append((move, strings[label] if label else 0))
        moves = np.array([int(move) for move, _ in moves_and_labels], dtype=np.int64)
        labels = np.array([label for _, label in moves_and_labels], dtype=np.uint64)
        valid = np.zeros((2 << _OPEN_BIT, len(moves_and_labels), 2, 2), dtype=np.bool_)
        flags = (False, True)
        for opened, here, after, starts, space, last in product(
            flags, range(4), range(4), flags, flags, flags
        ):
            situation = Situation(opened, here, after, starts, space, last)
            for index, (move, label) in enumerate(moves_and_labels):
                for preset, same_open in product((0, 1), (0, 1)):
                    valid[situation.code, index, preset, same_open] = is_valid(
                        move, situation, label == 0, bool(preset), bool(same_open)
                    )
        per_move = [
            {label for move, label in moves_and_labels if move is kind}
            for kind in (Move.BEGIN, Move.IN, Move.LAST, Move.UNIT)
        ]
        return cls(moves, labels, valid, frozenset(set.intersection(*per_move)))


@dataclass(frozen=True, slots=True)
class _Tokens:
    """The values the rules read from a batch's tokens, its documents laid end to end."""

    offsets: NDArray[np.int64]
    lengths: NDArray[np.int64]
    iob: NDArray[np.int64]
    labels: NDArray[np.uint64]
    # Each token's part of the situation code (all but whether an entity is open).
    codes: NDArray[np.int64]

    @classmethod
    def of(cls, docs: Sequence[Doc]) -> _Tokens:
        lengths = np.array([len(doc) for doc in docs], dtype=np.int64)
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
        arrays = [doc.to_array([ENT_IOB, ENT_TYPE, SENT_START, IS_SPACE]) for doc in docs]
        values = np.concatenate(arrays) if arrays else np.zeros((0, 4), dtype=np.uint64)
        iob = values[:, 0].astype(np.int64)
        starts = (values[:, 2] == 1).astype(np.int64)
        space = values[:, 3].astype(np.int64)
        last = np.zeros(len(values), dtype=np.int64)
        last[(offsets + lengths - 1)[lengths > 0]] = 1
        # The token after the last one of a document is spaCy's empty token.
        after = np.where(last == 1, _MISSING_IOB, np.roll(iob, -1))
        starts_after = np.where(last == 1, 0, np.roll(starts, -1))
        codes = _token_code(iob, after, starts_after, space, last)
        return cls(offsets, lengths, iob, values[:, 1], codes)


@dataclass(frozen=True, slots=True)
class _Found:
    """One entity the decoder closed: its document, tokens and label."""

    doc: int
    start: int
    end: int
    label: int


class BatchedEntityRecognizer:
    """A pipeline component: the model's entity recognizer, all documents stepped together."""

    def __init__(self, recognizer: EntityRecognizer) -> None:
        """Wrap a loaded recognizer, refusing a model this decoder cannot read."""
        model = recognizer.model
        problems = []
        if recognizer.cfg.get("beam_width", 1) != 1:
            problems.append("it decodes with a beam")
        if not model.attrs.get("has_upper") or len(model.layers) != 3:
            problems.append("it has no output layer")
        elif model.get_ref("lower").get_dim("nF") != _FEATURES:
            problems.append(f"its states have {model.get_ref('lower').get_dim('nF')} features")
        if problems:
            raise ModelError(
                f"harmattan's batched entity decoder cannot run this recognizer: "
                f"{'; '.join(problems)}"
            )
        self.recognizer = recognizer
        # Rebuilt only when a ruler's label makes spaCy add moves to the model.
        self._classes = _Classes.of(recognizer)

    def __call__(self, doc: Doc) -> Doc:
        """Set the entities of one Doc."""
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Set the entities of a stream of Docs, batched and sorted as `Parser.pipe` does."""
        for batch in _chunks(docs, batch_size):
            # The same sub-batches as spaCy's, so the token features are computed over
            # the same arrays and come out bit for bit the same.
            for sub_batch in _chunks(sorted(batch, key=len), max(batch_size // 4, 2)):
                self._annotate(sub_batch)
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        if not any(len(doc) for doc in docs):
            return
        tokens = _Tokens.of(docs)
        preset = {int(label) for label in np.unique(tokens.labels) if label}
        if not preset <= self._classes.complete_labels:
            # A ruler's label the model lacks: spaCy adds its moves and widens the model.
            self.recognizer._ensure_labels_are_added(docs)
            self._classes = _Classes.of(self.recognizer)
        by_doc: list[list[_Found]] = [[] for _ in docs]
        for found in self._decode(tokens, docs, self._classes):
            by_doc[found.doc].append(found)
        for number, doc in enumerate(docs):
            _set_entities(doc, by_doc[number], tokens, number)

    def _decode(self, tokens: _Tokens, docs: list[Doc], classes: _Classes) -> list[_Found]:
        tok2vec, lower, upper = self.recognizer.model.layers
        # Row 0 holds the padding used for absent features; token i is row i + 1.
        features = lower.predict(tok2vec.predict(docs))
        bias = lower.get_param("b")
        weights = np.ascontiguousarray(upper.get_param("W"))
        upper_bias = upper.get_param("b")
        unseen = sorted(self.recognizer.model.attrs["unseen_classes"])
        n_docs = len(docs)
        entity_open = np.zeros(n_docs, dtype=np.bool_)
        entity_start = np.zeros(n_docs, dtype=np.int64)
        entity_label = np.zeros(n_docs, dtype=np.uint64)
        stopped = np.zeros(n_docs, dtype=np.bool_)
        found: list[_Found] = []
        class_numbers = np.arange(len(classes.moves))[None, :]
        for step in range(int(tokens.lengths.max())):
            active = np.flatnonzero((tokens.lengths > step) & ~stopped)
            here = tokens.offsets[active] + step
            opened = entity_open[active]
            first = np.where(opened, tokens.offsets[active] + entity_start[active], -1)
            before = np.where(opened, here - 1, -1)
            # Summed in spaCy's order (features 0, 1, 2, then the bias): same floats.
            summed = features[here + 1, 0] + features[first + 1, 1] + features[before + 1, 2]
            hidden = (summed + bias).max(axis=2)
            scores = blis.py.gemm(hidden, weights, trans2=True, beta=0.0) + upper_bias
            if unseen:
                scores[:, unseen] = scores.min()
            codes = tokens.codes[here] | opened.astype(np.int64) << _OPEN_BIT
            valid = classes.valid[
                codes[:, None],
                class_numbers,
                (classes.labels[None, :] == tokens.labels[here][:, None]).astype(np.int64),
                (classes.labels[None, :] == entity_label[active][:, None]).astype(np.int64),
            ]
            best = np.where(valid, scores, -np.inf).argmax(axis=1)
            # No valid move: spaCy ends that document's decoding where it stands.
            stuck = ~valid.any(axis=1)
            stopped[active[stuck]] = True
            moves = np.where(stuck, int(Move.MISSING), classes.moves[best])
            labels = classes.labels[best]
            for row in np.flatnonzero(moves == Move.UNIT):
                found.append(_Found(int(active[row]), step, step + 1, int(labels[row])))
            for row in np.flatnonzero(moves == Move.LAST):
                doc = int(active[row])
                found.append(_Found(doc, int(entity_start[doc]), step + 1, int(entity_label[doc])))
            begins = active[moves == Move.BEGIN]
            entity_open[begins] = True
            entity_start[begins] = step
            entity_label[begins] = labels[moves == Move.BEGIN]
            entity_open[active[moves == Move.LAST]] = False
        return found


def _set_entities(doc: Doc, found: Sequence[_Found], tokens: _Tokens, number: int) -> None:
    """Set a Doc's entities as spaCy's recognizer does; tokens left unset become outside."""
    entities = [
        Span(doc, f.start, f.end, label=f.label, kb_id=doc[f.start].ent_kb_id)
        for f in found
        if f.label
    ]
    unset = tokens.iob[tokens.offsets[number] : tokens.offsets[number] + len(doc)] == 0
    for entity in entities:
        unset[entity.start : entity.end] = False
    outside = [Span(doc, start, end) for start, end in _runs(unset)]
    doc.set_ents(entities, outside=outside, default="unmodified")


def _chunks(items: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    """Consecutive lists of `size` items (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _runs(mask: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """(start, end) of every run of True values."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return [(int(edges[i]), int(edges[i + 1])) for i in range(0, len(edges), 2)]


@Language.factory(FACTORY, default_config={"wraps": "ner"})
def make_batched_entity_recognizer(nlp: Language, name: str, wraps: str) -> BatchedEntityRecognizer:
    """spaCy factory: decode the pipeline's EntityRecognizer called `wraps` in batches."""
    return BatchedEntityRecognizer(wrapped_component(nlp, wraps, EntityRecognizer))
