"""Documents: the list, a document with its events marked, and uploads, each with its JSON twin."""

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException

from corridor.accounts.principal import Principal
from corridor.errors import Code, CorridorError
from corridor.web.auth import EDITOR, NEWS, PrincipalDep, visibility
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


@router.get("/documents", include_in_schema=False, dependencies=[NEWS])
@quick_reads
def documents_page(request: Request, session: SessionDep, who: PrincipalDep, q: Q = None, page_no: PageNo = 1,
                   size: PageSize = 50, sort: Sort = "published"):
    return page(request, "documents.html", documents_view(session, q, page_no, size, sort, visibility(who)))


@router.get("/api/documents", tags=["documents"], response_model=DocumentList, response_model_exclude_unset=True, responses=ERRORS,
            summary="Stored documents, with how many events each holds", dependencies=[NEWS])
@quick_reads
def documents_api(session: SessionDep, who: PrincipalDep, q: Q = None, page_no: PageNo = 1, size: PageSize = 50,
                  sort: Sort = "published"):
    return documents_view(session, q, page_no, size, sort, visibility(who))


def owner_org(who: Principal, choice: str | None) -> str | None:
    """Whose the uploaded documents are: "news" (anyone may read them), or an organisation the
    uploader edits for (the default: their first such organisation; news for a site admin without one)."""
    orgs = who.orgs_at_least("editor")
    if choice == "news":
        return None
    if choice:
        if choice not in orgs and not who.site_admin:
            raise CorridorError(Code.E602, action=f"add documents for {choice!r}")
        return choice
    return orgs[0] if orgs else None


def _inputs(files: list[UploadFile], urls: list[str]) -> tuple[list, list[str]]:
    chosen = [(f.filename, f.file) for f in files if isinstance(f, StarletteUpload) and f.filename]
    links = [u.strip() for text in urls for u in text.splitlines() if u.strip()]
    if not chosen and not links:
        raise HTTPException(400, "choose at least one file or paste a URL")
    return chosen, links


@router.get("/documents/upload", include_in_schema=False, dependencies=[EDITOR])
def upload_page(request: Request, who: PrincipalDep):
    return page(request, "upload.html", {"orgs": who.orgs_at_least("editor")})


Owner = Annotated[str | None, Form(description='"news" (anyone may read), or the organisation the documents are '
                                               "confidential to (default: your first)", max_length=40)]


@router.post("/documents/upload", include_in_schema=False, dependencies=[EDITOR])
def upload_form(request: Request, who: PrincipalDep, files: Annotated[list[UploadFile | str], File()] = (),
                urls: Annotated[str, Form(max_length=20_000)] = "", owner: Owner = None):
    # A browser sends a nameless, empty part when no file is chosen: it arrives as a string.
    try:
        chosen, links = _inputs(list(files), [urls])
    except HTTPException as exc:
        return page(request, "upload.html", {"error": exc.detail, "urls": urls, "orgs": who.orgs_at_least("editor")},
                    status_code=400)
    job = _start(request, who, chosen, links, owner)
    return RedirectResponse(f"/documents/upload/{job['id']}", status_code=303)


def _start(request: Request, who: Principal, chosen: list, links: list[str], owner: str | None) -> dict:
    from corridor.accounts.audit import record

    org = owner_org(who, owner)
    job = new_job(chosen, links, request.app.state.database_url, who.user_id, org)
    with request.app.state.sessions() as session:
        record(session, who.actor(), "documents.upload", "upload", job["id"], None,
               {"items": [i["name"] for i in job["items"]], "confidential_to": org}, org_id=org)
        session.commit()
    return job


@router.get("/documents/upload/{job_id}", include_in_schema=False, dependencies=[EDITOR])
def job_page(request: Request, who: PrincipalDep, job_id: str):
    return page(request, "job.html", {"job": _job(job_id, who)})


@router.get("/documents/upload/{job_id}/status", include_in_schema=False, dependencies=[EDITOR])
def job_fragment(request: Request, who: PrincipalDep, job_id: str):
    return page(request, "_job.html", {"job": _job(job_id, who)})


@router.post("/api/documents/upload", tags=["documents"], status_code=202, response_model=Job, response_model_exclude_unset=True,
             dependencies=[EDITOR], responses=ERRORS,
             summary="Ingest uploaded files and feed or page URLs in the background; poll /api/jobs/{id}")
def upload_api(request: Request, who: PrincipalDep, files: Annotated[list[UploadFile], File()] = (),
               urls: Annotated[list[str], Form(description="http(s) URLs of pages or feeds")] = (),
               owner: Owner = None):
    chosen, links = _inputs(list(files), list(urls))
    return _start(request, who, chosen, links, owner)


@router.get("/api/jobs/{job_id}", tags=["documents"], response_model=Job, response_model_exclude_unset=True, responses=ERRORS,
            summary="Progress of an upload: each file or URL with its documents, events and errors",
            dependencies=[EDITOR])
def job_api(who: PrincipalDep, job_id: str):
    return _job(job_id, who)


def _job(job_id: str, who: Principal) -> dict:
    job = get_job(job_id)
    if job is None or (job.get("owner") != who.user_id and not who.site_admin):
        raise HTTPException(404, f"unknown upload {job_id!r}")  # another person's upload: as if none
    return job


@router.get("/documents/{doc_id}", include_in_schema=False, dependencies=[NEWS])
@quick_reads
def document_page(request: Request, session: SessionDep, who: PrincipalDep, doc_id: str):
    data = document_view(session, doc_id, visibility(who))
    return page(request, "document.html", {**data, "segments": segments(data["document"]["text"], data["spans"])})


@router.get("/api/documents/{doc_id}", tags=["documents"], response_model=DocumentDetail, response_model_exclude_unset=True, responses=ERRORS,
            summary="A stored document's text with the offsets of every event quote in it", dependencies=[NEWS])
@quick_reads
def document_api(session: SessionDep, who: PrincipalDep, doc_id: str):
    return document_view(session, doc_id, visibility(who))

