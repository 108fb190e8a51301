"""`corridor eval`: extract a corpus and score it against a gold file."""

from pathlib import Path

from corridor.documents.loader import load
from corridor.errors import Code, CorridorError
from corridor.evaluation.events import Score, load_gold, locate, score
from corridor.extract.pipeline import extract


def evaluate_corpus(gold_path: Path, corpus: Path) -> Score:
    if not gold_path.is_file():
        raise CorridorError(Code.E110, str(gold_path))
    if not corpus.is_dir():
        raise CorridorError(Code.E110, str(corpus))
    gold = load_gold(gold_path)
    result = load([corpus])
    if result.errors:
        raise result.errors[0]
    docs = {doc.name: doc for doc in result.documents}
    locate(gold, docs)
    predicted = [event for doc in result.documents for event in extract(doc)]
    return score(gold, predicted)
