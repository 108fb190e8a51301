"""Reading a batch of paths and URLs into Documents; a bad input is reported, the rest go on."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from corridor.config import get_settings
from corridor.documents.decode import decode_text
from corridor.documents.feed import read_feed
from corridor.documents.html import read_html
from corridor.documents.jsonfmt import read_json
from corridor.documents.model import Document
from corridor.documents.text import read_text
from corridor.errors import Code, CorridorError

TEXT_SUFFIXES = {".txt", ".md", ""}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSON_SUFFIXES


@dataclass
class LoadResult:
    documents: list[Document]
    errors: list[CorridorError]


def load(inputs: Iterable[str | Path]) -> LoadResult:
    """Read every file (folders are walked), and every http(s) URL, collecting per-input errors."""
    documents: list[Document] = []
    errors: list[CorridorError] = []
    for item in expand(inputs):
        try:
            documents.extend(read_input(item))
        except CorridorError as exc:
            errors.append(exc)
    return LoadResult(documents, errors)


def expand(inputs: Iterable[str | Path]) -> Iterator[str | Path]:
    """Folders become their supported files, in name order; URLs and files pass through."""
    for item in inputs:
        if is_url(str(item)):
            yield str(item)
            continue
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
        else:
            yield path


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def read_input(item: str | Path) -> list[Document]:
    if is_url(str(item)):
        return read_url(str(item))
    return read_file(Path(item))


def read_file(path: Path) -> list[Document]:
    if not path.is_file():
        raise CorridorError(Code.E110, str(path))
    limit = get_settings().max_document_bytes
    if path.stat().st_size > limit:
        raise CorridorError(Code.E105, path.name, limit=limit)
    return read_bytes(path.read_bytes(), path.name, path.suffix.lower())


def read_bytes(raw: bytes, name: str, suffix: str, url: str | None = None) -> list[Document]:
    """Read one input's bytes by its kind (its file suffix)."""
    if suffix not in SUPPORTED:
        raise CorridorError(Code.E101, name, suffix=suffix)
    limit = get_settings().max_document_bytes
    text = decode_text(raw, name, limit)
    if suffix in FEED_SUFFIXES:
        return read_feed(raw, name)
    if suffix in JSON_SUFFIXES:
        return read_json(text, name, lines=suffix != ".json")
    if suffix in HTML_SUFFIXES:
        return [read_html(text, name, url)]
    return [read_text(text, name, url)]


def read_url(url: str) -> list[Document]:
    """Fetch a page or a feed the user named; the size limit holds while downloading."""
    settings = get_settings()
    try:
        with httpx.stream("GET", url, timeout=settings.fetch_timeout, follow_redirects=True) as response:
            response.raise_for_status()
            raw = _read_limited(response, settings.max_document_bytes, url)
            kind = response.headers.get("content-type", "")
    except httpx.HTTPError as exc:
        raise CorridorError(Code.E109, url, url=url, detail=str(exc) or type(exc).__name__) from None
    return read_bytes(raw, url, _suffix_for(kind, raw), url=url)


def _read_limited(response: httpx.Response, limit: int, url: str) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise CorridorError(Code.E105, url, limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _suffix_for(content_type: str, raw: bytes) -> str:
    head = raw[:512].lstrip().lower()
    if "rss" in content_type or "atom" in content_type or head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head:
        return ".xml"
    if "json" in content_type:
        return ".jsonl" if b"\n{" in raw.strip() else ".json"
    if "html" in content_type or b"<html" in head or b"<!doctype html" in head:
        return ".html"
    return ".txt"
