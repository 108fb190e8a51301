"""The web application: server-rendered pages with htmx, and a JSON API beside them."""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from corridor.errors import Code, CorridorError
from corridor.store.db import session_factory
from corridor.web.rendering import page
from corridor.web.routes import events, forum
from corridor.web.security import SecurityHeaders

STATIC = Path(__file__).parent / "static"
NOT_FOUND = {Code.E301, Code.E302, Code.E303, Code.E501, Code.E504, Code.E505}


def create_app(database_url: str | None = None) -> FastAPI:
    app = FastAPI(title="Corridor", version="0.1.0",
                  description="Source-linked events of the Pakistan–US investment corridor.")
    app.state.sessions = session_factory(database_url)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(events.router)
    app.include_router(forum.router)
    app.add_exception_handler(CorridorError, _corridor_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, code: str, message: str):
    if _wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    return page(request, "error.html", {"status": status, "code": code, "message": message}, status_code=status)


async def _corridor_error(request: Request, exc: CorridorError):
    status = 404 if exc.code in NOT_FOUND else 400
    return _error(request, status, exc.code.name, exc.message)


async def _http_error(request: Request, exc: HTTPException):
    return _error(request, exc.status_code, f"HTTP{exc.status_code}", str(exc.detail))


async def _validation_error(request: Request, exc: RequestValidationError):
    detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
    return _error(request, 422, "E304", detail)
