"""What French text says around a place name: articles to leave out, type nouns, links.

The words are in `data/french.json` (ours); the French names of places are in the
gazetteer (`data/exonyms_fr.json`, compiled by `harmattan.geo.build`).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files

from spacy.tokens import Doc

from harmattan.errors import HarmattanError
from harmattan.text import fold

FRENCH = "fr"
# JSON rather than TOML: the package ships `geo/data/*.json` (pyproject's package data).
RULES_FILE = "french.json"


class FrenchRulesError(HarmattanError):
    """The French word lists of the geo stage are missing or malformed."""


@dataclass(frozen=True, slots=True)
class FrenchRules:
    """The word lists of `data/french.json`, folded (lower case, no accents)."""

    determiners: frozenset[str]
    kind_links: frozenset[str]
    kind_words: Mapping[str, str]
    contracted_articles: Mapping[str, str]
    directions: frozenset[str]
    not_places: frozenset[str]
    diseases: frozenset[str]
    within: re.Pattern[str]

    def kind_before(self, doc: Doc, start: int) -> tuple[str, int] | None:
        """The type noun just before token `start` ("région de", "fleuve") and its index.

        Returns the English type word ("region", "river") and the noun's token index.
        """
        i = start - 1
        links = 0
        while i >= 0 and links < 2 and _word(doc[i].text) in self.kind_links:
            i -= 1
            links += 1
        if i < 0:
            return None
        kind = self.kind_words.get(_word(doc[i].text))
        return (kind, i) if kind is not None else None

    def disease_before(self, doc: Doc, start: int) -> bool:
        """Whether the name at token `start` follows a disease noun ("fièvre de Lassa")."""
        i = start - 1
        while i >= 0 and start - i <= 3:
            word = _word(doc[i].text)
            if word in self.diseases:
                return True
            if word not in self.kind_links:
                return False
            i -= 1
        return False

    def is_direction(self, words: list[str]) -> bool:
        """Whether a name is made only of direction words ("Nord", "Centre-Nord")."""
        return all(
            part in self.directions for word in words for part in _word(word).split("-") if part
        )


def _word(text: str) -> str:
    return fold(text.replace("’", "'"))


@functools.cache
def load_french_rules() -> FrenchRules:
    """The French word lists, read once per process from the package's `data/french.json`."""
    path = files("harmattan.geo").joinpath("data", RULES_FILE)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        directions = [_word(w) for w in raw["directions"]]
        return FrenchRules(
            determiners=frozenset(_word(w) for w in raw["determiners"]),
            kind_links=frozenset(_word(w) for w in raw["kind_links"]),
            kind_words={_word(k): str(v) for k, v in raw["kind_words"].items()},
            contracted_articles={_word(k): str(v) for k, v in raw["contracted_articles"].items()},
            directions=frozenset(directions),
            not_places=frozenset(_word(w) for w in raw["not_places"]),
            diseases=frozenset(_word(w) for w in raw["diseases"]),
            within=_within_pattern([_word(w) for w in raw["within_links"]], directions),
        )
    except (OSError, ValueError, KeyError, AttributeError) as error:
        raise FrenchRulesError(
            f"harmattan/geo/data/{RULES_FILE} is missing or malformed ({error!r}): "
            "reinstall harmattan or restore the file from version control"
        ) from None


def _within_pattern(links: list[str], directions: list[str]) -> re.Pattern[str]:
    """The folded text between a place and its container: ", au ", " (", ", dans l'ouest du "."""
    link = "|".join(re.escape(w) for w in sorted(links, key=len, reverse=True))
    side = "|".join(re.escape(w) for w in sorted(directions, key=len, reverse=True) if w != "-")
    of = r"(?:du|de la|de l'|des|d')"
    return re.compile(
        rf"^(?:, ?(?:(?:{link}) ?)?|, ?dans (?:le |la |l' ?)(?:{side}) {of} ?| ?\( ?)$"
    )


def links_within(rules: FrenchRules, between: str) -> bool:
    """Whether `between` places the name before it inside the name after it."""
    return rules.within.match(_word(between)) is not None


def folded_word(text: str) -> str:
    """A token's text as the word lists hold it: lower case, no accents, straight apostrophe."""
    return _word(text)
