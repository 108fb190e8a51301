"""RSS and Atom feeds: each entry is an article (its full content, or its summary)."""

from datetime import date

import feedparser
import trafilatura

from corridor.documents.model import Document
from corridor.errors import Code, CorridorError


def read_feed(raw: bytes, name: str) -> list[Document]:
    parsed = feedparser.parse(raw)
    if not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "no entries")
        raise CorridorError(Code.E108, name, detail=detail)
    docs = []
    for i, entry in enumerate(parsed.entries, start=1):
        text = _entry_text(entry)
        if text:
            docs.append(_document(entry, text, f"{name}#{i}", parsed.feed.get("title")))
    if not docs:
        raise CorridorError(Code.E106, name)
    return docs


def _entry_text(entry) -> str:
    contents = [c.get("value", "") for c in entry.get("content", [])]
    html = max(contents + [entry.get("summary", "")], key=len)
    if "<" not in html:
        return html.strip()
    # Feed bodies are HTML fragments; keep their paragraphs as lines of text.
    return (trafilatura.extract(f"<html><body><article>{html}</article></body></html>") or "").strip()


def _document(entry, text: str, name: str, feed_title: str | None) -> Document:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return Document(
        name=name,
        text=text,
        title=entry.get("title"),
        published=date(*stamp[:3]) if stamp else None,
        source=feed_title,
        url=entry.get("link"),
        format="feed",
    )
