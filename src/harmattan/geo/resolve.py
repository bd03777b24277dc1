"""Toponym detection and resolution: which spans name places, and which place each names.

Detection takes spaCy's GPE/LOC/FAC entities (the actor dictionary's ruler has already
labelled country names and capitals), demonyms of countries, and gazetteer names the
tagger missed (first-level regions, regions, water bodies, big towns). Resolution ranks a
name's gazetteer candidates by feature class, population, the countries and regions the
rest of the article names, and explicit hierarchy ("Agadez, Niger", "Niger's Tillabéri
region", "Atlanta, Ga."); a name keeps one sense per document.

French articles (the French pipeline's LOC/ORG/PER/MISC labels) are read with the French
names of places (`data/exonyms_fr.json`, in the gazetteer) and French grammar
(`data/french.json`: articles before names, "la région de X", "le fleuve X"); resolution
is the same.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from harmattan.geo.french import (
    FRENCH,
    FrenchRules,
    folded_word,
    links_within,
    load_french_rules,
)
from harmattan.geo.gazetteer import (
    ENGLISH,
    FEATURE_ADMIN1,
    FEATURE_ADMIN2,
    FEATURE_CITY,
    FEATURE_CONTINENT,
    FEATURE_COUNTRY,
    FEATURE_REGION,
    FEATURE_WATER,
    Gazetteer,
    GazetteerEntry,
    name_key,
)
from harmattan.records import Article, Place, Precision

FEATURE_DEMONYM = "demonym"
"""A country's demonym ("Nigerien", "French"), listed as a place of that country."""

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DEMONYM_LABEL = "NORP"
SCAN_MIN_POPULATION = 100_000
"""A town name spaCy did not tag is taken as a place only from this population up."""
MAX_SCAN_TOKENS = 4
SKIPPED_LABELS = frozenset({"PERSON", "NORP", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL"})
# The French model's labels (LOC, ORG, PER, MISC), with the actor ruler's GPE and NORP.
FRENCH_PERSON_LABELS = frozenset({"PER", "PERSON"})
FRENCH_SKIPPED_LABELS = SKIPPED_LABELS | FRENCH_PERSON_LABELS

# Score terms (log10 population is the base): weights, not probabilities.
FEATURE_BONUS = {
    FEATURE_COUNTRY: 4.0,
    FEATURE_CONTINENT: 5.0,
    FEATURE_REGION: 5.0,
    FEATURE_WATER: 5.0,
    FEATURE_ADMIN1: 1.5,
    FEATURE_ADMIN2: 0.5,
    FEATURE_CITY: 0.0,
}
CAPITAL_BONUS = 1.5
ALTERNATE_NAME_PENALTY = 2.5
DICTIONARY_COUNTRY_BONUS = 2.0
DICTIONARY_CAPITAL_BONUS = 1.0
CONTEXT_COUNTRY_BONUS = 3.0
CONTEXT_COUNTRY_SHARE_BONUS = 2.0
CONTEXT_ADMIN1_BONUS = 2.5
TYPE_WORD_BONUS = 3.0

# Words after a name that say which kind of place it is ("Tillabéri region", "Niger River").
ADMIN1_WORDS = frozenset({"region", "state", "province", "governorate", "department"})
WATER_WORDS = frozenset({"river", "lake", "sea", "ocean", "gulf", "bay"})
ADMIN2_WORDS = frozenset({"county", "parish", "borough", "district", "municipality"})
CITY_WORD = "city"  # French "la ville de Niamey"; English text gives no such type word
# Region names made only of these ("Central", "Northern") are parts of longer names far
# more often than places of their own: the gazetteer scan does not take them alone.
DIRECTION_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "upper", "lower", "middle", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west", "northeastern", "northwestern",
    "southeastern", "southwestern", "far", "inner", "outer", "greater",
})  # fmt: skip

# US state abbreviations as written after a town ("Atlanta, Ga.", "Reno, NV").
US_STATE_ABBREVIATIONS: Mapping[str, str] = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California",
    "colo": "Colorado", "conn": "Connecticut", "del": "Delaware", "fla": "Florida",
    "ga": "Georgia", "ill": "Illinois", "ind": "Indiana", "kan": "Kansas", "kans": "Kansas",
    "ky": "Kentucky", "la": "Louisiana", "md": "Maryland", "mass": "Massachusetts",
    "mich": "Michigan", "minn": "Minnesota", "miss": "Mississippi", "mo": "Missouri",
    "mont": "Montana", "neb": "Nebraska", "nev": "Nevada", "okla": "Oklahoma", "ore": "Oregon",
    "pa": "Pennsylvania", "tenn": "Tennessee", "tex": "Texas", "vt": "Vermont", "va": "Virginia",
    "wash": "Washington", "wva": "West Virginia", "wis": "Wisconsin", "wyo": "Wyoming",
    "al": "Alabama", "ak": "Alaska", "az": "Arizona", "ar": "Arkansas", "ca": "California",
    "co": "Colorado", "ct": "Connecticut", "de": "Delaware", "dc": "District of Columbia",
    "fl": "Florida", "hi": "Hawaii", "id": "Idaho", "il": "Illinois", "in": "Indiana",
    "ia": "Iowa", "ks": "Kansas", "me": "Maine", "ma": "Massachusetts", "mi": "Michigan",
    "mn": "Minnesota", "ms": "Mississippi", "mt": "Montana", "ne": "Nebraska", "nv": "Nevada",
    "nh": "New Hampshire", "nj": "New Jersey", "nm": "New Mexico", "ny": "New York",
    "nc": "North Carolina", "nd": "North Dakota", "oh": "Ohio", "ok": "Oklahoma",
    "or": "Oregon", "ri": "Rhode Island", "sc": "South Carolina", "sd": "South Dakota",
    "tn": "Tennessee", "tx": "Texas", "ut": "Utah", "wa": "Washington", "wv": "West Virginia",
    "wi": "Wisconsin", "wy": "Wyoming",
}  # fmt: skip

CURATED = frozenset({FEATURE_REGION, FEATURE_WATER})
"""Features of the hand-written places in `geo/data/regions.json`."""

US_KEY = "united states"
DISEASE_WORDS = ("virus", "fever", "flu", "disease")

PRECISION = {
    FEATURE_COUNTRY: Precision.COUNTRY,
    FEATURE_DEMONYM: Precision.COUNTRY,
    FEATURE_ADMIN1: Precision.ADMIN1,
    FEATURE_ADMIN2: Precision.ADMIN2,
    FEATURE_CITY: Precision.CITY,
    FEATURE_CONTINENT: Precision.REGION,
    FEATURE_REGION: Precision.REGION,
    FEATURE_WATER: Precision.REGION,
}


@dataclass(frozen=True, slots=True)
class Mention:
    """A span that may name a place, with what the text says about it."""

    text: str
    start: int
    end: int
    key: str
    country_id: str | None = None  # the actor dictionary's country for this span
    demonym: bool = False
    within: str | None = None  # a name the text places this one in ("Agadez, Niger")
    kind_word: str | None = None  # "region", "river"... right after the name


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the article says about where it is."""

    countries: Mapping[str, float]
    admin1: Mapping[tuple[str, str], float]

    def country_share(self, country: str | None) -> float:
        total = sum(self.countries.values())
        return self.countries.get(country or "", 0.0) / total if total else 0.0


def find_places(article: Article, doc: Doc, gazetteer: Gazetteer) -> tuple[Place, ...]:
    """Every toponym in the article, resolved against the gazetteer, in text order.

    A French article (`article.language` or the Doc's language "fr") is read with French
    names and grammar.
    """
    if doc.text != article.text:
        raise ValueError(f"article {article.id}: the Doc was parsed from another text")
    if doc.lang_ == FRENCH or article.language == FRENCH:
        mentions = detect_french(doc, article.text, gazetteer, load_french_rules())
        return resolve(mentions, gazetteer, FRENCH)
    mentions = detect(doc, article.text, gazetteer)
    return resolve(mentions, gazetteer)


def detect(doc: Doc, text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Spans that name places: tagged entities, demonyms, and gazetteer names in between.

    `text` is the Doc's text (Doc.text rebuilds the string from the tokens on every access).
    """
    mentions: list[Mention] = []
    taken = [False] * len(doc)
    for ent in doc.ents:
        mention = _entity_mention(doc, ent, gazetteer)
        if mention is not None:
            mentions.append(mention)
        # Names inside organizations are still places ("Gainesville Police"); people's are not.
        if mention is not None or ent.label_ in SKIPPED_LABELS:
            for i in range(ent.start, ent.end):
                taken[i] = True
    mentions.extend(_scan(doc, taken, gazetteer))
    mentions = [m for m in mentions if not _names_disease(text, m)]
    mentions.extend(_state_abbreviations(text, mentions))
    mentions.sort(key=lambda m: m.start)
    return _with_hierarchy(text, _joined(text, mentions, gazetteer))


def detect_french(doc: Doc, text: str, gazetteer: Gazetteer, rules: FrenchRules) -> list[Mention]:
    """Spans of a French Doc that name places, without their articles ("au Mali": "Mali").

    LOC/GPE/FAC entities are places only when the gazetteer knows them by an own or French
    name (or they are alternate names of countries, regions or big towns); other entities
    only when their whole name is a country, region or capital; then trusted gazetteer names
    the tagger missed. A type noun before a name ("la région de Tillabéri", "le fleuve
    Niger") says which kind of place it is; a river or lake the gazetteer lacks is no place.
    Demonyms ("nigérien", "les Maliens") are left to the actors.
    """
    mentions: list[Mention] = []
    taken = [False] * len(doc)
    for ent in doc.ents:
        country_id = ent.ent_id_.upper() if ent.ent_id_ else None
        mention = None
        if country_id is None or gazetteer.has_country(country_id):
            mention = _french_place(
                doc, ent.start, ent.end, ent.label_, country_id, gazetteer, rules
            )
        if mention is not None or ent.label_ in FRENCH_SKIPPED_LABELS:
            for i in range(ent.start, ent.end):
                taken[i] = True
        if mention is not None:
            mentions.append(mention)
    for found in list(_scan(doc, taken, gazetteer, rules)):
        span = doc.char_span(found.start, found.end)
        if span is not None:
            mention = _french_place(doc, span.start, span.end, SCANNED, None, gazetteer, rules)
            if mention is not None:
                mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return _french_hierarchy(text, _joined(text, mentions, gazetteer, FRENCH), rules)


SCANNED = ""
"""The label of a name found by the gazetteer scan rather than the tagger."""


def _french_place(
    doc: Doc,
    start: int,
    end: int,
    label: str,
    country_id: str | None,
    gazetteer: Gazetteer,
    rules: FrenchRules,
) -> Mention | None:
    """The place tokens `start`..`end` name in French text, if any (see `detect_french`)."""
    if label == DEMONYM_LABEL:
        return None
    kind: str | None = None
    kind_at = -1
    while start < end and not _french_own_name(gazetteer, doc[start:end].text):
        # "La Haye", "lac Tchad" are names; "la Côte d'Ivoire", "région de l'Est" are not.
        word = folded_word(doc[start].text)
        if word in rules.kind_words and end - start > 1 and kind is None:
            kind, kind_at = rules.kind_words[word], start
        elif not (word in rules.determiners or (kind is not None and word in rules.kind_links)):
            break
        start += 1
    if start >= end or rules.disease_before(doc, start):
        return None
    if kind is None:
        before = rules.kind_before(doc, start)
        if before is not None:
            kind, kind_at = before
    span = doc[start:end]
    if rules.is_direction([t.text for t in span]):
        if kind not in ADMIN1_WORDS:
            return None  # "le Nord", "l'Est du pays"; but "la région de l'Est"
    elif kind is None and folded_word(span.text) in rules.not_places:
        return None
    if kind in WATER_WORDS:
        # "le fleuve Niger" is the river or nothing, never the country.
        whole = doc[kind_at:end]
        for name in (whole.text, f"{span.text} {kind}", f"{kind} {span.text}"):
            if any(e.feature == FEATURE_WATER for e in gazetteer.candidates(name, FRENCH)):
                return Mention(whole.text, whole.start_char, whole.end_char, name_key(name))
        return None
    key = name_key(span.text)
    article = rules.contracted_articles.get(folded_word(doc[start - 1].text)) if start else None
    if article is not None and not gazetteer.matches(key, FRENCH):
        # "au Caire": the contraction holds the name's article ("Le Caire").
        key = name_key(f"{article} {span.text}")
    mention = Mention(span.text, span.start_char, span.end_char, key, country_id, kind_word=kind)
    matches = gazetteer.matches(key, FRENCH)
    if label in PLACE_LABELS or label == SCANNED:
        known = country_id is not None or any(
            not alternate or _trusted(entry, gazetteer) for entry, alternate in matches
        )
        return mention if known else None
    for entry, alternate in matches:
        if alternate or not _strong(entry, gazetteer):
            continue
        if label not in FRENCH_PERSON_LABELS or entry.feature != FEATURE_ADMIN1:
            return mention
    return None


def _french_own_name(gazetteer: Gazetteer, name: str) -> bool:
    return any(not alternate for _, alternate in gazetteer.matches(name, FRENCH))


def _french_not_name(span: Span, rules: FrenchRules) -> bool:
    """Capitalized words the scan does not take alone: directions, months, articles."""
    words = [folded_word(t.text) for t in span]
    if rules.is_direction([t.text for t in span]):
        return True
    return len(words) == 1 and (words[0] in rules.not_places or words[0] in rules.determiners)


def _french_hierarchy(text: str, mentions: list[Mention], rules: FrenchRules) -> list[Mention]:
    """Attach the place the text puts each mention in: "Agadez, au Niger", "Gao (Mali)"."""
    out: list[Mention] = []
    for index, mention in enumerate(mentions):
        nxt = mentions[index + 1] if index + 1 < len(mentions) else None
        if nxt is not None and links_within(rules, text[mention.end : nxt.start]):
            mention = dataclasses.replace(mention, within=nxt.key)
        out.append(mention)
    return out


def _joined(
    text: str, mentions: Sequence[Mention], gazetteer: Gazetteer, language: str = ENGLISH
) -> list[Mention]:
    """Neighbours that together make one name the gazetteer knows: "British" + "Columbia"."""
    out: list[Mention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        if prev is not None and text[prev.end : mention.start] == " ":
            whole = text[prev.start : mention.end]
            if any(not alternate for _, alternate in gazetteer.matches(whole, language)):
                out[-1] = Mention(whole, prev.start, mention.end, name_key(whole))
                continue
        out.append(mention)
    return out


def _names_disease(text: str, mention: Mention) -> bool:
    """Whether the name is part of a disease's name ("West Nile virus", "Marburg fever")."""
    word = text[mention.end : mention.end + 30].split(maxsplit=1)[:1]
    return bool(word) and word[0].lower().strip(".,;:").endswith(DISEASE_WORDS)


def _state_abbreviations(text: str, mentions: Sequence[Mention]) -> Iterator[Mention]:
    """US state abbreviations after a place name ("Charleston, W.Va."): the state itself."""
    starts = {m.start for m in mentions}
    for mention in mentions:
        start = mention.end + 2
        if (
            text[mention.end : start] != ", "
            or start in starts
            or not text[start : start + 1].isupper()
        ):
            continue
        word = text[start:].split(" ", 1)[0].rstrip(",;:")
        if word.endswith(".") and name_key(word) not in US_STATE_ABBREVIATIONS:
            word = word[:-1]  # the sentence's full stop
        state = US_STATE_ABBREVIATIONS.get(name_key(word))
        if state is not None and (word.endswith(".") or word.isupper()):
            yield Mention(word, start, start + len(word), name_key(state), within=US_KEY)


def resolve(
    mentions: Sequence[Mention], gazetteer: Gazetteer, language: str = ENGLISH
) -> tuple[Place, ...]:
    """Resolve mentions alone, then with the article's context; one sense per name."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[_sense_key(mention)].append(mention)
    empty = Context({}, {})
    first = {key: _best(group, gazetteer, empty, language) for key, group in by_key.items()}
    places: list[Place] = []
    chosen: dict[str, GazetteerEntry | None] = {}
    for key, group in by_key.items():
        context = _context(first, by_key, exclude=group[0].key)
        chosen[key] = _best(group, gazetteer, context, language)
    for mention in mentions:
        entry = chosen[_sense_key(mention)]
        if entry is not None:
            places.append(_place(mention, entry))
    return tuple(places)


def _sense_key(mention: Mention) -> str:
    # One sense per document, except where the text itself says more about one mention.
    return "|".join(
        (mention.key, mention.within or "", mention.kind_word or "", str(mention.demonym))
    )


def _entity_mention(doc: Doc, ent: Span, gazetteer: Gazetteer) -> Mention | None:
    country_id = ent.ent_id_.upper() if ent.ent_id_ else None
    if country_id is not None and not gazetteer.has_country(country_id):
        return None  # an organization, group or person of the actor dictionary
    if ent.label_ == DEMONYM_LABEL:
        if country_id is None:
            return None
        return Mention(ent.text, ent.start_char, ent.end_char, name_key(ent.text), country_id, True)
    span = _trim(ent)
    if span is None:
        return None
    key = name_key(span.text)
    if ent.label_ in PLACE_LABELS:
        if country_id is not None or gazetteer.candidates(span.text):
            return _mention(span, key, country_id)
        return None
    # Other labels (ORG, PERSON...) only when the name is a country, region or capital;
    # a person's name only when it is no first-level region ("Flores", "Jackson").
    for entry, alternate in gazetteer.matches(span.text):
        if alternate or not _strong(entry, gazetteer):
            continue
        if ent.label_ != "PERSON" or entry.feature != FEATURE_ADMIN1:
            return _mention(span, key, country_id)
    return None


def _mention(span: Span, key: str, country_id: str | None) -> Mention:
    return Mention(span.text, span.start_char, span.end_char, key, country_id)


def _trim(ent: Span) -> Span | None:
    """The entity without a leading "the" or a trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in ("the", "The"):
        start += 1
    while end > start and doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    return doc[start:end] if end > start else None


def _strong(entry: GazetteerEntry, gazetteer: Gazetteer) -> bool:
    # Counties are named after people ("Jones County") too often to overrule a tagger.
    if entry.feature == FEATURE_ADMIN2:
        return False
    return entry.feature != FEATURE_CITY or gazetteer.is_capital(entry)


def _scan(
    doc: Doc, taken: Sequence[bool], gazetteer: Gazetteer, french: FrenchRules | None = None
) -> Iterator[Mention]:
    """Capitalized names outside entities that the gazetteer knows well enough to trust."""
    language = ENGLISH if french is None else FRENCH
    i = 0
    while i < len(doc):
        if taken[i] or not _name_token(doc, i):
            i += 1
            continue
        for size in range(MAX_SCAN_TOKENS, 0, -1):
            end = i + size
            if end > len(doc) or any(taken[i:end]) or not _name_token(doc, end - 1):
                continue
            span = doc[i:end]
            if all(t.lower_ in DIRECTION_WORDS for t in span):
                continue
            if french is not None and _french_not_name(span, french):
                continue
            entries = gazetteer.matches(span.text, language)
            if any(not alternate and _trusted(e, gazetteer) for e, alternate in entries):
                yield _mention(span, name_key(span.text), None)
                i = end - 1
                break
        i += 1


def _name_token(doc: Doc, i: int) -> bool:
    token = doc[i]
    return (
        token.is_alpha
        and token.text[0].isupper()
        and not (token.is_sent_start and i == 0 and token.is_stop)
    )


def _trusted(entry: GazetteerEntry, gazetteer: Gazetteer) -> bool:
    if entry.feature == FEATURE_CITY:
        return entry.population >= SCAN_MIN_POPULATION or gazetteer.is_capital(entry)
    if entry.feature == FEATURE_ADMIN2:
        # "Laurel County" says it is a place; a bare county name may be anything.
        last = entry.name.rsplit(" ", 1)[-1].lower()
        return entry.population >= SCAN_MIN_POPULATION or last in ADMIN2_WORDS
    return True


def _with_hierarchy(text: str, mentions: list[Mention]) -> list[Mention]:
    """Attach what the text says around each mention: "A, B", "B's A", "A region"."""
    out: list[Mention] = []
    for index, mention in enumerate(mentions):
        within = None
        after = text[mention.end : mention.end + 40]
        nxt = mentions[index + 1] if index + 1 < len(mentions) else None
        if mention.within is not None:
            within = mention.within
        elif nxt is not None and text[mention.end : nxt.start] in (", ", ","):
            within = nxt.key
        elif after.startswith(", "):
            abbreviation = name_key(after[2:].split(" ")[0].rstrip(",;:"))
            if abbreviation.rstrip() in US_STATE_ABBREVIATIONS and after[2:3].isupper():
                within = name_key(US_STATE_ABBREVIATIONS[abbreviation])
        prev = mentions[index - 1] if index > 0 else None
        if within is None and prev is not None:
            between = text[prev.end : mention.start]
            if between in ("'s ", "’s ", "' ", "’ "):
                within = prev.key
        word = after.lstrip().split(" ")[0].strip(".,;:").lower() if after[:1] == " " else ""
        kind = word if word in ADMIN1_WORDS | WATER_WORDS else None
        out.append(
            Mention(
                mention.text, mention.start, mention.end, mention.key, mention.country_id,
                mention.demonym, within, kind,
            )
        )  # fmt: skip
    return out


def _best(
    group: Sequence[Mention], gazetteer: Gazetteer, context: Context, language: str = ENGLISH
) -> GazetteerEntry | None:
    mention = group[0]
    if mention.demonym and mention.country_id is not None:
        return gazetteer.country(mention.country_id)
    scored = list(_scored(mention, gazetteer, context, language))
    if not scored:
        return None
    return max(scored, key=lambda pair: pair[0])[1]


def _scored(
    mention: Mention, gazetteer: Gazetteer, context: Context, language: str = ENGLISH
) -> Iterator[tuple[float, GazetteerEntry]]:
    matches: list[tuple[GazetteerEntry, bool]] = list(gazetteer.matches(mention.key, language))
    if mention.kind_word is not None and mention.kind_word != CITY_WORD:
        # "Niger River" / "Tillabéri region": the longer name first, if the gazetteer has it.
        longer = gazetteer.matches(f"{mention.key} {mention.kind_word}", language)
        matches = [*((e, a) for e, a in longer), *matches]
    if mention.country_id is not None and not matches:
        matches.append((gazetteer.country(mention.country_id), False))
    parents = _parents(mention.within, gazetteer, language)
    if parents:
        inside = [(e, a) for e, a in matches if _inside(e, parents)]
        matches = inside or matches
    else:
        # Our own regions and waters are the names' usual senses in news ("the Sahel"), not
        # the homonymous provinces (Burkina Faso's Sahel region): they win unless the text
        # places the name inside another.
        curated: list[tuple[GazetteerEntry, bool]] = [
            (e, a) for e, a in matches if e.feature in CURATED and not a
        ]
        matches = curated or matches
    for entry, alternate in matches:
        yield _score(entry, alternate, mention, gazetteer, context), entry


def _parents(
    within: str | None, gazetteer: Gazetteer, language: str = ENGLISH
) -> list[GazetteerEntry]:
    if within is None:
        return []
    return [
        e
        for e in gazetteer.candidates(within, language)
        if e.feature in (FEATURE_COUNTRY, FEATURE_ADMIN1)
    ]


def _inside(entry: GazetteerEntry, parents: Iterable[GazetteerEntry]) -> bool:
    for parent in parents:
        if entry.geonameid == parent.geonameid or entry.country != parent.country:
            continue
        if parent.feature == FEATURE_COUNTRY or entry.admin1 == parent.admin1:
            return True
    return False


def _score(
    entry: GazetteerEntry,
    alternate: bool,
    mention: Mention,
    gazetteer: Gazetteer,
    context: Context,
) -> float:
    score = math.log10(entry.population + 10) + FEATURE_BONUS.get(entry.feature, 0.0)
    if alternate:
        score -= ALTERNATE_NAME_PENALTY
    if entry.feature == FEATURE_CITY and gazetteer.is_capital(entry):
        score += CAPITAL_BONUS
    if mention.country_id is not None and entry.country == mention.country_id:
        # The actor dictionary names countries and their capitals (as metonyms).
        if entry.feature == FEATURE_COUNTRY:
            score += DICTIONARY_COUNTRY_BONUS
        elif gazetteer.is_capital(entry):
            score += DICTIONARY_CAPITAL_BONUS
    if entry.country is not None and context.countries.get(entry.country, 0.0) > 0:
        score += CONTEXT_COUNTRY_BONUS
        score += CONTEXT_COUNTRY_SHARE_BONUS * context.country_share(entry.country)
    in_context_region = context.admin1.get((entry.country or "", entry.admin1 or ""), 0.0) > 0
    if entry.feature in (FEATURE_CITY, FEATURE_ADMIN2) and in_context_region:
        score += CONTEXT_ADMIN1_BONUS
    if mention.kind_word is not None:
        kind = FEATURE_ADMIN1 if mention.kind_word in ADMIN1_WORDS else FEATURE_WATER
        if mention.kind_word == CITY_WORD:
            kind = FEATURE_CITY
        if entry.feature == kind:
            score += TYPE_WORD_BONUS
    return score


def _context(
    first: Mapping[str, GazetteerEntry | None],
    by_key: Mapping[str, Sequence[Mention]],
    exclude: str,
) -> Context:
    countries: dict[str, float] = defaultdict(float)
    admin1: dict[tuple[str, str], float] = defaultdict(float)
    for key, entry in first.items():
        group = by_key[key]
        if entry is None or group[0].key == exclude or entry.country is None:
            continue
        weight = float(len(group))
        countries[entry.country] += weight
        if entry.admin1 is not None and entry.feature in (FEATURE_ADMIN1, FEATURE_CITY):
            admin1[(entry.country, entry.admin1)] += weight
    return Context(dict(countries), dict(admin1))


def _place(mention: Mention, entry: GazetteerEntry) -> Place:
    feature = FEATURE_DEMONYM if mention.demonym else entry.feature
    return Place(
        text=mention.text,
        start=mention.start,
        end=mention.end,
        name=entry.name,
        geonameid=entry.geonameid if entry.geonameid > 0 else None,
        country=entry.country,
        admin1=entry.admin1 if entry.feature != FEATURE_COUNTRY else None,
        lat=entry.lat,
        lon=entry.lon,
        feature=feature,
        precision=PRECISION.get(feature, Precision.EXACT),
    )
