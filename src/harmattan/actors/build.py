"""Rebuild `data/countries.json` from pycountry merged with our `data/countries_extra.json`.

Run `python -m harmattan.actors.build` after editing `countries_extra.json` or upgrading
pycountry; `--check` only reports whether the committed file is up to date.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pycountry

from harmattan.actors.dictionary import ActorDataError

DATA_DIR = Path(__file__).resolve().parent / "data"
EXTRA_FILE = "countries_extra.json"
COUNTRIES_FILE = "countries.json"
_EXTRA_KEYS = frozenset({"code", "name", "aliases", "demonyms", "capitals", "drop"})


def render(rows: Sequence[Mapping[str, Any]]) -> str:
    """The canonical text of a data file: pretty-printed JSON, UTF-8 characters kept."""
    return json.dumps(list(rows), indent=2, ensure_ascii=False) + "\n"


def build_countries(extra: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every ISO 3166 country from pycountry, plus our additions, sorted by code.

    ISO names that are inverted or qualified ("Korea, Republic of", "Saint Martin (French
    part)") are not names a news text uses, so they are left out of the aliases.
    """
    by_code: dict[str, Mapping[str, Any]] = {}
    for row in extra:
        code = row.get("code")
        unknown = row.keys() - _EXTRA_KEYS
        if not isinstance(code, str) or unknown:
            raise ActorDataError(
                f"{EXTRA_FILE}: entry {code!r} needs a 'code' and only the keys "
                f"{sorted(_EXTRA_KEYS)} (unknown: {sorted(unknown)})"
            )
        if code in by_code:
            raise ActorDataError(f"{EXTRA_FILE}: {code} appears twice")
        by_code[code] = row

    rows: dict[str, dict[str, Any]] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        ours = by_code.get(code, {})
        iso_names = _usable(
            [
                country.name,
                getattr(country, "official_name", None),
                getattr(country, "common_name", None),
            ]
        )
        dropped = set(ours.get("drop", []))
        if not dropped <= set(iso_names):
            raise ActorDataError(
                f"{EXTRA_FILE}: {code} drops {sorted(dropped - set(iso_names))}, "
                "which pycountry does not give as a name"
            )
        rows[code] = _row(
            code,
            ours.get("name") or getattr(country, "common_name", None) or country.name,
            [n for n in iso_names if n not in dropped],
            ours,
        )
    for code, ours in by_code.items():
        if code in rows:
            continue
        if not ours.get("name"):
            raise ActorDataError(
                f"{EXTRA_FILE}: {code} is not an ISO 3166 code known to pycountry, "
                "so it needs a 'name'"
            )
        rows[code] = _row(code, ours["name"], [], ours)
    return [rows[code] for code in sorted(rows)]


def _usable(names: Iterable[str | None]) -> list[str]:
    usable = []
    for name in names:
        if not name or "," in name or "(" in name:
            continue
        if name.lower().startswith("the "):
            name = name[4:]
        usable.append(name)
    return list(dict.fromkeys(usable))


def _row(code: str, name: str, iso_names: list[str], ours: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "aliases": list(dict.fromkeys([*iso_names, *ours.get("aliases", [])])),
        "demonyms": list(ours.get("demonyms", [])),
        "capitals": list(ours.get("capitals", [])),
    }


def build_text(data_dir: Path = DATA_DIR) -> str:
    """The text `countries.json` should have, built from `countries_extra.json` in `data_dir`."""
    extra_path = data_dir / EXTRA_FILE
    try:
        extra = json.loads(extra_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ActorDataError(f"cannot read {extra_path}: {error}") from None
    if not isinstance(extra, list) or not all(isinstance(row, dict) for row in extra):
        raise ActorDataError(f"{extra_path} must hold a JSON list of objects")
    return render(build_countries(extra))


def main(argv: Sequence[str] | None = None) -> int:
    """Write `countries.json`, or with `--check` report whether it is up to date."""
    parser = argparse.ArgumentParser(
        prog="python -m harmattan.actors.build", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the file is out of date"
    )
    args = parser.parse_args(argv)
    try:
        text = build_text()
    except ActorDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    target = DATA_DIR / COUNTRIES_FILE
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run python -m harmattan.actors.build", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(json.loads(text))} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
