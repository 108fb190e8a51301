"""The map of Pakistan: bundled province and district outlines, projected and drawn as SVG paths.

The outlines are static/geo/pakistan.geojson (sources and licences in static/geo/SOURCES.md, built by
tools/build_geo.py). The projection is equirectangular with longitudes shrunk by the cosine of the
middle latitude: at this size and latitude it looks right, and it needs no library. Everything here
returns numbers and names; templates/_map.html draws them (so every name is escaped there)."""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

GEOJSON = Path(__file__).parent / "static" / "geo" / "pakistan.geojson"
PAD = 8  # pixels around the outline
# Province labels on the map; Islamabad's territory is too small to label.
LABEL_AT = {"Khyber Pakhtunkhwa": (71.3, 35.25)}  # clear of Azad Kashmir's label
SHORT_NAMES = {"Azad Jammu and Kashmir": "AJK", "Islamabad Capital Territory": "", "Gilgit-Baltistan": "Gilgit-Baltistan",
               "Khyber Pakhtunkhwa": "Khyber Pakhtunkhwa"}


@dataclass(frozen=True)
class Projection:
    lon0: float
    lat0: float
    lon1: float
    lat1: float
    width: int

    @property
    def shrink(self) -> float:
        return math.cos(math.radians((self.lat0 + self.lat1) / 2))

    @property
    def scale(self) -> float:
        return (self.width - 2 * PAD) / ((self.lon1 - self.lon0) * self.shrink)

    @property
    def height(self) -> int:
        return int(round((self.lat1 - self.lat0) * self.scale + 2 * PAD))

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (round(PAD + (lon - self.lon0) * self.shrink * self.scale, 1),
                round(PAD + (self.lat1 - lat) * self.scale, 1))

    def contains(self, lon: float, lat: float) -> bool:
        return self.lon0 <= lon <= self.lon1 and self.lat0 <= lat <= self.lat1


@lru_cache(maxsize=1)
def features() -> list[dict[str, Any]]:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]


@lru_cache(maxsize=1)
def bounds() -> tuple[float, float, float, float]:
    points = [p for f in features() for poly in f["geometry"]["coordinates"] for ring in poly for p in ring]
    return (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points),
            max(p[1] for p in points))


def projection(width: int) -> Projection:
    lon0, lat0, lon1, lat1 = bounds()
    return Projection(lon0, lat0, lon1, lat1, width)


def _path(polygons, project: Projection) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = [project(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
    return "".join(parts)


@lru_cache(maxsize=8)
def base_layers(width: int) -> dict[str, Any]:
    """Province and district outlines as SVG paths, and where to write province names."""
    project = projection(width)
    layers: dict[str, list] = {"province": [], "district": []}
    for f in features():
        props = f["properties"]
        x, y = project(*LABEL_AT.get(props["name"], props["label"]))
        layers[props["level"]].append({"name": props["name"], "province": props["province"],
                                       "short": SHORT_NAMES.get(props["name"], props["name"]),
                                       "d": _path(f["geometry"]["coordinates"], project), "x": x, "y": y})
    return {"width": width, "height": project.height, **layers}


def _inside(ring: list, lon: float, lat: float) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


@lru_cache(maxsize=4096)
def locate(lon: float, lat: float) -> tuple[str, str] | None:
    """(district, province) holding the point, or None outside the map."""
    for f in features():
        if f["properties"]["level"] != "district":
            continue
        for polygon in f["geometry"]["coordinates"]:
            if _inside(polygon[0], lon, lat) and not any(_inside(h, lon, lat) for h in polygon[1:]):
                return f["properties"]["name"], f["properties"]["province"]
    return None


def radius(count: int) -> float:
    return round(min(3 + 2.2 * math.sqrt(count), 22), 1)


def level(count: int, top: int, levels: int = 5) -> int:
    """0 for none, then 1..levels: the count itself while the largest is small, else a logarithmic scale."""
    if count <= 0 or top <= 0:
        return 0
    if top <= levels:
        return min(count, levels)
    return max(1, min(levels, math.ceil(levels * math.log1p(count) / math.log1p(top))))


def event_map(places: list[dict[str, Any]], width: int = 760) -> dict[str, Any]:
    """Places with their event and attack counts, as map points; districts shaded by attacks."""
    project = projection(width)
    points, elsewhere = [], []
    by_district: dict[str, dict[str, int]] = {}
    for place in places:
        spot = locate(place["lon"], place["lat"]) if project.contains(place["lon"], place["lat"]) else None
        if spot is None:
            elsewhere.append(place)
            continue
        district, province = spot
        # A province named as the place says nothing about the district: draw it, count it for none.
        regional = place["name"] == place.get("admin1")
        if not regional:
            counts = by_district.setdefault(district, {"events": 0, "attacks": 0, "province": province})
            counts["events"] += place["events"]
            counts["attacks"] += place["attacks"]
        x, y = project(place["lon"], place["lat"])
        points.append({**place, "x": x, "y": y, "r": radius(place["events"]), "regional": regional,
                       "district": None if regional else district, "province": province})
    points.sort(key=lambda p: -p["r"])  # small circles drawn last, on top
    top = max((c["attacks"] for c in by_district.values()), default=0)
    shading = {name: level(c["attacks"], top) for name, c in by_district.items()}
    elsewhere.sort(key=lambda p: (-p["events"], p["name"]))
    return {"base": base_layers(width), "points": points, "shading": shading, "districts": by_district,
            "elsewhere": elsewhere}


def small_map(geo: dict[str, Any], place: str | None, kind: str, width: int = 320) -> dict[str, Any] | None:
    """The map with one place marked, for an event page; None when the place is off the map."""
    project = projection(width)
    if not project.contains(geo["lon"], geo["lat"]):
        return None
    spot = locate(geo["lon"], geo["lat"])
    x, y = project(geo["lon"], geo["lat"])
    return {"base": base_layers(width), "x": x, "y": y, "place": place, "attack": kind == "attack",
            "district": spot[0] if spot else None, "province": spot[1] if spot else geo.get("admin1")}
