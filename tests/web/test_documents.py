"""Documents: the list, a document with its events marked in the text (overlaps included), errors."""

import re

import pytest

from corridor.web.views.documents import segments


def _spans(*triples):
    return [{"start": s, "end": e, "n": n, "event_id": f"ev_{n}", "kind": "meeting"} for s, e, n in triples]


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("abcdef", [], [("abcdef", 0, [], [])]),
        ("abcdef", _spans((1, 3, 1)), [("a", 0, [], []), ("bc", 1, [1], [1]), ("def", 0, [], [])]),
        # two quotes overlapping: the shared part is marked twice, each number follows its own end
        ("abcdef", _spans((0, 4, 1), (2, 6, 2)),
         [("ab", 1, [1], []), ("cd", 2, [1, 2], [1]), ("ef", 1, [2], [2])]),
        # one quote inside another
        ("abcdef", _spans((0, 6, 1), (2, 3, 2)),
         [("ab", 1, [1], []), ("c", 2, [1, 2], [2]), ("def", 1, [1], [1])]),
        # the same quote for two events
        ("abc", _spans((0, 3, 1), (0, 3, 2)), [("abc", 2, [1, 2], [1, 2])]),
        # offsets past the end are clipped; empty quotes mark nothing
        ("abc", _spans((1, 99, 1), (2, 2, 2)), [("a", 0, [], []), ("b", 1, [1], []), ("c", 1, [1], [])]),
    ],
)
def test_documents_segments(text, spans, expected):
    got = segments(text, spans)
    assert "".join(s["text"] for s in got) == text
    assert [(s["text"], s["depth"], s["events"], [e["n"] for e in s["ends"]]) for s in got] == expected


def test_documents_list_and_twin(demo_client):
    page = demo_client.get("/documents")
    assert page.status_code == 200 and "Upload documents or a feed" in page.text
    data = demo_client.get("/api/documents", params={"q": "copper", "sort": "name"}).json()
    assert data["total"] >= 2 and all("copper" in (d["title"] + d["name"]).lower() for d in data["documents"])
    assert [d["name"] for d in data["documents"]] == sorted(d["name"] for d in data["documents"])
    assert all(d["events"] >= 0 and d["chars"] > 0 for d in data["documents"])


def test_documents_page_marks_every_quote_and_links_its_event(demo_client):
    doc = demo_client.get("/api/documents", params={"q": "bannu"}).json()["documents"][0]
    data = demo_client.get(f"/api/documents/{doc['id']}").json()
    assert data["spans"] and data["events"]
    text = data["document"]["text"]
    for span in data["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(text)
    page = demo_client.get(f"/documents/{doc['id']}").text
    assert page.count('<mark class="q') >= len({(s["start"], s["end"]) for s in data["spans"]})
    for event in data["events"]:
        assert f'href="/events/{event["id"]}"' in page
    # The page shows the whole text: strip the tags and compare.
    body = re.search(r'<div class="doctext reading">(.*?)</div>', page, re.S).group(1)
    shown = re.sub(r'<a class="qref"[^>]*>\d+</a>', "", body)
    shown = re.sub(r"<[^>]+>", "", shown)
    assert shown.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&").replace("&lt;", "<").replace(
        "&gt;", ">") == text


@pytest.mark.parametrize("path", ["/documents/doc_nope", "/api/documents/doc_nope"])
def test_documents_unknown_is_404(demo_client, path):
    response = demo_client.get(path)
    assert response.status_code == 404 and "E303" in response.text
