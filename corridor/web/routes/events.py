"""The events list and the event page, each with its JSON twin under /api."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse

from corridor.store.queries import EventFilter
from corridor.web.deps import SessionDep
from corridor.web.rendering import page
from corridor.web.views import event_view, events_view, parse_date

router = APIRouter()


def event_filter(
    kind: str | None = None,
    plover: str | None = None,
    sector: str | None = None,
    country: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    date_from: Annotated[str | None, Query(alias="from", description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="YYYY-MM-DD")] = None,
    q: Annotated[str | None, Query(description="Words in the summary or a quote")] = None,
    document: str | None = None,
) -> EventFilter:
    """The filters of the URL; empty fields (from an HTML form) mean no filter."""
    return EventFilter(
        kind=kind or None, plover=plover or None, sector=sector or None, country=country or None,
        actor=actor or None, place=place or None, date_from=parse_date("from", date_from),
        date_to=parse_date("to", date_to), q=q or None, document=document or None,
    ).validate()


FilterDep = Annotated[EventFilter, Depends(event_filter)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]
PageSize = Annotated[int, Query(ge=1, le=500)]
Sort = Annotated[str, Query(pattern="^(date|-date|confidence|kind)$")]


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return RedirectResponse("/events", status_code=302)


@router.get("/events", include_in_schema=False)
def events_page(request: Request, session: SessionDep, flt: FilterDep, page_no: Annotated[PageNo, Query(alias="page")] = 1,
                size: PageSize = 50, sort: Sort = "date"):
    return page(request, "events.html", events_view(session, flt, page_no, size, sort))


@router.get("/api/events", tags=["events"], summary="Events matching the filters, a page at a time")
def events_api(session: SessionDep, flt: FilterDep, page_no: Annotated[PageNo, Query(alias="page")] = 1,
               size: PageSize = 50, sort: Sort = "date") -> dict:
    return events_view(session, flt, page_no, size, sort)


@router.get("/events/{event_id}", include_in_schema=False)
def event_page(request: Request, session: SessionDep, event_id: str):
    return page(request, "event.html", event_view(session, event_id))


@router.get("/api/events/{event_id}", tags=["events"], summary="One event with its sources in their documents")
def event_api(session: SessionDep, event_id: str) -> dict:
    return event_view(session, event_id)
