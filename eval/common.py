"""What the scorers share: the input error, P/R/F1 arithmetic and the printed tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


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
