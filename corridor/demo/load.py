"""Loading the bundled illustrative corpus for `make demo`."""

from corridor.config import get_settings
from corridor.store.batch import IngestReport, ingest


def load_demo(url: str | None = None) -> IngestReport:
    return ingest([get_settings().demo_corpus], url)
