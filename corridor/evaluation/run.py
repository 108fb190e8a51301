"""`corridor eval`: extract a corpus and score it against a gold file."""

from pathlib import Path

from corridor.errors import Code, CorridorError
from corridor.evaluation.corpora import load_corpus
from corridor.evaluation.events import Score, load_gold, locate, score
from corridor.extract.pipeline import extract


def evaluate_corpus(gold_path: Path, corpus: Path, docs: Path | None = None) -> Score:
    """Score the events extracted from a corpus (only its listed documents, given a list)."""
    if not gold_path.is_file():
        raise CorridorError(Code.E110, str(gold_path))
    gold = load_gold(gold_path)
    documents = load_corpus(corpus, docs)
    locate(gold, {doc.name: doc for doc in documents})
    predicted = [event for doc in documents for event in extract(doc)]
    return score(gold, predicted)
