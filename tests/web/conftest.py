"""Web fixtures: the demo corpus ingested once per run, copied for each test that wants it."""

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from corridor.store.batch import ingest
from corridor.store.db import get_engine
from corridor.web.app import create_app

DEMO = Path(__file__).resolve().parents[2] / "corridor" / "demo" / "corpus"
# An illustrative article with markup in it: every piece must reach the browser as text.
HOSTILE = (
    "title: Convoy <script>alert('title')</script> hit near Quetta\n"
    "date: 2026-03-03\n\n"
    "QUETTA: A bomb attack on a convoy in Quetta killed two people on Tuesday, police said "
    "<script>alert(1)</script> <img src=x onerror=alert(2)> \"><svg onload=alert(3)> "
    "<a href=\"javascript:alert(4)\">details</a> ' onmouseover='alert(5)\n\n"
    "Interior Minister Mohsin Naqvi condemned the attack <iframe src=//evil.example></iframe> in Quetta."
)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo corpus and the hostile article in an SQLite file, ingested once per test run."""
    folder = tmp_path_factory.mktemp("demo")
    inputs = folder / "inputs"
    shutil.copytree(DEMO, inputs)
    (inputs / "zz_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    path = folder / "demo.db"
    url = f"sqlite:///{path}"
    report = ingest([inputs], url)
    assert not report.errors, report.errors
    get_engine(url).dispose()
    return path


@pytest.fixture
def demo_url(demo_template, tmp_path) -> str:
    """A private copy of the demo store, so a test may write to it."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    url = f"sqlite:///{path}"
    yield url
    get_engine(url).dispose()


@pytest.fixture
def demo_client(demo_url):
    with TestClient(create_app(demo_url)) as client:
        yield client


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db(request, tmp_path_factory) -> str:
    """A migrated, empty database shared by one test module: an SQLite file, then a PostgreSQL schema."""
    from tests.conftest import migrated_database

    with migrated_database(request.param, tmp_path_factory.mktemp("db")) as url:
        yield url


SAMPLE = ("004_ridgeline_chagai_copper.txt", "006_bannu_lakki_police_posts.txt", "007_forum_date_set.html",
          "011_dfc_jhimpir_wind.txt", "014_petroleum_wire.jsonl", "021_minerals_energy_feed.xml")


@pytest.fixture(scope="module")
def sample_store(module_db, tmp_path_factory):
    """Six demo documents of every format, in SQLite and then in PostgreSQL."""
    folder = tmp_path_factory.mktemp("sample")
    for name in SAMPLE:
        shutil.copy(DEMO / name, folder / name)
    assert not ingest([folder], module_db).errors
    return module_db


@pytest.fixture(autouse=True)
def _jobs_folder(tmp_path, monkeypatch):
    """Upload jobs of a test keep their files under the test's own folder."""
    from corridor.web import jobs

    monkeypatch.setattr(jobs, "JOBS", tmp_path / "jobs")


@pytest.fixture
def editor_client(demo_url):
    """The web app as an editor of the organisation "desk", through an API token (write scope)."""
    from tests.conftest import bearer, make_user

    token = make_user(demo_url, "editor@desk.example", "desk", "editor")
    with TestClient(create_app(demo_url), headers=bearer(token)) as client:
        yield client
