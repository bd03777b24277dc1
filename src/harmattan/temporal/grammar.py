"""What every language's tagger shares: the rules, the mentions they find, and a grammar.

A `Grammar` is one language's compiled patterns and the language-specific ways of
reading them. Its patterns capture the parts the English rules capture, in English
words ("août" is captured as "august"), so `normalize` values every language alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Doc

from harmattan.temporal.anchors import Direction


class Rule(StrEnum):
    """The kind of expression a pattern recognizes; it decides how the value is computed."""

    ISO = "iso"
    SLASH = "slash"
    CLOCK = "clock"
    NOON = "noon"
    PART_OF_DAY = "part_of_day"
    WEEKDAY = "weekday"
    MONTH_DAY = "month_day"
    DAY_MONTH = "day_month"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    QUARTER = "quarter"
    SEASON = "season"
    RELATIVE = "relative"
    YEAR_AGO = "year_ago"
    OFFSET = "offset"
    DURATION = "duration"
    VAGUE = "vague"
    DEICTIC = "deictic"
    HOLIDAY = "holiday"
    SET = "set"


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognized expression: its offsets, the rule that found it and its named parts."""

    start: int
    end: int
    text: str
    rule: Rule
    parts: Mapping[str, str]


# The parts of a match as the normalizer reads them, or None when the match is not
# a time expression after all; given the rule, the match and the whole text.
ReadMatch = Callable[[Rule, re.Match[str], str], Mapping[str, str] | None]


@dataclass(frozen=True, slots=True)
class Grammar:
    """One language's patterns (in priority order) and how to read what they match.

    `deadline(text, start)` says whether the words before `start` make a date an end
    point; `direction(doc, start, end)` reads the tense of the clause around a span.
    """

    language: str
    patterns: tuple[tuple[Rule, re.Pattern[str]], ...]
    read: ReadMatch
    deadline: Callable[[str, int], bool]
    direction: Callable[[Doc, int, int], Direction]

    @property
    def priority(self) -> dict[Rule, int]:
        """Where two matches cover the same span, the rule with the lower number wins."""
        return {rule: index for index, (rule, _) in enumerate(self.patterns)}
