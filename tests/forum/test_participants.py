"""A participant's own pages through their invitation link: agenda, answers, requests, availability."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from corridor.accounts.models import AuditRow
from corridor.config import Settings
from corridor.forum.models import ForumRequestRow
from corridor.store.db import session_scope
from corridor.web.app import create_app

ORIGIN = {"Origin": "http://testserver"}


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@pytest.fixture
def pending(demo_url):
    """A pending request and its target."""
    with session_scope(demo_url) as session:
        row = session.scalars(select(ForumRequestRow).where(ForumRequestRow.status == "pending")
                              .order_by(ForumRequestRow.id)).first()
        return row.forum_id, row.id, row.target_id, row.requester_id


def _link(client, fid, pid) -> str:
    made = client.post(f"/api/forum/{fid}/participants/{pid}/invitation", json={})
    assert made.status_code == 200 and made.json()["mailed"] is False
    return made.json()["url"].removeprefix("http://testserver")


def _follow(app, link: str) -> TestClient:
    """A fresh browser that opens the link and presses the button."""
    browser = TestClient(app, follow_redirects=False)
    welcome = browser.get(link)
    assert welcome.status_code == 200 and "Open my agenda" in welcome.text
    entered = browser.post(link, data={"csrf_token": _csrf(welcome.text)}, headers=ORIGIN)
    assert entered.status_code == 303
    browser.headers["X-CSRF-Token"] = _csrf(browser.get(entered.headers["location"]).text)
    browser.headers.update(ORIGIN)
    return browser


def test_participants_accept_a_meeting_through_their_link(client, demo_url, pending):
    fid, rid, target, requester = pending
    app = create_app(demo_url, Settings(public_read=False, allowed_hosts="testserver"))
    browser = _follow(app, _link(client, fid, target))
    me = browser.get(f"/api/forum/{fid}/me").json()
    received = next(r for r in me["received"] if r["id"] == rid)
    assert received["may"] == ["accepted", "declined"]
    page = browser.get(f"/forum/{fid}/me")
    assert page.status_code == 200 and f"Accept the request {rid}" in page.text
    done = browser.post(f"/forum/{fid}/me/requests/{rid}/status", data={"status": "accepted"})
    assert done.status_code == 303
    assert client.get(f"/api/forum/{fid}/requests?status=accepted").json()["requests"][0]
    with session_scope(demo_url) as session:
        assert session.get(ForumRequestRow, rid).status == "accepted"
        entry = session.scalars(select(AuditRow).where(AuditRow.target_id == rid)).all()[-1]
        assert entry.actor == f"participant:{target}" and entry.before == {"status": "pending"}
    # Not theirs to do: the organisers' pages, another forum's, held/no-show, another's request.
    assert browser.get(f"/api/forum/{fid}").status_code == 401
    assert browser.get("/api/events").status_code == 401
    refused = browser.patch(f"/api/forum/{fid}/me/requests/{rid}", json={"status": "held"})
    assert refused.status_code == 422
    with session_scope(demo_url) as session:
        foreign = session.scalars(select(ForumRequestRow).where(ForumRequestRow.target_id != target,
                                                                ForumRequestRow.requester_id != target,
                                                                ForumRequestRow.status == "pending")).first()
    answer = browser.patch(f"/api/forum/{fid}/me/requests/{foreign.id}", json={"status": "declined"})
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "E515"


def test_participants_request_from_suggestions_and_set_availability(client, demo_url, pending):
    fid, _, target, _ = pending
    app = create_app(demo_url, Settings(public_read=False, allowed_hosts="testserver"))
    browser = _follow(app, _link(client, fid, target))
    suggested = browser.get(f"/api/forum/{fid}/me/suggestions").json()["suggestions"]
    assert suggested
    page = browser.get(f"/forum/{fid}/me/suggestions")
    assert "Request a meeting" in page.text
    asked = browser.post(f"/api/forum/{fid}/me/requests", json={"target": suggested[0]["id"], "message": "Hello"})
    assert asked.status_code == 201 and asked.json()["status"] == "pending"
    assert asked.json()["requester"]["id"] == target
    saved = browser.put(f"/api/forum/{fid}/me/availability", json={"availability": "09:00-12:30"})
    assert saved.status_code == 200 and saved.json()["availability"] == "09:00-12:30"
    bad = browser.put(f"/api/forum/{fid}/me/availability", json={"availability": "noon to late"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "E508"
    form = browser.post(f"/forum/{fid}/me/availability", data={"availability": ""})
    assert form.status_code == 303
    assert client.get(f"/api/forum/{fid}/participants/{target}").json()["participant"]["availability"] == "all sessions"


def test_participants_links_expire_and_a_new_link_ends_the_old(client, demo_url, pending, monkeypatch):
    fid, _, target, _ = pending
    app = create_app(demo_url, Settings(public_read=False, allowed_hosts="testserver"))
    old = _link(client, fid, target)
    new = _link(client, fid, target)
    browser = TestClient(app, follow_redirects=False)
    assert browser.get(old).status_code == 410
    assert browser.get(new).status_code == 200
    assert browser.get(new[:-3] + "abc").status_code == 410  # forged
    from corridor.forum import links

    monkeypatch.setattr(links, "get_settings", lambda: Settings(invitation_days=1))
    import time as clock

    real = clock.time
    monkeypatch.setattr(clock, "time", lambda: real() + 2 * 86400)
    assert browser.get(new).status_code == 410  # expired


def test_participants_members_read_but_only_organisers_invite(demo_url, pending):
    from tests.conftest import bearer, make_user
    from tests.forum.conftest import ORGANISERS

    fid, _, target, _ = pending
    token = make_user(demo_url, "reader@forum.example", ORGANISERS, "member")
    with TestClient(create_app(demo_url), headers=bearer(token)) as member:
        assert member.get(f"/api/forum/{fid}/participants/{target}").status_code == 200
        refused = member.post(f"/api/forum/{fid}/participants/{target}/invitation", json={})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "E602"
        assert "Make an invitation link" not in member.get(f"/forum/{fid}/participants/{target}").text
