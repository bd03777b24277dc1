"""The model's rule lemmatizer, run once per distinct word form.

spaCy's `Lemmatizer` visits every token as a Python object and looks its lemma up in
a cache keyed by word, part of speech and morphology. Building those token objects
costs more than the lookups. `MemoLemmatizer` reads the three values for a whole Doc
as one array, asks the model's own lemmatizer only for a key it has not seen, and
writes the lemmas back as one array. In rule mode a lemma depends only on that key,
so the lemmas are the same (tests/nlp/test_lemmas.py compares them on real text).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from importlib.resources import files

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from harmattan.errors import ModelError
from harmattan.memo import BoundedMemo
from harmattan.nlp.components import wrapped_component

FACTORY = "harmattan_memo_lemmatizer"
EXCEPTIONS_FILE = "lemma_exceptions.json"

LEMMA_MEMO_CAP = 2**17
"""Lemmas a `MemoLemmatizer` remembers (about 260 bytes each, so about 35 MB full).

The 42 sample articles (7,600 words) have 1,800 distinct keys; a day of a large
news feed, a few million words, has some tens of thousands, most of its running
text a few thousand. 131,072 holds that working set many times over, so the memo
starts again only every few million words and refills its common words in a second.
"""


class MemoLemmatizer:
    """A pipeline component: the model's rule lemmatizer, memoized by word form."""

    def __init__(
        self,
        lemmatizer: Lemmatizer,
        memo_cap: int = LEMMA_MEMO_CAP,
        corrections: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        """Wrap a loaded rule lemmatizer, refusing another mode; remember `memo_cap` lemmas.
        `corrections` (part of speech → {lower-case form: lemma}) override forms the
        model's rules get wrong: "raped" is "rap" to them, "staged" is "stag"."""
        if lemmatizer.mode != "rule":
            raise ModelError(
                f"harmattan memoizes only a rule lemmatizer; this one is in "
                f"{lemmatizer.mode!r} mode"
            )
        try:
            lemmatizer._validate_tables()
        except ValueError as err:
            raise ModelError(f"the model's lemmatizer cannot run: {err}") from err
        self.lemmatizer = lemmatizer
        self._corrections = {pos.upper(): dict(forms) for pos, forms in (corrections or {}).items()}
        # (word, part of speech, morphology) hashes → lemma hash.
        self._lemmas: BoundedMemo[tuple[int, int, int], int] = BoundedMemo(memo_cap)

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token that has none (or of all, if the model overwrites)."""
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        overwrite = self.lemmatizer.overwrite
        remembered = self._lemmas.get
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = remembered(key)
            if value is None:
                token = doc[i]
                corrected = self._corrections.get(token.pos_, {}).get(token.lower_)
                value = strings.add(corrected or self.lemmatizer.lemmatize(token)[0])
                # spaCy's lemmatizer keeps its own unbounded memo of the same keys;
                # ours answers for them, so empty it after each miss.
                self.lemmatizer.cache.clear()
                # Without a part of speech spaCy warns each time; keep asking it.
                if pos:
                    self._lemmas.put(key, value)
            lemmas[i] = value
        if len(doc):
            # thinc's Ints2d stands for any 2-d integer array; NumPy's type is not named so.
            doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Lemmatize a stream of Docs (`batch_size` is accepted for spaCy's contract)."""
        for doc in docs:
            yield self(doc)


def lemma_exceptions() -> dict[str, dict[str, str]]:
    """Word forms the model's rules lemmatize wrongly, by part of speech (data file)."""
    source = files("harmattan.nlp").joinpath("data", EXCEPTIONS_FILE)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ModelError(f"cannot read the lemma exceptions {source}: {err}") from err
    if not isinstance(data, dict) or not all(
        isinstance(forms, dict) and all(isinstance(v, str) for v in forms.values())
        for forms in data.values()
    ):
        raise ModelError(f"{source} must map a part of speech to {{form: lemma}}")
    return data


@Language.factory(FACTORY, default_config={"wraps": "lemmatizer"})
def make_memo_lemmatizer(nlp: Language, name: str, wraps: str) -> MemoLemmatizer:
    """spaCy factory: memoize the pipeline's Lemmatizer called `wraps`."""
    return MemoLemmatizer(wrapped_component(nlp, wraps, Lemmatizer), corrections=lemma_exceptions())
