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
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span

from harmattan.actors.dictionary import ActorDictionary
from harmattan.actors.resolve import DocumentActors
from harmattan.errors import StageError
from harmattan.events.codebook import Codebook
from harmattan.events.coder import EventCoder
from harmattan.events.lexicon import Lexicon
from harmattan.geo import Gazetteer, find_places
from harmattan.ingest.base import excerpt
from harmattan.nlp import DEFAULT_BATCH_SIZE, load_pipeline, parse_texts
from harmattan.records import Article, DocumentRecord, Entity, Quarantined, Sentence
from harmattan.temporal import TimexTagger, find_timexes


@dataclass(frozen=True, slots=True)
class Resources:
    """What the stages need, built once per process and passed in."""

    nlp: Language
    actors: ActorDictionary
    coder: EventCoder
    tagger: TimexTagger
    gazetteer: Gazetteer

    @classmethod
    def load(cls) -> Resources:
        """Build every resource the pipeline needs."""
        actors = ActorDictionary.load()
        codebook = Codebook.load()
        return cls(
            nlp=load_pipeline(entity_patterns=actors.ruler_patterns()),
            actors=actors,
            coder=EventCoder(codebook, Lexicon.load(codebook)),
            tagger=TimexTagger(),
            gazetteer=Gazetteer.load(),
        )


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
        docs = parse_texts(resources.nlp, [a.text for a in chunk], batch_size)
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
            docs: list[Doc] | None = list(
                parse_texts(resources.nlp, [a.text for a in chunk], batch_size)
            )
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


def build_record(article: Article, doc: Doc, resources: Resources) -> DocumentRecord:
    """Run every stage over an article and its parsed Doc; a stage that fails raises
    StageError naming it."""
    if doc.text != article.text:
        raise ValueError(f"article {article.id}: the Doc was parsed from another text")
    actors = _staged("actors", lambda: DocumentActors.build(resources.actors, article, doc))
    timexes = _staged("time", lambda: find_timexes(article, doc, resources.tagger))
    places = _staged("places", lambda: find_places(article, doc, resources.gazetteer))
    return DocumentRecord(
        article=article,
        sentences=_staged("sentences", lambda: find_sentences(actors.sentences)),
        entities=_staged("entities", lambda: find_entities(doc, actors)),
        timexes=timexes,
        places=places,
        events=_staged(
            "events", lambda: resources.coder.code(article, doc, actors, timexes, places)
        ),
    )


_T = TypeVar("_T")


def _staged(stage: str, run: Callable[[], _T]) -> _T:
    try:
        return run()
    except Exception as err:
        # One article's failure must not end the batch: name the stage, quarantine it.
        raise StageError(stage, err) from err


def _parse(article: Article, resources: Resources) -> Doc:
    return _staged("parse", lambda: next(parse_texts(resources.nlp, [article.text])))


def find_sentences(sentences: Sequence[Span]) -> tuple[Sentence, ...]:
    """Sentence boundaries from the dependency parse, without trailing whitespace."""
    return tuple(Sentence(s.start_char, s.start_char + len(s.text.rstrip())) for s in sentences)


def find_entities(doc: Doc, actors: DocumentActors) -> tuple[Entity, ...]:
    """Named entities (dictionary names first, then spaCy's NER), with their actors."""
    return tuple(
        Entity(e.text, e.start_char, e.end_char, e.label_, actors.entity_actor(e)) for e in doc.ents
    )
