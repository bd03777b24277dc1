"""How much selective parsing could save: the trigger gate's pass rate and the parse's cost.

Not a test. Run: `.venv/bin/python bench/bench_gate.py [--corpus PATH] [--copies N]`.

Selective parsing would run the tagger and dependency parser (and the shared tok2vec
they listen to) only on sentences with a word from the trigger lexicon; NER and
sentence splitting would still run everywhere. This script measures, on the same
texts, what that could save at best:

- the share of sentences and tokens a trigger-word gate passes (the parse it keeps),
- the share of tokens in sentences that hold a coded event (no gate can keep less),
- each spaCy component's share of the pipeline's time.

The saving bound is the parse's share of the whole record's time multiplied by the
share of tokens the gate skips.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from harmattan.cli import sample_corpus
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources, build_record
from harmattan.records import Article

# What only the coder needs: NER and the rulers do not listen to these.
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


@dataclass(frozen=True, slots=True)
class GateShares:
    """Sentences and tokens by what the gate and the coder make of them."""

    sentences: int
    tokens: int
    gate_sentences: int
    gate_tokens: int
    event_tokens: int


def gate_shares(
    articles: Sequence[Article], docs: Sequence[Doc], resources: Resources
) -> GateShares:
    """Count what a trigger-word gate passes and where the coder finds events."""
    lexicon = resources.coder.lexicon
    sentences = tokens = gate_sentences = gate_tokens = event_tokens = 0
    for article, doc in zip(articles, docs, strict=True):
        record = build_record(article, doc, resources)
        with_events = {event.sentence.start for event in record.events}
        for sentence in doc.sents:
            sentences += 1
            tokens += len(sentence)
            if any(lexicon.may_trigger(t.lemma_.lower(), t.lower_) for t in sentence):
                gate_sentences += 1
                gate_tokens += len(sentence)
            if sentence.start_char in with_events:
                event_tokens += len(sentence)
    return GateShares(sentences, tokens, gate_sentences, gate_tokens, event_tokens)


def component_seconds(texts: Sequence[str], resources: Resources) -> dict[str, float]:
    """Seconds each enabled component takes over the texts, in pipeline order."""
    nlp = resources.nlp
    docs = [nlp.make_doc(text) for text in texts]
    seconds: dict[str, float] = {}
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        # spaCy types a component as Callable[[Doc], Doc]; every one in this pipeline has pipe().
        docs = list(component.pipe(docs, batch_size=64))  # type: ignore[attr-defined]
        seconds[name] = time.perf_counter() - start
    return seconds


def record_seconds(articles: Sequence[Article], docs: Sequence[Doc], resources: Resources) -> float:
    """Seconds harmattan's own stages take over parsed documents."""
    start = time.perf_counter()
    for article, doc in zip(articles, docs, strict=True):
        build_record(article, doc, resources)
    return time.perf_counter() - start


def main() -> None:
    """Print the gate's shares, each component's share and the saving bound."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="default: the sample corpus")
    parser.add_argument("--copies", type=int, default=3, help="repeat the corpus for timing")
    args = parser.parse_args()
    source = sample_corpus() if args.corpus is None else args.corpus
    items = list(read_sources([str(source)], ReadOptions()))
    articles = [item for item in items if isinstance(item, Article)]
    if args.copies < 1:
        parser.error(f"--copies must be at least 1, got {args.copies}")
    if not articles:
        parser.error(f"no article could be read from {source} ({len(items)} input(s) skipped)")
    resources = Resources.load()
    docs = list(resources.nlp.pipe([a.text for a in articles]))
    shares = gate_shares(articles, docs, resources)

    texts = [a.text for a in articles] * args.copies
    list(resources.nlp.pipe(texts[:20]))  # warm up caches before timing
    seconds = component_seconds(texts, resources)
    stages = record_seconds(articles * args.copies, docs * args.copies, resources)
    whole = sum(seconds.values()) + stages
    parse = sum(seconds.get(name, 0.0) for name in PARSE_COMPONENTS)

    print(f"{len(articles)} articles ({source}), {shares.sentences} sentences")
    passed = shares.gate_sentences / shares.sentences
    print(
        f"gate (a trigger word in the sentence) passes {passed:.0%} of sentences, "
        f"{shares.gate_tokens / shares.tokens:.0%} of tokens"
    )
    print(f"sentences holding a coded event: {shares.event_tokens / shares.tokens:.0%} of tokens")
    print(f"\ntime per article over {len(texts)} articles (spaCy components, then harmattan)")
    for name, value in [*seconds.items(), ("harmattan stages", stages)]:
        print(f"  {name:<18} {value / len(texts) * 1000:7.2f} ms  {value / whole:6.1%}")
    skipped = 1 - shares.gate_tokens / shares.tokens
    best = 1 - shares.event_tokens / shares.tokens
    print(
        f"\nparse components: {parse / whole:.1%} of the whole; a trigger gate could save at most "
        f"{parse / whole * skipped:.1%}, a perfect gate {parse / whole * best:.1%}"
    )


if __name__ == "__main__":
    main()
