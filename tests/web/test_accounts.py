"""Signing in and out in a browser, the user's own page, invitations and password links (by mail where
a mail server is configured: a test SMTP server on 127.0.0.1)."""

import email
import re
import socketserver
import threading

import pytest
from fastapi.testclient import TestClient

from corridor.config import Settings
from corridor.web.app import create_app
from tests.conftest import bearer, make_user

PASSWORD = "correct horse battery"
ORIGIN = {"Origin": "http://testserver"}


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@pytest.fixture
def app(sqlite_url):
    make_user(sqlite_url, "amina@boi.example", "boi", "admin", password=PASSWORD, scope=None)
    return create_app(sqlite_url, Settings(public_read=False, allowed_hosts="testserver,corridor.example"))


def sign_in(app, email="amina@boi.example", password=PASSWORD, next_="/", base="http://testserver"):
    browser = TestClient(app, base_url=base, follow_redirects=False)
    form = browser.get("/login")
    answer = browser.post("/login", data={"email": email, "password": password, "next": next_,
                                          "csrf_token": _csrf(form.text)}, headers={"Origin": base})
    return browser, answer


def test_accounts_sign_in_sets_a_safe_cookie_and_rotates_it(app):
    browser = TestClient(app, follow_redirects=False)
    browser.cookies.set("corridor_session", "planted-by-someone-else")
    form = browser.get("/login?next=/events")
    answer = browser.post("/login", data={"email": "AMINA@boi.example", "password": PASSWORD, "next": "/events",
                                          "csrf_token": _csrf(form.text)}, headers=ORIGIN)
    assert answer.status_code == 303 and answer.headers["location"] == "/events"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    token = re.search(r"corridor_session=([^;]+)", cookie).group(1)
    assert token != "planted-by-someone-else"
    page = browser.get("/account")
    assert page.status_code == 200 and "amina@boi.example" in page.text
    assert 'hx-headers=\'{"X-CSRF-Token": "' in page.text
    _, again = sign_in(app)
    assert re.search(r"corridor_session=([^;]+)", again.headers["set-cookie"]).group(1) != token


def test_accounts_cookie_is_secure_over_https(app):
    _, answer = sign_in(app, base="https://corridor.example")
    assert answer.status_code == 303 and "Secure" in answer.headers["set-cookie"]


def test_accounts_sign_in_failures(app):
    browser, wrong = sign_in(app, password="not the password")
    assert wrong.status_code == 401 and "Wrong e-mail address or password" in wrong.text
    for _ in range(4):
        sign_in(app, password="not the password")
    _, paused = sign_in(app)
    assert paused.status_code == 429 and "E604" in paused.text
    forged = browser.post("/login", data={"email": "amina@boi.example", "password": PASSWORD,
                                          "csrf_token": "forged"}, headers=ORIGIN)
    assert forged.status_code == 403


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"])
def test_accounts_sign_in_only_redirects_within_the_site(app, target):
    _, answer = sign_in(app, next_=target)
    assert answer.headers["location"] == "/"


def test_accounts_sign_out_ends_the_session(app):
    browser, _ = sign_in(app)
    page = browser.get("/account")
    out = browser.post("/logout", data={"csrf_token": _csrf(page.text)}, headers=ORIGIN)
    assert out.status_code == 303
    assert browser.get("/account").status_code == 303  # to the sign-in page again


def test_accounts_tokens_are_shown_once(app):
    browser, _ = sign_in(app)
    page = browser.get("/account")
    made = browser.post("/account/tokens", data={"name": "sheet", "scope": "read", "csrf_token": _csrf(page.text)},
                        headers=ORIGIN)
    token = re.search(r'<code id="new-token">([^<]+)</code>', made.text).group(1)
    assert made.status_code == 201 and token.startswith("cor_")
    assert token not in browser.get("/account").text and token not in browser.get("/api/account").text
    api = TestClient(app, headers=bearer(token))
    assert api.get("/api/account").json()["user"]["email"] == "amina@boi.example"


def test_accounts_password_change_ends_other_sessions(app):
    browser, _ = sign_in(app)
    other, _ = sign_in(app)
    page = browser.get("/account")
    changed = browser.post("/account/password", data={"current": PASSWORD, "new": "a brand new passphrase",
                                                      "csrf_token": _csrf(page.text)}, headers=ORIGIN)
    assert changed.status_code == 303
    assert browser.get("/account").status_code == 200  # this browser got a new session
    assert other.get("/account").status_code == 303
    assert sign_in(app, password="a brand new passphrase")[1].status_code == 303


def test_accounts_org_admin_invites_and_the_link_sets_a_password(app):
    browser, _ = sign_in(app)
    page = browser.get("/orgs/boi")
    invited = browser.post("/orgs/boi/members", data={"email": "new@boi.example", "role": "editor", "name": "New",
                                                      "csrf_token": _csrf(page.text)}, headers=ORIGIN)
    link = re.search(r"<code>(http://testserver/password/set/[^<]+)</code>", invited.text).group(1)
    assert "new@boi.example" in invited.text and "editor" in invited.text
    newcomer = TestClient(app, follow_redirects=False)
    form = newcomer.get(link)
    assert form.status_code == 200 and "new@boi.example" in form.text
    done = newcomer.post(link, data={"password": "my own passphrase", "csrf_token": _csrf(form.text)}, headers=ORIGIN)
    assert done.status_code == 303
    assert newcomer.get("/api/account").json()["user"]["orgs"] == {"boi": "editor"}
    assert newcomer.get(link).status_code == 410  # used once
    assert browser.get("/orgs/other").status_code == 404  # not theirs


class SmtpSink(socketserver.ThreadingTCPServer):
    """A mail server on 127.0.0.1 that keeps what it is sent (no TLS, no authentication)."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        self.messages: list[str] = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 sink\r\n")
                data = False
                lines = []
                for raw in self.rfile:
                    line = raw.decode().rstrip("\r\n")
                    if data:
                        if line == ".":
                            sink.messages.append("\n".join(lines))
                            data = False
                            self.wfile.write(b"250 ok\r\n")
                        else:
                            lines.append(line)
                        continue
                    verb = line.split(" ", 1)[0].upper()
                    if verb == "DATA":
                        data, lines = True, []
                        self.wfile.write(b"354 go\r\n")
                    elif verb == "QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    elif verb == "EHLO":
                        self.wfile.write(b"250 sink\r\n")
                    else:
                        self.wfile.write(b"250 ok\r\n")

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()


def test_accounts_password_reset_goes_by_mail(app, monkeypatch):
    sink = SmtpSink()
    try:
        settings = Settings(smtp_host="127.0.0.1", smtp_port=sink.server_address[1], smtp_starttls=False)
        from corridor.accounts import mail

        monkeypatch.setattr(mail, "get_settings", lambda: settings)
        visitor = TestClient(app, follow_redirects=False)
        form = visitor.get("/password/reset")
        for address in ("amina@boi.example", "nobody@boi.example"):
            sent = visitor.post("/password/reset", data={"email": address, "csrf_token": _csrf(form.text)},
                                headers=ORIGIN)
            assert sent.status_code == 200 and "If the address is an account's" in sent.text
        assert len(sink.messages) == 1
        message = email.message_from_string(sink.messages[0])
        assert message["To"] == "amina@boi.example"
        body = message.get_payload(decode=True).decode()
        link = re.search(r"http://testserver(/password/set/\S+)", body).group(1)
        form = visitor.get(link)
        visitor.post(link, data={"password": "reset passphrase ok", "csrf_token": _csrf(form.text)}, headers=ORIGIN)
        assert sign_in(app, password="reset passphrase ok")[1].status_code == 303
        assert sign_in(app)[1].status_code == 401
    finally:
        sink.shutdown()
        sink.server_close()


def test_accounts_reset_without_mail_server_says_so(app):
    visitor = TestClient(app)
    assert "This server sends no mail" in visitor.get("/password/reset").text


def test_accounts_admin_pages(app, sqlite_url):
    token = make_user(sqlite_url, "root@corridor.example", site_admin=True)
    admin = TestClient(app, headers=bearer(token))
    made = admin.post("/api/admin/users", json={"email": "late@risk.example", "name": "Late"})
    assert made.status_code == 201 and made.json()["invitation"].startswith("http://testserver/password/set/")
    org = admin.post("/api/admin/orgs", json={"org": "risk", "name": "Risk team"})
    assert org.status_code == 201 and any(o["id"] == "risk" for o in org.json()["orgs"])
    uid = next(u["id"] for u in made.json()["users"] if u["email"] == "late@risk.example")
    assert admin.post(f"/api/admin/users/{uid}/disable").json()["users"]
    reset = admin.post(f"/api/admin/users/{uid}/reset")
    assert reset.json()["reset_link"].startswith("http://testserver/password/set/")
    audit = admin.get("/api/admin/audit", params={"action": "user."}).json()
    assert {e["action"] for e in audit["entries"]} >= {"user.add", "user.disable", "user.reset_link"}
    csv_text = admin.get("/admin/audit.csv").text
    assert csv_text.startswith("id,at,actor,via,action") and "org.add" in csv_text
    assert "Audit trail" in admin.get("/admin/audit").text and "late@risk.example" in admin.get("/admin").text
