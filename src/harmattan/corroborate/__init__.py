"""Deduplication, cross-article event identity, sources and first reports."""

from harmattan.corroborate.dedup import Duplicate, near_duplicates
from harmattan.corroborate.mentions import CorroborationError, Mention, mentions_of
from harmattan.corroborate.stories import Corroboration, corroborate

__all__ = [
    "Corroboration",
    "CorroborationError",
    "Duplicate",
    "Mention",
    "corroborate",
    "mentions_of",
    "near_duplicates",
]
