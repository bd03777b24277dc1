"""What the scorers share: the input error, P/R/F1 arithmetic and the printed tables."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from harmattan.errors import HarmattanError
from harmattan.pipeline import Resources, extract_many
from harmattan.records import Article, DocumentRecord


class EvalInputError(Exception):
    """A gold or input file is missing or not in the expected shape; the message says which."""


def ratio(numerator: int | float, denominator: int | float) -> float:
    """numerator / denominator, with an undefined ratio (nothing predicted or gold) as 0."""
    return numerator / denominator if denominator else 0.0


def f1_of(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall."""
    return ratio(2 * precision * recall, precision + recall)


@dataclass(frozen=True, slots=True)
class Measure:
    """Correct items against the system and gold totals, with P/R/F1."""

    correct: int
    system: int
    gold: int

    @property
    def precision(self) -> float:
        """correct / system items (0 when there are none)."""
        return ratio(self.correct, self.system)

    @property
    def recall(self) -> float:
        """correct / gold items (0 when there are none)."""
        return ratio(self.correct, self.gold)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return f1_of(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        """The counts and ratios as JSON."""
        return {
            "correct": self.correct,
            "system": self.system,
            "gold": self.gold,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def markdown_table(rows: Sequence[Sequence[str]], left: tuple[int, ...] = (0,)) -> list[str]:
    """A Markdown table: the first row is the header; `left` columns are text, the rest figures."""
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]

    def line(cells: Sequence[str]) -> str:
        padded = (
            c.ljust(w) if k in left else c.rjust(w)
            for k, (c, w) in enumerate(zip(cells, widths, strict=True))
        )
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            "-" * (w + 2) if k in left else "-" * (w + 1) + ":" for k, w in enumerate(widths)
        )
        + "|"
    )
    return [line(rows[0]), rule, *(line(r) for r in rows[1:])]


def add_output_arguments(parser: argparse.ArgumentParser, *, limit: str, errors: str) -> None:
    """--limit, --json and --errors, the options every scorer takes."""
    parser.add_argument("--limit", type=int, default=None, help=limit)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument("--errors", type=Path, default=None, help=errors)


def parse_scorer_args(
    parser: argparse.ArgumentParser, argv: Sequence[str] | None
) -> argparse.Namespace:
    """Parse the arguments, refusing a --limit under 1."""
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    return args


def write_outputs(
    summary: Path | None,
    errors: Path | None,
    figures: Mapping[str, Any],
    error_rows: Iterable[Mapping[str, Any]],
) -> None:
    """Write the figures as JSON and the errors as JSON Lines, where asked to."""
    if summary is not None:
        summary.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if errors is not None:
        with errors.open("w", encoding="utf-8") as f:
            for row in error_rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")


class Scored(Protocol):
    """What a scorer's result gives for its JSON output."""

    def to_dict(self) -> dict[str, Any]: ...


Gold = TypeVar("Gold")
Score = TypeVar("Score", bound=Scored)


@dataclass(frozen=True, slots=True)
class OneSetScorer(Generic[Gold, Score]):
    """A scorer of one data set: read gold, make articles, extract, score, print, write.

    `main` gives the exit codes every scorer promises: 0 whenever it ran, 2 with a one-line
    message for missing or malformed input (or an output it cannot write), 1 when harmattan
    itself fails.
    """

    prog: str
    description: str
    schema: str
    default_data: Path
    data_help: str
    limit_help: str
    errors_help: str
    read_gold: Callable[[Path, int | None], Sequence[Gold]]
    articles: Callable[[Sequence[Gold]], Iterable[Article]]
    score: Callable[[Sequence[Gold], list[DocumentRecord]], Score]
    render: Callable[[Score, str], str]
    error_lines: Callable[[Score], Iterable[Mapping[str, Any]]]

    def run(self, argv: Sequence[str] | None = None) -> int:
        """Parse `--data`, `--limit`, `--json` and `--errors`, then run; the exit code."""
        parser = argparse.ArgumentParser(prog=f"eval/{self.prog}", description=self.description)
        parser.add_argument("--data", type=Path, default=self.default_data, help=self.data_help)
        add_output_arguments(parser, limit=self.limit_help, errors=self.errors_help)
        return self.main(parse_scorer_args(parser, argv))

    def main(self, args: argparse.Namespace) -> int:
        """Run on `args.data` (with `--limit`, `--json`, `--errors`); returns the exit code."""
        try:
            gold = self.read_gold(args.data, args.limit)
        except EvalInputError as err:
            return self._fail(str(err), 2)
        try:
            records = list(extract_many(self.articles(gold), Resources.load()))
        except HarmattanError as err:
            return self._fail(str(err), 1)
        score = self.score(gold, records)
        print(self.render(score, str(args.data)))
        try:
            write_outputs(
                args.json,
                args.errors,
                {"schema": self.schema, **score.to_dict()},
                self.error_lines(score),
            )
        except OSError as err:
            return self._fail(f"cannot write {err.filename}: {err.strerror}", 2)
        return 0

    def _fail(self, message: str, code: int) -> int:
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        return code
