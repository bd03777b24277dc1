"""The one place harmattan's spaCy pipelines are built, and the model speed-ups they run.

`load_pipeline` builds the pipeline once per process; pass it to the stages and never
load a model anywhere else. Inside this package, `attributes`, `lemmas` and
`recognizer` run three of the model's components faster with exactly its annotations,
and `components` swaps them in; nothing outside the package imports them.
"""

from harmattan.nlp.load import (
    ALL_STAGES,
    LANGUAGES,
    MODEL_PACKAGE,
    MODEL_PACKAGES,
    STAGE_COMPONENTS,
    load_pipeline,
)
from harmattan.nlp.pieces import DEFAULT_BATCH_SIZE, parse_texts

__all__ = [
    "ALL_STAGES",
    "DEFAULT_BATCH_SIZE",
    "LANGUAGES",
    "MODEL_PACKAGE",
    "MODEL_PACKAGES",
    "STAGE_COMPONENTS",
    "load_pipeline",
    "parse_texts",
]
