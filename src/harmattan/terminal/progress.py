"""Progress of long work (ingest, load, export, a stories rebuild) on a terminal.

One line on stderr: what is being done, how much ("412/1,000 articles"), how fast
("31.2 articles/s") and how long is left, or how long it has run when the total is not
known. It disappears when the work is done, so the summary line stays the last word.
Nothing is shown on a pipe or with -q: a log or a script gets the summary only.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, ProgressColumn, SpinnerColumn, Task, TextColumn
from rich.progress import Progress as RichProgress
from rich.text import Text

_REFRESH_SECONDS = 0.1
"""How often the line is redrawn; counts reported in between are summed first."""


def shows_progress(quiet: bool) -> bool:
    """Whether to show progress: on a terminal (stderr) that can redraw a line, unless
    asked to be quiet."""
    if quiet or not sys.stderr.isatty():
        return False
    # TERM=dumb (an editor's shell buffer) cannot move the cursor back over the line.
    return not Console(stderr=True).is_dumb_terminal


class Progress:
    """A transient progress line on stderr for work counted in `unit`s (a plural noun).

    With `total`, it shows a bar and the time left; without, the time elapsed. Disabled,
    it shows nothing and `advance` costs next to nothing, so callers need not branch.
    """

    def __init__(
        self,
        label: str,
        unit: str,
        total: int | None = None,
        *,
        enabled: bool,
        console: Console | None = None,
    ) -> None:
        self.enabled = enabled
        columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("{task.description}")]
        if total is not None:
            columns.append(BarColumn(bar_width=24))
        columns += [_CountColumn(unit), _RateColumn(unit), _TimeColumn()]
        self._bar = RichProgress(
            *columns,
            console=console or Console(stderr=True),
            transient=True,
            disable=not enabled,
        )
        self._task = self._bar.add_task(label, total=total)
        # Counts are handed to rich at most once per refresh: callers may report every
        # row of an export, and rich keeps a timed sample of each call it gets.
        self._pending = 0
        self._flushed = 0.0

    def __enter__(self) -> Progress:
        self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._flush()
        self._bar.stop()

    def advance(self, n: int = 1) -> None:
        """Count `n` more units done."""
        if not self.enabled:
            return
        self._pending += n
        now = time.monotonic()
        if now - self._flushed >= _REFRESH_SECONDS:
            self._flushed = now
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._bar.advance(self._task, self._pending)
            self._pending = 0


class _CountColumn(ProgressColumn):
    """ "412/1,000 articles", or "412 articles" when the total is not known (or was an
    estimate that the work went past)."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        done = int(task.completed)
        if task.total is None or done > task.total:
            return Text(f"{done:,} {self.unit}")
        return Text(f"{done:,}/{int(task.total):,} {self.unit}")


class _RateColumn(ProgressColumn):
    """ "31.2 articles/s", once two reports have been timed."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.speed
        if speed is None:
            return Text("")
        return Text(f"{speed:,.1f} {self.unit}/s", style="progress.data.speed")


class _TimeColumn(ProgressColumn):
    """ "0:00:12 left" while the total is ahead and the rate is known, else "0:00:05
    elapsed"."""

    max_refresh = 0.5

    def render(self, task: Task) -> Text:
        left = task.time_remaining
        if task.total is not None and left is not None and task.completed < task.total:
            return Text(f"{_clock(left)} left", style="progress.remaining")
        return Text(f"{_clock(task.elapsed or 0.0)} elapsed", style="progress.elapsed")


def _clock(seconds: float) -> str:
    return str(dt.timedelta(seconds=int(seconds)))
