"""The events list (with CSV and JSON-lines exports) and the event page, each with its JSON twin."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from corridor.store.queries import EventFilter
from corridor.web import geo
from corridor.web.auth import NEWS, PrincipalDep, visibility
from corridor.web.deps import SessionDep
from corridor.web.offload import quick_reads
from corridor.web.rendering import page
from corridor.web.schemas import ERRORS, EventDetail, EventList
from corridor.web.views.common import parse_date
from corridor.web.views.events import event_view, events_view, export_chunks

router = APIRouter()

Text = Annotated[str | None, Query(max_length=200)]


async def event_filter(
    who: PrincipalDep,
    kind: Text = None,
    plover: Text = None,
    sector: Text = None,
    country: Text = None,
    actor: Annotated[str | None, Query(max_length=200, description="Part of a participant's name or body, or an actor id")] = None,
    place: Annotated[str | None, Query(max_length=200, description="A place or province name")] = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=10, description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10, description="YYYY-MM-DD")] = None,
    q: Annotated[str | None, Query(max_length=200, description=(
        'Full-text search of summaries and quotes: words, "a phrase", `or`, -excluded'))] = None,
    document: Annotated[str | None, Query(max_length=40, description="A document id")] = None,
    verified: Annotated[bool, Query(description="Only events a person accepted or corrected")] = False,
) -> EventFilter:
    """The filters of the URL; empty fields (from an HTML form) mean no filter. Async although it
    awaits nothing: FastAPI would run a plain function in the thread pool, a trip costing more than
    the function."""
    return EventFilter(
        kind=kind or None, plover=plover or None, sector=sector or None, country=country or None,
        actor=actor or None, place=place or None, date_from=parse_date("from", date_from),
        date_to=parse_date("to", date_to), q=q or None, document=document or None, verified=verified,
        visible=visibility(who),
    ).validate()


FilterDep = Annotated[EventFilter, Depends(event_filter)]
PageNo = Annotated[int, Query(alias="page", ge=1, le=100_000)]
PageSize = Annotated[int, Query(ge=1, le=500)]
Sort = Annotated[Literal["date", "-date", "confidence", "kind"], Query(description="date is newest first")]


@router.get("/events", include_in_schema=False, dependencies=[NEWS])
@quick_reads
def events_page(request: Request, session: SessionDep, flt: FilterDep, page_no: PageNo = 1, size: PageSize = 50,
                sort: Sort = "date"):
    return page(request, "events.html", events_view(session, flt, page_no, size, sort))


@router.get("/api/events", tags=["events"], summary="Events matching the filters, a page at a time",
            response_model=EventList, response_model_exclude_unset=True, responses=ERRORS, dependencies=[NEWS])
@quick_reads
def events_api(session: SessionDep, flt: FilterDep, page_no: PageNo = 1, size: PageSize = 50, sort: Sort = "date"):
    return events_view(session, flt, page_no, size, sort)


MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def _export(request: Request, flt: EventFilter, fmt: str, sort: str) -> StreamingResponse:
    return StreamingResponse(
        export_chunks(request.app.state.sessions, flt, fmt, sort), media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="corridor-events.{fmt}"'},
    )


@router.get("/events.csv", include_in_schema=False, dependencies=[NEWS])
def events_csv(request: Request, flt: FilterDep, sort: Sort = "date"):
    return _export(request, flt, "csv", sort)


@router.get("/events.jsonl", include_in_schema=False, dependencies=[NEWS])
def events_jsonl(request: Request, flt: FilterDep, sort: Sort = "date"):
    return _export(request, flt, "jsonl", sort)


@router.get("/api/events/export", tags=["events"], responses={**ERRORS, 200: {
    "description": "CSV (one row per event, its first source) or JSON lines (the EVENTS.md record)",
    "content": {"text/csv": {}, "application/x-ndjson": {}}}},
    summary="Every event matching the filters, as CSV or JSON lines", response_class=StreamingResponse,
    dependencies=[NEWS])
def events_export(request: Request, flt: FilterDep, format: Literal["csv", "jsonl"] = "jsonl", sort: Sort = "date"):
    return _export(request, flt, format, sort)


@router.get("/events/{event_id}", include_in_schema=False, dependencies=[NEWS])
@quick_reads
def event_page(request: Request, session: SessionDep, event_id: str, who: PrincipalDep):
    data = event_view(session, event_id, visibility(who))
    e = data["event"]
    data["map"] = geo.small_map(e["geo"], e["place"], e["kind"]) if e["geo"] else None
    return page(request, "event.html", data)


@router.get("/api/events/{event_id}", tags=["events"], summary="One event with its sources in their documents",
            response_model=EventDetail, response_model_exclude_unset=True, responses=ERRORS, dependencies=[NEWS])
@quick_reads
def event_api(session: SessionDep, event_id: str, who: PrincipalDep):
    return event_view(session, event_id, visibility(who))
