"""A screenshot of the dashboard over the demo database: `python tests/web/screenshot.py OUT.png`.

It ingests the sample corpus and the seed article into a temporary DuckDB file, serves it
with uvicorn on 127.0.0.1, opens the dashboard in Chromium at 1400x1000 on a report whose
sources disagree, and writes a full-page PNG. The browser tests reuse its helpers.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright, ViewportSize, sync_playwright

from harmattan.api.settings import Settings
from harmattan.cli import sample_corpus
from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources
from harmattan.service import ingest
from harmattan.store.db import Store

# Run as a script, the repository root is not on the path; the server helper lives there.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.serving import running

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seeds" / "000_674a87777b4e68e7.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT: ViewportSize = {"width": 1400, "height": 1000}
CHROMIUM_MISSING = (
    f"Chromium is missing at {CHROMIUM}: the dashboard tests drive Debian's Chromium. "
    "Run `make browser` (as root) to install it."
)


def build_database(path: Path, resources: Resources, sources: Sequence[Path]) -> Path:
    """Ingest `sources` into a new DuckDB file at `path`, as `harmattan ingest` does."""
    items = read_sources([str(s) for s in sources], ReadOptions())
    with Store(path) as store:
        ingest(items, store, resources)
    return path


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's headless Chromium; RuntimeError saying to run `make browser` if it is absent."""
    if not CHROMIUM.exists():
        raise RuntimeError(CHROMIUM_MISSING)
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


def wait_until_drawn(page: Page) -> None:
    """Wait for every panel of the dashboard to be drawn from the API."""
    page.wait_for_selector("body[data-state='ready']")
    page.wait_for_selector("#map path.country.has-events")
    page.wait_for_selector("#timeline .bar")
    page.wait_for_selector("#network .node")
    page.wait_for_selector("#events tbody tr")


def take_screenshot(base_url: str, output: Path) -> None:
    """Open the dashboard on a report of a contradicted story and save a full-page PNG."""
    with urllib.request.urlopen(f"{base_url}/api/stories?contradicted=true", timeout=30) as r:
        stories = json.load(r)["items"]
    if not stories:
        raise RuntimeError("the demo database has no contradicted story to show")
    mention = stories[0]["mentions"][-1]
    query = urllib.parse.urlencode({"article": mention["article_id"], "event": mention["event_id"]})
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(f"{base_url}/?{query}")
            wait_until_drawn(page)
            page.wait_for_selector("#article-text mark.evidence")
            page.wait_for_selector("#story .contradiction")
            page.mouse.move(0, 0)
            page.screenshot(path=str(output), full_page=True)
        finally:
            browser.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Build the demo database, serve it and write the screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="PNG file to write")
    args = parser.parse_args(argv)
    if not SEED.exists():
        parser.error(f"the seed article is missing at {SEED}")
    with tempfile.TemporaryDirectory() as tmp:
        db = build_database(Path(tmp) / "demo.duckdb", Resources.load(), [sample_corpus(), SEED])
        with running(Settings(str(db))) as base_url:
            take_screenshot(base_url, args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
