"""Browser tests: Debian's Chromium driven by Playwright, against uvicorn serving the demo corpus.

Playwright downloads no browser here: it launches /usr/bin/chromium (`make test` installs the
package). Without it the tests skip locally and fail in CI."""

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from corridor.demo.load import load_demo

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).parent / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.is_file():
        message = f"{CHROMIUM} is missing: install Debian's chromium package (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@contextmanager
def serving(folder: Path):
    """uvicorn on 127.0.0.1 and a free port, serving a store loaded with the demo corpus, forum and
    accounts; stopped when the block ends."""
    url = f"sqlite:///{folder / 'demo.db'}"
    report = load_demo(url)  # the demo articles and the demo forum, scheduled; the demo accounts
    assert not report.errors, report.errors
    port = _free_port()
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "corridor.web.app:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, "CORRIDOR_DATABASE_URL": url}, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError((folder / "server.log").read_text())
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def server(chromium, tmp_path_factory) -> str:
    with serving(tmp_path_factory.mktemp("e2e")) as base:
        yield base


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=ARGS)
        yield browser
        browser.close()


class Page:
    """A browser tab on the server that fails the test on any console error (CSP violations included)."""

    def __init__(self, tab, base: str) -> None:
        self.tab, self.base, self.errors = tab, base, []
        tab.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: self.errors.append(str(e)))
        tab.set_default_timeout(15_000)

    def open(self, path: str):
        response = self.tab.goto(self.base + path)
        assert response.status < 400, (path, response.status)
        return response

    def shot(self, name: str, full_page: bool = True) -> Path:
        SHOTS.mkdir(exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.tab.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    tab = Page(context.new_page(), server)
    yield tab
    context.close()
    assert not tab.errors, tab.errors


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    tab = Page(context.new_page(), server)
    yield tab
    context.close()
    assert not tab.errors, tab.errors


def copy_to_docs(shot: Path, name: str) -> None:
    """Refresh a screenshot of the docs, when asked to (CORRIDOR_DOC_SCREENSHOTS=1): a test run
    leaves the working tree as it found it."""
    if not os.environ.get("CORRIDOR_DOC_SCREENSHOTS"):
        return
    target = ROOT / "docs" / "screenshots" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, target)


def sign_in(page: Page, email: str = "editor@demo.example", next_path: str = "/") -> None:
    """Sign in through the sign-in page as one of the demo accounts (corridor/demo/load.py)."""
    from corridor.demo.load import DEMO_PASSWORD

    page.open(f"/login?next={next_path}")
    page.tab.get_by_label("E-mail address").fill(email)
    page.tab.get_by_label("Password").fill(DEMO_PASSWORD)
    page.tab.get_by_role("button", name="Sign in").click()
    page.tab.wait_for_url(page.base + next_path)
