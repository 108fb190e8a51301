"""A clean view of an article's text for extraction, with a map back to the text as stored.

Scraped news carries what readers never see: no-break and zero-width spaces, soft hyphens inside
names ("Bar\\xadghouti"), runs of spaces, a literal "\\n" where a line break was meant, a full
stop with no space after it ("minister.She"), advertising and video-player script left in the
text, and a page's header before its body. Extraction reads the clean view; every quote it
cites is mapped back, so offsets always point into the stored text, which is never changed.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# Characters that separate words but are not a plain space, and those that are nothing at all.
_SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000\t"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# A page's header (title, byline, caption, player controls) ends here, near the text's start.
_PAGE_HEADER_CHARS = 2500

_EDITS = re.compile(
    "|".join(
        [
            # a page header before the article's first words
            rf"(?P<header>\A[\s\S]{{0,{_PAGE_HEADER_CHARS}}}?JOIN OUR WHATSAPP CHANNEL[ {_SPACES}]*\n*)",
            # script of advertising slots and video players, and the player's dialog labels
            r"(?P<script>\(adsbygoogle\s*=\s*window\.adsbygoogle\s*\|\|\s*\[\]\)\.push\(\{\}\);?"
            r"|^[ \t]*Video Player is loading\.[^\n]*\n?"
            r"|(?:Beginning of dialog window\. Escape will cancel and close the window\.|End of dialog window\."
            r"|This is a modal window\.)[ \t]*\n?)",
            # a line break written as the two characters backslash and n
            r"(?P<newline>\\n)",
            # soft hyphens: inside words, never seen
            r"(?P<soft>\u00ad+)",
            # a run of spaces, odd spaces and invisible characters
            rf"(?P<space>[ {_SPACES}{_INVISIBLE}]*[{_SPACES}{_INVISIBLE}][ {_SPACES}{_INVISIBLE}]*|  +)",
            # a sentence's end with no space before the next ("minister.She"), a dateline's colon
            # with none ("(APP):Federal")
            r"(?P<gap>(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[A-Z]\):)(?=[A-Z\u201c\u2018\x22]))",
        ]
    ),
    re.MULTILINE,
)


@dataclass
class OffsetMap:
    """Pieces of the clean text and where they come from in the stored text. A piece is copied
    (as long as its source) or written in place of its source (a space for a run of them)."""

    clean_starts: list[int] = field(default_factory=list)
    clean_lengths: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)

    def add(self, clean_start: int, clean_length: int, start: int, length: int) -> None:
        if clean_length:
            self.clean_starts.append(clean_start)
            self.clean_lengths.append(clean_length)
            self.starts.append(start)
            self.lengths.append(length)

    def start(self, at: int) -> int:
        """Where the clean text's character `at` starts in the stored text."""
        k = max(bisect_right(self.clean_starts, at) - 1, 0)
        if not self.clean_starts:
            return 0
        if self.clean_lengths[k] == self.lengths[k]:
            return self.starts[k] + min(at - self.clean_starts[k], self.lengths[k])
        return self.starts[k]

    def end(self, at: int) -> int:
        """Where a span of the clean text ending before `at` ends in the stored text."""
        if at <= 0 or not self.clean_starts:
            return self.start(0)
        k = bisect_right(self.clean_starts, at - 1) - 1
        if self.clean_lengths[k] == self.lengths[k]:
            return self.starts[k] + min(at - self.clean_starts[k], self.lengths[k])
        return self.starts[k] + self.lengths[k]


@dataclass
class Cleaned:
    text: str
    offsets: OffsetMap

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the clean text as a span of the stored text."""
        return self.offsets.start(start), self.offsets.end(end)


def clean(text: str, start: int = 0) -> Cleaned:
    """The clean view of `text` from `start` on (what comes before, a metadata header, is kept as
    written)."""
    out: list[str] = [text[:start]]
    offsets = OffsetMap()
    offsets.add(0, start, 0, start)
    size = start
    copied = start
    for m in _EDITS.finditer(text, start):
        if m.start() > copied:
            out.append(text[copied : m.start()])
            offsets.add(size, m.start() - copied, copied, m.start() - copied)
            size += m.start() - copied
        written = _written(m)
        if written:
            out.append(written)
            offsets.add(size, len(written), m.start(), m.end() - m.start())
            size += len(written)
        copied = m.end()
    if copied < len(text):
        out.append(text[copied:])
        offsets.add(size, len(text) - copied, copied, len(text) - copied)
    return Cleaned("".join(out), offsets)


def _written(m: re.Match) -> str:
    kind = m.lastgroup
    if kind == "newline":
        return "\n"
    if kind == "space":
        return "" if all(c in _INVISIBLE for c in m.group()) else " "
    if kind == "gap":
        return " "
    return ""  # header, script, soft hyphens
