"""The analyst's path through the app in a real Chromium: overview, filtered events, an event and its
quote, an actor, an upload and its events, search; keyboard use and a phone-sized screen."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import copy_to_docs, sign_in

pytestmark = pytest.mark.e2e

ARTICLE = ("title: Rahimi and Holloway agree on Thar coal gasification study\ndate: 2026-05-14\n\n"
           "KARACHI: Sindh Energy Minister Nasir Hussain Shah met US Consul General Scott Urbom in Karachi on "
           "Thursday. Both sides agreed to cooperate on a coal gasification study in the energy sector.")


def test_browser_overview(page):
    page.open("/")
    expect(page.tab.get_by_role("heading", name="The corridor at a glance")).to_be_visible()
    for name in ("By kind", "By sector", "Events per week", "Sector interest by month", "Coming up",
                 "Recent attacks", "Latest events"):
        expect(page.tab.get_by_role("heading", name=name)).to_be_visible()
    assert page.tab.locator("svg.chart").count() >= 4
    assert page.tab.locator("svg.heat rect").count() > 20
    copy_to_docs(page.shot("01-overview"), "overview.png")


def test_browser_filter_events_by_sector_and_date(page):
    page.open("/events")
    page.tab.get_by_label("Sector").select_option("mining")
    page.tab.get_by_label("From").fill("2026-01-01")
    page.tab.get_by_role("button", name="Filter").click()
    page.tab.wait_for_url(re.compile(r"sector=mining"))
    assert "from=2026-01-01" in page.tab.url
    rows = page.tab.locator("table.events tbody tr")
    assert rows.count() > 0
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert "mining" in cells.nth(4).inner_text()
        assert cells.nth(1).inner_text() >= "2026-01"
    page.shot("02-events-mining-2026")


def test_browser_event_quote_and_actor(page):
    page.open("/events?kind=meeting&q=Kazmi")
    page.tab.locator("table.events tbody tr td a").first.click()
    page.tab.wait_for_url(re.compile(r"/events/ev_"))
    quote = page.tab.locator("mark#quote-1")
    expect(quote).to_be_visible()
    assert "Kazmi" in quote.inner_text()
    assert page.tab.locator("svg.map .pt-mark").count() == 1
    page.shot("03-event")
    page.tab.locator("ul.participants a[href^='/actors/']").first.click()
    page.tab.wait_for_url(re.compile(r"/actors/"))
    expect(page.tab.get_by_role("heading", name="Titles held")).to_be_visible()
    expect(page.tab.get_by_role("heading", name="Meets most")).to_be_visible()
    assert page.tab.locator("svg.strip circle").count() >= 1
    page.shot("04-actor")


def test_browser_upload_and_see_events(page, tmp_path):
    article = tmp_path / "thar_gasification.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sign_in(page, next_path="/documents/upload")
    page.tab.get_by_label("Files").set_input_files([str(article), str(empty)])
    page.tab.get_by_role("button", name="Ingest").click()
    page.tab.wait_for_url(re.compile(r"/documents/upload/[0-9a-f]{16}$"))
    # htmx polls the job until it is done; the first upload also loads the extraction pipeline.
    expect(page.tab.locator("#job")).to_contain_text("Done:", timeout=120_000)
    expect(page.tab.locator("#job")).to_contain_text("[E102]")
    page.shot("05-upload-done")
    page.tab.locator(".jobdoc a[href^='/documents/']").first.click()
    page.tab.wait_for_url(re.compile(r"/documents/doc_"))
    marks = page.tab.locator(".doctext mark.q")
    assert marks.count() >= 1
    events = page.tab.locator("ol.docevents li")
    assert events.count() >= 1
    page.shot("06-uploaded-document")
    events.first.locator("a[href^='/events/']").first.click()
    expect(page.tab.locator("mark#quote-1")).to_be_visible()


def test_browser_search(page):
    page.open("/")
    box = page.tab.get_by_role("searchbox", name="Search")
    box.fill("copper joint venture")
    box.press("Enter")
    page.tab.wait_for_url(re.compile(r"/search\?q=copper"))
    hits = page.tab.locator("ol.hits li")
    assert hits.count() >= 1
    assert page.tab.locator("ol.hits mark").count() >= 2
    page.shot("07-search")
    page.open("/map?kind=attack")
    assert page.tab.locator("svg.map path.district").count() > 100
    assert page.tab.locator("svg.map circle.pt-attack").count() >= 3
    page.shot("08-map")


def test_browser_keyboard(page):
    page.open("/events")
    page.tab.keyboard.press("Tab")
    skip = page.tab.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    page.tab.keyboard.press("Enter")
    assert page.tab.evaluate("document.activeElement.id") == "main"
    # Every filter control and the button are reachable with Tab, each with a visible focus ring.
    seen = set()
    for _ in range(40):
        page.tab.keyboard.press("Tab")
        seen.add(page.tab.evaluate("document.activeElement.name || document.activeElement.textContent.trim()"))
        outline = page.tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", page.tab.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    assert {"kind", "plover", "sector", "from", "to", "q", "sort", "Filter"} <= seen


@pytest.mark.parametrize("path", ["/", "/events", "/map", "/search?q=copper", "/documents", "/actors",
                                  "/login"])
def test_browser_phone_width(phone, path):
    phone.open(path)
    overflow = phone.tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} is {overflow}px wider than the phone"
    if path in ("/", "/events", "/map"):
        phone.shot("phone-" + (path.strip("/").split("?")[0] or "overview"))


def test_browser_error_page(page):
    response = page.tab.goto(page.base + "/events/ev_nope")
    assert response.status == 404
    page.errors.remove("Failed to load resource: the server responded with a status of 404 (Not Found)")
    expect(page.tab.get_by_role("heading", name="Not found")).to_be_visible()
    page.shot("09-not-found")
