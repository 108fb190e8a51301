"""The events pages and their JSON twins, rendered from a real (SQLite) store."""

import pytest
from fastapi.testclient import TestClient

from corridor.store.batch import ingest
from corridor.web.app import create_app

ARTICLE = ("title: Naqvi meets Baker\ndate: 2026-03-02\n\nISLAMABAD: Interior Minister Mohsin Naqvi met US "
           "charge d'affaires Natalie Baker on Monday. Both sides agreed to expand cooperation in the mining sector.")
HOSTILE = ("title: <script>alert('t')</script>\ndate: 2026-03-03\n\nQUETTA: A bomb attack in Quetta killed two people "
           "<script>alert(1)</script> <img src=x onerror=alert(2)> \"><svg onload=alert(3)> on Tuesday.")


@pytest.fixture
def client(tmp_path, sqlite_url):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "hostile.txt").write_text(HOSTILE)
    ingest([tmp_path], sqlite_url)
    with TestClient(create_app(sqlite_url)) as test_client:
        yield test_client


def test_pages_events_list_and_json_twin(client):
    page = client.get("/events", params={"kind": "meeting"})
    assert page.status_code == 200 and "Naqvi" in page.text
    data = client.get("/api/events", params={"kind": "meeting"}).json()
    assert data["total"] == 1 and data["events"][0]["kind"] == "meeting"
    assert data["filters"] == {"kind": "meeting"}


@pytest.mark.parametrize(
    ("params", "kinds"),
    [
        ({"sector": "mining"}, ["agreement"]),
        ({"place": "Quetta"}, ["attack"]),
        ({"from": "2026-03-03"}, ["attack"]),
        ({"actor": "baker"}, ["meeting"]),
        ({"q": "bomb"}, ["attack"]),
        ({"plover": "CONSULT"}, ["meeting"]),
    ],
)
def test_pages_filters_in_the_url(client, params, kinds):
    data = client.get("/api/events", params=params).json()
    assert sorted(e["kind"] for e in data["events"]) == kinds


def test_pages_event_page_highlights_quote(client):
    event = client.get("/api/events", params={"kind": "meeting"}).json()["events"][0]
    page = client.get(f"/events/{event['id']}")
    assert page.status_code == 200
    assert '<mark id="quote-1">' + "Interior Minister Mohsin Naqvi met US charge d&#39;affaires" in page.text
    twin = client.get(f"/api/events/{event['id']}").json()
    assert twin["event"]["id"] == event["id"] and twin["sources"][0]["quote"].startswith("Interior Minister")


def test_pages_untrusted_text_is_inert(client):
    attack = client.get("/api/events", params={"kind": "attack"}).json()["events"][0]
    page = client.get(f"/events/{attack['id']}")
    assert "<script>alert" not in page.text and "<img src=x" not in page.text and "<svg onload" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/events/ev_missing", 404, "E301"),
        ("/api/events/ev_missing", 404, "E301"),
        ("/api/events?kind=picnic", 400, "E304"),
        ("/api/events?from=yesterday", 400, "E304"),
        ("/api/events?page=0", 422, "E304"),
        ("/nowhere", 404, "HTTP404"),
    ],
)
def test_pages_errors_have_codes(client, path, status, code):
    response = client.get(path)
    assert response.status_code == status
    if path.startswith("/api/"):
        assert response.json()["error"]["code"] == code
    else:
        assert code in response.text


def test_pages_empty_state(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    from corridor.store.migrate import upgrade

    upgrade(url)
    with TestClient(create_app(url)) as client:
        assert "No events yet" in client.get("/events").text
