"""The extraction pipeline: a document in, event records out.

Stages run in this order, each a function Annotated -> Annotated that declares the annotations it
requires and the ones it assigns (checked when the pipeline is built, as spaCy does):

1. sentences  split the article into sentences (a regex splitter)
2. kinds      trigger phrases of each event kind, with negation and hedging
3. other      political events of no Corridor kind (kind `other`) from the PLOVER codes of sentences
4. actors     people with titles, organisations, countries, demonyms, collectives ("both sides")
5. coref      link surnames, titles ("the interior minister") and pronouns to the people they name
6. dates      absolute and relative dates, resolved against the publication date (dateparser)
7. places     cities, districts, provinces and sites from the gazetteer, and the dateline
8. sectors    the sector taxonomy of EVENTS.md
9. assemble   triggers + mentions → events, merged within the document, with quotes, offsets and
              the PLOVER code of their sentence

The triggers come first: an event takes its dates, places and sectors (and pronouns) from the
sentence of its trigger, so those stages read only the sentences that hold one (about half of
an article). Actors are read everywhere: the document's countries and its people's full names
come from all of it.

The stages share one pass over the document's lower-cased words (anchors.py): it finds where a
phrase of each case-blind lexicon may start, and each stage tries its patterns only there.
"""

from dataclasses import dataclass, replace

from spacy.language import Language

from corridor.documents.clean import clean
from corridor.documents.model import Document
from corridor.events.model import Event
from corridor.extract.anchors import PhraseIndex
from corridor.extract.annotations import Annotated
from corridor.extract.registry import REGISTRY, Stage
from corridor.extract.statistical import load_model

ORDER = ("sentences", "kinds", "other", "syntax", "actors", "coref", "dates", "places", "sectors", "assemble")


@dataclass
class Shared:
    """What the pipeline builds once and hands to every document it annotates: the phrase index
    and the statistical model (loaded when first used)."""

    index: PhraseIndex

    @property
    def nlp(self) -> Language:
        return load_model()


def build(order: tuple[str, ...] = ORDER) -> list[Stage]:
    """The stages in order, refusing an order where a stage runs before what it requires."""
    _import_stages()
    available = {"doc"}
    stages = []
    for name in order:
        current = REGISTRY[name]
        missing = set(current.requires) - available
        if missing:
            raise ValueError(f"stage {name!r} requires {sorted(missing)} which no earlier stage assigns")
        available.update(current.assigns)
        stages.append(current)
    return stages


def share(stages: list[Stage]) -> Shared:
    """The shared state of a pipeline: the phrase index of every lexicon its stages declare."""
    declared: dict[str, set[tuple[str, bool]]] = {}
    for current in stages:
        if current.lexicons is not None:
            declared.update(current.lexicons())
    return Shared(PhraseIndex(declared))


def _import_stages() -> None:
    # Importing a stage module registers it.
    from corridor.extract import (  # noqa: F401
        actors,
        assemble,
        coref,
        dates,
        kinds,
        other,
        places,
        sectors,
        sentences,
        syntax,
    )


class Extractor:
    """Runs the stages over documents; build once, call many times."""

    def __init__(self, order: tuple[str, ...] = ORDER) -> None:
        self.stages = build(order)
        # The index covers every registered stage's lexicons, so a document started here can be
        # taken through any stage by hand (tests do) as well as through this pipeline's.
        self.shared = share(list(REGISTRY.values()))

    def start(self, doc: Document) -> Annotated:
        """A document ready for the stages: its clean view (quotes are mapped back to the text as
        stored), with what the pipeline shares."""
        cleaned = clean(doc.text, doc.body_start)
        if cleaned.text == doc.text:
            return Annotated(doc, shared=self.shared)
        return Annotated(replace(doc, text=cleaned.text), shared=self.shared, stored=doc, cleaned=cleaned)

    def annotate(self, doc: Document) -> Annotated:
        annotated = self.start(doc)
        for current in self.stages:
            annotated = current.fn(annotated)
        return annotated

    def __call__(self, doc: Document) -> list[Event]:
        return self.annotate(doc).events


_default: Extractor | None = None


def default() -> Extractor:
    """The default pipeline, built on first use."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def extract(doc: Document) -> list[Event]:
    """Events of one document, with the default pipeline."""
    return default()(doc)
