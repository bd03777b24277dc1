"""The PLOVER codebook (shared/PLOVER.md), read from the packaged `codebook.toml`.

`Codebook.load()` reads and validates the data file; the codebook then answers
the questions the coder and the GDELT-compatible export ask: which type a
legacy name means, a type's or mode's score, CAMEO root and quad class, and
which PLOVER type a CAMEO code maps to. Its `readings` are PLOVER's rules for
what a report means beyond its trigger word (a future CONSULT is a promise,
AGREE), which the coder applies.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path
from types import MappingProxyType
from typing import Any

from harmattan.errors import HarmattanError

CODEBOOK_VERSION = 1
CODEBOOK_RESOURCE = "codebook.toml"
MIN_SCORE = -10.0
MAX_SCORE = 10.0
QUAD_CLASSES = (1, 2, 3, 4)

_TYPE_NAME = re.compile(r"[A-Z]+")
_MODE_NAME = re.compile(r"[a-z]+(?:-[a-z]+)*")
_CONTEXT_NAME = re.compile(r"[a-z]+(?:_[a-z]+)*")
_ACTOR_CODE = re.compile(r"[A-Z]{3}")
_CAMEO_CODE = re.compile(r"\d{2,4}")
_FIX = "fix the codebook data file (see src/harmattan/events/README.md)"


class CodebookError(HarmattanError):
    """The codebook data file is invalid, or a name or code is not in the codebook."""

    def __init__(self, message: str, *, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True, slots=True)
class Mode:
    """How an event happened, with its intensity score and, if it decides it, its CAMEO root."""

    name: str
    score: float
    cameo_root: str | None


@dataclass(frozen=True, slots=True)
class EventType:
    """A PLOVER event type with its GDELT-compatible codes and its modes."""

    name: str
    description: str
    recipient_required: bool
    quad_class: int
    base_score: float
    cameo_root: str
    modes: Mapping[str, Mode]


@dataclass(frozen=True, slots=True)
class LegacyName:
    """What an event type name from an older PLOVER draft means now."""

    type: str
    mode: str | None


@dataclass(frozen=True, slots=True)
class SectorSet:
    """Some actor sectors, and whether an actor whose sector is unknown belongs too."""

    codes: frozenset[str]
    sectorless: bool

    def holds(self, sector: str | None) -> bool:
        """Whether an actor of this sector (None: unknown) is in the set."""
        return self.sectorless if sector is None else sector in self.codes


@dataclass(frozen=True, slots=True)
class Recoding:
    """Reports of some types that PLOVER codes as another type, under a rule the coder checks."""

    becomes: str
    # Each type the rule applies to -> the mode of `becomes` it gets (None: no mode).
    sources: Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class Framing:
    """A frame type and the type of an event found in its content."""

    frame: str
    content: str


@dataclass(frozen=True, slots=True)
class SectorRecoding:
    """A report of `type` whose actors all belong to `sectors` is coded as `becomes`/`mode`."""

    type: str
    sectors: SectorSet
    becomes: str
    mode: str | None

    def applies(self, type_name: str, actor_sectors: Sequence[str | None]) -> bool:
        """Whether a report of this type by actors of these sectors is recoded; needs an actor."""
        return (
            type_name == self.type
            and bool(actor_sectors)
            and all(self.sectors.holds(s) for s in actor_sectors)
        )


@dataclass(frozen=True, slots=True)
class Readings:
    """PLOVER's readings of a report beyond its trigger word (`[readings]` in codebook.toml)."""

    # Reported in the future tense: a promise.
    promise: Recoding
    # Harm announced for the future: a threat, the mode saying what is threatened.
    threat: Recoding
    # "will not" do it: a refusal.
    refusal: Recoding
    # An order (the frame, said with an ordering verb) to do the content is the content.
    order: Framing
    # A demand (the content) voiced by a protest (the frame) is part of the protest.
    voiced_demand: Framing
    # Blocking roads or breaking up crowds by state forces is coercion, not protest.
    protest_by_forces: SectorRecoding
    # A protest voiced by officials or organizations is disapproval, not street protest.
    protest_by_officials: SectorRecoding
    # What a protesting crowd does is protest: its violence a riot, its demands a demo.
    crowd: Recoding


@dataclass(frozen=True, slots=True)
class Codebook:
    """harmattan's PLOVER codebook: event types, modes, contexts, actor codes, CAMEO map."""

    types: Mapping[str, EventType]
    contexts: tuple[str, ...]
    sectors: Mapping[str, str]
    international_codes: Mapping[str, str]
    factualities: Mapping[str, str]
    legacy_names: Mapping[str, LegacyName]
    # CAMEO code prefix -> PLOVER type; None marks a prefix PLOVER does not code.
    cameo_prefixes: Mapping[str, str | None]
    readings: Readings
    version: int

    @classmethod
    def load(cls) -> Codebook:
        """The codebook shipped in the package."""
        resource = files("harmattan.events").joinpath(CODEBOOK_RESOURCE)
        with as_file(resource) as path:
            return cls.from_path(path)

    @classmethod
    def from_path(cls, path: Path) -> Codebook:
        """Read and validate a codebook data file."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise CodebookError(
                f"cannot read the codebook at {path}: {err}; reinstall harmattan or fix the path"
            ) from err
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise CodebookError(f"{path}: not valid TOML: {err}; {_FIX}") from err
        return _Reader(str(path)).codebook(data)

    def canonical_type(self, name: str) -> tuple[str, str | None]:
        """The current type a name (current or legacy, any case) means, and the mode it implies."""
        key = name.upper()
        if key in self.types:
            return key, None
        legacy = self.legacy_names.get(key)
        if legacy is not None:
            return legacy.type, legacy.mode
        known = ", ".join([*self.types, *self.legacy_names])
        raise CodebookError(f"{name!r} is not a PLOVER event type; use one of {known}")

    def event_type(self, name: str) -> EventType:
        """The event type a name (current or legacy, any case) means."""
        return self.types[self.canonical_type(name)[0]]

    def score(self, type_name: str, mode: str | None) -> float:
        """The mode's score when there is a mode, else the type's base score."""
        event_type, resolved = self._resolve(type_name, mode)
        return event_type.base_score if resolved is None else resolved.score

    def cameo_root(self, type_name: str, mode: str | None) -> str:
        """The CAMEO root code of the mode when the mode decides it, else of the type."""
        event_type, resolved = self._resolve(type_name, mode)
        if resolved is not None and resolved.cameo_root is not None:
            return resolved.cameo_root
        return event_type.cameo_root

    def quad_class(self, type_name: str) -> int:
        """The GDELT QuadClass (1-4) of an event type."""
        return self.event_type(type_name).quad_class

    def plover_for_cameo(self, code: str) -> str | None:
        """The PLOVER type of a CAMEO code, or None where PLOVER does not code it.

        The longest matching prefix decides. Root 01 is not coded, and a bare 08
        (or 080) is None because CAMEO 08 splits between CONCEDE and RETREAT.
        """
        if not _CAMEO_CODE.fullmatch(code):
            raise CodebookError(f"{code!r} is not a CAMEO code; give two to four digits")
        for end in range(len(code), 1, -1):
            prefix = code[:end]
            if prefix in self.cameo_prefixes:
                return self.cameo_prefixes[prefix]
        if any(prefix.startswith(code[:2]) for prefix in self.cameo_prefixes):
            return None
        raise CodebookError(f"{code!r} has no CAMEO root the codebook knows; roots run 01-20")

    def _resolve(self, type_name: str, mode: str | None) -> tuple[EventType, Mode | None]:
        name, implied = self.canonical_type(type_name)
        event_type = self.types[name]
        wanted = implied if mode is None else mode.lower()
        if implied is not None and wanted != implied:
            raise CodebookError(
                f"{type_name!r} means {name} with mode {implied!r}, not {mode!r};"
                f" give mode {implied!r} or none"
            )
        if wanted is None:
            return event_type, None
        found = event_type.modes.get(wanted)
        if found is None:
            known = ", ".join(event_type.modes) or "none"
            raise CodebookError(f"{name} has no mode {mode!r}; its modes are: {known}")
        return event_type, found


@dataclass(frozen=True, slots=True)
class _Reader:
    """Validates the parsed TOML, naming the file and key of the first problem."""

    source: str

    def codebook(self, data: Mapping[str, Any]) -> Codebook:
        self.keys(
            data,
            "",
            {
                "version",
                "contexts",
                "factualities",
                "international_codes",
                "sectors",
                "legacy_names",
                "cameo",
                "types",
                "readings",
            },
        )
        version = data["version"]
        if version != CODEBOOK_VERSION or isinstance(version, bool):
            raise self.fail(
                "version", f"version {version!r} is not {CODEBOOK_VERSION}, the one this code reads"
            )
        types = self.types(data["types"])
        sectors = self.glossary(data["sectors"], "sectors", _ACTOR_CODE)
        return Codebook(
            types=types,
            contexts=self.names(data["contexts"], "contexts", _CONTEXT_NAME),
            sectors=sectors,
            international_codes=self.glossary(
                data["international_codes"], "international_codes", _ACTOR_CODE
            ),
            factualities=self.glossary(data["factualities"], "factualities", _MODE_NAME),
            legacy_names=self.legacy_names(data["legacy_names"], types),
            cameo_prefixes=self.cameo(data["cameo"], types),
            readings=self.readings(data["readings"], types, sectors),
            version=version,
        )

    def types(self, value: object) -> Mapping[str, EventType]:
        table = self.table(value, "types")
        if not table:
            raise self.fail("types", "no event types")
        types: dict[str, EventType] = {}
        for name, raw in table.items():
            key = f"types.{name}"
            if not _TYPE_NAME.fullmatch(name):
                raise self.fail(key, "a type name is upper-case letters only")
            entry = self.table(raw, key)
            self.keys(
                entry,
                key,
                {
                    "description",
                    "recipient_required",
                    "quad_class",
                    "base_score",
                    "cameo_root",
                    "modes",
                },
            )
            quad_class = entry["quad_class"]
            if isinstance(quad_class, bool) or quad_class not in QUAD_CLASSES:
                raise self.fail(f"{key}.quad_class", f"{quad_class!r} is not one of 1, 2, 3, 4")
            types[name] = EventType(
                name=name,
                description=self.text(entry["description"], f"{key}.description"),
                recipient_required=self.flag(
                    entry["recipient_required"], f"{key}.recipient_required"
                ),
                quad_class=quad_class,
                base_score=self.score(entry["base_score"], f"{key}.base_score"),
                cameo_root=self.cameo_root(entry["cameo_root"], f"{key}.cameo_root"),
                modes=self.modes(entry["modes"], f"{key}.modes"),
            )
        return MappingProxyType(types)

    def modes(self, value: object, key: str) -> Mapping[str, Mode]:
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list of modes, got {type(value).__name__}")
        modes: dict[str, Mode] = {}
        for index, raw in enumerate(value):
            entry = self.table(raw, f"{key}[{index}]")
            self.keys(entry, f"{key}[{index}]", {"name", "score"}, {"cameo_root"})
            name = self.text(entry["name"], f"{key}[{index}].name")
            if not _MODE_NAME.fullmatch(name):
                raise self.fail(f"{key}[{index}].name", f"{name!r} is not a lower-case mode name")
            if name in modes:
                raise self.fail(f"{key}.{name}", f"mode {name!r} is listed twice")
            root = entry.get("cameo_root")
            modes[name] = Mode(
                name=name,
                score=self.score(entry["score"], f"{key}.{name}.score"),
                cameo_root=None
                if root is None
                else self.cameo_root(root, f"{key}.{name}.cameo_root"),
            )
        return MappingProxyType(modes)

    def legacy_names(
        self, value: object, types: Mapping[str, EventType]
    ) -> Mapping[str, LegacyName]:
        legacy: dict[str, LegacyName] = {}
        for name, raw in self.table(value, "legacy_names").items():
            key = f"legacy_names.{name}"
            if not _TYPE_NAME.fullmatch(name) or name in types:
                raise self.fail(key, "a legacy name is upper-case and not a current type")
            entry = self.table(raw, key)
            self.keys(entry, key, {"type"}, {"mode"})
            target = self.text(entry["type"], f"{key}.type")
            if target not in types:
                raise self.fail(f"{key}.type", f"{target!r} is not an event type in this file")
            mode = entry.get("mode")
            if mode is not None and self.text(mode, f"{key}.mode") not in types[target].modes:
                raise self.fail(f"{key}.mode", f"{mode!r} is not a mode of {target}")
            legacy[name] = LegacyName(type=target, mode=mode)
        return MappingProxyType(legacy)

    def cameo(self, value: object, types: Mapping[str, EventType]) -> Mapping[str, str | None]:
        table = self.table(value, "cameo")
        self.keys(table, "cameo", {"not_coded", "plover"})
        prefixes: dict[str, str | None] = {}
        for index, prefix in enumerate(
            self.names(table["not_coded"], "cameo.not_coded", _CAMEO_CODE)
        ):
            prefixes[self.cameo_prefix(prefix, f"cameo.not_coded[{index}]")] = None
        for prefix, target in self.table(table["plover"], "cameo.plover").items():
            key = f"cameo.plover.{prefix}"
            self.cameo_prefix(prefix, key)
            if prefix in prefixes:
                raise self.fail(key, f"prefix {prefix!r} is also listed as not coded")
            if target not in types:
                raise self.fail(key, f"{target!r} is not an event type in this file")
            prefixes[prefix] = target
        return MappingProxyType(prefixes)

    def readings(
        self, value: object, types: Mapping[str, EventType], sectors: Mapping[str, str]
    ) -> Readings:
        table = self.table(value, "readings")
        self.keys(
            table,
            "readings",
            {
                "promise",
                "threat",
                "refusal",
                "order",
                "voiced_demand",
                "protest_by_forces",
                "protest_by_officials",
                "crowd",
            },
        )
        return Readings(
            promise=self.recoding(table["promise"], "readings.promise", types),
            threat=self.recoding(table["threat"], "readings.threat", types),
            refusal=self.recoding(table["refusal"], "readings.refusal", types),
            order=self.framing(table["order"], "readings.order", types),
            voiced_demand=self.framing(table["voiced_demand"], "readings.voiced_demand", types),
            protest_by_forces=self.sector_recoding(
                table["protest_by_forces"], "readings.protest_by_forces", types, sectors
            ),
            protest_by_officials=self.sector_recoding(
                table["protest_by_officials"], "readings.protest_by_officials", types, sectors
            ),
            crowd=self.recoding(table["crowd"], "readings.crowd", types),
        )

    def recoding(self, value: object, key: str, types: Mapping[str, EventType]) -> Recoding:
        """`types = [...]` (no mode) or `modes = { TYPE = "mode" }`, and what they become."""
        table = self.table(value, key)
        self.keys(table, key, {"becomes"}, {"types", "modes"})
        becomes = self.type_name(table["becomes"], f"{key}.becomes", types)
        if ("types" in table) == ("modes" in table):
            raise self.fail(key, "give either 'types' (no mode) or 'modes' (type -> mode)")
        sources: dict[str, str | None] = {}
        if "types" in table:
            for index, name in enumerate(self.names(table["types"], f"{key}.types", _TYPE_NAME)):
                sources[self.type_name(name, f"{key}.types[{index}]", types)] = None
        else:
            modes = self.table(table["modes"], f"{key}.modes")
            if not modes:
                raise self.fail(f"{key}.modes", "no entries")
            for name, mode in modes.items():
                self.type_name(name, f"{key}.modes.{name}", types)
                sources[name] = self.mode_name(mode, f"{key}.modes.{name}", types[becomes])
        return Recoding(becomes=becomes, sources=MappingProxyType(sources))

    def framing(self, value: object, key: str, types: Mapping[str, EventType]) -> Framing:
        table = self.table(value, key)
        self.keys(table, key, {"frame", "content"})
        return Framing(
            frame=self.type_name(table["frame"], f"{key}.frame", types),
            content=self.type_name(table["content"], f"{key}.content", types),
        )

    def sector_recoding(
        self,
        value: object,
        key: str,
        types: Mapping[str, EventType],
        sectors: Mapping[str, str],
    ) -> SectorRecoding:
        table = self.table(value, key)
        self.keys(table, key, {"type", "becomes", "sectors"}, {"mode", "sectorless"})
        becomes = self.type_name(table["becomes"], f"{key}.becomes", types)
        mode = table.get("mode")
        return SectorRecoding(
            type=self.type_name(table["type"], f"{key}.type", types),
            sectors=self.sector_set(table, key, sectors),
            becomes=becomes,
            mode=None if mode is None else self.mode_name(mode, f"{key}.mode", types[becomes]),
        )

    def sector_set(
        self, table: Mapping[str, Any], key: str, sectors: Mapping[str, str]
    ) -> SectorSet:
        """`sectors = [...]`, with `sectorless = true` when an unknown sector belongs too."""
        codes = self.names(table["sectors"], f"{key}.sectors", _ACTOR_CODE)
        for index, code in enumerate(codes):
            if code not in sectors:
                raise self.fail(
                    f"{key}.sectors[{index}]", f"{code!r} is not a sector in this file's [sectors]"
                )
        sectorless = self.flag(table.get("sectorless", False), f"{key}.sectorless")
        return SectorSet(codes=frozenset(codes), sectorless=sectorless)

    def type_name(self, value: object, key: str, types: Mapping[str, EventType]) -> str:
        name = self.text(value, key)
        if name not in types:
            raise self.fail(
                key, f"{name!r} is not an event type in this file; use one of {', '.join(types)}"
            )
        return name

    def mode_name(self, value: object, key: str, event_type: EventType) -> str:
        name = self.text(value, key)
        if name not in event_type.modes:
            known = ", ".join(event_type.modes) or "none"
            raise self.fail(key, f"{name!r} is not a mode of {event_type.name}; its modes: {known}")
        return name

    def glossary(self, value: object, key: str, pattern: re.Pattern[str]) -> Mapping[str, str]:
        table = self.table(value, key)
        if not table:
            raise self.fail(key, "no entries")
        for name, meaning in table.items():
            if not pattern.fullmatch(name):
                raise self.fail(f"{key}.{name}", f"{name!r} does not look like a {key} code")
            self.text(meaning, f"{key}.{name}")
        return MappingProxyType(dict(table))

    def names(self, value: object, key: str, pattern: re.Pattern[str]) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(key, "expected a non-empty list of strings")
        seen: list[str] = []
        for index, name in enumerate(value):
            if not isinstance(name, str) or not pattern.fullmatch(name):
                raise self.fail(f"{key}[{index}]", f"{name!r} is not a valid entry")
            if name in seen:
                raise self.fail(f"{key}[{index}]", f"{name!r} is listed twice")
            seen.append(name)
        return tuple(seen)

    def cameo_prefix(self, value: str, key: str) -> str:
        if not _CAMEO_CODE.fullmatch(value) or not 1 <= int(value[:2]) <= 20:
            raise self.fail(key, f"{value!r} is not 2-4 digits under a CAMEO root from 01 to 20")
        return value

    def cameo_root(self, value: object, key: str) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"\d\d", value):
            raise self.fail(key, f"{value!r} is not a two-digit CAMEO root code")
        if not 1 <= int(value) <= 20:
            raise self.fail(key, f"{value!r} is not a CAMEO root (01-20)")
        return value

    def score(self, value: object, key: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, f"{value!r} is not a number")
        if not MIN_SCORE <= value <= MAX_SCORE:
            raise self.fail(key, f"score {value} is outside [{MIN_SCORE:g}, {MAX_SCORE:g}]")
        return float(value)

    def flag(self, value: object, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, f"{value!r} is not true or false")
        return value

    def text(self, value: object, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "expected a non-empty string")
        return value

    def table(self, value: object, key: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"expected a table, got {type(value).__name__}")
        return value

    def keys(
        self,
        table: Mapping[str, Any],
        key: str,
        required: set[str],
        optional: Iterable[str] = (),
    ) -> None:
        allowed = required | set(optional)
        for name in table:
            if name not in allowed:
                raise self.fail(
                    _join(key, name), f"unknown key; allowed here: {', '.join(sorted(allowed))}"
                )
        for name in sorted(required):
            if name not in table:
                raise self.fail(_join(key, name), "missing")

    def fail(self, key: str, problem: str) -> CodebookError:
        return CodebookError(f"{self.source}: {key}: {problem}; {_FIX}", key=key)


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name
