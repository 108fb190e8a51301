"""Actors: the list with filters and sorts, the actor page, errors."""

from urllib.parse import quote

import pytest

from corridor.store.actor_queries import ActorFilter
from corridor.store.db import session_scope
from corridor.store.visibility import PUBLIC
from corridor.web.views.actors import actor_view, actors_view


@pytest.mark.parametrize(
    ("flt", "check"),
    [
        (ActorFilter(kind="person"), lambda a: a["kind"] == "person"),
        (ActorFilter(kind="organisation"), lambda a: a["kind"] == "organisation"),
        (ActorFilter(country="usa"), lambda a: a["country"] == "USA"),
        (ActorFilter(q="kazmi"), lambda a: "kazmi" in a["name"].lower()),
    ],
)
def test_actors_filters(demo_url, flt, check):
    with session_scope(demo_url) as session:
        data = actors_view(session, flt, 1, 500, "events", PUBLIC)
    assert data["actors"] and all(check(a) for a in data["actors"])


def test_actors_sorted_by_events_then_name(demo_url):
    with session_scope(demo_url) as session:
        by_events = actors_view(session, ActorFilter(), 1, 500, "events", PUBLIC)["actors"]
        by_name = actors_view(session, ActorFilter(), 1, 500, "name", PUBLIC)["actors"]
    assert [a["events"] for a in by_events] == sorted((a["events"] for a in by_events), reverse=True)
    assert [a["name"] for a in by_name] == sorted(a["name"] for a in by_name)


def test_actors_actor_page_data(demo_url):
    with session_scope(demo_url) as session:
        kazmi = actors_view(session, ActorFilter(q="Kazmi"), 1, 5, "events", PUBLIC)["actors"][0]
        data = actor_view(session, kazmi["id"], PUBLIC)
    assert data["actor"]["name"] == kazmi["name"]
    assert {t["title"] for t in data["titles"]} >= {"Minister for Petroleum"}
    assert all(t["first_seen"] <= t["last_seen"] for t in data["titles"] if t["first_seen"])
    assert data["events_total"] == kazmi["events"] == len(data["events"])
    assert all(any(p["actor_id"] == kazmi["id"] for p in e["participants"]) for e in data["events"])
    assert sum(y["count"] for y in data["years"]) == data["events_total"]
    counts = [c["events"] for c in data["meets_most"]]
    assert counts and counts == sorted(counts, reverse=True)
    assert kazmi["id"] not in {c["id"] for c in data["meets_most"]}


def test_actors_pages_and_twins(demo_client):
    listing = demo_client.get("/actors")
    assert listing.status_code == 200
    actor = demo_client.get("/api/actors", params={"q": "Kazmi"}).json()["actors"][0]
    page = demo_client.get(f"/actors/{quote(actor['id'], safe='')}")
    assert page.status_code == 200 and "Titles held" in page.text and "Meets most" in page.text
    assert 'class="chart strip"' in page.text
    twin = demo_client.get(f"/api/actors/{quote(actor['id'], safe='')}").json()
    assert twin["actor"]["id"] == actor["id"]


@pytest.mark.parametrize("path", ["/actors/person%3ANobody", "/api/actors/person%3ANobody"])
def test_actors_unknown_is_404(demo_client, path):
    response = demo_client.get(path)
    assert response.status_code == 404 and "E302" in response.text
