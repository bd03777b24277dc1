"""What the lexicon tests share: the packaged trigger file, and a copy of it with one change."""

from __future__ import annotations

from pathlib import Path

TRIGGERS = Path(__file__).resolve().parents[2] / "src" / "harmattan" / "events" / "triggers.toml"


def changed_triggers(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the packaged triggers.toml with one change."""
    text = TRIGGERS.read_text(encoding="utf-8")
    assert old in text, f"the test's anchor {old!r} is no longer in triggers.toml"
    path = tmp_path / "triggers.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path
