"""Countries and groups of a country are sought only where a country's name (or "the" before
one) starts; they must be what the patterns find scanning the whole text, on texts made to be
awkward (names inside names and words, "the" in odd places, punctuation, line breaks)."""

import random

import pytest

from corridor.documents.model import Document
from corridor.extract import patterns
from corridor.extract.actors import _country_starts, _org_starts, actors
from corridor.extract.anchors import matches_at
from corridor.extract.pipeline import default
from corridor.extract.sentences import sentences

WORDS = ["US", "U.S.", "United States", "States", "America", "American", "Americans", "Pakistan", "Pakistan's",
         "Pakistani", "Egypt", "Arab Republic of Egypt", "the Netherlands", "Netherlands", "India", "Indian",
         "the", "The", "THE", "officials", "delegation", "private sector", "investors", "said", "breathe", "-",
         "(", ")", ",", ".", "“", "\n", "  ", "USD", "Usman", "Other"]


def awkward_text(rng: random.Random) -> str:
    pieces = [rng.choice(WORDS) for _ in range(rng.randint(1, 25))]
    return "".join(piece + rng.choice(["", " ", " ", " ", "\n", "-", ","]) for piece in pieces)


@pytest.mark.parametrize("pattern", [patterns.country_mention, patterns.group_mention], ids=lambda p: p.__name__)
def test_sought_where_countries_start_as_in_the_whole_text(pattern):
    rng = random.Random(pattern.__name__)
    regex = pattern()
    found = 0
    for _ in range(3000):
        text = awkward_text(rng)
        start = rng.randint(0, min(4, len(text)))
        want = [(m.span(), m.groupdict()) for m in regex.finditer(text, start)]
        got = [(m.span(), m.groupdict()) for m in matches_at(regex, text, _country_starts(text, start))]
        assert got == want, text
        found += len(want)
    assert found > 500


def test_an_organisations_name_does_not_run_over_a_blank_line():
    """A headline ending in capitalised words and a body opening with a company's name are two
    paragraphs, not one name ('Khunjerab Pass\\n\\nClearwater Mining')."""
    text = "US firm eyes copper near Khunjerab Pass\n\nClearwater Mining will invest $40 million in Gilgit-Baltistan."
    ann = actors(sentences(default().start(Document(name="t.txt", text=text))))
    orgs = [(text[m.start:m.end], m.org) for m in ann.actors if m.kind == "organisation"]
    assert orgs == [("Clearwater Mining", "Clearwater Mining")]


ORG_WORDS = ["Ministry", "ministry", "of", "for", "the", "Finance", "finance", "Interior", "interior", "Board", "Investment",
             "Federal", "State", "Bank", "Ridgeline", "Copper", "Minerals", "Inc", "Inc.", "Ltd", "Co.", "Energy", "energy",
             "Group", "US", "Pakistan", "Pakistani", "(Karakoram", "X-Ray", "AT&T", "Resources", "Department", "Commerce",
             "said", "Gas", "Oil", "division", "Embassy", "Securities", "Exchange", "Commission", "and", ",", "“", "\n\n"]


def test_organisations_sought_where_their_names_may_start_as_in_the_whole_text():
    rng = random.Random("orgs")
    regex = patterns.org_generic()
    found = 0
    for _ in range(2000):
        pieces = [rng.choice(ORG_WORDS) for _ in range(rng.randint(1, 20))]
        text = "".join(p + rng.choice([" ", " ", " ", "  ", "\n", ""]) for p in pieces)
        ann = default().start(Document(name="t.txt", text=text, body_start=rng.randint(0, min(3, len(text)))))
        start, text = ann.doc.body_start, ann.text  # the text as the stages read it
        want = [m.span() for m in regex.finditer(text, start)]
        got = [m.span() for m in matches_at(regex, text, _org_starts(ann, _country_starts(text, start)))]
        assert got == want, text
        found += len(want)
    assert found > 2000, found
