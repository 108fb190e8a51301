"""Two organisations on one server cannot see each other's confidential records: every list, page,
search, export and API route is read as the other organisation, with the first one's ids and words,
on SQLite and on PostgreSQL."""

import re
import shutil

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from corridor.config import Settings
from corridor.forum.demo import load_demo as load_forum
from corridor.forum.models import ForumRequestRow
from corridor.review.apply import reapply
from corridor.store.batch import ingest
from corridor.store.db import session_scope
from corridor.store.models import DocumentRow, EventRow, EventSourceRow
from corridor.web.app import all_routes, create_app
from tests.conftest import bearer, make_user
from tests.web.conftest import DEMO, SAMPLE

SECRETS = {
    "alpha": ("title: Zorvath copper terms\ndate: 2026-03-02\n\nISLAMABAD: Finance Minister Muhammad Aurangzeb met "
              "Kestrel Zorvathian, chief executive of Zorvath Minerals, on Monday in Islamabad to agree a confidential "
              "copper offtake worth $900 million. Both sides agreed to expand cooperation in the mining sector."),
    "beta": ("title: Quillmoor grid survey\ndate: 2026-03-04\n\nKARACHI: Energy Minister Awais Leghari met Brannoch "
             "Quillmoor of Quillmoor Power on Wednesday to discuss a wind farm in Jhimpir."),
}
MARKS = {"alpha": "zorvath", "beta": "quillmoor"}
# What alpha's document says that no request of the walk names (the walk searches for "zorvath").
SAID = ("kestrel", "zorvathian", "zorvath minerals", "offtake", "copper terms")


def _said(text: str, ids: dict) -> list[str]:
    """The secret words in an answer, leaving out the ids the request itself named (echoed by a 404)."""
    lower = text.lower().replace(ids["actor_id"].lower(), "").replace(ids["actor_id"].lower().replace(" ", "%20"), "")
    return [word for word in SAID if word in lower]


@pytest.fixture(scope="module")
def two_orgs(module_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("news")
    for name in SAMPLE[:3]:
        shutil.copy(DEMO / name, folder / name)
    assert not ingest([folder], module_db).errors
    ids = {}
    for org, text in SECRETS.items():
        path = tmp_path_factory.mktemp(org) / f"{org}-notes.txt"
        path.write_text(text, encoding="utf-8")
        report = ingest([path], module_db, org_id=org, after=lambda s, d: reapply(s, d))
        assert not report.errors and report.stats.events_added
    with session_scope(module_db) as session:
        load_forum(session, time_limit=0.3, org_id="alpha")
        doc = session.scalar(select(DocumentRow).where(DocumentRow.org_id == "alpha"))
        event = session.scalar(select(EventRow.id).join(EventSourceRow).where(EventSourceRow.document_id == doc.id))
        request = session.scalars(select(ForumRequestRow).order_by(ForumRequestRow.id)).first()
        ids = {"doc_id": doc.id, "event_id": event, "actor_id": "person:Kestrel Zorvathian", "fid": request.forum_id,
               "pid": request.target_id, "rid": request.id, "table": "Room A", "sheet": "participants",
               "org": "alpha", "job_id": "0123456789abcdef", "uid": "1", "change": "enable", "token": "x",
               "token_id": "x", "fmt": "csv"}
    tokens = {org: make_user(module_db, f"editor@{org}.example", org, "admin") for org in ("alpha", "beta")}
    return module_db, ids, tokens


def _get_routes():
    app = create_app("sqlite://")
    return sorted({r.path for r in all_routes(app.routes) if "GET" in getattr(r, "methods", set())
                   and not r.path.startswith(("/static", "/openapi"))})


QUERY = {"q": "{mark}", "actor": "{mark}", "text": "{mark}"}


def _read(client, path: str, ids: dict, mark: str):
    url = re.sub(r"{(\w+)(?::path)?}", lambda m: str(ids[m.group(1)]).replace(" ", "%20"), path)
    return client.get(url, params={k: v.format(mark=mark) for k, v in QUERY.items()})


def test_confidential_records_never_reach_the_other_organisation(two_orgs):
    url, ids, tokens = two_orgs
    app = create_app(url, Settings(public_read=False, allowed_hosts="testserver"))
    leaks, seen = [], []
    with TestClient(app, headers=bearer(tokens["beta"])) as beta, \
            TestClient(app, headers=bearer(tokens["alpha"])) as alpha:
        for path in _get_routes():
            answer = _read(beta, path, ids, MARKS["alpha"])
            assert answer.status_code < 500, (path, answer.text[:200])
            if _said(answer.text, ids):
                leaks.append((path, answer.status_code, _said(answer.text, ids)))
            own = _read(alpha, path, ids, MARKS["alpha"])
            if _said(own.text, ids):
                seen.append(path)
    assert not leaks, leaks
    # The same reads show alpha its own records, so the walk above could have caught a leak.
    assert {"/api/events", "/api/search", "/api/documents", "/api/documents/{doc_id}", "/api/events/{event_id}",
            "/api/actors", "/api/actors/{actor_id:path}", "/events.csv", "/api/events/export", "/search",
            "/api/review"} <= set(seen)


def test_confidential_ids_of_another_organisation_are_unknown(two_orgs):
    url, ids, tokens = two_orgs
    app = create_app(url, Settings(public_read=True, allowed_hosts="testserver"))
    with TestClient(app, headers=bearer(tokens["beta"])) as beta, TestClient(app) as anonymous:
        for client in (beta, anonymous):
            for path, code in ((f"/api/events/{ids['event_id']}", "E301"), (f"/api/documents/{ids['doc_id']}", "E303"),
                               (f"/api/actors/{ids['actor_id']}", "E302")):
                answer = client.get(path)
                assert answer.status_code == 404 and answer.json()["error"]["code"] == code
        assert beta.get(f"/api/forum/{ids['fid']}").json()["error"]["code"] == "E501"
        assert beta.get("/api/forum").json()["forums"] == []
        for write in (("post", f"/api/events/{ids['event_id']}/accept"), ("post", f"/api/documents/{ids['doc_id']}/not-news"),
                      ("patch", f"/api/forum/{ids['fid']}/requests/{ids['rid']}")):
            answer = getattr(beta, write[0])(write[1], json={"status": "cancelled"})
            assert answer.status_code == 404, write
        # News stay news for everyone; each organisation reads its own confidential records.
        mine = beta.get("/api/search", params={"q": "Quillmoor"}).json()
        assert mine["documents"]["total"] == 1 and mine["events"]["hits"]
        assert anonymous.get("/api/search", params={"q": "Quillmoor"}).json()["documents"]["total"] == 0
        assert anonymous.get("/api/overview").json()["documents"] == 3
        assert beta.get("/api/overview").json()["documents"] == 4


def test_confidential_uploads_go_to_the_uploaders_organisation(two_orgs, tmp_path):
    url, ids, tokens = two_orgs
    with session_scope(url) as session:
        same_text = session.scalar(select(DocumentRow.id).where(DocumentRow.org_id == "alpha"))
    assert same_text == ids["doc_id"]
    # The same text stored by beta would be beta's own document, not alpha's.
    path = tmp_path / "copy.txt"
    path.write_text(SECRETS["alpha"], encoding="utf-8")
    report = ingest([path], url, org_id="beta")
    assert report.stats.documents_added == 1 and report.document_ids[0] != ids["doc_id"]
