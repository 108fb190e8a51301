"""The overview: its data function, its page and its JSON twin."""

from datetime import date

from fastapi.testclient import TestClient

from corridor.store.db import session_scope
from corridor.store.visibility import PUBLIC
from corridor.web.app import create_app
from corridor.web.views.overview import overview_charts, overview_view


def test_overview_data_function(demo_url):
    with session_scope(demo_url) as session:
        data = overview_view(session, PUBLIC, today=date(2026, 1, 1))
    assert data["events"] == sum(k["count"] for k in data["kinds"]) > 100
    assert data["documents"] == 41
    assert [k["count"] for k in data["kinds"]] == sorted((k["count"] for k in data["kinds"]), reverse=True)
    assert all(e["kind"] == "scheduled_event" and e["date"][:7] >= "2026-01" for e in data["upcoming"])
    assert all(e["kind"] == "attack" and e["date"] <= "2026-01-01" for e in data["attacks"])
    assert data["weeks"] and data["sector_months"]["rows"]
    charts = overview_charts(data)
    first_day = next(e for e in data["upcoming"] if e["date_precision"] == "day")
    assert charts["calendars"][0]["key"] == first_day["date"][:7]


def test_overview_page_and_twin(demo_client):
    page = demo_client.get("/")
    assert page.status_code == 200
    for heading in ("By kind", "By sector", "Events per week", "Sector interest by month", "Coming up",
                    "Recent attacks", "Latest events"):
        assert heading in page.text
    assert page.text.count('class="chart') >= 4
    twin = demo_client.get("/api/overview").json()
    assert twin["events"] > 100 and {"kinds", "sectors", "weeks", "sector_months", "upcoming"} <= set(twin)


def test_overview_empty_store(sqlite_url):
    with TestClient(create_app(sqlite_url)) as client:
        page = client.get("/")
        assert page.status_code == 200 and "No events yet" in page.text
        assert client.get("/api/overview").json()["events"] == 0
