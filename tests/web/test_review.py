"""Review through the web app: the queue page, the correction form, the JSON API, verified-only lists."""

import csv
import io

from sqlalchemy import select

from corridor.accounts.models import AuditRow
from corridor.store.db import session_scope
from tests.web.test_security import assert_inert


def _queue(client):
    return client.get("/api/review").json()


def test_review_queue_page_and_keys(editor_client):
    page = editor_client.get("/review")
    assert page.status_code == 200 and '<script src="/static/review.js" defer></script>' in page.text
    assert 'data-key="a"' in page.text and 'data-key="r"' in page.text and 'data-key="c"' in page.text
    assert editor_client.get("/static/review.js").status_code == 200
    first = _queue(editor_client)["items"][0]
    assert first["reasons"] and first["doubt"] >= _queue(editor_client)["items"][-1]["doubt"]


def test_review_accept_correct_and_provenance_through_the_api(editor_client, demo_url):
    queue = _queue(editor_client)
    first, second = queue["items"][0]["event"]["id"], queue["items"][1]["event"]["id"]
    accepted = editor_client.post(f"/api/events/{first}/accept")
    assert accepted.status_code == 200 and accepted.json()["provenance"]["review"] == "verified"
    assert accepted.json()["provenance"]["fields"]["kind"]["verified_by"] == "editor@desk.example"
    changed = editor_client.patch(f"/api/events/{second}", json={"date": "2026-01-15", "sectors": ["energy"],
                                                                  "place": "Quetta"})
    assert changed.status_code == 200, changed.text
    record, fields = changed.json()["event"], changed.json()["provenance"]["fields"]
    assert (record["date"], record["sectors"], record["place"]) == ("2026-01-15", ["energy"], "Quetta")
    assert fields["date"]["by"] == "person" and fields["kind"]["by"] == "machine"
    assert _queue(editor_client)["total"] == queue["total"] - 2
    page = editor_client.get(f"/events/{second}")
    assert "a person: editor@desk.example" in page.text and "verified by a person" in page.text
    with session_scope(demo_url) as session:
        actions = [a.action for a in session.scalars(select(AuditRow).order_by(AuditRow.id))]
    assert actions[-2:] == ["event.accept", "event.correct"]
    verified = editor_client.get("/api/events", params={"verified": "true"}).json()
    assert {e["id"] for e in verified["events"]} == {first, second}
    exported = editor_client.get("/events.csv", params={"verified": "true"}).text
    assert {row["id"] for row in csv.DictReader(io.StringIO(exported))} == {first, second}
    assert "Verified by a person only" in editor_client.get("/events").text


def test_review_correction_form(editor_client):
    event = _queue(editor_client)["items"][0]["event"]
    form = editor_client.get(f"/events/{event['id']}/edit")
    assert form.status_code == 200 and 'name="p_name"' in form.text
    assert_inert(form.text)
    answer = editor_client.post(f"/events/{event['id']}/correct", data={
        "kind": "assurance", "date": "2026-02", "place": "", "sectors": ["mining", "trade"],
        "amount_value": "1.5e9", "amount_currency": "usd", "amount_text": "$1.5 billion",
        "p_name": ["Muhammad Aurangzeb", "", ""], "p_title": ["Finance Minister", "", ""], "p_org": ["", "", ""],
        "p_country": ["PAK", "", ""], "p_role": ["source", "other", "other"],
        "p_kind": ["person", "person", "person"], "back": "/review"}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/review"
    record = editor_client.get(f"/api/events/{event['id']}").json()["event"]
    assert (record["kind"], record["date"], record["date_precision"], record["place"]) == ("assurance", "2026-02",
                                                                                           "month", None)
    assert record["amount"] == {"value": 1.5e9, "currency": "USD", "text": "$1.5 billion"}
    assert [(p["name"], p["actor_id"], p["role"]) for p in record["participants"]] == [
        ("Muhammad Aurangzeb", "pak-muhammad-aurangzeb", "source")]


def test_review_merge_split_reject_not_news_and_actor_merge(editor_client):
    items = [i["event"] for i in _queue(editor_client)["items"]]
    keep, other = items[0], next(e for e in items[1:] if e["sources"][0]["doc_id"] != items[0]["sources"][0]["doc_id"])
    merged = editor_client.post(f"/api/events/{keep['id']}/merge", json={"other": other["id"]})
    assert merged.status_code == 200 and len(merged.json()["sources"]) == len(keep["sources"]) + len(other["sources"])
    assert editor_client.get(f"/api/events/{other['id']}").status_code == 404
    sources = merged.json()["sources"]
    split = editor_client.post(f"/api/events/{keep['id']}/split", json={"sources": [sources[-1]["id"]]})
    assert split.status_code == 200 and split.json()["event"]["id"] != keep["id"]
    assert editor_client.post(f"/api/events/{keep['id']}/split", json={"sources": []}).json()["error"]["code"] == "E703"
    rejected = editor_client.post(f"/api/events/{split.json()['event']['id']}/reject")
    assert rejected.json() == {"id": split.json()["event"]["id"], "rejected": True}
    doc = keep["sources"][0]["doc_id"]
    gone = editor_client.post(f"/api/documents/{doc}/not-news").json()
    assert gone["not_news"] and gone["events_removed"] >= 1
    after = editor_client.get(f"/api/documents/{doc}").json()
    assert after["document"]["not_news"] is True and after["events"] == [] and after["spans"] == []
    actors = editor_client.get("/api/actors", params={"q": "naqvi"}).json()["actors"]
    known = next(a for a in actors if a["known"])
    made_up = editor_client.get("/api/actors", params={"size": 500}).json()["actors"]
    stray = next(a for a in made_up if not a["known"] and a["kind"] == "person")
    joined = editor_client.post(f"/api/actors/{stray['id']}/merge", json={"into": known["id"]})
    assert joined.status_code == 200 and stray["name"] in joined.json()["aliases"]
    assert editor_client.get(f"/api/actors/{stray['id']}").status_code == 404
    assert editor_client.post(f"/api/actors/{known['id']}/merge", json={"into": known["id"]}).status_code == 400


def test_review_overview_shows_the_share_reviewed_and_precision(editor_client):
    items = [i["event"] for i in _queue(editor_client)["items"]]
    editor_client.post(f"/api/events/{items[0]['id']}/accept")
    editor_client.post(f"/api/events/{items[1]['id']}/reject")
    numbers = editor_client.get("/api/overview").json()["review"]
    assert numbers["reviewed"] == 1 and numbers["rejected"] == 1 and numbers["machine_precision"] == 0.5
    assert "the machine's precision on them: 50 %" in editor_client.get("/").text
