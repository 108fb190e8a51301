"""Whole-page cache: pages are served again until the store changes; some paths never are."""

import pytest
from fastapi.testclient import TestClient

from corridor.store.batch import ingest
from corridor.web import pagecache
from corridor.web.app import create_app

ARTICLE = ("title: Zephyrine wind farm signed\ndate: 2026-04-01\n\nKARACHI: Sindh and Zephyrine Power signed an "
           "agreement to build a wind farm in Jhimpir, officials said on Wednesday.")


def _cache(app) -> pagecache.PageCache:
    layer = app.middleware_stack
    while not isinstance(layer, pagecache.PageCache):
        layer = layer.app
    return layer


@pytest.mark.parametrize(("path", "kept"), [
    ("/events", True), ("/api/events?kind=attack", True), ("/", True), ("/search?q=wind", True),
    ("/documents/upload", False), ("/events.csv", False), ("/api/health", False), ("/nowhere", False),
    ("/events/ev_missing", False),
])
def test_pagecache_keeps_read_only_pages(demo_url, path, kept):
    app = create_app(demo_url)
    with TestClient(app) as client:
        first = client.get(path)
        entries = _cache(app).entries
        assert (len(entries) == 1) is kept, (path, first.status_code)
        again = client.get(path)
        assert again.content == first.content and again.status_code == first.status_code
        assert "content-security-policy" in again.headers


def test_pagecache_follows_the_store(demo_url, tmp_path, monkeypatch):
    monkeypatch.setattr(pagecache, "VERSION_SECONDS", 0.0)
    with TestClient(create_app(demo_url)) as client:
        before = client.get("/api/search", params={"q": "zephyrine"}).json()
        assert before["documents"]["total"] == 0
        (tmp_path / "wind.txt").write_text(ARTICLE, encoding="utf-8")
        ingest([tmp_path], demo_url)
        after = client.get("/api/search", params={"q": "zephyrine"}).json()
        assert after["documents"]["total"] == 1
