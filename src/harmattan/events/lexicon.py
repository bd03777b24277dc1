"""The trigger lexicon (triggers.toml): which words report which PLOVER events."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any

from harmattan.errors import HarmattanError

ENTITY_OBJECT = "@GPE"
_FIELDS = {
    "lemmas",
    "pos",
    "type",
    "mode",
    "objects",
    "preps",
    "recipient",
    "reverse",
    "frame",
    "weight",
    "contexts",
}


class LexiconError(HarmattanError):
    """triggers.toml is malformed."""


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One way of reporting an event: a word, its constraints and what it codes."""

    lemmas: frozenset[str]
    pos: frozenset[str]
    type: str
    mode: str | None
    objects: frozenset[str] | None
    preps: frozenset[str] | None
    recipient_preps: tuple[str, ...]
    reverse: bool
    frame: bool
    weight: float
    contexts: tuple[str, ...]

    @property
    def specific(self) -> bool:
        """True when the entry constrains its object or preposition."""
        return self.objects is not None or self.preps is not None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All trigger entries, indexed by lemma, with the word lists the coder consults."""

    by_lemma: Mapping[str, tuple[TriggerEntry, ...]]
    light_verbs: frozenset[str]
    hypothetical_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    future_verbs: frozenset[str]
    hedge_verbs: frozenset[str]
    demand_modals: frozenset[str]
    order_verbs: frozenset[str]
    verbal_protest: frozenset[str]
    mode_keywords: Mapping[str, tuple[tuple[str, frozenset[str]], ...]]

    @classmethod
    def load(cls) -> Lexicon:
        """The lexicon shipped with harmattan."""
        return cls.from_path(Path(str(files("harmattan.events") / "triggers.toml")))

    @classmethod
    def from_path(cls, path: Path) -> Lexicon:
        """Read and validate a trigger lexicon file."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise LexiconError(f"cannot read trigger lexicon {path}: {err}") from err
        defaults = data.get("defaults", {})
        recipient = tuple(defaults.get("recipient", ()))
        index: dict[str, list[TriggerEntry]] = {}
        for number, raw in enumerate(data.get("trigger", []), start=1):
            entry = _entry(raw, recipient, f"{path.name} trigger {number}")
            for lemma in entry.lemmas:
                index.setdefault(lemma, []).append(entry)
        modes = {
            type_name: tuple((mode, frozenset(words)) for mode, words in table.items())
            for type_name, table in data.get("modes", {}).items()
        }
        return cls(
            by_lemma=MappingProxyType({k: tuple(v) for k, v in index.items()}),
            light_verbs=frozenset(defaults.get("light_verbs", ())),
            hypothetical_nouns=frozenset(defaults.get("hypothetical_nouns", ())),
            reporting_verbs=frozenset(defaults.get("reporting_verbs", ())),
            denial_verbs=frozenset(defaults.get("denial_verbs", ())),
            future_verbs=frozenset(defaults.get("future_verbs", ())),
            hedge_verbs=frozenset(defaults.get("hedge_verbs", ())),
            demand_modals=frozenset(defaults.get("demand_modals", ())),
            order_verbs=frozenset(defaults.get("order_verbs", ())),
            verbal_protest=frozenset(defaults.get("verbal_protest", ())),
            mode_keywords=MappingProxyType(modes),
        )

    def demand_entry(self) -> TriggerEntry:
        """The REQUEST frame read from a reported "must" ("X said Y must ...")."""
        return TriggerEntry(
            lemmas=self.demand_modals,
            pos=frozenset({"AUX"}),
            type="REQUEST",
            mode=None,
            objects=None,
            preps=None,
            recipient_preps=(),
            reverse=False,
            frame=True,
            weight=0.6,
            contexts=(),
        )

    def may_trigger(self, lemma: str, word: str) -> bool:
        """Whether a word (its lower-cased lemma and form) can start an event at all."""
        return lemma in self.by_lemma or word in self.demand_modals

    def entries(self, lemma: str, pos: str) -> tuple[TriggerEntry, ...]:
        """Entries for a lemma used as this part of speech."""
        return tuple(e for e in self.by_lemma.get(lemma, ()) if pos in e.pos)

    def mode_from_words(self, type_name: str, lemmas: set[str]) -> str | None:
        """The first mode of the type whose keywords occur among the lemmas."""
        for mode, words in self.mode_keywords.get(type_name, ()):
            if words & lemmas:
                return mode
        return None


def _entry(raw: Mapping[str, Any], recipient: tuple[str, ...], where: str) -> TriggerEntry:
    unknown = set(raw) - _FIELDS
    if unknown:
        raise LexiconError(f"{where}: unknown fields {sorted(unknown)}")
    if not raw.get("lemmas") or not raw.get("type"):
        raise LexiconError(f"{where}: 'lemmas' and 'type' are required")
    weight = float(raw.get("weight", 0.5))
    if not 0 < weight <= 1:
        raise LexiconError(f"{where}: weight {weight} is outside (0, 1]")
    objects = raw.get("objects")
    preps = raw.get("preps")
    return TriggerEntry(
        lemmas=frozenset(raw["lemmas"]),
        pos=frozenset(raw.get("pos", ["VERB"])),
        type=str(raw["type"]),
        mode=raw.get("mode"),
        objects=frozenset(objects) if objects is not None else None,
        preps=frozenset(preps) if preps is not None else None,
        recipient_preps=tuple(raw.get("recipient", recipient)),
        reverse=bool(raw.get("reverse", False)),
        frame=bool(raw.get("frame", False)),
        weight=weight,
        contexts=tuple(raw.get("contexts", ())),
    )
