"""Deduplication, cross-article event identity, sources and first reports."""
