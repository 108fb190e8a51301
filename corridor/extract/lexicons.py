"""Loading the gazetteers and lexicons under extract/data/ once, into the shapes stages use."""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


def load_yaml(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(line for line in fh if not line.startswith("#"))]


def as_listed(matched: str) -> str:
    """A phrase as a lexicon lists it: the patterns of `alternation` match a space in a phrase
    with any run of whitespace ("Azad Jammu and\n Kashmir"), so a match is looked up with single
    spaces."""
    return " ".join(matched.split())


def split_multi(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def alternation(phrases, not_after: str | None = None) -> str:
    """A regex matching any of the literal phrases, the longest where several match.

    The phrases are folded into a trie ("Dera(?:\\s+Ismail\\s+Khan|\\s+Ghazi\\s+Khan)?"), which
    the regex engine rejects at the first character that no phrase continues with: a plain
    alternation of a thousand names costs a thousand tries at every position of the text.
    A space in a phrase matches any run of whitespace.

    `not_after`, a character class ("[\\w-]"), keeps a phrase from starting right after such a
    character. The test is made after the phrase's first character, by a look-behind over both:
    a pattern that starts with a look-behind is tried at every position of the text, while one
    that starts with a literal lets the engine skip to the characters a phrase can start with."""
    trie: dict = {}
    for phrase in set(phrases):
        if not phrase:
            continue
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    if not trie:
        return "(?!)"
    if not_after is None:
        return _trie_regex(trie)
    branches = [_char(char) + _not_after(not_after, char) + _trie_regex(child) for char, child in sorted(trie.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def first_word(pattern: str) -> tuple[str, bool]:
    """The word a match of a (lower-case) pattern starts with, as written in it, and whether it
    is only a stem of it: "data cent(er|re)s?" starts with the word "data", "tech(nology)? …" and
    "telecom\\w*" with words that start with "tech" and "telecom", "semiconductors?" with
    "semiconductor…". A pattern that starts with no letter or digit has none (ValueError)."""
    m = _LITERAL_START.match(pattern)
    if not m:
        raise ValueError(f"a pattern that starts with no word: {pattern!r}")
    word, after = m.group("word"), m.group("after")
    if after[:1] in ("?", "*", "{"):
        return word[:-1], True  # its last letter is optional
    if after[:1] in ("(", "[", "\\", ".", "|") or after[1:2] in ("?", "*", "{"):
        return word, True  # it goes on in a group, a class, or after an optional character
    return word, False


def alternatives(pattern: str) -> list[str]:
    """A pattern's top-level alternatives ("a|b(c|d)" → "a", "b(c|d)"); a character class is not read
    into (the lexicons split so write no bar or bracket in one)."""
    found, depth, begin = [], 0, 0
    for m in _ESCAPES.finditer(pattern):  # an escape ("\\|", "\\(") is one part, never split
        for i in range(m.start(), m.end()) if not m.group().startswith("\\") else ():
            depth += {"(": 1, ")": -1}.get(pattern[i], 0)
            if pattern[i] == "|" and depth == 0:
                found.append(pattern[begin:i])
                begin = i + 1
    return [*found, pattern[begin:]]


# A pattern's leading letters and digits, and the two characters after them.
_LITERAL_START = re.compile(r"(?P<word>[a-z0-9]+)(?P<after>.{0,2})", re.S)


def initials(phrases, both_cases: bool = False) -> str:
    """The characters the phrases start with, escaped for a character class.

    A pattern that the engine tries at every position of a text and that opens with an
    optional article, a look-behind or a group of alternatives spends a few steps at each
    position; opened by a look-ahead for its possible first characters ("(?=[Tt…])") it spends
    one at most of them."""
    chars = {phrase[0] for phrase in phrases if phrase}
    if both_cases:
        chars |= {c.lower() for c in chars} | {c.upper() for c in chars}
    return "".join(re.escape(c) for c in sorted(chars))


def word_trie(words: Iterable[tuple[str, bool]]) -> str:
    """One regex matching any of the words (or, where marked True, any word that starts with
    the stem) from a word start to its end, factored as a trie."""
    end, stem_end = "\x00", "\x01"
    trie: dict = {}
    for word, is_stem in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[stem_end if is_stem else end] = True

    def render(node: dict) -> str:
        alts = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char not in (end, stem_end)]
        if end in node:
            alts.append(r"(?!\w)")
        if stem_end in node:
            alts.append(r"\w*")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return render(trie) if trie else "(?!)"


def _not_after(char_class: str, first: str) -> str:
    return rf"(?<!{char_class}{_char(first)})"


def _trie_regex(node: dict) -> str:
    terminal = "" in node
    branches = [_char(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return f"(?:{body})?"  # greedy: the longer phrase is tried first
    return body


def _char(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


# Case-blind patterns are compiled lower-cased and run on lower-cased text: the regex engine
# compares letters case-blind slowly and cannot reject an alternative at its first letter then.


def lowered(pattern: str) -> str:
    """A case-blind pattern for lower-cased text (see Annotated.lower_of): lower-cased but for
    its escapes (\\S is not \\s). A pattern with inline flags or named groups cannot be."""
    if _INLINE_FLAGS.search(pattern):
        raise ValueError(f"a case-blind pattern with inline flags or named groups: {pattern!r}")
    return "".join(part if part.startswith("\\") else part.lower() for part in _ESCAPES.findall(pattern))


def lowerable(pattern: str) -> bool:
    """Whether `lowered` can rewrite the pattern."""
    return not _INLINE_FLAGS.search(pattern)


def without_groups(pattern: str) -> str:
    """A pattern's capturing groups made non-capturing ('(a|b)' → '(?:a|b)'): an alternative
    that opens with a group cannot be rejected at its first letter, and a pattern whose only
    group is an empty marker after each alternative tells by `lastgroup` which one matched.
    Brackets escaped or inside a character class are left alone."""
    return "".join("(?:" if part == "(" else part for part in _TOKENS.findall(pattern))


# What makes a pattern unfit to be lower-cased: inline flags or named groups.
_INLINE_FLAGS = re.compile(r"\(\?[^:=!<]")
# A regex source cut into escapes and the rest.
_ESCAPES = re.compile(r"\\.|[^\\]+", re.S)
# A regex source cut into escapes, character classes, groups' opening brackets and the rest.
_TOKENS = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?|\(|[^\\[(]+", re.S)


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...]  # the name and its aliases ("United States", "US", "America")
    adjectives: tuple[str, ...]  # demonyms and adjectives ("American", "Pakistani")


@cache
def countries() -> dict[str, Country]:
    table = {}
    for row in load_csv("countries.csv"):
        names = (row["name"], *split_multi(row.get("aliases")))
        adjectives = (*split_multi(row.get("demonyms")), *split_multi(row.get("adjectives")))
        table[row["iso3"]] = Country(row["iso3"], row["name"], tuple(dict.fromkeys(names)), tuple(dict.fromkeys(adjectives)))
    return table


@cache
def country_by_surface() -> dict[str, str]:
    """Every way of writing a country (name, alias, demonym, 's form) → ISO3."""
    table: dict[str, str] = {}
    for country in countries().values():
        for surface in (*country.names, *country.adjectives):
            table.setdefault(surface, country.iso3)
            if surface in country.names:
                table.setdefault(surface + "'s", country.iso3)
                table.setdefault(surface + "’s", country.iso3)
    return table


@cache
def titles() -> dict:
    return load_yaml("titles.yaml")


@cache
def lexicon() -> dict:
    return load_yaml("lexicon.yaml")


@cache
def kinds() -> dict:
    return load_yaml("kinds.yaml")


@cache
def sectors() -> dict:
    return load_yaml("sectors.yaml")["sectors"]


@cache
def register() -> dict:
    return load_yaml("actors.yaml")
