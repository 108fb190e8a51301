"""What the stages add to a document: sentences, actor, date, place, sector and trigger mentions."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from corridor.documents.clean import Cleaned
from corridor.documents.model import Document

# Letters that a case-blind pattern matches to an ASCII letter but that lower-case to another
# (Turkish dotted and dotless i, the long s): `lower_of` spells them as those.
_CASE_BLIND = str.maketrans("İıſ", "iis")


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass
class ActorMention:
    start: int
    end: int
    kind: str  # person | organisation | country | group | collective
    name: str | None = None
    title: str | None = None
    org: str | None = None
    country: str | None = None
    entity: str | None = None  # the in-document entity this mention refers to (after coreference)
    actor_id: str | None = None  # the register's id, when the actor is known
    sentence: int = -1
    via: str = "name"  # how it was found: name | title | pronoun | register | collective


@dataclass
class DateMention:
    start: int
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day | month | year
    day: date  # the first day the value covers, for comparisons
    sentence: int = -1


@dataclass
class PlaceMention:
    start: int
    end: int
    name: str
    kind: str
    admin1: str | None
    country: str | None  # None: a place the model names that the gazetteer does not know
    lat: float | None
    lon: float | None
    preposition: str | None
    sentence: int = -1
    district: str | None = None


@dataclass
class SectorMention:
    start: int
    end: int
    sector: str
    sentence: int = -1


@dataclass
class Trigger:
    kind: str
    start: int
    end: int
    weight: float
    sentence: int
    hedged: bool = False
    attendance: bool = False  # names who attended an event told elsewhere ("was attended by")
    needs_future_date: bool = False  # an event noun that is a plan only when a later date follows
    min_parties: int | None = None  # overrides the kind's minimum ("an agreement was signed" names none)
    future_only: bool = False  # a bare verb ("visit") that names an event only as a plan ("will visit")


@dataclass
class Annotated:
    """A document under extraction; every offset is into `doc.text`."""

    doc: Document
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    sectors: list[SectorMention] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    dateline_place: PlaceMention | None = None
    home_country: str | None = None
    principal_countries: list[str] = field(default_factory=list)
    anchor_date: DateMention | None = None
    plover_codes: dict = field(default_factory=dict)  # sentence index → PloverCode, None: coded, no code
    parses: dict = field(default_factory=dict)  # sentence index → syntax.Parsed, for event sentences
    events: list = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)
    _by_sentence: dict = field(default_factory=dict, repr=False)
    _lower: str | None = field(default=None, repr=False)
    phrase_starts: dict | None = field(default=None, repr=False)  # lexicon → its first words found (anchors.py)
    # What the pipeline shares with every document (pipeline.Shared): the phrase index, the
    # statistical model. Handed in, never imported by a stage.
    shared: Any = field(default=None, repr=False)
    # The document as stored, when `doc` is its clean view (documents/clean.py): quotes cite it.
    stored: Document | None = field(default=None, repr=False)
    cleaned: Cleaned | None = field(default=None, repr=False)

    @property
    def index(self) -> Any:
        return self.shared.index

    def quote(self, start: int, end: int) -> tuple[str, int, int]:
        """A span of the text read, as the stored text's words and offsets."""
        if self.cleaned is None or self.stored is None:
            return self.doc.text[start:end], start, end
        first, last = self.cleaned.span(start, end)
        return self.stored.text[first:last], first, last

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def lower(self) -> str:
        """The text lower-cased with every offset kept (a few letters grow when lower-cased)."""
        if self._lower is None:
            lowered = self.doc.text.lower()
            if len(lowered) != len(self.doc.text):
                lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.doc.text)
            self._lower = lowered
        return self._lower

    def lower_of(self, sentence: Sentence) -> str:
        """A sentence lower-cased for patterns compiled lower-cased (lexicons.lowered): they
        match it where the case-blind pattern matches the sentence."""
        lower = self.lower[sentence.start : sentence.end]
        return lower if lower.isascii() else lower.translate(_CASE_BLIND)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding a character offset (-1 before the first)."""
        if len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        return bisect.bisect_right(self._starts, offset) - 1

    def event_sentences(self) -> set[int]:
        """The sentences holding a trigger: the only ones whose dates, places and sectors an
        event takes, so the stages after the triggers read no others (about half of an article)."""
        return {t.sentence for t in self.triggers}

    def matches_in(self, regex: re.Pattern, indexes: Iterable[int], lowered: bool = False) -> Iterator[re.Match]:
        """The matches of a regex over the text (or the lower-cased text) in the given sentences,
        scanning only them. A sentence owns the text up to the next one (a dateline between them
        is the earlier one's, as `sentence_of` has it); no match runs on into a sentence not
        given (a name broken by a wrongly split sentence is not read across the break)."""
        text = self.lower if lowered else self.text
        for start, end in self.ranges(indexes):
            yield from regex.finditer(text, start, end)

    def ranges(self, indexes: Iterable[int]) -> list[tuple[int, int]]:
        """Text ranges of sentences, consecutive ones merged (see matches_in)."""
        ranges: list[tuple[int, int]] = []
        for i in sorted(indexes):
            start = self.sentences[i].start
            end = self.sentences[i + 1].start if i + 1 < len(self.sentences) else len(self.text)
            if ranges and ranges[-1][1] == start:
                ranges[-1] = (ranges[-1][0], end)
            else:
                ranges.append((start, end))
        return ranges

    def in_sentence(self, mentions: list, index: int) -> list:
        """The mentions of a list that lie in one sentence (the list grouped once, then looked up)."""
        key = (id(mentions), len(mentions))
        groups = self._by_sentence.get(key)
        if groups is None:
            groups = {}
            for m in mentions:
                groups.setdefault(m.sentence, []).append(m)
            self._by_sentence[key] = groups
        return groups.get(index, [])
