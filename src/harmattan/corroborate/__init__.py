"""Deduplication, cross-article event identity, sources and first reports."""

from harmattan.corroborate.dedup import near_duplicates
from harmattan.corroborate.mentions import CorroborationError, Mention, mentions_of
from harmattan.corroborate.stories import corroborate

__all__ = [
    "CorroborationError",
    "Mention",
    "corroborate",
    "mentions_of",
    "near_duplicates",
]
