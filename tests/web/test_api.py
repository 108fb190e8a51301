"""The JSON API as documented: every operation tagged and summarised, every page with its JSON twin."""

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from corridor.web.app import create_app

# Each HTML page and its twin: the same data function renders both.
TWINS = [("/", "/api/overview"), ("/events?kind=attack", "/api/events?kind=attack"),
         ("/actors?kind=person", "/api/actors?kind=person"), ("/documents?q=copper", "/api/documents?q=copper"),
         ("/map?kind=attack", "/api/map?kind=attack"), ("/search?q=copper", "/api/search?q=copper")]


@pytest.fixture(scope="module")
def spec():
    return create_app("sqlite://").openapi()


def test_api_every_operation_has_tags_summary_and_a_documented_answer(spec):
    for path, methods in spec["paths"].items():
        if path.startswith(("/api/forum", "/forum")):
            continue  # the forum's own module documents its operations
        for method, op in methods.items():
            assert path.startswith("/api/"), path  # pages stay out of the schema
            assert op.get("tags") and op.get("summary"), (method, path)
            assert any(code.startswith("2") for code in op["responses"]), (method, path)


def test_api_lists_share_filters_and_paging(spec):
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"kind", "plover", "sector", "country", "actor", "place", "from", "to", "q", "page", "size",
            "sort"} <= params
    for path in ("/api/actors", "/api/documents", "/api/search"):
        assert {"page", "size"} <= {p["name"] for p in spec["paths"][path]["get"]["parameters"]}


@pytest.mark.parametrize(("page", "twin"), TWINS)
def test_api_pages_have_twins(demo_client, page, twin):
    assert demo_client.get(page).status_code == 200
    response = demo_client.get(twin)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"


def test_api_reference_page_is_served_without_a_cdn(demo_client):
    page = demo_client.get("/docs")
    assert page.status_code == 200
    assert "/api/events/{event_id}" in page.text and "cdn" not in page.text.lower()
    assert demo_client.get("/openapi.json").json()["info"]["title"] == "Corridor"
    assert demo_client.get("/redoc").status_code == 404


def test_api_serve_command_app_starts(sqlite_url):
    with TestClient(create_app(sqlite_url)) as client:
        assert client.get("/api/health").json() == {"status": "ok"}


def test_api_every_page_and_twin_on_both_databases(sample_store):
    with TestClient(create_app(sample_store)) as client:
        event = client.get("/api/events", params={"sort": "-date"}).json()["events"][0]
        actor = client.get("/api/actors").json()["actors"][0]["id"]
        doc = client.get("/api/documents").json()["documents"][0]["id"]
        paths = ["/", "/events?sector=mining&from=2025-01-01", "/events?q=copper", f"/events/{event['id']}",
                 "/actors", f"/actors/{quote(actor, safe='')}", "/documents", f"/documents/{doc}", "/map",
                 "/map?kind=attack", "/search?q=copper", "/search?q=police+or+copper", "/events.csv"]
        for path in paths:
            assert client.get(path).status_code == 200, path
            if not path.endswith(".csv"):
                twin = "/api" + path if path != "/" else "/api/overview"
                assert client.get(twin).status_code == 200, twin
