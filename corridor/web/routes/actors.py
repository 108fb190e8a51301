"""Actors: the list and a page per person or organisation, each with its JSON twin."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from corridor.events.model import KINDS
from corridor.store.actor_queries import ActorFilter
from corridor.web import charts
from corridor.web.auth import NEWS, PrincipalDep, visibility
from corridor.web.deps import SessionDep
from corridor.web.rendering import page
from corridor.web.schemas import ERRORS, ActorDetail, ActorList
from corridor.web.views.actors import actor_view, actors_view

router = APIRouter()


async def actor_filter(
    q: Annotated[str | None, Query(max_length=200, description="Part of a name or alias")] = None,
    kind: Literal["person", "organisation", ""] | None = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO 3166-1 alpha-3")] = None,
) -> ActorFilter:
    return ActorFilter(q=q or None, kind=kind or None, country=country or None)


FilterDep = Annotated[ActorFilter, Depends(actor_filter)]
PageNo = Annotated[int, Query(alias="page", ge=1, le=100_000)]
PageSize = Annotated[int, Query(ge=1, le=500)]
Sort = Annotated[Literal["events", "name"], Query(description="events: most active first")]


@router.get("/actors", include_in_schema=False, dependencies=[NEWS])
def actors_page(request: Request, session: SessionDep, who: PrincipalDep, flt: FilterDep, page_no: PageNo = 1,
                size: PageSize = 50, sort: Sort = "events"):
    return page(request, "actors.html", actors_view(session, flt, page_no, size, sort, visibility(who)))


@router.get("/api/actors", tags=["actors"], response_model=ActorList, response_model_exclude_unset=True, responses=ERRORS,
            summary="People and organisations, with how many events each took part in", dependencies=[NEWS])
def actors_api(session: SessionDep, who: PrincipalDep, flt: FilterDep, page_no: PageNo = 1, size: PageSize = 50,
               sort: Sort = "events"):
    return actors_view(session, flt, page_no, size, sort, visibility(who))


@router.get("/actors/{actor_id:path}", include_in_schema=False, dependencies=[NEWS])
def actor_page(request: Request, session: SessionDep, who: PrincipalDep, actor_id: str):
    data = actor_view(session, actor_id, visibility(who))
    return page(request, "actor.html", {**data, "when": charts.strip(data["events"], KINDS)})


@router.get("/api/actors/{actor_id:path}", tags=["actors"], response_model=ActorDetail, response_model_exclude_unset=True, responses=ERRORS,
            summary="One actor: titles held and when, events, who they meet most", dependencies=[NEWS])
def actor_api(session: SessionDep, who: PrincipalDep, actor_id: str):
    return actor_view(session, actor_id, visibility(who))
