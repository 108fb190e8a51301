"""Request-scoped dependencies: a database session per request."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session


async def get_session(request: Request) -> AsyncIterator[Session]:
    # Async, so that opening and closing the session take no trip through the thread pool: a
    # session connects lazily, in the page's own thread, and closing it only returns the connection.
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session)]
