"""Quick store work runs inline on SQLite and in a worker thread on PostgreSQL."""

import threading

import anyio

from corridor.store.db import get_engine
from corridor.web.offload import run_quick


def test_quick_work_runs_inline_on_sqlite_only(db_url):
    engine = get_engine(db_url)

    async def thread_of_work() -> int:
        return await run_quick(engine, threading.get_ident)

    inline = anyio.run(thread_of_work) == threading.get_ident()
    assert inline == (engine.dialect.name == "sqlite")


def test_quick_routes_keep_their_parameters_in_the_api(demo_client):
    # The decorated routes still declare their filters and pages (FastAPI reads them through the wrapper).
    spec = demo_client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"kind", "sector", "from", "to", "q", "page", "size", "sort"} <= names
    assert demo_client.get("/api/events", params={"kind": "attack", "size": 2}).json()["size"] == 2
