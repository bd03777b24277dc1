"""Watching folders and feed files: what landed since the last look, read once.

`FolderWatch(paths).poll()` returns the items of what is new under the watched paths:

- a JSON Lines file (`.jsonl`, `.ndjson`) is read up to its last complete line, and when
  it grows only its new complete lines are read: a line being written is left for the
  next look, and the lines read are never read again;
- any other file (seed text, HTML, a feed, a WARC) is read once its size and modification
  time have not changed between two looks, so a file still being copied is not read
  half-written; a feed file rewritten in place is read again (its known articles are
  skipped by the ingest run before any NLP);
- names that say a file is unfinished or hidden (`*.part`, `*.tmp`, `*.crdownload`,
  `*~`, dot-files) are never read: write there, then rename.

What was read is remembered for the life of the watch; a restarted watch reads the
folders again from the start, which the ingest run makes harmless (stored articles are
skipped before any language processing, quarantine rows are not repeated).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from harmattan.ingest import ReadOptions, file_suffix, read_bytes
from harmattan.ingest.jsonl import read_jsonl_bytes
from harmattan.records import Article, Quarantined

_UNFINISHED = (".part", ".tmp", ".partial", ".crdownload", "~")
_JSON_LINES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class _Seen:
    """A file as the last look found it, and how much of it has been read."""

    inode: int
    size: int
    mtime_ns: int
    read: int  # bytes read: complete lines of a JSONL file, or the whole of another


class FolderWatch:
    """New and grown files under folders (and single files), read once each."""

    def __init__(self, paths: Sequence[str | Path], options: ReadOptions) -> None:
        self.paths = [Path(p) for p in paths]
        self.options = options
        self._seen: dict[Path, _Seen] = {}

    def poll(self) -> list[Article | Quarantined]:
        """The articles and quarantined items of what is new since the last poll."""
        found: list[Article | Quarantined] = []
        for path in self._files():
            try:
                stat = path.stat()
            except OSError:
                continue  # gone since it was listed: a rename in progress
            now = _Seen(stat.st_ino, stat.st_size, stat.st_mtime_ns, 0)
            before = self._seen.get(path)
            try:
                if path.name.lower().endswith(_JSON_LINES):
                    found += self._new_lines(path, now, before)
                else:
                    found += self._settled(path, now, before)
            except OSError as err:
                # One unreadable file is a quarantine row, once; the others are read.
                self._seen[path] = _Seen(now.inode, now.size, now.mtime_ns, now.size)
                found.append(
                    Quarantined(str(path), "file", f"cannot read file: {err.strerror}", "")
                )
        return found

    def _files(self) -> Iterator[Path]:
        for root in self.paths:
            try:
                candidates = sorted(root.rglob("*")) if root.is_dir() else [root]
            except OSError:
                continue  # the folder is gone or unreadable now: the next look tries again
            for path in candidates:
                relative = path.relative_to(root).parts if root.is_dir() else (path.name,)
                if (
                    path.is_file()
                    and not any(part.startswith(".") for part in relative)
                    and not path.name.lower().endswith(_UNFINISHED)
                ):
                    yield path

    def _new_lines(
        self, path: Path, now: _Seen, before: _Seen | None
    ) -> list[Article | Quarantined]:
        # A file replaced (another inode) or cut shorter is read from its start.
        same = before is not None and before.inode == now.inode and before.read <= now.size
        start = before.read if same and before is not None else 0
        if now.size == start:
            return []
        with path.open("rb") as file:
            file.seek(start)
            data = file.read(now.size - start)
        complete = data.rfind(b"\n") + 1
        self._seen[path] = _Seen(now.inode, now.size, now.mtime_ns, start + complete)
        if complete == 0:
            return []  # not one whole line yet
        # Lines after the first read are named by the byte they start at in the origin.
        origin = str(path) if start == 0 else f"{path} (from byte {start})"
        return list(read_jsonl_bytes(data[:complete], origin, self.options))

    def _settled(self, path: Path, now: _Seen, before: _Seen | None) -> list[Article | Quarantined]:
        unchanged = before is not None and (before.inode, before.size, before.mtime_ns) == (
            now.inode, now.size, now.mtime_ns,
        )  # fmt: skip
        if not unchanged:
            # New or changed since the last look: read it once it stops changing.
            self._seen[path] = _Seen(now.inode, now.size, now.mtime_ns, -1)
            return []
        if before is not None and before.read == now.size:
            return []  # read already, unchanged since
        self._seen[path] = _Seen(now.inode, now.size, now.mtime_ns, now.size)
        return list(read_bytes(path.read_bytes(), str(path), self.options, file_suffix(path)))
