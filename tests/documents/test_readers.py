"""Readers of every supported format, and the errors bad input gets."""

import http.server
import json
import threading
from datetime import date
from functools import partial

import pytest

from corridor.documents.loader import load, read_bytes
from corridor.documents.model import content_id
from corridor.errors import Code, CorridorError

ARTICLE = "ISLAMABAD: The Board of Investment met a US trade delegation on Tuesday.\n\nBoth sides agreed to meet again."

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>First</title><link>https://example.org/a</link><pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate>
<description>&lt;p&gt;The minister met investors in Karachi.&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://example.org/b</link><pubDate>Wed, 04 Mar 2026 08:00:00 GMT</pubDate>
<description>Gunmen attacked a convoy in Bannu.</description></item></channel></rss>"""

HTML = """<html><head><title>Forum set for March</title>
<meta property="article:published_time" content="2026-01-20T09:00:00Z"></head>
<body><nav>Home | World | Business</nav><article><h1>Forum set for March</h1>
<p>The US-Pakistan Trade and Investment Forum will be held in Washington on 31 March 2026, officials said on Tuesday.</p>
<p>Companies from both countries are expected to attend the forum and sign agreements in energy and mining.</p>
</article><footer>Copyright notice and links</footer></body></html>"""


@pytest.mark.parametrize(
    ("raw", "suffix", "title", "published", "body_start"),
    [
        (b"title: Talks held\ndate: 2026-03-02\nsource: Wire\n\n" + ARTICLE.encode(), ".txt", "Talks held", date(2026, 3, 2), 49),
        (b" date 2026-02-12 Minister meets envoy on February 12. \xe2\x80\x94 APP\n\nBody text here.", ".txt",
         "Minister meets envoy on February 12. — APP", date(2026, 2, 12), 17),
        (b"Headline without a date\n\nWASHINGTON, March 3, 2026 - Officials met.", ".txt", "Headline without a date",
         date(2026, 3, 3), 0),
        (b"No header, no date.\n\nJust text.", ".md", "No header, no date.", None, 0),
    ],
)
def test_readers_text_metadata(raw, suffix, title, published, body_start):
    [doc] = read_bytes(raw, "a" + suffix, suffix)
    assert doc.text == raw.decode("utf-8")  # text exactly as read: offsets point into it
    assert (doc.title, doc.published, doc.body_start) == (title, published, body_start)
    assert doc.id == content_id(doc.text)


def test_readers_html_main_text_and_metadata():
    [doc] = read_bytes(HTML.encode(), "forum.html", ".html")
    assert "31 March 2026" in doc.text
    assert "Copyright" not in doc.text and "Home | World" not in doc.text
    assert doc.title == "Forum set for March"
    assert doc.published == date(2026, 1, 20)


def test_readers_json_and_jsonl_records():
    records = [{"title": "A", "text": "Alpha text.", "date": "2026-04-01", "url": "https://x/a", "source": "S"},
               {"title": "B", "body": "Beta text.", "published": "April 2, 2026"}]
    docs = read_bytes(json.dumps(records).encode(), "batch.json", ".json")
    assert [(d.name, d.title, d.published, d.url) for d in docs] == [
        ("batch.json#1", "A", date(2026, 4, 1), "https://x/a"),
        ("batch.json#2", "B", date(2026, 4, 2), None),
    ]
    lines = "\n".join(json.dumps(r) for r in records).encode()
    assert [d.text for d in read_bytes(lines, "batch.jsonl", ".jsonl")] == ["Alpha text.", "Beta text."]


def test_readers_a_record_with_its_own_id_is_named_by_it():
    records = [{"id": "2025-07-19_cdd5", "text": "Alpha text."}, {"id": 7, "text": "Beta text."}]
    docs = read_bytes("\n".join(json.dumps(r) for r in records).encode(), "archive.jsonl", ".jsonl")
    assert [d.name for d in docs] == ["2025-07-19_cdd5", "archive.jsonl#2"]


def test_readers_rss_entries():
    docs = read_bytes(RSS.encode(), "wire.xml", ".xml")
    assert [(d.name, d.title, d.published) for d in docs] == [
        ("wire.xml#1", "First", date(2026, 3, 3)),
        ("wire.xml#2", "Second", date(2026, 3, 4)),
    ]
    assert docs[0].text == "The minister met investors in Karachi."
    assert docs[0].url == "https://example.org/a" and docs[0].source == "Wire"


@pytest.mark.parametrize(
    ("raw", "suffix", "code"),
    [
        (b"", ".txt", Code.E102),
        (b"   \n\t ", ".txt", Code.E102),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ".txt", Code.E103),
        (b"caf\xe9 au lait", ".txt", Code.E104),
        (b"hello", ".pdf", Code.E101),
        (b"{not json", ".json", Code.E107),
        (b'["a string"]', ".json", Code.E107),
        (b'{"title": "no text"}', ".json", Code.E106),
        (b"<rss><channel></channel></rss>", ".xml", Code.E108),
        (b"<html><body><script>x()</script></body></html>", ".html", Code.E106),
        (b"title: Only a header\n\n", ".txt", Code.E106),
    ],
)
def test_readers_bad_input_has_a_code(raw, suffix, code):
    with pytest.raises(CorridorError) as info:
        read_bytes(raw, "bad" + suffix, suffix)
    assert info.value.code == code
    assert str(info.value).startswith(f"[{code.name}] bad{suffix}")


def test_readers_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("CORRIDOR_MAX_DOCUMENT_BYTES", "100")
    from corridor.config import get_settings

    get_settings.cache_clear()
    try:
        big = tmp_path / "big.txt"
        big.write_text("word " * 100)
        result = load([big])
        assert [e.code for e in result.errors] == [Code.E105]
    finally:
        get_settings.cache_clear()


def test_readers_batch_keeps_going(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Peshawar caf\xe9".encode("latin-1"))
    result = load([tmp_path, tmp_path / "missing.txt"])
    assert [d.name for d in result.documents] == ["good.txt"]
    assert sorted((e.subject, e.code.name) for e in result.errors) == sorted([
        ("binary.txt", "E103"), ("empty.txt", "E102"), ("latin1.txt", "E104"), (str(tmp_path / "missing.txt"), "E110"),
    ])


@pytest.fixture
def feed_server(tmp_path):
    """A real HTTP server on 127.0.0.1 serving a feed and a page, stopped after the test."""
    (tmp_path / "feed.xml").write_text(RSS)
    (tmp_path / "page.html").write_text(HTML)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_readers_fetch_feed_and_page_by_url(feed_server):
    result = load([f"{feed_server}/feed.xml", f"{feed_server}/page.html", f"{feed_server}/missing.xml"])
    assert [d.title for d in result.documents] == ["First", "Second", "Forum set for March"]
    assert [e.code for e in result.errors] == [Code.E109]
