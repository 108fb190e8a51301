"""Stage 6: sectors, from the word lists of data/sectors.yaml."""

import re
from functools import cache

from corridor.extract.annotations import Annotated, SectorMention
from corridor.extract.lexicons import sectors as sector_lexicon
from corridor.extract.pipeline import stage


@stage("sectors", requires=("sentences",), assigns=("sectors",))
def sectors(ann: Annotated) -> Annotated:
    for m in _regex().finditer(ann.text, ann.doc.body_start):
        ann.sectors.append(SectorMention(m.start(), m.end(), m.lastgroup, ann.sentence_of(m.start())))
    return ann


def guess_sector(*texts: str | None) -> str | None:
    """The first sector named in an actor's title or name ("Minister for Petroleum" → energy)."""
    for text in texts:
        if text:
            m = _regex().search(text)
            if m:
                return m.lastgroup
    return None


@cache
def _regex() -> re.Pattern:
    """One pass over the text: a named group per sector (lower-case words, exact-case acronyms)."""
    groups = []
    for sector, entry in sector_lexicon().items():
        loose = "|".join(entry.get("words", []))
        exact = "|".join(re.escape(w) for w in entry.get("exact_case", []))
        parts = [f"(?i:{loose})" if not entry.get("lower_case_only") else loose] if loose else []
        parts += [exact] if exact else []
        groups.append(rf"(?P<{sector}>(?:{'|'.join(parts)})(?![\w-]))")
    # One look-behind for all groups: positions inside a word are rejected before any group runs.
    return re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})")
