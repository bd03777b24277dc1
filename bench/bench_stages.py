"""How the pipeline's time splits between spaCy and harmattan's own stages.

Not a test. Run: `.venv/bin/python bench/bench_stages.py [--copies N]`. It parses the
bundled sample corpus (repeated N times) once, then times each stage over the same
parsed documents, and prints milliseconds per article and each stage's share of the
whole pipeline. The time stage's share is the figure issue 4 bounds (< 10%).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from harmattan.actors.resolve import DocumentActors
from harmattan.cli import sample_corpus
from harmattan.geo import find_places
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources, build_record
from harmattan.records import Article
from harmattan.temporal import find_timexes


@dataclass(frozen=True, slots=True)
class StageTime:
    """Seconds one stage took over the whole corpus."""

    name: str
    seconds: float


def _timed(name: str, work: Callable[[], object]) -> StageTime:
    start = time.perf_counter()
    work()
    return StageTime(name, time.perf_counter() - start)


def measure(articles: Sequence[Article], resources: Resources) -> list[StageTime]:
    """spaCy, then every harmattan stage, over the same articles."""
    texts = [a.text for a in articles]
    list(resources.nlp.pipe(texts[:20]))  # warm up caches before timing
    docs: list[Doc] = []
    parse = _timed(
        "spaCy (all components, both rulers)", lambda: docs.extend(resources.nlp.pipe(texts))
    )
    pairs = list(zip(articles, docs, strict=True))
    return [
        parse,
        _timed(
            "time expressions (temporal)",
            lambda: [find_timexes(a, d, resources.tagger) for a, d in pairs],
        ),
        _timed(
            "places (geo)",
            lambda: [find_places(a, d, resources.gazetteer) for a, d in pairs],
        ),
        _timed(
            "actor resolution (actors)",
            lambda: [DocumentActors.build(resources.actors, a, d) for a, d in pairs],
        ),
        _timed(
            "whole record (all stages)", lambda: [build_record(a, d, resources) for a, d in pairs]
        ),
    ]


def main() -> None:
    """Print the per-stage table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=6, help="repeat the sample this many times")
    args = parser.parse_args()
    sample = [
        a for a in read_sources([str(sample_corpus())], ReadOptions()) if isinstance(a, Article)
    ]
    articles = sample * args.copies
    times = measure(articles, Resources.load())
    total = times[0].seconds + times[-1].seconds
    per_article = total / len(articles) * 1000
    print(f"{len(articles)} articles; pipeline (spaCy + whole record) {per_article:.1f} ms/article")
    for stage in times:
        share = stage.seconds / total * 100
        each = stage.seconds / len(articles) * 1000
        print(f"  {stage.name:38s} {each:7.2f} ms/article  {share:5.1f}%")


if __name__ == "__main__":
    main()
