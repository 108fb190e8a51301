"""Countries and groups of a country are sought only where a country's name (or "the" before
one) starts; they must be what the patterns find scanning the whole text, on texts made to be
awkward (names inside names and words, "the" in odd places, punctuation, line breaks)."""

import random

import pytest

from corridor.extract import patterns
from corridor.extract.actors import _country_starts
from corridor.extract.anchors import matches_at

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
