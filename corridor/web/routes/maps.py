"""The map of events and attacks, and its JSON twin."""

from fastapi import APIRouter, Request

from corridor.web.auth import NEWS
from corridor.web.deps import SessionDep
from corridor.web.rendering import page
from corridor.web.routes.events import FilterDep
from corridor.web.schemas import ERRORS, MapData
from corridor.web.views.maps import map_drawing, map_view

router = APIRouter()


@router.get("/map", include_in_schema=False, dependencies=[NEWS])
def map_page(request: Request, session: SessionDep, flt: FilterDep):
    data = map_view(session, flt)
    return page(request, "map.html", {**data, "drawing": map_drawing(data)})


@router.get("/api/map", tags=["map"], response_model=MapData, response_model_exclude_unset=True, responses=ERRORS,
            summary="Events and attacks per place and per district, with the events filters", dependencies=[NEWS])
def map_api(session: SessionDep, flt: FilterDep):
    return map_view(session, flt)
