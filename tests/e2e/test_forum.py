"""The forum in a real Chromium: from the forum list to a participant's agenda and its calendar file."""

import re

import httpx
import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e


def test_forum_agenda_page_and_calendar(page):
    sign_in(page, next_path="/forum")
    page.tab.locator("main a[href^='/forum/']").first.click()
    page.tab.wait_for_url(re.compile(r"/forum/[^/]+$"))
    expect(page.tab.get_by_text("Fill rate")).to_be_visible()
    page.shot("20-forum-dashboard")
    page.open(page.tab.url.removeprefix(page.base) + "/participants")
    page.tab.locator("main table a[href*='/participants/']").first.click()
    page.tab.wait_for_url(re.compile(r"/participants/[^/]+$"))
    heading = page.tab.get_by_role("heading", name=re.compile(r"^Meetings \(\d+\)"))
    expect(heading).to_be_visible()
    assert int(re.search(r"\d+", heading.inner_text()).group()) > 0
    page.shot("21-forum-agenda")
    link = page.tab.get_by_role("link", name="Add to calendar (.ics)")
    cookies = {c["name"]: c["value"] for c in page.tab.context.cookies()}
    ics = httpx.get(page.base + link.get_attribute("href"), cookies=cookies, timeout=10)
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(ics.content).walk("VEVENT")]
    assert events and all(e.get("DTSTART").dt.tzinfo is not None for e in events)
