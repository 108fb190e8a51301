"""The documents a gold file is scored on: a folder of articles, a JSON-lines archive whose
records carry their own ids (real scrapes), or the folder of SATP incident summaries (one
summary per line of train.tsv and dev.tsv, named `satp-<file>-<line>`).

A list of document ids (`docs`) restricts a large archive to the annotated documents; every
listed document counts as annotated, so what the extractor finds in it is scored. The digest of
the documents' texts is pinned beside the floors (a changed corpus cannot move a score silently).
"""

import hashlib
from pathlib import Path

from corridor.documents.loader import load
from corridor.documents.model import Document
from corridor.errors import Code, CorridorError

SATP_FILES = ("train", "dev")


def load_corpus(corpus: Path, docs: Path | None = None) -> list[Document]:
    """The corpus' documents, only the listed ones when a list is given (in its order)."""
    if not corpus.exists():
        raise CorridorError(Code.E110, str(corpus))
    found = _satp(corpus) if _is_satp(corpus) else _read(corpus)
    if docs is None:
        return found
    wanted = docs.read_text(encoding="utf-8").split()
    by_name = {doc.name: doc for doc in found}
    missing = [name for name in wanted if name not in by_name]
    if missing:
        raise CorridorError(Code.E201, str(docs), line=0, detail=f"not in the corpus: {missing[0]}")
    return [by_name[name] for name in wanted]


def digest(documents: list[Document]) -> str:
    """A short fingerprint of the documents' names and texts."""
    h = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.name):
        h.update(doc.name.encode("utf-8") + b"\0" + doc.text.encode("utf-8") + b"\0")
    return h.hexdigest()[:16]


def _read(corpus: Path) -> list[Document]:
    result = load([corpus])
    if result.errors:
        raise result.errors[0]
    return result.documents


def _is_satp(corpus: Path) -> bool:
    return corpus.is_dir() and all((corpus / f"{name}.tsv").is_file() for name in SATP_FILES)


def _satp(folder: Path) -> list[Document]:
    """One document per summary: its text is the first column of the line."""
    documents = []
    for name in SATP_FILES:
        rows = (folder / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
        for number, row in enumerate(rows, start=1):
            text = row.split("\t")[0]
            if text.strip():
                documents.append(Document(name=f"satp-{name}-{number}", text=text, source="SATP", format="text"))
    return documents
