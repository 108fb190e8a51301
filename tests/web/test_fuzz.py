"""Schema-driven fuzzing of the JSON API (schemathesis, in process), signed in: whatever the input, no 5xx.

Every operation of the OpenAPI document (reads and writes) gets generated parameters and bodies
(paths, filters, pages, sizes, odd strings) against a store holding the demo corpus and the demo
forum, through the ASGI app itself, as a site admin with a write token (the widest access, so every
operation runs past its rule). Left out: the upload, whose every example would start a background
ingest (tests/web/test_uploads.py covers it), and the scheduler, whose examples may ask for minutes
of search (tests/forum covers it)."""

import shutil

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from corridor.config import Settings
from corridor.forum.demo import load_demo as load_forum
from corridor.store.db import session_scope
from corridor.web.app import create_app
from tests.conftest import bearer, make_user

SPEC = create_app("sqlite://").openapi()["paths"]
SKIP = {("/api/documents/upload", "POST"), ("/api/forum/{fid}/schedule", "POST")}
OPERATIONS = sorted((path, method.upper()) for path, methods in SPEC.items() for method in methods
                    if path.startswith("/api/") and (path, method.upper()) not in SKIP)
EXAMPLES = 15  # per operation: the whole run stays around a minute


@pytest.fixture(scope="module")
def fuzz_app(demo_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "demo.db"
    shutil.copyfile(demo_template, path)
    url = f"sqlite:///{path}"
    with session_scope(url) as session:
        load_forum(session, time_limit=0.3, org_id="desk")
    token = make_user(url, "fuzz@corridor.example", "desk", "admin", site_admin=True)
    app = create_app(url, Settings(public_read=False, allowed_hosts="testserver"))
    with TestClient(app):  # runs the app's start-up once
        yield app, bearer(token)


def test_fuzz_covers_every_api_operation():
    assert {("/api/events", "GET"), ("/api/events/{event_id}", "PATCH"), ("/api/review", "GET"),
            ("/api/admin/audit", "GET"), ("/api/forum/{fid}/requests/{rid}", "PATCH"), ("/api/jobs/{job_id}", "GET"),
            ("/api/forum/{fid}/me", "GET"), ("/api/account/tokens", "POST"),
            ("/api/actors/{actor_id}/merge", "POST")} <= set(OPERATIONS)


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_fuzz_api_has_no_server_errors(fuzz_app, path, method):
    app, headers = fuzz_app
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)
    def check(case):
        response = case.call(headers={**headers, "Host": "testserver"})
        assert response.status_code < 500, (case.method, case.path, case.path_parameters, case.query, case.body,
                                            response.text[:300])
        if response.status_code >= 400:
            assert response.json()["error"]["code"]  # every error carries its code

    check()
