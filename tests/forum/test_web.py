"""Forum pages and their JSON twins; forms that change requests; the .ics download."""

import pytest
from icalendar import Calendar


@pytest.fixture
def ids(client):
    fid = client.get("/api/forum").json()["forums"][0]["id"]
    people = client.get(f"/api/forum/{fid}/participants").json()["participants"]
    return fid, people[0]["id"]


PAGES = [
    ("/forum/{fid}", "/api/forum/{fid}", "Fill rate"),
    ("/forum/{fid}/participants", "/api/forum/{fid}/participants", "Participants"),
    ("/forum/{fid}/participants/{pid}", "/api/forum/{fid}/participants/{pid}", "Meetings"),
    ("/forum/{fid}/participants/{pid}/suggestions", "/api/forum/{fid}/participants/{pid}/suggestions",
     "People for"),
    ("/forum/{fid}/requests", "/api/forum/{fid}/requests", "Meeting requests"),
    ("/forum/{fid}/tables", "/api/forum/{fid}/tables", "Tables"),
    ("/forum/{fid}/tables/Room%20A", "/api/forum/{fid}/tables/Room%20A", "Table Room A"),
]


@pytest.mark.parametrize(("html", "api", "text"), PAGES)
def test_web_every_page_has_a_json_twin(client, ids, html, api, text):
    fid, pid = ids
    page = client.get(html.format(fid=fid, pid=pid))
    assert page.status_code == 200
    assert text in page.text
    assert "<script>" not in page.text and "onclick" not in page.text
    twin = client.get(api.format(fid=fid, pid=pid))
    assert twin.status_code == 200 and twin.json()["forum"]["id"] == fid


def test_web_forums_list(client):
    assert "US–Pakistan" in client.get("/forum").text
    assert client.get("/api/forum").json()["forums"][0]["participants"] == 60


@pytest.mark.parametrize("path", ["/forum/nope", "/api/forum/nope", "/api/forum/{fid}/participants/nope",
                                  "/forum/{fid}/participants/nope/agenda.ics"])
def test_web_unknown_things_are_404(client, ids, path):
    assert client.get(path.format(fid=ids[0])).status_code == 404


def test_web_agenda_ics_download_parses(client, ids):
    fid, pid = ids
    r = client.get(f"/forum/{fid}/participants/{pid}/agenda.ics")
    assert r.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(r.content)
    agenda = client.get(f"/api/forum/{fid}/participants/{pid}").json()
    assert len(cal.walk("VEVENT")) == len(agenda["meetings"])


def test_web_csv_export(client, ids):
    r = client.get(f"/forum/{ids[0]}/export/meetings.csv")
    assert r.status_code == 200 and r.text.startswith("request,start,end,table")


def test_web_request_life_cycle_through_the_api(client, ids):
    fid, _ = ids
    people = client.get(f"/api/forum/{fid}/participants").json()["participants"]
    body = {"requester": people[1]["id"], "target": people[-1]["id"], "priority": 3, "message": "Hi"}
    created = client.post(f"/api/forum/{fid}/requests", json=body)
    assert created.status_code == 201
    rid = created.json()["id"]
    edited = client.patch(f"/api/forum/{fid}/requests/{rid}", json={"message": "Hello", "status": "accepted"})
    assert edited.json()["status"] == "accepted" and edited.json()["message"] == "Hello"
    bad = client.patch(f"/api/forum/{fid}/requests/{rid}", json={"status": "held"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "E506"
    run = client.post(f"/api/forum/{fid}/schedule", json={"time_limit": 0.5})
    assert run.status_code == 200 and run.json()["run"]["value"] <= run.json()["run"]["bound"]


def test_web_forms_change_status_and_redirect_back(client, ids):
    fid, _ = ids
    pending = client.get(f"/api/forum/{fid}/requests?status=pending").json()["requests"][0]
    back = f"/forum/{fid}/requests?status=pending"
    r = client.post(f"/forum/{fid}/requests/{pending['id']}/status",
                    data={"status": "accepted", "back": back}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == back
    assert client.get(f"/api/forum/{fid}/requests?status=accepted").json()["requests"]
    evil = client.post(f"/forum/{fid}/requests/{pending['id']}/status",
                       data={"status": "cancelled", "back": "https://evil.example"},
                       follow_redirects=False)
    assert evil.headers["location"] == f"/forum/{fid}"


def test_web_schedule_form(client, ids):
    fid, _ = ids
    r = client.post(f"/forum/{fid}/schedule", data={"time_limit": "1"}, follow_redirects=False)
    assert r.status_code == 303


def test_web_edit_form_changes_a_pending_request_only(client, ids):
    fid, _ = ids
    pending = client.get(f"/api/forum/{fid}/requests?status=pending").json()["requests"][0]
    r = client.post(f"/forum/{fid}/requests/{pending['id']}/edit",
                    data={"priority": "5", "message": "Rescheduled pitch"}, follow_redirects=False)
    assert r.status_code == 303
    again = client.get(f"/api/forum/{fid}/requests?status=pending").json()["requests"]
    assert next(x for x in again if x["id"] == pending["id"])["priority"] == 5
    scheduled = client.get(f"/api/forum/{fid}/requests?status=scheduled").json()["requests"][0]
    refused = client.post(f"/forum/{fid}/requests/{scheduled['id']}/edit", data={"priority": "1"})
    assert refused.status_code == 400 and "E507" in refused.text


def test_web_workbook_export_imports_back_through_the_api(client, ids):
    fid, _ = ids
    xlsx = client.get(f"/forum/{fid}/export.xlsx")
    assert xlsx.status_code == 200
    again = client.post("/api/forum/import", files={"file": ("forum.xlsx", xlsx.content)})
    assert again.status_code == 200, again.text
    assert again.json() == {"forum": fid, "added": {}, "updated": {}}


def test_web_upload_form_adds_a_sheet(client, ids):
    fid, _ = ids
    csv = b"name,organisation,country,role,sectors\nNew Person,New Co,USA,investor,energy\n"
    r = client.post("/forum/import", files={"file": ("participants.csv", csv)},
                    data={"forum": fid}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/forum/{fid}"
    assert client.get(f"/api/forum/{fid}/participants?q=New Co").json()["participants"]
    bad = client.post("/api/forum/import", files={"file": ("notes.pdf", b"x")})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "E509"
