"""Loading the bundled illustrative corpus and the demo forum for `make demo`."""

from corridor.config import get_settings
from corridor.forum.demo import load_demo as load_forum
from corridor.store.batch import IngestReport, ingest
from corridor.store.db import session_scope


def load_demo(url: str | None = None) -> IngestReport:
    """Ingest the demo articles, then import and schedule the demo forum; both are idempotent."""
    report = ingest([get_settings().demo_corpus], url)
    with session_scope(url) as session:
        load_forum(session)
    return report
