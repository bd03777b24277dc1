"""No request answers a bare 500: Hypothesis fuzzes every endpoint of a real server.

The operations and their parameters are read from the server's own OpenAPI schema, so
an endpoint added later is fuzzed too. Every answer must be a success or a 4xx that says
what was wrong; an internal error is a 500 naming an error id and nothing else.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmattan.api.app import create_app
from harmattan.api.settings import Settings
from tests.serving import running, serving

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,  # the same requests on every run: a red CI can be replayed
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What careless users and broken scripts put in query strings, besides random text.
AWKWARD = (
    "%", "_", "%_%", "'", '"', "\\", ";--", "\x00", " ", "", "-1", "0", "1e400", "NaN",
    "inf", "true", "9" * 30, "-" + "9" * 30, "2023-02-30", "9999-12-31", "0001-01-01",
    "1970-01-01T00:00:00", "../../etc/passwd", "<script>", "SANCTION", "NER", "ner",
)  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(max_size=30),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.dates().map(str),
)


# Integers at the edges of 32, 53, 63 and 64 bits, where databases and JSON break.
EDGES = tuple(str(sign * (2**bits + delta)) for bits in (31, 53, 62, 63, 64) for delta in (-1, 0, 1)
              for sign in (1, -1))  # fmt: skip


def _valid(schema: dict[str, Any], components: dict[str, Any]) -> st.SearchStrategy[str]:
    """Values a parameter's schema accepts, edges of its range included, so that a
    request gets past validation to the database."""
    if "$ref" in schema:
        return _valid(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    if "anyOf" in schema:
        return st.one_of(*(_valid(option, components) for option in schema["anyOf"]))
    if "enum" in schema:
        return st.sampled_from([str(v) for v in schema["enum"]])
    kind = schema.get("type")
    if kind == "integer":
        low, high = schema.get("minimum", -(2**70)), schema.get("maximum", 2**70)
        return st.one_of(st.integers(low, high), st.sampled_from([low, high])).map(str)
    if kind == "boolean":
        return st.sampled_from(["true", "false", "1", "0"])
    if schema.get("format") == "date":
        return st.dates().map(str)
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True)
    if kind == "string":
        return st.one_of(st.sampled_from(AWKWARD), st.text(max_size=schema.get("maxLength", 40)))
    return st.just("")  # "null": the parameter left empty


Operation = tuple[str, list[dict[str, Any]]]


def _operations(schema: dict[str, Any]) -> list[Operation]:
    """Every GET path of the schema with its parameters, but the server-sent event
    streams: an answer that never ends (tests/test_cli_serve.py reads one)."""
    return [
        (path, spec.get("parameters", []))
        for path, methods in sorted(schema["paths"].items())
        for method, spec in methods.items()
        if method == "get" and not path.endswith("/stream")
    ]


@pytest.fixture(scope="module")
def schema(api: httpx.Client) -> dict[str, Any]:
    found: dict[str, Any] = api.get("/openapi.json").json()
    assert len(_operations(found)) >= 10
    return found


@st.composite
def requests(draw: st.DrawFn, schema: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """A request valid but for at most one parameter, which holds an edge value or
    awkward text: every check and every query behind it are reached."""
    components = schema.get("components", {}).get("schemas", {})
    path, parameters = draw(st.sampled_from(_operations(schema)))
    query: dict[str, str] = {}
    for parameter in parameters:
        value = draw(_valid(parameter.get("schema", {}), components))
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", quote(value, safe="") or "x")
        elif draw(st.booleans()):
            query[parameter["name"]] = value
    names = [p["name"] for p in parameters if p["in"] == "query"] + ["unknown"]
    if draw(st.booleans()):
        query[draw(st.sampled_from(names))] = draw(st.one_of(st.sampled_from(EDGES), VALUES))
    return path, query


@FUZZ
@given(data=st.data())
def test_no_endpoint_answers_500_to_any_parameters(
    api: httpx.Client, schema: dict[str, Any], data: st.DataObject
) -> None:
    path, query = data.draw(requests(schema))
    answer = api.get(path, params=query)
    assert answer.status_code < 500, (path, query, answer.text)
    if answer.is_redirect:
        # "/api/stories/%2F" is "/api/stories/": redirected to the listing.
        assert answer.headers["location"]
        return
    body = answer.json()
    if answer.status_code >= 400:
        assert body["detail"], (path, query)
    else:
        assert isinstance(body, dict | list)


def test_an_offset_past_64_bits_is_refused_not_answered_500(api: httpx.Client) -> None:
    answer = api.get("/api/events", params={"offset": "99999999999999999999"})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "offset"]


@pytest.fixture(scope="module")
def writer(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A client of a server that takes POST /api/ingest, over a copy of the sample."""
    path = tmp_path_factory.mktemp("fuzz") / "writable.duckdb"
    path.write_bytes(sample_db.read_bytes())
    settings = Settings(str(path), token="s3cret", max_body_bytes=200_000)
    headers = {"Authorization": "Bearer s3cret"}
    with (
        running(settings) as url,
        httpx.Client(base_url=url, timeout=120, headers=headers) as client,
    ):
        yield client


GOOD = {
    "text": "Soldiers closed the border crossing at Gaya on Tuesday, officials said.",
    "published": "2023-08-02",
    "source": "Fuzz Wire",
}
LINES = st.one_of(
    st.binary(max_size=60),
    st.text(max_size=60).map(str.encode),
    st.builds(
        lambda text, published: json.dumps({"text": text, "published": published}).encode(),
        st.text(max_size=80),
        st.one_of(st.sampled_from(AWKWARD), st.dates().map(str), st.text(max_size=12)),
    ),
    st.integers(min_value=1, max_value=5000).map(lambda n: b"[" * n + b"]" * n),
)


@settings(FUZZ, max_examples=40)
@given(lines=st.lists(LINES, max_size=4))
def test_ingest_answers_every_body_with_counts_not_500(
    writer: httpx.Client, lines: list[bytes]
) -> None:
    body = b"\n".join(lines)
    answer = writer.post("/api/ingest", content=body)
    assert answer.status_code == 200, answer.text
    counts = answer.json()
    assert counts["quarantined"] == len(counts["problems"])
    assert all(p["reason"] and p["where"] for p in counts["problems"])


def test_ingest_stores_the_good_lines_beside_ones_that_broke_it(writer: httpx.Client) -> None:
    # Each of these once aborted the whole body with a bare 500.
    deep = b'{"text": ' + b"[" * 10_000 + b"]" * 10_000 + b', "published": "2023-08-02"}'
    late = {"text": "The junta will answer next month.", "published": "9999-12-31"}
    early = {"text": "Troops left the capital yesterday.", "published": "0001-01-01"}
    good = [{**GOOD, "text": f"{GOOD['text']} Report {n}."} for n in range(3)]
    lines = [json.dumps(good[0]).encode(), deep, json.dumps(late).encode()]
    lines += [
        json.dumps(good[1]).encode(),
        json.dumps(early).encode(),
        json.dumps(good[2]).encode(),
    ]
    counts = writer.post("/api/ingest", content=b"\n".join(lines)).json()
    assert (counts["ingested"], counts["quarantined"]) == (3, 3)
    assert [p["where"] for p in counts["problems"]] == ["line 2", "line 3", "line 5"]
    reasons = " | ".join(p["reason"] for p in counts["problems"])
    assert "nested" in reasons, reasons
    assert "year" in reasons, reasons
    found = writer.get("/api/articles", params={"q": "border crossing at Gaya"}).json()
    assert found["total"] == 3


def test_an_internal_error_is_a_500_with_an_error_id_and_no_internals(
    sample_db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "damaged.duckdb"
    path.write_bytes(sample_db.read_bytes())
    app = create_app(Settings(str(path), token="s3cret"))
    with (
        serving(app, str(path)) as url,
        httpx.Client(base_url=url) as client,
        caplog.at_level(logging.ERROR, logger="harmattan.api.app"),
    ):
        # The store loses a table under the running server: a real, unforeseen error.
        app.state.desk.store.con.execute("DROP TABLE quarantine")
        answer = client.get("/api/stats")
    assert answer.status_code == 500
    body = answer.json()
    assert re.fullmatch(r"[0-9a-f]{12}", body["error_id"])
    assert body["detail"] == f"internal error {body['error_id']}: the server's log has the details"
    assert "quarantine" not in answer.text
    (logged,) = [r for r in caplog.records if r.name == "harmattan.api.app"]
    assert logged.getMessage() == f"error {body['error_id']} on GET /api/stats"
    assert logged.exc_info is not None
    assert "quarantine" in str(logged.exc_info[1])
