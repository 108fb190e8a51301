"""Full-text search over documents and events, and its JSON twin."""

from typing import Annotated

from fastapi import APIRouter, Query, Request

from corridor.web.auth import NEWS, PrincipalDep, visibility
from corridor.web.deps import SessionDep
from corridor.web.offload import quick_reads
from corridor.web.rendering import page
from corridor.web.schemas import ERRORS, SearchResult
from corridor.web.views.search import search_view

router = APIRouter()

Q = Annotated[str | None, Query(max_length=200, description='Words, "a phrase", `or` between words, -excluded')]
PageNo = Annotated[int, Query(alias="page", ge=1, le=10_000)]
PageSize = Annotated[int, Query(ge=1, le=100)]


@router.get("/search", include_in_schema=False, dependencies=[NEWS])
@quick_reads
def search_page(request: Request, session: SessionDep, who: PrincipalDep, q: Q = None, page_no: PageNo = 1,
                size: PageSize = 20):
    return page(request, "search.html", search_view(session, q, page_no, size, visibility(who)))


@router.get("/api/search", tags=["search"], response_model=SearchResult, response_model_exclude_unset=True, responses=ERRORS,
            summary="Documents and events matching the words, best first, with highlighted snippets",
            dependencies=[NEWS])
@quick_reads
def search_api(session: SessionDep, who: PrincipalDep, q: Q = None, page_no: PageNo = 1, size: PageSize = 20):
    return search_view(session, q, page_no, size, visibility(who))
