"""Review of facts: the queue of doubtful events and people's corrections, kept apart from the
machine's output and applied over it (after every ingest and re-extraction too)."""
