"""The packaged PLOVER codebook matches shared/PLOVER.md and answers lookups right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harmattan.events.codebook import Codebook, CodebookError, EventType, Mode
from harmattan.records import Factuality

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PLOVER_MD = SHARED / "PLOVER.md"
QUAD_CLASS_NUMBERS = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}
RECIPIENT_REQUIRED = {"yes": True, "no": False}


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    """The codebook shipped in the package."""
    return Codebook.load()


@pytest.fixture(scope="module")
def plover_md() -> str:
    """shared/PLOVER.md, the authority the data file must match."""
    if not PLOVER_MD.exists():
        pytest.fail(f"PLOVER.md is missing at {PLOVER_MD}; the checkout needs ../shared beside it")
    return PLOVER_MD.read_text(encoding="utf-8")


def _section(markdown: str, heading: str) -> str:
    """The text under the `## heading...` line, up to the next `## ` heading."""
    match = re.search(rf"^## {re.escape(heading)}[^\n]*\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert match is not None, f"PLOVER.md has no '## {heading}' section"
    return match.group(1)


def _type_rows(markdown: str) -> list[list[str]]:
    rows = []
    for line in _section(markdown, "Event types (16)").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and re.fullmatch(r"[A-Z]+", cells[0]):
            rows.append(cells)
    return rows


def _modes(markdown: str) -> dict[str, dict[str, float]]:
    modes: dict[str, dict[str, float]] = {}
    for line in _section(markdown, "Modes").splitlines():
        bullet = re.match(r"- ([A-Z]+)[^:]*: (.*)", line)
        if bullet:
            pairs = re.findall(r"([a-z][a-z-]*) \((-?\d+(?:\.\d+)?)\)", bullet.group(2))
            modes[bullet.group(1)] = {name: float(score) for name, score in pairs}
    return modes


def _cameo_rules(markdown: str) -> dict[str, str | None]:
    """CAMEO code -> PLOVER type (None: not coded), ranges like 081–083 expanded."""
    paragraph = _section(markdown, "CAMEO root code → PLOVER").split("For the reverse")[0]
    rules: dict[str, str | None] = {}
    for piece in paragraph.split("·"):
        codes, _, target = piece.rpartition(":")
        plover = None if target.strip().startswith("not coded") else target.strip(" .\n")
        for first, last in re.findall(r"\b(\d{2,3})(?:–(\d{2,3}))?\b", codes):
            for number in range(int(first), int(last or first) + 1):
                rules[str(number).zfill(len(first))] = plover
    return rules


def _codes(text: str) -> list[str]:
    """Three-letter upper-case codes outside parentheses."""
    return re.findall(r"\b[A-Z]{3}\b", re.sub(r"\([^)]*\)", "", text))


def test_codebook_types_match_plover_md_table(codebook: Codebook, plover_md: str) -> None:
    rows = _type_rows(plover_md)
    assert len(rows) == 16
    expected = [
        (name, RECIPIENT_REQUIRED[recipient], QUAD_CLASS_NUMBERS[quad], float(base))
        for name, _, recipient, quad, base in rows
    ]
    actual = [
        (t.name, t.recipient_required, t.quad_class, t.base_score) for t in codebook.types.values()
    ]
    assert actual == expected


def test_codebook_modes_match_plover_md_list(codebook: Codebook, plover_md: str) -> None:
    expected = _modes(plover_md)
    assert len(expected) == 11
    actual = {
        name: {mode.name: mode.score for mode in event_type.modes.values()}
        for name, event_type in codebook.types.items()
        if event_type.modes
    }
    assert actual == expected
    assert {t: list(m) for t, m in actual.items()} == {t: list(m) for t, m in expected.items()}


def test_codebook_contexts_match_plover_md_in_order(codebook: Codebook, plover_md: str) -> None:
    paragraph = _section(plover_md, "Contexts").strip()
    expected = tuple(name.strip() for name in paragraph.rstrip(".").split(","))
    assert len(expected) == 37
    assert codebook.contexts == expected


def test_codebook_factualities_match_plover_md_and_records(
    codebook: Codebook, plover_md: str
) -> None:
    named = re.findall(r"`([a-z]+)`\s+\(", _section(plover_md, "Factuality"))
    expected = list(dict.fromkeys(named))
    assert len(expected) == 5
    assert list(codebook.factualities) == expected
    assert list(codebook.factualities) == [f.value for f in Factuality]


def test_codebook_actor_codes_match_plover_md(codebook: Codebook, plover_md: str) -> None:
    actors = _section(plover_md, "Actors")
    country = re.search(r"- Country:(.*?)\n- ", actors, re.S)
    sector = re.search(r"- Sector:(.*?)\n- ", actors, re.S)
    assert country is not None
    assert sector is not None
    international = _codes(country.group(1).split("non-state international code:")[1])
    assert list(codebook.international_codes) == international
    assert international == ["IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"]
    assert list(codebook.sectors) == _codes(sector.group(1))
    assert len(codebook.sectors) == 25


def test_codebook_cameo_prefixes_match_plover_md(codebook: Codebook, plover_md: str) -> None:
    expected = _cameo_rules(plover_md)
    assert len(expected) == 26
    assert dict(codebook.cameo_prefixes) == expected


def test_codebook_accuse_base_score_is_negative_as_plover_md_decides(
    codebook: Codebook, plover_md: str
) -> None:
    assert "harmattan uses -3" in plover_md
    accuse = codebook.types["ACCUSE"]
    assert accuse.base_score == -3.0
    assert all(mode.score < 0 for mode in accuse.modes.values())
    assert codebook.quad_class("SANCTION") == 4


def test_codebook_every_cameo_root_maps_back_to_its_type(codebook: Codebook) -> None:
    roots = [(t.name, t.cameo_root) for t in codebook.types.values()]
    roots += [
        (t.name, m.cameo_root)
        for t in codebook.types.values()
        for m in t.modes.values()
        if m.cameo_root is not None
    ]
    under = {
        root: {t for p, t in codebook.cameo_prefixes.items() if p.startswith(root)}
        for _, root in roots
    }
    assert [(name, root) for name, root in roots if name not in under[root]] == []
    assert [root for root, found in under.items() if len(found) > 1] == ["08"]


def _reading_types(codebook: Codebook) -> set[str]:
    """Every event type the codebook's readings name."""
    readings = codebook.readings
    names = {r.becomes for r in (readings.promise, readings.threat, readings.refusal)}
    for recoding in (readings.promise, readings.threat, readings.refusal):
        names |= set(recoding.sources)
    for framing in (readings.order, readings.voiced_demand):
        names |= {framing.frame, framing.content}
    for by_sector in (readings.protest_by_forces, readings.protest_by_officials):
        names |= {by_sector.type, by_sector.becomes}
    return names


def test_codebook_readings_name_only_its_own_types_modes_and_sectors(codebook: Codebook) -> None:
    readings = codebook.readings
    assert _reading_types(codebook) <= set(codebook.types)
    for recoding in (readings.promise, readings.threat, readings.refusal):
        modes = codebook.types[recoding.becomes].modes
        assert {m for m in recoding.sources.values() if m is not None} <= set(modes), recoding
    for by_sector in (readings.protest_by_forces, readings.protest_by_officials):
        assert by_sector.mode is None or by_sector.mode in codebook.types[by_sector.becomes].modes
        assert by_sector.sectors.codes <= set(codebook.sectors), by_sector


def test_codebook_readings_promise_covers_plover_md_future_types(
    codebook: Codebook, plover_md: str
) -> None:
    agree = next(row for row in _type_rows(plover_md) if row[0] == "AGREE")
    match = re.search(r"Future-tense ([A-Z/]+) are AGREE", agree[1])
    assert match is not None, "PLOVER.md's AGREE row no longer says which future types are AGREE"
    assert codebook.readings.promise.becomes == "AGREE"
    assert set(match.group(1).split("/")) <= set(codebook.readings.promise.sources)


@pytest.mark.parametrize(
    ("sectors", "expected"),
    [(["MIL", "COP"], True), (["MIL", None], False), (["MIL", "GOV"], False), ([], False)],
)
def test_sector_recoding_applies_only_when_every_actor_is_of_its_sectors(
    codebook: Codebook, sectors: list[str | None], expected: bool
) -> None:
    assert codebook.readings.protest_by_forces.applies("PROTEST", sectors) is expected
    assert not codebook.readings.protest_by_forces.applies("ASSAULT", ["MIL"])


def test_sector_recoding_counts_an_unknown_sector_when_sectorless(codebook: Codebook) -> None:
    assert codebook.readings.protest_by_officials.applies("PROTEST", [None, "GOV"])
    assert not codebook.readings.protest_by_officials.applies("PROTEST", [None, "OPP"])


def test_codebook_descriptions_are_short_sentences(codebook: Codebook) -> None:
    descriptions = [t.description for t in codebook.types.values()]
    assert all(10 < len(d) <= 160 and d.endswith(".") for d in descriptions)
    glossary = [*codebook.sectors.values(), *codebook.international_codes.values()]
    assert all(m.endswith(".") for m in [*glossary, *codebook.factualities.values()])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DEMAND", ("REQUEST", None)),
        ("DISAPPROVE", ("ACCUSE", "disapprove")),
        ("INVESTIGATE", ("ACCUSE", "investigate")),
        ("FIGHT", ("ASSAULT", None)),
        ("fight", ("ASSAULT", None)),
        ("Assault", ("ASSAULT", None)),
        ("REQUEST", ("REQUEST", None)),
    ],
)
def test_canonical_type_maps_legacy_and_current_names(
    codebook: Codebook, name: str, expected: tuple[str, str | None]
) -> None:
    assert codebook.canonical_type(name) == expected


def test_canonical_type_lists_only_the_four_legacy_names(codebook: Codebook) -> None:
    assert set(codebook.legacy_names) == {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT"}


@pytest.mark.parametrize("name", ["ATTACK", "", "ASSAULT "])
def test_canonical_type_rejects_unknown_names(codebook: Codebook, name: str) -> None:
    with pytest.raises(CodebookError, match="is not a PLOVER event type; use one of AGREE"):
        codebook.canonical_type(name)


def test_event_type_accepts_legacy_names(codebook: Codebook) -> None:
    assert codebook.event_type("demand") is codebook.types["REQUEST"]
    assert codebook.event_type("FIGHT").modes["drone"] == Mode("drone", -9.5, "19")


@pytest.mark.parametrize(
    ("type_name", "mode", "expected"),
    [
        ("ACCUSE", None, -3.0),
        ("ACCUSE", "investigate", -3.5),
        ("INVESTIGATE", None, -3.5),
        ("DISAPPROVE", "disapprove", -2.0),
        ("ASSAULT", None, -9.0),
        ("ASSAULT", "unconventional", -10.0),
        ("assault", "Heavy-Weapons", -9.5),
        ("RETREAT", "disarm", 10.0),
        ("AID", None, 10.0),
        ("REQUEST", "meet", 0.0),
        ("COERCE", "martial-law", -7.5),
    ],
)
def test_score_uses_mode_else_base(
    codebook: Codebook, type_name: str, mode: str | None, expected: float
) -> None:
    assert codebook.score(type_name, mode) == expected


@pytest.mark.parametrize(
    ("type_name", "mode", "message"),
    [
        ("AID", "visit", "AID has no mode 'visit'; its modes are: none"),
        ("CONSULT", "riot", "CONSULT has no mode 'riot'; its modes are: visit, third-party"),
        ("DISAPPROVE", "allege", "'DISAPPROVE' means ACCUSE with mode 'disapprove'"),
    ],
)
def test_score_rejects_unknown_or_conflicting_modes(
    codebook: Codebook, type_name: str, mode: str, message: str
) -> None:
    with pytest.raises(CodebookError, match=re.escape(message)):
        codebook.score(type_name, mode)


@pytest.mark.parametrize(
    ("type_name", "mode", "expected"),
    [
        ("ACCUSE", None, "11"),
        ("ACCUSE", "investigate", "09"),
        ("ACCUSE", "allege", "11"),
        ("INVESTIGATE", None, "09"),
        ("ASSAULT", None, "18"),
        ("ASSAULT", "abduct", "18"),
        ("ASSAULT", "firearms", "19"),
        ("ASSAULT", "aerial", "19"),
        ("ASSAULT", "unconventional", "20"),
        ("FIGHT", "drone", "19"),
        ("RETREAT", "release", "08"),
        ("CONCEDE", None, "08"),
        ("COOPERATE", None, "06"),
        ("REQUEST", "yield", "10"),
        ("SANCTION", "convict", "16"),
        ("AGREE", None, "03"),
    ],
)
def test_cameo_root_uses_mode_root_else_type_root(
    codebook: Codebook, type_name: str, mode: str | None, expected: str
) -> None:
    assert codebook.cameo_root(type_name, mode) == expected


@pytest.mark.parametrize(
    ("type_name", "expected"),
    [("AGREE", 1), ("CONCEDE", 1), ("RETREAT", 2), ("ACCUSE", 3), ("SANCTION", 4), ("FIGHT", 4)],
)
def test_quad_class_follows_plover_md(codebook: Codebook, type_name: str, expected: int) -> None:
    assert codebook.quad_class(type_name) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("0811", "CONCEDE"),
        ("083", "CONCEDE"),
        ("085", "RETREAT"),
        ("0874", "RETREAT"),
        ("10", "REQUEST"),
        ("02", "REQUEST"),
        ("145", "PROTEST"),
        ("190", "ASSAULT"),
        ("2042", "ASSAULT"),
        ("09", "ACCUSE"),
        ("01", None),
        ("010", None),
        ("08", None),
        ("080", None),
    ],
)
def test_plover_for_cameo_uses_longest_prefix(
    codebook: Codebook, code: str, expected: str | None
) -> None:
    assert codebook.plover_for_cameo(code) == expected


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("8", "is not a CAMEO code"),
        ("19a", "is not a CAMEO code"),
        ("01234", "is not a CAMEO code"),
        ("21", "has no CAMEO root the codebook knows"),
        ("00", "has no CAMEO root the codebook knows"),
    ],
)
def test_plover_for_cameo_rejects_non_codes(codebook: Codebook, code: str, message: str) -> None:
    with pytest.raises(CodebookError, match=message):
        codebook.plover_for_cameo(code)


def test_codebook_types_are_frozen(codebook: Codebook) -> None:
    assault = codebook.types["ASSAULT"]
    assert isinstance(assault, EventType)
    with pytest.raises(TypeError, match="does not support item assignment"):
        assault.modes["kick"] = Mode("kick", -7.0, None)  # type: ignore[index]  # proves it is read-only


def _packaged_toml() -> str:
    path = Path(__file__).resolve().parents[2] / "src" / "harmattan" / "events" / "codebook.toml"
    return path.read_text(encoding="utf-8")


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = _packaged_toml()
    assert old in text, f"the test's anchor {old!r} is no longer in codebook.toml"
    path = tmp_path / "codebook.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_from_path_reads_an_unchanged_copy(tmp_path: Path, codebook: Codebook) -> None:
    copy = _broken(tmp_path, "version = 1", "version = 1")
    assert Codebook.from_path(copy) == codebook


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        (
            '{ name = "torture", score = -8.5, cameo_root = "18" }',
            '{ name = "torture", score = -12, cameo_root = "18" }',
            "types.ASSAULT.modes.torture.score",
            "score -12 is outside [-10, 10]",
        ),
        (
            '{ name = "phone", score = 1.5 }',
            '{ name = "visit", score = 1.5 }',
            "types.CONSULT.modes.visit",
            "mode 'visit' is listed twice",
        ),
        (
            'cameo_root = "03"\n',
            'cameo_root = "03"\ngoldstein = 3.4\n',
            "types.AGREE.goldstein",
            "unknown key",
        ),
        (
            "recipient_required = true\nquad_class = 2\nbase_score = 9.5\n",
            "quad_class = 2\nbase_score = 9.5\n",
            "types.COOPERATE.recipient_required",
            "missing",
        ),
        (
            "quad_class = 4\nbase_score = -9\n",
            "quad_class = 5\nbase_score = -9\n",
            "types.ASSAULT.quad_class",
            "5 is not one of 1, 2, 3, 4",
        ),
        (
            'cameo_root = "13"',
            'cameo_root = "13x"',
            "types.THREATEN.cameo_root",
            "'13x' is not a two-digit CAMEO root",
        ),
        (
            '"17" = "COERCE"',
            '"17" = "REPRESS"',
            "cameo.plover.17",
            "'REPRESS' is not an event type",
        ),
        (
            'FIGHT = { type = "ASSAULT" }',
            'FIGHT = { type = "ASSAULT", mode = "kick" }',
            "legacy_names.FIGHT.mode",
            "'kick' is not a mode of ASSAULT",
        ),
        (
            '"trafficking",\n',
            '"trafficking", "crime",\n',
            "contexts[37]",
            "'crime' is listed twice",
        ),
        ("version = 1", "version = 2", "version", "version 2 is not 1"),
        ("[sectors]", "[sector]", "sector", "unknown key"),
        (
            'types = ["CONSULT", "SUPPORT"',
            'types = ["CONFER", "SUPPORT"',
            "readings.promise.types[0]",
            "'CONFER' is not an event type in this file; use one of AGREE",
        ),
        (
            'becomes = "AGREE"',
            'becomes = "PLEDGE"',
            "readings.promise.becomes",
            "'PLEDGE' is not an event type in this file",
        ),
        (
            'ASSAULT = "violence"',
            'ASSAULT = "bombing"',
            "readings.threat.modes.ASSAULT",
            "'bombing' is not a mode of THREATEN",
        ),
        (
            'modes = { ASSAULT = "violence"',
            'modes = { ATTACK = "violence"',
            "readings.threat.modes.ATTACK",
            "'ATTACK' is not an event type in this file",
        ),
        (
            'frame = "REQUEST"\ncontent = "COERCE"',
            'frame = "REQUEST"\ncontent = "REPRESS"',
            "readings.order.content",
            "'REPRESS' is not an event type in this file",
        ),
        (
            'frame = "PROTEST"\ncontent = "REQUEST"',
            'frame = "PROTEST"\ncontent = "DEMAND"',
            "readings.voiced_demand.content",
            "'DEMAND' is not an event type in this file",
        ),
        (
            'sectors = ["MIL", "COP", "PRM"]',
            'sectors = ["MIL", "COP", "ARMY"]',
            "readings.protest_by_forces.sectors[2]",
            "'ARMY' is not a valid entry",
        ),
        (
            'sectors = ["MIL", "COP", "PRM"]',
            'sectors = ["MIL", "COP", "XYZ"]',
            "readings.protest_by_forces.sectors[2]",
            "'XYZ' is not a sector in this file's [sectors]",
        ),
        (
            'becomes = "ACCUSE"\nmode = "disapprove"',
            'becomes = "ACCUSE"\nmode = "condemn"',
            "readings.protest_by_officials.mode",
            "'condemn' is not a mode of ACCUSE",
        ),
        (
            'types = ["AGREE", "CONCEDE", "AID"]',
            'modes = { AGREE = "yield" }\ntypes = ["AGREE"]',
            "readings.refusal",
            "give either 'types' (no mode) or 'modes' (type -> mode)",
        ),
        (
            "[readings.voiced_demand]",
            "[readings.voiced_protest]",
            "readings.voiced_protest",
            "unknown key",
        ),
    ],
)
def test_from_path_rejects_broken_data_naming_the_key(
    tmp_path: Path, old: str, new: str, key: str, problem: str
) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(CodebookError, match=re.escape(f"{path}: {key}: {problem}")) as caught:
        Codebook.from_path(path)
    assert caught.value.key == key
    assert "fix the codebook data file" in str(caught.value)


def test_from_path_rejects_invalid_toml(tmp_path: Path) -> None:
    path = _broken(tmp_path, "[types.AGREE]", "[types.AGREE")
    with pytest.raises(CodebookError, match=r"not valid TOML: .*line \d+"):
        Codebook.from_path(path)


def test_from_path_rejects_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(
        CodebookError, match=f"cannot read the codebook at {re.escape(str(missing))}"
    ):
        Codebook.from_path(missing)
