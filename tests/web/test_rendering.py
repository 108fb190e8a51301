"""Template helpers: marking words in untrusted text, labels, ids in URLs."""

import pytest

from corridor.web.rendering import country_name, label, marked, month_name, path_quote


@pytest.mark.parametrize(
    ("text", "marks", "html"),
    [
        ("copper deal", [[0, 6]], "<mark>copper</mark> deal"),
        ("a <b> c", [[2, 5]], "a <mark>&lt;b&gt;</mark> c"),
        ("abc", [[0, 1], [0, 2]], "<mark>a</mark>bc"),  # overlapping: the later one is skipped
        ("abc", [[2, 9]], "abc"),  # past the end: skipped
        ("x", None, "x"),
        (None, [], ""),
    ],
)
def test_rendering_marked(text, marks, html):
    assert str(marked(text, marks)) == html


@pytest.mark.parametrize(("fn", "value", "expected"), [
    (label, "investment_interest", "investment interest"), (country_name, "PAK", "Pakistan"),
    (country_name, "XYZ", "XYZ"), (country_name, None, ""), (month_name, "2026-03", "March 2026"),
    (path_quote, "person:Mohsin Naqvi/x", "person%3AMohsin%20Naqvi%2Fx"),
])
def test_rendering_helpers(fn, value, expected):
    assert fn(value) == expected
