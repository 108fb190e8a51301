"""Attack details read from a report's words: casualties as reported, method, target, group."""

import pytest

from corridor.extract.details import (
    casualties,
    method,
    not_an_attack,
    operation,
    parsed_casualties,
    perpetrator,
    target,
)
from corridor.extract.statistical import load_model


def counts(found):
    return None if found is None else (found["killed"], found["injured"], found["hostages"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 10 persons were killed and 40 others injured in a bomb blast.", (10, 40, None)),
        ("Six people were killed and 19 wounded in the Quetta blast.", (6, 19, None)),
        ("A suicide bomber struck a police van, killing six people and injuring 19.", (6, 19, None)),
        ("Three soldiers were martyred while two terrorists were killed in the exchange of fire.", (3, None, None)),
        ("Two soldiers and a civilian were killed when militants attacked a post.", (3, None, None)),
        ("Gunmen shot dead a police officer guarding a polio team.", (1, None, None)),
        ("The blast left three dead and 12 injured.", (3, 12, None)),
        ("Militants abducted five labourers of a construction company.", (None, None, 5)),
        ("The explosion damaged the gate but did not cause any harm to the inmates.", (0, 0, None)),
        ("Militants blew up a transmission tower.", None),
        ("Two vehicles were damaged in the attack.", None),
    ],
)
def test_details_casualties_as_reported(text, expected):
    assert counts(casualties(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A marble trader, an activist of the party, was shot dead outside his shop.", {"killed": 1}),
        ("Seven police officials guarding polio workers were killed in two attacks.", {"killed": 7}),
        ("Unidentified assailants killed two policemen in Dera Murad Jamali.", {"killed": 2}),
        ("Two soldiers suffered injuries when their convoy was hit.", {"injured": 2}),
        ("A polio worker and supervisor was shot dead in his clinic.", {"killed": 1}),
    ],
)
def test_details_victims_read_from_the_parse(text, expected):
    assert parsed_casualties(load_model()(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A suicide bomber blew himself up near a checkpoint.", "suicide"),
        ("Assailants hurled a hand grenade at the police station.", "grenade"),
        ("A roadside bomb struck the convoy.", "ied"),
        ("Gunmen opened fire on the van.", "firing"),
        ("Militants fired rockets at the camp.", "rocket"),
        ("Militants abducted two engineers.", "abduction"),
        ("The school was torched overnight.", "arson"),
        ("The ministry condemned the incident.", None),
    ],
)
def test_details_method(text, expected):
    assert method(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militants attacked Chinese engineers working on a power project.", "project_staff"),
        ("Gunmen killed two policemen at a check post.", "security_forces"),
        ("A bomb exploded in a crowded market.", "civilians"),
        ("Militants blew up a gas pipeline.", "infrastructure"),
    ],
)
def test_details_target(text, expected):
    assert target(text) == expected


def test_details_perpetrator_and_claim():
    assert perpetrator("The banned TTP claimed responsibility for the attack.") == ("Tehreek-i-Taliban Pakistan", True)
    assert perpetrator("Officials blamed Fitna al-Hindustan for the bombing.") == ("Baloch Liberation Army", False)
    assert perpetrator("Gunmen opened fire on a bus.") == (None, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two people were killed when a roof collapsed after heavy rain.", True),
        ("A man died when a trailer hit a mini truck near Khanewal.", True),
        ("A man was shot dead over a land dispute.", True),
        ("Two people were killed when gunmen opened fire on a bus.", False),
        ("A bomb killed two people in a market as rain fell.", False),
    ],
)
def test_details_deaths_that_are_no_attack(text, expected):
    assert not_an_attack(text) is expected


def test_details_an_operation_against_militants_is_no_attack():
    text = "Security forces killed five terrorists in an intelligence-based operation."
    assert operation(text, casualties(text))
    text = "Two soldiers were martyred and three terrorists were killed in the exchange of fire."
    assert not operation(text, casualties(text))
