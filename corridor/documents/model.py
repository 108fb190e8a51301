"""The Document: one article as read, with an id derived from its text."""

import hashlib
from dataclasses import dataclass, field
from datetime import date


def content_id(text: str) -> str:
    """Documents with the same text get the same id, whatever file or URL they came from."""
    return "doc_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    """An article's text exactly as read (offsets of every quote point into it) and its metadata."""

    name: str  # file base name, URL, or "file.jsonl#3": what event records cite as `doc`
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    format: str = "text"
    body_start: int = 0  # where the article starts after a metadata header
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))
