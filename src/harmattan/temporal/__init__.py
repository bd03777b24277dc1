"""Time expressions normalized to TIMEX3 values against the article's publication date.

`find_timexes` is the pipeline stage. Recognition is `tagger.TimexTagger` (regular
expressions, compiled when the tagger is built; the pipeline builds one per process
and language and passes it in; French words live in `french.toml`), values are
`normalize.normalize`, the direction of weekdays and bare months comes from the
clause's tense (`anchors.tense_direction`, `anchors.french_tense_direction`).
Nothing here reads the clock: the publication date is the only "now".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from spacy.tokens import Doc

from harmattan.records import Article, Timex, TimexType
from harmattan.temporal.anchors import Direction
from harmattan.temporal.normalize import DIRECTED, Reference, normalize
from harmattan.temporal.tagger import Rule, TimexTagger

__all__ = ["Direction", "TimexTagger", "find_timexes", "timexes_in"]

# Explicit days that later narrative expressions ("the following day") count from.
_ANCHORING = frozenset({Rule.ISO, Rule.SLASH, Rule.MONTH_DAY, Rule.DAY_MONTH, Rule.WEEKDAY})

_CALENDAR = frozenset(
    {
        Rule.MONTH_DAY,
        Rule.DAY_MONTH,
        Rule.MONTH,
        Rule.CLOCK,
        Rule.NOON,
        Rule.WEEKDAY,
        Rule.PART_OF_DAY,
    }
)
# Dates whose deadline cue outweighs the tense; a weekday's tense still counts
# ("Until Thursday, they had not called him").
_CUE_OUTWEIGHS_TENSE = frozenset({Rule.MONTH_DAY, Rule.DAY_MONTH, Rule.MONTH, Rule.CLOCK})
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
_MONTHS = re.compile(r"^P\d+M$")

DirectionOf = Callable[[int, int], Direction]


def find_timexes(article: Article, doc: Doc, tagger: TimexTagger) -> tuple[Timex, ...]:
    """Time expressions of the article, valued against its publication date and tenses.

    The tagger's language decides the rules and how the parse's tenses are read.
    """
    direction = tagger.grammar.direction
    return timexes_in(
        article.text,
        article.published,
        tagger,
        lambda start, end: direction(doc, start, end),
    )


def timexes_in(
    text: str,
    published: dt.date,
    tagger: TimexTagger,
    direction_of: DirectionOf | None = None,
) -> tuple[Timex, ...]:
    """Time expressions of `text` published on `published`.

    `direction_of(start, end)` gives the tense direction of the clause around a
    span; without it every expression is resolved as if its tense were unknown.
    """
    timexes: list[Timex] = []
    anchor: dt.date | None = None
    quarter: str | None = None
    for mention in tagger.find(text):
        direction = Direction.UNKNOWN
        # An end point ("through Oct. 19", "extended to Nov. 16") does not follow
        # the tense of its clause.
        deadline = mention.rule in _CALENDAR and tagger.grammar.deadline(text, mention.start)
        if (
            direction_of is not None
            and mention.rule in DIRECTED
            and not (deadline and mention.rule in _CUE_OUTWEIGHS_TENSE)
        ):
            direction = direction_of(mention.start, mention.end)
        reference = Reference(published, direction, anchor, quarter, deadline)
        try:
            value = normalize(mention, reference)
        except (OverflowError, ValueError):
            # "the month after" a year-9999 anchor names no date the calendar has.
            continue
        if value is None:
            continue
        kind, timex_value = value
        timexes.append(Timex(mention.text, mention.start, mention.end, kind, timex_value))
        if mention.rule in _ANCHORING and len(timex_value) == 10:
            anchor = dt.date.fromisoformat(timex_value)
        if mention.rule in (Rule.QUARTER, Rule.RELATIVE) and _QUARTER.match(timex_value):
            quarter = timex_value
        elif kind is TimexType.DURATION and _MONTHS.match(timex_value):
            # Results "for the nine months" are compared with the year before, not
            # with the quarter named earlier.
            quarter = None
    return tuple(timexes)
