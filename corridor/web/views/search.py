"""Search over documents and events."""

from typing import Any

from sqlalchemy.orm import Session

from corridor.store.search import search
from corridor.store.visibility import Visibility


def search_view(session: Session, q: str | None, page: int, size: int, visible: Visibility) -> dict[str, Any]:
    return search(session, q, page, size, visible)
