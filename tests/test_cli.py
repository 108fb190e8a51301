"""The command line: each command through Typer's runner."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from corridor.cli import app

runner = CliRunner()
ARTICLE = ("title: Forum date set\ndate: 2026-01-20\n\nISLAMABAD: Commerce Minister Jam Kamal Khan met US "
           "Ambassador Mark Dalton on Monday. The US-Pakistan Trade and Investment Forum is scheduled for 31 March 2026.")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "corpus" / "forum.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE)
    return path


def test_cli_extract_prints_event_records(article):
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["kind"] for r in records} == {"meeting", "scheduled_event"}
    scheduled = next(r for r in records if r["kind"] == "scheduled_event")
    assert scheduled["date"] == "2026-03-31" and scheduled["sources"][0]["doc"] == "forum.txt"


def test_cli_extract_goes_on_past_a_document_the_extractor_fails_on(article, monkeypatch):
    from corridor.extract import pipeline

    (article.parent / "bad.txt").write_text("A text the extractor stumbles on.")
    real = pipeline.extract

    def flaky(doc):
        if doc.name == "bad.txt":
            raise KeyError("Azad Jammu and\xa0 Kashmir")
        return real(doc)

    monkeypatch.setattr(pipeline, "extract", flaky)
    result = runner.invoke(app, ["extract", str(article.parent)])
    assert result.exit_code == 1
    assert {json.loads(line)["kind"] for line in result.stdout.splitlines()} == {"meeting", "scheduled_event"}
    assert "[E199] bad.txt" in result.output and "KeyError" in result.output


def test_cli_extract_reads_a_compressed_archive(tmp_path):
    import gzip

    archive = tmp_path / "news.jsonl.gz"
    body = ARTICLE.split("\n\n", 1)[1]
    with gzip.open(archive, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"id": "a1", "text": body, "date": "2026-01-20"}) + "\n")
        out.write("{not json\n")
    result = runner.invoke(app, ["extract", str(archive)])
    assert result.exit_code == 1
    assert {json.loads(line)["sources"][0]["doc"] for line in result.stdout.splitlines()} == {"a1"}
    assert "[E107] news.jsonl.gz:2" in result.output


def test_cli_extract_table(article):
    result = runner.invoke(app, ["extract", str(article), "--format", "table"])
    assert result.exit_code == 0 and "scheduled_event" in result.stdout


def test_cli_ingest_events_export(article, tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert runner.invoke(app, ["ingest", str(article), "--database", url]).exit_code == 0
    again = runner.invoke(app, ["ingest", str(article), "--database", url])
    assert "documents added 0, already stored 1" in again.output
    listed = runner.invoke(app, ["events", "--kind", "meeting", "--format", "jsonl", "--database", url])
    assert [json.loads(line)["kind"] for line in listed.stdout.splitlines()] == ["meeting"]
    exported = runner.invoke(app, ["export", "events", "--format", "csv", "--database", url])
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert sorted(r["kind"] for r in rows) == ["meeting", "scheduled_event"]
    assert all(ARTICLE[int(r["start"]) : int(r["end"])] == r["quote"] for r in rows)


def test_cli_ingest_bad_batch_exits_non_zero(article, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)))
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe bad")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(app, ["ingest", str(tmp_path), "--database", url])
    assert result.exit_code == 1
    for code in ("E102", "E103", "E104"):
        assert code in result.output
    assert "documents added 1" in result.output


def test_cli_events_bad_filter(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner.invoke(app, ["db", "upgrade", "--database", url])
    result = runner.invoke(app, ["events", "--kind", "picnic", "--database", url])
    assert result.exit_code == 2 and "E304" in result.output


def test_cli_eval_scores_gold(tmp_path, article):
    gold = tmp_path / "gold" / "gold.jsonl"
    gold.parent.mkdir()
    gold.write_text(json.dumps({"doc": "forum.txt", "kind": "scheduled_event", "required": True, "participants": [],
                                "countries": [], "date": "2026-03-31", "place": None, "sectors": [],
                                "evidence": "scheduled for 31 March 2026"}) + "\n")
    result = runner.invoke(app, ["eval", str(gold), "--corpus", str(article.parent), "--json"])
    assert result.exit_code == 0, result.output
    score = json.loads(result.stdout)
    assert score["recall"] == 1.0 and score["precision"] == 0.5  # the meeting has no gold line


def test_cli_eval_malformed_gold(tmp_path, article):
    gold = tmp_path / "gold" / "gold.jsonl"
    gold.parent.mkdir()
    gold.write_text("{not json\n")
    result = runner.invoke(app, ["eval", str(gold), "--corpus", str(article.parent)])
    assert result.exit_code == 2 and "E201" in result.output
