"""The FastAPI app: the store's events, stories, articles and summaries, and the dashboard.

`create_app(settings)` builds it; `harmattan serve` runs it with uvicorn on 127.0.0.1.
It is read-only unless a token is configured: then `POST /api/ingest` takes a JSON Lines
body (with `Authorization: Bearer TOKEN`) and runs the same ingest as the CLI. Without a
token that route does not exist (404).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import html
import json
import logging
import secrets
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any

import duckdb
import pycountry
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    Response,
    StreamingResponse,
)
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from harmattan.alerts.notify import Webhook
from harmattan.api.settings import Settings
from harmattan.desk import HANDOFF_PATH, QUERY_PATH, answer_query, publish, read_handoff, withdraw
from harmattan.errors import HarmattanError
from harmattan.ingest import ReadOptions, read_bytes
from harmattan.ingest.watch import FolderWatch
from harmattan.nlp import LANGUAGES
from harmattan.records import AlertKind, Article, Factuality, Quarantined
from harmattan.service import WorkerPool, default_workers, ingest, watch
from harmattan.store import read
from harmattan.store.db import Store
from harmattan.store.read import EventFilter, Page, StoryFilter
from harmattan.store.read.alerts import AlertFilter, count_alerts, last_alert, list_alerts

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
MAX_PAGE = 1000
_STREAM_POLL_SECONDS = 1.0
_KEEPALIVE_SECONDS = 15.0


class _Desk:
    """The store the app reads, opened once; each request gets a cursor of its own."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings.db_path, read_only=not settings.writable)
        # One writer at a time: POST /api/ingest, the hand-off and the watch.
        self.writing = threading.Lock()
        self.workers: WorkerPool | None = None
        self.notify = Webhook(settings.notify_url) if settings.notify_url else None
        self._resources: Any = None
        # Set when the server stops: open alert streams end instead of holding it up.
        self.stopping = threading.Event()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self.store.con.cursor()
        try:
            yield con
        finally:
            con.close()

    def ingest_items(self, items: list[Article | Quarantined]) -> dict[str, int]:
        """Ingest what a CLI beside this server handed over, with the server's workers."""
        with self.writing:
            summary = ingest(items, self.store, None, workers=self.workers, notify=self.notify)
        return {
            "ingested": summary.ingested,
            "already_known": summary.already_known,
            "quarantined": summary.quarantined,
        }

    def ingest_jsonl(self, body: bytes) -> dict[str, Any]:
        """Ingest a JSON Lines body; the counts, and where and why lines were quarantined."""
        # Imported here: a read-only server never loads spaCy.
        from harmattan.pipeline import Resources

        items = list(read_bytes(body, "POST /api/ingest", ReadOptions(), suffix=".jsonl"))
        with self.writing:
            if self._resources is None:
                self._resources = Resources.load()
            summary = ingest(items, self.store, self._resources, notify=self.notify)
        return {
            "ingested": summary.ingested,
            "already_known": summary.already_known,
            "quarantined": summary.quarantined,
            "problems": [
                {"where": item.location, "reason": item.reason}
                for item in items
                if isinstance(item, Quarantined)
            ],
        }


class _InternalErrors:
    """ASGI middleware: an exception no handler took becomes a 500 whose body gives an
    error id and nothing of the internals; the traceback is logged under that id, so an
    analyst can quote the id and the operator find the cause."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception:
            error_id = secrets.token_hex(6)
            logging.getLogger(__name__).exception(
                "error %s on %s %s", error_id, scope["method"], scope["path"]
            )
            if started:
                # Half a response is out: the connection can only be dropped.
                raise
            body = {
                "detail": f"internal error {error_id}: the server's log has the details",
                "error_id": error_id,
            }
            await JSONResponse(body, status_code=500)(scope, receive, send)


# Query parameters shared by every event listing, validated by FastAPI (422 names the field).
TypeParam = Annotated[
    str | None, Query(pattern=r"^[A-Za-z_]+$", description="PLOVER event type, e.g. SANCTION")
]
FactualityParam = Annotated[Factuality | None, Query(description="asserted, negated, ...")]
CountryParam = Annotated[
    str | None,
    Query(pattern=r"^[A-Za-z]{3}$", description="ISO alpha-3 (or IGO...) of a party or place"),
]
ActorParam = Annotated[str | None, Query(max_length=200, description="actor id or name part")]
SinceParam = Annotated[dt.date | None, Query(description="event date on/after (YYYY-MM-DD)")]
UntilParam = Annotated[dt.date | None, Query(description="event date on/before (YYYY-MM-DD)")]
TextParam = Annotated[
    str | None, Query(max_length=200, description="words in the evidence sentence or trigger")
]
LanguageParam = Annotated[
    str | None,
    Query(pattern=r"^[a-z]{2,3}$", description="ISO 639 code of the article's language, e.g. fr"),
]
LimitParam = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page size")]
# DuckDB counts in 64 bits: a larger offset is refused with 422, not answered with 500.
MAX_OFFSET = 2**62
OffsetParam = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]


def event_filter(
    type: TypeParam = None,
    factuality: FactualityParam = None,
    country: CountryParam = None,
    actor: ActorParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
    q: TextParam = None,
    language: LanguageParam = None,
) -> EventFilter:
    """The event filter a request's query parameters describe."""
    return EventFilter(
        type=type, factuality=factuality, country=country, actor=actor, since=since,
        until=until, text=q, language=language,
    )  # fmt: skip


Events = Annotated[EventFilter, Depends(event_filter)]


def _desk(request: Request) -> _Desk:
    value: _Desk = request.app.state.desk
    return value


Desk = Annotated[_Desk, Depends(_desk)]


def create_app(settings: Settings) -> FastAPI:
    """The API and dashboard over the store at `settings.db_path`."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        desk = _Desk(settings)
        app.state.desk = desk
        stop = threading.Event()
        # The watch's NLP runs in worker processes, at a lower priority, so that requests
        # are not slowed by it; this process only writes.
        workers = WorkerPool(default_workers(), min_articles=1, niceness=10)
        watcher = threading.Thread(
            target=watch,
            args=(FolderWatch(settings.watch, ReadOptions()), desk.store, stop),
            kwargs={
                "interval": settings.watch_interval,
                "workers": workers,
                "writing": desk.writing,
                "notify": desk.notify,
            },
            name="harmattan-watch",
            daemon=True,
        )
        desk.workers = workers
        if settings.watch:
            watcher.start()
        if settings.desk is not None:
            publish(settings.db_path, settings.desk)
        try:
            yield
        finally:
            if settings.desk is not None:
                withdraw(settings.db_path, settings.desk)
            desk.stopping.set()
            stop.set()
            if watcher.is_alive():
                watcher.join()
            workers.close()
            if desk.notify is not None:
                desk.notify.close()
            desk.store.close()

    app = FastAPI(
        title="harmattan",
        summary="Political event data from dated news reports, with evidence for every field.",
        version="1",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's own docs pages load their scripts from a CDN
        redoc_url=None,
    )

    app.add_middleware(_InternalErrors)

    @app.exception_handler(HarmattanError)
    async def harmattan_error(_: Request, error: HarmattanError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)

    # The API answers under /api (as the dashboard and the docs use it) and, for
    # scripts that expect it there, at the root too: /events is /api/events.
    router = APIRouter()

    @router.get("/events", tags=["events"])
    def get_events(
        desk: Desk, f: Events, limit: LimitParam = 100, offset: OffsetParam = 0
    ) -> dict[str, Any]:
        """Events with their parties, dates, places and evidence spans, oldest first."""
        with desk.cursor() as con:
            return read.event_page(con, f, limit, offset).to_dict()

    @router.get("/stories", tags=["stories"])
    def get_stories(
        desk: Desk,
        type: TypeParam = None,
        factuality: FactualityParam = None,
        country: CountryParam = None,
        since: SinceParam = None,
        until: UntilParam = None,
        min_sources: Annotated[int | None, Query(ge=1)] = None,
        contradicted: bool = False,
        language: LanguageParam = None,
        limit: LimitParam = 100,
        offset: OffsetParam = 0,
    ) -> dict[str, Any]:
        """Real-world events with every report of them, their sources and contradictions."""
        f = StoryFilter(
            type=type, factuality=factuality, country=country, since=since, until=until,
            min_sources=min_sources, contradicted=contradicted, language=language,
        )  # fmt: skip
        with desk.cursor() as con:
            return read.story_page(con, f, limit, offset).to_dict()

    @router.get("/stories/{story_id}", tags=["stories"])
    def get_story(desk: Desk, story_id: str) -> dict[str, Any]:
        """One story's record."""
        with desk.cursor() as con:
            found = read.story(con, story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id!r}")
        return found

    @router.get("/articles", tags=["articles"])
    def get_articles(
        desk: Desk,
        q: TextParam = None,
        language: LanguageParam = None,
        limit: LimitParam = 100,
        offset: OffsetParam = 0,
    ) -> dict[str, Any]:
        """Stored articles, newest first, with their language and entity and event counts."""
        with desk.cursor() as con:
            total = read.count_articles(con, text=q, language=language)
            found = read.list_articles(con, text=q, language=language, limit=limit, offset=offset)
        return Page(total, limit, offset, found.dicts()).to_dict()

    @router.get("/articles/{article_id}", tags=["articles"])
    def get_article(desk: Desk, article_id: str) -> dict[str, Any]:
        """An article's document record (shared/OUTPUT.md) and the story of each event."""
        with desk.cursor() as con:
            record = read.article_record(con, article_id)
            stories = read.event_stories(con, article_id) if record is not None else {}
        if record is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return {"record": record, "stories": stories}

    @router.get("/actors", tags=["summaries"])
    def get_actors(desk: Desk, limit: LimitParam = 100) -> list[dict[str, Any]]:
        """Actors by the number of events they take part in."""
        with desk.cursor() as con:
            return read.actors(con, limit)

    @router.get("/places", tags=["summaries"])
    def get_places(desk: Desk, f: Events) -> dict[str, Any]:
        """Where the events happened: precise points, and event counts per country."""
        with desk.cursor() as con:
            found = read.places(con, f)
        # The dashboard's world map names country shapes by ISO 3166 numeric code.
        found["countries"] = [
            {"iso3": c["iso3"], "numeric": _numeric(c["iso3"]), "events": c["events"]}
            for c in found["countries"]
        ]
        return found

    @router.get("/timeline", tags=["summaries"])
    def get_timeline(desk: Desk, f: Events) -> list[dict[str, Any]]:
        """Events per day (the event's own date) by quad class and factuality."""
        with desk.cursor() as con:
            return read.timeline(con, f)

    @router.get("/graph", tags=["summaries"])
    def get_graph(desk: Desk, f: Events, limit: LimitParam = 100) -> dict[str, Any]:
        """Who acts on whom: actor → recipient edges weighted by events."""
        with desk.cursor() as con:
            return read.graph(con, f, limit)

    @router.get("/alerts", tags=["alerts"])
    def get_alerts(
        desk: Desk,
        rule: Annotated[str | None, Query(max_length=64, description="rule name")] = None,
        kind: Annotated[AlertKind | None, Query(description="match, deadline, ...")] = None,
        country: CountryParam = None,
        since: Annotated[dt.date | None, Query(description="fired as of on/after")] = None,
        limit: LimitParam = 100,
        offset: OffsetParam = 0,
    ) -> dict[str, Any]:
        """Fired alerts, newest first, with the stories, reports and evidence they rest on."""
        f = AlertFilter(
            rule=rule, kind=kind.value if kind else None,
            country=country.upper() if country else None, since=since,
        )  # fmt: skip
        with desk.cursor() as con:
            total = count_alerts(con, f)
            found = list_alerts(con, f, limit=limit, offset=offset)
        return Page(total, limit, offset, found.dicts()).to_dict()

    @router.get("/alerts/stream", tags=["alerts"])
    async def stream_alerts(
        request: Request,
        desk: Desk,
        after: Annotated[
            int | None, Query(ge=0, description="send alerts after this seq (default: new ones)")
        ] = None,
    ) -> StreamingResponse:
        """Server-sent events: each alert as it fires (`event: alert`, the alert's JSON as
        `data`, its seq as `id`); a comment every 15 s keeps proxies from closing it."""
        resume = request.headers.get("last-event-id", "")
        if after is None and resume.isdigit():
            after = int(resume)

        def newer(seq: int) -> list[dict[str, Any]]:
            with desk.cursor() as con:
                return list_alerts(con, AlertFilter(after=seq), limit=100).dicts()

        def last() -> int:
            with desk.cursor() as con:
                return last_alert(con)

        async def events() -> AsyncIterator[str]:
            seq = after if after is not None else await run_in_threadpool(last)
            quiet = 0.0
            while not desk.stopping.is_set() and not await request.is_disconnected():
                for alert in await run_in_threadpool(newer, seq):
                    seq = int(alert["seq"])
                    body = json.dumps(alert, ensure_ascii=False, default=str)
                    yield f"id: {seq}\nevent: alert\ndata: {body}\n\n"
                    quiet = 0.0
                if quiet >= _KEEPALIVE_SECONDS:
                    yield ": still here\n\n"
                    quiet = 0.0
                await asyncio.sleep(_STREAM_POLL_SECONDS)
                quiet += _STREAM_POLL_SECONDS

        return StreamingResponse(
            events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
        )

    @router.get("/stats", tags=["summaries"])
    def get_stats(desk: Desk) -> dict[str, Any]:
        """What the store holds (see `store.read.Stats` for what each total counts), and
        its articles and events per language (`store.read.Languages`)."""
        with desk.cursor() as con:
            return {**read.stats(con).to_dict(), **read.languages(con, LANGUAGES).to_dict()}

    if settings.token is not None:
        token = settings.token

        @router.post("/ingest", tags=["write"])
        async def post_ingest(request: Request, desk: Desk) -> dict[str, Any]:
            """Ingest a JSON Lines body (`text`, `published`...); needs the bearer token."""
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                raise HTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is needed")
            body = await _bounded_body(request, settings.max_body_bytes)
            # In a worker thread: the event loop goes on answering reads meanwhile.
            return await run_in_threadpool(desk.ingest_jsonl, body)

    if settings.desk is not None:
        secret = settings.desk.secret

        @app.post(HANDOFF_PATH, include_in_schema=False)
        async def post_handoff(request: Request, desk: Desk) -> dict[str, Any]:
            """Articles a `harmattan ingest` beside this server read (harmattan.desk)."""
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {secret}".encode()):
                raise HTTPException(401, "the hand-off secret does not match")
            try:
                items = read_handoff(await request.body())
            except ValueError as err:
                raise HTTPException(400, str(err)) from err
            return await run_in_threadpool(desk.ingest_items, items)

        @app.post(QUERY_PATH, include_in_schema=False)
        async def post_query(request: Request, desk: Desk) -> Response:
            """A read-only CLI command's query, beside this server (harmattan.desk)."""
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {secret}".encode()):
                raise HTTPException(401, "the desk secret does not match")
            body = await request.body()

            def answer() -> bytes:
                with desk.cursor() as con:
                    return answer_query(con, body)

            try:
                rows = await run_in_threadpool(answer)
            except (ValueError, duckdb.Error) as err:
                raise HTTPException(400, str(err).splitlines()[0]) from err
            return Response(rows, media_type="application/octet-stream")

    app.include_router(router, prefix="/api")
    app.include_router(router, include_in_schema=False)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(_docs_page(app.openapi()))

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _numeric(iso3: str) -> str | None:
    """ISO 3166 numeric code: the id of a country shape in the dashboard's world map."""
    country = pycountry.countries.get(alpha_3=iso3)
    return str(country.numeric) if country is not None else None


async def _bounded_body(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the body is over the limit of {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _docs_page(schema: dict[str, Any]) -> str:
    """A plain HTML page listing every endpoint and parameter of the OpenAPI schema."""
    rows = []
    for path, methods in sorted(schema.get("paths", {}).items()):
        for method, spec in methods.items():
            params = ", ".join(
                f"<code>{html.escape(p['name'])}</code>" for p in spec.get("parameters", [])
            )
            rows.append(
                f"<tr><td>{method.upper()}</td><td><code>{html.escape(path)}</code></td>"
                f"<td>{html.escape(spec.get('description') or spec.get('summary') or '')}</td>"
                f"<td>{params}</td></tr>"
            )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>harmattan API</title>"
        "<link rel='stylesheet' href='/static/app.css'></head><body class='docs'>"
        "<h1>harmattan API</h1><p>The machine-readable schema is "
        "<a href='/openapi.json'>/openapi.json</a>.</p>"
        "<table><tr><th>method</th><th>path</th><th>what</th><th>parameters</th></tr>"
        + "".join(rows)
        + "</table></body></html>"
    )
