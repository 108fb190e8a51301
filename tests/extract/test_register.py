"""Actor resolution: the dated register, spelling variants, and unknown actors kept with a guess."""

from datetime import date

import pytest

from corridor.documents.model import Document
from corridor.extract.pipeline import extract
from corridor.extract.register import find_person, role_on


def participants(text: str, published: date):
    events = extract(Document(name="t.txt", text=text, published=published))
    return [p for e in events for p in e.participants]


@pytest.mark.parametrize(
    ("written", "actor_id"),
    [("Muhammad Aurangzeb", "pak-muhammad-aurangzeb"), ("Aurangzaib", "pak-muhammad-aurangzeb"),
     ("Mohsin Naqvi", "pak-mohsin-naqvi"), ("Howard Lutnik", "usa-howard-lutnick")],
)
def test_register_spelling_variants(written, actor_id):
    entry = find_person(written)
    assert entry is not None and entry["id"] == actor_id


@pytest.mark.parametrize(("when", "title"), [(date(2023, 1, 10), "Finance Minister"), (date(2025, 5, 1), "Foreign Minister")])
def test_register_title_by_document_date(when, title):
    assert role_on(find_person("Ishaq Dar"), when)["title"] == title
    [dar] = [p for p in participants("Ishaq Dar met US Ambassador Mark Dalton in Islamabad.", when) if p.name == "Ishaq Dar"]
    assert dar.title == title and dar.actor_id == "pak-ishaq-dar"


def test_register_unknown_actors_kept_with_raw_text_and_guesses():
    text = ("Ridgeline Minerals Inc., a Reno-based explorer, will invest $120 million in Chagai. "
            "Provincial Minister for Mines Sardar Ghulam Lehri welcomed the company's interest in copper.")
    found = participants(text, date(2026, 3, 5))
    company = next(p for p in found if p.kind == "organisation")
    assert (company.org, company.country, company.sector, company.actor_id) == ("Ridgeline Minerals Inc.", "USA", "mining", None)
    minister = next(p for p in found if p.kind == "person")
    assert (minister.name, minister.country, minister.sector) == ("Ghulam Lehri", "PAK", "mining")
