"""Quick store work runs inline on SQLite and in a worker thread on PostgreSQL."""

import asyncio
import threading

from corridor.store.db import get_engine
from corridor.web.offload import run_quick


def test_quick_work_runs_inline_on_sqlite_only(db_url):
    engine = get_engine(db_url)
    threads: dict[str, int] = {}

    async def thread_of_work() -> int:
        return await run_quick(engine, threading.get_ident)

    def event_loop() -> None:  # a loop of its own: another test may have left one running here
        threads["loop"] = threading.get_ident()
        threads["work"] = asyncio.run(thread_of_work())

    runner = threading.Thread(target=event_loop)
    runner.start()
    runner.join()
    assert (threads["work"] == threads["loop"]) == (engine.dialect.name == "sqlite")


def test_quick_routes_keep_their_parameters_in_the_api(demo_client):
    # The decorated routes still declare their filters and pages (FastAPI reads them through the wrapper).
    spec = demo_client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"kind", "sector", "from", "to", "q", "page", "size", "sort"} <= names
    assert demo_client.get("/api/events", params={"kind": "attack", "size": 2}).json()["size"] == 2


def test_the_session_is_closed_before_the_response_is_sent(sqlite_url):
    """A route's pooled connection is free again while its response goes out: a route run inline on
    the event loop must not hold one while a slow client reads."""
    from fastapi.responses import StreamingResponse
    from fastapi.testclient import TestClient

    from corridor.web.app import create_app
    from corridor.web.deps import SessionDep

    app = create_app(sqlite_url)
    pool = get_engine(sqlite_url).pool

    @app.get("/_probe")
    async def probe(session: SessionDep):
        session.connection()  # checks one out

        async def body():
            yield str(pool.checkedout()).encode()

        return StreamingResponse(body())

    with TestClient(app) as client:
        assert client.get("/_probe").text == "0"
