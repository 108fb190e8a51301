"""A user's URL cannot be turned inward: every internal form is refused before any connection, and a
redirect to an internal address is refused too. The listener is this test's own, on 127.0.0.1."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest

from corridor import outbound
from corridor.errors import CorridorError


class Listener:
    """An HTTP server on 127.0.0.1 that records every path asked of it; stopped when the test ends."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                listener.hits.append(self.path)
                if self.path.startswith("/redirect"):
                    self.send_response(302)
                    self.send_header("Location", self.path.split("to=", 1)[1])
                    self.end_headers()
                    return
                if self.path.startswith("/slow"):
                    time.sleep(1.5)
                body = (b"x" * 5000) if self.path.startswith("/big") else b"Secret internal page"
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.stop()


@pytest.mark.parametrize("form", [
    "http://127.0.0.1:{port}/x", "http://localhost:{port}/x", "http://LOCALHOST.:{port}/x",
    "http://[::ffff:127.0.0.1]:{port}/x", "http://2130706433:{port}/x", "http://0x7f000001:{port}/x",
    "http://0x7f.1:{port}/x", "http://127.1:{port}/x", "http://0177.0.0.1:{port}/x", "http://[::1]:{port}/x",
    "http://0.0.0.0:{port}/x", "http://127.0.0.1.:{port}/x", "http://app.localhost:{port}/x",
    "http://10.0.0.1/x", "http://172.16.5.4/x", "http://192.168.1.1/x", "http://100.64.0.1/x",
    "http://169.254.169.254/latest/meta-data/", "http://[fd00::1]/x", "http://[fe80::1]/x",
    "http://[::ffff:10.0.0.1]/x", "http://[64:ff9b::7f00:1]/x", "http://[2002:7f00:1::]/x",
    "http://user:pass@example.org/x", "file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:{port}/x",
])
def test_outbound_internal_forms_are_refused_before_connecting(listener, form):
    url = form.format(port=listener.port)
    with pytest.raises(CorridorError) as refused:
        outbound.fetch(url)
    assert refused.value.code.name in ("E111", "E109")
    assert listener.hits == []


def test_outbound_a_name_resolving_inward_is_refused(listener, monkeypatch):
    """A public-looking name whose DNS answer is internal (DNS rebinding): the answer is what counts."""
    monkeypatch.setattr(outbound, "resolve", lambda host, port: ["127.0.0.1"])
    with pytest.raises(CorridorError) as refused:
        outbound.fetch(f"http://news.example.org:{listener.port}/x")
    assert refused.value.code.name == "E111" and listener.hits == []


@pytest.fixture
def public_first_hop(monkeypatch):
    """The listener stands for a public web server for the first request only (DNS is the only thing
    mocked): every later address is judged by the real rule."""
    real = outbound.public
    calls = []

    def public(address):
        calls.append(address)
        return len(calls) == 1 or real(address)

    monkeypatch.setattr(outbound, "public", public)
    monkeypatch.setattr(outbound, "resolve", lambda host, port: ["127.0.0.1"] if host in (
        "news.example.org", "127.0.0.1", "localhost") else real_resolve(host, port))
    return calls


real_resolve = outbound.resolve


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/secret", "http://localhost:{port}/secret",
                                    "http://169.254.169.254/latest/meta-data/", "http://[::1]:{port}/secret",
                                    "http://2130706433:{port}/secret"])
def test_outbound_a_redirect_inward_is_refused(listener, public_first_hop, target):
    with pytest.raises(CorridorError) as refused:
        outbound.fetch(f"http://news.example.org:{listener.port}/redirect?to=" + target.format(port=listener.port))
    assert refused.value.code.name == "E111"
    assert listener.hits == [f"/redirect?to={target.format(port=listener.port)}"]  # never /secret


def test_outbound_a_public_page_is_fetched_with_its_host_name(listener, public_first_hop):
    page = outbound.fetch(f"http://news.example.org:{listener.port}/article")
    assert page.content == b"Secret internal page" and page.content_type == "text/plain"
    assert listener.hits == ["/article"]


def test_outbound_redirects_are_capped(listener, monkeypatch):
    monkeypatch.setattr(outbound, "public", lambda address: True)  # the listener stands for the internet
    loop = f"http://127.0.0.1:{listener.port}/redirect?to=/redirect?to=/redirect?to=/redirect?to=" \
           f"/redirect?to=/redirect?to=/redirect?to=/end"
    with pytest.raises(CorridorError) as refused:
        outbound.fetch(loop)
    assert refused.value.code.name == "E109" and "redirects" in refused.value.message
    assert len(listener.hits) == outbound.MAX_REDIRECTS + 1


def test_outbound_size_and_time_are_capped(listener, monkeypatch):
    monkeypatch.setattr(outbound, "public", lambda address: True)
    monkeypatch.setattr(outbound, "get_settings", lambda: SimpleNamespace(fetch_timeout=0.5, max_document_bytes=1000))
    with pytest.raises(CorridorError) as too_big:
        outbound.fetch(f"http://127.0.0.1:{listener.port}/big")
    assert too_big.value.code.name == "E105"
    started = time.monotonic()
    with pytest.raises(CorridorError) as too_slow:
        outbound.fetch(f"http://127.0.0.1:{listener.port}/slow")
    assert too_slow.value.code.name == "E109" and time.monotonic() - started < 1.4


@pytest.mark.parametrize("address", ["8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8", "1.1.1.1"])
def test_outbound_public_addresses_pass(address):
    assert outbound.public(address)
