"""The `harmattan` command: parse arguments, call the library, print. Nothing else."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import logging
import os
import secrets
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar, cast

import click
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from harmattan.alerts.notify import Webhook, webhook_url
from harmattan.alerts.rules import rule_from_dict, rules_from_toml
from harmattan.api.settings import DEFAULT_MAX_BODY, TOKEN_ENV, Settings
from harmattan.desk import (
    DeskAddress,
    RemoteConnection,
    RemoteStore,
    hand_off,
    running_desk,
)
from harmattan.errors import DatabaseBusyError, HarmattanError, StoreError
from harmattan.ingest import DEFAULT_MAX_BYTES, STDIN, ReadOptions, read_sources, text_article
from harmattan.ingest.language import CODED_LANGUAGES
from harmattan.ingest.sizing import count_items
from harmattan.records import AlertKind, Article, Factuality, Quarantined, timex_dict
from harmattan.store import read
from harmattan.store.db import (
    BatchResult,
    DatabaseError,
    Store,
    default_db_path,
    describe_database_error,
)
from harmattan.store.export import (
    ExportFormat,
    export_events,
    write_csv,
    write_json_lines,
    write_parquet,
)
from harmattan.store.read import alerts as read_alerts
from harmattan.terminal.events import EVENTS, EventLine
from harmattan.terminal.listings import (
    ALERTS,
    ARTICLES,
    QUARANTINE,
    RULES,
    STORIES,
    Row,
    StoryLine,
    table_view,
)
from harmattan.terminal.progress import Progress, shows_progress
from harmattan.terminal.table import Choice, View, parse_columns, print_table, write_tsv

if TYPE_CHECKING:
    from harmattan.service import IngestSummary

# The commands that read the store start in about half a second: spaCy, the pipeline
# and the ingest service (two seconds to import) are imported by the commands that
# process text, when they run (a test checks that the command line imports no spaCy).

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R")

ENTITY_STYLES = {
    "PERSON": "bold cyan",
    "ORG": "bold magenta",
    "GPE": "bold green",
    "LOC": "green",
    "NORP": "yellow",
    "DATE": "blue",
}


class Format(StrEnum):
    """Output formats the listing commands offer: a table to read, or data to use."""

    TABLE = "table"
    TSV = "tsv"
    CSV = "csv"
    JSON = "json"
    PARQUET = "parquet"


class HarmattanGroup(click.Group):
    """Turns library errors into one line on stderr and a non-zero exit."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HarmattanError as err:
            raise click.ClickException(str(err)) from err
        except DatabaseError as err:
            # A database damaged or taken after it was opened fails in a query.
            raise click.ClickException(describe_database_error(err)) from err


def sample_corpus() -> Path:
    """The bundled sample corpus (JSON Lines) used by `make demo`."""
    return Path(str(files("harmattan") / "data" / "sample" / "articles.jsonl"))


def db_option(func: F) -> F:
    """The --db option shared by every command that touches the store."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False),
        default=default_db_path,
        show_default=f"$HARMATTAN_DB or {default_db_path()}",
        help="DuckDB database file.",
    )(func)


def notify_option(func: F) -> F:
    """--notify-url: where the alerts a run fires are POSTed as JSON."""
    return click.option(
        "--notify-url",
        help="POST each alert fired to this URL as JSON (retried; never holds up ingest).",
    )(func)


def quiet_option(func: F) -> F:
    """-q/--quiet: no progress line (there is none on a pipe either)."""
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        help="Show no progress (counts, rate, time left) while working; the summary stays.",
    )(func)


def read_options(func: F) -> F:
    """Options every reading command shares."""
    func = click.option(
        "--published",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Publication date (YYYY-MM-DD) for inputs that carry none, e.g. bare HTML pages.",
    )(func)
    return click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Quarantine article bodies larger than this many bytes (UTF-8).",
    )(func)


def make_read_options(published: dt.datetime | None, max_bytes: int) -> ReadOptions:
    """ReadOptions from the CLI's values."""
    return ReadOptions(published=published.date() if published else None, max_bytes=max_bytes)


@click.group(cls=HarmattanGroup)
@click.version_option(package_name="harmattan")
@click.option("-v", "--verbose", is_flag=True, help="Log each committed batch to stderr.")
def cli(verbose: bool) -> None:
    """harmattan: trustworthy political event data from dated news reports."""
    if verbose:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")


@cli.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--sample", is_flag=True, help="Ingest the bundled sample corpus.")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=lambda: _nlp_batch_size(),
    show_default="as many as the language model parses at once",
    help="Articles per transaction.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=lambda: _default_workers(),
    show_default="one per core",
    help="Processes that run the language processing (1: all in this process).",
)
@notify_option
@quiet_option
@read_options
@db_option
def ingest_cli(
    paths: tuple[str, ...],
    sample: bool,
    batch_size: int,
    workers: int,
    notify_url: str | None,
    quiet: bool,
    published: dt.datetime | None,
    max_bytes: int,
    db_path: str,
) -> None:
    """Read PATHS (files, directories, or - for stdin) and store what they report.

    Reads seed-format text, JSON Lines, HTML, RSS/Atom and WARC. Bad input is
    quarantined with its reason and the rest goes on; re-ingesting is a no-op.
    """
    from harmattan.service import IngestSummary, WorkerPool, ingest

    sources = [*paths, *([str(sample_corpus())] if sample else [])]
    if not sources:
        raise click.UsageError("give at least one PATH (or - for stdin), or --sample")
    items = read_sources(sources, make_read_options(published, max_bytes), _stdin())
    served = running_desk(db_path)
    if served is not None:
        # A server owns the file: it ingests what this run reads, as one more batch.
        handed = hand_off(served, items, batch_size)
        result = IngestSummary(handed.ingested, handed.already_known, handed.quarantined, 0)
    else:
        webhook = Webhook(notify_url) if notify_url else None
        shown = shows_progress(quiet)
        # Sizing reads the inputs once more: paid for only where the total is shown.
        total = count_items(sources) if shown else None
        try:
            with (
                _open_when_free(db_path) as store,
                WorkerPool(workers) as pool,
                Progress("ingesting", "articles", total, enabled=shown) as progress,
            ):
                # One worker is this process: no pool is started.
                result = ingest(
                    items, store, None, batch_size,
                    on_batch=lambda done: progress.advance(_batch_items(done)),
                    workers=pool if workers > 1 else None, notify=webhook,
                )  # fmt: skip
        finally:
            failed = webhook.close() if webhook is not None else []
        if failed:
            click.echo(
                f"harmattan: {_alerts_count(len(failed))} not delivered to {notify_url} "
                f"({failed[-1]}); all are stored: harmattan alerts",
                err=True,
            )
    _report(result)
    if not result.read_anything:
        sys.exit(1)


_WAIT_SECONDS = 1.0


def _read_store(db_path: str) -> Store:
    """The store for reading; when a server owns it, its queries run in that server."""
    try:
        return Store(db_path, read_only=True)
    except DatabaseBusyError:
        served = running_desk(db_path)
        if served is None:
            raise
        # Read-only commands use a store's path and connection only, which RemoteStore
        # stands in for (see harmattan.desk).
        return cast(Store, RemoteStore(db_path, RemoteConnection(served)))


def _is_ingest(pid: int) -> bool:
    """Whether process `pid` is a `harmattan ingest` run (read from /proc; False where
    that cannot be read)."""
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    names = [Path(w.decode(errors="replace")).name for w in words]
    return "ingest" in names and any(n.startswith("harmattan") for n in names)


def _open_when_free(db_path: str) -> Store:
    """The store for writing; while another `harmattan ingest` holds it, wait in line,
    saying so once, rather than fail. Any other holder is an error, said in one line."""
    said = False
    while True:
        try:
            return Store(db_path)
        except DatabaseBusyError as err:
            if err.holder is None or not _is_ingest(err.holder):
                raise
            if not said:
                click.echo(
                    f"harmattan: {db_path} is being written by another harmattan ingest "
                    f"(process {err.holder}); waiting for it to finish (Ctrl-C to stop)",
                    err=True,
                )
                said = True
            time.sleep(_WAIT_SECONDS)


def _nlp_batch_size() -> int:
    from harmattan.nlp import DEFAULT_BATCH_SIZE

    return DEFAULT_BATCH_SIZE


def _default_workers() -> int:
    from harmattan.service import default_workers

    return default_workers()


def _report(result: IngestSummary) -> None:
    click.echo(
        f"{result.ingested} ingested, {result.already_known} already known, "
        f"{result.quarantined} quarantined — see: harmattan quarantine",
        err=True,
    )
    for alert in result.alerts:
        click.echo(f"alert {alert.rule}: {alert.summary}", err=True)
    if result.alerts:
        click.echo(f"{_alerts_count(len(result.alerts))} fired — see: harmattan alerts", err=True)


def _alerts_count(count: int) -> str:
    return f"{count} alert{'' if count == 1 else 's'}"


def _batch_items(result: BatchResult) -> int:
    """The items a committed batch settled: stored, already known or quarantined."""
    return result.inserted + result.already_known + result.quarantined


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@read_options
def extract_cli(paths: tuple[str, ...], published: dt.datetime | None, max_bytes: int) -> None:
    """Print the document record of every article in PATHS as JSON Lines, in input order.

    Nothing is stored. Unreadable input is reported on stderr and skipped.
    """
    from harmattan.pipeline import Resources, extract_each

    items = read_sources(paths, make_read_options(published, max_bytes), _stdin())
    counts = {"articles": 0, "quarantined": 0}

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Quarantined):
                counts["quarantined"] += 1
                click.echo(f"skipped {_where(item)}: {item.reason}", err=True)
            else:
                counts["articles"] += 1
                yield item

    for record in extract_each(articles(), Resources.load()):
        if isinstance(record, Quarantined):
            click.echo(f"skipped {_where(record)}: {record.reason}", err=True)
        else:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
    if not counts["articles"]:
        raise click.ClickException(
            f"nothing could be read ({counts['quarantined']} input(s) skipped, see above)"
        )


@cli.command("timex")
@click.argument("path", required=False, default="-", type=click.Path(allow_dash=True))
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The reference date (YYYY-MM-DD); required unless the input is seed text with a date.",
)
def timex_cli(path: str, published: dt.datetime | None) -> None:
    """Print the time expressions of a text (PATH or - for stdin) as JSON Lines.

    Each line has the expression's text, start, end, TIMEX3 type and value,
    normalized against the publication date.
    """
    from harmattan.pipeline import Resources
    from harmattan.temporal import find_timexes

    data = _stdin_bytes() if path == STDIN else Path(path).read_bytes()
    article = text_article(data, published.date() if published else None)
    resources = Resources.load()
    for timex in find_timexes(article, resources.nlp(article.text), resources.tagger):
        click.echo(json.dumps(timex_dict(timex), ensure_ascii=False))


def _stdin_bytes() -> bytes:
    stream = _stdin()
    if stream is None:
        raise click.UsageError("no standard input to read; give a PATH")
    return stream.read()


def _where(item: Quarantined) -> str:
    return f"{item.origin} {item.location}".strip()


@dataclasses.dataclass(frozen=True, slots=True)
class Output:
    """Where and how a listing command prints: the --format, --output, --columns and
    --wide options, resolved."""

    format: Format
    path: Path | None
    choice: Choice

    def check(self, *allowed: Format) -> None:
        """Refuse a format this command does not offer."""
        if self.format not in allowed:
            offered = ", ".join(f.value for f in allowed)
            raise click.UsageError(f"--format {self.format.value} is not offered here ({offered})")


def format_option(func: F) -> F:
    """--format, --output, --columns and --wide for listing commands, handed to the
    command as `out`."""

    @functools.wraps(func)
    def command(
        *args: Any, fmt: str | None, output: Path | None, columns: str | None, wide: bool,
        **kwargs: Any,
    ) -> Any:  # fmt: skip
        # A person at a terminal gets a table; a pipe or a file gets data (as gh does).
        chosen = Format(fmt) if fmt else (
            Format.TABLE if output is None and sys.stdout.isatty() else Format.TSV
        )  # fmt: skip
        picked = parse_columns(columns)
        if (picked is not None or wide) and chosen not in (Format.TABLE, Format.TSV):
            raise click.UsageError("--columns and --wide apply to table and tsv output")
        return func(*args, out=Output(chosen, output, Choice(picked, wide)), **kwargs)

    options = (
        click.option(
            "--format", "fmt", type=click.Choice([f.value for f in Format]), default=None,
            help="table (the default on a terminal), tsv (the default on a pipe or a file: a "
            "header and one tab-separated line per row), csv, json (one object per line) or "
            "parquet (events only).",
        ),
        click.option(
            "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
            help="Write to this file instead of stdout (required for parquet).",
        ),
        click.option(
            "--columns", metavar="A,B,...",
            help="Show these columns, in this order (table and tsv; --columns '' lists them).",
        ),
        click.option(
            "--wide", is_flag=True,
            help="Show every column, even past the terminal's width (table).",
        ),
    )  # fmt: skip
    decorated: Any = command
    for option in reversed(options):
        decorated = option(decorated)
    return cast(F, decorated)


def event_filter_options(func: F) -> F:
    """The event filters of `events` and `export`, handed to the command as `query`."""

    @functools.wraps(func)
    def command(
        *args: Any,
        event_type: str | None,
        factuality: str | None,
        country: str | None,
        actor: str | None,
        since: dt.datetime | None,
        until: dt.datetime | None,
        text: str | None,
        limit: int | None,
        **kwargs: Any,
    ) -> Any:
        query = read.EventFilter(
            type=event_type,
            factuality=Factuality(factuality) if factuality else None,
            country=country,
            actor=actor,
            since=since.date() if since else None,
            until=until.date() if until else None,
            text=text,
            limit=limit,
        )
        return func(*args, query=query, **kwargs)

    options = (
        click.option("--type", "event_type", help="PLOVER event type, e.g. SANCTION."),
        click.option(
            "--factuality",
            type=click.Choice([f.value for f in Factuality]),
            help="Only events the text reports this way.",
        ),
        click.option(
            "--country", help="ISO alpha-3 (or IGO, IMG, ...) of an actor, recipient or place."
        ),
        click.option("--actor", help="Actor id, or part of an actor's name or text."),
        click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Events on/after."),
        click.option(
            "--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="Events on/before."
        ),
        click.option("--text", help="Words in the evidence sentence or the trigger."),
        click.option("--limit", type=click.IntRange(min=1), help="At most this many events."),
    )
    decorated: Any = command
    for option in reversed(options):
        decorated = option(decorated)
    return cast(F, decorated)


@cli.command("events")
@event_filter_options
@format_option
@db_option
def events_cli(query: read.EventFilter, out: Output, db_path: str) -> None:
    """List stored events: date, type, factuality, who to whom, place and evidence.

    On a terminal the table fits its width (more columns from 120 and 160); a date
    such as ≤2023-07-27 means the text does not date the event, which is placed at
    its article's publication date. --since/--until bound the event's own date.
    """
    with _read_store(db_path) as store:
        if out.format is Format.PARQUET:
            _write_parquet(store, *read.events_sql(query), out.path)
        elif out.format in (Format.TABLE, Format.TSV):
            _, rows = read.event_rows(store.con, query, read.EventShape.LISTED)
            _show(EVENTS, (EventLine.from_row(row) for row in rows), out)
        else:
            _emit(read.list_events(store.con, query), out)


@cli.command("stories")
@click.option("--type", "event_type", help="PLOVER event type, e.g. SANCTION.")
@click.option(
    "--factuality",
    type=click.Choice([f.value for f in Factuality]),
    help="Only stories whose reports mostly say this.",
)
@click.option("--country", help="ISO alpha-3 (or IGO, ...) of an actor, recipient or place.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Stories on/after.")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="Stories on/before.")
@click.option(
    "--min-sources", type=click.IntRange(min=1), help="Backed by at least this many sources."
)
@click.option("--contradicted", is_flag=True, help="Only stories whose reports disagree.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many stories.")
@click.option(
    "--rebuild",
    is_flag=True,
    help="Rebuild every story from the stored reports (after the rules changed), then stop.",
)
@quiet_option
@format_option
@db_option
def stories_cli(
    event_type: str | None,
    factuality: str | None,
    country: str | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    min_sources: int | None,
    contradicted: bool,
    limit: int | None,
    rebuild: bool,
    quiet: bool,
    out: Output,
    db_path: str,
) -> None:
    """List real-world events (stories) with their reports, sources and contradictions.

    A story gathers every stored report of one event. --format json writes one
    story record per line, with its mentions and the quotes behind each contradiction.
    Each ingest keeps the stories up to date; --rebuild recomputes them all.
    """
    if rebuild:
        from harmattan.service import rebuild_stories

        # No total: after reading the articles, grouping them takes as long again and
        # has nothing to count; the line shows the articles read and the time elapsed.
        with (
            _open_when_free(db_path) as store,
            Progress(
                "rebuilding stories", "articles read", enabled=shows_progress(quiet)
            ) as progress,
        ):
            rebuilt = rebuild_stories(store, on_read=progress.advance)
        click.echo(
            f"rebuilt {len(rebuilt.stories)} stories and {len(rebuilt.duplicates)} "
            f"near-duplicate links in {db_path}",
            err=True,
        )
        return
    query = read.StoryFilter(
        type=event_type,
        factuality=Factuality(factuality) if factuality else None,
        country=country,
        since=since.date() if since else None,
        until=until.date() if until else None,
        min_sources=min_sources,
        contradicted=contradicted,
        limit=limit,
    )
    out.check(Format.TABLE, Format.TSV, Format.CSV, Format.JSON)
    with _read_store(db_path) as store:
        if out.format is Format.CSV:
            _emit(read.list_stories(store.con, query), out)
            return
        records = read.story_records(store.con, query)
    if out.format is Format.JSON:
        _write_lines((json.dumps(r, ensure_ascii=False) for r in records), out.path)
    else:
        _show(STORIES, [StoryLine.from_record(r) for r in records], out)


@cli.command("stats")
@click.option("--by-day", is_flag=True, help="Also list new events (first reports) per day.")
@format_option
@db_option
def stats_cli(by_day: bool, out: Output, db_path: str) -> None:
    """Count articles, near-duplicates, events (reports) and stories (what happened).

    events counts every coded event, one per report; stories counts real-world events,
    each reported any number of times. Also re-mentions, contradictions, corroborated
    stories (more than one independent source), quarantined inputs and the date range.
    """
    out.check(Format.TABLE, Format.TSV, Format.CSV, Format.JSON)
    with _read_store(db_path) as store:
        table = read.new_events_per_day(store.con) if by_day else read.stats(store.con).table()
    if out.format is Format.TABLE and not by_day:
        # One row of a dozen totals reads better down the screen than across it.
        (totals,) = table.dicts()
        table = read.Table(("measure", "value"), [(k, v) for k, v in totals.items()])
    _listing(table, "days" if by_day else "totals", out)


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in ExportFormat]),
    required=True,
    help="csv, parquet, jsonl, geojson (events with coordinates), plover or gdelt (TSV).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write; it is replaced only once the export is complete.",
)
@event_filter_options
@quiet_option
@db_option
def export_cli(
    fmt: str,
    output: Path,
    query: read.EventFilter,
    quiet: bool,
    db_path: str,
) -> None:
    """Write the events the filters select, in a format analysts' tools read.

    The filters are those of `harmattan events`. src/harmattan/store/EXPORTS.md
    documents every format and column, and which GDELT columns are approximations.
    """
    shown = shows_progress(quiet)
    with _read_store(db_path) as store:
        total = read.count_events(store.con, query) if shown else None
        with Progress("exporting", "events", total, enabled=shown) as progress:
            result = export_events(store, ExportFormat(fmt), query, output, progress.advance)
    click.echo(f"wrote {result.written} events to {output}", err=True)
    if ExportFormat(fmt) is ExportFormat.GEOJSON:
        click.echo(f"left out {result.left_out} events without coordinates", err=True)


@cli.command("articles")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many articles.")
@format_option
@db_option
def articles_cli(limit: int | None, out: Output, db_path: str) -> None:
    """List stored articles, newest first, with their entity and event counts.

    The table shows the first 10 characters of each id, which `harmattan show` takes.
    """
    out.check(Format.TABLE, Format.TSV, Format.CSV, Format.JSON)
    with _read_store(db_path) as store:
        table = read.list_articles(store.con, limit=limit)
    _listing(table, ARTICLES, out)


@cli.command("quarantine")
@format_option
@db_option
def quarantine_cli(out: Output, db_path: str) -> None:
    """List input that could not be read, with where it was and why."""
    out.check(Format.TABLE, Format.TSV, Format.CSV, Format.JSON)
    with _read_store(db_path) as store:
        table = read.list_quarantine(store.con)
    _listing(table, QUARANTINE, out)


@cli.group("alerts", invoke_without_command=True)
@click.option("--rule", help="Only alerts of this rule.")
@click.option("--kind", type=click.Choice([k.value for k in AlertKind]), help="Only this kind.")
@click.option("--country", help="Only alerts about this country (ISO alpha-3).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Fired as of on/after.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many alerts.")
@format_option
@db_option
@click.pass_context
def alerts_cli(
    ctx: click.Context,
    rule: str | None,
    kind: str | None,
    country: str | None,
    since: dt.datetime | None,
    limit: int | None,
    out: Output,
    db_path: str,
) -> None:
    """List the alerts fired, newest first; `alerts add|list|remove` manage the rules.

    Alerts are checked on every committed batch (ingest, or a server's watch), as of
    the newest publication date stored, never the wall clock.
    """
    if ctx.invoked_subcommand is not None:
        return
    out.check(Format.TABLE, Format.TSV, Format.CSV, Format.JSON)
    with _read_store(db_path) as store:
        f = read_alerts.AlertFilter(
            rule=rule, kind=kind, country=country.upper() if country else None,
            since=since.date() if since else None,
        )  # fmt: skip
        found = read_alerts.list_alerts(store.con, f, limit=limit)
    _listing(found, ALERTS, out)


@alerts_cli.command("add")
@click.option("--name", help="The rule's name (letters, digits, '.', '_', '-').")
@click.option("--kind", type=click.Choice([k.value for k in AlertKind]), help="What it watches.")
@click.option("--country", help="ISO alpha-3 of a party or the place (escalation: required).")
@click.option("--actor", help="An actor id, or a word of a party's name.")
@click.option("--recipient", help="The same, for a recipient only (escalation: with --actor).")
@click.option("--type", "event_type", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--factuality", type=click.Choice([f.value for f in Factuality]))
@click.option("--min-sources", type=click.IntRange(min=1), help="At least this many sources.")
@click.option("--min-score", type=float, help="Reports' mean intensity score at least this.")
@click.option("--max-score", type=float, help="Reports' mean intensity score at most this.")
@click.option(
    "--min-count", type=click.IntRange(min=1),
    help="Escalation: stories a day needs before it can count as a jump (default 3).",
)  # fmt: skip
@click.option(
    "--from", "toml_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Add every [[rule]] of this TOML file instead.",
)  # fmt: skip
@click.option("--replace", is_flag=True, help="Replace a stored rule of the same name.")
@db_option
def alerts_add_cli(
    name: str | None,
    kind: str | None,
    toml_path: Path | None,
    replace: bool,
    db_path: str,
    **filters: Any,
) -> None:
    """Store an alert rule (or those of a TOML file)."""
    if toml_path is not None:
        rules = rules_from_toml(toml_path)
    elif name is None or kind is None:
        raise click.UsageError("give --name and --kind, or --from FILE")
    else:
        filters["type"] = filters.pop("event_type")
        rules = [rule_from_dict({"name": name, "kind": kind, **filters})]
    with Store(db_path) as store:
        store.add_alert_rules([(r.name, r.kind.value, r.to_dict()) for r in rules], replace=replace)
    for r in rules:
        click.echo(f"added alert rule {r.name} ({r.kind.value})", err=True)


@alerts_cli.command("list")
@format_option
@db_option
def alerts_list_cli(out: Output, db_path: str) -> None:
    """List the stored alert rules."""
    out.check(Format.TABLE, Format.TSV, Format.CSV, Format.JSON)
    with _read_store(db_path) as store:
        rules = [rule_from_dict(r) for r in read_alerts.alert_rules(store.con)]
    rows = [(r.name, r.kind.value, json.dumps(r.filters.to_dict())) for r in rules]
    _listing(read.Table(("name", "kind", "filters"), rows), RULES, out)


@alerts_cli.command("remove")
@click.argument("name")
@db_option
def alerts_remove_cli(name: str, db_path: str) -> None:
    """Delete an alert rule; the alerts it fired stay."""
    with Store(db_path) as store:
        if not store.remove_alert_rule(name):
            raise click.ClickException(f"no alert rule named {name!r} (see: harmattan alerts list)")
    click.echo(f"removed alert rule {name}", err=True)


@cli.command("summary")
@db_option
def summary_cli(db_path: str) -> None:
    """Show what the database holds and what to run next."""
    with _read_store(db_path) as store:
        counts = read.table_counts(store.con)
        table = read.summary(store.con)
        languages = read.languages(store.con, CODED_LANGUAGES)
        first = read.list_articles(store.con, limit=1)
        events = read.event_digest(store.con, limit=15)
    console = Console()
    console.print(_rich_table(table, f"harmattan store: {db_path}"))
    console.print(_rich_table(languages.table(), "Languages"))
    if languages.not_coded_articles:
        n, codes = languages.not_coded_articles, [c.language for c in languages.not_coded]
        console.print(
            f"{n} article{'s' if n != 1 else ''} in "
            f"{'languages' if len(codes) > 1 else 'a language'} not coded ({', '.join(codes)}): "
            "stored and listed, no events",
            highlight=False,
        )
    console.print(_rich_table(events, "most confident events (all: harmattan events)"))
    console.print("  ".join(f"{name}: [bold]{n}[/]" for name, n in counts.items()), highlight=False)
    example = first.rows[0][0] if first.rows else "ARTICLE_ID"
    console.print(
        "\nNext:\n"
        f"  harmattan articles --db {db_path}\n"
        f"  harmattan show {example} --db {db_path}\n"
        f"  harmattan events --country NER --since 2023-07-01 --db {db_path}\n"
        f"  harmattan stories --min-sources 2 --db {db_path}\n"
        f"  harmattan stats --db {db_path}\n"
        f"  harmattan quarantine --db {db_path}\n"
        f"  harmattan serve --db {db_path}    # dashboard at http://127.0.0.1:8000/",
        highlight=False,
    )


@cli.command("spark")
@click.argument("input_path", metavar="INPUT")
@click.argument("output")
@click.option("--partitions", type=click.IntRange(min=1), help="Spark partitions to use.")
@click.option(
    "--master", default="local[2]", show_default=True, help="Spark master (local[N], yarn...)."
)
def spark_cli(input_path: str, output: str, partitions: int | None, master: str) -> None:
    """Run the pipeline on Spark: files under INPUT → Parquet records under OUTPUT.

    INPUT is a path or Hadoop-compatible URI of JSONL, seed text, HTML, feeds or WARC
    files. OUTPUT gets records/ (partitioned by publication date) and quarantine/.
    Bring the records into DuckDB with `harmattan load OUTPUT`. Needs the spark extra
    (pip install harmattan[spark]) and Java 17.
    """
    try:
        from harmattan.spark.job import run_job, session
    except ImportError as error:
        raise HarmattanError(
            f"Spark is not installed ({error}): pip install 'harmattan[spark]'"
        ) from None
    spark = session(master)
    try:
        result = run_job(spark, input_path, output, partitions)
    finally:
        spark.stop()
    click.echo(
        f"{result.records} records written to {output}/records, "
        f"{result.quarantined} inputs quarantined to {output}/quarantine",
        err=True,
    )


@cli.command("load")
@click.argument("directory")
@quiet_option
@db_option
def load_cli(directory: str, quiet: bool, db_path: str) -> None:
    """Store the records a `harmattan spark` run wrote under DIRECTORY (idempotent)."""
    from harmattan.service import load_spark_output

    shown = shows_progress(quiet)
    with Store(db_path) as store:
        total = read.count_spark_records(store.con, directory) if shown else None
        with Progress("loading", "records", total, enabled=shown) as progress:
            result = load_spark_output(store, directory, on_batch=progress.advance)
    click.echo(
        f"{result.loaded} loaded, {result.already_known} already known, "
        f"{result.quarantined} quarantined — see: harmattan quarantine",
        err=True,
    )


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--max-body-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BODY,
    show_default=True,
    help="Largest POST /api/ingest body accepted.",
)
@click.option(
    "--watch",
    "watched",
    multiple=True,
    type=click.Path(exists=True),
    help="A folder or feed file to ingest from while serving (repeatable).",
)
@notify_option
@db_option
def serve_cli(
    host: str,
    port: int,
    max_body_bytes: int,
    watched: tuple[str, ...],
    notify_url: str | None,
    db_path: str,
) -> None:
    """Serve the REST API and the dashboard over the database.

    Read-only unless $HARMATTAN_TOKEN is set: then POST /api/ingest takes JSON Lines
    with the header 'Authorization: Bearer $HARMATTAN_TOKEN'. With --watch, what lands in
    the watched folders (new files, new lines of JSON Lines files) is ingested while the
    server answers. Binds to 127.0.0.1 unless --host says otherwise.
    """
    import uvicorn

    from harmattan.api.app import create_app

    token = os.environ.get(TOKEN_ENV) or None
    settings = Settings(
        db_path, token=token, max_body_bytes=max_body_bytes, watch=watched,
        notify_url=webhook_url(notify_url) if notify_url else None,
    )  # fmt: skip
    if not Path(db_path).exists() and not settings.writable:
        raise StoreError(
            f"no database at {db_path}: ingest something first (harmattan ingest PATH --db FILE)"
        )
    # Open it once here, so that a database in use or damaged is one line now, not a
    # traceback from the server's start-up.
    Store(db_path, read_only=not settings.writable).close()
    if settings.writable:
        # A CLI ingest beside this server hands its articles over (harmattan.desk).
        local = host if host not in ("0.0.0.0", "::", "localhost") else "127.0.0.1"
        address = DeskAddress(f"http://{local}:{port}", secrets.token_urlsafe(32), os.getpid())
        settings = dataclasses.replace(settings, desk=address)
    app = create_app(settings)
    mode = "read-write (POST /api/ingest needs the token)" if token else "read-only"
    if watched:
        mode = f"watching {', '.join(watched)}" + (
            ", POST /api/ingest with the token" if token else ""
        )
    click.echo(f"harmattan: serving {db_path} ({mode}) at http://{host}:{port}/", err=True)
    # An internal error's traceback is logged under the id its 500 answer names, and
    # what the watch ingests is logged too.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(message)s")
    # The writer's story update is Python that holds the interpreter lock; a request
    # thread waiting for it waits up to the switch interval each time a query returns.
    # 1 ms instead of 5 keeps requests quick while a batch is written.
    sys.setswitchinterval(0.001)
    # Open alert streams would otherwise hold a stopping server until their clients leave.
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=3)


@cli.command("show")
@click.argument("article_id")
@db_option
def show_cli(article_id: str, db_path: str) -> None:
    """Print an article with its entities, times, places and events highlighted.

    ARTICLE_ID may be a unique prefix of the id.
    """
    with _read_store(db_path) as store:
        found = read.find_article_id(store.con, article_id)
        record = read.article_record(store.con, found) if found is not None else None
    if record is None:
        raise click.ClickException(
            f"no single article with id {article_id!r}; list them with: harmattan articles"
        )
    _show_record(record, Console())


def _show_record(record: dict[str, Any], console: Console) -> None:
    article = record["article"]
    text = Text(article["text"])
    for entity in record["entities"]:
        text.stylize(
            ENTITY_STYLES.get(entity["label"], "underline"), entity["start"], entity["end"]
        )
    for timex in record["timexes"]:
        text.stylize("reverse blue", timex["start"], timex["end"])
    for event in record["events"]:
        text.stylize("bold red underline", event["trigger"]["start"], event["trigger"]["end"])
    heading = " · ".join(
        str(v) for v in (article["published"], article["source"], article["title"]) if v
    )
    console.rule(f"[bold]{heading}[/] ({article['id']})")
    console.print(text)
    console.rule()
    legend = "  ".join(f"[{style}]{label}[/]" for label, style in ENTITY_STYLES.items())
    console.print(f"entities: {legend}  [reverse blue]time[/]  [bold red underline]event[/]")
    if not record["events"]:
        console.print("no events coded in this article")
        return
    # The events in the design of `harmattan events`, in the record's order.
    lines = [EventLine.from_record(event, article) for event in record["events"]]
    print_table(EVENTS, lines, console)


def _listing(table: read.Table, view: View[Row] | str, out: Output) -> None:
    """Print a read-layer table: as `view` (a table or TSV), or as CSV or JSON Lines.
    A string `view` names the rows of a listing that shows every column as it is."""
    if out.format in (Format.TABLE, Format.TSV):
        shown = view if isinstance(view, View) else table_view(table, view)
        _show(shown, table.dicts(), out)
    else:
        _emit(table, out)


def _show(view: View[R], rows: Iterable[R], out: Output) -> None:
    """Print rows as a table fitted to the terminal, or as tab-separated values."""
    stream = out.path.open("w", encoding="utf-8", newline="") if out.path else None
    try:
        if out.format is Format.TABLE:
            listed = list(rows)
            print_table(view, listed, Console(file=stream), out.choice)
            count = len(listed)
        else:
            count = write_tsv(view, rows, stream or sys.stdout, out.choice.names)
    finally:
        if stream is not None:
            stream.close()
    if out.path is not None:
        click.echo(f"wrote {count} {view.what} to {out.path}", err=True)


def _emit(table: read.Table, out: Output) -> None:
    writer = write_csv if out.format is Format.CSV else write_json_lines
    if out.path is None:
        writer(table, sys.stdout)
        return
    with out.path.open("w", encoding="utf-8", newline="") as stream:
        writer(table, stream)
    click.echo(f"wrote {len(table.rows)} rows to {out.path}", err=True)


def _write_lines(lines: Iterable[str], output: Path | None) -> None:
    if output is None:
        for line in lines:
            click.echo(line)
        return
    with output.open("w", encoding="utf-8") as stream:
        count = sum(stream.write(line + "\n") > 0 for line in lines)
    click.echo(f"wrote {count} stories to {output}", err=True)


def _write_parquet(store: Store, sql: str, params: list[Any], output: Path | None) -> None:
    if output is None:
        raise click.UsageError("--format parquet needs --output FILE")
    rows = write_parquet(store, sql, params, output)
    click.echo(f"wrote {rows} events to {output}", err=True)


def _rich_table(table: read.Table, title: str) -> RichTable:
    rich = RichTable(*table.columns, title=title)
    for row in table.rows:
        rich.add_row(*("" if v is None else str(v) for v in row))
    return rich


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="harmattan")


def _stdin() -> BinaryIO | None:
    # CI and daemons may run us with no standard input at all.
    return sys.stdin.buffer if sys.stdin is not None else None
