"""A small store of hand-written articles, and a "newer extractor" that reads them differently."""

import hashlib
from dataclasses import replace

import pytest

from corridor.accounts.audit import Actor
from corridor.extract.pipeline import extract
from corridor.review.apply import reapply
from corridor.store.batch import ingest
from corridor.store.visibility import EVERYTHING

A = ("title: Naqvi meets Baker on copper\ndate: 2026-03-02\n\nISLAMABAD: Interior Minister Mohsin Naqvi met US "
     "charge d'affaires Natalie Baker on Monday. Both sides agreed to expand cooperation in the mining sector.\n\n"
     "Separately, a bomb attack on a police van in Quetta killed two people on Sunday, officials said. Interior "
     "Minister Mohsin Naqvi condemned the attack in Quetta.")
B = ("title: Copper talks\ndate: 2026-03-03\n\nISLAMABAD: Federal Minister Mohsin Naqvi held talks with Natalie "
     "Baker of the US embassy on Monday on mining cooperation.")
EDITOR = Actor("user:editor@desk.example", "web", 7)
ALL = EVERYTHING


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")
    return folder


def load(corpus, url):
    report = ingest([corpus], url, after=lambda session, ids: reapply(session, ids))
    assert not report.errors
    return report


def newer_extractor(changes=None):
    """Today's extractor with a changed rule: new event ids, quotes that start a word later, and the
    given (kind → field → value) changes to what it reads."""

    def run(doc):
        out = []
        for event in extract(doc):
            sources = [replace(s, start=s.start + len(s.quote.split(" ", 1)[0]) + 1,
                               quote=s.quote.split(" ", 1)[1]) for s in event.sources]
            new = replace(event, id="ev_" + hashlib.sha256(("v2" + event.id).encode()).hexdigest()[:16],
                          sources=sources)
            for field, value in (changes or {}).get(event.kind, {}).items():
                setattr(new, field, value)
            out.append(new)
        return out

    return run
