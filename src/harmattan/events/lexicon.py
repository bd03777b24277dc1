"""The trigger lexicon (triggers.toml): which words report which PLOVER events.

Besides the triggers, the file says which types the coder reads the arguments of
in a special way (`[roles]`: "the withdrawal *of* French troops" names the actor).
Every type and mode the file names must be in the codebook it is loaded against.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any

from harmattan.errors import HarmattanError
from harmattan.events.codebook import Codebook, SectorSet

ENTITY_OBJECT = "@GPE"
_FIELDS = {
    "lemmas",
    "pos",
    "type",
    "mode",
    "objects",
    "except_objects",
    "preps",
    "time_given",
    "recipient",
    "reverse",
    "frame",
    "weight",
    "contexts",
}
_ROLES = {
    "demand",
    "agentless",
    "content_recipient",
    "purpose_folds",
    "focus_recipient",
    "of_is_actor",
    "place_is_recipient",
    "own_forces",
    "place_left",
}
_PERPETRATOR = {
    "types",
    "harm_words",
    "attack_frames",
    "accidental_causes",
    "stated_accidental_causes",
    "cause_preps",
}
_FIX = "fix the trigger lexicon (see src/harmattan/events/README.md)"


class LexiconError(HarmattanError):
    """triggers.toml is malformed, or names a type or mode the codebook does not have."""


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One way of reporting an event: a word, its constraints and what it codes."""

    lemmas: frozenset[str]
    pos: frozenset[str]
    type: str
    mode: str | None
    objects: frozenset[str] | None
    preps: frozenset[str] | None
    # Objects that give the word another sense ("captured footage"): then it does not trigger.
    except_objects: frozenset[str]
    recipient_preps: tuple[str, ...]
    reverse: bool
    frame: bool
    weight: float
    contexts: tuple[str, ...]
    # The word triggers only when it gives a length of time, in one of these units, to do
    # something: "gave the junta seven days to step down".
    time_given: frozenset[str] | None = None

    @property
    def specific(self) -> bool:
        """True when the entry constrains its object, preposition or time given."""
        return self.objects is not None or self.preps is not None or self.time_given is not None


@dataclass(frozen=True, slots=True)
class PlaceLeft:
    """Types whose recipient, with no "from", is the last other country named before them."""

    types: frozenset[str]
    # Only a country whose actor is of these sectors was left (its government, not a rebel).
    sectors: SectorSet


@dataclass(frozen=True, slots=True)
class TypeRoles:
    """The types whose arguments the coder reads in a special way (`[roles]` in triggers.toml)."""

    # The type of the frame a reported "must" codes ("France said Iraq must cooperate").
    demand: str
    # With no recipient in the sentence, these are aimed at the article's focus country.
    focus_recipient: frozenset[str]
    # For these nouns the "of" phrase is who acts, not the recipient.
    of_is_actor: frozenset[str]
    # The place of these ("a curfew in X") stands for the recipient when none is named.
    place_is_recipient: frozenset[str]
    # These move the actor's own forces: a passive subject is the actor, an object is no
    # recipient unless it is a named place.
    own_forces: frozenset[str]
    place_left: PlaceLeft
    # Reported even when the text names no party ("a bombing in the market killed
    # twelve"): the event stands with empty actors and recipients.
    agentless: frozenset[str]
    # With no recipient read from the parse, these are aimed at the first other party
    # named in what they say or do ("offered to negotiate with the president of
    # Armenia", "marched to demand the resignation of the president").
    content_recipient: frozenset[str]
    # An act of these stated as the purpose of another of these is part of it.
    purpose_folds: frozenset[str]


@dataclass(frozen=True, slots=True)
class PerpetratorTest:
    """When a word that reports harm reports an attack (`[perpetrator]` in triggers.toml).

    "Killed", "injured" or "explosion" say that people were harmed, not that someone
    harmed them: an earthquake kills too. An event of `types` coded from one of
    `harm_words` stands only when its clause names who did it or its sentence an attack
    frame, and not when its cause is a natural or accidental one.
    """

    types: frozenset[str]
    # Trigger lemmas of `types` that report harm without saying who caused it.
    harm_words: frozenset[str]
    # Attacks, weapons and attackers: one of these in the cause or the sentence is an attack.
    attack_frames: frozenset[str]
    # Natural and accidental causes of death, injury and damage.
    accidental_causes: frozenset[str]
    # Accidental causes only when they head the stated cause ("killed in a fire", not
    # "opened fire").
    stated_accidental_causes: frozenset[str]
    # Prepositions whose object is a cause ("killed *in* an earthquake").
    cause_preps: frozenset[str]


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
    crowd_nouns: frozenset[str]
    mutual_violence: frozenset[str]
    cessation_verbs: frozenset[str]
    mode_keywords: Mapping[str, tuple[tuple[str, frozenset[str]], ...]]
    roles: TypeRoles
    perpetrator: PerpetratorTest

    @classmethod
    def load(cls, codebook: Codebook | None = None) -> Lexicon:
        """The lexicon shipped with harmattan, checked against `codebook` (default: the
        packaged one)."""
        return cls.from_path(Path(str(files("harmattan.events") / "triggers.toml")), codebook)

    @classmethod
    def from_path(cls, path: Path, codebook: Codebook | None = None) -> Lexicon:
        """Read a trigger lexicon file and check it against `codebook` (default: the
        packaged one)."""
        return cls.from_data(read_toml(path), path.name, codebook)

    @classmethod
    def from_data(
        cls, data: Mapping[str, Any], source: str, codebook: Codebook | None = None
    ) -> Lexicon:
        """Build a lexicon from a lexicon file's tables (`source` names it in errors)."""
        known = _Known(codebook or Codebook.load(), source)
        defaults = data.get("defaults", {})
        recipient = tuple(defaults.get("recipient", ()))
        index: dict[str, list[TriggerEntry]] = {}
        for number, raw in enumerate(data.get("trigger", []), start=1):
            where = f"{source} trigger {number}"
            entry = _entry(raw, recipient, where)
            known.mode(entry.type, entry.mode, where)
            for lemma in entry.lemmas:
                index.setdefault(lemma, []).append(entry)
        modes = {
            type_name: tuple((mode, frozenset(words)) for mode, words in table.items())
            for type_name, table in data.get("modes", {}).items()
        }
        for type_name, keywords in modes.items():
            for mode, _ in keywords:
                known.mode(type_name, mode, f"{source} modes.{type_name}")
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
            crowd_nouns=frozenset(defaults.get("crowd_nouns", ())),
            mutual_violence=frozenset(defaults.get("mutual_violence", ())),
            cessation_verbs=frozenset(defaults.get("cessation_verbs", ())),
            mode_keywords=MappingProxyType(modes),
            roles=_roles(data.get("roles"), known),
            perpetrator=_perpetrator(data.get("perpetrator"), known, index),
        )

    def demand_entry(self) -> TriggerEntry:
        """The demand frame read from a reported "must" ("X said Y must ...")."""
        return TriggerEntry(
            lemmas=self.demand_modals,
            pos=frozenset({"AUX"}),
            type=self.roles.demand,
            mode=None,
            objects=None,
            preps=None,
            except_objects=frozenset(),
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


def read_toml(path: Path) -> dict[str, Any]:
    """A lexicon file's tables, or LexiconError saying why it cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise LexiconError(f"cannot read trigger lexicon {path}: {err}") from err


@dataclass(frozen=True, slots=True)
class _Known:
    """Checks the types, modes and sectors a lexicon file names against the codebook."""

    codebook: Codebook
    source: str

    def type_name(self, name: object, where: str) -> str:
        if not isinstance(name, str) or name not in self.codebook.types:
            known = ", ".join(self.codebook.types)
            raise LexiconError(
                f"{where}: {name!r} is not a PLOVER event type in the codebook;"
                f" use one of {known}; {_FIX}"
            )
        return name

    def type_names(self, value: object, where: str) -> frozenset[str]:
        if not isinstance(value, list) or not value:
            raise LexiconError(f"{where}: expected a non-empty list of event types; {_FIX}")
        return frozenset(self.type_name(name, f"{where}[{i}]") for i, name in enumerate(value))

    def mode(self, type_name: str, mode: str | None, where: str) -> None:
        modes = self.codebook.types[self.type_name(type_name, where)].modes
        if mode is not None and mode not in modes:
            known = ", ".join(modes) or "none"
            raise LexiconError(
                f"{where}: {mode!r} is not a mode of {type_name}; its modes: {known}; {_FIX}"
            )

    def sectors(self, table: Mapping[str, Any], where: str) -> SectorSet:
        codes = table.get("sectors")
        if not isinstance(codes, list) or not codes:
            raise LexiconError(f"{where}.sectors: expected a non-empty list of sectors; {_FIX}")
        for index, code in enumerate(codes):
            if not isinstance(code, str) or code not in self.codebook.sectors:
                raise LexiconError(
                    f"{where}.sectors[{index}]: {code!r} is not a sector in the codebook; {_FIX}"
                )
        sectorless = table.get("sectorless", False)
        if not isinstance(sectorless, bool):
            raise LexiconError(f"{where}.sectorless: {sectorless!r} is not true or false; {_FIX}")
        return SectorSet(codes=frozenset(codes), sectorless=sectorless)


def _roles(raw: object, known: _Known) -> TypeRoles:
    where = f"{known.source} roles"
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: the [roles] table is missing or not a table; {_FIX}")
    unknown, missing = sorted(set(raw) - _ROLES), sorted(_ROLES - set(raw))
    if unknown:
        raise LexiconError(f"{where}: unknown keys {unknown}; allowed: {sorted(_ROLES)}; {_FIX}")
    if missing:
        raise LexiconError(f"{where}: missing keys {missing}; {_FIX}")
    place_left = raw["place_left"]
    if not isinstance(place_left, dict) or set(place_left) - {"types", "sectors", "sectorless"}:
        raise LexiconError(
            f"{where}.place_left: expected a table of types, sectors and sectorless; {_FIX}"
        )
    return TypeRoles(
        demand=known.type_name(raw["demand"], f"{where}.demand"),
        focus_recipient=known.type_names(raw["focus_recipient"], f"{where}.focus_recipient"),
        of_is_actor=known.type_names(raw["of_is_actor"], f"{where}.of_is_actor"),
        place_is_recipient=known.type_names(
            raw["place_is_recipient"], f"{where}.place_is_recipient"
        ),
        own_forces=known.type_names(raw["own_forces"], f"{where}.own_forces"),
        place_left=PlaceLeft(
            types=known.type_names(place_left.get("types"), f"{where}.place_left.types"),
            sectors=known.sectors(place_left, f"{where}.place_left"),
        ),
        agentless=known.type_names(raw["agentless"], f"{where}.agentless"),
        content_recipient=known.type_names(raw["content_recipient"], f"{where}.content_recipient"),
        purpose_folds=known.type_names(raw["purpose_folds"], f"{where}.purpose_folds"),
    )


def _perpetrator(
    raw: object, known: _Known, index: Mapping[str, list[TriggerEntry]]
) -> PerpetratorTest:
    where = f"{known.source} perpetrator"
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: the [perpetrator] table is missing or not a table; {_FIX}")
    unknown, missing = sorted(set(raw) - _PERPETRATOR), sorted(_PERPETRATOR - set(raw))
    if unknown:
        raise LexiconError(
            f"{where}: unknown keys {unknown}; allowed: {sorted(_PERPETRATOR)}; {_FIX}"
        )
    if missing:
        raise LexiconError(f"{where}: missing keys {missing}; {_FIX}")
    types = known.type_names(raw["types"], f"{where}.types")
    words = {key: _words(raw[key], f"{where}.{key}") for key in sorted(_PERPETRATOR - {"types"})}
    for lemma in sorted(words["harm_words"]):
        if not any(e.type in types for e in index.get(lemma, ())):
            raise LexiconError(
                f"{where}.harm_words: {lemma!r} is not a trigger lemma of {sorted(types)};"
                f" add its trigger or remove it; {_FIX}"
            )
    lists = ("attack_frames", "accidental_causes", "stated_accidental_causes")
    for number, first in enumerate(lists):
        for second in lists[number + 1 :]:
            both = words[first] & words[second]
            if both:
                raise LexiconError(
                    f"{where}: {sorted(both)} are in both {first} and {second};"
                    f" keep each word in one list; {_FIX}"
                )
    return PerpetratorTest(
        types=types,
        harm_words=words["harm_words"],
        attack_frames=words["attack_frames"],
        accidental_causes=words["accidental_causes"],
        stated_accidental_causes=words["stated_accidental_causes"],
        cause_preps=words["cause_preps"],
    )


def _words(value: object, where: str) -> frozenset[str]:
    """A non-empty list of lower-case lemmas."""
    if not isinstance(value, list) or not value:
        raise LexiconError(f"{where}: expected a non-empty list of lemmas; {_FIX}")
    for index, word in enumerate(value):
        if not isinstance(word, str) or not word or word != word.lower():
            raise LexiconError(
                f"{where}[{index}]: {word!r} is not a lower-case lemma (a non-empty string); {_FIX}"
            )
    return frozenset(value)


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
        except_objects=frozenset(raw.get("except_objects", ())),
        recipient_preps=tuple(raw.get("recipient", recipient)),
        reverse=bool(raw.get("reverse", False)),
        frame=bool(raw.get("frame", False)),
        weight=weight,
        contexts=tuple(raw.get("contexts", ())),
        time_given=frozenset(raw["time_given"]) if "time_given" in raw else None,
    )
