"""Assembly: which mentions of one document are one event, and where an event happened."""

from datetime import date

from corridor.documents.model import Document
from corridor.extract.pipeline import extract

ARTICLE = (
    "PESHAWAR: A suicide bomber attacked a police checkpoint in Bannu on Tuesday, killing four "
    "officers, police said.\n\n"
    "Khyber Pakhtunkhwa Chief Minister Amjad Khan Tarakai condemned the attack on Tuesday.\n\n"
    "The US Consulate in Peshawar also denounced the bombing.\n"
)


def test_statements_by_different_speakers_are_separate_events():
    events = extract(Document(name="t.txt", text=ARTICLE, published=date(2026, 3, 4)))
    condemnations = [e for e in events if e.kind == "condemnation"]
    speakers = [{p.name or p.org for p in e.participants} for e in condemnations]
    assert len(condemnations) == 2, speakers
    assert not speakers[0] & speakers[1]


def test_a_place_inside_an_organisations_name_is_not_where_it_happened():
    events = extract(Document(name="t.txt", text=ARTICLE, published=date(2026, 3, 4)))
    consulate = next(e for e in events if e.kind == "condemnation" and "denounced" in e.sources[0].quote)
    assert consulate.place != "Peshawar"


def test_assemble_quotes_of_scraped_text_cite_the_stored_text():
    text = ("ISLAMABAD, Jan 1 (APP):Federal Minister for Maritime Affairs Qaiser Ahmed Sheikh on Wednesday met\u00a0 "
            "US Ambassador Donald Blome in Azad Jammu and\u00a0 Kashmir.She said Pakistan welcomed US investment.")
    events = extract(Document(name="app.txt", text=text, published=date(2025, 1, 1)))
    meeting = next(e for e in events if e.kind == "meeting")
    assert meeting.place == "Azad Jammu and Kashmir"
    assert {p.name for p in meeting.participants} >= {"Qaiser Ahmed Sheikh", "Donald Blome"}
    for event in events:
        for source in event.sources:
            assert source.quote == text[source.start : source.end]
