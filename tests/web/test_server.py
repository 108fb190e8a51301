"""`corridor serve --workers N`: several processes on one port, stopped together."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

CORRIDOR = Path(sys.executable).with_name("corridor")
START_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(database: Path, port: int, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [str(CORRIDOR), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
         "--no-access-log", "--database", f"sqlite:///{database}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def _workers(pid: int) -> list[int]:
    """The processes this one spawned to serve (not multiprocessing's resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except (OSError, ValueError):
            continue
        # The parent pid is the fourth field, after the command name in parentheses.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"spawn_main" in (entry / "cmdline").read_bytes():
            found.append(int(entry.name))
    return found


def _wait_ready(server: subprocess.Popen, base: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stdout.read()
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    pytest.fail("the server did not answer in time")


@pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="needs SO_REUSEPORT")
def test_two_workers_share_the_port_and_stop_together(tmp_path):
    port = _free_port()
    server = _serve(tmp_path / "c.db", port, workers=2)
    try:
        _wait_ready(server, f"http://127.0.0.1:{port}")
        workers = _workers(server.pid)
        assert len(workers) == 2
        # Fresh connections, each its own client port: the kernel spreads them over both sockets.
        for _ in range(20):
            with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
                assert client.get("/events").status_code == 200
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
        assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


@pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="needs SO_REUSEPORT")
def test_a_worker_that_cannot_start_ends_the_service(tmp_path):
    with socket.socket() as taken:  # bound without SO_REUSEPORT: no worker can share it
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = _serve(tmp_path / "c.db", taken.getsockname()[1], workers=2)
        try:
            output, _ = server.communicate(timeout=START_SECONDS)
        finally:
            if server.poll() is None:
                server.kill()
    assert server.returncode != 0
    assert "a web worker exited" in output
    assert os.path.exists(tmp_path / "c.db")  # migrated before the workers started


def test_page_threads_by_database(db_url, monkeypatch):
    """One page thread a process on SQLite (in-process work: more threads only take turns), more
    on PostgreSQL (waits on the network); CORRIDOR_WEB_THREADS overrides both."""
    import anyio.to_thread
    from fastapi.testclient import TestClient

    from corridor.config import get_settings
    from corridor.web.app import create_app

    def tokens() -> int:
        app = create_app(db_url)

        @app.get("/_threads")
        async def threads():
            return {"tokens": anyio.to_thread.current_default_thread_limiter().total_tokens}

        with TestClient(app) as client:
            return client.get("/_threads").json()["tokens"]

    assert tokens() == (1 if db_url.startswith("sqlite") else 8)
    monkeypatch.setenv("CORRIDOR_WEB_THREADS", "3")
    get_settings.cache_clear()
    try:
        assert tokens() == 3
    finally:
        monkeypatch.delenv("CORRIDOR_WEB_THREADS")
        get_settings.cache_clear()
