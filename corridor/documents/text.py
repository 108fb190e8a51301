"""Plain-text articles, with an optional metadata header or a dateline."""

from corridor.documents.dateline import dateline_date
from corridor.documents.header import parse_header
from corridor.documents.model import Document
from corridor.errors import Code, CorridorError

# A first line longer than this is prose, not a headline.
MAX_TITLE_CHARS = 200


def read_text(text: str, name: str, url: str | None = None) -> Document:
    header = parse_header(text)
    body = text[header.body_start :]
    if not body.strip():
        raise CorridorError(Code.E106, name)
    first_line, _, rest = body.strip().partition("\n")
    first_line = first_line.strip()
    headline = None if "title" in header.values or len(first_line) > MAX_TITLE_CHARS else first_line
    title = header.values.get("title") or headline
    return Document(
        name=name,
        text=text,
        title=title,
        # A date in the headline is the news's ("Forum set for 31 March"), not the publication's.
        published=header.published or dateline_date(rest if headline else body),
        source=header.values.get("source"),
        url=header.values.get("url") or url,
        format="text",
        body_start=header.body_start,
    )
