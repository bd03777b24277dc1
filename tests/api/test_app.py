"""The API over a real uvicorn on 127.0.0.1: reads, filters, errors, and the guarded write."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from harmattan.api.settings import Settings
from tests.serving import running


def test_api_events_filtered_by_country_and_factuality_carry_evidence(
    api: httpx.Client,
) -> None:
    page = api.get("/api/events", params={"country": "NER", "factuality": "asserted"}).json()
    assert page["total"] > 20
    articles: dict[str, str] = {}
    for event in page["items"]:
        assert event["factuality"] == "asserted"
        parties = [p["country"] for p in (*event["actors"], *event["recipients"])]
        assert "NER" in (*parties, event["location"]["country"])
        article_id = event["article_id"]
        if article_id not in articles:
            record = api.get(f"/api/articles/{article_id}").json()["record"]
            articles[article_id] = record["article"]["text"]
        text = articles[article_id]
        sentence, trigger = event["sentence"], event["trigger"]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
        for party in (*event["actors"], *event["recipients"]):
            assert text[party["start"] : party["end"]] == party["text"]


def test_api_events_pages_are_stable_and_complete(api: httpx.Client) -> None:
    whole = api.get("/api/events", params={"limit": 1000}).json()
    paged: list[str] = []
    for offset in range(0, whole["total"], 25):
        page = api.get("/api/events", params={"limit": 25, "offset": offset}).json()
        assert page["total"] == whole["total"]
        paged += [e["id"] for e in page["items"]]
    assert paged == [e["id"] for e in whole["items"]]
    assert len(set(paged)) == whole["total"] > 150


def test_api_events_text_search_finds_words_of_the_evidence(api: httpx.Client) -> None:
    page = api.get("/api/events", params={"q": "Wagner"}).json()
    assert page["total"] > 0
    assert all(
        "wagner" in (e["sentence"]["text"] + e["trigger"]["text"]).lower() for e in page["items"]
    )


@pytest.mark.parametrize("params", [{"actor": "%"}, {"q": "_"}, {"q": "%"}, {"actor": "\\"}])
def test_api_search_wildcards_are_taken_literally(
    api: httpx.Client, params: dict[str, str]
) -> None:
    # No actor name, evidence or trigger in the sample holds "%", "_" or a backslash.
    page = api.get("/api/events", params=params).json()
    assert page["total"] == 0


def test_api_article_search_wildcards_are_taken_literally(api: httpx.Client) -> None:
    assert api.get("/api/articles", params={"q": "%"}).json()["total"] == 0
    assert api.get("/api/articles", params={"q": "Wagner"}).json()["total"] > 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "2023-13-01"}, "since"),
        ({"factuality": "maybe"}, "factuality"),
        ({"limit": "0"}, "limit"),
        ({"limit": "5000"}, "limit"),
        ({"country": "N1"}, "country"),
        ({"offset": "-1"}, "offset"),
        # Past DuckDB's 64-bit counters: once a bare 500.
        ({"offset": "99999999999999999999"}, "offset"),
    ],
)
def test_api_malformed_filter_is_422_naming_the_field(
    api: httpx.Client, params: dict[str, str], field: str
) -> None:
    response = api.get("/api/events", params=params)
    assert response.status_code == 422
    assert [d["loc"] for d in response.json()["detail"]] == [["query", field]]


def test_api_stories_list_the_contradicted_designation(api: httpx.Client) -> None:
    page = api.get("/api/stories", params={"contradicted": "true"}).json()
    fields = {c["field"] for s in page["items"] for c in s["contradictions"]}
    assert {"designation", "factuality"} <= fields
    designation = next(
        s for s in page["items"] if any(c["field"] == "designation" for c in s["contradictions"])
    )
    again = api.get(f"/api/stories/{designation['id']}").json()
    assert again == designation
    assert api.get("/api/stories/s000").status_code == 404


def test_api_article_is_its_record_with_the_story_of_each_event(api: httpx.Client) -> None:
    event = api.get("/api/events", params={"type": "COERCE", "limit": 1}).json()["items"][0]
    found = api.get(f"/api/articles/{event['article_id']}").json()
    assert found["record"]["schema"] == "harmattan.document/1"
    assert event["id"] in {e["id"] for e in found["record"]["events"]}
    assert found["stories"][event["id"]] == event["story_id"]
    assert api.get("/api/articles/nope").status_code == 404


def test_api_timeline_counts_every_filtered_event(api: httpx.Client) -> None:
    params = {"country": "NER"}
    total = api.get("/api/events", params=params).json()["total"]
    days = api.get("/api/timeline", params=params).json()
    assert sum(d["events"] for d in days) == total
    assert {d["quad_class"] for d in days} <= {1, 2, 3, 4, None}
    assert [d["day"] for d in days] == sorted(d["day"] for d in days)


def test_api_graph_edges_join_listed_nodes(api: httpx.Client) -> None:
    graph = api.get("/api/graph", params={"limit": 20}).json()
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["edges"]
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    assert graph["edges"][0]["weight"] >= graph["edges"][-1]["weight"] >= 1
    assert ("ecowas", "ner") in {(e["source"], e["target"]) for e in graph["edges"]}


def test_api_places_separate_points_from_country_counts(api: httpx.Client) -> None:
    places = api.get("/api/places", params={"country": "NER"}).json()
    niamey = next(p for p in places["points"] if p["name"] == "Niamey")
    assert (niamey["country"], niamey["precision"]) == ("NER", "city")
    assert all(p["precision"] not in ("country", "region") for p in places["points"])
    niger = next(c for c in places["countries"] if c["iso3"] == "NER")
    assert niger["numeric"] == "562"
    assert niger["events"] > niamey["events"]


def test_api_stats_and_actors_describe_the_store(api: httpx.Client) -> None:
    stats = api.get("/api/stats").json()
    assert stats["articles"] == 43
    assert stats["stories"] < stats["events"]
    actors = api.get("/api/actors", params={"limit": 5}).json()
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    assert "ner" in {a["id"] for a in actors}


def test_api_schema_and_docs_are_served_locally(api: httpx.Client) -> None:
    schema = api.get("/openapi.json").json()
    assert {"/api/events", "/api/stories", "/api/timeline", "/api/graph"} <= set(schema["paths"])
    assert "/api/ingest" not in schema["paths"]
    docs = api.get("/docs").text
    assert "/api/events" in docs
    assert "http" not in docs.replace("/openapi.json", "")


def test_api_ingest_does_not_exist_without_a_token(api: httpx.Client) -> None:
    for path in ("/api/ingest", "/ingest"):
        response = api.post(path, content=b'{"text": "x", "published": "2023-08-01"}')
        assert response.status_code == 404


def test_api_answers_at_the_root_too(api: httpx.Client) -> None:
    params: dict[str, str | int] = {"country": "NER", "factuality": "asserted", "limit": 5}
    root = api.get("/events", params=params)
    assert root.status_code == 200
    assert root.json() == api.get("/api/events", params=params).json()
    assert root.json()["items"][0]["sentence"]["text"]
    assert api.get("/timeline").json() == api.get("/api/timeline").json()
    assert "/events" not in api.get("/openapi.json").json()["paths"]


LINE = {
    "text": "ECOWAS leaders met in Abuja on Thursday and ordered the activation of the "
    "bloc's standby force for Niger.",
    "published": "2023-08-11",
    "source": "Test Wire",
}


@pytest.mark.slow
def test_api_ingest_needs_the_token_and_respects_the_body_limit(writable_db: Path) -> None:
    settings = Settings(str(writable_db), token="s3cret", max_body_bytes=2_000)
    body = (json.dumps(LINE) + "\n").encode()
    with running(settings) as url, httpx.Client(base_url=url, timeout=120) as client:
        assert client.post("/api/ingest", content=body).status_code == 401
        assert client.post("/ingest", content=body).status_code == 401
        wrong = {"Authorization": "Bearer guess"}
        assert client.post("/api/ingest", content=body, headers=wrong).status_code == 401
        good = {"Authorization": "Bearer s3cret"}
        big = client.post("/api/ingest", content=body * 40, headers=good)
        assert big.status_code == 413
        assert "2000 bytes" in big.json()["detail"]
        bad_line = b'{"text": "no date"}\n'
        first = client.post("/api/ingest", content=body + bad_line, headers=good)
        assert first.json() == {
            "ingested": 1,
            "already_known": 0,
            "quarantined": 1,
            "problems": [{"where": "line 2", "reason": "missing publication date"}],
        }
        again = client.post("/api/ingest", content=body, headers=good)
        assert again.json() == {
            "ingested": 0, "already_known": 1, "quarantined": 0, "problems": []
        }  # fmt: skip
        garbage = client.post("/api/ingest", content=b"\xff\xfe not text", headers=good).json()
        assert garbage["quarantined"] == 1
        assert "UTF-8" in garbage["problems"][0]["reason"]
        found = client.get("/api/articles", params={"q": "standby force for Niger"}).json()
        assert "Test Wire" in [a["source"] for a in found["items"]]
        assert client.get("/api/stats").json()["articles"] == 44


def test_alert_listing_and_stream_refuse_bad_parameters_naming_them(api: httpx.Client) -> None:
    answer = api.get("/api/alerts", params={"kind": "sometimes"})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "kind"]
    stream = api.get("/api/alerts/stream", params={"after": "-1"})
    assert stream.status_code == 422
    assert stream.json()["detail"][0]["loc"] == ["query", "after"]
    assert api.get("/api/alerts").json() == {"total": 0, "limit": 100, "offset": 0, "items": []}
