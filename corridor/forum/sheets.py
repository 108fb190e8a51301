"""Reading and writing the forum's sheets as CSV files or one Excel workbook.

A *book* is a mapping ``sheet name → rows`` (each row a dict of column → text). The importer
reads one, the exporter writes one; both sides agree on the sheet names and columns below.

Nothing written can run as a formula (corridor/spreadsheet.py): in CSV a cell starting with = + - @
tab or CR gets a leading apostrophe, which reading takes off again; in a workbook every cell is
written as text (never a formula), with Excel's own mark for text that looks like one.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from corridor.errors import Code, CorridorError
from corridor.spreadsheet import neutralise, restore

COLUMNS: dict[str, tuple[str, ...]] = {
    "forum": ("field", "value"),
    "sessions": ("kind", "name", "date", "start", "end"),
    "tables": ("name", "capacity"),
    "participants": (
        "id", "name", "organisation", "country", "role", "title", "email", "sectors",
        "offer", "seek", "availability", "max_meetings", "delegation",
    ),
    "requests": (
        "id", "requester", "requester_organisation", "target", "target_organisation",
        "priority", "message", "status", "reason",
    ),
    "meetings": ("request", "start", "end", "table"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "forum": ("field", "value"),
    "sessions": ("kind", "start", "end"),
    "tables": ("name", "capacity"),
    "participants": ("name", "organisation"),
    "requests": ("requester", "target"),
    "meetings": ("request", "start", "table"),
}

Book = dict[str, list[dict[str, str]]]


def read_book(path: Path) -> Book:
    """Sheets from a folder of CSV files, one CSV file (named after its sheet) or a workbook."""
    try:
        return _read_book(path)
    except (UnicodeDecodeError, csv.Error, zipfile.BadZipFile, InvalidFileException, OSError,
            KeyError, ValueError) as exc:
        raise CorridorError(Code.E514, str(path), name=path.name, detail=_first_line(exc)) from None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _read_book(path: Path) -> Book:
    if path.is_dir():
        book = {}
        for csv_path in sorted(path.glob("*.csv")):
            name = csv_path.stem.lower()
            if name in COLUMNS:
                book[name] = _read_csv(csv_path.read_text(encoding="utf-8-sig"), name)
        return book
    suffix = path.suffix.lower()
    if not path.exists():
        raise CorridorError(Code.E509, str(path), name=path.name)
    if suffix == ".csv":
        name = path.stem.lower()
        if name not in COLUMNS:
            raise CorridorError(Code.E509, str(path), name=path.name)
        return {name: _read_csv(path.read_text(encoding="utf-8-sig"), name)}
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise CorridorError(Code.E509, str(path), name=path.name)


def _check_columns(sheet: str, columns: list[str]) -> None:
    for col in REQUIRED[sheet]:
        if col not in columns:
            raise CorridorError(Code.E510, column=col, sheet=sheet)


def _read_csv(text: str, sheet: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    _check_columns(sheet, columns)
    rows = []
    for raw in reader:
        rows.append({c: restore((v or "").strip()) for c, v in zip(columns, raw.values(), strict=False) if c})
    return rows


def _read_xlsx(path: Path) -> Book:
    wb = load_workbook(path, read_only=True, data_only=True)
    book = {}
    try:
        for ws in wb.worksheets:
            name = ws.title.strip().lower()
            if name not in COLUMNS:
                continue
            rows = ws.iter_rows(values_only=True)
            header = next(rows, None) or ()
            columns = [str(c).strip().lower() if c is not None else "" for c in header]
            _check_columns(name, columns)
            book[name] = [
                {c: _cell(v) for c, v in zip(columns, row, strict=False) if c}
                for row in rows
                if any(v is not None and str(v).strip() for v in row)
            ]
    finally:
        wb.close()
    return book


def _cell(value) -> str:
    """Excel cells as the text a CSV would hold (dates and times in ISO form)."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:5] if len(text) == 8 and text[2] == ":" else text.replace("T00:00:00", "")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def write_csv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({c: neutralise(row.get(c, "")) for c in columns} for row in rows)
    return out.getvalue()


def append_row(ws, values) -> None:
    """A row of a worksheet, every value a plain value or text, never a formula."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=column)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
            if neutralise(value) != value:
                cell.quotePrefix = True  # Excel's "this is text" mark, as a leading apostrophe typed there


def write_book(book: Book, path: Path) -> list[Path]:
    """Write a folder of CSV files, or a workbook when ``path`` ends in .xlsx."""
    if path.suffix.lower() == ".xlsx":
        wb = Workbook()
        wb.remove(wb.active)
        for name, rows in book.items():
            columns = COLUMNS[name]
            ws = wb.create_sheet(name[:31])
            append_row(ws, list(columns))
            for row in rows:
                append_row(ws, [row.get(c, "") for c in columns])
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
        return [path]
    path.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in book.items():
        target = path / f"{name}.csv"
        target.write_text(write_csv(rows, COLUMNS[name]), encoding="utf-8")
        written.append(target)
    return written
