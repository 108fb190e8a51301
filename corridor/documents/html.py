"""HTML pages: the main article text and metadata, found by trafilatura."""

from datetime import date

import trafilatura

from corridor.documents.dateline import dateline_date
from corridor.documents.model import Document
from corridor.errors import Code, CorridorError


def read_html(html: str, name: str, url: str | None = None) -> Document:
    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise CorridorError(Code.E106, name)
    meta = trafilatura.extract_metadata(html, default_url=url)
    published = _iso_date(meta.date if meta else None) or dateline_date(text)
    return Document(
        name=name,
        text=text,
        title=(meta.title if meta else None) or None,
        published=published,
        source=(meta.sitename if meta else None) or None,
        url=(meta.url if meta else None) or url,
        format="html",
    )


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
