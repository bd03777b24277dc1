"""How the API runs. Kept apart from the app so the CLI can read it without FastAPI."""

from __future__ import annotations

from dataclasses import dataclass

from harmattan.desk import DeskAddress

DEFAULT_MAX_BODY = 5_000_000
"""Bytes an ingest request may carry (5 MB)."""
TOKEN_ENV = "HARMATTAN_TOKEN"
"""The environment variable whose value, when set, enables POST /api/ingest."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Which database the app serves, and whether (and with what token) it takes writes."""

    db_path: str
    token: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY
    watch: tuple[str, ...] = ()
    """Folders and feed files to ingest from while serving (`serve --watch`)."""
    watch_interval: float = 2.0
    """Seconds between two looks at the watched paths."""
    notify_url: str | None = None
    """Where each alert fired while serving is POSTed as JSON (`serve --notify-url`)."""
    desk: DeskAddress | None = None
    """Where a CLI ingest beside this server hands its articles, with what secret
    (harmattan.desk); published beside the database while the server runs."""

    @property
    def writable(self) -> bool:
        """Whether the app writes to the database (an ingest token, or a watch)."""
        return self.token is not None or bool(self.watch)
