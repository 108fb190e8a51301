"""Accounts and review in a real Chromium, on a server of their own (these tests change facts): signing
in, a review session done with the keyboard, a participant accepting a meeting through their
invitation link, and a cross-site post the app refuses."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Page, copy_to_docs, serving, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def own_server(chromium, tmp_path_factory):
    with serving(tmp_path_factory.mktemp("e2e-accounts")) as base:
        yield base


@pytest.fixture
def tab(browser, own_server):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = Page(context.new_page(), own_server)
    yield page
    context.close()
    assert not page.errors, page.errors


def _api(page: Page, path: str) -> httpx.Response:
    """A JSON twin read with the browser's own session."""
    cookies = {c["name"]: c["value"] for c in page.tab.context.cookies()}
    return httpx.get(page.base + path, cookies=cookies, timeout=10)


def test_accounts_sign_in_and_out(tab):
    tab.open("/forum")  # not for visitors: to the sign-in page, and back after it
    tab.tab.wait_for_url(re.compile(r"/login\?next=%2Fforum$"))
    tab.tab.get_by_label("E-mail address").fill("editor@demo.example")
    tab.tab.get_by_label("Password").fill("not the password")
    tab.tab.get_by_role("button", name="Sign in").click()
    expect(tab.tab.get_by_role("alert")).to_contain_text("Wrong e-mail address or password")
    tab.errors.clear()  # the browser logs the 401 of the refused sign-in
    tab.shot("30-sign-in-refused")
    from corridor.demo.load import DEMO_PASSWORD

    tab.tab.get_by_label("Password").fill(DEMO_PASSWORD)
    tab.tab.get_by_role("button", name="Sign in").click()
    tab.tab.wait_for_url(tab.base + "/forum")
    expect(tab.tab.get_by_role("link", name="Demo editor")).to_be_visible()
    cookie = next(c for c in tab.tab.context.cookies() if c["name"] == "corridor_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    tab.shot("31-signed-in")
    tab.tab.get_by_role("button", name="Sign out").click()
    expect(tab.tab.get_by_role("link", name="Sign in")).to_be_visible()


def test_accounts_review_session_with_the_keyboard(tab):
    sign_in(tab, next_path="/review")
    queue = _api(tab, "/api/review").json()
    first, second, third = (item["event"]["id"] for item in queue["items"][:3])
    expect(tab.tab.locator("#queue li").first).to_be_focused()
    copy_to_docs(tab.shot("32-review-queue", full_page=False), "review.png")
    tab.tab.keyboard.press("a")  # accept the first
    tab.tab.wait_for_load_state()
    expect(tab.tab.locator(f'#queue li[data-event="{first}"]')).to_have_count(0)
    assert _api(tab, f"/api/events/{first}").json()["provenance"]["review"] == "verified"
    expect(tab.tab.locator("#queue li").first).to_have_attribute("data-event", second)
    tab.tab.keyboard.press("j")  # move to the next, then back
    expect(tab.tab.locator("#queue li").nth(1)).to_be_focused()
    tab.tab.keyboard.press("k")
    tab.tab.keyboard.press("r")  # reject the second
    tab.tab.wait_for_load_state()
    expect(tab.tab.locator(f'#queue li[data-event="{second}"]')).to_have_count(0)
    assert _api(tab, f"/api/events/{second}").status_code == 404
    tab.tab.keyboard.press("c")  # correct the third: the form opens on its kind
    tab.tab.wait_for_url(re.compile(rf"/events/{third}/edit"))
    expect(tab.tab.get_by_label("Kind of event")).to_be_focused()
    tab.tab.keyboard.press("Tab")  # to the date
    tab.tab.keyboard.press("Control+A")
    tab.tab.keyboard.type("2026-01-31")
    tab.shot("33-correct-form")
    tab.tab.keyboard.press("Enter")
    tab.tab.wait_for_url(re.compile(r"/review(\?page=1)?$"))
    detail = _api(tab, f"/api/events/{third}").json()
    assert detail["event"]["date"] == "2026-01-31"
    assert detail["provenance"]["fields"]["date"] == {**detail["provenance"]["fields"]["date"], "by": "person",
                                                      "who": "editor@demo.example"}
    tab.open(f"/events/{third}")
    tab.tab.get_by_text("Who set each field").click()
    expect(tab.tab.get_by_text("a person: editor@demo.example")).to_be_visible()
    tab.shot("34-event-provenance")


def test_accounts_participant_accepts_a_meeting_through_the_link(tab, browser):
    sign_in(tab, next_path="/forum")
    fid = _api(tab, "/api/forum").json()["forums"][0]["id"]
    pending = _api(tab, f"/api/forum/{fid}/requests?status=pending").json()["requests"][0]
    target = pending["target"]
    tab.open(f"/forum/{fid}/participants/{target['id']}")
    tab.tab.get_by_role("button", name="Make an invitation link").click()
    link = tab.tab.locator("#invitation-link").inner_text()
    assert link.startswith(tab.base + "/invite/")

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    participant = Page(context.new_page(), tab.base)
    try:
        participant.tab.goto(link)
        expect(participant.tab.get_by_text(f"Welcome, {target['name']}")).to_be_visible()
        participant.tab.get_by_role("button", name="Open my agenda").click()
        participant.tab.wait_for_url(tab.base + f"/forum/{fid}/me")
        accept = participant.tab.get_by_role("button", name=f"Accept the request {pending['id']}")
        expect(accept).to_be_visible()
        copy_to_docs(participant.shot("35-participant-agenda"), "participant-agenda.png")
        accept.click()
        participant.tab.wait_for_url(tab.base + f"/forum/{fid}/me")
        expect(participant.tab.get_by_role("button", name=f"Accept the request {pending['id']}")).to_have_count(0)
        assert not participant.errors, participant.errors
    finally:
        context.close()
    accepted = _api(tab, f"/api/forum/{fid}/requests?status=accepted").json()["requests"]
    assert pending["id"] in {r["id"] for r in accepted}


class EvilSite:
    """Another site (127.0.0.1 on another port: another origin) whose page posts a form to the app."""

    def __init__(self, action: str) -> None:
        page = (f'<!doctype html><title>Prize</title><form id="f" method="post" action="{action}">'
                '<input type="hidden" name="status" value="cancelled"><button>Claim your prize</button></form>')

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(page.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_accounts_a_cross_site_post_is_refused(tab):
    """The reproduction of the issue: a page of another site cancels a meeting for a signed-in organiser."""
    sign_in(tab, next_path="/forum")
    fid = _api(tab, "/api/forum").json()["forums"][0]["id"]
    scheduled = _api(tab, f"/api/forum/{fid}/requests?status=scheduled").json()["requests"][0]
    evil = EvilSite(f"{tab.base}/forum/{fid}/requests/{scheduled['id']}/status")
    try:
        tab.tab.goto(evil.url)
        tab.tab.get_by_role("button", name="Claim your prize").click()
        tab.tab.wait_for_load_state()
        expect(tab.tab.get_by_text("did not come from this site")).to_be_visible()
        tab.errors.clear()  # the browser logs the 403
        tab.shot("36-cross-site-refused", full_page=False)
    finally:
        evil.stop()
    still = _api(tab, f"/api/forum/{fid}/requests?status=scheduled").json()["requests"]
    assert scheduled["id"] in {r["id"] for r in still}
