"""The PLOVER event coder: triggers in dependency parses, their arguments, and evidence.

For each sentence the coder finds trigger words from the lexicon (a verb, a noun,
or a noun carried by a light verb such as "impose sanctions"), folds events that
are only the content of a demand, promise, threat or refusal into that frame,
reads the actor and recipient from the parse, resolves them to actors, and adds
mode, factuality, attribution, date bounds and a confidence (see README.md).

Which types get which treatment is data, not code: how the parse is read for a
type in the lexicon's `roles` (triggers.toml), what PLOVER says a report means
in the codebook's `readings` (codebook.toml).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from harmattan.actors.resolve import DocumentActors
from harmattan.events.attribution import attribution_for
from harmattan.events.codebook import Codebook, Framing, SectorSet
from harmattan.events.dating import SentenceTimexes, date_event
from harmattan.events.factuality import factuality_of
from harmattan.events.lexicon import ENTITY_OBJECT, Lexicon, PerpetratorTest, TriggerEntry
from harmattan.events.location import ArticlePlaces, locate_event
from harmattan.records import (
    Actor,
    Article,
    Event,
    Factuality,
    Participant,
    Place,
    Sentence,
    TextSpan,
    Timex,
)

_SUBJECT_DEPS = ("nsubj", "csubj")
_TIME_GIVEN_REACH = 16
"""Words after "give" within which the time it gives is looked for."""
_OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
# A clause inherits its head's subject through these links; never through a
# reported clause ("X said Y was killed": X did not kill).
_INHERIT_SUBJECT = ("xcomp", "conj", "advcl", "acomp")
# "resorted to throwing stones": the subject carries over; "accused X of attacking" not.
_NO_INHERIT_PREPS = {"of", "for", "from", "against", "about"}
_ENTITY_OBJECT_LABELS = {"GPE", "LOC"}
_ANAPHORIC = {"these", "those", "this", "that", "such"}
# Entity labels of names: the words in them ("Storm Corps") are no common nouns.
_NAME_LABELS = {"ORG", "PERSON", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LAW"}
_TIME_LABELS = {"DATE", "TIME"}
_ACTIVE_ACL_TAGS = {"VBG", "VBD", "VBZ", "VBP"}
# Texts a party issues: "issued a statement demanding ..." is the issuer's demand.
_STATEMENTS = {
    "statement",
    "declaration",
    "letter",
    "resolution",
    "communique",
    "message",
    "note",
    "report",
    "motion",
    "decree",
    "appeal",
    "petition",
    "announcement",
    "order",
    "warning",
}
_CIRCUMSTANCE_MARKERS = {
    "after",
    "before",
    "when",
    "whenever",
    "while",
    "as",
    "since",
    "because",
    "once",
    "though",
    "although",
    "whereas",
}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "appos"}
# What a clause governs: its complements, objects and prepositional phrases; never its
# subject or a relative clause.
_CONTENT_DEPS = {
    "xcomp",
    "advcl",
    "dobj",
    "prep",
    "agent",
    "pobj",
    "dative",
    "acl",
    "ccomp",
    "conj",
}


@dataclass(slots=True)
class Candidate:
    """A trigger found in a sentence, before its arguments are read."""

    head: Token
    entry: TriggerEntry
    start: int
    end: int
    light_verb: Token | None = None
    folded: list[Candidate] = field(default_factory=list)
    # For a reported "must", the clause it governs (the demand's content).
    demanded: Token | None = None

    @property
    def anchor(self) -> Token:
        """The token under which a frame's content lies."""
        return self.demanded or self.light_verb or self.head

    @property
    def clause(self) -> Token:
        """The token whose clause carries the event's tense, modality and subject."""
        if self.demanded is not None:
            return _reporting_verb(self.demanded) or self.demanded
        if self.light_verb is not None:
            return self.light_verb
        if self.head.pos_ in ("NOUN", "PROPN"):
            return _governing_verb(self.head)
        return self.head


@dataclass(frozen=True, slots=True)
class EventCoder:
    """Codes the events of parsed articles; build once, use for every article."""

    codebook: Codebook
    lexicon: Lexicon

    def code(
        self,
        article: Article,
        doc: Doc,
        actors: DocumentActors,
        timexes: Sequence[Timex] = (),
        places: Sequence[Place] = (),
    ) -> tuple[Event, ...]:
        """Every event the article reports, in text order, dated by `timexes` and placed
        by `places` where the text says."""
        events: list[Event] = []
        indexed = ArticlePlaces.of(places)
        dated = SentenceTimexes.of(timexes)
        earlier = EarlierEvents()
        # Only words in the lexicon can be triggers: find them from the Doc's arrays, so
        # that spaCy builds Token objects for those few words only.
        strings = doc.vocab.strings
        lemmas = [strings[h].lower() for h in doc.to_array(LEMMA).tolist()]
        words = [strings[h] for h in doc.to_array(LOWER).tolist()]
        for sentence in actors.sentences:
            # A word in a date or time is no trigger: "1 March 2019" reports no march.
            triggers = [
                doc[i]
                for i in range(sentence.start, sentence.end)
                if self.lexicon.may_trigger(lemmas[i], words[i])
                and doc[i].ent_type_ not in _TIME_LABELS
            ]
            candidates = [c for c in self._candidates(triggers) if not _names_a_party(c, actors)]
            in_sentence = dated.within(sentence.start_char, sentence.end_char)
            coded = [
                self._event(article, c, actors, earlier, in_sentence, indexed)
                for c in _fold(
                    candidates,
                    self.codebook.readings.voiced_demand,
                    self.lexicon.roles.purpose_folds,
                )
            ]
            kept = dedupe_events([e for e in coded if e is not None])
            events.extend(kept)
            earlier.extend(kept)
        return tuple(events)

    def _candidates(self, tokens: Iterable[Token]) -> list[Candidate]:
        found: list[Candidate] = []
        for token in tokens:
            candidate = self._candidate(token)
            if candidate is not None:
                found.append(candidate)
        return found

    def _candidate(self, token: Token) -> Candidate | None:
        lemma = token.lemma_.lower()
        if token.dep_ == "aux" and token.lower_ in self.lexicon.demand_modals:
            clause = token.head
            if _reporting_verb(clause) is None:
                return None
            entry = self.lexicon.demand_entry()
            return Candidate(token, entry, token.idx, clause.idx + len(clause), demanded=clause)
        if (
            token.dep_ == "acl"
            and token.tag_ == "VBN"
            and not any(c.dep_ == "agent" for c in token.children)
        ):
            # "militiamen armed with machetes" describes; "sanctions imposed by X" reports.
            return None
        if token.pos_ in ("VERB", "AUX") and any(c.dep_ == "det" for c in token.children):
            # "evacuated the wounded", "counted the dead": people, not an act.
            return None
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            verb_entry = self._best(self.lexicon.entries(lemma, "VERB"), token)
            if verb_entry is None:
                return None
            return Candidate(token, verb_entry, *_verb_span(token))
        if token.pos_ == "ADJ":
            adjective = self._best(self.lexicon.entries(lemma, "ADJ"), token)
            if adjective is None:
                return None
            return Candidate(token, adjective, token.idx, token.idx + len(token))
        if token.pos_ in ("NOUN", "PROPN"):
            if any(
                c.dep_ in ("det", "predet", "amod") and c.lower_ in _ANAPHORIC
                for c in token.children
            ):
                # "these sanctions", "such an intervention" refer back; they are no new event.
                return None
            entries = self.lexicon.entries(lemma, "NOUN")
            if not entries and token.pos_ == "PROPN":
                return None
            noun_entry = self._best(entries, token)
            if noun_entry is None:
                return None
            light = _light_verb(token, self.lexicon)
            end = token.idx + len(token)
            if light is not None and light.i < token.i and token.i - light.i <= 4:
                return Candidate(token, noun_entry, light.idx, end, light)
            return Candidate(token, noun_entry, token.idx, end, light)
        return None

    def _best(self, entries: Iterable[TriggerEntry], token: Token) -> TriggerEntry | None:
        fitting = [e for e in entries if _fits(e, token)]
        if not fitting:
            return None
        if len({e.type for e in fitting}) == 1:
            return max(fitting, key=lambda e: (e.specific, e.weight))
        # A word of two types ("strikes": walkouts or air raids) takes the one its
        # sentence speaks of: a type whose mode words occur there besides the word itself.
        context = {t.lemma_.lower() for t in token.sent if t.i != token.i}
        voiced = {
            e.type for e in fitting if self.lexicon.mode_from_words(e.type, context) is not None
        }
        return max(fitting, key=lambda e: (e.specific, e.type in voiced, e.weight))

    def _event(
        self,
        article: Article,
        candidate: Candidate,
        actors: DocumentActors,
        earlier: EarlierEvents,
        timexes: Sequence[Timex],
        places: ArticlePlaces,
    ) -> Event | None:
        entry = candidate.entry
        roles = self.lexicon.roles
        actor_heads, recipient_heads = _argument_heads(candidate, self.lexicon)
        found_actors = _resolve_all(actor_heads, actors)
        if not found_actors and candidate.head.pos_ in ("NOUN", "PROPN"):
            found_actors = _noun_modifier_actors(candidate.head, actors)
        found_recipients = [
            p for p in _resolve_all(recipient_heads, actors) if p.actor not in _actors(found_actors)
        ]
        if not found_recipients:
            found_recipients = earlier.recipients(recipient_heads, found_actors)
        if not found_recipients and entry.type in roles.place_left.types:
            found_recipients = _place_left(
                candidate, actors, found_actors, roles.place_left.sectors
            )
        if not found_recipients and entry.type in roles.place_is_recipient:
            found_recipients = _place_of(candidate, actors, found_actors, places)
        if not found_recipients and entry.type in roles.content_recipient:
            found_recipients = _content_recipient(candidate, actors, found_actors)
        perpetrator = self.lexicon.perpetrator
        if (
            entry.type in perpetrator.types
            and candidate.head.lemma_.lower() in perpetrator.harm_words
            and not _harm_is_deliberate(candidate, actors, perpetrator)
        ):
            # "An earthquake killed eight": harm with no one who did it is no attack.
            return None
        agentless = entry.type in roles.agentless
        if (
            not found_actors
            and not agentless
            and candidate.head.pos_ in ("NOUN", "PROPN")
            and not candidate.light_verb
        ):
            # A bare noun with no actor is a mention ("the war", "the killing"), not a report.
            return None
        factuality = factuality_of(
            candidate.head, candidate.clause, self.lexicon, article.published
        )
        if candidate.demanded is not None:
            factuality = factuality_of(
                candidate.clause, candidate.clause, self.lexicon, article.published
            )
        type_name, mode = entry.type, entry.mode or self._mode(entry.type, candidate)
        type_name, mode, factuality = self._reinterpret(
            type_name, mode, factuality, candidate, found_actors
        )
        if self._by_crowd(type_name, candidate, actor_heads, recipient_heads):
            crowd = self.codebook.readings.crowd
            type_name, mode = crowd.becomes, crowd.sources[type_name]
        defaulted = False
        if not found_recipients and type_name in roles.focus_recipient:
            found_recipients = focus_recipient(actors, found_actors)
            defaulted = bool(found_recipients)
        if not found_actors and not found_recipients and type_name not in roles.agentless:
            return None
        # With no party the text names, a noun that is only what a verb of stopping acts
        # on is a mention of violence, not a report of it.
        unnamed = not found_actors and (defaulted or not found_recipients)
        if unnamed and self._to_be_stopped(candidate):
            return None
        if mode is not None and mode not in self.codebook.event_type(type_name).modes:
            mode = None
        sentence = candidate.head.sent
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
            trigger=TextSpan(
                article.text[candidate.start : candidate.end], candidate.start, candidate.end
            ),
            sentence=Sentence(
                sentence.start_char, sentence.start_char + len(sentence.text.rstrip())
            ),
            date=date_event(
                type_name,
                candidate.head,
                candidate.clause,
                factuality,
                timexes,
                article.published,
            ),
            location=locate_event(
                candidate.head,
                candidate.clause,
                places,
                found_recipients,
                focus.country if (focus := actors.focus_actor()) else None,
            ),
            attribution=attribution_for(candidate.clause, self.lexicon, actors),
            confidence=event_confidence(
                entry, found_actors, found_recipients, defaulted, self.codebook
            ),
        )

    def _mode(self, type_name: str, candidate: Candidate) -> str | None:
        words = {t.lemma_.lower() for t in candidate.head.subtree}
        words |= {c.head.lemma_.lower() for c in candidate.folded}
        words |= {t.lower_ for t in candidate.head.subtree}
        if candidate.light_verb is not None:
            words.add(candidate.light_verb.lemma_.lower())
        return self.lexicon.mode_from_words(type_name, words)

    def _reinterpret(
        self,
        type_name: str,
        mode: str | None,
        factuality: Factuality,
        candidate: Candidate,
        actors: list[Participant],
    ) -> tuple[str, str | None, Factuality]:
        """PLOVER's own readings (the codebook's `readings`): promises are AGREE, announced
        harm is THREATEN, an order to coerce is COERCE, and a protest by officials or
        organizations is ACCUSE."""
        readings = self.codebook.readings
        lemma = candidate.head.lemma_.lower()
        order = readings.order
        if type_name == order.frame and lemma in self.lexicon.order_verbs:
            for folded in candidate.folded:
                if folded.entry.type == order.content:
                    ordered_mode = folded.entry.mode or self._mode(order.content, folded)
                    return order.content, ordered_mode, factuality
        sectors = [p.actor.sector for p in actors]
        by_forces = readings.protest_by_forces
        if by_forces.applies(type_name, sectors):
            return by_forces.becomes, by_forces.mode, factuality
        by_officials = readings.protest_by_officials
        # Only a protest voiced ("protested", "lodged a protest"): "Venezuela's protests"
        # are street protests in Venezuela.
        voiced = candidate.head.pos_ == "VERB" or candidate.light_verb is not None
        if (
            voiced
            and lemma in self.lexicon.verbal_protest
            and by_officials.applies(type_name, sectors)
        ):
            return by_officials.becomes, by_officials.mode, factuality
        if factuality is Factuality.FUTURE:
            for recoding in (readings.promise, readings.threat):
                if type_name in recoding.sources:
                    return recoding.becomes, recoding.sources[type_name], Factuality.ASSERTED
        refusal = readings.refusal
        if (
            factuality is Factuality.NEGATED
            and type_name in refusal.sources
            and any(c.lower_ in ("will", "would", "wo") for c in candidate.clause.children)
        ):
            return refusal.becomes, refusal.sources[type_name], Factuality.ASSERTED
        return type_name, mode, factuality

    def _to_be_stopped(self, candidate: Candidate) -> bool:
        """Whether a noun is only what a verb of stopping acts on ("a deal to end the
        fighting", "ending eight weeks of fighting", "to forestall more violence")."""
        node = candidate.head
        if candidate.light_verb is not None or node.pos_ not in ("NOUN", "PROPN"):
            return False
        while node.dep_ in ("dobj", "pobj", "prep") and node.head.i != node.i:
            node = node.head
            if node.pos_ == "VERB":
                return node.lemma_.lower() in self.lexicon.cessation_verbs
        return False

    def _by_crowd(
        self, type_name: str, candidate: Candidate, actors: list[Token], recipients: list[Token]
    ) -> bool:
        """Whether an event is done by a protesting crowd, or is a clash with one (the
        codebook's `readings.crowd`)."""
        if type_name not in self.codebook.readings.crowd.sources:
            return False
        crowds = self.lexicon.crowd_nouns

        def crowd(tokens: list[Token]) -> bool:
            # "thousands of demonstrators": a quantity of a crowd is the crowd.
            heads = [*tokens, *(p for t in tokens for p in _pobjs(t, ("of",)))]
            return any(t.lemma_.lower() in crowds for t in heads)

        if crowd(actors):
            return True
        return candidate.head.lemma_.lower() in self.lexicon.mutual_violence and crowd(recipients)


def _names_a_party(candidate: Candidate, actors: DocumentActors) -> bool:
    """ "riot police", "protest leaders": a trigger noun that only says which party."""
    head = candidate.head
    return (
        head.dep_ == "compound"
        and candidate.light_verb is None
        and head.pos_ in ("NOUN", "PROPN")
        and bool(actors.resolve(head.head))
    )


def _harm_is_deliberate(
    candidate: Candidate, actors: DocumentActors, test: PerpetratorTest
) -> bool:
    """Whether a harm word ("killed", "an explosion") reports an attack: its own phrase,
    then its stated cause, then its sentence decide (the order is in triggers.toml)."""
    head = candidate.head
    if head.pos_ in ("NOUN", "PROPN"):
        own = _lemmas(head.subtree)
        if own & test.attack_frames:
            return True
        if own & test.accidental_causes:
            return False
    accidental = False
    accidental_heads = test.accidental_causes | test.stated_accidental_causes
    if head.i > head.sent.start and head.pos_ in ("VERB", "AUX"):
        # In English the noun right before a verb is its subject, whatever the parse says
        # ("relief effort in Earthquakes hit areas" parsed with "Earthquakes" under "in").
        before = head.doc[head.i - 1]
        if before.pos_ in ("NOUN", "PROPN") and before.lemma_.lower() in accidental_heads:
            return False
    causes = _causes(candidate, test)
    for cause, agent in causes:
        words = _lemmas(cause.subtree)
        if words & test.attack_frames:
            return True
        if _head_words(agent if agent is not None else cause) & accidental_heads:
            # "A strong earthquake in Peru": the place resolves, the quake did it.
            accidental = True
            continue
        if agent is not None and actors.resolve(agent):
            return True
        accidental = accidental or bool(words & test.accidental_causes)
    if accidental:
        return False
    sentences = [head.sent]
    if not causes and head.sent.start > 0:
        # "A bus plunged into a ravine. Twelve people were killed.": a toll that states
        # no cause reports the one of the sentence before it.
        sentences.append(head.doc[head.sent.start - 1].sent)
    for sentence in sentences:
        if _lemmas(sentence) & test.attack_frames:
            return True
        # A hazard in a name is no cause: "the Storm Corps", "Operation Desert Storm".
        unnamed = (t for t in sentence if t.ent_type_ not in _NAME_LABELS)
        if _lemmas(unnamed) & test.accidental_causes:
            return False
    return True


def _causes(candidate: Candidate, test: PerpetratorTest) -> list[tuple[Token, Token | None]]:
    """What a harm verb says caused it, each with the token that would name a perpetrator:
    the active subject, the "by" agent, a cause preposition's object (names no one:
    "killed in Mali"), and a "when/after" clause with its subject."""
    head = candidate.head
    verb = candidate.light_verb or (head if head.pos_ in ("VERB", "AUX") else None)
    if verb is None:
        return []
    causes: list[tuple[Token, Token | None]] = []
    subject = _subject(verb)
    # An inherited passive subject is who was harmed ("five were killed, 20 injured").
    if subject is not None and subject.dep_ != "nsubjpass":
        causes.append((subject, subject))
    causes += [(a, a) for a in _pobjs(verb, ("by",), deps=("agent",))]
    # "was killed and three others injured when a tanker exploded": a conjoined harm
    # verb shares its head's stated cause.
    stated = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    causes += [(p, None) for v in stated for p in _pobjs(v, test.cause_preps)]
    clauses = (c for v in stated for c in v.children if c.dep_ == "advcl")
    for clause in clauses:
        clause_subject = _subject(clause)
        if clause_subject is not None and clause_subject.dep_ == "nsubjpass":
            clause_subject = None
        causes.append((clause, clause_subject))
    return causes


def _head_words(token: Token) -> set[str]:
    """A phrase's head and the words that classify it ("gas explosion"), without what
    hangs on it by a preposition."""
    words = {token.lemma_.lower()}
    words |= {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    return words


def _lemmas(tokens: Iterable[Token]) -> set[str]:
    return {t.lemma_.lower() for t in tokens}


def focus_recipient(actors: DocumentActors, found: list[Participant]) -> list[Participant]:
    """Aim a recipient-less event at the article's focus country, at its first mention."""
    focus = actors.focus_actor()
    if focus is None or focus.country in {p.actor.country for p in found}:
        return []
    mention = actors.first_mention(focus.id)
    if mention is None:
        return []
    return [Participant(mention.text, mention.start_char, mention.end_char, focus)]


def _gives_time(token: Token, units: frozenset[str]) -> bool:
    """ "gave the soldiers who seized power seven days to release him": a length of time
    (a number or "a" and a unit) then "to" and a verb, after the word in its sentence.
    Read from the words, not the parse: the small model often hangs the length on the
    nearest verb instead."""
    after = [t for t in token.sent if t.i > token.i][:_TIME_GIVEN_REACH]
    return any(
        unit.lemma_.lower() in units
        and unit.i + 2 < token.sent.end
        and unit.nbor(1).lower_ == "to"
        and unit.nbor(2).pos_ in ("VERB", "AUX")
        and unit.i > token.sent.start
        and (unit.nbor(-1).like_num or unit.nbor(-1).lower_ in ("a", "an", "one"))
        for unit in after
    )


def _fits(entry: TriggerEntry, token: Token) -> bool:
    if entry.time_given is not None and not _gives_time(token, entry.time_given):
        return False
    if entry.preps is not None:
        # A particle or preposition that selects a sense follows the word: "On Friday,
        # Macron called the explosion an attack" is no call on anyone.
        attached = {
            c.lower_ for c in token.children if c.dep_ in ("prep", "prt", "agent") and c.i > token.i
        }
        # "asked the UN to send troops": an infinitive complement counts as "to".
        if any(
            x.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)
            for x in token.children
        ):
            attached.add("to")
        if token.pos_ == "ADJ":
            attached |= (
                {c.lower_ for x in token.children if x.dep_ == "xcomp" for c in x.children} | {"to"}
                if any(c.dep_ == "xcomp" for c in token.children)
                else set()
            )
        if not attached & entry.preps:
            return False
    if entry.except_objects:
        # Only the direct object or passive subject decides the sense: "captured the
        # town on video" is still a capture.
        direct = {
            c.lemma_.lower() for c in token.children if c.dep_ in (*_OBJECT_DEPS, "nsubjpass")
        }
        if direct & entry.except_objects:
            return False
    if entry.objects is not None:
        objects = _object_tokens(token)
        # "a stash of firearms", "hundreds of landmines": what a quantity is of decides.
        objects += [p for o in list(objects) for p in _pobjs(o, ("of",))]
        # "tear gas and rubber bullets": the words that classify each object count.
        objects += [c for o in list(objects) for c in o.children if c.dep_ in ("compound", "amod")]
        if ENTITY_OBJECT in entry.objects:
            return any(o.ent_type_ in _ENTITY_OBJECT_LABELS for o in objects)
        lemmas = {o.lemma_.lower() for o in objects} | {o.lower_ for o in objects}
        if not lemmas & entry.objects:
            return False
    return True


def _object_tokens(token: Token) -> list[Token]:
    objects = [c for c in token.children if c.dep_ in (*_OBJECT_DEPS, "nsubjpass", "dative")]
    if token.dep_ == "acl" or (token.dep_ == "relcl" and not objects):
        objects.append(token.head)
    for child in token.children:
        if child.dep_ in ("prep", "prt"):
            objects += [g for g in child.children if g.dep_ == "pobj"]
    for obj in list(objects):
        objects += [c for c in obj.children if c.dep_ == "compound"]
        objects += list(obj.conjuncts)
    return objects


def _light_verb(token: Token, lexicon: Lexicon) -> Token | None:
    """The light verb carrying a noun trigger: "impose *sanctions*", "undertook a *mediation*
    mission"."""
    noun = token.head if token.dep_ == "compound" else token
    for child in noun.lefts:
        # The small model parses "ECOWAS imposed sanctions" as "ECOWAS [imposed sanctions]",
        # with the verb an adjective of its own object; read it as the verb it is.
        if (
            child.dep_ == "amod"
            and child.tag_ in ("VBD", "VBN")
            and child.lemma_ in lexicon.light_verbs
        ):
            return child
    verb = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass", "attr") or verb.pos_ not in ("VERB", "AUX"):
        return None
    lemma = verb.lemma_.lower()
    if lemma in lexicon.light_verbs:
        return verb
    # A verb that reports no event of its own carries the noun's ("speeded up the
    # withdrawal"); a copula does not ("it is not a designation").
    if noun.dep_ == "dobj" and lemma != "be" and not lexicon.entries(lemma, "VERB"):
        return verb
    return None


def _reporting_verb(clause: Token) -> Token | None:
    """The verb (or noun, "a reminder that ...") that reports a clause, with its own subject."""
    for ancestor in clause.ancestors:
        if ancestor.pos_ in ("VERB", "AUX") and _subject(ancestor) is not None:
            return ancestor
    return None


def _verb_span(token: Token) -> tuple[int, int]:
    end = token.idx + len(token)
    for child in token.children:
        if child.dep_ == "prt" and child.i == token.i + 1:
            end = child.idx + len(child)
    return token.idx, end


def _governing_verb(token: Token) -> Token:
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return current


def _fold(
    candidates: list[Candidate], voiced: Framing, purposes: frozenset[str]
) -> list[Candidate]:
    """Drop events that are only what another trigger demands, promises, threatens or names;
    `voiced` is the content type that a frame type takes in without being marked a frame,
    `purposes` the types whose stated purpose of one another is part of the act."""
    kept: list[Candidate] = []
    for candidate in candidates:
        frame = _purpose_of(candidate, candidates, purposes) or _enclosing_frame(
            candidate, candidates, voiced
        )
        if frame is None:
            kept.append(candidate)
        else:
            frame.folded.append(candidate)
    return kept


def _enclosing_frame(
    candidate: Candidate, candidates: list[Candidate], voiced: Framing
) -> Candidate | None:
    others = [c for c in candidates if c is not candidate]
    for other in others:
        if _names_the_cause(candidate, other):
            return other
        # "called off a strike", "criticized the sanctions": the object of another trigger
        # is what that event is about, not a second report.
        is_noun = candidate.head.pos_ in ("NOUN", "PROPN") and candidate.light_verb is None
        if (other.entry.objects is not None or is_noun) and candidate.head in _object_tokens(
            other.head
        ):
            return other
    frames = {c.anchor.i: c for c in others if c.entry.frame}
    # A demand voiced by a protest is part of the protest (PLOVER).
    if candidate.entry.type == voiced.content:
        frames |= {c.anchor.i: c for c in others if c.entry.type == voiced.frame}
    for node in [candidate.head, *candidate.head.ancestors]:
        frame = frames.get(node.i)
        if (
            frame is not None
            and frame is not candidate
            and not _in_subject_of(candidate.head, node)
        ):
            return frame
        if node.dep_ == "relcl" or _circumstance(node):
            return None
    return None


def _purpose_of(
    candidate: Candidate, candidates: list[Candidate], types: frozenset[str]
) -> Candidate | None:
    """ "used tear gas to disperse the crowd": the dispersal is what the tear gas was for."""
    clause = candidate.head
    if candidate.entry.type not in types or clause.dep_ not in ("advcl", "xcomp"):
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return None
    for other in candidates:
        anchor = other.light_verb or other.head
        if other is not candidate and other.entry.type in types and anchor.i == clause.head.i:
            return other
    return None


def _names_the_cause(noun: Candidate, verb: Candidate) -> bool:
    """ "A bombing killed twelve", "killed in an explosion": the noun is the verb's own
    event, named as its cause; the verb's report carries who was harmed."""
    head = noun.head
    if noun.entry.type != verb.entry.type or head.pos_ not in ("NOUN", "PROPN"):
        return False
    if head.dep_ == "nsubj" and head.head.i == verb.head.i:
        return True
    return (
        head.dep_ == "pobj" and head.head.lower_ in ("in", "by") and head.head.head.i == verb.head.i
    )


def _circumstance(clause: Token) -> bool:
    """ "vowed an inquiry after seven people were murdered": a clause that says when or
    why is no content of the frame it hangs on."""
    return clause.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _CIRCUMSTANCE_MARKERS for c in clause.children
    )


def _in_subject_of(token: Token, verb: Token) -> bool:
    for child in verb.children:
        if (
            child.dep_ in ("nsubj", "nsubjpass")
            and child.left_edge.i <= token.i <= child.right_edge.i
        ):
            return True
    return False


def _argument_heads(candidate: Candidate, lexicon: Lexicon) -> tuple[list[Token], list[Token]]:
    """The tokens heading the actor and the recipient phrases of a trigger."""
    entry = candidate.entry
    roles = lexicon.roles
    head = candidate.head
    if candidate.demanded is not None:
        reporter = _reporting_verb(candidate.demanded)
        speaker = _subject(reporter) if reporter is not None else None
        addressee = _subject(candidate.demanded)
        return ([speaker] if speaker is not None else []), (
            [addressee] if addressee is not None else []
        )
    verb = candidate.light_verb or (head if head.pos_ in ("VERB", "AUX", "ADJ") else None)
    actors: list[Token] = []
    recipients: list[Token] = []
    if verb is not None:
        subject = _subject(verb)
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        agents = _pobjs(verb, ("by",), deps=("agent", "prep"))
        if agents:
            actors += agents
        elif subject is not None:
            actors.append(subject)
        if passive and candidate.light_verb is None:
            # "Wagner fighters have been deployed in Mali": the deployed are the actor.
            if entry.type in roles.own_forces and not agents:
                actors += passive
            else:
                recipients += passive
        elif verb.dep_ == "acl" and candidate.light_verb is None:
            recipients.append(verb.head)
        if candidate.light_verb is None:
            # Withdrawn or deployed troops are the actor's own, not the recipient.
            own_forces = entry.type in roles.own_forces
            recipients += [
                c
                for c in verb.children
                if c.dep_ == "dative"
                or (c.dep_ == "dobj" and (not own_forces or c.ent_type_ in _ENTITY_OBJECT_LABELS))
            ]
            for xcomp in (c for c in verb.children if c.dep_ == "xcomp"):
                recipients += [c for c in xcomp.children if c.dep_ == "dobj"]
            if entry.frame:
                # "demanded that the Turkish government provide ...": who must act.
                for ccomp in (c for c in verb.children if c.dep_ == "ccomp"):
                    if any(m.dep_ == "mark" and m.lower_ == "that" for m in ccomp.children):
                        recipients += [c for c in ccomp.children if c.dep_ == "nsubj"]
        else:
            recipients += [c for c in verb.children if c.dep_ == "dative"]
        recipients += _pobjs(verb, entry.recipient_preps)
        # "rejected an appeal from President Gbagbo", "Saddam Hussein's proposal": who
        # made what is rejected, accepted or answered is the recipient.
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            recipients += _pobjs(obj, ("from", "by"))
            recipients += [c for c in obj.children if c.dep_ == "poss"]
        if entry.reverse:
            givers = _pobjs(verb, ("from", "by"), deps=("prep", "agent"))
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                givers += _pobjs(obj, ("from",))
            actors, recipients = givers, ([subject] if subject is not None else [])
    if head.pos_ in ("NOUN", "PROPN"):
        preps = tuple(
            p for p in entry.recipient_preps if p != "of" or entry.type not in roles.of_is_actor
        )
        recipients += _pobjs(head, preps)
        if entry.type in roles.of_is_actor:
            actors += _pobjs(head, ("of",))
        actors += _pobjs(head, ("by",))
        for child in head.children:
            if child.dep_ == "acl":
                actors += _pobjs(child, ("by",), deps=("agent", "prep"))
        actors += [c for c in head.children if c.dep_ == "poss"]
    return _unique(actors), _unique([r for r in recipients if r not in actors])


def _subject(verb: Token) -> Token | None:
    current: Token | None = verb
    while current is not None:
        # A conjoined verb shares its head's subject, passive or not ("was indicted and
        # will resign").
        deps = _SUBJECT_DEPS if current is verb else (*_SUBJECT_DEPS, "nsubjpass")
        if current is verb and any(c.dep_ == "nsubjpass" for c in verb.children):
            return None
        for child in current.children:
            if child.dep_ in deps:
                # "the military, which had been partnering ...": the subject is the noun.
                if child.tag_ in ("WDT", "WP") and current.dep_ == "relcl":
                    return current.head
                # "The Red Cross operating in Iraq said" parsed with "operating" as the
                # subject and "Red Cross" as its own: the noun is who speaks.
                noun = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if child.pos_ == "VERB" and child.tag_ == "VBG" and noun is not None:
                    return noun
                return child
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ == "acl" and current.tag_ in _ACTIVE_ACL_TAGS:
            # "troops attacking the town": the noun does it. So it does when the parser
            # hangs a finite verb on the noun before it ("Palestinian youths resorted to").
            # "issued a statement demanding ...": who issued the statement demands.
            if current.head.dep_ == "dobj" and current.head.lemma_.lower() in _STATEMENTS:
                current = current.head.head
                continue
            return current.head
        if current.dep_ == "pcomp" and current.head.lower_ not in _NO_INHERIT_PREPS:
            current = current.head.head
            continue
        if (
            current.dep_ == "amod"
            and current.head.dep_ == "dobj"
            and current.head.head.pos_ == "PROPN"
        ):
            return current.head.head
        if current.dep_ == "conj":
            stranded = _stranded_subject(current)
            if stranded is not None:
                return stranded
        if current.dep_ in _INHERIT_SUBJECT and current.head.i != current.i:
            current = current.head
            if current.pos_ in ("NOUN", "PROPN"):
                return None
            continue
        return None
    return None


def _stranded_subject(verb: Token) -> Token | None:
    """A noun right before a conjoined verb that the parser hung elsewhere ("the bloc,
    ECOWAS, sets a deadline" parsed with "sets" joined to the main verb)."""
    before = verb.i - 1
    while before > verb.head.i and verb.doc[before].is_punct:
        before -= 1
    candidate = verb.doc[before]
    if (
        before > verb.head.i
        and candidate.pos_ in ("NOUN", "PROPN")
        and candidate.dep_ not in ("dobj", "dative", "attr", "npadvmod")
        and not any(t.dep_ == "cc" for t in verb.doc[candidate.i : verb.i])
    ):
        return candidate
    return None


def _pobjs(token: Token, preps: Iterable[str], deps: tuple[str, ...] = ("prep",)) -> list[Token]:
    wanted = set(preps)
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in (*deps, "prt") and child.lower_ in wanted:
            found += [g for g in child.children if g.dep_ == "pobj"]
    return found


def _unique(tokens: list[Token]) -> list[Token]:
    seen: set[int] = set()
    out: list[Token] = []
    for token in tokens:
        if token.i not in seen:
            seen.add(token.i)
            out.append(token)
    return out


def _resolve_all(heads: list[Token], actors: DocumentActors) -> list[Participant]:
    found: list[Participant] = []
    for head in heads:
        for participant in actors.resolve(head):
            if participant.actor not in _actors(found):
                found.append(participant)
    return found


def _actors(participants: list[Participant]) -> list[Actor]:
    return [p.actor for p in participants]


def _noun_modifier_actors(noun: Token, actors: DocumentActors) -> list[Participant]:
    """ "ECOWAS sanctions", "Israeli invasion", "a regional intervention": actor from a modifier."""
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            resolved = actors.resolve(child)
            if resolved:
                return resolved
            if child.lower_ == "regional":
                organization = actors.latest("organization", noun.i)
                if organization is not None:
                    return [
                        Participant(child.text, child.idx, child.idx + len(child), organization)
                    ]
    return []


class EarlierEvents:
    """The events an article has reported so far, indexed by their trigger words, for
    phrases that refer back ("concern about these sanctions"). An index, not a scan:
    an article of thousands of events would otherwise compare every pair."""

    def __init__(self) -> None:
        # Trigger word stem → the latest earlier event with actors whose trigger has it.
        self._latest: dict[str, tuple[int, Event]] = {}
        self._count = 0

    def extend(self, events: Iterable[Event]) -> None:
        """Record events reported after those already held, in text order."""
        for event in events:
            self._count += 1
            if event.actors:
                for word in event.trigger.text.split():
                    self._latest[_stem(word)] = (self._count, event)

    def recipients(self, heads: list[Token], actors_found: list[Participant]) -> list[Participant]:
        """The recipients of "concern about these sanctions": who imposed the latest
        earlier sanctions, other than the actors already found."""
        stems = {_stem(t.lemma_) for h in heads for t in h.subtree}
        found = [self._latest[s] for s in stems if s in self._latest]
        if not found:
            return []
        _, event = max(found, key=lambda pair: pair[0])
        return [p for p in event.actors if p.actor not in _actors(actors_found)]


def _stem(word: str) -> str:
    return word.lower().rstrip("s")


def _place_of(
    candidate: Candidate, actors: DocumentActors, found: list[Participant], places: ArticlePlaces
) -> list[Participant]:
    """A curfew, deployment or protest "in Montenegro" is aimed at Montenegro's authorities;
    one "in Kirkuk" at those of the country the geoparser puts Kirkuk in. Ethnic Albanians
    demonstrating in Serbia protest against Serbia: only the actor itself is no target."""
    anchor = candidate.light_verb or candidate.head
    own = {p.actor.id for p in found}
    for pobj in _pobjs(anchor, ("in", "into")):
        if actors.names_country(pobj):
            resolved = [p for p in actors.resolve(pobj) if p.actor.id not in own]
            if resolved:
                return resolved
        # "in the northern city of Kirkuk": the place may sit anywhere in the phrase.
        end = pobj.right_edge.idx + len(pobj.right_edge)
        for place in places.overlapping(pobj.left_edge.idx, end):
            government = actors.country_government(place.country) if place.country else None
            if government is not None and government.id not in own:
                return [Participant(place.text, place.start, place.end, government)]
    return []


def _content_recipient(
    candidate: Candidate, actors: DocumentActors, found: list[Participant]
) -> list[Participant]:
    """The first other party named in what the trigger governs, in text order."""
    anchor = candidate.light_verb or candidate.head
    # Only the actor itself is no target: police act on their own country's protesters.
    own = {p.actor.id for p in found}
    # What comes before the trigger ("Despite warnings by aid agencies, X refused") and
    # who says so ("according to a senator") is not what the event is about.
    pending = [
        c
        for c in anchor.children
        if c.dep_ in _CONTENT_DEPS and c.i > anchor.i and c.lower_ != "according"
    ]
    reachable: list[Token] = []
    while pending:
        token = pending.pop()
        reachable.append(token)
        # A nested clause's own subject is a party to it: "a strike unless Israel rescinds".
        pending += [
            c for c in token.children if c.dep_ in _CONTENT_DEPS | _MODIFIER_DEPS | {"nsubj"}
        ]
    for token in sorted(reachable, key=lambda t: t.i):
        # A phrase resolves at its head: "President" in "President Mohamed Bazoum" is
        # only part of a name.
        if (
            token.pos_ not in ("NOUN", "PROPN")
            or token.dep_ == "compound"
            or token.i == candidate.head.i
        ):
            continue
        resolved = [p for p in actors.resolve(token) if p.actor.id not in own]
        if resolved:
            return resolved[:1]
    return []


def _place_left(
    candidate: Candidate, actors: DocumentActors, found: list[Participant], sectors: SectorSet
) -> list[Participant]:
    """For a withdrawal with no "from": the last other country named before it in the sentence,
    standing for its government (`sectors`)."""
    countries = {p.actor.country for p in found}
    for token in reversed(candidate.head.sent[: candidate.head.i - candidate.head.sent.start]):
        if token.pos_ == "PRON" or not actors.names_country(token):
            continue
        for participant in actors.resolve(token):
            if participant.actor.country not in countries and sectors.holds(
                participant.actor.sector
            ):
                return [participant]
    return []


def event_confidence(
    entry: TriggerEntry,
    actors: list[Participant],
    recipients: list[Participant],
    defaulted: bool,
    codebook: Codebook,
) -> float:
    """Half from how reliably the word means the event, half from its arguments."""
    required = codebook.event_type(entry.type).recipient_required
    score = 0.5 * entry.weight
    score += 0.25 if actors else 0.0
    if recipients and not defaulted:
        score += 0.25
    elif not required:
        score += 0.15
    elif defaulted:
        score += 0.1
    return round(min(score, 1.0), 2)


def event_id(article_id: str, start: int, type_name: str) -> str:
    return hashlib.sha256(f"{article_id}:{start}:{type_name}".encode()).hexdigest()[:16]


def dedupe_events(events: list[Event]) -> list[Event]:
    """One event per type and participants in a sentence: the most confident."""
    best: dict[tuple[object, ...], Event] = {}
    for event in events:
        key = (
            event.type,
            tuple(p.actor.id for p in event.actors),
            tuple(p.actor.id for p in event.recipients),
            event.factuality,
        )
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    return sorted(best.values(), key=lambda e: e.trigger.start)
