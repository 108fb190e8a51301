"""Untrusted text stays text: escaped everywhere, no inline script or style, CSP on every response."""

import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from corridor.web.security import CSP

# What the hostile article (tests/web/conftest.py) tries to smuggle in, and how it must come out.
RAW = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<svg onload=alert(3)>",
       '<a href="javascript:alert(4)">', "<iframe src=//evil.example>"]


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.script_text.append(data)


def assert_inert(html: str) -> None:
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)  # no event handler attributes
        assert "style" not in attrs, (tag, attrs)  # the CSP forbids inline styles
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)
        if tag == "script":
            assert attrs.get("src") == "/static/vendor/htmx.min.js"
        assert tag not in {"iframe", "img", "object", "embed"}, tag
    assert not parser.script_text  # no inline script
    for raw in RAW:
        assert raw not in html


@pytest.fixture
def hostile(demo_client):
    doc = demo_client.get("/api/documents", params={"q": "zz_hostile"}).json()["documents"][0]
    assert doc["name"] == "zz_hostile.txt"
    detail = demo_client.get(f"/api/documents/{doc['id']}").json()
    assert "<script>alert(1)</script>" in detail["document"]["text"]  # stored as written
    return detail


def test_security_document_page_is_inert(demo_client, hostile):
    page = demo_client.get(f"/documents/{hostile['document']['id']}")
    assert_inert(page.text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "&lt;img src=x onerror=alert(2)&gt;" in page.text
    assert page.text.count('<mark class="q') >= 1


def test_security_event_page_is_inert(demo_client, hostile):
    assert hostile["events"], "the hostile article yields events"
    for event in hostile["events"]:
        page = demo_client.get(f"/events/{event['id']}")
        assert page.status_code == 200
        assert_inert(page.text)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


@pytest.mark.parametrize("q", ["convoy", "alert", "onerror", "script", "<script>alert(1)</script>", '"><svg onload=x>'])
def test_security_search_page_is_inert(demo_client, hostile, q):
    page = demo_client.get("/search", params={"q": q})
    assert page.status_code == 200
    assert_inert(page.text)


def test_security_lists_and_overview_are_inert(demo_client, hostile):
    for path in ("/", "/events", "/documents", "/actors", "/map", "/events?q=convoy", "/documents?q=script"):
        assert_inert(demo_client.get(path).text)


def test_security_query_values_are_escaped_where_echoed(demo_client):
    evil = '"><script>alert(9)</script>'
    for path in ("/events", "/search", "/actors", "/documents", "/map"):
        page = demo_client.get(path, params={"q": evil, "actor": evil, "place": evil, "country": "x"})
        assert "<script>alert(9)" not in page.text
        assert_inert(page.text)


@pytest.mark.parametrize("path", ["/", "/events", "/api/events", "/search?q=x", "/static/corridor.css", "/nowhere",
                                  "/api/events/ev_missing"])
def test_security_headers_everywhere(demo_client, path):
    response = demo_client.get(path)
    assert response.headers["content-security-policy"] == CSP
    assert "unsafe-inline" not in CSP and "script-src 'self'" in CSP and "style-src 'self'" in CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("path", ["/api/events?q=a%00b", "/events?actor=%00", "/search?q=%00"])
def test_security_nul_characters_are_refused(demo_client, path):
    response = demo_client.get(path)
    assert response.status_code == 400 and response.json()["error"]["code"] == "E304"


def test_security_actor_ids_are_quoted_in_links(demo_client):
    page = demo_client.get("/actors").text
    hrefs = re.findall(r'href="/actors/([^"]+)"', page)
    assert hrefs and all(" " not in h and ":" not in h for h in hrefs)
    assert quote("person:", safe="") == "person%3A"
