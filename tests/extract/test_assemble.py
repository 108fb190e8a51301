"""Assembly: which mentions of one document are one event, and where an event happened."""

from datetime import date

import pytest

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


def _events(text, published=date(2025, 6, 10)):
    return extract(Document(name="t.txt", text=text, published=published))


def _kinds(text):
    return sorted(e.kind if e.kind != "other" else f"other {e.plover.type}" for e in _events(text))


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Finance Minister Muhammad Aurangzeb met US Commerce Secretary Howard Lutnick in Washington on Monday.",
         ["meeting"]),
        ("Finance Minister Muhammad Aurangzeb is expected to meet US Commerce Secretary Howard Lutnick in Washington.",
         ["scheduled_event"]),
        ("US envoy Paul Kapur will visit Islamabad next week for talks with Foreign Minister Ishaq Dar.",
         ["scheduled_event"]),
        # the report of a meeting is denied: the denial is the event
        ("The Foreign Office denied reports that Ishaq Dar met the Indian envoy in Dubai.", ["other REJECT"]),
        ("Officials said the militants did not attack the convoy.", []),
        ("Two people were killed when a roof collapsed after heavy rain in Swat.", []),
        ("Traders in Peshawar protested against the new sales tax.", ["other PROTEST"]),
        ("The court sentenced two militants to death.", ["other COERCE"]),
        ("Officials said the militants did not attack the convoy.", []),
        # the forces' operation is no attack on them, and a political act all the same
        ("Security forces killed five terrorists in an intelligence-based operation in Bannu.", ["other ASSAULT"]),
    ],
)
def test_assemble_what_the_parse_says_of_an_act(text, kinds):
    assert _kinds(text) == kinds


def test_assemble_an_attack_placed_by_its_paragraph_with_its_details():
    text = ("Militants threw a grenade into a house in Kech district on Monday, police said. "
            "The grenade attack wounded three women.\n\n"
            "The chief minister condemned the attack.")
    attacks = [e for e in _events(text) if e.kind == "attack"]
    assert len(attacks) == 1
    attack = attacks[0]
    assert attack.place == "Kech"
    assert attack.casualties["injured"] == 3
    assert attack.attack["method"] == "grenade"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A bomb exploded in Khyber Pakhtunkhwa's Lakki Marwat district on Monday, killing two policemen.",
         "Lakki Marwat"),
        ("A vehicle was hit by a roadside bomb in Karachi's Landhi area on Monday, wounding two engineers.", "Landhi"),
        ("The US Embassy in Islamabad condemned the bombing in Quetta that killed six people.", "Quetta"),
    ],
)
def test_assemble_the_finest_place_stated(text, place):
    assert [e.place for e in _events(text) if e.kind == "attack"] == [place]


def test_assemble_two_attacks_in_one_report_stay_two():
    text = ("Gunmen killed two policemen in Bannu on Monday. "
            "In a separate incident, a roadside bomb wounded three soldiers in North Waziristan on Tuesday.")
    attacks = sorted((e.place, e.date) for e in _events(text) if e.kind == "attack")
    assert attacks == [("Bannu", "2025-06-09"), ("North Waziristan", "2025-06-10")]
