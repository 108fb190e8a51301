"""Evaluation corpora: folders, archives of records with ids, and SATP summaries."""

import json

import pytest

from corridor.errors import CorridorError
from corridor.evaluation.corpora import digest, load_corpus


def test_corpora_archive_records_are_named_by_their_id_and_listed_ones_kept(tmp_path):
    archive = tmp_path / "news.jsonl"
    records = [{"id": f"a{i}", "text": f"Text {i}.", "date": "2025-03-0{i}"} for i in (1, 2, 3)]
    archive.write_text("\n".join(json.dumps(r) for r in records))
    listed = tmp_path / "part.docs.txt"
    listed.write_text("a3\na1\n")
    assert [d.name for d in load_corpus(archive, listed)] == ["a3", "a1"]
    assert len(load_corpus(archive)) == 3


def test_corpora_a_listed_document_missing_from_the_corpus_is_an_error(tmp_path):
    archive = tmp_path / "news.jsonl"
    archive.write_text(json.dumps({"id": "a1", "text": "Text."}))
    listed = tmp_path / "part.docs.txt"
    listed.write_text("a1\nzz\n")
    with pytest.raises(CorridorError, match="zz"):
        load_corpus(archive, listed)


def test_corpora_satp_summaries_are_one_document_a_line(tmp_path):
    (tmp_path / "train.tsv").write_text("Gunmen killed two in Quetta.\t0\t1\t0\t0\n\nA blast hit Bannu.\t1\t0\t0\t0\n")
    (tmp_path / "dev.tsv").write_text("Militants attacked a post.\t0\t0\t1\t0\n")
    docs = {d.name: d.text for d in load_corpus(tmp_path)}
    assert docs == {"satp-train-1": "Gunmen killed two in Quetta.", "satp-train-3": "A blast hit Bannu.",
                    "satp-dev-1": "Militants attacked a post."}


def test_corpora_digest_changes_with_a_text(tmp_path):
    archive = tmp_path / "news.jsonl"
    archive.write_text(json.dumps({"id": "a1", "text": "Text."}))
    before = digest(load_corpus(archive))
    archive.write_text(json.dumps({"id": "a1", "text": "Text!"}))
    assert digest(load_corpus(archive)) != before
