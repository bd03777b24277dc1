"""The API per language, over a real uvicorn and a DuckDB file of English, French, German
and Spanish articles: the `language` filter of every listing, its 422, and the counts."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from harmattan.api.settings import Settings
from harmattan.corroborate import update_stories
from harmattan.nlp import LANGUAGES
from harmattan.store.db import Store
from tests.multilingual import EN_APPEAL, EN_SANCTION, FR_SANCTION, multilingual_records
from tests.serving import running


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A client of a read-only server over the multilingual store."""
    path = tmp_path_factory.mktemp("languages") / "h.duckdb"
    with Store(path) as store:
        store.write_batch(multilingual_records(), [], stories=update_stories)
    with running(Settings(str(path))) as url, httpx.Client(base_url=url) as client:
        yield client


def test_api_stats_count_articles_and_events_per_language(api: httpx.Client) -> None:
    assert set(LANGUAGES) >= {"en", "fr"}
    assert {"de", "es"}.isdisjoint(LANGUAGES)
    stats = api.get("/api/stats").json()
    assert stats["articles"] == 6
    assert stats["languages"] == [
        {"language": "de", "articles": 2, "events": 0, "coded": False},
        {"language": "en", "articles": 2, "events": 2, "coded": True},
        {"language": "es", "articles": 1, "events": 0, "coded": False},
        {"language": "fr", "articles": 1, "events": 1, "coded": True},
    ]
    assert stats["not_coded_articles"] == 3


@pytest.mark.parametrize(
    ("language", "evidence"),
    [("fr", [FR_SANCTION]), ("en", [EN_SANCTION, EN_APPEAL]), ("de", []), (None, None)],
)
def test_api_events_filtered_by_language(
    api: httpx.Client, language: str | None, evidence: list[str] | None
) -> None:
    page = api.get("/api/events", params={"language": language} if language else {}).json()
    found = [e["sentence"]["text"] for e in page["items"]]
    assert found == (evidence if evidence is not None else [EN_SANCTION, FR_SANCTION, EN_APPEAL])
    assert page["total"] == len(found)


def test_api_summaries_follow_the_language_filter(api: httpx.Client) -> None:
    days = api.get("/api/timeline", params={"language": "fr"}).json()
    assert [(d["day"], d["events"]) for d in days] == [("2023-07-30", 1)]
    places = api.get("/api/places", params={"language": "fr"}).json()
    assert places["countries"] == [{"iso3": "NER", "numeric": "562", "events": 1}]
    graph = api.get("/api/graph", params={"language": "fr"}).json()
    assert graph["edges"] == [{"source": "ecowas", "target": "ner-junta", "weight": 1}]
    assert api.get("/api/timeline", params={"language": "es"}).json() == []


def test_api_articles_filtered_by_language_are_listed_with_it(api: httpx.Client) -> None:
    german = api.get("/api/articles", params={"language": "de"}).json()
    assert german["total"] == 2
    assert [(a["language"], a["published"], a["events"]) for a in german["items"]] == [
        ("de", "2023-08-03", 0),
        ("de", "2023-08-02", 0),
    ]
    spanish = api.get("/api/articles", params={"language": "es", "q": "frontera"}).json()
    assert spanish["total"] == 1
    assert api.get("/api/articles").json()["total"] == 6


def test_api_stories_filtered_by_language_keep_stories_with_a_report_in_it(
    api: httpx.Client,
) -> None:
    french = api.get("/api/stories", params={"language": "fr"}).json()
    (story,) = french["items"]
    # The French report joined the English one: the story has both, and English finds it too.
    assert (story["type"], len(story["mentions"])) == ("SANCTION", 2)
    english = api.get("/api/stories", params={"language": "en"}).json()
    assert story["id"] in {s["id"] for s in english["items"]}
    assert english["total"] == 2
    assert api.get("/api/stories", params={"language": "de"}).json()["total"] == 0


@pytest.mark.parametrize("path", ["/api/events", "/api/articles", "/api/stories", "/api/timeline"])
@pytest.mark.parametrize("bad", ["FR", "f", "fren", "f1", "français", "fr-FR", "fr\n", ""])
def test_api_malformed_language_is_422_naming_the_field(
    api: httpx.Client, path: str, bad: str
) -> None:
    response = api.get(path, params={"language": bad})
    assert response.status_code == 422
    assert [d["loc"] for d in response.json()["detail"]] == [["query", "language"]]
