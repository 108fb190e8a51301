"""Search over documents and events."""

from typing import Any

from sqlalchemy.orm import Session

from corridor.store.search import search


def search_view(session: Session, q: str | None, page: int, size: int) -> dict[str, Any]:
    return search(session, q, page, size)
