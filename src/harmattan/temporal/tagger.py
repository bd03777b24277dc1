"""Recognition of time expressions: regular expressions over the article text.

Each `Rule` has one pattern with named groups; `TimexTagger.find` runs them all,
keeps the longest match where matches overlap, and returns `Mention`s carrying
the groups, which `normalize` turns into TIMEX3 values. Extents follow TimeBank:
determiners and modifiers ("the", "last", "early", "nearly", "ago") are inside the
tag, prepositions ("in", "on", "for", "since") outside.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping

from harmattan.errors import ModelError
from harmattan.temporal.anchors import forward_cue, tense_direction
from harmattan.temporal.french import french_grammar
from harmattan.temporal.grammar import Grammar, Mention, Rule

__all__ = ["Mention", "Rule", "TimexTagger"]


MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNITS = (
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "weekend",
    "fortnight",
    "month",
    "quarter",
    "year",
    "decade",
    "century",
)
SMALL_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]

# Abbreviations need their period, so that "mar" or "sun" in ordinary words never match.
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.|sept)"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = (
    r"(?<![$\d.,/:])(?<!\d-)(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|-\d|\s*(?:percent|per\s+cent)\b)"
)
_DAYNUM = (
    r"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:,.]\d)"
    r"|(?:twenty-|thirty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|thirtieth)"
)
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten)"
)
_NUM = (
    r"(?:\d+(?:\.\d+)?(?:\s+1/2)?|" + _NUMWORD + r"(?:\s+(?:hundred|thousand))?"
    r"|a\s+(?:hundred|thousand|dozen)|a\s+couple\s+of|a\s+few|a\s+several|several|few|many"
    r"|another|an\s+additional|one\s+more|a|an)"
)
_UNIT = (
    r"(?:second|minute|hour|day|week(?!end)|weekend|fortnight|month|quarter|year|decade"
    r"|centur(?:y|ie))"
)
_EDGE = (
    r"(?:early|earlier|late|later|mid|the\s+(?:end|beginning|start|middle|rest|remainder|first\s+half"
    r"|second\s+half|latter\s+part|early\s+part|turn)\s+of)"
)
_MOD = (
    r"(?:about|nearly|almost|more\s+than|less\s+than|at\s+least|over|up\s+to|roughly|approximately"
    r"|only|just|no\s+more\s+than|fewer\s+than|under|around|upwards\s+of|well\s+over|close\s+to"
    r"|some|at\s+most|barely|a\s+full)"
)
_POD = r"(?:morning|afternoon|evening|night)"
_END = r"(?![\w-])"

# In priority order: when two matches cover the same span, the earlier rule here wins.
PATTERNS: dict[Rule, str] = {
    Rule.ISO: (
        r"(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
        r"(?:T(?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?"
    ),
    Rule.SLASH: r"(?<![\d/])(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d{2})(?![\d/])",
    Rule.CLOCK: (
        r"(?:(?P<approx>around|about|approximately|shortly\s+(?:after|before)|just\s+(?:after|before))\s+)?"
        r"(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm)(?!\w)"
        r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local\s+time))?"
        r"(?:,?\s+(?:(?P<wd>" + _WEEKDAY + r")|(?P<deictic>yesterday|today|tomorrow)"
        r"|(?P<month>" + _MONTH + r")\s+(?P<day>" + _DAYNUM + r")))?"
    ),
    Rule.NOON: (
        r"(?:(?P<wd1>" + _WEEKDAY + r")\s+)?(?P<word>noon|midnight|midday)"
        r"(?:,?\s+(?:(?P<wd>" + _WEEKDAY + r")|(?P<deictic>yesterday|today|tomorrow)))?"
    ),
    Rule.PART_OF_DAY: (
        r"(?:(?P<edge>early|late|later|earlier|mid)[\s-]+)?"
        r"(?:(?P<rel>this|yesterday|tomorrow|last|(?P<wd>" + _WEEKDAY + r"))[\s-]+)"
        r"(?P<pod>" + _POD + r")(?!s)"
        r"|(?P<word>tonight|overnight)"
        r"|(?P<pod2>morning|afternoon|evening|night)\s+(?P<wd2>" + _WEEKDAY + r"|yesterday|today)"
    ),
    Rule.WEEKDAY: (
        r"(?:(?P<rel>last|this|next|this\s+coming|this\s+past|the\s+previous|the\s+following"
        r"|the\s+next|coming|early|late|earlier|later)\s+)?(?P<wd>" + _WEEKDAY + r")"
        r"(?:,?\s+(?P<month>"
        + _MONTH
        + r")\s+(?P<day>"
        + _DAYNUM
        + r")(?:,?\s+(?P<year>"
        + _YEAR
        + r"))?)?"
    ),
    Rule.MONTH_DAY: (
        r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?"
        r"(?:(?P<edge>" + _EDGE + r")[\s-]+)?(?P<month>" + _MONTH + r")\s+(?P<day>" + _DAYNUM + r")"
        r"(?:,?\s+(?P<year>" + _YEAR + r"))?"
    ),
    Rule.DAY_MONTH: (
        r"(?:(?P<wd>" + _WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<day>" + _DAYNUM + r")\s+(?:of\s+)?"
        r"(?P<month>" + _MONTH + r")(?:,?\s+(?P<year>" + _YEAR + r"))?"
    ),
    Rule.MONTH: (
        r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?(?:(?P<edge>"
        + _EDGE
        + r")[\s-]+)?"
        r"(?P<month>" + _MONTH + r")(?:,?\s+(?:of\s+)?(?P<year>" + _YEAR + r")"
        r"|\s+(?P<yrel>this|last|next)\s+year)?"
    ),
    Rule.QUARTER: (
        r"(?:the\s+(?!\w+-quarter))?(?:(?P<year1>" + _YEAR + r")\s+)?(?:fiscal\s+)?"
        r"(?:(?P<yrel>this|last|next)\s+year's\s+)?"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:(?:fiscal|calendar)[\s-]+)?"
        r"(?P<unit>quarter|half)(?P<plural>s)?"
        r"(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?P<year2>"
        + _YEAR
        + r")|,?\s+(?P<year3>"
        + _YEAR
        + r"))?"
    ),
    Rule.YEAR: (
        r"(?:(?P<edge>"
        + _EDGE
        + r")[\s-]+)?(?:(?P<fiscal>fiscal|calendar|the\s+(?:fiscal\s+)?year)\s+)?"
        r"(?P<year>" + _YEAR + r")(?P<later>\s+or\s+later)?"
        r"|the\s+(?P<year2>"
        + _YEAR
        + r")\s+(?:period|fiscal\s+year|year|season|(?P<quarter>quarter))"
        r"|(?:the\s+year\s+)?(?P<spelled>nineteen[\s-]+" + _NUMWORD + r")"
        r"|the\s+year\s+(?P<spelled2>two\s+thousand(?:\s+and\s+" + _NUMWORD + r")?)"
    ),
    Rule.DECADE: (
        r"(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]*)?(?:(?P<decade>1[6-9]\d0|20\d0)|'(?P<short>\d0))'?s"
        r"|the\s+(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
    ),
    Rule.CENTURY: (
        r"(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]*)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|"
        + "|".join(ORDINALS)
        + r"|twenty-first)[\s-]+century"
    ),
    Rule.SEASON: (
        r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|the|that)\s+)?"
        r"(?:(?P<edge>early|late|mid)[\s-]*)?(?P<season>spring|summer|fall|autumn|winter)"
        r"(?:\s+(?:of\s+)?(?P<year>" + _YEAR + r"))?(?!\s+of\s+(?!\d))"
    ),
    Rule.RELATIVE: (
        r"(?:(?P<edge>" + _EDGE + r")\s+)?"
        r"(?P<rel>last|this|next|this\s+past|this\s+coming|that|the(?:\s+(?:past|last|next|coming"
        r"|previous|following|current|same|latest|prior|preceding|comparable|full|entire|whole))?)\s+"
        r"(?:(?P<fiscal>fiscal|calendar|financial)\s+)?(?P<unit>day|week|weekend|month|quarter|year|decade"
        r"|century|period)"
    ),
    Rule.YEAR_AGO: (
        r"(?:the\s+)?(?:comparable\s+)?year[\s-](?P<which>earlier|ago)"
        r"(?:\s+(?P<what>quarter|period|third\s+quarter|fourth\s+quarter|second\s+quarter|first\s+quarter))?"
        r"|(?P<end>year-end|year\s+end)"
    ),
    Rule.OFFSET: (
        r"(?:(?P<mod>"
        + _MOD
        + r")\s+)?(?P<num>"
        + _NUM
        + r")(?:\s+or\s+so)?[\s-]+(?P<unit>"
        + _UNIT
        + r")s?"
        r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence)"
    ),
    Rule.DURATION: (
        r"(?:(?P<det>(?:each\s+of\s+)?the)\s+)?"
        r"(?:(?P<rel>past|last|next|first|previous|coming|following|latest|final|remaining|initial"
        r"|recent|prior|ensuing|preceding)\s+)?"
        r"(?:(?P<mod>" + _MOD + r")\s+)?(?P<num>" + _NUM + r")"
        r"(?:\s+(?:to|or|and)\s+(?P<num2>"
        + _NUM
        + r"))?(?P<half1>\s+and\s+a\s+half)?(?:\s+or\s+so)?"
        r"(?:[\s-]+(?:more|additional|straight|consecutive|full|trading|business|calendar|long))?[\s-]+"
        r"(?P<unit>"
        + _UNIT
        + r")s?(?P<half2>\s+and\s+a\s+half)?(?:-long)?(?:\s+or\s+so)?(?![\s-]old)"
    ),
    Rule.VAGUE: (
        r"(?:(?P<q>(?:the\s+)?(?:past|last|next|coming|first|early|final|recent)\s+(?:few|several|couple\s+of)"
        r"|(?:the\s+)?(?:past|last|next|coming|recent|previous|first|early|ensuing|following)"
        r"|(?:a\s+)?few|several|many|some|a\s+couple\s+of|the)\s+"
        r"|(?=\w+\s+ago\b)|(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bover\s)|(?<=\bwithin\s)|(?<=\btake\s)|(?<=\btakes\s)|(?<=\btook\s)))"
        r"(?P<unit>seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)"
        r"(?P<ago>\s+ago)?(?P<long>-long)?"
    ),
    Rule.DEICTIC: (
        r"(?:(?P<edge>early|earlier|late|later)\s+)?(?P<day>yesterday|today|tomorrow)"
        r"|(?P<word>right\s+now|now|currently|nowadays|these\s+days|at\s+present|the\s+present"
        r"|recently|more\s+recently|lately|the\s+past|the\s+(?:near\s+|distant\s+)?future"
        r"|as\s+soon\s+as\s+possible|current)"
    ),
    Rule.HOLIDAY: (
        r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?"
        r"(?P<name>thanksgiving|christmas\s+eve|christmas|new\s+year's\s+eve|new\s+year's|easter"
        r"|independence\s+day|election\s+day|labor\s+day|memorial\s+day|halloween)"
        r"(?:\s+(?P<suffix>day|week|sunday))?(?:,?\s+(?P<year>" + _YEAR + r"))?"
    ),
    Rule.SET: (
        r"(?:every|each)\s+(?P<other>other\s+)?(?P<what>day|night|morning|afternoon|evening|week|weekend"
        r"|month|quarter|year|hour|minute|summer|spring|fall|autumn|winter|"
        + _WEEKDAY
        + "|"
        + _MONTH
        + r")"
        r"|(?P<adverb>daily|nightly|weekly|biweekly|monthly|yearly|hourly)"
        r"|(?P<freq>once|twice|\d+\s+times|" + _NUMWORD + r"\s+times)\s+(?:a|per|each|every)\s+"
        r"(?P<funit>day|week|month|year|hour|minute)"
        r"|per\s+(?P<punit>day|week|month|year|hour|minute|annum)"
        r"|(?P<wds>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)"
    ),
}

# Capitalized only: as lower-case words these are verbs, modals or nouns.
_CASE_SENSITIVE = frozenset({"may", "march"})
_NOT_AFTER_A = frozenset({"second"})
_CALENDAR_WORD = re.compile(r"\s+(?:" + _WEEKDAY + "|" + _MONTH + r")\b", re.IGNORECASE)


class TimexTagger:
    """Finds time-expression mentions in text; build once per language, use for every article.

    English (the default) is the rules above; `language="fr"` builds the French ones
    (`french.py`, words in `french.toml`).
    """

    def __init__(self, language: str = "en") -> None:
        if language == "en":
            self._grammar = english_grammar()
        elif language == "fr":
            self._grammar = french_grammar()
        else:
            raise ModelError(
                f"no time-expression rules for language {language!r}; harmattan reads 'en' and 'fr'"
            )
        self._priority = self._grammar.priority

    @property
    def grammar(self) -> Grammar:
        """The language's patterns, and how to read matches, deadlines and tenses."""
        return self._grammar

    @property
    def language(self) -> str:
        """The language the tagger reads."""
        return self._grammar.language

    def find(self, text: str) -> tuple[Mention, ...]:
        """Non-overlapping mentions in text order; the longest wins where matches overlap."""
        found: list[Mention] = []
        read = self._grammar.read
        for rule, pattern in self._grammar.patterns:
            for match in pattern.finditer(text):
                parts = read(rule, match, text)
                if parts is not None:
                    found.append(Mention(match.start(), match.end(), match.group(), rule, parts))
        found.sort(key=lambda m: (m.start - m.end, self._priority[m.rule], m.start))
        # The chosen mentions never overlap: kept sorted by start, a new one need only be
        # checked against its two neighbours (a long article has thousands).
        chosen: list[Mention] = []
        for mention in found:
            at = bisect_left(chosen, mention.start, key=lambda m: m.start)
            if at > 0 and chosen[at - 1].end > mention.start:
                continue
            if at < len(chosen) and chosen[at].start < mention.end:
                continue
            chosen.insert(at, mention)
        return tuple(chosen)


def english_grammar() -> Grammar:
    """The English rules, compiled."""
    patterns = tuple(
        (rule, re.compile(r"(?<![\w'])(?:" + pattern + r")" + _END, re.IGNORECASE))
        for rule, pattern in PATTERNS.items()
    )
    return Grammar("en", patterns, _read_english, forward_cue, tense_direction)


def _read_english(rule: Rule, match: re.Match[str], text: str) -> Mapping[str, str] | None:
    parts = {key: value for key, value in match.groupdict().items() if value is not None}
    before = text[max(0, match.start() - 3) : match.start()]
    after = text[match.end() : match.end() + 12]
    return parts if _plausible(rule, parts, before, after) else None


def _plausible(rule: Rule, parts: Mapping[str, str], before: str, after: str) -> bool:
    """Reject matches whose words are ambiguous in lower case or impossible as dates."""
    month = parts.get("month")
    if month is not None and month.lower() in _CASE_SENSITIVE and not month[0].isupper():
        return False
    if rule is Rule.MONTH and month is not None and month.lower() == "may" and "year" not in parts:
        # "May" opening a sentence is usually the modal; inside one, the month.
        opens_sentence = not before.strip() or before.rstrip()[-1] in ".!?\"'`:"
        return "rel" in parts or "edge" in parts or not opens_sentence
    if rule in (Rule.DURATION, Rule.OFFSET):
        num = parts.get("num", "").lower()
        unit = parts.get("unit", "").lower()
        if num in ("a", "an") and unit in _NOT_AFTER_A:
            return False
        if unit == "quarter" and after.startswith(" of"):
            # "three-quarters of the vote" is a fraction.
            return False
        if len(num) == 4 and num.isdigit() and int(num) >= 1600:
            # "the 1988 quarter" is a year, not 1,988 quarters.
            return False
    if rule is Rule.SET and "adverb" in parts and _names_a_paper(parts["adverb"], before, after):
        return False
    if rule is Rule.SEASON and parts.get("season", "").lower() == "fall":
        return ("rel" in parts and parts["rel"].lower() != "the") or "year" in parts
    if rule is Rule.SEASON:
        return "rel" in parts or "year" in parts or "edge" in parts
    return True


def _names_a_paper(word: str, before: str, after: str) -> bool:
    """Whether "daily" or "weekly" is a newspaper: a noun before its name ("the party
    daily Granma") or part of the name ("the Daily Telegraph"); TimeML tags neither."""
    inside_sentence = bool(before.strip()) and before.rstrip()[-1] not in ".!?\"'`:"
    if word[0].isupper() and inside_sentence:
        return True
    named = after[:1].isspace() and after.lstrip()[:1].isupper()
    return named and _CALENDAR_WORD.match(after) is None
