"""The dashboard in a real Chromium over a real server: its panels, the article view,
filters kept in the URL, and nothing fetched from anywhere but 127.0.0.1."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import Desk

PAGE_SIZE = 25  # rows per page in app.js


def _row_ids(desk: Desk) -> list[str]:
    ids: list[str] = desk.page.locator("#events tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.eventId)"
    )
    return ids


def _niamey(places: dict[str, Any]) -> dict[str, Any]:
    point: dict[str, Any] = next(p for p in places["points"] if p["name"] == "Niamey")
    return point


def _choose_point(page: Page, name: str) -> None:
    """Choose a map point as a keyboard user does. A smaller point drawn over a larger
    one (a region inside its city's circle) keeps its own click; the larger point stays
    reachable by its visible ring and, always, by Tab and Enter."""
    point = page.locator(f'#map circle.point[data-name="{name}"]')
    point.focus()
    point.press("Enter")


@pytest.mark.slow
def test_dashboard_map_shades_niger_and_marks_niamey(desk: Desk) -> None:
    page = desk.open()
    places = desk.api("/api/places")
    niger = page.locator('#map path.country[data-iso3="NER"]')
    expect(niger).to_have_class(re.compile(r"\bhas-events\b"))
    counted = next(c for c in places["countries"] if c["iso3"] == "NER")
    assert niger.get_attribute("data-events") == str(counted["events"])
    shaded = niger.evaluate("p => getComputedStyle(p).fill")
    blank = page.locator("#map path.country:not(.has-events)").first
    assert shaded != blank.evaluate("p => getComputedStyle(p).fill")
    assert "Niger (NER)" in (niger.locator("title").text_content() or "")

    point = _niamey(places)
    niamey = page.locator('#map circle.point[data-name="Niamey"]')
    expect(niamey).to_have_count(1)
    assert niamey.get_attribute("data-precision") == point["precision"] == "city"
    assert niamey.get_attribute("data-events") == str(point["events"])
    assert "city precision" in (niamey.locator("title").text_content() or "")
    expect(page.locator("#map-legend")).to_contain_text("city")
    assert desk.errors == []


@pytest.mark.slow
def test_dashboard_map_point_lists_only_its_events(desk: Desk) -> None:
    page = desk.open()
    point = _niamey(desk.api("/api/places"))
    _choose_point(page, "Niamey")
    page.wait_for_url(re.compile(r"[?&]place="))
    rows = page.locator("#events tbody tr")
    expect(rows).to_have_count(point["events"])
    expect(page.locator("#place-note")).to_contain_text("Niamey")
    expect(page.locator("#events tbody td.where")).to_contain_text(["Niamey"] * point["events"])
    assert sorted(_row_ids(desk)) == sorted(point["event_ids"])


@pytest.mark.slow
def test_dashboard_timeline_stacks_every_event_by_quad_class(desk: Desk) -> None:
    page = desk.open()
    rows = desk.api("/api/timeline")
    bars = page.locator("#timeline rect.bar")
    assert bars.count() > 0
    drawn: list[dict[str, str]] = bars.evaluate_all(
        "bars => bars.map(b => ({...b.dataset, fill: b.getAttribute('fill')}))"
    )
    assert sum(int(b["events"]) for b in drawn) == sum(r["events"] for r in rows)
    assert {b["quad"] for b in drawn} == {str(r["quad_class"]) for r in rows}
    asserted = sum(r["events"] for r in rows if r["factuality"] == "asserted")
    assert sum(int(b["events"]) for b in drawn if b["factuality"] == "asserted") == asserted
    other = [b for b in drawn if b["factuality"] == "other"]
    assert other, "the sample has negated, hypothetical, future and historical events"
    assert all(b["fill"].startswith("url(#hatch-") for b in other)
    expect(page.locator("#timeline-legend")).to_contain_text("material conflict")


@pytest.mark.slow
def test_dashboard_network_draws_the_graph_nodes_and_edges(desk: Desk) -> None:
    page = desk.open()
    graph = desk.api("/api/graph", limit=60)
    ids: list[str] = page.locator("#network g.node").evaluate_all(
        "nodes => nodes.map(n => n.dataset.id)"
    )
    assert sorted(ids) == sorted(n["id"] for n in graph["nodes"])
    assert "ecowas" in ids
    assert page.locator("#network path.edge").count() == len(graph["edges"])
    heaviest = graph["edges"][0]
    source, target = heaviest["source"], heaviest["target"]
    edge = page.locator(f'#network path.edge[data-source="{source}"][data-target="{target}"]')
    assert edge.get_attribute("data-weight") == str(heaviest["weight"])


@pytest.mark.slow
def test_dashboard_network_node_click_filters_on_the_actor(desk: Desk) -> None:
    page = desk.open()
    page.locator('#network g.node[data-id="ecowas"] circle').click()
    page.wait_for_url(re.compile(r"[?&]actor=ecowas"))
    expect(page.locator("#filters input[name=actor]")).to_have_value("ecowas")
    expected = desk.api("/api/events", actor="ecowas", limit=PAGE_SIZE)
    expect(page.locator("#events-count")).to_have_text(f"{expected['total']} events")
    assert _row_ids(desk) == [e["id"] for e in expected["items"]]
    expect(page.locator('#network g.node.selected[data-id="ecowas"]')).to_have_count(1)


@pytest.mark.slow
def test_dashboard_timeline_bar_click_keeps_only_its_dates(desk: Desk) -> None:
    page = desk.open()
    bins = page.locator("#timeline g.bin")
    counts: list[int] = bins.evaluate_all("bins => bins.map(b => Number(b.dataset.events))")
    tallest = bins.nth(counts.index(max(counts)))
    start, end = tallest.get_attribute("data-start"), tallest.get_attribute("data-end")
    box = tallest.locator("rect.bar").first.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(rf"since={start}&until={end}"))
    expected = desk.api("/api/events", since=start, until=end, limit=PAGE_SIZE)
    expect(page.locator("#events-count")).to_have_text(f"{expected['total']} events")
    expect(page.locator("#filters input[name=since]")).to_have_value(start or "")


@pytest.mark.slow
def test_dashboard_event_row_opens_its_article_with_the_evidence(desk: Desk) -> None:
    page = desk.open("?country=NER")
    first = desk.api("/api/events", country="NER", limit=PAGE_SIZE)["items"][0]
    row = page.locator("#events tbody tr").first
    assert row.get_attribute("data-event-id") == first["id"]
    row.click()

    evidence = page.locator("#article-text mark.evidence")
    expect(evidence).to_have_count(1)
    assert evidence.text_content() == first["sentence"]["text"]
    current = evidence.locator("mark.trigger.current")
    expect(current).to_have_text(first["trigger"]["text"])
    assert re.search(f"[?&]event={first['id']}", page.url)
    assert re.search(f"[?&]article={first['article_id']}", page.url)

    record = desk.api(f"/api/articles/{first['article_id']}")["record"]
    expect(page.locator("#article .article-title")).to_have_text(
        record["article"]["title"] or "Untitled article"
    )
    for kind, spans in (
        ("entity", record["entities"]),
        ("place", record["places"]),
        ("timex", record["timexes"]),
        ("trigger", record["events"]),
    ):
        assert page.locator(f"#article-text mark.{kind}").count() >= (1 if spans else 0), kind
    text = page.locator("#article-text")
    assert text.evaluate(
        """box => {
            const mark = box.querySelector('mark.evidence').getBoundingClientRect();
            const view = box.getBoundingClientRect();
            return mark.top >= view.top - 1 && mark.top < view.bottom;
        }"""
    ), "the evidence is scrolled into view"

    story = desk.api(f"/api/stories/{first['story_id']}")
    expect(page.locator("#story")).to_contain_text(story["first_reported"])
    expect(page.locator("#story .mentions tbody tr")).to_have_count(len(story["mentions"]))
    for source in story["sources"]:
        expect(page.locator("#story .story-facts")).to_contain_text(source)
    assert desk.errors == []


@pytest.mark.slow
def test_dashboard_story_shows_each_contradiction_with_its_quotes(desk: Desk) -> None:
    story = desk.api("/api/stories", contradicted="true")["items"][0]
    mention = story["mentions"][-1]
    page = desk.open(f"?article={mention['article_id']}&event={mention['event_id']}")
    contradictions = page.locator("#story .contradiction")
    expect(contradictions).to_have_count(len(story["contradictions"]))
    first = story["contradictions"][0]
    expect(contradictions.first).to_contain_text(first["field"])
    for quote in first["quotes"]:
        expect(contradictions.first).to_contain_text(quote["text"])
    expect(page.locator("#story .mentions tr.current")).to_have_count(1)


@pytest.mark.slow
def test_dashboard_factuality_filter_updates_the_url_and_the_rows(desk: Desk) -> None:
    page = desk.open()
    negated = desk.api("/api/events", factuality="negated", limit=PAGE_SIZE)
    assert 0 < negated["total"] <= PAGE_SIZE
    page.select_option("#filters select[name=factuality]", "negated")
    page.wait_for_url(re.compile(r"[?&]factuality=negated"))
    expect(page.locator("#events tbody tr")).to_have_count(negated["total"])
    expect(page.locator("#events tbody td.factuality")).to_have_text(["negated"] * negated["total"])
    assert _row_ids(desk) == [e["id"] for e in negated["items"]]
    expect(page.locator("#events-count")).to_have_text(f"{negated['total']} events")


@pytest.mark.slow
def test_dashboard_country_typed_in_the_form_filters_every_panel(desk: Desk) -> None:
    page = desk.open()
    mali = desk.api("/api/events", country="MLI", limit=PAGE_SIZE)
    page.fill("#filters input[name=country]", "mli")
    page.press("#filters input[name=country]", "Enter")
    page.wait_for_url(re.compile(r"[?&]country=MLI"))
    expect(page.locator("#events-count")).to_have_text(f"{mali['total']} events")
    assert _row_ids(desk) == [e["id"] for e in mali["items"]]
    graph = desk.api("/api/graph", country="MLI", limit=60)
    expect(page.locator("#network g.node")).to_have_count(len(graph["nodes"]))


@pytest.mark.slow
def test_dashboard_url_filters_apply_on_load(desk: Desk) -> None:
    page = desk.open("?country=NER&since=2023-08-01&until=2023-08-31&page=2")
    expect(page.locator("#filters input[name=country]")).to_have_value("NER")
    expect(page.locator("#filters input[name=since]")).to_have_value("2023-08-01")
    expect(page.locator("#filters input[name=until]")).to_have_value("2023-08-31")
    expected = desk.api(
        "/api/events",
        country="NER",
        since="2023-08-01",
        until="2023-08-31",
        limit=PAGE_SIZE,
        offset=PAGE_SIZE,
    )
    assert expected["items"], "the sample has more than one page of Niger events in August"
    expect(page.locator("#pager .range")).to_have_text(
        f"{PAGE_SIZE + 1}–{PAGE_SIZE + len(expected['items'])} of {expected['total']}"
    )
    assert _row_ids(desk) == [e["id"] for e in expected["items"]]


@pytest.mark.slow
def test_dashboard_requests_stay_on_127_0_0_1(desk: Desk) -> None:
    page = desk.open()
    page.locator("#events tbody tr").first.click()
    expect(page.locator("#article-text mark.evidence")).to_have_count(1)
    _choose_point(page, "Niamey")
    page.wait_for_url(re.compile(r"[?&]place="))
    expect(page.locator("#place-note")).to_be_visible()
    page.select_option("#filters select[name=factuality]", "future")
    page.wait_for_url(re.compile(r"[?&]factuality=future"))
    expect(page.locator("#events-count")).to_contain_text("event")

    parts = [urllib.parse.urlsplit(url) for url in desk.requests]
    assert {(p.scheme, p.hostname) for p in parts} == {("http", "127.0.0.1")}
    paths = {p.path for p in parts}
    assert {
        "/",
        "/static/app.js",
        "/static/app.css",
        "/static/vendor/countries-110m.json",
        "/api/events",
        "/api/places",
        "/api/timeline",
        "/api/graph",
    } <= paths
    assert any(p.startswith("/api/articles/") for p in paths)
    assert any(p.startswith("/api/stories/") for p in paths)
    assert desk.errors == []


# A reference that makes the browser fetch from another host: an attribute, a CSS url() or
# @import, or a script's fetch() or import, followed by http(s):// or a protocol-relative //.
REMOTE_REFERENCE = re.compile(
    r"""(?:\b(?:src|href|action|poster|srcset|data)\s*=\s*["']?"""
    r"""|url\(\s*["']?|@import\s+(?:url\(\s*)?["']?"""
    r"""|\b(?:fetch|import)\(\s*["'`]|\bfrom\s+["'`])\s*(?:https?:)?//""",
    re.IGNORECASE,
)
ANY_URL = re.compile(r"https?://[^\s\"'`<>)]+", re.IGNORECASE)
# XML namespace names are identifiers, not addresses: nothing is fetched from them.
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml"}


def _fetch_text(base_url: str, path: str) -> str:
    with urllib.request.urlopen(f"{base_url}{path}", timeout=30) as response:
        assert response.status == 200, path
        body: bytes = response.read()
    return body.decode("utf-8")


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/app.css", "/docs"])
def test_static_assets_reference_no_remote_url(empty_base_url: str, path: str) -> None:
    body = _fetch_text(empty_base_url, path)
    assert len(body) > 200, f"{path} is served"
    assert REMOTE_REFERENCE.findall(body) == []
    assert [url for url in ANY_URL.findall(body) if url not in NAMESPACES] == []


def test_static_page_loads_only_local_files(empty_base_url: str) -> None:
    page = _fetch_text(empty_base_url, "/")
    targets = re.findall(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""", page)
    assert "/static/app.js" in targets
    assert "/static/vendor/topojson-client.min.js" in targets
    for target in targets:
        if target.startswith("data:"):
            continue
        assert target.startswith("/"), target
        assert not target.startswith("//"), target
        body = _fetch_text(empty_base_url, target)
        assert REMOTE_REFERENCE.findall(body) == [], target


def test_static_script_never_parses_data_as_html(empty_base_url: str) -> None:
    script = _fetch_text(empty_base_url, "/static/app.js")
    assert "textContent" in script
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "DOMParser",
        "createContextualFragment",
        "eval(",
        "new Function",
    ):
        assert sink not in script, sink


@pytest.mark.slow
def test_dashboard_lists_the_alerts_and_opens_the_report_behind_one(desk: Desk) -> None:
    page = desk.open()
    alerts = desk.api("/api/alerts", limit=20)
    items = page.locator("#alerts li.alert")
    expect(items).to_have_count(len(alerts["items"]))
    assert alerts["total"] >= 2
    assert items.evaluate_all("rows => rows.map(r => r.dataset.alert)") == [
        a["id"] for a in alerts["items"]
    ]
    deadline = next(a for a in alerts["items"] if a["kind"] == "deadline")
    entry = page.locator(f"#alerts li[data-alert='{deadline['id']}']")
    expect(entry.locator(".alert-summary")).to_have_text(deadline["summary"])
    quote = deadline["evidence"][0]
    entry.locator("button.alert-quote").first.click()
    expect(page.locator("#article-text mark.evidence")).to_have_text(quote["text"])
    assert f"article={quote['article_id']}" in page.url
    assert not desk.errors
