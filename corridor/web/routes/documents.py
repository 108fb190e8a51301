"""Documents: the list, a document with its events marked, and uploads, each with its JSON twin."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException

from corridor.web.deps import SessionDep
from corridor.web.jobs import get_job, new_job
from corridor.web.offload import quick_reads
from corridor.web.rendering import page
from corridor.web.schemas import ERRORS, DocumentDetail, DocumentList, Job
from corridor.web.views.documents import document_view, documents_view, segments

router = APIRouter()

PageNo = Annotated[int, Query(alias="page", ge=1, le=100_000)]
PageSize = Annotated[int, Query(ge=1, le=500)]
Sort = Annotated[Literal["published", "ingested", "name"], Query(description="published: newest first")]
Q = Annotated[str | None, Query(max_length=200, description="Part of a title or name")]


async def same_origin(request: Request) -> None:
    """Refuse a form posted from another site (a browser always says where a POST comes from)."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get("host"):
        raise HTTPException(403, "uploads are accepted from this site only")


@router.get("/documents", include_in_schema=False)
@quick_reads
def documents_page(request: Request, session: SessionDep, q: Q = None, page_no: PageNo = 1, size: PageSize = 50,
                   sort: Sort = "published"):
    return page(request, "documents.html", documents_view(session, q, page_no, size, sort))


@router.get("/api/documents", tags=["documents"], response_model=DocumentList, response_model_exclude_unset=True, responses=ERRORS,
            summary="Stored documents, with how many events each holds")
@quick_reads
def documents_api(session: SessionDep, q: Q = None, page_no: PageNo = 1, size: PageSize = 50,
                  sort: Sort = "published"):
    return documents_view(session, q, page_no, size, sort)


def _inputs(files: list[UploadFile], urls: list[str]) -> tuple[list, list[str]]:
    chosen = [(f.filename, f.file) for f in files if isinstance(f, StarletteUpload) and f.filename]
    links = [u.strip() for text in urls for u in text.splitlines() if u.strip()]
    if not chosen and not links:
        raise HTTPException(400, "choose at least one file or paste a URL")
    return chosen, links


@router.get("/documents/upload", include_in_schema=False)
def upload_page(request: Request):
    return page(request, "upload.html", {})


@router.post("/documents/upload", include_in_schema=False, dependencies=[Depends(same_origin)])
def upload_form(request: Request, files: Annotated[list[UploadFile | str], File()] = (),
                urls: Annotated[str, Form(max_length=20_000)] = ""):
    # A browser sends a nameless, empty part when no file is chosen: it arrives as a string.
    try:
        chosen, links = _inputs(list(files), [urls])
    except HTTPException as exc:
        return page(request, "upload.html", {"error": exc.detail, "urls": urls}, status_code=400)
    job = new_job(chosen, links, request.app.state.database_url)
    return RedirectResponse(f"/documents/upload/{job['id']}", status_code=303)


@router.get("/documents/upload/{job_id}", include_in_schema=False)
def job_page(request: Request, job_id: str):
    return page(request, "job.html", {"job": _job(job_id)})


@router.get("/documents/upload/{job_id}/status", include_in_schema=False)
def job_fragment(request: Request, job_id: str):
    return page(request, "_job.html", {"job": _job(job_id)})


@router.post("/api/documents/upload", tags=["documents"], status_code=202, response_model=Job, response_model_exclude_unset=True,
             dependencies=[Depends(same_origin)], responses=ERRORS,
             summary="Ingest uploaded files and feed or page URLs in the background; poll /api/jobs/{id}")
def upload_api(request: Request, files: Annotated[list[UploadFile], File()] = (),
               urls: Annotated[list[str], Form(description="http(s) URLs of pages or feeds")] = ()):
    chosen, links = _inputs(list(files), list(urls))
    return new_job(chosen, links, request.app.state.database_url)


@router.get("/api/jobs/{job_id}", tags=["documents"], response_model=Job, response_model_exclude_unset=True, responses=ERRORS,
            summary="Progress of an upload: each file or URL with its documents, events and errors")
def job_api(job_id: str):
    return _job(job_id)


def _job(job_id: str) -> dict:
    job = get_job(job_id)
    if job is None:
        raise HTTPException(404, f"unknown upload {job_id!r}")
    return job


@router.get("/documents/{doc_id}", include_in_schema=False)
@quick_reads
def document_page(request: Request, session: SessionDep, doc_id: str):
    data = document_view(session, doc_id)
    return page(request, "document.html", {**data, "segments": segments(data["document"]["text"], data["spans"])})


@router.get("/api/documents/{doc_id}", tags=["documents"], response_model=DocumentDetail, response_model_exclude_unset=True, responses=ERRORS,
            summary="A stored document's text with the offsets of every event quote in it")
@quick_reads
def document_api(session: SessionDep, doc_id: str):
    return document_view(session, doc_id)

