"""Request-scoped dependencies: a database session per request."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session


async def get_session(request: Request) -> AsyncIterator[Session]:
    # Async, so that opening and closing the session take no trip through the thread pool: a
    # session connects lazily, where the page runs, and closing it only returns the connection.
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


# Closed as soon as the route returns, not after its response is sent: a route run inline on the
# event loop (web/offload.py) must not keep a pooled connection while the response waits on a
# slow client, or the next one could wait for a connection only the loop itself can free.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
