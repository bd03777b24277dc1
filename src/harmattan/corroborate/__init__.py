"""Deduplication, cross-article event identity, sources and first reports."""

from harmattan.corroborate.dedup import near_duplicates
from harmattan.corroborate.mentions import CorroborationError, Mention, mentions_of
from harmattan.corroborate.stories import corroborate
from harmattan.corroborate.update import Remembered, StoryIndex, rebuild_stories, update_stories

__all__ = [
    "CorroborationError",
    "Mention",
    "Remembered",
    "StoryIndex",
    "corroborate",
    "mentions_of",
    "near_duplicates",
    "rebuild_stories",
    "update_stories",
]
