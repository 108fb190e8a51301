"""Whole responses of read-only pages and their JSON twins, kept per process until the store changes.

The store changes only when documents are ingested, and pages are read far more often than that
(an office opens the same overview, lists and events all day). A GET whose path is listed below and
whose answer is a 200 with a body under MAX_BODY is kept, keyed by its path and query; it is served
again while the store's version (cache.store_version) is the one it was made with. The version is
read at most once per VERSION_SECONDS per process, so a page may lag an ingest by that long.

Only requests that carry no credential are served from here or kept (a session cookie or a bearer
token may see confidential records, and signed-in pages carry the session's CSRF token); with
CORRIDOR_PUBLIC_READ off such requests get no 200 page at all."""

import threading
import time
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from corridor.web.cache import store_version
from corridor.web.offload import run_quick

PREFIXES = ("/events", "/actors", "/documents", "/map", "/search", "/api/events", "/api/actors", "/api/documents",
            "/api/map", "/api/search", "/api/overview")
NEVER = ("/documents/upload", "/events.csv", "/events.jsonl", "/api/events/export", "/api/documents/upload")
ENTRIES = 2048
MAX_BODY = 512 * 1024
VERSION_SECONDS = 1.0


class PageCache:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.entries: OrderedDict[tuple[str, bytes], tuple[tuple, list, bytes]] = OrderedDict()
        self.lock = threading.Lock()
        self.version: tuple | None = None
        self.checked = 0.0

    def _cacheable(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        path = scope["path"]
        for name, value in scope.get("headers", ()):
            if name == b"authorization" or (name == b"cookie" and b"corridor_session=" in value):
                return False
        return (path == "/" or path.startswith(PREFIXES)) and not path.startswith(NEVER)

    async def _current_version(self, scope: Scope) -> tuple:
        now = time.monotonic()
        if self.version is None or now - self.checked > VERSION_SECONDS:
            # On a database server in a worker thread: waiting there for a pooled connection must
            # not block the event loop the requests holding those connections need to finish.
            sessions = scope["app"].state.sessions
            self.version = await run_quick(sessions.kw["bind"], self._read_version, sessions)
            self.checked = now
        return self.version

    @staticmethod
    def _read_version(sessions) -> tuple:
        with sessions() as session:
            return store_version(session)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        version = await self._current_version(scope)
        with self.lock:
            hit = self.entries.get(key)
            if hit is not None and hit[0] == version:
                self.entries.move_to_end(key)
        if hit is not None and hit[0] == version:
            await send({"type": "http.response.start", "status": 200, "headers": hit[1]})
            await send({"type": "http.response.body", "body": hit[2]})
            return

        start: dict = {}
        chunks: list[bytes] = []
        keep = True

        async def capture(message: Message) -> None:
            nonlocal keep
            if message["type"] == "http.response.start":
                start.update(message)
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if message.get("more_body") or sum(map(len, chunks)) > MAX_BODY:
                    keep = False  # streamed or large: not kept
            await send(message)

        await self.app(scope, receive, capture)
        if keep and start:
            with self.lock:
                self.entries[key] = (version, list(start.get("headers", [])), b"".join(chunks))
                self.entries.move_to_end(key)
                while len(self.entries) > ENTRIES:
                    self.entries.popitem(last=False)
