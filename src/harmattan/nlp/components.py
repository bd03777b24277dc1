"""Putting a faster component, built from one of the model's, in that component's place.

harmattan runs three of the model's components through its own code, with exactly
their annotations: the attribute rules (`attributes.py`), the lemmatizer (`lemmas.py`)
and the entity recognizer (`recognizer.py`). Each registers a spaCy factory that
wraps the model's component, and `replace_component` swaps it in.
"""

from __future__ import annotations

from typing import TypeVar

from spacy.language import Language

from harmattan.errors import ModelError

_Component = TypeVar("_Component")


def replace_component(nlp: Language, name: str, factory: str) -> None:
    """Put what `factory` builds from the component `name` in its place, under that name.

    Keeping the name keeps whatever enables or disables it working. The factory is
    given the name of the component it wraps as its one setting, `wraps`.
    """
    staged = f"{name}_{factory}"
    nlp.add_pipe(factory, name=staged, after=name, config={"wraps": name})
    nlp.remove_pipe(name)
    nlp.rename_pipe(staged, name)


def wrapped_component(nlp: Language, name: str, kind: type[_Component]) -> _Component:
    """The pipeline's component `name`, refused with `ModelError` unless it is a `kind`."""
    component = nlp.get_pipe(name)
    if not isinstance(component, kind):
        raise ModelError(
            f"pipeline component {name!r} should be {kind.__name__}, "
            f"but it is {type(component).__name__}"
        )
    return component
