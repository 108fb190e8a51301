"""Stage 4: actors. People with their titles and countries, organisations, countries and
demonyms, country groups ("US officials") and collectives ("both sides")."""

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from corridor.extract import anchors, patterns
from corridor.extract.annotations import ActorMention, Annotated
from corridor.extract.lexicons import as_listed, country_by_surface, lexicon, titles
from corridor.extract.places import place_names
from corridor.extract.register import find_org, find_person, role_on
from corridor.extract.registry import stage

# Which mention wins when two overlap: the longer one, then this priority.
PRIORITY = {"person": 4, "organisation": 3, "group": 2, "country": 1, "collective": 1}
CORRIDOR_PAIR = ("PAK", "USA")


@stage("actors", requires=("sentences",), assigns=("actors", "home_country", "principal_countries"))
def actors(ann: Annotated) -> Annotated:
    text, start = ann.text, ann.doc.body_start
    countries = _country_starts(text, start)
    found = [
        *_people(text, start, ann),
        *_organisations(ann, countries),
        *_groups(ann, countries),
        *_countries(text, countries),
        *_collectives(ann),
    ]
    found = _checked_by_model(ann, found)
    ann.actors = _non_overlapping(found)
    for mention in ann.actors:
        mention.sentence = ann.sentence_of(mention.start)
    ann.principal_countries = _principal_countries(ann.actors)
    ann.home_country = _home_country(ann.principal_countries)
    _share_org_countries(ann.actors)
    for mention in ann.actors:
        if mention.country is None and (mention.kind == "person" or _public_body(mention)):
            mention.country = ann.home_country
    return ann


def _checked_by_model(ann: Annotated, found: list[ActorMention]) -> list[ActorMention]:
    """The rules' mentions checked against the model's entities in the parsed sentences: an
    organisation the model reads whole ("The US Trade and Development Agency") replaces the
    pieces the rules made of it; a person the model names inside a rule's mention gives it its
    name ("Salt Range, the agency's regional director, Samuel Orcutt" is Samuel Orcutt); a person
    the rules missed is added with their name as written and no country unless known."""
    if not ann.parses:
        return found
    entities = [(label, s, e) for parsed in ann.parses.values() for label, s, e in parsed.entities()
                if label in ("PERSON", "ORG")]
    kept = list(found)
    for label, start, end in entities:
        inside = [m for m in kept if start <= m.start and m.end <= end]
        overlapping = [m for m in kept if m.start < end and start < m.end]
        if label == "ORG":
            # the model takes some people for bodies ("Ishaq Dar"): a person the rules name stays
            if (inside and len(inside) == len(overlapping) and not any(m.kind == "person" for m in inside)
                    and (len(inside) > 1 or inside[0].kind != "organisation" or inside[0].end - inside[0].start < end - start)):
                whole = _model_org(ann, start, end)
                if whole is not None:
                    kept = [m for m in kept if m not in inside] + [whole]
            continue
        people = [m for m in overlapping if m.kind == "person"]
        if not overlapping:
            person = _model_person(ann, start, end)
            if person is not None:
                kept.append(person)
        elif len(people) == 1 and not (people[0].start <= start and end <= people[0].end and people[0].name
                                       and _same_name(people[0].name, ann.text[start:end])):
            mention = people[0]
            name = _clean_name(ann.text[start:end])
            if name and mention.start <= start and end <= mention.end and " " in name:
                person = _person(name, mention.title, None, ann)
                if person is not None:
                    person.country = person.country or mention.country
                    kept = [m for m in kept if m is not mention] + [_at(person, start, end)]
    return kept


def _same_name(found: str, written: str) -> bool:
    words = set(found.split())
    return any(w in words for w in written.split())


def _model_org(ann: Annotated, start: int, end: int) -> ActorMention | None:
    raw = _strip_article(ann.text[start:end].strip())
    if len(raw.split()) < 2:
        return None
    entry = find_org(raw)
    country = (entry or {}).get("country") or _leading_country(raw)
    return ActorMention(start, end, "organisation", None, None, entry["name"] if entry else raw, country,
                        actor_id=entry["id"] if entry else None, via="model")


def _leading_country(name: str) -> str | None:
    """The country an organisation's name opens with ("US Trade and Development Agency")."""
    surfaces = country_by_surface()
    words = name.split()
    for n in (3, 2, 1):
        country = surfaces.get(" ".join(words[:n]))
        if country:
            return country
    return None


def _model_person(ann: Annotated, start: int, end: int) -> ActorMention | None:
    name = _clean_name(ann.text[start:end])
    if not name or not _plausible_full_name(name) and find_person(name) is None:
        return None
    person = _person(name, None, None, ann)
    return _at(person, start, end) if person else None


def _home_country(principal: list[str]) -> str:
    """Whose officials go unqualified ("the Finance Minister"): Pakistan's, in the corridor's
    press, unless the document is about other countries altogether."""
    if not principal or set(principal) & set(CORRIDOR_PAIR):
        return "PAK"
    return principal[0]


def _public_body(mention: ActorMention) -> bool:
    """Ministries, departments and boards belong to the document's home country unless told;
    a company's country is never guessed that way."""
    if mention.kind != "organisation" or not mention.org:
        return False
    heads = lexicon()["org_heads"]
    return any(word in heads for word in mention.org.split()[:2])


def _share_org_countries(mentions: list[ActorMention]) -> None:
    """Every mention of an organisation takes the country any one of them states."""
    known = {m.org: m.country for m in mentions if m.kind == "organisation" and m.country}
    for m in mentions:
        if m.kind == "organisation" and m.country is None:
            m.country = known.get(m.org)


def _people(text: str, start: int, ann: Annotated) -> list[ActorMention]:
    """People found around titles of office (one pass over the text for every title), named as
    speakers or with a description, after an honorific, or by the register's names."""
    found = _titled_people(text, start, ann) + _untitled_people(text, start, ann)
    for m in patterns.person_honorific().finditer(text, start):
        person = _person(m.group("name"), None, None, ann)
        if person:
            found.append(_span(m, person))
    for m in patterns.register_person().finditer(text, start):
        person = _person(m.group(), None, None, ann)
        if person:
            found.append(_span(m, person, via="register"))
    return found


def _titled_people(text: str, start: int, ann: Annotated) -> list[ActorMention]:
    """'Interior Minister Mohsin Naqvi', 'the company's spokesman, Curtis Hale,' and 'Ellen
    Hartwell, the deputy assistant secretary': a name after the title, after a comma, or before."""
    found: list[ActorMention] = []
    titled: list[tuple[int, int]] = []  # names a title stands before
    for t in anchors.matches(ann, anchors.TITLES, patterns.title_mention(), lowered=True):
        title = text[t.start() : t.end()]
        qualifier = patterns.country_before().search(text, max(start, t.start() - 40), t.start())
        cq, begin = (qualifier.group("cq"), qualifier.start()) if qualifier else (None, t.start())
        after = patterns.name_after().match(text, t.end()) or patterns.comma_name_after().match(text, t.end())
        if after:
            person = _person(after.group("name"), title, cq, ann)
            if person:
                found.append(_at(person, begin, after.end()))
                titled.append(after.span("name"))
                continue
        window = max(start, begin - 90)
        before = patterns.set_off().search(text, window, begin) and patterns.name_before().search(text, window, begin)
        # A name already introduced by the title before it keeps that title ("US chargé
        # d'affaires Natalie Baker, federal secretary …" lists two people, not one).
        if before and not any(s < before.end("name") and before.start("name") < e for s, e in titled):
            person = _person(before.group("name"), title, cq, ann)
            if person:
                found.append(_at(person, before.start(), t.end()))
    return found


def _untitled_people(text: str, start: int, ann: Annotated) -> list[ActorMention]:
    """Full names with no title: a speaker ('Sarah Lind said', 'said Sarah Lind') or a described
    person ('X, an elder of the tribe,'). Only names of two words or more, none of them a place
    or a body."""
    found = []
    described_or_speaking = patterns.description_or_speech_after()
    for m in patterns.name_mention().finditer(text, start):
        after = described_or_speaking.match(text, m.end())
        if not (after or text.endswith("said ", 0, m.start())):
            continue
        person = _person(m.group(), None, None, ann, full_name_only=True)
        if person:
            if after and after.group("description"):
                person.title = person.title or after.group("description")
            found.append(_at(person, m.start(), m.end()))
    return found


def _at(mention: ActorMention, start: int, end: int) -> ActorMention:
    mention.start, mention.end, mention.via = start, end, "name"
    return mention


def _span(match: re.Match, mention: ActorMention, via: str = "name") -> ActorMention:
    mention.start, mention.end, mention.via = match.start(), match.end(), via
    return mention


def _person(raw_name: str, raw_title: str | None, qualifier: str | None, ann: Annotated,
            full_name_only: bool = False) -> ActorMention | None:
    name = _clean_name(raw_name)
    if not name or (full_name_only and not _plausible_full_name(name)):
        return None
    title = _normalise_title(raw_title) if raw_title else None
    country = country_by_surface().get(as_listed(qualifier).removeprefix("the ")) if qualifier else None
    org, title_country = _title_org(title)
    entry = find_person(name)
    actor_id = None
    if entry is not None:
        actor_id, name = entry["id"], entry["name"]
        country = country or entry.get("country")
        role = role_on(entry, ann.doc.published)
        if role is not None:
            title = title or role.get("title")
            org = org or role.get("org")
    return ActorMention(0, 0, "person", name, title, org, country or title_country, actor_id=actor_id)


def _clean_name(raw: str) -> str | None:
    """Drop words that cannot be part of a name at either end ("In Quetta Naqvi" → "Naqvi")."""
    blocked, honorifics = _name_blocklists()
    words = raw.split()
    while words and (words[0] in blocked or words[0] in honorifics):
        words.pop(0)
    while words and words[-1] in blocked:
        words.pop()
    if not words or any(w in blocked for w in words):
        return None
    return " ".join(words)


def _plausible_full_name(name: str) -> bool:
    """Two or more words, none naming a place or ending a company name ('Ridgeline Minerals')."""
    words = name.split()
    if len(words) < 2 or name in place_names():
        return False
    blocked = _org_words()
    return not any(w in blocked or w in place_names() for w in words)


@cache
def _name_blocklists() -> tuple[frozenset[str], frozenset[str]]:
    lex = lexicon()
    return frozenset(lex["not_names"]) | frozenset(country_by_surface()), frozenset(lex["honorifics"])


@cache
def _org_words() -> frozenset[str]:
    return frozenset(lexicon()["org_suffixes"]) | frozenset(lexicon()["org_heads"])


def _normalise_title(raw: str) -> str:
    """Title case for display, keeping short function words and acronyms as they are."""
    small = {"of", "for", "and", "the", "to", "on", "d'affaires", "d’affaires"}
    words = []
    for word in raw.split():
        lower = word.lower()
        words.append(lower if lower in small else (word if word.isupper() else word[:1].upper() + word[1:].lower()))
    return " ".join(words)


@cache
def _title_org(title: str | None) -> tuple[str | None, str | None]:
    """The organisation and country a title implies ("Secretary of Commerce" → the US
    Department of Commerce), by the first rule of titles.yaml that matches."""
    if not title:
        return None, None
    lower = title.lower()
    for regex, org, country in _title_rules():
        if regex.search(lower):
            return org, country
    return None, None


@cache
def _title_rules() -> tuple[tuple[re.Pattern, str | None, str | None], ...]:
    return tuple((re.compile(r["pattern"]), r.get("org"), r.get("country")) for r in titles()["title_orgs"])


def _organisations(ann: Annotated, countries: list[int]) -> list[ActorMention]:
    text, start = ann.text, ann.doc.body_start
    found = []
    exact, loose = patterns.register_org()
    for m in (*exact.finditer(text, start), *anchors.matches(ann, anchors.REGISTER_ORGS, loose, lowered=True)):
        entry = find_org(m.group())
        if entry:
            found.append(ActorMention(m.start(), m.end(), "organisation", None, None, entry["name"], entry.get("country"),
                                      actor_id=entry["id"], via="register"))
    for m in _generic_orgs(ann, countries):
        raw = _strip_article(m.group("org"))
        entry = find_org(raw)
        qualifier = m.group("cq")
        country = country_by_surface().get(as_listed(qualifier).removeprefix("the ")) if qualifier else None
        name = entry["name"] if entry else _canonical_org(raw)
        country = country or (entry.get("country") if entry else None) or _origin(text, m.end())
        found.append(ActorMention(m.start(), m.end(), "organisation", None, None, name, country,
                                  actor_id=entry["id"] if entry else None))
    return found


def _generic_orgs(ann: Annotated, countries: list[int]) -> Iterator[re.Match]:
    """Organisations named by their form; a name that runs over a blank line (a headline's last
    words and the body's first) is cut to what follows the line."""
    text, regex = ann.text, patterns.org_generic()
    for m in anchors.matches_at(regex, text, _org_starts(ann, countries)):
        breaks = [b.end() for b in _BLANK_LINE.finditer(text, m.start(), m.end())]
        if breaks:
            m = regex.search(text, breaks[-1], m.end())
        if m:
            yield m


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _org_starts(ann: Annotated, countries: list[int]) -> list[int]:
    """Where a name of org_generic's forms may start: a country before it, a head ("Ministry
    of …"), a portfolio ("the interior ministry"), or a capitalised word of the five before a
    suffix written as such ("Ridgeline Copper Minerals Inc"). Tried only there, the pattern
    finds what it finds tried everywhere, for a fraction of the cost: most capitalised words
    start no organisation's name, and each costs it a try of up to five words and a suffix."""
    text, start = ann.text, ann.doc.body_start
    found = {*countries, *anchors.starts(ann, anchors.ORG_HEADS), *anchors.starts(ann, anchors.PORTFOLIOS)}
    for at in anchors.starts(ann, anchors.ORG_SUFFIXES):
        if text[at].isupper():  # suffixes are matched as written
            found.update(m.start() for m in _CAPITAL_START.finditer(text, _words_back(text, at, start), at))
    return sorted(found)


def _words_back(text: str, at: int, floor: int, words: int = 5, reach: int = 1000) -> int:
    """Where the whitespace before the `words` words that end at `at` starts (not before `floor`)."""
    lo = max(floor, at - reach)
    window = text[lo:at]
    parts = window.rsplit(None, words)
    return lo + len(parts[0]) if len(parts) > words else lo


# Where a capitalised word starts (the words of org_generic's company names).
_CAPITAL_START = re.compile(rf"(?<![\w-])[{patterns.UPPER}]")


def _origin(text: str, end: int) -> str | None:
    """The country an apposition gives a company (', a Reno-based miner', ', a US developer')."""
    m = patterns.org_origin().match(text[end : end + 120])
    if not m:
        return None
    if m.group("cq"):
        return country_by_surface().get(as_listed(m.group("cq")).removeprefix("the "))
    place = place_names().get((m.group("place") or m.group("place2") or "").strip())
    return place.country if place else None


def _strip_article(raw: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", raw)


def _canonical_org(raw: str) -> str:
    """'the interior ministry' → 'Ministry of Interior'; other names stay as written."""
    m = re.fullmatch(r"(?i)(.+?)\s+(ministry|division|department)", raw)
    if m and raw[:1].islower():
        return f"{m.group(2).title()} of {m.group(1).title()}"
    return raw


def _groups(ann: Annotated, countries: list[int]) -> list[ActorMention]:
    """Groups of a country ('US officials') and unnamed groups ('executives of mining firms')."""
    text = ann.text
    surfaces = country_by_surface()
    groups = [
        ActorMention(m.start(), m.end(), "group", m.group(0).strip(), None, None, surfaces[m.group("cq").removeprefix("the ")],
                     via="group")
        for m in anchors.matches_at(patterns.group_mention(), text, countries)
    ]
    groups += [ActorMention(m.start(), m.end(), "group", m.group(), via="group")
               for m in anchors.matches(ann, anchors.UNNAMED_GROUPS, patterns.unnamed_group())]
    return groups


def _countries(text: str, countries: list[int]) -> list[ActorMention]:
    surfaces = country_by_surface()
    return [
        ActorMention(m.start("country"), m.end("country"), "country", None, None, None, surfaces[m.group("country")],
                     via="country")
        for m in anchors.matches_at(patterns.country_mention(), text, countries)
    ]


# A country is named in a few places of an article. Its mentions and its groups ("US officials")
# are sought only where one of its names, or "the" before one, starts: a scan of the text for
# the names alone skips to the letters they start with, while the patterns of mentions and
# groups, tried at every position, cost more than the rest of those stages.


def _country_starts(text: str, start: int) -> list[int]:
    """Every offset from `start` where a country's name or "the" before one may start: where a
    name is found, every word start inside it too (a shorter name may start there), and the
    "the" before each."""
    found: set[int] = set()
    for m in patterns.country_name().finditer(text, start):
        found.add(m.start())
        found.update(i for i in range(m.start() + 1, m.end()) if not text[i - 1].isalnum())
    for at in list(found):
        article = _article_before(text, at)
        if article is not None and article >= start:
            found.add(article)
    return sorted(found)


def _article_before(text: str, at: int) -> int | None:
    """Where "the" or "The" stands before an offset, spaces between, or None."""
    end = at
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end - 3 if end < at and text[end - 3 : end] in ("the", "The") else None


def _collectives(ann: Annotated) -> list[ActorMention]:
    return [ActorMention(m.start(), m.end(), "collective", m.group(), via="collective")
            for m in anchors.matches(ann, anchors.COLLECTIVES, patterns.collective())]


def _non_overlapping(found: list[ActorMention]) -> list[ActorMention]:
    """Longest mentions first, then by kind; a mention overlapping one already taken is dropped."""
    ranked = sorted(found, key=lambda a: (-(a.end - a.start), -PRIORITY[a.kind], a.start))
    taken: list[ActorMention] = []
    occupied = bytearray(max((m.end for m in found), default=0))
    for mention in ranked:
        if not any(occupied[mention.start : mention.end]):
            taken.append(mention)
            occupied[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    return sorted(taken, key=lambda a: a.start)


def _principal_countries(mentions: list[ActorMention]) -> list[str]:
    """The document's main countries, most mentioned first; Pakistan and the US break ties."""
    counts = Counter(m.country for m in mentions if m.country)
    ranked = sorted(counts, key=lambda c: (-counts[c], c not in CORRIDOR_PAIR, c))
    return ranked[:2]
