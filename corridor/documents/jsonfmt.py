"""JSON and JSON-lines files: one article per object (title, text, date, url, source)."""

import json
from datetime import date

import dateparser

from corridor.documents.model import Document
from corridor.errors import Code, CorridorError

TEXT_FIELDS = ("text", "body", "content")
DATE_FIELDS = ("date", "published", "published_at", "pubDate")


def read_json(text: str, name: str, lines: bool) -> list[Document]:
    records = _parse_lines(text, name) if lines else _parse_whole(text, name)
    docs = [_document(record, _record_name(record, name, i)) for i, record in enumerate(records, start=1)]
    if not docs:
        raise CorridorError(Code.E106, name)
    return docs


def _parse_whole(text: str, name: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorridorError(Code.E107, name, detail=f"{exc.msg} at line {exc.lineno}") from None
    records = data if isinstance(data, list) else [data]
    return [_require_object(r, name, i) for i, r in enumerate(records, start=1)]


def _parse_lines(text: str, name: str) -> list[dict]:
    records = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(_require_object(json.loads(line), name, lineno))
        except json.JSONDecodeError as exc:
            raise CorridorError(Code.E107, name, detail=f"{exc.msg} at line {lineno}") from None
    return records


def _require_object(record: object, name: str, where: int) -> dict:
    if not isinstance(record, dict):
        raise CorridorError(Code.E107, name, detail=f"record {where} is not an object")
    return record


def read_record(record: object, name: str, position: int) -> Document:
    """One record of an archive (its `position` in it names it when it has no id of its own)."""
    return _document(_require_object(record, name, position), _record_name(record, name, position))


def _record_name(record: dict, name: str, position: int) -> str:
    """A record's own id names it (scraped archives carry one); else its place in the file."""
    own = record.get("id")
    return own.strip() if isinstance(own, str) and own.strip() else f"{name}#{position}"


def _document(record: dict, name: str) -> Document:
    text = next((record[f] for f in TEXT_FIELDS if isinstance(record.get(f), str)), "")
    if not text.strip():
        raise CorridorError(Code.E106, name)
    return Document(
        name=name,
        text=text,
        title=record.get("title"),
        published=_date(next((record[f] for f in DATE_FIELDS if record.get(f)), None)),
        source=record.get("source"),
        url=record.get("url"),
        format="json",
    )


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    parsed = dateparser.parse(value, languages=["en"], settings={"DATE_ORDER": "YMD"})
    return parsed.date() if parsed else None
