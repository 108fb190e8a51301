"""Where quick store work runs: inline on SQLite, in the thread pool on a database server.

FastAPI runs a plain `def` route in a worker thread. The hand-over to the thread and back cost a
tenth of an event page's time on the web benchmark, and buys nothing when the work is SQLite's:
SQLite runs inside the process, and Python runs one thread at a time. Worse, a thread that needs
the GIL back after each SQLite call, while the event loop is busy, waits up to 5 ms for it each
time: a millisecond's read took half a second under load. A database server is waited on over the
network, and there the thread lets the loop serve other requests meanwhile."""

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

T = TypeVar("T")


async def run_quick(bind: Engine, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """work(...), inline if the database is SQLite, else in the thread pool."""
    if bind.dialect.name == "sqlite":
        return work(*args, **kwargs)
    return await run_in_threadpool(work, *args, **kwargs)


def quick_reads(route: Callable[..., Any]) -> Callable[..., Any]:
    """For a route that reads the store and renders a page of it in milliseconds (a list, one
    record, a search), never seconds: aggregates over the whole store and writes keep their thread.
    The route takes the request's database session as `session`."""

    @functools.wraps(route)  # FastAPI reads the parameters through __wrapped__
    async def endpoint(*args: Any, **kwargs: Any) -> Any:
        return await run_quick(kwargs["session"].get_bind(), route, *args, **kwargs)

    return endpoint
