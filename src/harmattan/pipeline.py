"""Article → document record: one pure function over the stages; no I/O here.

The ingest run, `harmattan extract` and the Spark job call `extract_each`, which
quarantines an article a stage fails on instead of ending the batch; `extract` and
`extract_many`, which raise, serve the benchmarks, the scorers and the tests. Every
stage takes the article (whose publication date is its only reference for time) and the
parsed spaCy Doc, and returns records whose offsets index `article.text`. Long texts are
parsed in bounded pieces (`nlp.parse_texts`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span

from harmattan.actors.dictionary import ActorDictionary
from harmattan.actors.resolve import DocumentActors
from harmattan.errors import StageError
from harmattan.events.codebook import Codebook
from harmattan.events.coder import EventCoder
from harmattan.events.french import FrenchEventCoder, FrenchLexicon
from harmattan.events.lexicon import Lexicon
from harmattan.geo import Gazetteer, find_places
from harmattan.ingest.base import excerpt
from harmattan.nlp import DEFAULT_BATCH_SIZE, LANGUAGES, load_pipeline, parse_texts
from harmattan.records import (
    Article,
    DocumentRecord,
    Entity,
    Event,
    Place,
    Quarantined,
    Sentence,
    Timex,
)
from harmattan.temporal import TimexTagger, find_timexes


class Coder(Protocol):
    """The event stage of one language: the English and the French coders."""

    def code(
        self,
        article: Article,
        doc: Doc,
        actors: DocumentActors,
        timexes: Sequence[Timex] = (),
        places: Sequence[Place] = (),
    ) -> tuple[Event, ...]: ...


@dataclass(frozen=True, slots=True)
class LanguageStages:
    """One language's spaCy pipeline and the stages built for it."""

    language: str
    nlp: Language
    actors: ActorDictionary
    coder: Coder
    tagger: TimexTagger

    @classmethod
    def load(cls, language: str) -> LanguageStages:
        """Build the pipeline and stages of one of `nlp.LANGUAGES`."""
        actors = ActorDictionary.load(language)
        codebook = Codebook.load()
        coder: Coder = (
            FrenchEventCoder(codebook, FrenchLexicon.load(codebook))
            if language == "fr"
            else EventCoder(codebook, Lexicon.load(codebook))
        )
        return cls(
            language=language,
            nlp=load_pipeline(entity_patterns=actors.ruler_patterns(), language=language),
            actors=actors,
            coder=coder,
            tagger=TimexTagger(language),
        )


@dataclass(frozen=True, slots=True)
class Resources:
    """What the stages need, built once per process and passed in.

    English is built at once; another coded language the first time one of its
    articles comes (an English-only feed never loads the French model). An article
    in a language harmattan does not code gets no stages: it is stored and listed,
    with no events.
    """

    english: LanguageStages
    gazetteer: Gazetteer
    # Languages other than English, built on first use; the only state, and per object.
    others: dict[str, LanguageStages] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Resources:
        """Build every resource the English pipeline needs."""
        return cls(english=LanguageStages.load("en"), gazetteer=Gazetteer.load())

    def stages(self, language: str) -> LanguageStages | None:
        """The stages of a language, or None when harmattan does not code it."""
        if language == self.english.language:
            return self.english
        if language not in LANGUAGES:
            return None
        if language not in self.others:
            self.others[language] = LanguageStages.load(language)
        return self.others[language]

    # The English stages, which the English scorers, benchmarks and tests use directly.
    @property
    def nlp(self) -> Language:
        """The English spaCy pipeline."""
        return self.english.nlp

    @property
    def actors(self) -> ActorDictionary:
        """The English actor dictionary."""
        return self.english.actors

    @property
    def coder(self) -> EventCoder:
        """The English event coder."""
        coder = self.english.coder
        if not isinstance(coder, EventCoder):
            raise TypeError(f"the English stages hold a {type(coder).__name__}, not an EventCoder")
        return coder

    @property
    def tagger(self) -> TimexTagger:
        """The English time-expression tagger."""
        return self.english.tagger


@functools.cache
def process_resources() -> Resources:
    """The resources of a worker process (an ingest worker, a Spark executor): built on
    first use and kept for the life of the process, which extracts many batches."""
    return Resources.load()


def extract(article: Article, resources: Resources) -> DocumentRecord:
    """Extract the document record of one article."""
    return build_record(article, _parse(article, resources), resources)


def extract_many(
    articles: Iterable[Article], resources: Resources, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[DocumentRecord]:
    """Extract records for many articles, batched through spaCy, in input order."""
    stream = iter(articles)
    while chunk := list(islice(stream, batch_size)):
        docs = _parse_chunk(chunk, resources, batch_size)
        for article, doc in zip(chunk, docs, strict=True):
            yield build_record(article, doc, resources)


def extract_each(
    articles: Iterable[Article], resources: Resources, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[DocumentRecord | Quarantined]:
    """Like `extract_many`, but an article that makes any stage fail is quarantined with
    the stage, the error's class and a one-line reason, and the others go on."""
    stream = iter(articles)
    while chunk := list(islice(stream, batch_size)):
        try:
            docs: list[Doc | None] | None = _parse_chunk(chunk, resources, batch_size)
        except Exception:
            # One text broke the batch's parse: parse them one by one to find which.
            docs = None
        for index, article in enumerate(chunk):
            try:
                doc = docs[index] if docs is not None else _parse(article, resources)
                yield build_record(article, doc, resources)
            except StageError as err:
                yield quarantine_article(article, str(err))


def quarantine_article(article: Article, reason: str) -> Quarantined:
    """The quarantine row of an article that could not be extracted: where it came from,
    its id, why."""
    origin = article.url or article.source or "article"
    return Quarantined(origin, f"article {article.id}", reason, excerpt(article.text))


def build_record(article: Article, doc: Doc | None, resources: Resources) -> DocumentRecord:
    """Run every stage over an article and its parsed Doc; a stage that fails raises
    StageError naming it. An article in a language harmattan does not code (parsed by
    no pipeline: `doc` None) gets a record with no extractions."""
    stages = resources.stages(article.language)
    if stages is None or doc is None:
        if stages is not None:
            raise ValueError(f"article {article.id}: a {article.language} article needs its Doc")
        return DocumentRecord(article)
    if doc.text != article.text:
        raise ValueError(f"article {article.id}: the Doc was parsed from another text")
    actors = _staged("actors", lambda: DocumentActors.build(stages.actors, article, doc))
    timexes = _staged("time", lambda: find_timexes(article, doc, stages.tagger))
    places = _staged("places", lambda: find_places(article, doc, resources.gazetteer))
    return DocumentRecord(
        article=article,
        sentences=_staged("sentences", lambda: find_sentences(actors.sentences)),
        entities=_staged("entities", lambda: find_entities(doc, actors)),
        timexes=timexes,
        places=places,
        events=_staged("events", lambda: stages.coder.code(article, doc, actors, timexes, places)),
    )


_T = TypeVar("_T")


def _staged(stage: str, run: Callable[[], _T]) -> _T:
    try:
        return run()
    except Exception as err:
        # One article's failure must not end the batch: name the stage, quarantine it.
        raise StageError(stage, err) from err


def _parse(article: Article, resources: Resources) -> Doc | None:
    stages = resources.stages(article.language)
    if stages is None:
        return None
    return _staged("parse", lambda: next(parse_texts(stages.nlp, [article.text])))


def _parse_chunk(
    chunk: Sequence[Article], resources: Resources, batch_size: int
) -> list[Doc | None]:
    """The Docs of a chunk of articles in input order, each language's articles parsed
    together by its pipeline (None for a language harmattan does not code)."""
    docs: list[Doc | None] = [None] * len(chunk)
    by_language: dict[str, list[int]] = {}
    for index, article in enumerate(chunk):
        by_language.setdefault(article.language, []).append(index)
    for language, indexes in by_language.items():
        stages = resources.stages(language)
        if stages is None:
            continue
        parsed = parse_texts(stages.nlp, [chunk[i].text for i in indexes], batch_size)
        for index, doc in zip(indexes, parsed, strict=True):
            docs[index] = doc
    return docs


def find_sentences(sentences: Sequence[Span]) -> tuple[Sentence, ...]:
    """Sentence boundaries from the dependency parse, without trailing whitespace."""
    return tuple(Sentence(s.start_char, s.start_char + len(s.text.rstrip())) for s in sentences)


def find_entities(doc: Doc, actors: DocumentActors) -> tuple[Entity, ...]:
    """Named entities (dictionary names first, then spaCy's NER), with their actors."""
    return tuple(
        Entity(e.text, e.start_char, e.end_char, e.label_, actors.entity_actor(e)) for e in doc.ents
    )
