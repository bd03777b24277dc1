"""Actor resolution: which coded actor a noun phrase in an article refers to.

Rules, in order (each documented in README.md):

1. A phrase that is, or contains as its head, a dictionary entity (tagged by the
   EntityRuler with the entry's id, or matched by name) is that entry, coded for
   the article's date: people's roles change over time.
2. An apposition names its head: "the regional bloc, ECOWAS" is ECOWAS.
3. A sector noun takes its country from a modifier or possessor that names a
   country ("Niger's military junta" → NER MIL, "French troops" → FRA MIL); with
   none it belongs to the article's focus country ("the junta" in a story about
   Niger). Some sector nouns carry their own code (human rights groups → NGO).
4. Generic references pick the latest mention of their kind: "the bloc", "the
   organization" → the last organization; "the group" → the last armed group;
   "the country" → the last country named.
5. Pronouns ("it", "they") pick the latest actor mentioned before them in the
   same sentence, else the subject actor of the previous sentence.

The focus country is the country named most often in the article's first two
sentences, ties broken by the first mention; with none there, the most named
country overall.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from harmattan.actors.dictionary import (
    ActorDictionary,
    ActorEntry,
    SectorNoun,
    UnknownActorError,
)
from harmattan.records import Actor, Article, Participant

_MODIFIER_DEPS = {"poss", "amod", "compound", "nmod", "npadvmod", "nsubj"}
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass")
# Universal Dependencies (the French model): a preposition is a "case" child of its
# noun, which hangs from the word it modifies by one of these.
_UD_OBLIQUE = ("nmod", "obl", "obl:arg", "obl:mod", "obl:agent")
# What follows a French noun inside its phrase: "l'armée *française*", "Mohamed *Bazoum*",
# "les organisations *de défense des droits humains*".
_UD_RIGHT_MODIFIERS = ("amod", "flat:name", "nmod")
# Sectors that a country can have; others (IGO, NGO ...) come with their own code.
_STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "CVL", "REF", "SPY", "ELI", "PTY"}
_STATE_SECTORS |= {"LAB", "EDU", "JRN", "BUS", "MED", "AGR", "REL", "CRM"}
# People who live where the story happens, unlike troops who may be abroad.
_POPULATION_SECTORS = {"CVL", "LAB", "EDU", "JRN", "BUS", "MED", "AGR", "REL", "CRM"}


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named at a token, remembered for later references."""

    token: int
    sentence: int
    actor: Actor
    kind: str
    subject: bool


@dataclass(slots=True)
class DocumentActors:
    """Resolves noun phrases of one parsed article to actors."""

    dictionary: ActorDictionary
    article: Article
    doc: Doc
    entities: dict[int, tuple[Span, ActorEntry]] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    focus: ActorEntry | None = None
    sentence_of: list[int] = field(default_factory=list)
    # Doc.sents rebuilds its spans on every access; the stages share this list.
    sentences: list[Span] = field(default_factory=list)
    sector_nouns: dict[str, SectorNoun | None] = field(default_factory=dict)

    @classmethod
    def build(cls, dictionary: ActorDictionary, article: Article, doc: Doc) -> DocumentActors:
        """Index the article's actor entities and find its focus country."""
        actors = cls(dictionary, article, doc)
        for span in doc.ents:
            entry = actors._entry_for(span)
            if entry is None:
                continue
            for token in span:
                actors.entities[token.i] = (span, entry)
        actors.sentences = list(doc.sents)
        actors.focus = actors._focus_country()
        for sentence_number, sentence in enumerate(actors.sentences):
            actors.sentence_of.extend([sentence_number] * len(sentence))
            for token in sentence:
                if token.pos_ not in ("PROPN", "NOUN") or not actors._may_name_actor(token):
                    continue
                participant = actors._resolve_head(token, sentence_number)
                if participant is not None:
                    actors.mentions.append(
                        Mention(
                            token.i,
                            sentence_number,
                            participant.actor,
                            actors._kind(token),
                            token.dep_ in _SUBJECT_DEPS,
                        )
                    )
        return actors

    def entity_actor(self, span: Span) -> Actor | None:
        """The actor an entity span names, if the dictionary knows it."""
        entry = self._entry_for(span)
        return entry.actor_at(self.article.published) if entry else None

    def resolve(self, head: Token) -> list[Participant]:
        """Participants named by the phrase headed at `head`, one per conjunct."""
        heads = [head, *[t for t in head.conjuncts if t.i > head.i]]
        sentence = self._sentence_number(head)
        found: list[Participant] = []
        for item in heads:
            participant = self._resolve_head(item, sentence)
            if participant is not None and participant.actor not in [p.actor for p in found]:
                found.append(participant)
        return found

    def focus_actor(self) -> Actor | None:
        """The article's focus country as an actor (its government)."""
        return self._country_actor(self.focus) if self.focus else None

    def country_government(self, code: str) -> Actor | None:
        """The government of the country with this code, if the dictionary knows it."""
        try:
            return self._country_actor(self.dictionary.country(code))
        except UnknownActorError:
            return None

    def names_country(self, token: Token) -> bool:
        """Whether the token is part of a country's name."""
        return token.i in self.entities and self.entities[token.i][1].kind == "country"

    def first_mention(self, entry_id: str) -> Span | None:
        """The first entity span that names a dictionary entry."""
        for index in sorted(self.entities):
            span, entry = self.entities[index]
            if entry.id == entry_id:
                return span
        return None

    def latest(self, kind: str, before: int) -> Actor | None:
        """The last actor of a kind mentioned before a token."""
        for mention in self._mentions_back_from(before):
            if mention.kind == kind:
                return mention.actor
        return None

    def _mentions_back_from(self, token: int) -> Iterator[Mention]:
        """The mentions before a token, nearest first. Mentions are held in text order,
        so a long article's thousands of them are not all scanned for each pronoun."""
        index = bisect_left(self.mentions, token, key=lambda m: m.token)
        for back in range(index - 1, -1, -1):
            yield self.mentions[back]

    def _resolve_head(self, head: Token, sentence: int) -> Participant | None:
        if head.i in self.entities:
            span, entry = self.entities[head.i]
            if entry.kind == "country" and span.root.i != head.i:
                return None
            if entry.kind == "country" and span.label_ == "NORP" and head.lower_.endswith("s"):
                return self._people(head, span, entry)
            return self._participant(span, entry.actor_at(self.article.published), entry)
        if head.pos_ == "PROPN":
            titled = self._titled_person(head)
            if titled is not None:
                return titled
        for child in head.children:
            # "the regional bloc, ECOWAS"; "le président Mohamed Bazoum" (a French title
            # heads the name that follows it).
            names_head = child.dep_ in ("nmod", "flat:name") and (
                child.i == head.i + 1
                # French appositions often come out as case-less nmod: "le bloc, la CEDEAO".
                or (
                    self.dictionary.language != "en"
                    and child.dep_ == "nmod"
                    and not any(g.dep_ == "case" for g in child.children)
                )
            )
            if (child.dep_ == "appos" or names_head) and child.i in self.entities:
                span, entry = self.entities[child.i]
                return self._participant(span, entry.actor_at(self.article.published), entry)
        words = self.dictionary.words
        lower = head.lower_
        if lower in words.pronouns and head.pos_ == "PRON":
            actor = self._pronoun(head, sentence)
            return Participant(head.text, head.idx, head.idx + len(head), actor) if actor else None
        if head.lemma_.lower() in words.partitive:
            # "a member of the Syrian parliament", "thousands of Iraqi Kurds"
            for pobj in _prep_objects(head, words.of_preps):
                return self._resolve_head(pobj, sentence)
        phrase = self._phrase(head)
        modifier = self._country_modifier(head)
        if modifier is None and self.dictionary.language != "en":
            modifier = self._country_after(head)
        noun = self._sector_noun(head)
        if noun is not None and self._former(head):
            noun = SectorNounMatch(noun.noun, "ELI", noun.country)
        if noun is not None:
            if noun.country is not None:
                actor = Actor(f"{noun.country.lower()}-{noun.noun}", noun.noun, noun.country, None)
                return self._participant(phrase, actor, None)
            leader = self._leader_country(head)
            modifier = modifier or leader
            definite = any(c.lower_ in words.definite for c in head.children)
            # "the Bush administration": an unknown name decides, not the focus country.
            named = any(
                c.dep_ == "compound" and c.pos_ == "PROPN" and c.i not in self.entities
                for c in head.children
            )
            # "the junta" belongs to the story's country; so do unmodified workers or
            # protesters. "1,500 soldiers" need not: troops are often abroad.
            placed = definite or noun.sector in _POPULATION_SECTORS
            fallback = (
                (self._place_of_clause(head) or self.focus)
                if noun.sector in _STATE_SECTORS and placed and not named
                else None
            )
            country = modifier or fallback or (None if named else self._country_in_phrase(head))
            if country is None:
                # "the rebels", "1,500 soldiers": the sector is known, the country is not.
                name = f"{self.dictionary.sector_name(noun.sector)} (country unknown)"
                actor = Actor(f"unplaced-{noun.sector.lower()}", name, None, noun.sector)
                return self._participant(phrase, actor, None)
            return self._participant(phrase, self._sector_actor(country, noun.sector), None)
        kind = words.generic_kind.get(head.lemma_.lower())
        # French "ce" is also a pronoun ("le groupe ..., ce qui"): only a determiner counts.
        determiners = [
            c for c in head.children if self.dictionary.language == "en" or c.dep_ == "det"
        ]
        if kind is not None and any(c.lower_ in words.generic_determiners for c in determiners):
            if kind == "country" and modifier is None:
                actor = self.latest("country", head.i) or self.focus_actor()
            else:
                actor = self.latest(kind, head.i)
            return self._participant(phrase, actor, None) if actor else None
        if modifier is not None and head.pos_ in ("NOUN", "PROPN"):
            base = self._country_actor(modifier)
            return self._participant(phrase, Actor(base.id, base.name, base.country, None), None)
        return None

    def _people(self, head: Token, span: Span, entry: ActorEntry) -> Participant | None:
        """ "Nigerians" are Nigeria's civilians; "ethnic Albanians in Serbia" are Serbia's."""
        home = self._country_modifier(
            head, preps=(*self.dictionary.words.in_preps, *self.dictionary.words.of_preps)
        )
        if home is None and any(c.lower_ == "ethnic" for c in head.children):
            # "ethnic Albanians demonstrated in Serbia": ethnicity is not nationality.
            home = self._place_of_clause(head) or (self.focus if self.focus != entry else None)
        home = home or entry
        phrase = self._phrase(head)
        return Participant(
            phrase.text, phrase.start_char, phrase.end_char, self._sector_actor(home, "CVL")
        )

    def _titled_person(self, head: Token) -> Participant | None:
        """An unlisted person named with a title: "Russian President Boris Yeltsin" → RUS GOV."""
        titles = [c for c in head.lefts if c.dep_ in ("compound", "nmod")]
        # Two-word titles first, so "Secretary General" is not read as a general.
        pairs = [(a, f"{a.lower_} {b.lower_}") for a, b in pairwise(titles)]
        for title, words in [*pairs, *[(t, t.lemma_.lower()) for t in titles]]:
            noun = self._lookup_sector(words)
            if noun is None:
                continue
            if self._former(head) or self._former(title):
                noun = SectorNoun(noun.noun, "ELI", noun.country)
            country = self._country_modifier(head) or self._country_modifier(title) or self.focus
            if country is None:
                return None
            phrase = self._phrase(head)
            actor = self._sector_actor(country, noun.sector)
            return Participant(phrase.text, phrase.start_char, phrase.end_char, actor)
        return None

    def _participant(
        self, span: Span, actor: Actor | None, entry: ActorEntry | None
    ) -> Participant | None:
        if actor is None:
            return None
        if entry is not None and entry.kind == "country":
            actor = self._country_actor(entry)
        return Participant(span.text, span.start_char, span.end_char, actor)

    def _country_actor(self, entry: ActorEntry) -> Actor:
        # A state acting through a bare country name is its government.
        return Actor(entry.id, entry.name, entry.country, "GOV")

    def _sector_actor(self, entry: ActorEntry, sector: str) -> Actor:
        """The canonical actor for a country's sector: "French troops", "the French army"
        and "France's soldiers" are all `fra-mil`, "France military"."""
        base = self._country_actor(entry)
        name = f"{entry.name} {self.dictionary.sector_name(sector)}"
        return Actor(f"{base.id}-{sector.lower()}", name, base.country, sector)

    def _entry_for(self, span: Span) -> ActorEntry | None:
        if span.ent_id_:
            return self.dictionary.entry(span.ent_id_)
        if span.label_ in ("GPE", "ORG", "NORP", "PERSON", "LOC", "PER"):
            return self.dictionary.match(span.text)
        return None

    def _country_modifier(
        self, head: Token, preps: tuple[str, ...] | None = None, depth: int = 0
    ) -> ActorEntry | None:
        """The country or organization a phrase's modifiers name ("French troops",
        "Vietnamese-led forces", "inhabitants of the Syrian Golan Heights")."""
        if depth > 2:
            return None
        if preps is None:
            preps = (*self.dictionary.words.of_preps, *self.dictionary.words.in_preps)
        for child in head.children:
            if child.dep_ in _MODIFIER_DEPS and child.i in self.entities:
                _, entry = self.entities[child.i]
                if entry.kind != "person":
                    return entry
            if child.dep_ in ("compound", "amod") and child.i not in self.entities:
                nested = self._country_modifier(child, (), depth + 1)
                if nested is not None:
                    return nested
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if pobj.i in self.entities:
                        _, entry = self.entities[pobj.i]
                        if entry.kind == "country":
                            return entry
                    nested = self._country_modifier(pobj, (), depth + 1)
                    if nested is not None and nested.kind == "country":
                        return nested
        return None

    def _country_after(self, head: Token, depth: int = 0) -> ActorEntry | None:
        """The first country a French noun's own modifiers name, however deep the "de"
        chain: "les gouvernements de transition *du Mali*". Relative clauses and verbs
        are not the phrase."""
        if depth > 3:
            return None
        for child in head.rights:
            if child.dep_ not in _UD_RIGHT_MODIFIERS:
                continue
            if child.i in self.entities:
                span, entry = self.entities[child.i]
                if entry.kind == "country" and span.root.i == child.i:
                    return entry
            nested = self._country_after(child, depth + 1)
            if nested is not None:
                return nested
        return None

    def _country_in_phrase(self, head: Token) -> ActorEntry | None:
        """A country named further inside a phrase: "refugees fleeing the war in Liberia"."""
        for token in head.subtree:
            if token.i != head.i and token.i in self.entities:
                span, entry = self.entities[token.i]
                if entry.kind == "country" and span.root.i == token.i:
                    return entry
        return None

    def _may_name_actor(self, token: Token) -> bool:
        """A cheap test before full resolution: could this noun name an actor at all?"""
        lemma = token.lemma_.lower()
        return (
            token.i in self.entities
            or token.pos_ == "PROPN"
            or lemma in self.dictionary.words.generic_kind
            or self._lookup_sector(lemma) is not None
        )

    def _place_of_clause(self, head: Token) -> ActorEntry | None:
        """The country named by an "in X" phrase of the verb a phrase depends on."""
        verb = head.head
        for pobj in _prep_objects(verb, self.dictionary.words.in_preps, deps=("prep",)):
            if self.names_country(pobj):
                return self.entities[pobj.i][1]
        return None

    def _leader_country(self, head: Token) -> ActorEntry | None:
        """The leader's country is the junta's: "the junta led by Colonel Assimi Goïta"."""
        for acl in (c for c in head.children if c.dep_ == "acl" and c.lemma_ == "lead"):
            for agent in (c for c in acl.children if c.dep_ == "agent"):
                for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                    if pobj.i in self.entities:
                        _, entry = self.entities[pobj.i]
                        code = entry.actor_at(self.article.published).country
                        if code is not None and len(code) == 3 and code.isalpha():
                            try:
                                return self.dictionary.country(code)
                            except KeyError:
                                return None
        return None

    def _lookup_sector(self, words: str) -> SectorNoun | None:
        # The same few nouns recur in every sentence; look each up once per article.
        if words not in self.sector_nouns:
            self.sector_nouns[words] = self.dictionary.sector_noun(words)
        return self.sector_nouns[words]

    def _former(self, head: Token) -> bool:
        former = self.dictionary.words.former
        # English puts "former" before its noun; French "déchu" mostly after it.
        near = head.lefts if self.dictionary.language == "en" else head.children
        return any(c.lower_ in former for c in near)

    def _sector_noun(self, head: Token) -> SectorNounMatch | None:
        modifiers = [t for t in head.lefts if t.dep_ in ("compound", "amod")]
        if self.dictionary.language != "en":
            return self._sector_noun_after(head)
        if head.lemma_.lower() in self.dictionary.words.leaders:
            # "rebel leader", "army chief": the group they lead decides the sector.
            for modifier in modifiers:
                noun = self._lookup_sector(modifier.lemma_.lower())
                if noun is not None:
                    return SectorNounMatch(noun.noun, noun.sector, noun.country)
        words = [t.lower_ for t in modifiers]
        words.append(head.lemma_.lower())
        for size in range(len(words), 0, -1):
            noun = self._lookup_sector(" ".join(words[-size:]))
            if noun is not None:
                return SectorNounMatch(" ".join(words[-size:]), noun.sector, noun.country)
        return None

    def _sector_noun_after(self, head: Token) -> SectorNounMatch | None:
        """A sector noun in a language whose modifiers follow the noun: the longest run of
        words from the head's lemma rightwards that names one ("junte militaire",
        "organisations de défense des droits humains"), else the lemma alone."""
        lemma = head.lemma_.lower()
        if lemma in self.dictionary.words.leaders:
            for modifier in (c for c in head.children if c.dep_ in ("amod", "nmod")):
                noun = self._lookup_sector(modifier.lemma_.lower())
                if noun is not None:
                    return SectorNounMatch(noun.noun, noun.sector, noun.country)
        following = [t.lower_ for t in self.doc[head.i + 1 : head.right_edge.i + 1]]
        for size in range(min(len(following), 6), -1, -1):
            words = " ".join([lemma, *following[:size]]).replace("' ", "'")
            noun = self._lookup_sector(words)
            if noun is not None:
                return SectorNounMatch(words, noun.sector, noun.country)
        return None

    def _pronoun(self, head: Token, sentence: int) -> Actor | None:
        # "France, which has troops in Niger, said it would leave": "it" is the speaker.
        clause = head.head
        if head.dep_ in _SUBJECT_DEPS and clause.dep_ in ("ccomp", "xcomp"):
            speaker = next(
                (c for c in clause.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None
            )
            if speaker is not None:
                found = self._resolve_head(speaker, sentence)
                if found is not None:
                    return found.actor
        # The nearest actor before it in its sentence, else the subject of the sentence
        # before: every mention of this sentence comes nearer than those of the last.
        # French subject pronouns refer back to a subject or a possessor, not to what a
        # verb acts on ("susceptible de rallier la population, elle pourrait ...").
        skip_objects = self.dictionary.language != "en" and head.dep_ in _SUBJECT_DEPS
        for mention in self._mentions_back_from(head.i):
            if skip_objects and self.doc[mention.token].dep_ == "obj":
                continue
            if mention.sentence == sentence:
                return mention.actor
            if mention.sentence == sentence - 1 and mention.subject:
                return mention.actor
            if mention.sentence < sentence - 1:
                break
        return None

    def _phrase(self, head: Token) -> Span:
        start = head.i
        for token in reversed(list(head.lefts)):
            if token.dep_ in ("det", "predet") and token.i == start - 1 and token.lower_ != "no":
                break
            if token.i == start - 1 or token.dep_ in _MODIFIER_DEPS | {"case", "nummod", "punct"}:
                start = token.left_edge.i
        while start < head.i and self.doc[start].dep_ in ("det", "predet", "punct", "case"):
            start += 1
        end = head.i + 1
        if self.dictionary.language != "en":
            # French modifiers follow their noun: "l'armée française".
            for token in head.rights:
                if token.dep_ not in _UD_RIGHT_MODIFIERS or token.left_edge.i != end:
                    break
                end = token.right_edge.i + 1
        return self.doc[start:end]

    def _kind(self, token: Token) -> str:
        if token.i in self.entities:
            return self.entities[token.i][1].kind
        return "sector"

    def _sentence_number(self, token: Token) -> int:
        return self.sentence_of[token.i]

    def _focus_country(self) -> ActorEntry | None:
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        early_end = self.sentences[1].end if len(self.sentences) > 1 else len(self.doc)
        for index, (span, entry) in sorted(self.entities.items()):
            if entry.kind != "country" or index != span.start:
                continue
            weight = 3 if index < early_end else 1
            counts[entry.id] += weight
            first.setdefault(entry.id, index)
        if not counts:
            return None
        best = max(counts, key=lambda key: (counts[key], -first[key]))
        return self.dictionary.entry(best)


def _prep_objects(head: Token, preps: tuple[str, ...], deps: tuple[str, ...] = ()) -> list[Token]:
    """The objects of the prepositions `preps` on `head`, in either tree shape: the
    English model's (the preposition heads its object: "of" → "Niger") and Universal
    Dependencies' (the object heads its preposition: "Niger" ← "du"). `deps` limits the
    English shape to prepositions attached by those labels."""
    found = [
        g
        for c in head.children
        if c.lower_ in preps and (not deps or c.dep_ in deps)
        for g in c.children
        if not deps or g.dep_ == "pobj"
    ]
    found += [
        c
        for c in head.children
        if c.dep_ in _UD_OBLIQUE and any(g.dep_ == "case" and g.lower_ in preps for g in c.children)
    ]
    return found


@dataclass(frozen=True, slots=True)
class SectorNounMatch:
    """A sector noun found in a phrase: the words matched, the sector and any own code."""

    noun: str
    sector: str
    country: str | None
