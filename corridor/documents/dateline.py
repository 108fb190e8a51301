"""A publication date found in an article's opening words ("ISLAMABAD, March 3, 2026 —")."""

import re
from datetime import date

import dateparser

# Only the opening of an article is a dateline; later dates are about events, not publication.
DATELINE_CHARS = 300
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_FULL_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b"
)


def dateline_date(text: str) -> date | None:
    match = _FULL_DATE.search(text[:DATELINE_CHARS])
    if not match:
        return None
    parsed = dateparser.parse(match.group(), languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None
