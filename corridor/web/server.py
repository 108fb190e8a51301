"""Serving the web app: one process, or several sharing the port through SO_REUSEPORT.

Several processes are how a Python web app uses several cores. uvicorn's own `--workers` shares one
listening socket between them, and the first process to wake takes every connection waiting at that
moment: 32 clients connecting at once landed 28 on one process and 4 on the other, which then idled
while the first queued. Here each process binds a socket of its own with SO_REUSEPORT, and the kernel
spreads new connections over them evenly."""

import multiprocessing as mp
import multiprocessing.connection
import signal
import socket
import sys
from types import FrameType

import uvicorn

STOP_SECONDS = 10


def serve(database_url: str | None, host: str, port: int, workers: int = 1, log_level: str = "info",
          access_log: bool = True) -> None:
    """Serve until interrupted; with workers > 1, that many processes, stopped together."""
    if workers <= 1:
        uvicorn.run(_app(database_url), host=host, port=port, log_level=log_level, access_log=access_log)
        return
    if not hasattr(socket, "SO_REUSEPORT"):
        raise SystemExit("several workers need SO_REUSEPORT, which this system lacks; use --workers 1")
    ctx = mp.get_context("spawn")  # a fresh interpreter each: no event loop or pool copied from this one
    children = [ctx.Process(target=_worker, args=(database_url, host, port, log_level, access_log), daemon=True)
                for _ in range(workers)]
    for child in children:
        child.start()

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        # One process ending (a crash, or a port it could not bind) ends the service: a server
        # quietly running on fewer cores than asked for would be worse.
        multiprocessing.connection.wait([child.sentinel for child in children])
    except KeyboardInterrupt:
        pass
    finally:
        _stop_all(children)
    failed = [child.exitcode for child in children if child.exitcode not in (0, -signal.SIGTERM)]
    if failed:
        sys.exit(f"a web worker exited with code {failed[0]}")


def _app(database_url: str | None):
    from corridor.web.app import create_app

    return create_app(database_url)


def _worker(database_url: str | None, host: str, port: int, log_level: str, access_log: bool) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    config = uvicorn.Config(_app(database_url), log_level=log_level, access_log=access_log)
    uvicorn.Server(config).run(sockets=[sock])


def _stop_all(children: list) -> None:
    for child in children:
        if child.is_alive():
            child.terminate()  # SIGTERM: uvicorn finishes the requests in hand, then exits
    for child in children:
        child.join(STOP_SECONDS)
        if child.is_alive():
            child.kill()
            child.join()
