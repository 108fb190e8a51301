"""Upload jobs: files and URLs ingested in a background thread, their progress kept in a JSON file.

The state lives on disk (one folder per job under the system's temporary folder), not in memory, so
any worker process of the server can answer a progress poll. Jobs of one process run one at a time:
SQLite takes one writer at a time anyway."""

import json
import logging
import re
import secrets
import shutil
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from corridor.config import get_settings
from corridor.documents.loader import _suffix_for, is_url, read_bytes
from corridor.errors import Code, CorridorError
from corridor.outbound import fetch
from corridor.review.apply import reapply
from corridor.store.batch import ingest
from corridor.store.db import session_scope
from corridor.store.models import DocumentRow, EventRow, EventSourceRow

JOBS = Path(tempfile.gettempdir()) / "corridor-jobs"
JOB_ID = re.compile(r"^[0-9a-f]{16}$")
MAX_ITEMS = 100
KEEP_SECONDS = 24 * 3600  # finished jobs older than this are removed when a new one starts
_RUNNING = threading.Lock()
log = logging.getLogger(__name__)


def safe_name(filename: str | None, taken: set[str]) -> str:
    """A file's base name with only ordinary characters, unique within the job."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" .") or "upload.txt"
    stem, dot, suffix = base[:120].rpartition(".") if "." in base else (base[:120], "", "")
    name, k = base[:160], 1
    while name in taken:
        k += 1
        name = f"{stem}-{k}{dot}{suffix}" if dot else f"{base}-{k}"
    taken.add(name)
    return name


class UploadTooLarge(Exception):
    pass


def new_job(files: list[tuple[str | None, Any]], urls: list[str], database_url: str, user_id: int | None = None,
            org_id: str | None = None) -> dict[str, Any]:
    """Save the uploaded files, record the job, and start ingesting in the background.

    `files` are (file name, readable binary stream); an oversized or unreadable file becomes an item
    that failed with its error code, and the rest go on. The job belongs to `user_id` (only they
    may follow it); with `org_id` its documents are confidential to that organisation."""
    _sweep()
    job_id = secrets.token_hex(8)
    folder = JOBS / job_id
    (folder / "files").mkdir(parents=True)
    limit = get_settings().max_document_bytes
    items, taken = [], set()
    for filename, stream in files[:MAX_ITEMS]:
        name = safe_name(filename, taken)
        item = {"name": name, "kind": "file", "status": "waiting", "documents": [], "errors": []}
        try:
            _save(stream, folder / "files" / name, limit)
        except UploadTooLarge:
            item.update(status="failed", errors=[CorridorError(Code.E105, name, limit=limit).as_dict()])
        items.append(item)
    for url in urls[: MAX_ITEMS - len(items)]:
        item = {"name": url, "kind": "url", "status": "waiting", "documents": [], "errors": []}
        if not is_url(url):
            item.update(status="failed", errors=[CorridorError(Code.E109, url, url=url,
                                                               detail="only http and https URLs").as_dict()])
        items.append(item)
    job = {"id": job_id, "status": "queued", "created": datetime.now(UTC).isoformat(timespec="seconds"),
           "done": sum(i["status"] == "failed" for i in items), "total": len(items), "documents_added": 0,
           "events_added": 0, "items": items, "owner": user_id, "org": org_id}
    _write(job)
    threading.Thread(target=_run, args=(job_id, database_url), name=f"ingest-{job_id}", daemon=True).start()
    return job


def _save(stream, path: Path, limit: int) -> None:
    size = 0
    with path.open("wb") as out:
        while chunk := stream.read(1 << 16):
            size += len(chunk)
            if size > limit:
                raise UploadTooLarge
            out.write(chunk)


def get_job(job_id: str) -> dict[str, Any] | None:
    if not JOB_ID.match(job_id):
        return None
    try:
        return json.loads((JOBS / job_id / "job.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write(job: dict[str, Any]) -> None:
    path = JOBS / job["id"] / "job.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(job), encoding="utf-8")
    tmp.replace(path)  # atomic: a poll never reads half a file


def _run(job_id: str, database_url: str) -> None:
    with _RUNNING:
        job = get_job(job_id)
        if job is None:
            return
        job["status"] = "running"
        _write(job)
        folder = JOBS / job_id / "files"
        for item in job["items"]:
            if item["status"] != "waiting":
                continue
            item["status"] = "reading"
            _write(job)
            target = item["name"] if item["kind"] == "url" else folder / item["name"]
            ids: list[str] = []
            try:
                report = ingest([target], database_url, org_id=job.get("org"), reader=read_input_safely,
                                after=lambda session, docs: reapply(session, docs))
                errors = [e.as_dict() for e in report.errors]
                ids = report.document_ids
                job["documents_added"] += report.stats.documents_added
                job["events_added"] += report.stats.events_added
            except Exception:  # a job must always finish, whatever went wrong; the details go to the log only
                log.exception("upload %s: %s failed", job_id, item["name"])
                errors = [CorridorError(Code.E402, item["name"]).as_dict()]
            # An input is stored whole or not at all, so an input with an error added no document.
            item["errors"] = errors
            item["documents"] = [] if errors else _documents(database_url, ids)
            item["status"] = "failed" if errors else "done"
            job["done"] += 1
            _write(job)
        job["status"] = "done"
        _write(job)
        shutil.rmtree(folder, ignore_errors=True)


def read_input_safely(item: str | Path) -> list:
    """A file of the job, or a URL fetched only from public addresses (corridor/outbound.py)."""
    from corridor.documents.loader import read_file

    if isinstance(item, str) and is_url(item):
        page = fetch(item)
        return read_bytes(page.content, item, _suffix_for(page.content_type, page.content), url=page.url)
    return read_file(Path(item))


def _documents(database_url: str, ids: list[str]) -> list[dict[str, Any]]:
    """The stored documents read from one input, each with its events."""
    with session_scope(database_url) as session:
        docs = [{"id": r.id, "name": r.name, "title": r.title} for r in session.execute(
            select(DocumentRow.id, DocumentRow.name, DocumentRow.title).where(DocumentRow.id.in_(ids))
            .order_by(DocumentRow.name))]
        for doc in docs:
            rows = session.execute(
                select(EventRow.id, EventRow.kind, EventRow.date, EventRow.summary, EventSourceRow.start)
                .join(EventSourceRow, EventSourceRow.event_id == EventRow.id)
                .where(EventSourceRow.document_id == doc["id"]).order_by(EventSourceRow.start)
            ).all()
            events: dict[str, dict[str, Any]] = {}
            for r in rows:
                events.setdefault(r.id, {"id": r.id, "n": len(events) + 1, "kind": r.kind, "date": r.date,
                                         "summary": r.summary})
            doc["events"] = list(events.values())
        return docs


def _sweep() -> None:
    if not JOBS.is_dir():
        return
    cutoff = time.time() - KEEP_SECONDS
    for folder in JOBS.iterdir():
        try:
            if folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
