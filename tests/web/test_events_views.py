"""The events list (sort, paging, full-text, exports) and the event page (map, actors, related)."""

import csv
import io
import json

import pytest

from corridor.store.db import session_scope
from corridor.store.queries import EventFilter
from corridor.store.visibility import PUBLIC
from corridor.web.views.events import event_view, events_view


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [("date", lambda e: (e["date"] + "-01-01")[:10], True), ("-date", lambda e: (e["date"] + "-01-01")[:10], False),
     ("confidence", lambda e: e["confidence"], True), ("kind", lambda e: e["kind"], False)],
)
def test_events_views_sort(demo_url, sort, key, reverse):
    with session_scope(demo_url) as session:
        events = events_view(session, EventFilter(), 1, 500, sort)["events"]
    dated = [e for e in events if e["date"]] if sort in ("date", "-date") else events
    assert [key(e) for e in dated] == sorted((key(e) for e in dated), reverse=reverse)


def test_events_views_pages_cover_every_event_once(demo_url):
    with session_scope(demo_url) as session:
        everything = events_view(session, EventFilter(), 1, 500, "date")
        pages = [events_view(session, EventFilter(), n, 20, "date") for n in range(1, -(-everything["total"] // 20) + 1)]
    seen = [e["id"] for p in pages for e in p["events"]]
    assert seen == [e["id"] for e in everything["events"]]
    assert pages[0]["pages"] == len(pages)


def test_events_views_full_text_param(demo_client):
    data = demo_client.get("/api/events", params={"q": "copper", "sector": "mining"}).json()
    assert data["total"] > 0
    for e in data["events"]:
        assert "mining" in e["sectors"]
        assert "copper" in (e["summary"] + " ".join(s["quote"] for s in e["sources"])).lower()
    assert demo_client.get("/api/events", params={"q": "-copper"}).json()["total"] == 0


@pytest.mark.parametrize(("path", "params"), [("/events.csv", {}), ("/api/events/export", {"format": "csv"})])
def test_events_views_export_csv_follows_the_filter(demo_client, path, params):
    response = demo_client.get(path, params={"kind": "attack", **params})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    total = demo_client.get("/api/events", params={"kind": "attack"}).json()["total"]
    assert len(rows) == total and {r["kind"] for r in rows} == {"attack"}


def test_events_views_export_jsonl_is_the_events_record(demo_client, monkeypatch):
    monkeypatch.setattr("corridor.web.views.events.EXPORT_BATCH", 7)  # several batches
    response = demo_client.get("/events.jsonl", params={"sector": "energy"})
    lines = [json.loads(line) for line in response.text.splitlines()]
    listed = demo_client.get("/api/events", params={"sector": "energy", "size": 500}).json()["events"]
    assert lines == listed


def test_events_views_export_csv_has_one_header(demo_client, monkeypatch):
    monkeypatch.setattr("corridor.web.views.events.EXPORT_BATCH", 5)
    text = demo_client.get("/events.csv").text
    assert text.count("id,kind,plover_type") == 1
    assert len(list(csv.DictReader(io.StringIO(text)))) == demo_client.get("/api/events").json()["total"]


def test_events_views_export_empty(demo_client):
    assert demo_client.get("/events.csv", params={"q": "zeppelin"}).text.startswith("id,kind")
    assert demo_client.get("/events.jsonl", params={"q": "zeppelin"}).text == ""


def test_events_views_event_page_links_actors_and_documents(demo_client):
    meeting = demo_client.get("/api/events", params={"kind": "meeting", "q": "Kazmi"}).json()["events"][0]
    page = demo_client.get(f"/events/{meeting['id']}").text
    for p in meeting["participants"]:
        if p["actor_id"]:
            assert f'href="/actors/{p["actor_id"].replace(":", "%3A").replace(" ", "%20")}"' in page
    assert f'href="/documents/{meeting["sources"][0]["doc_id"]}"' in page
    assert 'class="map"' in page  # Islamabad is on the map


def test_events_views_related_events_say_why(demo_url):
    with session_scope(demo_url) as session:
        ids = [e["id"] for e in events_view(session, EventFilter(actor="Kazmi"), 1, 50, "date")["events"]]
        data = event_view(session, ids[0], PUBLIC)
    assert data["related"]
    assert all(r["shared_actors"] or r["same_place"] for r in data["related"])
    assert ids[0] not in {r["id"] for r in data["related"]}
    shared = [len(r["shared_actors"]) for r in data["related"] if r["shared_actors"]]
    assert shared == sorted(shared, reverse=True)  # most participants in common first


def test_events_views_sector_filter_agrees_with_the_sector_table(sample_store):
    """Narrowed by kind or dates, the sector is read from events.sector_bits; alone, from
    event_sectors. Both must select exactly the events event_sectors names."""
    from datetime import date

    from sqlalchemy import text

    from corridor.events.model import KINDS, SECTORS

    with session_scope(sample_store) as session:
        tagged = {(e, s) for e, s in session.execute(text("SELECT event_id, sector FROM event_sectors"))}
        kinds = dict(session.execute(text("SELECT id, kind FROM events")).all())
        checked = 0
        for sector in SECTORS:
            expected = {e for e, s in tagged if s == sector}
            for flt in (EventFilter(sector=sector), EventFilter(sector=sector, date_from=date(1900, 1, 1)),
                        *(EventFilter(sector=sector, kind=k) for k in KINDS)):
                got = {e["id"] for e in events_view(session, flt, 1, 500, "date")["events"]}
                dated = {e for e in expected if flt.date_from is None or _has_day(session, e)}
                assert got == {e for e in dated if flt.kind in (None, kinds[e])}, (sector, flt)
                checked += len(got)
    assert checked > 0


def _has_day(session, event_id: str) -> bool:
    from sqlalchemy import text

    return session.execute(text("SELECT day FROM events WHERE id = :i"), {"i": event_id}).scalar() is not None


def test_related_events_are_the_newest_sharing_an_actor(sample_store):
    """Against a plain reading of the rule over every stored event: the newest fifty events with an
    actor in common (undated last, ties by id), the ten sharing most of them first."""
    from corridor.events.dedup import day_of
    from corridor.store.records import load_records

    with session_scope(sample_store) as session:
        from sqlalchemy import text

        records = load_records(session, session.execute(text("SELECT id FROM events")).scalars().all())
        checked = 0
        for record in records:
            actors = {p["actor_id"]: p["name"] or p["org"] for p in record["participants"] if p["actor_id"]}
            others = [o for o in records if o["id"] != record["id"]
                      and actors.keys() & {p["actor_id"] for p in o["participants"]}]
            dated = sorted((o for o in others if day_of(o["date"])), key=lambda o: (day_of(o["date"]), o["id"]),
                           reverse=True)
            undated = sorted((o for o in others if not day_of(o["date"])), key=lambda o: o["id"], reverse=True)
            newest = (dated + undated)[:50]

            def shared(o, actors=actors):
                return sorted({actors[p["actor_id"]] for p in o["participants"] if p["actor_id"] in actors})

            expected = sorted(newest, key=lambda o: -len(shared(o)))[:10]
            got = [r for r in event_view(session, record["id"], PUBLIC)["related"] if r["shared_actors"]]
            assert [(r["id"], r["shared_actors"]) for r in got] == [(o["id"], shared(o)) for o in expected]
            checked += len(got)
    assert checked > 0
