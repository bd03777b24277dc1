"""French time expressions: patterns built from `french.toml`, read into English parts.

The patterns follow the English ones' extents: determiners and modifiers are inside
("l'année dernière", "le 26 juillet", "il y a deux semaines", "près de trois ans"),
prepositions outside ("en", "depuis", "pendant"). A match is read into the parts the
English rule of the same kind captures, with the French words replaced by the
English ones `french.toml` maps them to, so that `normalize` needs no French:
"fin août" gives {"edge": "late", "month": "august"} and is valued 2023-08, as
"late August" is. "dans deux mois" is read as "two months from now", since French
"dans" with a length always counts from the publication date.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from importlib.resources import files
from typing import Any

from harmattan.temporal.anchors import french_tense_direction
from harmattan.temporal.grammar import Grammar, Rule

_APOSTROPHE = "['’]"
_SPACE = re.compile(r"\s+")
# The named parts of a match, French words first, then English ones.
Raw = dict[str, str]
_ROMAN = {"I": 1, "V": 5, "X": 10}
# French counts a day "1er" (premier) and "1re" (première); digits may have a leading zero.
_DAYNUM = r"(?:1er|1re|premier|[12]\d|3[01]|0?[1-9])(?![\d:,.]\d)"
_YEAR_DIGITS = r"(?<![\d.,/:])(?<!\d-)(?<!\d\s)(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|-\d|\s\d)"


@dataclass(frozen=True, slots=True)
class FrenchWords:
    """The word lists of `french.toml`, each French word mapped to its English part."""

    version: int
    months: Mapping[str, str]
    month_abbreviations: Mapping[str, str]
    weekdays: Mapping[str, str]
    numbers: Mapping[str, int]
    approximate_numbers: Mapping[str, int]
    vague_counts: Mapping[str, str]
    units: Mapping[str, str]
    relatives: Mapping[str, str]
    edges: Mapping[str, str]
    deictic_days: Mapping[str, str]
    two_days: Mapping[str, str]
    narrative_days: Mapping[str, str]
    parts_of_day: Mapping[str, str]
    seasons: Mapping[str, str]
    ordinals: Mapping[str, str]
    holidays: Mapping[str, str]
    deictic_words: Mapping[str, str]
    modifiers_with_de: tuple[str, ...]
    modifiers: tuple[str, ...]
    age_cues: tuple[str, ...]
    person_nouns: tuple[str, ...]
    not_year_before: tuple[str, ...]
    deadline_cues: tuple[str, ...]
    future_stems: Mapping[str, str]

    @classmethod
    def load(cls) -> FrenchWords:
        """Read the word lists shipped beside this module."""
        text = files("harmattan.temporal").joinpath("french.toml").read_text(encoding="utf-8")
        data = tomllib.loads(text)
        # The [cues] table holds lists; every other table maps words to their parts.
        fields: dict[str, Any] = {name: value for name, value in data.items() if name != "cues"}
        fields |= {name: tuple(words) for name, words in data["cues"].items()}
        return cls(**fields)


def lookup_form(text: str) -> str:
    """A French phrase as the word lists spell it: lower case, straight apostrophe, one space."""
    return _SPACE.sub(" ", text.lower().replace("’", "'")).strip()


def _alternatives(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, longest first, apostrophes either way."""
    escaped = []
    for word in sorted(set(words), key=len, reverse=True):
        pieces = [re.escape(piece) for piece in word.split("'")]
        escaped.append(_APOSTROPHE.join(pieces).replace(r"\ ", r"\s+"))
    return "(?:" + "|".join(escaped) + ")"


def _plural(words: Iterable[str]) -> str:
    """Like `_alternatives`, also matching each word with a final "s" ("années")."""
    return _alternatives(words)[:-1] + ")s?"


@dataclass(frozen=True, slots=True)
class _Pieces:
    """Regular expressions shared by several French patterns."""

    month: str
    month_any: str
    weekday: str
    year: str
    number: str
    count: str
    modifier: str
    unit: str
    relative_unit: str
    edge: str
    after_unit: str
    after_month: str


def _pieces(words: FrenchWords) -> _Pieces:
    small = [w for w, n in words.numbers.items() if n < 20]
    tens = [w for w, n in words.numbers.items() if 20 <= n < 100]
    units_1_9 = [w for w, n in words.numbers.items() if 1 <= n <= 9]
    number = (
        r"(?:\d+(?:,\d+)?|"
        + _alternatives(tens)
        + r"(?:(?:-|\s+)et(?:-|\s+)(?:un|une)|-"
        + _alternatives(units_1_9)
        + r")?|(?:"
        + _alternatives(small)
        + r"\s+)?cents?|"
        + _alternatives(small)
        + ")"
    )
    # An approximate count carries its "de"/"d'": "une dizaine d'années".
    approximate = _alternatives(words.approximate_numbers) + r"\s+d(?:e\s+|" + _APOSTROPHE + ")"
    count = "(?:" + approximate + "|" + _alternatives(words.vague_counts) + "|" + number + ")"
    modifier = (
        "(?:"
        + _alternatives(words.modifiers_with_de)
        + r"\s+d(?:e\s+|"
        + _APOSTROPHE
        + ")|"
        + _alternatives(words.modifiers)
        + r"\s+)"
    )
    not_year = _alternatives(words.not_year_before)
    year = _YEAR_DIGITS[:-1] + r"|\s*" + not_year + r"(?!\w))"
    relative_units = [
        w
        for w, unit in words.units.items()
        if unit in ("day", "week", "weekend", "month", "quarter", "year", "decade", "century")
        and w != "journée"
    ]
    months_and_abbreviations = list(words.months) + list(words.month_abbreviations)
    last_next = [w for w, r in words.relatives.items() if r in ("last", "next")]
    return _Pieces(
        month=_alternatives(words.months),
        month_any=_alternatives(months_and_abbreviations),
        weekday=_alternatives(words.weekdays),
        year=year,
        number=number,
        count=count,
        modifier=modifier,
        unit=_plural(words.units),
        relative_unit=_alternatives(relative_units),
        edge=r"(?:(?:la|le)\s+)?" + _alternatives(words.edges),
        after_unit=_alternatives(words.relatives),
        after_month=_alternatives(last_next),
    )


def _patterns(words: FrenchWords) -> dict[Rule, str]:
    p = _pieces(words)
    a = _APOSTROPHE
    # What joins an edge to what it bounds: "mi-juillet", "fin août", "fin du mois
    # d'août", "la fin de l'année".
    edge_join = r"(?:-|\s+(?:du\s+mois\s+d(?:e\s+|" + a + r")|de\s+|d" + a + r"|du\s+)?)"
    edge = r"(?P<edge>" + p.edge + r")" + edge_join
    year_relative = (
        r"(?P<yrel>l"
        + a
        + r"(?:année|an)\s+"
        + p.after_unit
        + r"|cette\s+année|l"
        + a
        + r"année\s+en\s+cours)"
    )
    sep = r"(?:(?<=['’\s])|\s+)"
    return {
        Rule.ISO: (
            r"(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
            r"(?:T(?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?"
        ),
        # French writes the day first.
        Rule.SLASH: (
            r"(?<![\d/])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>\d{4}|\d{2})(?![\d/])"
        ),
        Rule.CLOCK: (
            r"(?:(?P<approx>vers|environ)\s+)?"
            r"(?:(?P<hour>[01]?\d|2[0-3])\s*h(?:\s*(?P<minute>[0-5]\d))?"
            # "18 heures" is a time only after a word that places an event at it;
            # "pendant 18 heures" is a duration.
            r"|(?:(?<=\bà\s)|(?<=\bvers\s)|(?<=\bdès\s)|(?<=\bavant\s)|(?<=\baprès\s)"
            r"|(?<=jusqu'à\s)|(?<=jusqu’à\s))"
            r"(?P<hour2>[01]?\d|2[0-3])\s+heures?(?:\s+(?P<minute2>[0-5]\d))?)"
            r"(?:\s+(?P<tz>GMT|UTC|heure\s+locale))?"
        ),
        Rule.NOON: r"(?:(?P<wd1>" + p.weekday + r")\s+)?(?P<word>midi|minuit)",
        Rule.PART_OF_DAY: (
            r"(?P<rel>"
            + p.weekday
            + r"|hier|demain|ce|cet|cette)\s+(?P<pod>"
            + _alternatives(words.parts_of_day)
            + r")(?!s)"
            r"|la\s+(?P<pod2>nuit|soirée|matinée)\s+(?P<rel2>dernière)"
            r"|la\s+(?P<pod3>nuit)\s+de\s+(?P<wd3>" + p.weekday + r")"
        ),
        Rule.WEEKDAY: (
            r"(?:le\s+(?=" + p.weekday + r"\s+\d))?(?:(?P<this>ce)\s+)?(?P<wd>" + p.weekday + r")"
            r"(?:\s+(?P<day>" + _DAYNUM + r")\s+(?P<month>" + p.month_any + r")"
            r"(?:\s+(?P<year>" + p.year + r"))?"
            r"|\s+(?P<rel>" + p.after_month + r"))?"
        ),
        Rule.DAY_MONTH: (
            r"(?:(?:le|ce)\s+)?(?P<day>" + _DAYNUM + r")\s+(?P<month>" + p.month_any + r")"
            r"(?:\s+(?P<year>" + p.year + r")|\s+(?P<rel>" + p.after_month + r"))?"
        ),
        Rule.MONTH: (
            r"(?:" + edge + r")?(?:(?:le\s+)?mois\s+d(?:e\s+|" + a + r"))?"
            r"(?P<month>" + p.month + r")"
            r"(?:\s+(?P<year>" + p.year + r")|\s+(?P<rel>" + p.after_month + r")"
            r"|\s+(?:de\s+)?" + year_relative + r")?"
        ),
        Rule.QUARTER: (
            r"(?:le\s+)?(?P<ord>"
            + _alternatives(words.ordinals)
            + r")\s+(?P<unit>trimestre|semestre)"
            r"(?:\s+(?:de\s+)?(?P<year2>" + p.year + r")|\s+de\s+" + year_relative + r")?"
        ),
        Rule.SEASON: (
            r"(?:(?P<rel>l" + a + r"|cet\s+|ce\s+|le\s+)|(?<=\bau\s)|(?<=\ben\s))"
            r"(?P<season>" + _alternatives(words.seasons) + r")"
            r"(?:\s+(?P<year>" + p.year + r")|\s+(?P<rel2>" + p.after_month + r"))?"
        ),
        Rule.DECADE: (
            r"(?:(?P<edge>" + p.edge + r")\s+)?(?:les\s+|des\s+)?années\s+"
            r"(?:(?P<decade>1[6-9]\d0|20\d0)|(?P<short>[1-9]0))(?!\d)"
        ),
        Rule.CENTURY: (
            # Roman numerals in capitals only: "vie siècle" is no century.
            r"(?:le\s+)?(?P<ord>(?-i:(?=[XVI])X{0,2}(?:IX|IV|V?I{0,3}))|\d{1,2})(?:e|ème|eme|è)"
            r"\s+siècle"
        ),
        Rule.RELATIVE: (
            r"(?:" + edge + r")?"
            r"(?:(?:l"
            + a
            + r"|le\s+|la\s+|(?<=\bdu\s)|(?<=\bde\s))(?P<unit>"
            + p.relative_unit
            + r")"
            r"(?:\s+(?P<rel>" + p.after_unit + r"))?"
            r"|(?P<this>ce|cet|cette)\s+(?P<unit2>" + p.relative_unit + r")(?P<there>-(?:ci|là))?"
            r"|(?:le|la)\s+même\s+(?P<unit3>" + p.relative_unit + r")"
            r"|(?P<narrative>" + _alternatives(words.narrative_days) + r"))"
        ),
        Rule.YEAR: (
            r"(?:" + edge + r")?(?:(?P<fiscal>l" + a + r"(?:année|an|exercice))\s+)?"
            r"(?P<year>" + p.year + r")"
        ),
        Rule.OFFSET: (
            r"(?:(?P<ago>il\s+y\s+a)\s+|(?P<ahead>dans)\s+)?(?P<mod>" + p.modifier + r")?"
            r"(?P<num>" + p.count + r")" + sep + r"(?P<unit>" + p.unit + r")"
            r"(?:\s+et\s+demie?)?"
            r"(?:\s+(?P<dir>plus\s+tard|plus\s+tôt|auparavant))?"
            r"|(?P<two>" + _alternatives(words.two_days) + r")"
        ),
        Rule.DURATION: (
            r"(?:(?P<det>les|ces)\s+)?(?P<mod>" + p.modifier + r")?(?P<num>" + p.count + r")"
            r"(?:\s+(?:à|ou)\s+(?P<num2>" + p.number + r"))?"
            r"(?:\s+(?P<rel>derniers|dernières|prochains|prochaines|premiers|premières))?"
            + sep
            + r"(?P<unit>"
            + p.unit
            + r")(?P<half2>\s+et\s+demie?)?"
            r"(?:\s+(?:consécutifs|consécutives|supplémentaires|de\s+plus))?"
        ),
        Rule.VAGUE: (
            r"(?P<q>ces|les)\s+(?P<rel>derniers|dernières|prochains|prochaines)\s+"
            r"(?P<unit>" + _alternatives(words.units) + r")s?"
        ),
        Rule.DEICTIC: (
            r"(?P<day>"
            + _alternatives(words.deictic_days)
            + r")|(?P<word>"
            + _alternatives(words.deictic_words)
            + r")"
        ),
        Rule.HOLIDAY: (
            r"(?P<name>" + _alternatives(words.holidays) + r")"
            r"(?:\s+(?P<year>" + p.year + r")|\s+(?P<rel>" + p.after_month + r"))?"
        ),
        Rule.SET: (
            r"(?:chaque|tous\s+les|toutes\s+les)\s+(?P<other>deux\s+)?(?P<what>"
            + _plural(list(words.units) + list(words.parts_of_day) + list(words.weekdays))
            + "|"
            + p.month
            + r")"
            r"|(?P<adverb>quotidiennement|mensuellement|annuellement|hebdomadairement)"
            r"|(?P<freq>" + p.number + r")\s+fois\s+par\s+(?P<funit>" + p.unit + r")"
            r"|par\s+(?P<punit>jour|semaine|mois|an|année|heure|minute)"
        ),
    }


def french_grammar() -> Grammar:
    """The French rules, compiled from `french.toml`."""
    words = FrenchWords.load()
    flags = re.IGNORECASE
    # A hyphen before a word joins it to the one before ("après-midi" is not "midi").
    patterns = tuple(
        (rule, re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", flags))
        for rule, pattern in _patterns(words).items()
    )
    cue = re.compile(r"(?<![\w'’])" + _alternatives(words.deadline_cues) + r"\s*$", re.IGNORECASE)
    return Grammar(
        "fr",
        patterns,
        partial(_read, words),
        partial(_deadline, cue),
        partial(french_tense_direction, future_stems=words.future_stems),
    )


def _deadline(cue: re.Pattern[str], text: str, start: int) -> bool:
    return cue.search(text, max(0, start - 24), start) is not None


def _read(words: FrenchWords, rule: Rule, match: re.Match[str], text: str) -> dict[str, str] | None:
    """The English parts of a French match, or None when it is no time expression."""
    raw = {
        name: lookup_form(value) for name, value in match.groupdict().items() if value is not None
    }
    # Lower case with one space, the trailing space kept: "homme de " is read up to the match.
    before = _SPACE.sub(" ", text[max(0, match.start() - 24) : match.start()].lower())
    before = before.replace("’", "'")
    after = text[match.end() : match.end() + 12]
    reader = _READERS.get(rule)
    return reader(words, raw, before, after) if reader is not None else raw


def count_value(words: FrenchWords, text: str) -> str | None:
    """A count in the form `normalize.parse_number` reads: digits, or a vague English word."""
    text = lookup_form(text)
    for phrase, number in words.approximate_numbers.items():
        if text.startswith(phrase):
            return str(number)
    if text in words.vague_counts:
        return words.vague_counts[text]
    if text[:1].isdigit():
        return text.replace(",", ".")
    total = 0
    for word in re.split(r"[\s-]+", text):
        if word == "et":
            continue
        if word.rstrip("s") == "cent":
            total = max(total, 1) * 100
        elif word in words.numbers:
            total += words.numbers[word]
        else:
            return None
    return str(total)


def _unit(words: FrenchWords, text: str) -> str:
    text = lookup_form(text)
    return words.units.get(text) or words.units[text[:-1]]


def _relative_word(words: FrenchWords, text: str) -> str:
    """The English modifier of a French one: "dernière" is "last", "cette" is "this"."""
    text = lookup_form(text)
    if text in ("ce", "cet", "cette", "cette année", "l'année en cours"):
        return "this"
    if text.startswith("l'"):
        text = text.split()[-1]
    return words.relatives[text]


def _edge(words: FrenchWords, text: str) -> str:
    return words.edges[lookup_form(text).split()[-1]]


def _day(text: str) -> str:
    return "1" if text in ("1er", "1re", "premier") else text


def _month(words: FrenchWords, text: str) -> str:
    return words.months.get(text) or words.month_abbreviations[text]


def _dates(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    parts = {"day": _day(raw["day"]), "month": _month(words, raw["month"])}
    if "year" in raw:
        parts["year"] = raw["year"]
    if "rel" in raw:
        parts["rel"] = _relative_word(words, raw["rel"])
    return parts


def _weekday(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    parts = {"wd": words.weekdays[raw["wd"]]}
    if "month" in raw:
        parts |= _dates(words, raw, before, after) or {}
    elif "rel" in raw:
        parts["rel"] = _relative_word(words, raw["rel"])
    elif "this" in raw:
        parts["rel"] = "this"
    return parts


def _month_rule(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    parts = {"month": words.months[raw["month"]]}
    if "year" in raw:
        parts["year"] = raw["year"]
    if "rel" in raw:
        parts["rel"] = _relative_word(words, raw["rel"])
    if "yrel" in raw:
        parts["yrel"] = _relative_word(words, raw["yrel"])
    if "edge" in raw:
        parts["edge"] = _edge(words, raw["edge"])
    return parts


def _year(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    parts = {"year": raw["year"]}
    if "edge" in raw:
        parts["edge"] = _edge(words, raw["edge"])
    return parts


def _clock(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    hour = int(raw.get("hour") or raw["hour2"])
    minute = raw.get("minute") or raw.get("minute2") or "00"
    # The normalizer reads a twelve-hour clock.
    parts = {"hour": str(hour % 12 or 12), "minute": minute, "ampm": "pm" if hour >= 12 else "am"}
    return parts


def _noon(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    parts = {"word": "noon" if raw["word"] == "midi" else "midnight"}
    if "wd1" in raw:
        parts["wd1"] = words.weekdays[raw["wd1"]]
    return parts


def _part_of_day(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    if "pod2" in raw:
        return {"pod": words.parts_of_day[raw["pod2"]], "rel": "last"}
    if "pod3" in raw:
        return {"pod": "night", "rel": words.weekdays[raw["wd3"]]}
    rel = raw["rel"]
    anchor = words.weekdays.get(rel) or words.deictic_days.get(rel) or "this"
    return {"pod": words.parts_of_day[raw["pod"]], "rel": anchor}


def _quarter(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    parts = {
        "ord": words.ordinals[raw["ord"]],
        "unit": "quarter" if raw["unit"] == "trimestre" else "half",
    }
    if "year2" in raw:
        parts["year2"] = raw["year2"]
    if "yrel" in raw:
        parts["yrel"] = _relative_word(words, raw["yrel"])
    return parts


def _season(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    parts = {"season": words.seasons[raw["season"]]}
    if "year" in raw:
        parts["year"] = raw["year"]
    if "rel2" in raw:
        parts["rel"] = _relative_word(words, raw["rel2"])
    else:
        parts["rel"] = "this" if raw.get("rel", "").strip() in ("ce", "cet") else "the"
    return parts


def _century(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    ordinal = raw["ord"]
    if ordinal.isdigit():
        return {"ord": ordinal}
    values = [_ROMAN[c] for c in ordinal.upper()]
    total = sum(
        -value if index + 1 < len(values) and value < values[index + 1] else value
        for index, value in enumerate(values)
    )
    return {"ord": str(total)}


def _relative(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    if "narrative" in raw:
        if after.lstrip().startswith(("de ", "du ", "d'", "d’", "des ")):
            # "la veille du scrutin" counts from an event the tagger does not date.
            return None
        return {"rel": words.narrative_days[raw["narrative"]], "unit": "day"}
    unit_word = raw.get("unit") or raw.get("unit2") or raw["unit3"]
    parts = {"unit": words.units[unit_word]}
    if "edge" in raw:
        parts["edge"] = _edge(words, raw["edge"])
    if "unit3" in raw:
        parts["rel"] = "the same"
    elif "this" in raw:
        parts["rel"] = "that" if raw.get("there") == "-là" else "this"
    elif "rel" in raw:
        parts["rel"] = _relative_word(words, raw["rel"])
    elif "edge" in raw:
        # "la fin de l'année" is the end of this one.
        parts["rel"] = "the"
    else:
        # "l'année" or "la semaine" alone names no particular one.
        return None
    return parts


def _is_age(words: FrenchWords, unit: str, before: str, after: str) -> bool:
    if unit != "year":
        return False
    if before.endswith(tuple(cue + " " for cue in words.age_cues)):
        return True
    if before.endswith(tuple(f"{noun} de " for noun in words.person_nouns)):
        return True
    # "Mohamed Bazoum, 63 ans, ..." and "(63 ans)".
    close = before.rstrip()
    return (close.endswith(",") and after.lstrip().startswith((",", ")"))) or close.endswith("(")


# Vague "des" is a count only where a length is expected: "depuis des années".
_LENGTH_CUES = ("depuis", "pendant", "durant", "pour", "après", "avant", "en")


def _duration(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    num = count_value(words, raw["num"])
    if num is None:
        return None
    unit = _unit(words, raw["unit"])
    if raw["num"] == "des" and not before.endswith(tuple(c + " " for c in _LENGTH_CUES)):
        return None
    if raw["num"] in ("un", "1") and unit == "day" and "mod" not in raw:
        # "un jour" is "one day, some day" far more often than a length.
        return None
    if raw["num"] in ("un", "une") and unit == "second":
        # "une seconde attaque" is a second attack.
        return None
    if _is_age(words, unit, before, after):
        return None
    parts = {"num": num, "unit": unit}
    if "half2" in raw:
        parts["half2"] = raw["half2"]
    if "mod" in raw:
        parts["mod"] = raw["mod"]
    return parts


def _offset(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    if "two" in raw:
        return {"num": "2", "unit": "day", "dir": words.two_days[raw["two"]]}
    if "ago" in raw:
        direction = "ago"
    elif "ahead" in raw:
        direction = "from now"
    elif "dir" in raw:
        direction = "later" if raw["dir"] == "plus tard" else "earlier"
    else:
        return None
    num = count_value(words, raw["num"])
    if num is None:
        return None
    return {"num": num, "unit": _unit(words, raw["unit"]), "dir": direction}


def _vague(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    unit = _unit(words, raw["unit"])
    recent = raw["rel"].startswith("derni")
    return {"q": "recent" if recent else "the coming", "unit": unit + "s"}


def _deictic(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    if "day" in raw:
        return {"day": words.deictic_days[raw["day"]]}
    return {"word": words.deictic_words[raw["word"]]}


def _holiday(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    parts = {"name": words.holidays[raw["name"]]}
    if "year" in raw:
        parts["year"] = raw["year"]
    if "rel" in raw:
        parts["rel"] = _relative_word(words, raw["rel"])
    return parts


_SET_ADVERBS = {
    "quotidiennement": "daily",
    "hebdomadairement": "weekly",
    "mensuellement": "monthly",
    "annuellement": "annually",
}


def _set(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    if "adverb" in raw:
        return {"adverb": _SET_ADVERBS[raw["adverb"]]}
    if "funit" in raw:
        return {"freq": raw["freq"], "funit": _unit(words, raw["funit"])}
    if "punit" in raw:
        return {"punit": _unit(words, raw["punit"])}
    what = raw["what"]
    singular = what if what in words.units or what in words.months else what[:-1]
    english = (
        words.weekdays.get(what)
        or words.weekdays.get(singular)
        or words.parts_of_day.get(what)
        or words.parts_of_day.get(singular)
        or words.months.get(what)
        or _unit(words, what)
    )
    parts = {"what": english}
    if "other" in raw:
        parts["other"] = "other"
    return parts


def _decade(words: FrenchWords, raw: Raw, before: str, after: str) -> Raw | None:
    return {k: v for k, v in raw.items() if k in ("decade", "short")}


_READERS = {
    Rule.CLOCK: _clock,
    Rule.NOON: _noon,
    Rule.PART_OF_DAY: _part_of_day,
    Rule.WEEKDAY: _weekday,
    Rule.DAY_MONTH: _dates,
    Rule.MONTH: _month_rule,
    Rule.QUARTER: _quarter,
    Rule.SEASON: _season,
    Rule.DECADE: _decade,
    Rule.CENTURY: _century,
    Rule.RELATIVE: _relative,
    Rule.YEAR: _year,
    Rule.OFFSET: _offset,
    Rule.DURATION: _duration,
    Rule.VAGUE: _vague,
    Rule.DEICTIC: _deictic,
    Rule.HOLIDAY: _holiday,
    Rule.SET: _set,
}
