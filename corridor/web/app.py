"""The web application: server-rendered pages with htmx, and a JSON API beside them."""

import logging
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.pool import QueuePool
from starlette.exceptions import HTTPException
from starlette.routing import Mount

from corridor.config import Settings, get_settings
from corridor.errors import Code, CorridorError
from corridor.store import fts
from corridor.store.db import get_engine, session_factory
from corridor.web.auth import rule_of
from corridor.web.pagecache import PageCache
from corridor.web.rendering import page
from corridor.web.routes import (
    accounts,
    actors,
    admin,
    apidocs,
    documents,
    events,
    forum,
    maps,
    overview,
    participants,
    review,
    search,
)
from corridor.web.security import SecurityHeaders

STATIC = Path(__file__).parent / "static"
# Routes of the framework itself, public: the OpenAPI document (/docs is ours and has a rule).
FRAMEWORK_ROUTES = frozenset({"/openapi.json"})
TAGS = [
    {"name": "overview", "description": "The corridor at a glance"},
    {"name": "events", "description": "Source-linked events: filter, page, export"},
    {"name": "actors", "description": "People and organisations, their titles and contacts"},
    {"name": "documents", "description": "Stored documents with their events; uploads"},
    {"name": "map", "description": "Events and attacks by place and district"},
    {"name": "search", "description": "Full-text search over documents and events"},
    {"name": "review", "description": "The review queue and people's corrections of events"},
    {"name": "forum", "description": "The Trade and Investment Forum: organisers' pages"},
    {"name": "participant", "description": "A forum participant's own agenda, requests and availability"},
    {"name": "accounts", "description": "The signed-in user, their API tokens, organisations"},
    {"name": "admin", "description": "Users, organisations and the audit trail (site admins)"},
]
# Pages rendered at once by one process. SQLite works inside the process and Python runs one thread
# at a time, so more threads only take turns and queue for the GIL: one is fastest (1,290 against
# 1,010 requests a second with two on the web benchmark), and the event loop still serves cached
# pages meanwhile. A database server is waited on over the network, and threads fill that time.
SQLITE_THREADS = 1
SERVER_THREADS = 8
log = logging.getLogger(__name__)


def create_app(database_url: str | None = None, settings: Settings | None = None) -> FastAPI:
    app = FastAPI(title="Corridor", version="0.1.0", openapi_tags=TAGS, lifespan=_lifespan, docs_url=None,
                  redoc_url=None,
                  description="Source-linked events of the Pakistan–US investment corridor. Every HTML page of "
                              "the app has a JSON twin here, with the same filters and pagination.")
    app.state.settings = settings or get_settings()
    app.state.database_url = database_url or app.state.settings.database_url
    app.state.sessions = session_factory(database_url)
    try:
        repaired = fts.ensure(get_engine(database_url))
    except OperationalError as exc:  # another worker process is repairing it at this moment
        log.warning("full-text indexing not checked: %s", exc)
    else:
        if repaired:
            log.warning("full-text indexing was restored and rebuilt for %s", ", ".join(repaired))
    app.add_middleware(PageCache)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so cached pages get the headers too
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (overview, events, review, actors, documents, maps, search, forum, participants, accounts,
                   admin, apidocs):
        app.include_router(module.router)
    _check_rules(app)
    app.add_exception_handler(CorridorError, _corridor_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(SQLAlchemyError, _store_error)
    app.add_exception_handler(Exception, _server_error)
    return app


def all_routes(routes) -> list:
    """Every route of the app, those of included routers too."""
    out = []
    for route in routes:
        included = getattr(route, "original_router", None)
        out += all_routes(included.routes) if included is not None else [route]
    return out


def _check_rules(app: FastAPI) -> None:
    """Deny by default: a route that does not say who may use it is a bug, found when the app is built."""
    for route in all_routes(app.routes):
        if isinstance(route, Mount) or getattr(route, "path", None) in FRAMEWORK_ROUTES:
            continue
        if not isinstance(route, APIRoute) or rule_of(route) is None:
            raise RuntimeError(f"route {getattr(route, 'path', route)!r} declares no access rule (web/auth.py)")


@asynccontextmanager
async def _lifespan(app: FastAPI):
    # Pages run in worker threads, each holding a pooled connection: no more threads than connections,
    # or the extra ones wait for a connection (and fail after the pool's timeout) instead of queueing.
    engine = get_engine(app.state.database_url)
    threads = get_settings().web_threads or (SQLITE_THREADS if engine.dialect.name == "sqlite" else SERVER_THREADS)
    if isinstance(engine.pool, QueuePool):
        threads = min(threads, engine.pool.size() + engine.pool._max_overflow)
    anyio.to_thread.current_default_thread_limiter().total_tokens = threads
    yield


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, code: str, message: str):
    if _wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    return page(request, "error.html", {"status": status, "code": code, "message": message}, status_code=status)


async def _corridor_error(request: Request, exc: CorridorError):
    if exc.code == Code.E601 and request.method == "GET" and not _wants_json(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    return _error(request, exc.status, exc.code.name, exc.message)


async def _server_error(request: Request, exc: Exception):
    # Any other failure: a code and a plain message (the server logs the traceback).
    return _error(request, 500, Code.E403.name, Code.E403.value)


async def _store_error(request: Request, exc: SQLAlchemyError):
    # The driver's message names tables, columns and the values of the statement: for the log only.
    log.error("store error on %s %s", request.method, request.url.path, exc_info=exc)
    return _error(request, 503, Code.E402.name, Code.E402.value)


async def _http_error(request: Request, exc: HTTPException):
    return _error(request, exc.status_code, f"HTTP{exc.status_code}", str(exc.detail))


async def _validation_error(request: Request, exc: RequestValidationError):
    detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
    return _error(request, 422, "E304", detail)
