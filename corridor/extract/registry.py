"""Stage registration, kept apart from the stages and the pipeline that runs them (as spaCy keeps
its registrations), so a stage imports this and never the pipeline: no import cycle.

A stage declares what it requires and assigns, and may declare the first words of lexicons it
seeks through the document's phrase index (anchors.py): the pipeline collects them and builds
the index once, instead of the index importing the stages to ask.
"""

from collections.abc import Callable
from dataclasses import dataclass

from corridor.extract.annotations import Annotated

StageFn = Callable[[Annotated], Annotated]
# Lexicon name → its first words, each with whether it is a stem (see anchors.py).
FirstWords = dict[str, set[tuple[str, bool]]]


@dataclass(frozen=True)
class Stage:
    name: str
    fn: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    lexicons: Callable[[], FirstWords] | None = None


REGISTRY: dict[str, Stage] = {}


def stage(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = (),
          lexicons: Callable[[], FirstWords] | None = None) -> Callable[[StageFn], StageFn]:
    """Register a pipeline stage under a name with what it needs, what it adds, and the first
    words of the lexicons it seeks through the phrase index."""

    def register(fn: StageFn) -> StageFn:
        REGISTRY[name] = Stage(name, fn, requires, assigns, lexicons)
        return fn

    return register
