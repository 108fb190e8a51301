"""The map: the bundled outlines, locating places in districts, the map page and its twin."""

import json

import pytest

from corridor.web import geo


def test_map_geojson_has_provinces_and_districts():
    levels = {}
    for f in geo.features():
        levels.setdefault(f["properties"]["level"], []).append(f["properties"]["name"])
    assert set(levels["province"]) == {"Punjab", "Sindh", "Khyber Pakhtunkhwa", "Balochistan", "Gilgit-Baltistan",
                                       "Azad Jammu and Kashmir", "Islamabad Capital Territory"}
    assert len(levels["district"]) > 100
    lon0, lat0, lon1, lat1 = geo.bounds()
    assert 60 < lon0 < 62 and 76 < lon1 < 78 and 23 < lat0 < 25 and 36 < lat1 < 38


def test_map_sources_are_documented():
    sources = (geo.GEOJSON.parent / "SOURCES.md").read_text(encoding="utf-8")
    assert "Natural Earth" in sources and "public domain" in sources.lower()
    assert json.loads(geo.GEOJSON.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


@pytest.mark.parametrize(
    ("place", "lon", "lat", "district", "province"),
    [
        ("Quetta", 67.0014, 30.1841, "Quetta", "Balochistan"),
        ("Lahore", 74.3507, 31.558, "Lahore", "Punjab"),
        ("Karachi", 67.0104, 24.8608, "Karachi", "Sindh"),
        ("Peshawar", 71.5785, 34.008, "Peshawar", "Khyber Pakhtunkhwa"),
        ("Gwadar", 62.3254, 25.1216, "Gwadar", "Balochistan"),
        ("Islamabad", 73.0433, 33.7215, "Islamabad", "Islamabad Capital Territory"),
        ("Gilgit", 74.31, 35.92, "Gilgit", "Gilgit-Baltistan"),
    ],
)
def test_map_locate_cities(place, lon, lat, district, province):
    assert geo.locate(lon, lat) == (district, province), place


@pytest.mark.parametrize(("lon", "lat"), [(-77.03, 38.9), (66.0, 22.0), (80.0, 30.0)])
def test_map_locate_outside(lon, lat):
    assert geo.locate(lon, lat) is None


def test_map_projection_keeps_the_outline_inside_the_picture():
    project = geo.projection(700)
    lon0, lat0, lon1, lat1 = geo.bounds()
    for lon, lat in ((lon0, lat0), (lon1, lat1)):
        x, y = project(lon, lat)
        assert 0 <= x <= 700 and 0 <= y <= project.height


def test_map_event_map_counts_by_district_and_keeps_others_apart():
    places = [
        {"id": "PAK:Quetta", "name": "Quetta", "admin1": "Balochistan", "country": "PAK", "lat": 30.18, "lon": 67.0,
         "events": 4, "attacks": 3},
        {"id": "PAK:Balochistan", "name": "Balochistan", "admin1": "Balochistan", "country": "PAK", "lat": 28.5,
         "lon": 65.5, "events": 2, "attacks": 1},
        {"id": "USA:Houston", "name": "Houston", "admin1": "Texas", "country": "USA", "lat": 29.76, "lon": -95.36,
         "events": 1, "attacks": 0},
    ]
    drawn = geo.event_map(places)
    assert drawn["districts"] == {"Quetta": {"events": 4, "attacks": 3, "province": "Balochistan"}}
    assert [p["name"] for p in drawn["elsewhere"]] == ["Houston"]
    regional = next(p for p in drawn["points"] if p["name"] == "Balochistan")
    assert regional["regional"] and regional["district"] is None
    assert drawn["shading"] == {"Quetta": 3}


def test_map_page_and_twin(demo_client):
    page = demo_client.get("/map", params={"kind": "attack"})
    assert page.status_code == 200
    assert page.text.count('class="district') > 100 and 'class="province"' in page.text
    assert "pt pt-attack" in page.text
    data = demo_client.get("/api/map", params={"kind": "attack"}).json()
    assert data["attacks"] == data["events"] > 0
    assert all(d["attacks"] > 0 for d in data["districts"])
    assert {"Quetta"} <= {p["name"] for p in data["places"]}


def test_map_small_map_for_an_event():
    small = geo.small_map({"lat": 30.18, "lon": 67.0, "admin1": "Balochistan", "country": "PAK"}, "Quetta", "attack")
    assert small["district"] == "Quetta" and small["attack"] and small["base"]["width"] == 320
    assert geo.small_map({"lat": 38.9, "lon": -77.0, "admin1": None, "country": "USA"}, "Washington", "meeting") is None
