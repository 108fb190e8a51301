"""Documents: the list, and a document read with its events marked in the text."""

from typing import Any

from sqlalchemy.orm import Session

from corridor.store.document_queries import document_spans, get_document, list_documents
from corridor.store.visibility import Visibility
from corridor.web.views.common import pages


def documents_view(session: Session, q: str | None, page: int, size: int, sort: str,
                   visible: Visibility) -> dict[str, Any]:
    result = list_documents(session, q, page, size, sort, visible)
    return {"filters": {"q": q} if q else {}, "documents": result["documents"], "total": result["total"],
            "page": page, "pages": pages(result["total"], size), "size": size, "sort": sort}


def document_view(session: Session, doc_id: str, visible: Visibility) -> dict[str, Any]:
    row = get_document(session, doc_id, visible)
    spans = document_spans(session, doc_id)
    events: dict[str, dict[str, Any]] = {}
    for span in spans:
        if span["event_id"] not in events:
            events[span["event_id"]] = {"id": span["event_id"], "n": len(events) + 1, "kind": span["kind"],
                                        "date": span["date"], "summary": span["summary"]}
        span["n"] = events[span["event_id"]]["n"]
    return {
        "document": {"id": row.id, "name": row.name, "title": row.title,
                     "published": row.published.isoformat() if row.published else None, "source": row.source,
                     "url": row.url, "format": row.format, "body_start": row.body_start, "text": row.text,
                     "confidential": row.org_id, "not_news": row.not_news},
        "spans": [{k: s[k] for k in ("start", "end", "event_id", "kind", "n")} for s in spans],
        "events": list(events.values()),
    }


def segments(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at every quote boundary; each piece knows which quotes cover it and which end there.

    Overlapping and nested quotes need no nesting of elements: a piece covered by two quotes is one
    <mark> with depth 2, and each quote's number follows the piece where it ends."""
    cuts = sorted({0, len(text)} | {max(0, min(len(text), s["start"])) for s in spans}
                  | {max(0, min(len(text), s["end"])) for s in spans})
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s["start"] <= start and s["end"] >= end and s["end"] > s["start"]]
        ending = [s for s in covering if s["end"] == end]
        starting = sorted({s["n"] for s in covering if s["start"] == start})
        out.append({"text": text[start:end], "depth": min(len(covering), 3),
                    "kinds": sorted({s["kind"] for s in covering}),
                    "events": [s["n"] for s in covering], "starts": starting,
                    "ends": [{"n": s["n"], "event_id": s["event_id"]} for s in ending]})
    return out
