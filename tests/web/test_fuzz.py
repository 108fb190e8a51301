"""Schema-driven fuzzing of the JSON API (schemathesis, in process): whatever the input, no 5xx.

Every GET operation of the OpenAPI document gets generated parameters (paths, filters, pages, sizes,
odd strings) against a store holding the demo corpus, through the ASGI app itself (the forum's
operations too, when the app includes them). The upload
operation is left out: each example would start a background ingest; tests/web/test_uploads.py
covers it."""

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from corridor.web.app import create_app

# The operations, read from the app's own OpenAPI document (no store needed for that).
GET_OPERATIONS = sorted(path for path, methods in create_app("sqlite://").openapi()["paths"].items()
                        if "get" in methods and path.startswith("/api/"))
EXAMPLES = 25  # per operation: the whole run stays well under a minute


@pytest.fixture(scope="module")
def fuzz_app(demo_template, tmp_path_factory):
    import shutil

    path = tmp_path_factory.mktemp("fuzz") / "demo.db"
    shutil.copyfile(demo_template, path)
    app = create_app(f"sqlite:///{path}")
    with TestClient(app):  # runs the app's start-up once
        yield app


def test_fuzz_covers_every_api_operation():
    assert {"/api/events", "/api/events/{event_id}", "/api/overview", "/api/actors", "/api/actors/{actor_id}",
            "/api/documents", "/api/documents/{doc_id}", "/api/map", "/api/search", "/api/jobs/{job_id}",
            "/api/events/export"} <= set(GET_OPERATIONS)


@pytest.mark.parametrize("path", GET_OPERATIONS)
def test_fuzz_api_has_no_server_errors(fuzz_app, path):
    operation = schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)
    def check(case):
        response = case.call()
        assert response.status_code < 500, (case.path, case.path_parameters, case.query, response.text[:300])
        if response.status_code >= 400 and not path.startswith("/api/forum"):
            assert response.json()["error"]["code"]  # every error carries its code

    check()
