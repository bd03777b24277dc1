"""The actor dictionary: countries, organizations, armed groups and people, with dated roles.

The data lives in `harmattan/actors/data/` (see the README there for where its facts come
from). `ActorDictionary.load()` reads and validates every file once; build it once per
process and pass it to the stages that need it.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from harmattan.errors import HarmattanError
from harmattan.records import Actor
from harmattan.text import dashes_as_spaces, fold, strip_accents, surface_form, without_leading_the

SECTORS = frozenset(
    {
        "GOV", "MIL", "COP", "JUD", "LEG", "PRM", "PTY", "REB", "SPY", "OPP", "ELI", "CVL",
        "REF", "JRN", "BUS", "LAB", "REL", "EDU", "MED", "AGR", "SOC", "CRM", "PRE", "UAF",
        "UNK",
    }
)  # fmt: skip
"""PLOVER sector codes."""

NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
"""PLOVER country codes that name no state."""

FORMER_OFFICIAL_SECTOR = "ELI"
"""The sector of a person whose last role has ended (PLOVER: former or ousted officials)."""

COUNTRIES_FILE = "countries.json"
ORGANIZATIONS_FILE = "organizations.json"
GROUPS_FILE = "groups.json"
PEOPLE_FILE = "people.json"
SECTORS_FILE = "sectors.json"
SECTOR_NAMES_FILE = "sector_names.json"
NON_ACTORS_FILE = "non_actors.json"
# A language's additions, in data/<language>/ (see the README there).
NAMES_FILE = "names.json"
WORDS_FILE = "words.json"

ACRONYM_MAX_LETTERS = 4
"""All-capital aliases with at most this many letters match only in capitals ("US", not "us")."""

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Demonyms with these endings have no plural in -s ("the French", "the Swiss", "Malagasy").
_INVARIANT_DEMONYM_ENDINGS = ("ese", "s", "sh", "nch", "tch", "y", "z")
_ROLE_KEYS = frozenset({"country", "sector", "start", "end", "title"})
_LABELS = {"country": "GPE", "organization": "ORG", "group": "ORG", "person": "PERSON"}
_DEMONYM_LABEL = "NORP"


class ActorDataError(HarmattanError):
    """The actor data files are missing, malformed or contradict each other."""


class UnknownActorError(HarmattanError, KeyError):
    """An actor id or country code that the dictionary does not hold."""

    def __str__(self) -> str:
        # KeyError would quote the message; this one is meant to be read.
        return str(self.args[0]) if self.args else ""


class ActorKind(StrEnum):
    """What an actor entry names."""

    COUNTRY = "country"
    ORGANIZATION = "organization"
    GROUP = "group"
    PERSON = "person"


@dataclass(frozen=True, slots=True)
class Role:
    """A coding that holds from `start` (inclusive) to `end` (exclusive); None is open."""

    country: str
    sector: str | None
    start: date | None
    end: date | None
    title: str | None

    def covers(self, day: date) -> bool:
        """Whether the role holds on `day`."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of the dictionary, with the names that identify it in text."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    def role_at(self, day: date) -> Role | None:
        """The role that covers `day`, if any."""
        return next((role for role in self.roles if role.covers(day)), None)

    def actor_at(self, day: date) -> Actor:
        """The actor's coding on `day`.

        The role covering the day wins. A person with no role on that day but one that has
        ended is a former official: ELI of the last ended role's country, or of the person's
        own country when that role was in an international body (IGO, UNO, EUR...).
        Otherwise the entry's default coding applies.
        """
        role = self.role_at(day)
        if role is not None:
            return Actor(self.id, self.name, role.country, role.sector)
        if self.kind == ActorKind.PERSON:
            ended = [r for r in self.roles if r.end is not None and r.end <= day]
            if ended:
                last = max(ended, key=lambda r: r.end or day)
                country = self.country if last.country in NON_STATE_CODES else last.country
                return Actor(self.id, self.name, country, FORMER_OFFICIAL_SECTOR)
        return Actor(self.id, self.name, self.country, self.sector)


@dataclass(frozen=True, slots=True)
class SectorNoun:
    """A generic noun that names a sector ("junta" is MIL), maybe with a country override."""

    noun: str
    sector: str
    country: str | None


@dataclass(frozen=True, slots=True)
class NonActor:
    """A name that contains an actor's alias but is not that actor ("Lake Chad", "New Mexico")."""

    phrase: str
    label: str


def is_acronym(alias: str) -> bool:
    """Whether `alias` is a short all-capital acronym ("US", "U.S.", "AES"), matched by case."""
    letters = [c for c in alias if c.isalpha()]
    return 0 < len(letters) <= ACRONYM_MAX_LETTERS and all(c.isupper() for c in letters)


def demonym_plural(demonym: str) -> str | None:
    """The plural of a demonym noun ("Malian" → "Malians"), or None when it has none ("French")."""
    if demonym.lower().endswith(_INVARIANT_DEMONYM_ENDINGS):
        return None
    return demonym + "s"


def sector_key(noun: str) -> str:
    """A sector noun's lookup key: folded, each word singular ("rights groups" → "right group")."""
    return " ".join(_singular(word) for word in fold(surface_form(noun)).split())


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("men"):
        return word[:-3] + "man"
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class ResolverWords:
    """The words of one language that actor resolution reads (actors/resolve.py): generic
    references, pronouns, and the prepositions of "soldiers *of* Niger"."""

    # "the bloc" → the last organization named; "the group", "the country" likewise.
    generic_kind: Mapping[str, str]
    # Determiners that make such a noun a reference back ("the bloc", not "a bloc").
    generic_determiners: frozenset[str]
    pronouns: frozenset[str]
    # "a member of", "thousands of": the actor is in the "of" phrase.
    partitive: frozenset[str]
    # "rebel leader", "army chief": the group they lead decides the sector.
    leaders: frozenset[str]
    former: frozenset[str]
    # Only a definite "the junta", not "1,500 soldiers", belongs to the focus country.
    definite: frozenset[str]
    of_preps: tuple[str, ...]
    in_preps: tuple[str, ...]


ENGLISH_WORDS = ResolverWords(
    generic_kind={
        "bloc": "organization",
        "organization": "organization",
        "organisation": "organization",
        "alliance": "organization",
        "body": "organization",
        "union": "organization",
        "community": "organization",
        "group": "group",
        "movement": "group",
        "militia": "group",
        "country": "country",
        "nation": "country",
        "state": "country",
    },
    generic_determiners=frozenset({"the", "this", "that"}),
    pronouns=frozenset({"it", "they", "its", "their", "them"}),
    partitive=frozenset(
        {"member", "thousand", "hundred", "dozen", "million", "some", "many", "part", "most"}
    ),
    leaders=frozenset(
        {"leader", "chief", "head", "commander", "spokesman", "spokeswoman", "spokesperson"}
    ),
    former=frozenset({"former", "ex", "ousted", "deposed", "exiled"}),
    definite=frozenset({"the", "its", "this", "that"}),
    of_preps=("of",),
    in_preps=("in",),
)


class ActorDictionary:
    """Every actor harmattan can name, looked up by id, country code or the text that names it.

    A dictionary is built for one language: French adds French names, demonyms and sector
    nouns (data/fr/) to the shared entries, so that "la CEDEAO" and "ECOWAS" are one actor.
    """

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        sector_nouns: Iterable[SectorNoun] = (),
        non_actors: Iterable[NonActor] = (),
        sector_names: Mapping[str, str] | None = None,
        *,
        origin: str = "actor data",
        language: str = "en",
        words: ResolverWords = ENGLISH_WORDS,
    ) -> None:
        self.language = language
        self.words = words
        self._entries: dict[str, ActorEntry] = {}
        self._by_code: dict[str, ActorEntry] = {}
        self._exact: dict[str, ActorEntry] = {}
        self._folded: dict[str, ActorEntry] = {}
        self._sector_nouns: dict[str, SectorNoun] = {}
        self._non_actors = tuple(non_actors)
        self._sector_names = dict(sector_names or {})
        problems: list[str] = [
            f"sector name for unknown sector {code!r}"
            for code in sorted(set(self._sector_names) - SECTORS)
        ]
        for entry in entries:
            self._add_entry(entry, problems)
        known_codes = set(self._by_code) | NON_STATE_CODES
        for entry in self._entries.values():
            problems.extend(_entry_problems(entry, known_codes))
        for entry in self._entries.values():
            for alias, key_kind in _match_forms(entry):
                self._index(entry, alias, key_kind, problems)
        for noun in sector_nouns:
            self._add_sector_noun(noun, known_codes, problems)
        for non_actor in self._non_actors:
            key = fold(surface_form(non_actor.phrase))
            if key in self._folded:
                problems.append(
                    f"non-actor {non_actor.phrase!r} is also a name of {self._folded[key].id!r}"
                )
        if problems:
            listed = "\n".join(f"  - {p}" for p in problems)
            raise ActorDataError(
                f"{origin} has {len(problems)} problem(s):\n{listed}\n"
                "Fix the data files (see src/harmattan/actors/README.md) and load again."
            )

    @classmethod
    def load(cls, language: str = "en") -> ActorDictionary:
        """The dictionary shipped with harmattan, for articles in `language`."""
        return cls.from_directory(files("harmattan.actors").joinpath("data"), language)

    @classmethod
    def from_directory(cls, directory: Path | Traversable, language: str = "en") -> ActorDictionary:
        """Read and validate the data files in `directory` (the layout of `actors/data/`),
        with the additions of `language` from its sub-directory."""
        origin = f"actor data in {directory}"
        entries: list[ActorEntry] = []
        entries.extend(
            _country_entry(raw, COUNTRIES_FILE) for raw in _read(directory, COUNTRIES_FILE)
        )
        for file_name, kind in (
            (ORGANIZATIONS_FILE, ActorKind.ORGANIZATION),
            (GROUPS_FILE, ActorKind.GROUP),
            (PEOPLE_FILE, ActorKind.PERSON),
        ):
            entries.extend(
                _coded_entry(raw, kind, file_name) for raw in _read(directory, file_name)
            )
        non_actors = [_non_actor(raw) for raw in _read(directory, NON_ACTORS_FILE)]
        names = _sector_names(_read(directory, SECTOR_NAMES_FILE), origin)
        if language == "en":
            nouns = [_sector_noun(raw) for raw in _read(directory, SECTORS_FILE)]
            return cls(entries, nouns, non_actors, names, origin=origin)
        own = directory.joinpath(language)
        entries = _with_names(entries, _read(own, NAMES_FILE), _country_names(language))
        nouns = [_sector_noun(raw) for raw in _read(own, SECTORS_FILE)]
        return cls(
            entries,
            nouns,
            non_actors,
            names,
            origin=origin,
            language=language,
            words=_words(own.joinpath(WORDS_FILE)),
        )

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def entry(self, actor_id: str) -> ActorEntry:
        """The entry with id `actor_id`."""
        try:
            return self._entries[actor_id]
        except KeyError:
            raise UnknownActorError(
                f"no actor with id {actor_id!r}; ids are lower-case "
                "(a country's id is its ISO alpha-3 code: 'ner')"
            ) from None

    def country(self, code: str) -> ActorEntry:
        """The country entry for an ISO 3166 alpha-3 code (or KOS for Kosovo)."""
        try:
            return self._by_code[code.upper()]
        except KeyError:
            raise UnknownActorError(
                f"no country with code {code!r}; use an ISO 3166 alpha-3 code such as 'NER'"
            ) from None

    def match(self, phrase: str) -> ActorEntry | None:
        """The actor the whole of `phrase` names: an alias, a demonym (or its plural), a capital.

        Case does not matter, except for short all-capital acronyms: "US" is the United
        States, "us" is not. A leading "the" and a trailing possessive are ignored.
        """
        surface = surface_form(phrase)
        if not surface:
            return None
        exact = self._exact.get(dashes_as_spaces(surface))
        if exact is not None:
            return exact
        return self._folded.get(fold(surface))

    def sector_name(self, sector: str) -> str:
        """How a sector is named after its country in a canonical actor name ("military":
        "Niger military"); the code itself when the data names none."""
        return self._sector_names.get(sector, sector)

    def sector_noun(self, lemma: str) -> SectorNoun | None:
        """The sector a generic noun names ("junta" → MIL), singular or plural."""
        return self._sector_nouns.get(sector_key(lemma))

    def ruler_patterns(
        self, tokenize: Callable[[str], Sequence[str]] | None = None
    ) -> list[dict[str, Any]]:
        """spaCy EntityRuler token patterns for every name, each with the actor id as "id".

        Countries and capitals are GPE, demonyms NORP, organizations and groups ORG, people
        PERSON. Acronyms match by ORTH (case-sensitive), everything else by LOWER. Names
        that merely contain an alias ("Lake Chad") get a pattern without an id, so the
        ruler prefers them to the shorter match. `tokenize` splits a name into tokens
        (default: spaCy's English tokenizer, the one the pipelines use).
        """
        split = tokenize if tokenize is not None else _tokenizer(self.language)
        seen: set[tuple[str, tuple[tuple[str, str], ...], str]] = set()
        patterns: list[dict[str, Any]] = []

        def add(label: str, name: str, actor_id: str) -> None:
            attribute = "ORTH" if is_acronym(name) else "LOWER"
            for variant in _spellings(name):
                tokens = tuple(
                    (attribute, token if attribute == "ORTH" else token.lower())
                    for token in split(variant)
                    if token.strip()
                )
                key = (label, tokens, actor_id)
                if tokens and key not in seen:
                    seen.add(key)
                    pattern: dict[str, Any] = {
                        "label": label,
                        "pattern": [{attr: value} for attr, value in tokens],
                    }
                    if actor_id:
                        pattern["id"] = actor_id
                    patterns.append(pattern)

        for entry in self._entries.values():
            label = _LABELS[entry.kind]
            for name in (*entry.aliases, *entry.capitals):
                add(label, name, entry.id)
            for demonym in _demonym_forms(entry):
                add(_DEMONYM_LABEL, demonym, entry.id)
        for non_actor in self._non_actors:
            add(non_actor.label, non_actor.phrase, "")
        return patterns

    def _add_entry(self, entry: ActorEntry, problems: list[str]) -> None:
        if entry.id in self._entries:
            problems.append(f"duplicate id {entry.id!r}")
            return
        self._entries[entry.id] = entry
        if entry.kind == ActorKind.COUNTRY and entry.country is not None:
            self._by_code[entry.country] = entry

    def _index(self, entry: ActorEntry, alias: str, exact: bool, problems: list[str]) -> None:
        surface = surface_form(alias)
        table, key = (
            (self._exact, dashes_as_spaces(surface)) if exact else (self._folded, fold(surface))
        )
        if not key:
            problems.append(f"{entry.id!r} has an empty name {alias!r}")
            return
        other = table.setdefault(key, entry)
        if other is not entry:
            problems.append(
                f"the name {alias!r} of {entry.id!r} is already a name of {other.id!r}; "
                "a name must identify one actor (drop it from one of them)"
            )

    def _add_sector_noun(self, noun: SectorNoun, codes: set[str], problems: list[str]) -> None:
        if noun.sector not in SECTORS:
            problems.append(f"sector noun {noun.noun!r} has unknown sector {noun.sector!r}")
        if noun.country is not None and noun.country not in codes:
            problems.append(f"sector noun {noun.noun!r} has unknown country {noun.country!r}")
        key = sector_key(noun.noun)
        if key in self._sector_nouns:
            problems.append(
                f"sector noun {noun.noun!r} duplicates {self._sector_nouns[key].noun!r}"
            )
            return
        self._sector_nouns[key] = noun


def _match_forms(entry: ActorEntry) -> Iterator[tuple[str, bool]]:
    """Each name of `entry` and whether it is matched by case (an acronym)."""
    for alias in (*entry.aliases, *entry.capitals):
        yield alias, is_acronym(alias)
    for demonym in _demonym_forms(entry):
        yield demonym, False


def _demonym_forms(entry: ActorEntry) -> Iterator[str]:
    for demonym in entry.demonyms:
        yield demonym
        plural = demonym_plural(demonym)
        if plural is not None:
            yield plural


def _spellings(name: str) -> list[str]:
    """`name` without a leading "the", unaccented, and with a typographic apostrophe."""
    base = without_leading_the(name)
    variants = [base, unicodedata.normalize("NFC", strip_accents(base))]
    variants.extend([v.replace("'", "’") for v in variants if "'" in v])
    return list(dict.fromkeys(variants))


def _tokenizer(language: str) -> Callable[[str], Sequence[str]]:
    import spacy  # deferred: importing spaCy is slow

    tokenizer = spacy.blank(language).tokenizer
    return lambda text: [token.text for token in tokenizer(text)]


def _with_names(
    entries: list[ActorEntry],
    rows: list[Mapping[str, Any]],
    country_names: Mapping[str, tuple[str, ...]],
) -> list[ActorEntry]:
    """The entries with a language's names added (names.json, then the country names
    pycountry translates). A translated name another entry already has is left out: the
    hand-written data decides."""
    extra: dict[str, dict[str, list[str]]] = {}
    for raw in rows:
        _fields(raw, NAMES_FILE, {"id", "aliases"}, {"demonyms", "capitals"})
        owner = str(raw["id"])
        slot = extra.setdefault(owner, {"aliases": [], "demonyms": [], "capitals": []})
        for key in slot:
            slot[key].extend(_strings(raw, key, NAMES_FILE))
    by_id = {entry.id: entry for entry in entries}
    unknown = sorted(set(extra) - set(by_id))
    if unknown:
        raise ActorDataError(f"{NAMES_FILE}: names for unknown actor ids {unknown}")
    taken = {fold(surface_form(n)) for e in entries for n in (*e.aliases, *e.capitals)}
    taken |= {fold(surface_form(n)) for s in extra.values() for v in s.values() for n in v}
    for entry in entries:
        if entry.kind != ActorKind.COUNTRY or entry.country is None:
            continue
        for name in country_names.get(entry.country, ()):
            key = fold(surface_form(name))
            if key not in taken:
                taken.add(key)
                slot = extra.setdefault(entry.id, {"aliases": [], "demonyms": [], "capitals": []})
                slot["aliases"].append(name)
    added = []
    for entry in entries:
        names = extra.get(entry.id)
        if names is None:
            added.append(entry)
            continue
        added.append(
            dataclasses.replace(
                entry,
                aliases=tuple(dict.fromkeys((*entry.aliases, *names["aliases"]))),
                demonyms=tuple(dict.fromkeys((*entry.demonyms, *names["demonyms"]))),
                capitals=tuple(dict.fromkeys((*entry.capitals, *names["capitals"]))),
            )
        )
    return added


def _country_names(language: str) -> dict[str, tuple[str, ...]]:
    """Country names in `language` from pycountry's ISO 3166 translations: "Russie,
    Fédération de" is also "Russie"."""
    import gettext

    import pycountry

    try:
        catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return {}
    names: dict[str, tuple[str, ...]] = {}
    for country in pycountry.countries:
        forms = {catalog.gettext(country.name)}
        common = getattr(country, "common_name", None)
        if common:
            forms.add(catalog.gettext(common))
        forms |= {form.split(",")[0].strip() for form in forms if "," in form}
        names[country.alpha_3] = tuple(sorted(f for f in forms if "," not in f))
    return names


def _words(source: Traversable) -> ResolverWords:
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ActorDataError(f"cannot read {source}: {error}") from None
    keys = {f.name for f in dataclasses.fields(ResolverWords)}
    missing = keys - raw.keys()
    if missing:
        raise ActorDataError(f"{source} lacks {sorted(missing)}")
    return ResolverWords(
        generic_kind=dict(raw["generic_kind"]),
        generic_determiners=frozenset(raw["generic_determiners"]),
        pronouns=frozenset(raw["pronouns"]),
        partitive=frozenset(raw["partitive"]),
        leaders=frozenset(raw["leaders"]),
        former=frozenset(raw["former"]),
        definite=frozenset(raw["definite"]),
        of_preps=tuple(raw["of_preps"]),
        in_preps=tuple(raw["in_preps"]),
    )


def _entry_problems(entry: ActorEntry, codes: set[str]) -> Iterator[str]:
    where = f"{entry.kind} {entry.id!r}"
    if not _ID.match(entry.id):
        yield f"{where}: the id must be lower-case words joined by '-'"
    if entry.country is None or entry.country not in codes:
        yield f"{where}: unknown country code {entry.country!r}"
    if entry.sector is not None and entry.sector not in SECTORS:
        yield f"{where}: unknown sector {entry.sector!r}"
    if not entry.aliases:
        yield f"{where}: needs at least one alias"
    for role in entry.roles:
        span = f"role {role.start}..{role.end}"
        if role.country not in codes:
            yield f"{where}: {span} has unknown country code {role.country!r}"
        if role.sector is not None and role.sector not in SECTORS:
            yield f"{where}: {span} has unknown sector {role.sector!r}"
        if role.start is not None and role.end is not None and role.start >= role.end:
            yield f"{where}: {span} ends before it starts"
    for earlier, later in zip(entry.roles, entry.roles[1:], strict=False):
        if earlier.end is None or (later.start or date.min) < earlier.end:
            yield (
                f"{where}: role {earlier.start}..{earlier.end} overlaps role "
                f"{later.start}..{later.end}; put concurrent offices in one role's title"
            )


def _sector_names(rows: list[Mapping[str, Any]], origin: str) -> dict[str, str]:
    names = {str(row.get("sector")): str(row.get("name")) for row in rows}
    missing = sorted(SECTORS - set(names))
    if missing or any(set(row) != {"sector", "name"} for row in rows):
        raise ActorDataError(
            f"{origin}: {SECTOR_NAMES_FILE} needs one {{sector, name}} object per PLOVER "
            f"sector; missing: {missing or 'none'}"
        )
    return names


def _read(directory: Path | Traversable, file_name: str) -> list[Mapping[str, Any]]:
    source = directory.joinpath(file_name)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ActorDataError(f"{source} is missing; the actor data needs {file_name}") from None
    except json.JSONDecodeError as error:
        raise ActorDataError(f"{source} is not valid JSON: {error}") from None
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise ActorDataError(f"{source} must hold a JSON list of objects")
    return data


def _fields(
    raw: Mapping[str, Any],
    file_name: str,
    required: AbstractSet[str],
    optional: AbstractSet[str] = frozenset(),
) -> None:
    name = raw.get("id") or raw.get("code") or raw.get("noun") or raw.get("phrase") or raw
    missing = required - raw.keys()
    unknown = raw.keys() - required - optional
    if missing or unknown:
        raise ActorDataError(
            f"{file_name}: entry {name!r} "
            + (f"lacks {sorted(missing)}" if missing else f"has unknown keys {sorted(unknown)}")
        )


def _strings(raw: Mapping[str, Any], key: str, file_name: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        owner = raw.get("id") or raw.get("code")
        raise ActorDataError(f"{file_name}: {key!r} of {owner!r} must be a list of strings")
    return tuple(value)


def _optional_str(raw: Mapping[str, Any], key: str, file_name: str) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise ActorDataError(f"{file_name}: {key!r} of {raw.get('id')!r} must be a string or null")
    return value


def _date(value: Any, file_name: str, owner: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ActorDataError(
            f"{file_name}: {owner!r} has a role date {value!r} that is not YYYY-MM-DD"
        ) from None


def _country_entry(raw: Mapping[str, Any], file_name: str) -> ActorEntry:
    _fields(raw, file_name, {"code", "name", "aliases", "demonyms", "capitals"})
    code = str(raw["code"])
    return ActorEntry(
        id=code.lower(),
        name=str(raw["name"]),
        kind=ActorKind.COUNTRY,
        country=code,
        sector=None,
        aliases=_strings(raw, "aliases", file_name),
        demonyms=_strings(raw, "demonyms", file_name),
        capitals=_strings(raw, "capitals", file_name),
    )


def _coded_entry(raw: Mapping[str, Any], kind: ActorKind, file_name: str) -> ActorEntry:
    _fields(raw, file_name, {"id", "name", "country", "sector", "aliases"}, {"roles"})
    owner = str(raw["id"])
    roles_raw = raw.get("roles", [])
    if not isinstance(roles_raw, list) or not all(isinstance(r, dict) for r in roles_raw):
        raise ActorDataError(f"{file_name}: 'roles' of {owner!r} must be a list of objects")
    roles = []
    for role in roles_raw:
        _fields({**role, "id": owner}, file_name, {"id", *_ROLE_KEYS})
        roles.append(
            Role(
                country=str(role["country"]),
                sector=_optional_str(role, "sector", file_name),
                start=_date(role["start"], file_name, owner),
                end=_date(role["end"], file_name, owner),
                title=_optional_str(role, "title", file_name),
            )
        )
    roles.sort(key=lambda r: r.start or date.min)
    return ActorEntry(
        id=owner,
        name=str(raw["name"]),
        kind=kind,
        country=_optional_str(raw, "country", file_name),
        sector=_optional_str(raw, "sector", file_name),
        aliases=_strings(raw, "aliases", file_name),
        roles=tuple(roles),
    )


def _sector_noun(raw: Mapping[str, Any]) -> SectorNoun:
    _fields(raw, SECTORS_FILE, {"noun", "sector", "country_override"})
    return SectorNoun(
        noun=str(raw["noun"]),
        sector=str(raw["sector"]),
        country=_optional_str(raw, "country_override", SECTORS_FILE),
    )


def _non_actor(raw: Mapping[str, Any]) -> NonActor:
    _fields(raw, NON_ACTORS_FILE, {"phrase", "label"})
    return NonActor(phrase=str(raw["phrase"]), label=str(raw["label"]))
