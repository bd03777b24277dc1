"""The pipeline: one pure function from an Article to a DocumentRecord, real spaCy."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from harmattan.cli import sample_corpus
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources, build_record, extract, extract_many
from harmattan.records import Article, DocumentRecord
from tests.factories import article


def _seed_record(seed_path: Path, resources: Resources) -> DocumentRecord:
    (item,) = read_sources([str(seed_path)], ReadOptions())
    assert isinstance(item, Article)
    return extract(item, resources)


def test_extract_seed_reads_the_article_and_its_date(seed_path: Path, resources: Resources) -> None:
    record = _seed_record(seed_path, resources)
    assert record.article.published == dt.date(2023, 11, 7)
    assert record.article.text.startswith("Niger’s military junta")
    assert record.article.text.endswith("the country and its people.")


def test_extract_seed_entities_carry_offsets_into_the_text(
    seed_path: Path, resources: Resources
) -> None:
    record = _seed_record(seed_path, resources)
    text = record.article.text
    assert len(record.entities) >= 10
    for entity in record.entities:
        assert text[entity.start : entity.end] == entity.text
    names = {e.text for e in record.entities}
    assert {"Mohamed Bazoum", "Russia", "France"} <= names


def test_extract_seed_sentences_tile_the_text_in_order(
    seed_path: Path, resources: Resources
) -> None:
    record = _seed_record(seed_path, resources)
    starts = [s.start for s in record.sentences]
    assert starts == sorted(starts)
    assert len(record.sentences) == 19
    texts = [record.article.text[s.start : s.end] for s in record.sentences]
    assert texts[0].endswith("described as a hostage.")
    assert texts[8] == "For Niger, the stakes are high."
    assert all(t == t.strip() for t in texts)


def test_extract_record_is_valid_json_contract(seed_path: Path, resources: Resources) -> None:
    data = _seed_record(seed_path, resources).to_dict()
    assert data["schema"] == "harmattan.document/1"
    assert data["article"]["published"] == "2023-11-07"
    assert isinstance(data["events"], list)
    assert isinstance(data["timexes"], list)
    assert isinstance(data["places"], list)


def test_extract_is_deterministic(seed_path: Path, resources: Resources) -> None:
    assert _seed_record(seed_path, resources) == _seed_record(seed_path, resources)


def test_extract_many_keeps_input_order_and_matches_extract(resources: Resources) -> None:
    articles = [
        article(f"Report {n}: Mali and Niger signed a pact in Bamako on Saturday.")
        for n in range(7)
    ]
    many = list(extract_many(articles, resources, batch_size=3))
    assert [r.article.id for r in many] == [a.id for a in articles]
    assert many == [extract(a, resources) for a in articles]


def test_build_record_refuses_a_doc_of_another_text(resources: Resources) -> None:
    one = article("Niger closed its airspace.")
    other = resources.nlp("Mali closed its borders.")
    with pytest.raises(ValueError, match="another text"):
        build_record(one, other, resources)


@pytest.fixture(scope="module")
def sample_records(resources: Resources) -> list[DocumentRecord]:
    """The bundled sample corpus, extracted."""
    articles = [i for i in read_sources([str(sample_corpus())], ReadOptions())]
    return list(extract_many([a for a in articles if isinstance(a, Article)], resources))


def test_every_span_of_the_sample_corpus_slices_its_article(
    sample_records: list[DocumentRecord],
) -> None:
    records = sample_records
    assert sum(len(r.events) for r in records) > 100
    for record in records:
        text = record.article.text
        spans = [(e.text, e.start, e.end) for e in record.entities]
        spans += [(p.text, p.start, p.end) for p in record.places]
        for event in record.events:
            spans.append((event.trigger.text, event.trigger.start, event.trigger.end))
            spans += [(p.text, p.start, p.end) for p in (*event.actors, *event.recipients)]
            if event.attribution is not None:
                attribution = event.attribution
                spans.append((attribution.text, attribution.start, attribution.end))
            sentence = text[event.sentence.start : event.sentence.end]
            assert event.trigger.text in sentence
        for span_text, start, end in spans:
            assert text[start:end] == span_text, (record.article.id, span_text)


def test_every_sample_event_has_a_place_or_says_its_location_is_unknown(
    sample_records: list[DocumentRecord],
) -> None:
    sources: Counter[str] = Counter()
    for record in sample_records:
        for event, data in zip(record.events, record.to_dict()["events"], strict=True):
            location = data["location"]
            sources[location["source"]] += 1
            if location["source"] == "none":
                assert location["precision"] == "unknown"
                assert (location["name"], location["lat"], location["lon"]) == (None, None, None)
            else:
                place = event.location.place
                assert place is not None
                assert place in record.places
                assert location["precision"] == place.precision.value != "unknown"
                assert None not in (location["name"], location["lat"], location["lon"])
    # Most events are placed by the text or a country it names; some stay unknown.
    assert sources["text"] > 0
    assert sources["recipient"] + sources["focus"] > 0
    assert sources["none"] > 0


# Runs the CLI and writes its own peak resident memory (VmHWM, in kB) at exit. Neither
# wait4's nor getrusage's ru_maxrss will do: a child started from this test process
# inherits, at exec, the peak of the process it was forked from, and this one holds
# the English and French pipelines.
_PEAK_REPORTING_CLI = """
import atexit, re, sys
from harmattan.cli import main

def report(path=sys.argv[1]):
    status = open("/proc/self/status", encoding="utf-8").read()
    open(path, "w", encoding="utf-8").write(re.search(r"VmHWM:\\s+(\\d+)", status).group(1))

atexit.register(report)
sys.argv = ["harmattan", *sys.argv[2:]]
main()
"""


def test_an_article_of_990_kb_is_extracted_within_bounded_memory_and_time(
    tmp_path: Path,
) -> None:
    # One 990 KB article (just under the default 1 MB cap) once took 3 GB and two
    # minutes: spaCy parsed it whole and every event looked at every time expression.
    texts = [
        a.text
        for a in read_sources([str(sample_corpus())], ReadOptions())
        if isinstance(a, Article)
    ]
    body, index = "", 0
    while len(body.encode()) < 990_000 - 2000:
        body += f"{texts[index % len(texts)]}\n\n"
        index += 1
    path = tmp_path / "long.jsonl"
    body = body.rstrip()
    line = {"id": "long", "published": "2023-11-07", "text": body, "source": "probe"}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    out_path, err_path = tmp_path / "out.jsonl", tmp_path / "err.txt"
    peak_path = tmp_path / "peak.txt"
    started = time.monotonic()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        worker = subprocess.run(
            [sys.executable, "-c", _PEAK_REPORTING_CLI, str(peak_path), "extract", str(path)],
            stdout=out,
            stderr=err,
            check=False,
        )
    elapsed = time.monotonic() - started
    assert worker.returncode == 0, err_path.read_text()
    (record,) = [json.loads(x) for x in out_path.read_text().splitlines()]
    assert record["article"]["text"] == body
    assert len(record["events"]) > 2000
    last = record["events"][-1]["trigger"]
    assert body[last["start"] : last["end"]] == last["text"]
    assert last["start"] > 980_000 - 5000
    # Kilobytes: about 0.72 GB here, with the language detector's model (0.1 GB).
    assert int(peak_path.read_text()) <= 1_200_000
    assert elapsed < 120  # 25 s here; a parse of the whole text took 130 s
