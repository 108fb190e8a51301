"""The overview page, its JSON twin, and a health check."""

from fastapi import APIRouter, Request

from corridor.web.auth import NEWS, PUBLIC, PrincipalDep, visibility
from corridor.web.deps import SessionDep
from corridor.web.rendering import page
from corridor.web.schemas import Health, Overview
from corridor.web.views.overview import overview_charts, overview_view

router = APIRouter()


@router.get("/", include_in_schema=False, dependencies=[NEWS])
def overview_page(request: Request, session: SessionDep, who: PrincipalDep):
    data = overview_view(session, visibility(who))
    return page(request, "overview.html", {**data, "charts": overview_charts(data)})


@router.get("/api/overview", tags=["overview"], response_model=Overview, response_model_exclude_unset=True,
            summary="Counts by kind and sector, events per week, sector interest per month, what is next",
            dependencies=[NEWS])
def overview_api(session: SessionDep, who: PrincipalDep):
    return overview_view(session, visibility(who))


@router.get("/api/health", tags=["overview"], response_model=Health, response_model_exclude_unset=True, summary="The server is up",
            dependencies=[PUBLIC])
def health():
    return {"status": "ok"}
