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


class StoreError(HarmattanError):
    """The database cannot be opened, migrated or queried."""


class ModelError(HarmattanError):
    """The spaCy pipeline cannot be loaded."""
