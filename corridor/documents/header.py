"""Metadata carried in the first lines of a text file ("date 2026-02-12", "title: ...")."""

import re
from dataclasses import dataclass
from datetime import date

# A header line: a known key and ':' then its value; "date" may also be followed by spaces alone.
# The date key takes only the date itself, so a caption that follows it on the same line stays
# part of the article (as in wire copy).
_LINE = re.compile(
    r"[ \t]*(?:(?P<key>title|source|url)[ \t]*:|(?P<dkey>date)[ \t]*:?)[ \t]*(?P<value>[^\n]*)", re.I
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Header:
    values: dict[str, str]
    published: date | None
    body_start: int


def parse_header(text: str) -> Header:
    values: dict[str, str] = {}
    published = None
    pos = 0
    while pos < len(text):
        match = _LINE.match(text, pos)
        key = match and (match.group("key") or match.group("dkey")).lower()
        if not match or key in values:
            break
        value = match.group("value")
        if key == "date":
            iso = _ISO_DATE.match(value)
            if not iso:
                break
            published = date.fromisoformat(iso.group())
            values[key] = iso.group()
            pos = match.start("value") + iso.end()
            # The rest of this line, if any, is article text (a caption, as in wire copy).
            rest = text[pos:].split("\n", 1)[0]
            if rest.strip():
                pos += len(rest) - len(rest.lstrip())
                break
        else:
            values[key] = value.strip()
            pos = match.end()
        pos = _skip_newline(text, pos)
    while pos < len(text) and text[pos] in "\r\n":
        pos += 1
    return Header(values, published, pos)


def _skip_newline(text: str, pos: int) -> int:
    if text.startswith("\r\n", pos):
        return pos + 2
    if text.startswith("\n", pos):
        return pos + 1
    return pos
