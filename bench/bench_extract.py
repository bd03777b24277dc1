"""Benchmark `harmattan extract` against raw spaCy `nlp.pipe` over the same texts.

    .venv/bin/python bench/bench_extract.py [--articles N] [--repeat K] [--json FILE]

The sample corpus is repeated to at least N articles and written to a temporary
JSON Lines file. Each measurement then runs in its own fresh subprocess, so that
each peak RSS belongs to one measurement only, and with one BLAS thread, so that
each row is one process on one core. The last row runs two `harmattan extract`
processes at once, each on half of the corpus: the 1-vs-2-process scaling and the
memory per worker. See bench/README.md for how to read the figures.

harmattan and spaCy are imported inside functions, never at the top: the
raw-spaCy child runs this same file and must not pay for loading harmattan.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from importlib import metadata
from pathlib import Path
from typing import IO, Any

SCHEMA = "harmattan.bench.extract/1"
DEFAULT_ARTICLES = 1000
DEFAULT_REPEAT = 1
WORKER_COMMAND = "_worker"
STDERR_TAIL_CHARS = 2000
MIB = 1024 * 1024
# Every measuring child gets one BLAS thread, so each row is one process on one core
# whatever BLAS either side uses; more cores are the 1-vs-2-process rows' business.
ONE_THREAD = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
# getrusage's ru_maxrss is in kibibytes on Linux but in bytes on macOS.
RSS_UNIT_BYTES = 1 if sys.platform == "darwin" else 1024


class BenchError(Exception):
    """The benchmark cannot run or a measured command failed; the message says why."""


class Worker(StrEnum):
    """What a measuring child process runs."""

    RAW = "raw"
    LIBRARY = "library"


@dataclass(frozen=True, slots=True)
class Corpus:
    """The repeated corpus every measurement reads."""

    path: Path
    halves: tuple[Path, Path]
    source: str
    distinct: int
    skipped: int
    copies: int
    articles: int
    words: int

    def to_dict(self) -> dict[str, Any]:
        """The corpus as JSON (without the temporary path, which is gone after the run)."""
        return {
            "source": self.source,
            "distinct_articles": self.distinct,
            "skipped_inputs": self.skipped,
            "copies": self.copies,
            "articles": self.articles,
            "words": self.words,
        }


@dataclass(frozen=True, slots=True)
class ChildRun:
    """What the parent sees of one child process: its wall time and its own peak RSS."""

    wall_s: float
    peak_rss_mib: float


@dataclass(frozen=True, slots=True)
class WorkerTimes:
    """What a measuring child reports about itself."""

    load_s: float
    process_s: float
    documents: int
    components: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON, written by the child for the parent."""
        return {
            "load_s": self.load_s,
            "process_s": self.process_s,
            "documents": self.documents,
            "components": list(self.components),
        }

    @classmethod
    def from_file(cls, path: Path) -> WorkerTimes:
        """Read a child's report, or say that the child wrote none."""
        try:
            row = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                load_s=float(row["load_s"]),
                process_s=float(row["process_s"]),
                documents=int(row["documents"]),
                components=tuple(str(c) for c in row["components"]),
            )
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise BenchError(f"the measuring child left no usable report in {path}: {err}") from err


@dataclass(frozen=True, slots=True)
class Measurement:
    """One timed row of the table."""

    name: str
    timed: str
    seconds: float
    articles: int
    words: int
    peak_rss_mib: float

    @property
    def articles_per_s(self) -> float:
        """Articles processed per second."""
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        """Whitespace-separated words processed per second."""
        return self.words / self.seconds

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON."""
        return {
            "name": self.name,
            "timed": self.timed,
            "seconds": round(self.seconds, 4),
            "articles": self.articles,
            "words": self.words,
            "articles_per_s": round(self.articles_per_s, 2),
            "words_per_s": round(self.words_per_s, 1),
            "peak_rss_mib": round(self.peak_rss_mib, 1),
        }


@dataclass(frozen=True, slots=True)
class Results:
    """The four measurements of one trial (or the best of several) and the load times."""

    raw_pipe: Measurement
    library: Measurement
    raw_process: Measurement
    cli: Measurement
    two_processes: Measurement
    raw_load_s: float
    library_load_s: float
    raw_components: tuple[str, ...]
    harmattan_components: tuple[str, ...]

    @property
    def rows(self) -> tuple[Measurement, ...]:
        """The measurements in table order."""
        return (self.raw_pipe, self.library, self.raw_process, self.cli, self.two_processes)

    @property
    def library_vs_raw(self) -> float:
        """harmattan library articles/s ÷ raw nlp.pipe articles/s, model load excluded."""
        return self.library.articles_per_s / self.raw_pipe.articles_per_s

    @property
    def cli_vs_raw(self) -> float:
        """harmattan CLI articles/s ÷ raw spaCy process articles/s, whole process each."""
        return self.cli.articles_per_s / self.raw_process.articles_per_s

    @property
    def two_vs_one_process(self) -> float:
        """Articles/s of two CLI processes (half the corpus each) ÷ articles/s of one."""
        return self.two_processes.articles_per_s / self.cli.articles_per_s

    @property
    def cli_rss_vs_raw(self) -> float:
        """Peak RSS of the harmattan CLI ÷ peak RSS of the raw spaCy process."""
        return self.cli.peak_rss_mib / self.raw_process.peak_rss_mib


@dataclass(frozen=True, slots=True)
class Machine:
    """Where the figures were measured."""

    cpu: str
    cores: int
    usable_cores: int
    platform: str
    python: str
    spacy: str
    model: str
    harmattan: str

    def describe(self) -> str:
        """One line for the printed report."""
        return (
            f"{self.cpu}, {self.cores} cores ({self.usable_cores} usable); {self.platform}; "
            f"Python {self.python}; spaCy {self.spacy}; model {self.model}; "
            f"harmattan {self.harmattan}"
        )


@dataclass(frozen=True, slots=True)
class Settings:
    """What the user asked for, and the spaCy settings both sides share."""

    articles: int
    repeat: int
    corpus: Path | None
    json_path: Path | None
    model: str
    batch_size: int
    language: str = "en"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark (or, when called as a child, one measurement)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == [WORKER_COMMAND]:
            worker_main(args[1:])
        else:
            bench_main(args)
    except BenchError as err:
        print(f"bench_extract: error: {err}", file=sys.stderr)
        return 1
    return 0


def bench_main(argv: Sequence[str]) -> None:
    """Parse the options, run every trial and print (and optionally save) the figures."""
    settings = parse_settings(argv)
    machine = describe_machine(settings.model)
    with tempfile.TemporaryDirectory(prefix="harmattan-bench-") as tmp:
        workdir = Path(tmp)
        corpus = build_corpus(settings.corpus, settings.articles, workdir / "corpus.jsonl")
        print_header(machine, corpus, settings)
        warm_up(settings.model)
        trials = []
        for number in range(1, settings.repeat + 1):
            print(f"trial {number}/{settings.repeat} ...", file=sys.stderr, flush=True)
            trials.append(run_trial(corpus, settings, workdir))
    best = best_of(trials)
    print(format_results(best, settings.repeat))
    if settings.json_path is not None:
        write_json(settings.json_path, machine, corpus, settings, best)
        print(f"\nwrote {settings.json_path}")


def parse_settings(argv: Sequence[str]) -> Settings:
    """The benchmark's options, with harmattan's model and batch size for both sides."""
    from harmattan.nlp import DEFAULT_BATCH_SIZE, LANGUAGES, MODEL_PACKAGES

    parser = argparse.ArgumentParser(
        prog="bench_extract.py",
        description=(
            "Articles/s, words/s and peak memory of `harmattan extract` against raw spaCy "
            "`nlp.pipe` with the full pipeline, over the same texts, in one run."
        ),
    )
    parser.add_argument(
        "--articles",
        type=positive_int,
        default=DEFAULT_ARTICLES,
        metavar="N",
        help=f"repeat the corpus until it has at least N articles (default {DEFAULT_ARTICLES})",
    )
    parser.add_argument(
        "--repeat",
        type=positive_int,
        default=DEFAULT_REPEAT,
        metavar="K",
        help="run every measurement K times and report the best (default 1)",
    )
    parser.add_argument(
        "--json", type=Path, default=None, metavar="FILE", help="also write the figures as JSON"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        metavar="PATH",
        help="a file or directory harmattan can read (default: the bundled sample corpus)",
    )
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        default="en",
        help="the corpus's language: raw spaCy runs its model (default en)",
    )
    args = parser.parse_args(argv)
    return Settings(
        articles=args.articles,
        repeat=args.repeat,
        corpus=args.corpus,
        json_path=args.json,
        model=MODEL_PACKAGES[args.language],
        batch_size=DEFAULT_BATCH_SIZE,
        language=args.language,
    )


def positive_int(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from err
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def describe_machine(model: str) -> Machine:
    """The CPU, core counts and the versions that shape the figures."""
    return Machine(
        cpu=cpu_model(),
        cores=os.cpu_count() or 0,
        usable_cores=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0,
        platform=platform.platform(terse=True),
        python=platform.python_version(),
        spacy=package_version("spacy"),
        model=f"{model} {package_version(model)}",
        harmattan=package_version("harmattan"),
    )


def cpu_model() -> str:
    """The CPU's model name, from /proc/cpuinfo where there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass  # Not Linux: platform.processor() is the best there is.
    return platform.processor() or "unknown CPU"


def package_version(name: str) -> str:
    """An installed distribution's version, or say it is missing."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError as err:
        raise BenchError(
            f"the package {name!r} is not installed in {sys.prefix}; "
            "run `make demo` (or `pip install -r requirements/lock.txt`) first"
        ) from err


def build_corpus(source: Path | None, minimum: int, path: Path) -> Corpus:
    """Read the corpus with harmattan's readers and write whole copies of it to `path`."""
    from harmattan.cli import sample_corpus
    from harmattan.ingest import ReadOptions, read_sources
    from harmattan.records import Article

    root = sample_corpus() if source is None else source
    items = list(read_sources([str(root)], ReadOptions()))
    articles = [item for item in items if isinstance(item, Article)]
    if not articles:
        raise BenchError(
            f"no article could be read from {root} ({len(items)} input(s) skipped); "
            "give a corpus harmattan can read with --corpus PATH"
        )
    copies = math.ceil(minimum / len(articles))
    lines = [json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in articles] * copies
    halves = (
        path.with_name(f"{path.stem}-1{path.suffix}"),
        path.with_name(f"{path.stem}-2{path.suffix}"),
    )
    path.write_text("".join(lines), encoding="utf-8")
    middle = len(lines) // 2
    halves[0].write_text("".join(lines[:middle]), encoding="utf-8")
    halves[1].write_text("".join(lines[middle:]), encoding="utf-8")
    return Corpus(
        path=path,
        halves=halves,
        source=str(root),
        distinct=len(articles),
        skipped=len(items) - len(articles),
        copies=copies,
        articles=copies * len(articles),
        words=copies * sum(len(article.text.split()) for article in articles),
    )


def warm_up(model: str) -> None:
    """Load the model once, untimed, so the first timed child does not pay for a cold disk cache."""
    run_child([sys.executable, "-c", f"import spacy; spacy.load({model!r})"], "warm-up")


def run_trial(corpus: Corpus, settings: Settings, workdir: Path) -> Results:
    """Run the three measuring children once each and turn them into table rows."""
    raw_run, raw = run_worker(Worker.RAW, corpus, settings, workdir)
    library_run, library = run_worker(Worker.LIBRARY, corpus, settings, workdir)
    cli_command = [str(harmattan_command()), "extract", str(corpus.path)]
    cli_run = run_child(cli_command, "harmattan extract")
    pair = run_children(
        [[str(harmattan_command()), "extract", str(half)] for half in corpus.halves],
        "harmattan extract (two processes)",
    )

    def row(name: str, timed: str, seconds: float, child: ChildRun) -> Measurement:
        return Measurement(name, timed, seconds, corpus.articles, corpus.words, child.peak_rss_mib)

    return Results(
        raw_pipe=row("raw spaCy nlp.pipe", "processing only", raw.process_s, raw_run),
        library=row("harmattan extract_many", "processing + JSON", library.process_s, library_run),
        raw_process=row("raw spaCy process", "whole process", raw_run.wall_s, raw_run),
        cli=row("harmattan extract CLI", "whole process", cli_run.wall_s, cli_run),
        two_processes=row("  same, 2 processes", "both, half each", pair.wall_s, pair),
        raw_load_s=raw.load_s,
        library_load_s=library.load_s,
        raw_components=raw.components,
        harmattan_components=library.components,
    )


def harmattan_command() -> Path:
    """The installed `harmattan` console script beside this interpreter."""
    command = Path(sys.executable).parent / "harmattan"
    if not command.exists():
        raise BenchError(
            f"no `harmattan` command at {command}; run this script with the project's "
            "interpreter (.venv/bin/python) after `make demo` or `pip install -e .`"
        )
    return command


def run_worker(
    worker: Worker, corpus: Corpus, settings: Settings, workdir: Path
) -> tuple[ChildRun, WorkerTimes]:
    """Run one measuring child of this script and read the report it writes."""
    report = workdir / f"{worker.value}.json"
    report.unlink(missing_ok=True)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        WORKER_COMMAND,
        worker.value,
        str(corpus.path),
        str(report),
        "--model",
        settings.model,
        "--batch-size",
        str(settings.batch_size),
        "--language",
        settings.language,
    ]
    child = run_child(command, f"{worker.value} worker")
    times = WorkerTimes.from_file(report)
    if times.documents != corpus.articles:
        raise BenchError(
            f"the {worker.value} worker processed {times.documents} documents, "
            f"expected {corpus.articles}"
        )
    return child, times


def run_child(command: Sequence[str], what: str) -> ChildRun:
    """Run a command with stdout discarded; return its wall time and its own peak RSS."""
    return run_children([command], what)


def run_children(commands: Sequence[Sequence[str]], what: str) -> ChildRun:
    """Run commands at once, stdout discarded; the wall time until the last ends and the
    largest peak RSS of any one of them (memory per worker).

    os.wait4 gives the rusage of one child, where RUSAGE_CHILDREN would give the
    largest of every child so far.
    """
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        processes = []
        for command in commands:
            try:
                processes.append(
                    subprocess.Popen(
                        command,
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=stderr,
                        env={**os.environ, **ONE_THREAD},
                    )
                )
            except OSError as err:
                raise BenchError(f"cannot start {what} ({command[0]}): {err}") from err
        peaks = []
        for process in processes:
            _, status, usage = os.wait4(process.pid, 0)
            # Tell Popen the child is reaped, so it does not try to wait for it again.
            process.returncode = os.waitstatus_to_exitcode(status)
            peaks.append(usage.ru_maxrss * RSS_UNIT_BYTES / MIB)
        wall_s = time.perf_counter() - start
        # Every child is reaped before any failure is reported.
        for process, command in zip(processes, commands, strict=True):
            if process.returncode != 0:
                raise BenchError(
                    f"{what} exited with status {process.returncode}: {' '.join(command)}\n"
                    + tail(stderr)
                )
    return ChildRun(wall_s=wall_s, peak_rss_mib=max(peaks))


def tail(stream: IO[bytes]) -> str:
    """The end of a child's stderr, for the error message."""
    stream.seek(0)
    text = stream.read().decode("utf-8", errors="replace")
    return text[-STDERR_TAIL_CHARS:].strip() or "(nothing on stderr)"


def best_of(trials: Sequence[Results]) -> Results:
    """Per measurement, the fastest time over the trials and the largest peak RSS."""
    return Results(
        raw_pipe=fastest([trial.raw_pipe for trial in trials]),
        library=fastest([trial.library for trial in trials]),
        raw_process=fastest([trial.raw_process for trial in trials]),
        cli=fastest([trial.cli for trial in trials]),
        two_processes=fastest([trial.two_processes for trial in trials]),
        raw_load_s=min(trial.raw_load_s for trial in trials),
        library_load_s=min(trial.library_load_s for trial in trials),
        raw_components=trials[0].raw_components,
        harmattan_components=trials[0].harmattan_components,
    )


def fastest(rows: Sequence[Measurement]) -> Measurement:
    """The fastest of one measurement's trials, carrying the largest peak RSS of them all."""
    best = min(rows, key=lambda row: row.seconds)
    return replace(best, peak_rss_mib=max(row.peak_rss_mib for row in rows))


def print_header(machine: Machine, corpus: Corpus, settings: Settings) -> None:
    """What is about to be measured, and where."""
    skipped = f", {corpus.skipped} unreadable input(s) skipped" if corpus.skipped else ""
    print("harmattan extract vs raw spaCy nlp.pipe")
    print(f"machine: {machine.describe()}")
    print(
        f"corpus:  {corpus.articles:,} articles, {corpus.words:,} words "
        f"({corpus.copies} copies of the {corpus.distinct} articles in {corpus.source}{skipped})"
    )
    print(f"spaCy batch size {settings.batch_size}; best of {settings.repeat} trial(s)\n")


def format_results(results: Results, repeat: int) -> str:
    """The table, the load times and the ratios, as printed."""
    header = (
        f"{'measurement':<24} {'timed':<18} {'seconds':>8} {'articles/s':>11} "
        f"{'words/s':>10} {'peak RSS MiB':>13}"
    )
    lines = [
        f"raw spaCy components:  {', '.join(results.raw_components)}",
        f"harmattan components:  {', '.join(results.harmattan_components)}",
        "",
        header,
        "-" * len(header),
    ]
    lines += [
        f"{row.name:<24} {row.timed:<18} {row.seconds:>8.2f} {row.articles_per_s:>11.1f} "
        f"{row.words_per_s:>10,.0f} {row.peak_rss_mib:>13.1f}"
        for row in results.rows
    ]
    lines += [
        "",
        f"model load, not in the processing rows: raw spacy.load {results.raw_load_s:.2f} s, "
        f"harmattan Resources.load {results.library_load_s:.2f} s"
        + (f" (best of {repeat})" if repeat > 1 else ""),
        "",
        "ratio = harmattan articles/s ÷ raw spaCy articles/s (≥ 1.00: harmattan is faster)",
        f"  library vs raw nlp.pipe, model load excluded:  {results.library_vs_raw:.2f}",
        f"  CLI vs raw process, whole process incl. load:  {results.cli_vs_raw:.2f}",
        f"peak RSS, CLI ÷ raw spaCy process:               {results.cli_rss_vs_raw:.2f} "
        "(< 1.00: harmattan uses less memory)",
        f"2 processes ÷ 1 process, harmattan extract CLI:  {results.two_vs_one_process:.2f} "
        f"({results.two_processes.peak_rss_mib:.0f} MiB peak RSS per process)",
    ]
    return "\n".join(lines)


def write_json(
    path: Path, machine: Machine, corpus: Corpus, settings: Settings, results: Results
) -> None:
    """Write the figures as one JSON object."""
    document = {
        "schema": SCHEMA,
        "machine": {
            "cpu": machine.cpu,
            "cores": machine.cores,
            "usable_cores": machine.usable_cores,
            "platform": machine.platform,
            "python": machine.python,
            "spacy": machine.spacy,
            "model": machine.model,
            "harmattan": machine.harmattan,
        },
        "corpus": corpus.to_dict(),
        "settings": {"repeat": settings.repeat, "batch_size": settings.batch_size},
        "components": {
            "raw_spacy": list(results.raw_components),
            "harmattan": list(results.harmattan_components),
        },
        "load_s": {
            "raw_spacy": round(results.raw_load_s, 4),
            "harmattan": round(results.library_load_s, 4),
        },
        "measurements": {
            "raw_pipe": results.raw_pipe.to_dict(),
            "library": results.library.to_dict(),
            "raw_process": results.raw_process.to_dict(),
            "cli": results.cli.to_dict(),
            "two_processes": results.two_processes.to_dict(),
        },
        "ratios": {
            "library_vs_raw": round(results.library_vs_raw, 3),
            "cli_vs_raw": round(results.cli_vs_raw, 3),
            "cli_rss_vs_raw": round(results.cli_rss_vs_raw, 3),
            "two_vs_one_process": round(results.two_vs_one_process, 3),
        },
    }
    try:
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    except OSError as err:
        raise BenchError(f"cannot write {path}: {err.strerror}") from err


def worker_main(argv: Sequence[str]) -> None:
    """Child side: run one measurement over the corpus and write its report."""
    parser = argparse.ArgumentParser(prog=f"bench_extract.py {WORKER_COMMAND}")
    parser.add_argument("worker", type=Worker, choices=list(Worker))
    parser.add_argument("corpus", type=Path)
    parser.add_argument("report", type=Path)
    parser.add_argument("--model", required=True)
    parser.add_argument("--batch-size", type=positive_int, required=True)
    parser.add_argument("--language", required=True)
    args = parser.parse_args(argv)
    if args.worker is Worker.RAW:
        times = time_raw_spacy(args.corpus, args.model, args.batch_size)
    else:
        times = time_harmattan_library(args.corpus, args.batch_size, args.language)
    args.report.write_text(json.dumps(times.to_dict()), encoding="utf-8")


def time_raw_spacy(corpus: Path, model: str, batch_size: int) -> WorkerTimes:
    """Raw spaCy: load the model's default pipeline, then `nlp.pipe` over every text."""
    import spacy

    lines = corpus.read_text(encoding="utf-8").splitlines()
    texts = [str(json.loads(line)["text"]) for line in lines if line.strip()]
    start = time.perf_counter()
    nlp = spacy.load(model)
    load_s = time.perf_counter() - start
    documents = 0
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        documents += 1
    process_s = time.perf_counter() - start
    return WorkerTimes(load_s, process_s, documents, tuple(nlp.pipe_names))


def time_harmattan_library(corpus: Path, batch_size: int, language: str) -> WorkerTimes:
    """harmattan's library: `extract_many` plus the JSON the CLI prints, reading untimed;
    the corpus language's stages are built with the load, as English ones always are."""
    from harmattan.ingest import ReadOptions, read_sources
    from harmattan.pipeline import Resources, extract_many
    from harmattan.records import Article

    items = list(read_sources([str(corpus)], ReadOptions()))
    articles = [item for item in items if isinstance(item, Article)]
    if len(articles) != len(items):
        raise BenchError(f"{len(items) - len(articles)} line(s) of {corpus} could not be read")
    start = time.perf_counter()
    resources = Resources.load()
    stages = resources.stages(language)
    load_s = time.perf_counter() - start
    if stages is None:
        raise BenchError(f"harmattan has no pipeline for {language!r}")
    documents = 0
    start = time.perf_counter()
    for record in extract_many(articles, resources, batch_size=batch_size):
        json.dumps(record.to_dict(), ensure_ascii=False)
        documents += 1
    process_s = time.perf_counter() - start
    return WorkerTimes(load_s, process_s, documents, tuple(stages.nlp.pipe_names))


if __name__ == "__main__":
    sys.exit(main())
