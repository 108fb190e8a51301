"""The spine's acceptance bar: the seeds scored against their gold, as EVENTS.md describes."""

from corridor.evaluation.run import evaluate_corpus


def test_seeds_recall_and_precision(shared):
    score = evaluate_corpus(shared / "gold" / "seeds.events.jsonl", shared / "corpus" / "seeds")
    assert score.recall >= 0.9, score.missed
    assert score.precision >= 0.8, score.wrong
