"""The dashboard under test: the demo database, a real uvicorn server, one Chromium per module."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from harmattan.alerts.rules import rules_from_toml
from harmattan.api.settings import Settings
from harmattan.cli import sample_corpus
from harmattan.pipeline import Resources
from harmattan.store.db import Store
from tests.serving import running
from tests.web.screenshot import (
    CHROMIUM,
    CHROMIUM_MISSING,
    VIEWPORT,
    build_database,
    launch_chromium,
    wait_until_drawn,
)


@pytest.fixture(scope="session")
def dashboard_db(
    resources: Resources, seed_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The demo database: the sample's alert rules, then the sample corpus and the seed
    article, ingested once (as `make demo` does)."""
    path = tmp_path_factory.mktemp("dashboard") / "demo.duckdb"
    rules = rules_from_toml(sample_corpus().with_name("alerts.toml"))
    with Store(path) as store:
        store.add_alert_rules([(r.name, r.kind.value, r.to_dict()) for r in rules])
    return build_database(path, resources, [sample_corpus(), seed_path])


@pytest.fixture(scope="session")
def base_url(dashboard_db: Path) -> Iterator[str]:
    """A real uvicorn server over the demo database, on 127.0.0.1."""
    with running(Settings(str(dashboard_db))) as url:
        yield url


@pytest.fixture(scope="session")
def empty_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server over an empty database: enough to serve the static files."""
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    Store(path).close()
    with running(Settings(str(path))) as url:
        yield url


def get_json(base_url: str, path: str, **params: Any) -> Any:
    """GET a JSON document from the server, the way the dashboard asks for it."""
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    url = f"{base_url}{path}{'?' + query if query else ''}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, one per test module; fails (never skips) when missing."""
    if not CHROMIUM.exists():
        pytest.fail(CHROMIUM_MISSING)
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Desk:
    """A browser tab on the dashboard, with every request it made and every error it hit."""

    page: Page
    base_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, query: str = "") -> Page:
        """Load the dashboard (with an optional query string) and wait for every panel."""
        self.page.goto(f"{self.base_url}/{query}")
        wait_until_drawn(self.page)
        return self.page

    def api(self, path: str, **params: Any) -> Any:
        """What the API answers to the same question, to compare with the page."""
        return get_json(self.base_url, path, **params)


@pytest.fixture
def desk(browser: Browser, base_url: str) -> Iterator[Desk]:
    """A fresh tab on the dashboard; requests off 127.0.0.1 are recorded, then refused."""
    context = browser.new_context(viewport=VIEWPORT)
    visit = Desk(context.new_page(), base_url)

    def local_only(route: Route) -> None:
        if urllib.parse.urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    context.route("**/*", local_only)
    visit.page.on("request", lambda request: visit.requests.append(request.url))
    visit.page.on("pageerror", lambda error: visit.errors.append(str(error)))
    visit.page.on(
        "console", lambda msg: visit.errors.append(msg.text) if msg.type == "error" else None
    )
    try:
        yield visit
    finally:
        context.close()
