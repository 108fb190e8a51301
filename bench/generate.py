"""A seeded generator of news-like documents on the Pakistan–US corridor, for the extraction bench.

Each document is built from its own random stream (seed and index), so document i is the same
whatever N is and whichever process builds it. A document has a theme (a ministerial meeting, an
investment, a scheduled forum, an agreement, an attack, or plain economy news) that gives its
headline and lead sentence; 5 to 25 sentences follow in paragraphs of one to three, mixing event
sentences of related kinds (interest in sectors, MoUs, assurances, condemnations, future forums)
with filler (markets, the rupee, inflation, weather, background). People are fictional and keep
their titles through the document (later sentences use the surname or "the minister"); places
come from Corridor's gazetteer (corridor/extract/data/places.csv); dates are written as "on
Tuesday", "31 March 2026", "March 31, 2026", "next month", "yesterday" and so on, consistent with
the publication date. About 40% of the documents open with a "title:/date:" header, others with a
headline and often a dateline ("ISLAMABAD:", "KARACHI, March 3 (APP):").

    python bench/generate.py --docs 10000 --seed 7 --out /tmp/corpus   # writes bench_00000.txt ...
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corridor.documents.model import Document  # noqa: E402
from corridor.documents.text import read_text  # noqa: E402

DEFAULT_DOCS = 10_000
DEFAULT_SEED = 2026
PLACES_CSV = ROOT / "corridor" / "extract" / "data" / "places.csv"

FIRST_DAY = date(2025, 1, 6)  # publication dates fall in 2025 and 2026
SPAN_DAYS = 700

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

# ---------------------------------------------------------------------------------------------
# People, bodies and companies (fictional people; real offices and bodies)

PK_FIRST = [
    "Farhan", "Saima", "Tariq", "Nadia", "Bilal", "Ayesha", "Kamran", "Rabia", "Usman", "Hina", "Zubair",
    "Sana", "Adnan", "Mehwish", "Junaid", "Fauzia", "Shahid", "Amna", "Waqas", "Sadia", "Haris", "Bushra",
    "Asad", "Nida", "Faisal", "Samina", "Irfan", "Uzma", "Khurram", "Rukhsana", "Salman", "Tahira",
]  # fmt: skip
PK_LAST = [
    "Qureshi", "Malik", "Chaudhry", "Siddiqui", "Abbasi", "Jadoon", "Bhatti", "Durrani", "Khattak", "Memon",
    "Soomro", "Rana", "Gillani", "Niazi", "Mirza", "Tarar", "Awan", "Afridi", "Laghari", "Kazmi", "Paracha",
    "Shirazi", "Hashmi", "Lodhi", "Khokhar", "Wattoo", "Dogar", "Mengal", "Bugti", "Yousafzai",
]  # fmt: skip
US_FIRST = [
    "Daniel", "Laura", "Michael", "Rebecca", "Thomas", "Karen", "Gregory", "Megan", "Brian", "Allison", "Kevin",
    "Heather", "Patrick", "Julia", "Scott", "Natalie", "Douglas", "Caroline", "Russell", "Diane", "Trevor",
]  # fmt: skip
US_LAST = [
    "Whitfield", "Harrington", "Caldwell", "Donovan", "Pritchard", "Ellison", "Mercer", "Thornton", "Garrison",
    "Holbrook", "Ashford", "Kessler", "Langley", "Sheridan", "Winslow", "Brennan", "Calloway", "Fairbanks",
    "Redding", "Stanwick", "Olmstead", "Vickery",
]  # fmt: skip

# (title as written before a name, short back-reference, gender-neutral sector hint)
PK_TITLES = [
    ("Finance Minister", "the finance minister"),
    ("Federal Minister for Finance", "the finance minister"),
    ("Interior Minister", "the interior minister"),
    ("Commerce Minister", "the commerce minister"),
    ("Federal Minister for Planning and Development", "the planning minister"),
    ("Minister of State for Information Technology", "the state minister"),
    ("Petroleum Minister", "the petroleum minister"),
    ("Minister for Maritime Affairs", "the minister"),
    ("Foreign Minister", "the foreign minister"),
    ("Minister for Board of Investment", "the minister"),
    ("Special Assistant to the Prime Minister on Investment", "the special assistant"),
    ("Board of Investment Secretary", "the secretary"),
    ("Federal Secretary for Commerce", "the secretary"),
    ("Ambassador", "the ambassador"),
    ("Chief Secretary", "the chief secretary"),
]
PK_PROVINCIAL = [
    ("Punjab Chief Minister", "the chief minister"),
    ("Sindh Chief Minister", "the chief minister"),
    ("Khyber Pakhtunkhwa Chief Minister", "the chief minister"),
    ("Balochistan Chief Minister", "the chief minister"),
    ("Punjab Governor", "the governor"),
]
US_TITLES = [
    ("US Secretary of Commerce", "the secretary"),
    ("US Deputy Secretary of State", "the deputy secretary"),
    ("US Assistant Secretary of State for South and Central Asian Affairs", "the assistant secretary"),
    ("Deputy Assistant Secretary of State", "the American official"),
    ("US Ambassador", "the ambassador"),
    ("US Charge d'Affaires", "the envoy"),
    ("US Consul General in Karachi", "the consul general"),
    ("US Consul General in Lahore", "the consul general"),
    ("Deputy US Trade Representative", "the trade official"),
    ("US Senator", "the senator"),
    ("Congresswoman", "the congresswoman"),
    ("US Special Envoy", "the special envoy"),
]
PK_BODIES = [
    "the Board of Investment", "the Special Investment Facilitation Council", "the Ministry of Finance",
    "the Ministry of Commerce", "the Ministry of Foreign Affairs", "the Federation of Pakistan Chambers of Commerce and Industry",
    "the Overseas Investors Chamber of Commerce and Industry", "the Ministry of Energy", "the Planning Commission",
]  # fmt: skip
US_BODIES = [
    "the US Chamber of Commerce", "the US Department of Commerce", "the State Department",
    "the American Business Council", "the US-Pakistan Business Council", "the US Embassy in Islamabad",
    "the US International Development Finance Corporation", "the Export-Import Bank of the United States",
]  # fmt: skip
CO_FIRST = [
    "Blue Ridge", "Crescent", "Northgate", "Harbor Point", "Sierra", "Meridian", "Silver Creek", "Granite Peak",
    "Lakeshore", "Red Mesa", "Ironwood", "Summit Line", "Clearwater", "Pinecrest", "Keystone", "Bayfront",
]  # fmt: skip
CO_LAST = {
    "it": ["Data Systems", "Cloud Services", "Software", "Digital", "Networks"],
    "mining": ["Minerals", "Mining", "Resources", "Metals"],
    "energy": ["Energy", "Power", "Petroleum", "Renewables", "Gas"],
    "agriculture": ["Agritech", "Farms", "Seeds", "Foods"],
    "infrastructure": ["Logistics", "Construction", "Infrastructure Partners"],
    "manufacturing": ["Industries", "Manufacturing", "Textiles"],
    "finance": ["Capital", "Financial", "Holdings"],
    "health": ["Health Partners", "Pharmaceuticals", "Medical"],
}
PK_CO_FIRST = ["Indus", "Ravi", "Karakoram", "Margalla", "Chenab", "Sutlej", "Makran", "Potohar", "Thar", "Kohistan"]

# Phrases naming each sector (lower case, as they appear mid-sentence).
SECTOR_WORDS = {
    "it": ["information technology", "IT", "software exports", "telecom", "digital services", "data centres",
           "artificial intelligence", "fintech", "cloud services"],
    "mining": ["mining", "minerals", "critical minerals", "copper and gold mining", "lithium exploration", "mineral resources"],
    "energy": ["energy", "oil and gas exploration", "renewable energy", "solar power", "LNG", "power generation",
               "hydropower", "offshore drilling"],
    "agriculture": ["agriculture", "livestock", "dairy", "cotton", "food processing", "irrigation"],
    "infrastructure": ["infrastructure", "ports", "railways", "motorways", "logistics", "housing"],
    "manufacturing": ["manufacturing", "textiles", "pharmaceuticals", "automobile assembly"],
    "finance": ["banking", "capital markets", "insurance", "microfinance"],
    "health": ["health care", "hospitals", "vaccines"],
    "education": ["education", "vocational training", "scholarships"],
    "trade": ["trade", "exports", "market access"],
}  # fmt: skip
# Words for a sector before "sector", "project", "industry".
SECTOR_ADJ = {
    "it": ["IT", "information technology", "telecom", "software", "digital"],
    "mining": ["mining", "minerals", "copper mining"],
    "energy": ["energy", "oil and gas", "power", "renewable energy", "solar"],
    "agriculture": ["agriculture", "dairy", "agribusiness"],
    "infrastructure": ["infrastructure", "logistics", "port"],
    "manufacturing": ["manufacturing", "textile", "automobile"],
    "finance": ["banking", "financial", "insurance"],
    "health": ["health", "pharmaceutical", "health care"],
}
INVEST_SECTORS = ["it", "mining", "energy", "agriculture", "infrastructure", "manufacturing", "finance", "health"]

FORUMS = [
    "Pakistan-US Trade and Investment Forum", "US-Pakistan Business Summit", "Pakistan Minerals Investment Forum",
    "Pakistan Digital Expo", "Corridor Energy Dialogue", "Pakistan-US Economic Dialogue", "Agri-Tech Investment Conference",
    "Pakistan Infrastructure Roadshow", "US-Pakistan Health Partnership Forum", "Karachi Investment Conference",
]  # fmt: skip
FORUM_NOUNS = ["forum", "summit", "conference", "roadshow", "dialogue", "expo", "trade mission"]

DOCUMENT_KINDS = ["memorandum of understanding", "MoU", "framework agreement", "letter of intent", "agreement",
                  "term sheet", "cooperation agreement", "joint venture agreement"]  # fmt: skip

ATTACKERS = ["unidentified gunmen", "militants", "armed assailants", "a suicide bomber", "terrorists",
             "motorcycle-borne attackers", "a group of armed men"]  # fmt: skip
TARGETS = ["a police checkpost", "a security forces convoy", "a passenger bus", "a polio vaccination team",
           "a market", "a mosque", "a government office", "a mobile phone tower", "a gas pipeline",
           "a railway track", "a levies post", "a construction camp"]  # fmt: skip
WEAPONS = ["an improvised explosive device", "a roadside bomb", "a hand grenade", "rocket fire", "small arms fire"]


def _places() -> dict[str, list[tuple[str, int]]]:
    """Gazetteer names by use, with weights (population, or 1 when the gazetteer has none)."""
    pools: dict[str, list[tuple[str, int]]] = {
        "pk_city": [], "pk_attack": [], "us_city": [], "pk_province": [], "site": [], "us_state": [],
    }  # fmt: skip
    with PLACES_CSV.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name, kind, country, admin1 = row["name"], row["kind"], row["country"], row["admin1"]
            pop = int(row["population"] or 0)
            if country == "PAK":
                if kind in ("city", "district") and pop >= 1_000_000:
                    pools["pk_city"].append((name, pop))
                if kind in ("district", "town", "city") and name != "Islamabad":
                    # Attacks: mostly Khyber Pakhtunkhwa and Balochistan, as in the news.
                    weight = 6 if admin1 in ("Khyber Pakhtunkhwa", "Balochistan") else 1
                    pools["pk_attack"].append((name, weight))
                if kind == "province":
                    pools["pk_province"].append((name, 1))
                if kind == "site":
                    pools["site"].append((name, 1))
            elif country == "USA":
                if kind == "city" and pop:
                    pools["us_city"].append((name, pop))
                if kind == "state":
                    pools["us_state"].append((name, 1))
    return pools


PLACES = _places()
_CUM: dict[str, tuple[list[str], list[int]]] = {}
for _pool, _items in PLACES.items():
    _total, _cum = 0, []
    for _, _w in _items:
        _total += _w
        _cum.append(_total)
    _CUM[_pool] = ([n for n, _ in _items], _cum)


def place(rng: random.Random, pool: str) -> str:
    names, cum = _CUM[pool]
    return rng.choices(names, cum_weights=cum)[0]


# ---------------------------------------------------------------------------------------------
# Dates


def _d(day: date, style: int) -> str:
    if style == 0:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if style == 1:
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    if style == 2:
        return f"{day.day} {MONTHS[day.month - 1]}"
    return f"{MONTHS[day.month - 1]} {day.day}"


def past_date(rng: random.Random, pub: date | None) -> str:
    """When something already happened, said as the news says it."""
    r = rng.random()
    if pub is None or r < 0.25:
        return rng.choice(["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "yesterday",
                           "earlier this week", "last week", "on Saturday", "on Sunday"])  # fmt: skip
    if r < 0.45:
        return "yesterday" if rng.random() < 0.6 else "today"
    ago = rng.randint(1, 6)
    day = pub - timedelta(days=ago)
    if r < 0.75:
        return f"on {WEEKDAYS[day.weekday()]}"
    return f"on {_d(day, rng.randrange(4))}"


def future_date(rng: random.Random, pub: date | None) -> tuple[str, str]:
    """(phrase for a later date, preposition-free form for headlines)."""
    r = rng.random()
    if pub is None or r < 0.3:
        phrase = rng.choice(["next month", "next week", "later this year", "next year", "in the coming weeks",
                             "early next month", "in the first week of next month"])  # fmt: skip
        return phrase, phrase
    day = pub + timedelta(days=rng.randint(8, 150))
    if r < 0.45:
        text = MONTHS[day.month - 1] + ("" if day.year == pub.year else f" {day.year}")
        return f"in {text}", text
    text = _d(day, rng.randrange(4))
    if r < 0.55:
        end = day + timedelta(days=rng.randint(1, 2))
        text = f"{day.day} to {end.day} {MONTHS[end.month - 1]} {end.year}" if end.month == day.month else text
        return f"from {text}", text
    return f"on {text}", text


# ---------------------------------------------------------------------------------------------
# A document's cast and slot values


class Person:
    def __init__(self, first: str, last: str, title: str, ref: str, country: str, female: bool) -> None:
        self.first, self.last, self.title, self.ref, self.country = first, last, title, ref, country
        self.female = female
        self.mentioned = False

    def full(self) -> str:
        self.mentioned = True
        return f"{self.title} {self.first} {self.last}"

    def mention(self, rng: random.Random) -> str:
        if not self.mentioned:
            return self.full()
        r = rng.random()
        if r < 0.45:
            return self.last
        if r < 0.75:
            return self.ref
        return f"{self.first} {self.last}"


FEMALE = {"Saima", "Nadia", "Ayesha", "Rabia", "Hina", "Sana", "Mehwish", "Fauzia", "Amna", "Sadia", "Bushra",
          "Nida", "Samina", "Uzma", "Rukhsana", "Tahira", "Laura", "Rebecca", "Karen", "Megan", "Allison",
          "Heather", "Julia", "Natalie", "Caroline", "Diane"}  # fmt: skip


def _person(rng: random.Random, country: str, provincial: bool = False) -> Person:
    if country == "PAK":
        first, last = rng.choice(PK_FIRST), rng.choice(PK_LAST)
        title, ref = rng.choice(PK_PROVINCIAL if provincial else PK_TITLES)
    else:
        first, last = rng.choice(US_FIRST), rng.choice(US_LAST)
        title, ref = rng.choice(US_TITLES)
        if title == "Congresswoman":
            first = rng.choice(["Laura", "Rebecca", "Karen", "Megan", "Julia", "Diane"])
    return Person(first, last, title, ref, country, first in FEMALE)


class Slots(dict):
    """Values for one sentence's {slots}: computed on first use, the same within the sentence."""

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx

    def __missing__(self, key: str) -> str:
        value = self.ctx.slot(key)
        self[key] = value
        return value


class Context:
    """What one document is about: its people, places, sectors, dates, company and forum."""

    def __init__(self, rng: random.Random, pub: date | None) -> None:
        self.rng, self.pub = rng, pub
        self.pk = _person(rng, "PAK", provincial=rng.random() < 0.2)
        self.pk2 = _person(rng, "PAK")
        self.us = _person(rng, "USA")
        self.us2 = _person(rng, "USA")
        self.pk_city = place(rng, "pk_city")
        self.us_city = "Washington" if rng.random() < 0.5 else place(rng, "us_city")
        self.attack_place = place(rng, "pk_attack")
        self.sectors = rng.sample(INVEST_SECTORS, k=rng.choice([1, 1, 2, 2, 3]))
        sector = self.sectors[0]
        self.company = f"{rng.choice(CO_FIRST)} {rng.choice(CO_LAST.get(sector, CO_LAST['finance']))}"
        self.pk_company = f"{rng.choice(PK_CO_FIRST)} {rng.choice(CO_LAST.get(sector, CO_LAST['finance']))}"
        self.forum = rng.choice(FORUMS)
        self.future, self.future_bare = future_date(rng, pub)
        self.past = past_date(rng, pub)
        self.killed = rng.choice([1, 1, 2, 2, 3, 4, 5, 7, 9, 12])
        self.injured = self.killed + rng.randint(0, 15)

    def sector_phrase(self, k: int | None = None) -> str:
        rng = self.rng
        chosen = self.sectors if k is None else rng.sample(INVEST_SECTORS, k=k)
        words = [rng.choice(SECTOR_WORDS[s]) for s in chosen]
        if len(words) == 1:
            return words[0]
        return ", ".join(words[:-1]) + " and " + words[-1]

    def amount(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            return f"${rng.choice([5, 12, 25, 40, 50, 75, 120, 150, 200, 250, 300, 450, 500, 750])} million"
        if r < 0.65:
            return f"US${rng.choice(['1', '1.2', '1.5', '2', '2.5', '3.4', '5', '7'])} billion"
        if r < 0.85:
            return f"Rs{rng.choice([2, 8, 15, 30, 45, 60, 120])} billion"
        return f"{rng.choice(['$80m', '$35m', '$600m', '$1.1bn', '$2bn'])}"

    def slot(self, key: str) -> str:
        rng = self.rng
        match key:
            case "pk":
                return self.pk.mention(rng)
            case "pk_full":
                return self.pk.full()
            case "pk2":
                return self.pk2.mention(rng)
            case "us":
                return self.us.mention(rng)
            case "us_full":
                return self.us.full()
            case "us2":
                return self.us2.mention(rng)
            case "pk_last":
                return self.pk.last
            case "us_last":
                return self.us.last
            case "pk_he":
                return "she" if self.pk.female else "he"
            case "us_he":
                return "she" if self.us.female else "he"
            case "pk_body":
                return rng.choice(PK_BODIES)
            case "us_body":
                return rng.choice(US_BODIES)
            case "pk_city":
                return self.pk_city
            case "us_city":
                return self.us_city
            case "city":
                return self.pk_city if rng.random() < 0.6 else self.us_city
            case "province":
                return place(rng, "pk_province")
            case "site":
                return place(rng, "site")
            case "us_state":
                return place(rng, "us_state")
            case "attack_place":
                return self.attack_place
            case "other_place":
                return place(rng, "pk_attack")
            case "sectors":
                return self.sector_phrase()
            case "sector":
                return rng.choice(SECTOR_WORDS[self.sectors[0]])
            case "sector_adj":
                return rng.choice(SECTOR_ADJ[self.sectors[0]])
            case "sectors_adj":
                words = [rng.choice(SECTOR_ADJ[s]) for s in self.sectors]
                return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
            case "jobs":
                return f"{rng.choice([150, 400, 800, 1200, 2500, 5000]):,}"
            case "any_sector":
                return self.sector_phrase(k=rng.choice([1, 2]))
            case "company":
                return self.company
            case "pk_company":
                return self.pk_company
            case "amount":
                return self.amount()
            case "forum":
                return self.forum
            case "forum_noun":
                return rng.choice(FORUM_NOUNS)
            case "future":
                return self.future
            case "future_bare":
                return self.future_bare
            case "past":
                return self.past
            case "past2":
                return past_date(rng, self.pub)
            case "doc_kind":
                return rng.choice(DOCUMENT_KINDS)
            case "n_docs":
                return rng.choice(["two", "three", "four", "five", "six", "several", "seven", "11"])
            case "attackers":
                return rng.choice(ATTACKERS)
            case "target":
                return rng.choice(TARGETS)
            case "weapon":
                return rng.choice(WEAPONS)
            case "killed":
                return str(self.killed) if self.killed > 9 else _NUMBER_WORDS[self.killed]
            case "injured":
                return str(self.injured)
            case "victims":
                return rng.choice(["policemen", "soldiers", "civilians", "passengers", "labourers", "people"])
            case "pct":
                return f"{rng.randint(1, 39) / 10 + rng.choice([0, 2, 5, 9]):.1f}"
            case "points":
                return f"{rng.randint(40, 1900):,}"
            case "index":
                return f"{rng.randint(88_000, 168_000):,}"
            case "rate":
                return f"{rng.randint(276, 292)}.{rng.randint(10, 95)}"
            case "month":
                return MONTHS[(self.pub.month - 2) % 12] if self.pub else rng.choice(MONTHS)
            case "temp":
                return str(rng.randint(8, 47))
            case "n_days":
                return rng.choice(["two", "three", "four", "five"])
            case "up_down":
                return rng.choice(["gained", "shed", "rose", "fell", "climbed", "lost"])
            case "n":
                return str(rng.randint(3, 60))
            case "year":
                return str(self.pub.year if self.pub else 2026)
        raise KeyError(key)


_NUMBER_WORDS = ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

# ---------------------------------------------------------------------------------------------
# Templates (written for this bench)

HEADLINES = {
    "meeting": [
        "{pk_last} meets {us_last}, discusses investment in {sectors}",
        "Pakistan, US officials hold talks on {sectors} cooperation",
        "US delegation calls on {pk_last} in {pk_city}",
        "{pk_last}, {us_last} review economic ties in {us_city}",
        "Pakistan and US discuss {sector_adj} partnership",
    ],
    "investment": [
        "{company} to invest {amount} in Pakistan's {sector_adj} sector",
        "US firm announces {amount} {sector_adj} project in {province}",
        "{amount} deal signed for {sector} in {site}",
        "American investors commit {amount} to Pakistani {sector}",
    ],
    "forum": [
        "{forum} set for {future_bare}",
        "Pakistan to host {forum} {future_bare}",
        "Business leaders invited to {forum}",
        "US companies expected at {forum} in {pk_city}",
    ],
    "agreement": [
        "Pakistan, US sign {doc_kind} on {sector}",
        "{pk_company} and {company} ink {doc_kind}",
        "Islamabad and Washington agree to expand {sectors} cooperation",
        "{n_docs} MoUs signed at {pk_city} ceremony",
    ],
    "attack": [
        "{killed_cap} killed in {attack_place} attack",
        "Gunmen attack {target} in {attack_place}",
        "Blast in {attack_place} leaves {injured} injured",
        "Militants strike {target} in {attack_place}; {killed} dead",
        "US condemns {attack_place} bombing",
    ],
    "economy": [
        "Stocks {up_down} as investors weigh IMF review",
        "Rupee steady against dollar in interbank trade",
        "Inflation eases to {pct} percent in {month}",
        "Rain forecast for {province} this week",
        "Exports rise {pct} percent on textile demand",
    ],
}

LEADS = {
    "meeting": [
        "{pk_full} met {us_full} in {city} {past} and discussed ways to expand cooperation in {sectors}.",
        "{us_full} called on {pk_full} at {pk_body} in {pk_city} {past}.",
        "{pk_full} held talks with {us_full} {past} on trade and investment between Pakistan and the United States.",
        "A high-level meeting between {pk_full} and {us_full} took place in {us_city} {past}.",
        "{pk_full} received a US delegation led by {us_full} {past}, officials said.",
        "{pk_full} spoke by telephone with {us_full} {past} about the {sector_adj} sector.",
        "{us_full} visited {pk_city} {past} for meetings with senior Pakistani officials including {pk_full}.",
    ],
    "investment": [
        "{company}, a US firm, announced {past} that it will invest {amount} in Pakistan's {sector_adj} sector.",
        "The American company {company} has committed {amount} to a {sector_adj} project near {site}, {pk_full} said {past}.",
        "{us_body} approved {amount} in financing for {sectors} projects in {province} {past}.",
        "US investors will put {amount} into {sectors} in Pakistan over the next five years, {pk_full} announced {past}.",
        "{company} and {pk_company} unveiled a {amount} joint venture in {sector} {past}.",
    ],
    "forum": [
        "The {forum} will be held in {pk_city} {future}, {pk_full} announced {past}.",
        "Pakistan will host the {forum} {future} to attract US investment in {sectors}.",
        "{pk_full} said {past} that the {forum} is scheduled for {future_bare} in {city}.",
        "A {forum_noun} on {sectors} is set to take place in {us_city} {future}, organisers said.",
        "{us_full} is expected to lead a trade mission to {pk_city} {future}, the embassy said {past}.",
    ],
    "agreement": [
        "Pakistan and the United States signed a {doc_kind} on {sectors} in {city} {past}.",
        "{pk_company} and {company} signed a {doc_kind} to cooperate in {sector} {past}.",
        "{pk_full} and {us_full} agreed {past} to deepen cooperation in {sectors}.",
        "{n_docs} memorandums of understanding worth {amount} were signed in {pk_city} {past}.",
        "The two sides reaffirmed their commitment to expanding trade in {sectors} after talks in {city} {past}.",
    ],
    "attack": [
        "{killed_cap} {victims} were killed and {injured} injured when {attackers} attacked {target} in {attack_place} {past}.",
        "{attackers_cap} opened fire on {target} in {attack_place} district {past}, killing {killed}, police said.",
        "A blast caused by {weapon} struck {target} in {attack_place} {past}, injuring {injured} people.",
        "{attackers_cap} abducted {n} workers from {target} in {attack_place} {past}, officials said.",
        "At least {killed} {victims} died in a bombing in {attack_place} {past}.",
    ],
    "economy": [
        "The KSE-100 index of the Pakistan Stock Exchange {up_down} {points} points to close at {index} {past}.",
        "The rupee closed at {rate} against the US dollar in the interbank market {past}.",
        "Consumer price inflation stood at {pct} percent in {month}, the Pakistan Bureau of Statistics said {past}.",
        "The Met Office has forecast rain and thunderstorms in parts of {province} over the next {n_days} days.",
    ],
}

# Event sentences that may follow a lead, by kind.
EVENTS = {
    "meeting": [
        "{pk} also met {us2} on the sidelines of the meeting.",
        "During the meeting, both sides discussed {sectors} and regional security.",
        "{us} later held separate talks with {pk2} at {pk_body}.",
        "The two officials discussed the {sector_adj} sector and people-to-people ties.",
        "{pk} hosted a dinner in honour of the visiting delegation {past2}.",
    ],
    "investment_interest": [
        "{us} expressed keen interest in investing in Pakistan's {sectors_adj} sectors.",
        "American companies are interested in {sectors}, {us} said.",
        "{pk} invited US investors to explore opportunities in {sectors}.",
        "{company} is considering an investment in {sector} in {province}, according to {pk}.",
        "{pk} welcomed US investment in {sectors} and offered facilitation through {pk_body}.",
        "US firms showed particular interest in {sectors}, the statement said.",
        "{us} said {us_he} saw strong potential in Pakistan's {sector_adj} industry.",
    ],
    "agreement": [
        "Both sides agreed to set up a joint working group on {sector}.",
        "A {doc_kind} on {sector} was signed in the presence of {pk}.",
        "The two countries agreed to continue engagement on trade and investment.",
        "{pk} and {us} resolved to strengthen cooperation in {sectors}.",
        "{pk_company} signed a {doc_kind} with {company} for {sector}.",
    ],
    "scheduled_event": [
        "The {forum} is scheduled for {future_bare} in {pk_city}.",
        "{pk} will lead a delegation to {us_city} {future}.",
        "A follow-up meeting will be held in {city} {future}.",
        "{us} is due to visit {pk_city} {future}.",
        "The next round of the dialogue is set for {future_bare}.",
        "{pk} urged American firms to attend the {forum} {future}.",
    ],
    "investment": [
        "{company} will invest {amount} in a {sector_adj} plant near {site}.",
        "The project, worth {amount}, is expected to create {jobs} jobs.",
        "{us_body} approved {amount} for {sectors} projects in {province}.",
        "{company} announced a {amount} expansion of its {sector_adj} operations in {pk_city}.",
    ],
    "attack": [
        "In a separate incident, {attackers} attacked {target} in {other_place} {past2}.",
        "Police said {attackers} fled after the attack.",
        "The injured were shifted to a hospital in {attack_place}, where {n} were said to be in critical condition.",
        "A second device was defused near {target} in {other_place}.",
    ],
    "condemnation": [
        "{pk} strongly condemned the attack and ordered an inquiry.",
        "{us_body} condemned the terrorist attack in {attack_place}.",
        "{us} condemned the violence and offered condolences to the families of the victims.",
        "Prime Minister's Office condemned the bombing, calling it a cowardly act.",
        "{pk} criticised the delay in the investigation.",
    ],
    "assurance": [
        "{pk} assured the US side of full security for American investors.",
        "{pk} guaranteed protection for foreign workers on {sector_adj} projects.",
        "{us} assured Pakistan of continued US support in {sectors}.",
        "The government will ensure a one-window facility for US companies, {pk} promised.",
        "{pk} assured {us} that Pakistan would protect foreign investment.",
    ],
}

FOLLOW = {
    "meeting": ["investment_interest", "agreement", "scheduled_event", "assurance", "meeting", "investment"],
    "investment": ["investment_interest", "investment", "agreement", "assurance", "scheduled_event"],
    "forum": ["scheduled_event", "investment_interest", "meeting", "agreement"],
    "agreement": ["agreement", "investment", "investment_interest", "scheduled_event", "meeting"],
    "attack": ["attack", "condemnation", "condemnation", "assurance", "attack"],
    "economy": ["investment", "investment_interest", "scheduled_event"],
}

FILLER = [
    # markets and the economy
    "The benchmark index {up_down} {points} points in thin trading as investors awaited the budget.",
    "The rupee traded at {rate} against the dollar in the open market.",
    "Inflation slowed to {pct} percent year on year in {month}, official data showed.",
    "Foreign exchange reserves held by the central bank stood at ${n} billion.",
    "Remittances from overseas Pakistanis grew {pct} percent in the first half of the fiscal year.",
    "Analysts expect the central bank to keep its policy rate unchanged at its next review.",
    "Textile exporters have complained about rising gas tariffs for months.",
    "Bilateral trade between Pakistan and the United States exceeded $7 billion last year.",
    "The United States remains the largest single destination for Pakistani exports.",
    "Gold prices rose by Rs{n},000 per tola in the local market.",
    "Petrol prices are reviewed every fortnight by the government.",
    "The IMF programme requires the government to widen its tax base.",
    # weather
    "The Met Office said dry and cold weather would prevail in most parts of {province}.",
    "Temperatures reached {temp} degrees Celsius in parts of {province}.",
    "Light rain fell in {pk_city} and surrounding areas in the evening.",
    "Fog disrupted traffic on motorways in {province} in the early hours.",
    "Heavy snowfall was reported in the northern areas, blocking several roads.",
    # background and colour
    "Pakistan and the United States established diplomatic relations in 1947.",
    "Officials described the atmosphere as cordial and constructive.",
    "The statement did not give further details.",
    "“We want to turn goodwill into concrete business,” an official said.",
    "Business leaders from both countries were present at the event.",
    "The government has set up a single window to speed up approvals for investors.",
    "Pakistan has large untapped reserves of copper, gold and coal.",
    "The country's population is estimated at more than 240 million.",
    "More than {n} companies from both countries took part in earlier editions.",
    "The ceremony was held at a hotel in {pk_city}.",
    "Security was tight around the venue, with roads closed to traffic.",
    "Earlier, the delegation toured a technology park in {pk_city}.",
    "Several members of the business community attended the session.",
    "The spokesperson told reporters that contacts would continue at various levels.",
    "Opposition leaders criticised the government's economic policies in parliament.",
    "Schools in {pk_city} will remain closed on Friday for a public holiday.",
    "The provincial cabinet approved the annual development programme for {year}.",
    "A large number of people gathered for the funeral prayers.",
    "Search operations were launched in the area after the incident.",
    "The Senate committee on finance will take up the bill next week.",
]

SENTENCES = (5, 25)


def _fill(template: str, ctx: Context) -> str:
    slots = Slots(ctx)
    # Capitalised forms of a few slots for sentence starts.
    if "{killed_cap}" in template:
        slots["killed_cap"] = ctx.slot("killed").capitalize() if ctx.killed <= 9 else ctx.slot("killed")
    if "{attackers_cap}" in template:
        slots["attackers_cap"] = ctx.slot("attackers").capitalize()
    text = template.format_map(slots)
    return text[0].upper() + text[1:]


def _theme(rng: random.Random) -> str:
    return rng.choices(
        ["meeting", "investment", "forum", "agreement", "attack", "economy"], weights=[25, 14, 12, 13, 18, 18]
    )[0]


def _n_sentences(rng: random.Random) -> int:
    lo, hi = SENTENCES
    return round(rng.triangular(lo, hi, 11))


def text(index: int, seed: int = DEFAULT_SEED) -> str:
    """The text of document `index` (deterministic for a given seed)."""
    rng = random.Random(f"corridor-bench:{seed}:{index}")
    pub = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
    header = rng.random()
    dated = header < 0.4 or rng.random() < 0.3  # else the text alone, maybe with a dateline date
    ctx = Context(rng, pub if dated else None)
    theme = _theme(rng)
    # Headlines name people by surname only; the lead names them in full.
    title = _fill(rng.choice(HEADLINES[theme]), ctx)

    n = _n_sentences(rng)
    sentences = [_fill(rng.choice(LEADS[theme]), ctx)]
    p_event = 0.15 if theme == "economy" else 0.45
    for _ in range(n - 1):
        if rng.random() < p_event:
            kind = rng.choice(FOLLOW[theme])
            sentences.append(_fill(rng.choice(EVENTS[kind]), ctx))
        else:
            sentences.append(_fill(rng.choice(FILLER), ctx))

    paragraphs, i = [], 0
    while i < len(sentences):
        k = rng.choice([1, 1, 2, 2, 3])
        paragraphs.append(" ".join(sentences[i : i + k]))
        i += k
    dateline = rng.random()
    city = (ctx.pk_city if theme != "attack" else ctx.attack_place) if rng.random() < 0.75 else ctx.us_city
    if dateline < 0.35:
        paragraphs[0] = f"{city.upper()}: {paragraphs[0]}"
    elif dateline < 0.5 and ctx.pub is None:
        # A dated dateline carries the publication date when no header does.
        day = pub
        paragraphs[0] = f"{city.upper()}, {MONTHS[day.month - 1]} {day.day} (APP): {paragraphs[0]}"
    elif dateline < 0.6:
        paragraphs[0] = f"{city} — {paragraphs[0]}"
    body = "\n\n".join(paragraphs) + "\n"

    if header < 0.4:
        return f"title: {title}\ndate: {pub.isoformat()}\n\n{body}"
    if header < 0.45:
        return f"date: {pub.isoformat()}\n{title}\n\n{body}"
    if dated:
        # No header but a date known: say it in the first line, as wire copy does.
        return f"{title}\n{pub.day} {MONTHS[pub.month - 1]} {pub.year}\n\n{body}"
    return f"{title}\n\n{body}"


def name(index: int) -> str:
    return f"bench_{index:05d}.txt"


def document(index: int, seed: int = DEFAULT_SEED) -> Document:
    """Document `index`, read as Corridor reads a text file (header, title, publication date)."""
    return read_text(text(index, seed), name(index))


def iter_documents(n: int = DEFAULT_DOCS, seed: int = DEFAULT_SEED, start: int = 0) -> Iterator[Document]:
    for index in range(start, start + n):
        yield document(index, seed)


def generate(n: int = DEFAULT_DOCS, seed: int = DEFAULT_SEED) -> list[Document]:
    """N documents in memory."""
    return list(iter_documents(n, seed))


def write(docs: list[Document], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (out / doc.name).write_text(doc.text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS, help="number of documents (default 10,000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="also write them as .txt files into this folder")
    parser.add_argument("--show", type=int, default=0, metavar="K", help="print the first K documents")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    docs = generate(args.docs, args.seed)
    elapsed = time.perf_counter() - started
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs):,} documents, {chars:,} characters, generated in {elapsed:.2f} s")
    for doc in docs[: args.show]:
        print(f"\n===== {doc.name}  published={doc.published}  title={doc.title!r}\n{doc.text}")
    if args.out:
        write(docs, args.out)
        print(f"written to {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
