"""harmattan's one exception tree: every message says what was wrong and what to do."""

from __future__ import annotations


class HarmattanError(Exception):
    """Base of every error harmattan raises on purpose."""


class InputError(HarmattanError):
    """A piece of input cannot become an article; it is quarantined, the batch goes on."""

    def __init__(self, reason: str, *, location: str = "", excerpt: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.location = location
        self.excerpt = excerpt


class StageError(HarmattanError):
    """A stage failed on one article: the article is quarantined and the batch goes on."""

    def __init__(self, stage: str, error: Exception) -> None:
        detail = (str(error).strip().splitlines() or [""])[0][:200]
        super().__init__(f"{stage} failed: {type(error).__name__}: {detail}".rstrip(": "))
        self.stage = stage


class StoreError(HarmattanError):
    """The database cannot be opened, migrated or queried."""


class DatabaseBusyError(StoreError):
    """Another process holds the database file; it may be free again soon."""

    def __init__(self, message: str, holder: int | None) -> None:
        super().__init__(message)
        self.holder = holder
        """The process id holding the file, when DuckDB says."""


class ModelError(HarmattanError):
    """The spaCy pipeline cannot be loaded."""
