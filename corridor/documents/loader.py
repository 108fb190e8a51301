"""Reading a batch of paths and URLs into Documents; a bad input is reported, the rest go on."""

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from corridor.config import get_settings
from corridor.documents.decode import decode_text
from corridor.documents.feed import read_feed
from corridor.documents.html import read_html
from corridor.documents.jsonfmt import read_json, read_record
from corridor.documents.model import Document
from corridor.documents.text import read_text
from corridor.errors import Code, CorridorError

TEXT_SUFFIXES = {".txt", ".md", ""}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
# Archives of JSON lines, compressed: read a record at a time, however large.
ARCHIVE_SUFFIXES = {".jsonl.gz", ".ndjson.gz"}
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
            read = read_input(item)
            documents.extend(read)
        except CorridorError as exc:
            errors.append(exc)
            continue
        if isinstance(read, Archive):
            errors.extend(read.errors)
    return LoadResult(documents, errors)


def expand(inputs: Iterable[str | Path]) -> Iterator[str | Path]:
    """Folders become their supported files, in name order; URLs and files pass through."""
    for item in inputs:
        if is_url(str(item)):
            yield str(item)
            continue
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and _supported(p))
        else:
            yield path


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED or _is_archive(path)


def _is_archive(path: Path) -> bool:
    return "".join(path.suffixes[-2:]).lower() in ARCHIVE_SUFFIXES


def read_input(item: str | Path) -> "list[Document] | Archive":
    if is_url(str(item)):
        return read_url(str(item))
    path = Path(item)
    if _is_archive(path):
        if not path.is_file():
            raise CorridorError(Code.E110, str(path))
        return Archive(path)
    return read_file(path)


@dataclass
class Archive:
    """The documents of a compressed JSON-lines archive, read one record at a time as they are
    asked for; a record that cannot be read is kept in `errors` and the rest are read on."""

    path: Path
    errors: list[CorridorError] = field(default_factory=list)

    def __iter__(self) -> Iterator[Document]:
        limit = get_settings().max_document_bytes
        name = self.path.name
        try:
            with gzip.open(self.path, "rt", encoding="utf-8") as lines:
                for number, line in enumerate(lines, start=1):
                    if not line.strip():
                        continue
                    where = f"{name}:{number}"
                    if len(line) > limit:
                        self.errors.append(CorridorError(Code.E105, where, limit=limit))
                        continue
                    try:
                        yield read_record(json.loads(line), name, number)
                    except json.JSONDecodeError as exc:
                        self.errors.append(CorridorError(Code.E107, where, detail=exc.msg))
                    except CorridorError as exc:
                        exc.subject = where
                        self.errors.append(exc)
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            self.errors.append(CorridorError(Code.E107, name, detail=f"unreadable archive ({exc})"))


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
