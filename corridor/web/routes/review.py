"""Review of facts (editors): the queue, most doubtful first, with keyboard shortcuts; accepting,
correcting and rejecting an event; merging and splitting events; merging actors; marking a document
as not news. Forms post here and redirect; the JSON API takes the same operations."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from corridor.accounts.principal import Principal
from corridor.events.model import KINDS, ROLES, SECTORS
from corridor.review import corrections, fields
from corridor.review.queue import queue
from corridor.store.actor_queries import get_actor
from corridor.web.auth import EDITOR, PrincipalDep, visibility
from corridor.web.deps import SessionDep
from corridor.web.rendering import page
from corridor.web.views.events import event_view

router = APIRouter()
PageNo = Annotated[int, Query(alias="page", ge=1, le=100_000)]
BLANK_PARTICIPANT_ROWS = 2


def _back(target: str | None, default: str = "/review") -> RedirectResponse:
    safe = target if target and target.startswith("/") and not target.startswith("//") else default
    return RedirectResponse(safe, status_code=303)


@router.get("/review", include_in_schema=False, dependencies=[EDITOR])
def review_page(request: Request, session: SessionDep, who: PrincipalDep, page_no: PageNo = 1):
    return page(request, "review.html", queue(session, visibility(who), page_no))


@router.get("/api/review", tags=["review"], dependencies=[EDITOR],
            summary="Events no person has checked, most doubtful first, each with the reasons for doubt")
def review_api(session: SessionDep, who: PrincipalDep, page_no: PageNo = 1) -> dict:
    return queue(session, visibility(who), page_no)


@router.post("/events/{event_id}/accept", include_in_schema=False, dependencies=[EDITOR])
def accept_form(session: SessionDep, who: PrincipalDep, event_id: str, back: Annotated[str, Form()] = ""):
    corrections.accept(session, who.actor(), event_id, visibility(who))
    session.commit()
    return _back(back)


@router.post("/events/{event_id}/reject", include_in_schema=False, dependencies=[EDITOR])
def reject_form(session: SessionDep, who: PrincipalDep, event_id: str, back: Annotated[str, Form()] = ""):
    corrections.reject(session, who.actor(), event_id, visibility(who))
    session.commit()
    return _back(back if back and event_id not in back else "/review")


@router.get("/events/{event_id}/edit", include_in_schema=False, dependencies=[EDITOR])
def edit_page(request: Request, session: SessionDep, who: PrincipalDep, event_id: str, back: str = "/review"):
    data = event_view(session, event_id, visibility(who))
    data.update(kinds=KINDS, sectors=SECTORS, roles=ROLES, kinds_of_participant=fields.PARTICIPANT_KINDS,
                blank_rows=BLANK_PARTICIPANT_ROWS, back=back if back.startswith("/") and not back.startswith("//")
                else "/review")
    return page(request, "event_edit.html", data)


def changes_from_form(form) -> dict[str, Any]:
    """The edit form's fields as correction values (a field left as it was is sent too; unchanged
    values are not recorded)."""
    changes: dict[str, Any] = {"kind": form.get("kind"), "date": form.get("date") or None,
                               "place": form.get("place") or None,
                               "sectors": sorted(form.getlist("sectors"))}
    value = (form.get("amount_value") or "").strip()
    changes["amount"] = None if not value else {"value": value, "currency": form.get("amount_currency") or None,
                                                 "text": form.get("amount_text") or None}
    people = []
    names, titles, orgs = form.getlist("p_name"), form.getlist("p_title"), form.getlist("p_org")
    countries, roles, kinds = form.getlist("p_country"), form.getlist("p_role"), form.getlist("p_kind")
    removed = set(form.getlist("p_remove"))
    for i, name in enumerate(names):
        row = {"name": name, "title": _at(titles, i), "org": _at(orgs, i), "country": _at(countries, i),
               "role": _at(roles, i) or "other", "kind": _at(kinds, i) or "person"}
        if str(i) in removed or not (row["name"] or row["org"] or row["country"]):
            continue
        people.append(row)
    changes["participants"] = people
    return changes


def _at(values: list, i: int) -> str:
    return values[i] if i < len(values) else ""


@router.post("/events/{event_id}/correct", include_in_schema=False, dependencies=[EDITOR])
async def correct_form(request: Request, session: SessionDep, who: PrincipalDep, event_id: str):
    form = await request.form()
    corrections.correct(session, who.actor(), event_id, changes_from_form(form), visibility(who))
    session.commit()
    return _back(str(form.get("back") or ""), f"/events/{event_id}")


@router.post("/events/{event_id}/merge", include_in_schema=False, dependencies=[EDITOR])
def merge_form(session: SessionDep, who: PrincipalDep, event_id: str, other: Annotated[str, Form(max_length=40)]):
    kept = corrections.merge(session, who.actor(), event_id, other.strip(), visibility(who))
    session.commit()
    return RedirectResponse(f"/events/{kept.id}", status_code=303)


@router.post("/events/{event_id}/split", include_in_schema=False, dependencies=[EDITOR])
def split_form(session: SessionDep, who: PrincipalDep, event_id: str, sources: Annotated[list[int], Form()] = ()):
    new = corrections.split(session, who.actor(), event_id, list(sources), visibility(who))
    session.commit()
    return RedirectResponse(f"/events/{new.id}/edit?back=/events/{event_id}", status_code=303)


@router.post("/documents/{doc_id}/not-news", include_in_schema=False, dependencies=[EDITOR])
def not_news_form(session: SessionDep, who: PrincipalDep, doc_id: str):
    corrections.not_news(session, who.actor(), doc_id, visibility(who))
    session.commit()
    return RedirectResponse(f"/documents/{doc_id}", status_code=303)


def _visible_actors(session, who: Principal, *ids: str) -> set[str]:
    return {get_actor(session, i, visibility(who)).id for i in ids}


@router.post("/actors/{actor_id:path}/merge", include_in_schema=False, dependencies=[EDITOR])
def merge_actor_form(session: SessionDep, who: PrincipalDep, actor_id: str,
                     into: Annotated[str, Form(max_length=200)]):
    into = into.strip()
    target = corrections.merge_actors(session, who.actor(), actor_id, into, _visible_actors(session, who, actor_id,
                                                                                             into))
    session.commit()
    from urllib.parse import quote

    return RedirectResponse(f"/actors/{quote(target.id, safe='')}", status_code=303)


# --- JSON --------------------------------------------------------------------------------------------


def _event(session, who: Principal, event_id: str) -> dict:
    return event_view(session, event_id, visibility(who))


@router.post("/api/events/{event_id}/accept", tags=["review"], dependencies=[EDITOR],
             summary="The event is right as it stands: verified")
def accept_api(session: SessionDep, who: PrincipalDep, event_id: str) -> dict:
    corrections.accept(session, who.actor(), event_id, visibility(who))
    session.commit()
    return _event(session, who, event_id)


@router.post("/api/events/{event_id}/reject", tags=["review"], dependencies=[EDITOR],
             summary="Not an event: removed, and kept out of later ingests and re-extractions")
def reject_api(session: SessionDep, who: PrincipalDep, event_id: str) -> dict:
    corrections.reject(session, who.actor(), event_id, visibility(who))
    session.commit()
    return {"id": event_id, "rejected": True}


class EventUpdate(BaseModel):
    kind: str | None = Field(default=None, description=f"One of {', '.join(KINDS)}")
    date: str | None = Field(default=None, description="YYYY-MM-DD, YYYY-MM or YYYY; empty text for none")
    place: str | None = Field(default=None, description="A place name; empty text for none")
    participants: list[dict[str, Any]] | None = Field(default=None, description="{name, title, org, country, role, kind}")
    sectors: list[str] | None = None
    amount: dict[str, Any] | None = Field(default=None, description="{value, currency, text}")
    clear_amount: bool = Field(default=False, description="Remove the amount")


@router.patch("/api/events/{event_id}", tags=["review"], dependencies=[EDITOR],
              summary="Correct fields of an event; the person's values are kept apart and win over the machine's")
def correct_api(session: SessionDep, who: PrincipalDep, event_id: str, body: EventUpdate) -> dict:
    changes = {k: v for k, v in body.model_dump(exclude={"clear_amount"}).items() if k in body.model_fields_set}
    if body.clear_amount:
        changes["amount"] = None
    corrections.correct(session, who.actor(), event_id, changes, visibility(who))
    session.commit()
    return _event(session, who, event_id)


class Merge(BaseModel):
    other: str = Field(max_length=40, description="The event that is the same as this one")


@router.post("/api/events/{event_id}/merge", tags=["review"], dependencies=[EDITOR],
             summary="Merge another event into this one (its reports join; this one keeps its fields)")
def merge_api(session: SessionDep, who: PrincipalDep, event_id: str, body: Merge) -> dict:
    kept = corrections.merge(session, who.actor(), event_id, body.other, visibility(who))
    session.commit()
    return _event(session, who, kept.id)


class Split(BaseModel):
    sources: list[int] = Field(description="Ids of the reports (event sources) that become a new event")


@router.post("/api/events/{event_id}/split", tags=["review"], dependencies=[EDITOR],
             summary="Split the chosen reports off into a new event")
def split_api(session: SessionDep, who: PrincipalDep, event_id: str, body: Split) -> dict:
    new = corrections.split(session, who.actor(), event_id, body.sources, visibility(who))
    session.commit()
    return _event(session, who, new.id)


@router.post("/api/documents/{doc_id}/not-news", tags=["review"], dependencies=[EDITOR],
             summary="The document is not news: its events are removed and stay removed")
def not_news_api(session: SessionDep, who: PrincipalDep, doc_id: str) -> dict:
    removed = corrections.not_news(session, who.actor(), doc_id, visibility(who))
    session.commit()
    return {"id": doc_id, "not_news": True, "events_removed": removed}


class ActorMerge(BaseModel):
    into: str = Field(max_length=200, description="The actor this one is")


@router.post("/api/actors/{actor_id:path}/merge", tags=["review"], dependencies=[EDITOR],
             summary="Merge an actor into another; its names become the other's aliases for later ingests")
def merge_actor_api(session: SessionDep, who: PrincipalDep, actor_id: str, body: ActorMerge) -> dict:
    target = corrections.merge_actors(session, who.actor(), actor_id, body.into,
                                      _visible_actors(session, who, actor_id, body.into))
    session.commit()
    return {"id": target.id, "name": target.name, "aliases": sorted(a.alias for a in target.aliases)}
