"""Uploads: files and URLs ingested in the background, progress polled, per-file errors with codes."""

import time
from types import SimpleNamespace

import pytest

from corridor.web import jobs

ARTICLE = ("title: Naqvi meets Baker on copper\ndate: 2026-03-02\n\nISLAMABAD: Interior Minister Mohsin Naqvi met US "
           "charge d'affaires Natalie Baker on Monday. Both sides agreed to expand cooperation in the mining sector.")


def wait(client, job_id: str, timeout: float = 90) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] == "done":
            return job
        time.sleep(0.2)
    raise AssertionError(f"upload {job_id} did not finish")


def test_uploads_form_ingests_files_and_reports_each(editor_client):
    files = [("files", ("naqvi baker.txt", ARTICLE.encode(), "text/plain")),
             ("files", ("empty.txt", b"", "text/plain")),
             ("files", ("scan.pdf", b"%PDF-1.4", "application/pdf")),
             ("files", ("../../etc/evil name?.txt", ARTICLE.encode() + b" Again.", "text/plain"))]
    response = editor_client.post("/documents/upload", files=files, data={"urls": "ftp://example.org/feed.xml"},
                                follow_redirects=False)
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[1]
    page = editor_client.get(response.headers["location"])
    assert page.status_code == 200 and "Upload" in page.text
    job = wait(editor_client, job_id)
    items = {i["name"]: i for i in job["items"]}
    assert set(items) == {"naqvi baker.txt", "empty.txt", "scan.pdf", "evil name_.txt", "ftp://example.org/feed.xml"}
    good = items["naqvi baker.txt"]
    assert good["status"] == "done" and not good["errors"]
    assert good["documents"] and good["documents"][0]["events"]
    assert {e["kind"] for e in good["documents"][0]["events"]} >= {"meeting"}
    assert items["empty.txt"]["errors"][0]["code"] == "E102"
    assert items["scan.pdf"]["errors"][0]["code"] == "E101"
    assert items["ftp://example.org/feed.xml"]["errors"][0]["code"] == "E109"
    assert items["evil name_.txt"]["status"] == "done"
    assert job["done"] == job["total"] == 5 and job["documents_added"] == 2
    # The finished job's fragment stops polling and links the new document and its events.
    fragment = editor_client.get(f"/documents/upload/{job_id}/status").text
    assert "hx-trigger" not in fragment
    assert f'href="/documents/{good["documents"][0]["id"]}"' in fragment
    assert "[E102]" in fragment and "[E101]" in fragment
    # The uploaded document is stored, searchable and listed.
    assert editor_client.get("/api/search", params={"q": "natalie baker"}).json()["documents"]["total"] >= 1


def test_uploads_running_job_polls(editor_client, monkeypatch):
    monkeypatch.setattr(jobs.threading, "Thread", lambda **kw: SimpleNamespace(start=lambda: None))
    response = editor_client.post("/documents/upload", files=[("files", ("a.txt", ARTICLE.encode(), "text/plain"))],
                                follow_redirects=False)
    fragment = editor_client.get(response.headers["location"] + "/status").text
    assert 'hx-get="/documents/upload/' in fragment and 'hx-trigger="every 1s"' in fragment
    assert "waiting" in fragment


def test_uploads_api(editor_client):
    response = editor_client.post("/api/documents/upload", data={"urls": ["file:///etc/passwd"]},
                                files=[("files", ("b.txt", ARTICLE.encode() + b" Later.", "text/plain"))])
    assert response.status_code == 202
    job = wait(editor_client, response.json()["id"])
    items = {i["name"]: i for i in job["items"]}
    assert items["file:///etc/passwd"]["errors"][0]["code"] == "E109"  # never read as a local path
    assert items["b.txt"]["status"] == "done"


def test_uploads_too_large(editor_client, monkeypatch):
    monkeypatch.setattr(jobs, "get_settings", lambda: SimpleNamespace(max_document_bytes=10))
    response = editor_client.post("/api/documents/upload",
                                files=[("files", ("big.txt", b"x" * 100, "text/plain"))])
    item = response.json()["items"][0]
    assert item["status"] == "failed" and item["errors"][0]["code"] == "E105"


def test_uploads_nothing_chosen(editor_client):
    # What a browser sends when the form is submitted empty: a nameless empty file part.
    page = editor_client.post("/documents/upload", files=[("files", ("", b"", "application/octet-stream"))],
                            data={"urls": " "})
    assert page.status_code == 400 and "choose at least one file" in page.text and "<form" in page.text
    api = editor_client.post("/api/documents/upload", data={"urls": []})
    assert api.status_code == 400 and api.json()["error"]["code"] == "HTTP400"


def test_uploads_refuse_other_sites(editor_client):
    response = editor_client.post("/documents/upload", files=[("files", ("a.txt", b"x", "text/plain"))],
                                headers={"origin": "https://evil.example"})
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/api/jobs/0123456789abcdef", "/api/jobs/..%2F..%2Fetc", "/documents/upload/nope"])
def test_uploads_unknown_job(editor_client, path):
    assert editor_client.get(path).status_code == 404


@pytest.mark.parametrize(
    ("name", "safe"),
    [("report.txt", "report.txt"), ("../../x.txt", "x.txt"), ("C:\\docs\\y.html", "y.html"), ("", "upload.txt"),
     ("a<b>.txt", "a_b_.txt"), ("...", "upload.txt")],
)
def test_uploads_safe_name(name, safe):
    assert jobs.safe_name(name, set()) == safe


def test_uploads_safe_name_unique():
    taken: set[str] = set()
    assert [jobs.safe_name("a.txt", taken) for _ in range(3)] == ["a.txt", "a-2.txt", "a-3.txt"]


def test_uploads_never_fetch_an_internal_address(editor_client):
    """The probe of the issue: the upload API fetched http://127.0.0.1:<port>/x and served it as a document."""
    from tests.test_outbound import Listener

    listener = Listener()
    try:
        urls = [f"http://127.0.0.1:{listener.port}/x", f"http://localhost:{listener.port}/x",
                f"http://[::ffff:127.0.0.1]:{listener.port}/x", f"http://2130706433:{listener.port}/x"]
        response = editor_client.post("/api/documents/upload", data={"urls": urls})
        assert response.status_code == 202
        job = wait(editor_client, response.json()["id"])
        assert [i["errors"][0]["code"] for i in job["items"]] == ["E111"] * 4
        assert job["documents_added"] == 0 and listener.hits == []
    finally:
        listener.stop()


def test_uploads_job_errors_never_carry_the_drivers_text(editor_client, monkeypatch):
    """The probe of the issue: /api/jobs/<id> returned the database driver's message with its SQL."""
    from sqlalchemy.exc import OperationalError

    def broken(*args, **kwargs):
        raise OperationalError("INSERT INTO documents (id, text) VALUES (?, ?)", ("doc_1", "secret"),
                               Exception("database is locked"))

    monkeypatch.setattr(jobs, "ingest", broken)
    response = editor_client.post("/api/documents/upload", files=[("files", ("a.txt", ARTICLE.encode(), "text/plain"))])
    job = wait(editor_client, response.json()["id"])
    error = job["items"][0]["errors"][0]
    assert error["code"] == "E402" and "INSERT" not in str(job) and "secret" not in str(job)
    assert "locked" not in str(job)


def test_uploads_store_errors_answer_a_code_and_a_plain_message(editor_client, monkeypatch):
    from sqlalchemy.exc import ProgrammingError

    from corridor.web.routes import documents

    def broken(*args, **kwargs):
        raise ProgrammingError("SELECT documents.id FROM documents WHERE name LIKE %(q)s", {"q": "x"}, Exception("boom"))

    monkeypatch.setattr(documents, "documents_view", broken)
    response = editor_client.get("/api/documents")
    assert response.status_code == 503
    assert response.json() == {"error": {"code": "E402", "message":
                                         "The store could not complete the request; the server log has the details"}}


def test_uploads_any_other_failure_answers_a_code_and_a_plain_message(demo_url, monkeypatch):
    from fastapi.testclient import TestClient

    from corridor.web.app import create_app
    from corridor.web.routes import documents
    from tests.conftest import bearer, make_user

    def broken(*args, **kwargs):
        raise RuntimeError("/srv/corridor/secret/path.py line 3: invariant broken")

    monkeypatch.setattr(documents, "documents_view", broken)
    token = make_user(demo_url, "editor@desk.example", "desk", "editor")
    with TestClient(create_app(demo_url), headers=bearer(token), raise_server_exceptions=False) as client:
        response = client.get("/api/documents")
        page = client.get("/documents")
    assert response.status_code == 500 and response.json()["error"]["code"] == "E403"
    assert "secret" not in response.text and "secret" not in page.text and "E403" in page.text
