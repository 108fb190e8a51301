"""Hand-written articles that vary names, titles, date forms and word order: what the rules must
find in text they were not written against."""

from datetime import date

import pytest

from corridor.documents.model import Document
from corridor.extract.pipeline import extract

PUBLISHED = date(2026, 3, 5)  # a Thursday


def events_of(text: str, published: date | None = PUBLISHED):
    return extract(Document(name="t.txt", text=text, published=published))


def only(events, kind):
    found = [e for e in events if e.kind == kind]
    assert len(found) == 1, [(e.kind, e.summary) for e in events]
    return found[0]


def surnames(event):
    return {p.name.split()[-1] for p in event.participants if p.kind == "person"}


@pytest.mark.parametrize(
    ("text", "people", "countries", "day"),
    [
        ("Pakistan's Commerce Minister Jam Kamal Khan met US Trade Representative Jamieson Greer in Washington on Tuesday.",
         {"Khan", "Greer"}, {"PAK", "USA"}, "2026-03-03"),
        ("On 2 March 2026, Ellen Hartwell, the US deputy assistant secretary of commerce, held talks with Finance Minister "
         "Tariq Lodhi in Islamabad.", {"Hartwell", "Lodhi"}, {"PAK", "USA"}, "2026-03-02"),
        ("The talks between Energy Minister Sardar Kamran Aftab and US Energy Secretary Chris Wright were held yesterday.",
         {"Aftab", "Wright"}, {"PAK", "USA"}, "2026-03-04"),
        ("US Ambassador Mark Dalton called on Interior Minister Mohsin Naqvi in Islamabad on February 27, 2026.",
         {"Dalton", "Naqvi"}, {"PAK", "USA"}, "2026-02-27"),
    ],
)
def test_sentences_meetings(text, people, countries, day):
    meeting = only(events_of(text), "meeting")
    assert people <= surnames(meeting)
    assert countries <= set(meeting.countries)
    assert meeting.date == day
    start, end = meeting.sources[0].start, meeting.sources[0].end
    assert text[start:end] == meeting.sources[0].quote


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("The US-Pakistan Mining Summit is scheduled for 14 May 2026 in Karachi.", "2026-05-14", "day"),
        ("Officials said the investment conference will be held in Lahore in June 2026.", "2026-06", "month"),
        ("A delegation of American energy firms is due to visit Islamabad next month.", "2026-04", "month"),
        ("The Pakistan-US Business Forum will be held in Houston on the 3rd of June.", "2026-06-03", "day"),
    ],
)
def test_sentences_scheduled_dates(text, day, precision):
    event = only(events_of(text), "scheduled_event")
    assert (event.date, event.date_precision) == (day, precision)


def test_sentences_attack_per_place_and_condemnation():
    text = ("Separate bomb attacks in Bannu and Lakki Marwat killed four policemen on Monday. "
            "The US Embassy in Islamabad condemned the attacks.")
    events = events_of(text)
    attacks = sorted(e.place for e in events if e.kind == "attack")
    assert attacks == ["Bannu", "Lakki Marwat"]
    assert all(e.date == "2026-03-02" and e.countries == ["PAK"] for e in events if e.kind == "attack")
    condemnation = only(events, "condemnation")
    assert "USA" in condemnation.countries


def test_sentences_negation_gives_no_meeting_but_a_refusal():
    events = events_of("The two ministers did not meet in Washington, and no agreement was signed.")
    assert [(e.kind, e.plover.type) for e in events] == [("other", "REJECT")]


def test_sentences_neutral_text_gives_no_event():
    assert events_of("The rupee was steady against the dollar and the weather in Karachi stayed mild.") == []


def test_sentences_investment_with_amount_and_unknown_company():
    text = "Arcturus Lithium Corp., a Reno-based explorer, will invest $35 million in a lithium project in Chitral."
    event = only(events_of(text), "investment")
    assert event.amount == {"value": 35_000_000.0, "currency": "USD", "text": "$35 million"}
    assert event.place == "Chitral" and "mining" in event.sectors
    company = next(p for p in event.participants if p.kind == "organisation")
    assert company.org.startswith("Arcturus Lithium") and company.country == "USA"


def test_sentences_coreference_of_title_and_pronoun():
    text = ("Interior Minister Mohsin Naqvi met US charge d'affaires Natalie Baker. "
            "The interior minister assured American investors of full security. He also welcomed US investment in mining.")
    events = events_of(text)
    assert surnames(only(events, "assurance")) == {"Naqvi"}
    interest = only(events, "investment_interest")
    assert "Naqvi" in surnames(interest) and interest.sectors == ["mining"]


def test_sentences_mentions_of_one_event_merge():
    text = ("Minister Aurangzeb meets Secretary Lutnick.\n\n"
            "Finance Minister Muhammad Aurangzeb met US Commerce Secretary Howard Lutnick in Washington on Monday. "
            "During the meeting, the two sides discussed minerals.")
    meeting = only(events_of(text), "meeting")
    assert len(meeting.sources) == 3
    assert meeting.place == "Washington" and meeting.date == "2026-03-02"


def test_sentences_ids_are_stable():
    text = "Pakistan and the United States agreed to expand cooperation in energy."
    assert [e.id for e in events_of(text)] == [e.id for e in events_of(text)]
