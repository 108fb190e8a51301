"""Deny by default: every route of the app declares who may use it, and the whole route table is
walked as every role. A route added without a rule fails here (and the app refuses to start)."""

import re

import pytest
from fastapi import APIRouter, FastAPI
from starlette.routing import Mount

from corridor.web.app import FRAMEWORK_ROUTES, _check_rules, all_routes
from corridor.web.auth import rule_of
from tests.web.access import ORIGIN, ROLES, app_for, build_store, client_as

# Who each rule lets through (with CORRIDOR_PUBLIC_READ off).
ALLOWED = {
    "public": set(ROLES),
    "news": {"member", "editor", "org_admin", "site_admin"},
    "signed_in": {"member", "editor", "org_admin", "site_admin"},
    "editor": {"editor", "org_admin", "site_admin"},
    "site_admin": {"site_admin"},
    "org_admin": {"org_admin", "site_admin"},
    "forum_member": {"member", "editor", "org_admin", "site_admin"},
    "forum_organiser": {"editor", "org_admin", "site_admin"},
    "participant": {"participant"},
}
# Values for the path parameters that are not ids of the store.
FIXED = {"job_id": "0123456789abcdef", "table": "Room A", "sheet": "participants", "org": "desk",
         "change": "enable", "token": "not-a-signed-token", "token_id": "0000000000000000", "fmt": "csv"}
# Form values that keep a write quick (the scheduler's search time).
FORMS = {"/forum/{fid}/schedule": {"time_limit": "0.2"}}


@pytest.fixture(scope="module")
def store(demo_template, tmp_path_factory):
    return build_store(demo_template, tmp_path_factory.mktemp("access"))


def _routes():
    app = app_for_table()
    out = []
    for route in all_routes(app.routes):
        if isinstance(route, Mount) or route.path in FRAMEWORK_ROUTES:
            continue
        for method in sorted(route.methods - {"HEAD"}):
            out.append((method, route.path, rule_of(route).name))
    return sorted(out, key=lambda r: r[1] == "/logout")  # signing out last: it ends a browser's session


def app_for_table():
    from corridor.web.app import create_app

    return create_app("sqlite://")


ROUTES = _routes()


def test_access_every_route_has_exactly_one_rule():
    for route in all_routes(app_for_table().routes):
        if isinstance(route, Mount) or route.path in FRAMEWORK_ROUTES:
            continue
        assert rule_of(route) is not None, route.path
        assert rule_of(route).name in ALLOWED, (route.path, rule_of(route).name)


def test_access_a_route_without_a_rule_stops_the_app():
    app = FastAPI(docs_url=None, redoc_url=None)
    router = APIRouter()

    @router.get("/forgotten")
    def forgotten():
        return {}

    app.include_router(router)
    with pytest.raises(RuntimeError, match="/forgotten"):
        _check_rules(app)


def test_access_the_table_covers_every_kind_of_route():
    rules = {rule for _, _, rule in ROUTES}
    assert rules == set(ALLOWED)
    assert len(ROUTES) > 100


def _fill(path: str, ids: dict) -> str:
    def value(match):
        name = match.group(1)
        return str(ids.get(name) or FIXED[name]).replace(" ", "%20")

    return re.sub(r"{(\w+)(?::path)?}", value, path)


def _denied(response) -> bool:
    if response.status_code in (401, 403):
        return True
    return response.status_code == 303 and response.headers["location"].startswith("/login")


@pytest.mark.parametrize("role", ROLES)
def test_access_route_table_as_every_role(store, role):
    """Each route answers each role as its rule says: let through (whatever the answer then is: a
    page, a 404 for an id, a 422 for a missing field) or refused (401, 403, or to the sign-in page)."""
    app = app_for(store)
    wrong = []
    with client_as(app, store, role) as client:
        for method, path, rule in ROUTES:
            url = _fill(path, store.ids)
            response = client.request(method, url, data=FORMS.get(path) if method != "GET" else None)
            assert response.status_code < 500, (method, url, response.text[:300])
            if _denied(response) == (role in ALLOWED[rule]):
                wrong.append((method, path, rule, response.status_code, response.text[:120]))
    assert not wrong, wrong


WRITES = [(m, p) for m, p, rule in ROUTES if m != "GET"]


@pytest.mark.parametrize("origin", ["https://evil.example", "null", None])
def test_access_every_write_refuses_another_origin(store, origin):
    """A browser session's write from another site (or from nowhere: Origin null, or none at all)."""
    app = app_for(store)
    with client_as(app, store, "participant") as client:
        if origin is None:
            del client.headers["Origin"]
        else:
            client.headers["Origin"] = origin
        for method, path in WRITES:
            response = client.request(method, _fill(path, store.ids))
            assert response.status_code == 403, (method, path, response.status_code)
            assert "E605" in response.text, (method, path)


def test_access_every_write_refuses_a_missing_or_wrong_csrf_token(store):
    app = app_for(store)
    with client_as(app, store, "participant") as client:
        for token in (None, "0" * 64):
            if token is None:
                del client.headers["X-CSRF-Token"]
            else:
                client.headers["X-CSRF-Token"] = token
            for method, path in WRITES:
                response = client.request(method, _fill(path, store.ids))
                assert response.status_code == 403 and "E605" in response.text, (method, path)


def test_access_every_write_refuses_anonymous_visitors_without_a_token(store):
    """Anonymous writes: refused by their rule, or (public ones) without a CSRF token."""
    app = app_for(store)
    with client_as(app, store, "anonymous") as client:
        del client.headers["X-CSRF-Token"]
        for method, path in WRITES:
            response = client.request(method, _fill(path, store.ids))
            assert response.status_code in (401, 403), (method, path, response.status_code)


def test_access_a_token_from_another_origin_is_refused_but_a_program_without_origin_passes(store):
    app = app_for(store)
    with client_as(app, store, "editor") as client:
        event = store.ids["event_id"]
        foreign = client.post(f"/api/events/{event}/accept", headers={"Origin": "https://evil.example"})
        assert foreign.status_code == 403 and foreign.json()["error"]["code"] == "E605"
        plain = client.post("/api/account/tokens", json={"scope": "read", "name": "no origin"})
        assert plain.status_code == 201


def test_access_read_tokens_cannot_write(store):
    from tests.conftest import bearer, make_user

    token = make_user(store.url, "reader@desk.example", "desk", "editor", scope="read")
    from fastapi.testclient import TestClient

    with TestClient(app_for(store), headers=bearer(token)) as client:
        assert client.get("/api/events").status_code == 200
        refused = client.post(f"/api/events/{store.ids['event_id']}/accept")
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "E613"


def test_access_public_read_opens_the_news_only(store):
    app = app_for(store, public_read=True)
    with client_as(app, store, "anonymous") as client:
        for method, path, rule in ROUTES:
            if method != "GET" or rule not in ("news", "forum_member", "editor", "signed_in"):
                continue
            response = client.get(_fill(path, store.ids))
            assert _denied(response) == (rule != "news"), (path, response.status_code)


@pytest.mark.parametrize("host", ["evil.example", "corridor.attacker.test:8000", "127.0.0.1.nip.io", ""])
def test_access_foreign_host_header_is_refused(store, host):
    app = app_for(store, public_read=True)
    with client_as(app, store, "anonymous") as client:
        for path in ("/", "/api/events", "/login"):
            response = client.get(path, headers={"Host": host})
            assert response.status_code == 400 and response.json()["error"]["code"] == "E606", (host, path)
        assert client.get("/api/health").status_code == 200  # the configured name still works


def test_access_anonymous_html_is_sent_to_sign_in_and_api_gets_a_code(store):
    app = app_for(store)
    with client_as(app, store, "anonymous") as client:
        page = client.get("/events?kind=attack")
        assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fevents%3Fkind%3Dattack"
        api = client.get("/api/events")
        assert api.status_code == 401 and api.json()["error"] == {"code": "E601", "message": "Sign in to continue"}
        assert ORIGIN  # the browser clients send this site's origin
