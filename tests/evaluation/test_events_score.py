"""Scoring against gold: places by gazetteer spelling, attack details on found events."""

import pytest

from corridor.evaluation.events import Gold, same_place, score
from corridor.events.model import Event, Plover, Source


def _event(kind="attack", place=None, casualties=None, method=None, start=0, end=40):
    return Event(id="ev_1", kind=kind, plover=Plover("ASSAULT"), date=None, date_precision=None, place=place,
                 geo=None, participants=[], countries=["PAK"], sectors=[], summary="",
                 sources=[Source("d1", "x", start, end)], confidence=0.8, casualties=casualties,
                 attack={"method": method} if method else None)


def _gold(**fields):
    values = dict(doc="d1", kind="attack", required=True, participants=[], countries=[], date=None, place=None,
                  sectors=[], evidence="x", spans=[(10, 20)])
    values.update(fields)
    return Gold(**values)


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Bannu", "Bannu", True),
        ("Bannu", "Bannu district", True),
        ("Dera Ismail Khan", "D.I. Khan", True),
        ("Khyber Pakhtunkhwa", "Bannu", False),
        (None, "Bannu", False),
    ],
)
def test_score_places_agree_by_gazetteer_spelling(predicted, gold, same):
    assert same_place(predicted, gold) is same


def test_score_casualties_compare_only_what_the_gold_states():
    gold = [_gold(casualties={"killed": 3, "injured": None, "hostages": None}, method="ied")]
    right = score(gold, [_event(casualties={"killed": 3, "injured": 7, "hostages": None}, method="ied")])
    assert right.fields["casualties"] == 1.0 and right.fields["method"] == 1.0
    wrong = score(gold, [_event(casualties={"killed": 2}, method="firing")])
    assert wrong.fields["casualties"] == 0.0 and wrong.fields["method"] == 0.0
    assert wrong.recall == 1.0  # details are scored on found events, not required for finding them
