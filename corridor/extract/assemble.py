"""Stage 9: assemble. Each trigger becomes a candidate event from the mentions of its sentence;
candidates of one kind that agree (same people, date, place) are merged, so an event reported
in a caption and again in the body is one event with every quote that states it."""

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import cache

from corridor.events.model import Event, Geo, Participant, Plover, Source
from corridor.extract import anchors
from corridor.extract.annotations import ActorMention, Annotated, DateMention, PlaceMention, Sentence, Trigger
from corridor.extract.details import Details, not_an_attack, operation, read_details
from corridor.extract.lexicons import kinds as kind_lexicon
from corridor.extract.lexicons import lowered
from corridor.extract.places import paragraph_sentences
from corridor.extract.plover import rule_coder
from corridor.extract.register import find_org
from corridor.extract.registry import stage
from corridor.extract.sectors import guess_sector
from corridor.extract.summary import summarise
from corridor.extract.syntax import head_of, modality, subject_and_object

# What a kind becomes when its act is still to come ("will meet" is a scheduled meeting; a
# threatened attack is none).
FUTURE_KIND = {"meeting": "scheduled_event", "attack": None}
# Sentences after an attack's own, in its paragraph, that may tell its toll and method.
DETAIL_SENTENCES = 2
# Kinds whose date, when the sentence gives none, is the report's date (things said or done
# on the day of the report), as opposed to attacks or plans, whose date must be stated.
ANCHORED = {"meeting", "agreement", "assurance", "condemnation", "investment_interest", "investment", "other"}
# Reactions to an attack: when the report dates only the attack, they date from the report.
REACTIONS = {"condemnation", "assurance"}
# Places that contain others ("Balochistan's Chagai district" locates in Chagai).
COARSE = {"province", "territory", "state", "region"}
# Places that locate an event; a country alone is not a place.
LOCAL_KINDS = {"city", "town", "tehsil", "district", "province", "territory", "state", "region", "site", "unknown"}
# Prepositions that name where someone was going, not where something happened.
DESTINATIONS = {"to", "into", "for"}
# Kinds whose place, when their sentence gives none, its paragraph may give.
PLACED_BY_CONTEXT = {"attack", "meeting", "agreement", "scheduled_event", "investment"}
# Kinds that, placed nowhere in the text, happened where the report was filed.
DATELINED = {"meeting", "agreement", "attack"}
# Attacks named in the plural: a pattern unless counted ("twin attacks", "two blasts").
_PLURAL_ATTACKS = {"attacks", "bombings", "blasts", "explosions", "abductions", "kidnappings", "killings", "strikes",
                   "raids", "ambushes", "shootings"}
_COUNTED = re.compile(r"\b(?:twin|two|three|four|five|\d+|coordinated|separate|both|simultaneous|series of)\s+(?:\w+\s+)?$")
# Words before an attack's name that point back to one already told.
_ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those|both|such|today's|yesterday's|\w+day's)\s+(?:\w+\s+){0,2}$")
# "Here" in a report is the dateline's city.
_HERE = re.compile(r"\bhere\b")
# Confidence lost when the trigger is hedged ("may", "reportedly").
HEDGE_FACTOR = 0.75
# Kinds whose sectors tell one event from another (two agreements on different sectors).
SECTORAL = {"investment_interest", "investment", "agreement"}
# Kinds whose event is what one party says: each speaker's is an event of its own.
STATEMENTS = {"condemnation", "assurance"}
# Kinds that take a place only when it stands before the trigger ("In Quetta, X condemned the
# attack in Y" happened in Quetta, not in Y).
PLACE_BEFORE_ONLY = {"condemnation", "assurance", "investment_interest"}
# Where a sentence divides into clauses that may report different events.
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?=(?:following|after|before|during|while|whereas|according to)\b)"
    r"|\s+(?=(?:following|after)\s+(?:a|an|the)\b)"
)
# The words a break other than ";" stands before.
_CLAUSE_WORDS = ("following", "after", "before", "during", "while", "whereas", "according to")
# Planned actions that make a scheduled event without an event noun ("is due to visit").
_ACTION_PLAN = re.compile(r"(?i)\b(meet|visit|travel|attend|host|lead|return)\b")
# Kinds that, reported in a document between two countries, involve both of them.
BILATERAL = {"meeting", "agreement", "scheduled_event", "investment_interest", "investment", "assurance"}
# Phrases that name who reported an event, not who took part in it.
_ATTRIBUTION = re.compile(r"(?i)(?:statement|release|handout|announcement)\s+(?:issued|released|circulated)\s+by\s+$"
                          r"|according\s+to\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}$|\bissued\s+by\s+$")
_AMOUNT = re.compile(
    r"(?P<cur>US\$|\$|USD|Rs\.?|PKR)\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>billion|million|bn|mn|m|crore|lakh)?\b"
    r"|(?P<num2>\d[\d,]*(?:\.\d+)?)\s*(?P<unit2>billion|million)\s+(?P<cur2>dollars|rupees)",
    re.I,
)
_UNITS = {"billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6, "crore": 1e7, "lakh": 1e5}
_EVENT_NAME = re.compile(
    r"(?:[A-Z][\w’'–-]*\s+(?:and\s+|of\s+|for\s+|on\s+|&\s+)?){1,8}"
    r"(?:Forum|Summit|Conference|Expo|Exhibition|Roadshow|Road Show|Dialogue|Week|Convention|Symposium|Roundtable|Round Table)\b"
)


@dataclass
class Candidate:
    """One mention of an event, before merging."""

    kind: str
    trigger: Trigger
    participants: list[Participant]
    countries: list[str]
    sectors: list[str]
    date: DateMention | None
    explicit_date: bool
    place: PlaceMention | None
    name: str | None = None
    amount: dict | None = None
    parties: int = 0
    sources: list[tuple[int, int]] = field(default_factory=list)
    strength: float = 0.0
    tense: str | None = None
    details: Details | None = None


@stage("assemble", requires=("actors", "dates", "places", "sectors", "triggers", "plover_codes"), assigns=("events",))
def assemble(ann: Annotated) -> Annotated:
    specs = kind_lexicon()["kinds"]
    attendance = {(t.kind, t.sentence) for t in ann.triggers if t.attendance}
    # In "the meeting was attended by …" the attendance is the news, not a new meeting.
    triggers = [t for t in ann.triggers if t.attendance or (t.kind, t.sentence) not in attendance]
    silenced: set[int] = set()
    candidates = [c for t in triggers if t.kind != "other" for c in _candidates(ann, t, specs[t.kind], silenced)]
    # A sentence's PLOVER code makes an `other` event only where no kind's event stands, nor a
    # death was found to be no political act (a flood, an accident).
    told = {c.trigger.sentence for c in candidates} | silenced
    candidates += [c for t in triggers if t.kind == "other" and t.sentence not in told
                   for c in _candidates(ann, t, specs[t.kind])]
    full = [c for c in candidates if c.parties >= _min_parties(c, specs) and not c.trigger.attendance
            and not _joins_later(c, candidates, specs)]
    taken = {id(c) for c in full}
    partial = [c for c in candidates if id(c) not in taken]
    merged: list[Candidate] = []
    for candidate in full:
        _merge_or_add(merged, candidate, add=True)
    for candidate in partial:
        _merge_or_add(merged, candidate, add=False)
    merged.sort(key=lambda c: c.trigger.start)  # in the order told: a sentence's main act first
    ann.events = [_event(ann, c, specs[c.kind], _plover_code(ann, c.trigger.sentence)) for c in merged]
    return ann


def _plover_code(ann: Annotated, index: int):
    """The PLOVER code of an event's sentence, coded when first asked for: only the sentences
    of events are (a third of an article's)."""
    if index not in ann.plover_codes:
        sentence = ann.sentences[index]
        ann.plover_codes[index] = rule_coder().code(sentence.text, anchors.words_in(ann, anchors.PLOVER, sentence))
    return ann.plover_codes[index]


def _min_parties(c: Candidate, specs: dict) -> int:
    own = c.trigger.min_parties
    return own if own is not None else specs[c.kind].get("min_parties", 0)


def _joins_later(c: Candidate, candidates: list[Candidate], specs: dict) -> bool:
    """A placeless mention of a kind whose mentions join by place ("condemned the bombing"),
    in a document that places an event of that kind."""
    return (specs[c.kind].get("placeless_joins", False) and c.place is None
            and any(o.kind == c.kind and o.place is not None for o in candidates))


def _candidates(ann: Annotated, trigger: Trigger, spec: dict, silenced: set[int] | None = None) -> list[Candidate]:
    """The candidate events of a trigger; a sentence whose act is found not to be one is added
    to `silenced`."""
    silenced = set() if silenced is None else silenced
    sentence = ann.sentences[trigger.sentence]
    # The PLOVER coder has weighed an `other` code's cues already (a conditional attack is a threat).
    said = _said(ann, trigger) if trigger.kind != "other" else set()
    if said & {"denied", "negated", "conditional"}:
        return []  # a denied report, an act that did not happen, a hypothesis (the coder may code a refusal)
    tense = "future" if "future" in said else None
    if trigger.future_only and not tense:
        return []
    if tense and trigger.kind in FUTURE_KIND:
        if FUTURE_KIND[trigger.kind] is None:
            return []  # a threatened attack is not an attack (the coder codes the threat)
        trigger = replace(trigger, kind=FUTURE_KIND[trigger.kind])
        spec = kind_lexicon()["kinds"][trigger.kind]
    if spec.get("needs_event_noun") and not (_event_noun(ann.lower_of(sentence)) or _ACTION_PLAN.search(ann.text[trigger.start : trigger.end])):
        return []
    if trigger.needs_future_date and not _future_date(ann, trigger):
        return []
    lo, hi = _clause(ann, trigger)
    actors = [a for a in ann.in_sentence(ann.actors, trigger.sentence) if lo <= a.start < hi and not _attribution(ann, a)]
    participants, parties = _participants(actors, trigger, ann)
    if trigger.kind == "other" and not parties and _has_subject(ann, trigger):
        parties = 1  # "He praised the police": someone acts, though the sentence does not name them
    date, explicit = _date(ann, trigger)
    places = [p for p in _places(ann, trigger) if lo <= p.start < hi]
    base = dict(
        kind=trigger.kind,
        trigger=trigger,
        tense=tense or ("future" if trigger.kind == "scheduled_event" else "past"),
        participants=participants,
        sectors=_sectors(ann, trigger),
        date=date,
        explicit_date=explicit,
        parties=parties,
        sources=[(sentence.start, sentence.end)],
        strength=_strength(ann, trigger, parties),
    )
    if trigger.kind == "attack":
        victims = [a.country for a in actors if a.start >= trigger.start and a.country and a.kind in ("group", "country")]
        if not_an_attack(sentence.text):
            silenced.add(trigger.sentence)
            return []  # a flood, an accident, a feud
        details = _attack_details(ann, trigger)
        if _generic(ann, trigger, explicit, details):
            return []  # "the district has seen attacks on police": a pattern, not an event
        if operation(sentence.text, details.casualties):
            return []  # the forces' operation against militants, not an attack (coded `other` when the coder sees it)
        if not places and not _told_before(ann, trigger) and _first_attack(ann, trigger):
            places = [p for p in [_document_place(ann, trigger)] if p is not None]
        return [
            Candidate(countries=[c for c in dict.fromkeys(([p.country] if p else _attack_countries(ann)) + victims) if c],
                      place=p,
                      details=details, **base)
            for p in (places or [None])
        ]
    countries = _countries(actors, participants, ann)
    if trigger.kind in BILATERAL and len(ann.principal_countries) == 2 and set(countries) < set(ann.principal_countries):
        countries = list(dict.fromkeys(countries + ann.principal_countries))
    extra = {}
    if trigger.kind == "scheduled_event":
        extra["name"] = _event_name(sentence.text)
    if trigger.kind == "investment":
        extra["amount"] = _amount(sentence.text)
    place = places[0] if places else _document_place(ann, trigger)
    if place is not None and place.country and place.country not in countries:
        countries = countries + [place.country]
    return [Candidate(countries=countries, place=place, **base, **extra)]


def _said(ann: Annotated, trigger: Trigger) -> set[str]:
    """What the parse of the trigger's sentence says of its act (syntax.modality)."""
    parsed = ann.parses.get(trigger.sentence)
    head = head_of(parsed, trigger.start, trigger.end) if parsed else None
    if head is None:
        return set()
    said = modality(head)
    governor = head.head
    if head.tag_.startswith("NN") and head.dep_ == "pobj" and governor.dep_ == "prep":
        governor = governor.head  # "will visit Islamabad for talks"
    if head.tag_.startswith("NN") and head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj") and governor is not head:
        said |= modality(governor)  # "the meeting will be held", "will hold talks"
    return said


def _generic(ann: Annotated, trigger: Trigger, dated: bool, details: Details) -> bool:
    """Attacks named in the plural with no date, toll or number of their own."""
    words = ann.text[trigger.start : trigger.end].lower().split()
    if not words or words[0] not in _PLURAL_ATTACKS or dated or details.casualties:
        return False
    before = ann.text[max(0, trigger.start - 25) : trigger.start].lower()
    return not _COUNTED.search(before)


def _first_attack(ann: Annotated, trigger: Trigger) -> bool:
    """Whether no attack is told before this mention (a later mention with no place of its own
    is of an attack told already, and joins it)."""
    return not any(t.kind == "attack" and t.sentence < trigger.sentence for t in ann.triggers)


def _told_before(ann: Annotated, trigger: Trigger) -> bool:
    """Whether an attack's mention names one the report has told already ("condemned the
    bombing", "both attacks"): it joins that one rather than taking a place of its own."""
    before = ann.text[max(ann.sentences[trigger.sentence].start, trigger.start - 30) : trigger.start].lower()
    if _ANAPHORIC.search(before):
        return True
    return any(t.kind in REACTIONS and t.sentence == trigger.sentence and t.start < trigger.start for t in ann.triggers)


def _has_subject(ann: Annotated, trigger: Trigger) -> bool:
    parsed = ann.parses.get(trigger.sentence)
    head = head_of(parsed, trigger.start, trigger.end) if parsed else None
    return head is not None and bool(subject_and_object(head)[0] or any(c.dep_ == "nsubjpass" for c in head.children))


def _attack_details(ann: Annotated, trigger: Trigger) -> Details:
    """An attack's details from its sentence and the rest of its paragraph (a report tells the
    act, then its toll: "… in Bannu. Four policemen were martyred")."""
    sentence = ann.sentences[trigger.sentence]
    end = sentence.end
    for following in ann.sentences[trigger.sentence + 1 : trigger.sentence + 1 + DETAIL_SENTENCES]:
        if "\n" in ann.text[end : following.start] or _has_other_attack(ann, following.index, trigger):
            break
        end = following.end
    parsed = ann.parses.get(trigger.sentence)
    return read_details(ann.text[sentence.start : end], trigger.start - sentence.start, parsed.doc if parsed else None,
                        sentence.end - sentence.start)


def _has_other_attack(ann: Annotated, index: int, trigger: Trigger) -> bool:
    return any(t.kind == "attack" and t.sentence == index and t is not trigger for t in ann.triggers)


def _clause(ann: Annotated, trigger: Trigger) -> tuple[int, int]:
    """Offsets of the clause of the sentence that holds the trigger."""
    sentence = ann.sentences[trigger.sentence]
    lo, hi = sentence.start, sentence.end
    if ";" not in sentence.text and not any(word in sentence.text for word in _CLAUSE_WORDS):
        return lo, hi  # no break can stand in it (most sentences): spares the pattern's search
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        at = sentence.start + m.start()
        if at < trigger.start:
            lo = at
        elif at >= trigger.end:
            hi = at
            break
    return lo, hi


def _attribution(ann: Annotated, mention: ActorMention) -> bool:
    return mention.kind == "organisation" and bool(_ATTRIBUTION.search(ann.text[max(0, mention.start - 60) : mention.start]))


def _strength(ann: Annotated, trigger: Trigger, parties: int) -> float:
    """How well a mention states its event: the trigger, how many parties it names, and whether
    it is body text rather than the headline."""
    headline = ann.sentences[trigger.sentence].text == (ann.doc.title or "")
    return trigger.weight + 0.05 * min(parties, 4) - (0.2 if headline else 0.0)


def _participants(actors: list[ActorMention], trigger: Trigger, ann: Annotated) -> tuple[list[Participant], int]:
    """People, organisations and countries of the sentence; those before the trigger act."""
    seen: dict[str, Participant] = {}
    parties = 0
    for mention in actors:
        role = "source" if mention.end <= trigger.start else "target"
        for participant in _as_participants(mention, role, ann):
            key = participant.key()
            if key not in seen:
                seen[key] = participant
                parties += 1
        if mention.kind == "collective" and len(ann.principal_countries) < 2:
            parties += 1  # "both sides" is two parties even when their countries are unknown
    found = _prune(list(seen.values()))
    if trigger.kind == "attack":
        # Who speaks of an attack before naming it (a condemnation) is no party to it.
        found = [p for p in found if p.role == "target" or p.kind == "organisation"]
    if trigger.attendance:
        for p in found:
            p.role = "other"
    elif found and not any(p.role == "source" for p in found):
        found[0].role = "source"
    return found, parties


def _prune(participants: list[Participant]) -> list[Participant]:
    """A country stands as a party only where no person, body or group of it is named, and a
    group only where no person or body of it is."""
    named = {p.country for p in participants if p.kind in ("person", "organisation")}
    grouped = {p.country for p in participants if p.kind == "group"}
    return [p for p in participants
            if (p.kind != "country" or p.country not in named | grouped) and (p.kind != "group" or p.country not in named)]


def _as_participants(mention: ActorMention, role: str, ann: Annotated) -> list[Participant]:
    if mention.kind == "person":
        return [Participant(mention.name, mention.title, mention.org, mention.country, role, "person",
                            mention.actor_id or mention.entity, _sector_of(mention))]
    if mention.kind == "organisation":
        return [Participant(None, None, mention.org, mention.country, role, "organisation", mention.actor_id,
                            _sector_of(mention))]
    if mention.kind == "collective":
        if re.search(r"(?i)officials|leaders|ministers|envoys", mention.name or ""):
            people = _principal_people(ann)
            if people:
                return [Participant(p.name, p.title, p.org, p.country, role, "person", p.actor_id or p.entity) for p in people]
        return [Participant(None, None, None, c, role, "country") for c in ann.principal_countries]
    if mention.kind == "group":
        return [Participant(re.sub(r"^[Tt]he\s+", "", mention.name), None, None, mention.country, role, "group")]
    return [Participant(None, None, None, mention.country, role, "country")]


def _sector_of(mention: ActorMention) -> str | None:
    """The register's sector for a known body, else a guess from the title and name."""
    entry = find_org(mention.org) if mention.org else None
    known = (entry or {}).get("sectors") or []
    return known[0] if known else guess_sector(mention.title, mention.org)


def _principal_people(ann: Annotated) -> list[ActorMention]:
    """'The two officials': the first person named, and the first after them from another country."""
    people = [a for a in ann.actors if a.kind == "person"]
    if not people:
        return []
    first = people[0]
    other = next((p for p in people if p.country != first.country), None)
    return [first, other] if other else []


def _countries(actors: list[ActorMention], participants: list[Participant], ann: Annotated) -> list[str]:
    found = [p.country for p in participants if p.country]
    found += [a.country for a in actors if a.country]
    return list(dict.fromkeys(found))


def _attack_countries(ann: Annotated) -> list[str]:
    return [ann.home_country] if ann.home_country else []


def _sectors(ann: Annotated, trigger: Trigger) -> list[str]:
    """Sectors named after the trigger in its sentence, or before it when none follow."""
    mentions = ann.in_sentence(ann.sectors, trigger.sentence)
    after = [s.sector for s in mentions if s.start >= trigger.start]
    chosen = after or [s.sector for s in mentions]
    return sorted(set(chosen))


def _date(ann: Annotated, trigger: Trigger) -> tuple[DateMention | None, bool]:
    mentions = ann.in_sentence(ann.dates, trigger.sentence)
    anchor = ann.anchor_date
    published = ann.doc.published
    if published is not None:
        if trigger.kind == "scheduled_event":
            mentions = [d for d in mentions if d.day >= published.replace(day=1)]
        else:
            mentions = [d for d in mentions if d.day <= published]  # a later date is a plan, not this event
    if mentions:
        return min(mentions, key=lambda d: (d.start < trigger.start, abs(d.start - trigger.start))), True
    if trigger.kind in REACTIONS and anchor is not None and published is not None and _anchored_on_attack(ann):
        return DateMention(0, 0, published.isoformat(), "day", published), False
    if trigger.kind in ANCHORED:
        return anchor, False
    return None, False


def _anchored_on_attack(ann: Annotated) -> bool:
    """Whether the report's day is the day of an attack (reactions to it come later)."""
    anchor = ann.anchor_date
    return anchor.sentence >= 0 and any(t.kind == "attack" and t.sentence == anchor.sentence for t in ann.triggers)


def _places(ann: Annotated, trigger: Trigger) -> list[PlaceMention]:
    """Local places of the trigger's sentence that say where: after the trigger first, then
    before it; of a place and one inside it ("Khyber Pakhtunkhwa's Lakki Marwat", "Mir Ali tehsil
    of North Waziristan") the inner one. A place inside an organisation's name ("the US Embassy
    in Islamabad") says where the body is, and a destination ("a convoy bound for Parachinar")
    where someone was going."""
    local = _known_first([p for p in ann.in_sentence(ann.places, trigger.sentence) if _locates(p, ann, trigger.kind)])
    after = [] if trigger.kind in PLACE_BEFORE_ONLY else [p for p in local if p.start >= trigger.start]
    # "The embassy in Islamabad condemned the attack": where the speaker was, not the attack
    before_counts = not (trigger.kind == "attack" and _told_before(ann, trigger))
    chosen = after or ([p for p in local if p.start < trigger.start] if before_counts else [])
    unique: dict[str, PlaceMention] = {}
    for place in _finest(chosen, ann.text):
        unique.setdefault(place.name, place)
    places = list(unique.values())
    return places if trigger.kind == "attack" else places[:1]


def _known_first(places: list[PlaceMention]) -> list[PlaceMention]:
    """The gazetteer's places, or those only the model reads when the gazetteer knows none (a
    village or a neighbourhood goes to the district or city named with it)."""
    known = [p for p in places if p.kind != "unknown"]
    return known or places


def _locates(place: PlaceMention, ann: Annotated, kind: str = "") -> bool:
    """Whether a place mention can say where something happened (or, for a plan, where it will:
    "will travel to Houston")."""
    if place.kind not in LOCAL_KINDS or not place.preposition:
        return False
    if place.preposition in DESTINATIONS and kind != "scheduled_event":
        return False
    return not any(a.kind == "organisation" and a.start <= place.start and place.end <= a.end
                   for a in ann.in_sentence(ann.actors, place.sentence))


def _finest(places: list[PlaceMention], text: str) -> list[PlaceMention]:
    """Places none of the others lies inside (by the gazetteer, or as written: "Karachi's
    Landhi area", "Jhimpir, Sindh")."""
    return [p for p in places if not any(q is not p and (_inside(q, p) or _written_inside(q, p, text)) for q in places)]


def _written_inside(inner: PlaceMention, outer: PlaceMention, text: str) -> bool:
    if outer.end <= inner.start:
        return text[outer.end : inner.start] in ("'s ", "’s ")
    return inner.end <= outer.start and text[inner.end : outer.start] in (", ", " in ")


def _inside(inner: PlaceMention, outer: PlaceMention) -> bool:
    if inner.name == outer.name:
        return False
    if outer.kind in COARSE:
        return inner.admin1 == outer.name or inner.admin1 == outer.admin1 and inner.kind not in COARSE
    return outer.kind == "district" and inner.district == outer.name


def _document_place(ann: Annotated, trigger: Trigger) -> PlaceMention | None:
    """Where an event happened that its sentence does not say: the nearest sentence of its
    paragraph that places no other event of its kind, "here" (the dateline's city), and the
    dateline itself only for kinds that happen where the report is filed."""
    if trigger.kind not in PLACED_BY_CONTEXT:
        return None
    sentence = ann.sentences[trigger.sentence]
    if _HERE.search(sentence.text) and ann.dateline_place is not None:
        return ann.dateline_place
    others = {t.sentence for t in ann.triggers if t.kind == trigger.kind and t is not trigger}
    nearby = sorted(paragraph_sentences(ann, {trigger.sentence}) - {trigger.sentence} - others,
                    key=lambda i: (abs(i - trigger.sentence), i > trigger.sentence))
    for index in nearby:
        found = _finest(_known_first([p for p in ann.in_sentence(ann.places, index) if _locates(p, ann)]), ann.text)
        if found:
            return found[0]
    lead = trigger.kind != "attack" or trigger.sentence <= ann.dateline_place.sentence + 1 if ann.dateline_place else False
    if trigger.kind in DATELINED and lead and ann.dateline_place.kind in LOCAL_KINDS:
        return ann.dateline_place
    return None


def _future_date(ann: Annotated, trigger: Trigger) -> bool:
    published = ann.doc.published
    return any(d.start >= trigger.start and (published is None or d.day > published)
               for d in ann.in_sentence(ann.dates, trigger.sentence))


@cache
def _event_noun_regex() -> re.Pattern:
    nouns = "|".join(re.escape(n) for n in kind_lexicon()["event_nouns"])
    return re.compile(rf"\b(?:{lowered(nouns)})s?\b")


def _event_noun(lower_sentence: str) -> bool:
    return bool(_event_noun_regex().search(lower_sentence))


def _event_name(text: str) -> str | None:
    m = _EVENT_NAME.search(text)
    return re.sub(r"^(?:The|An|A)\s+", "", m.group()) if m else None


def _amount(text: str) -> dict | None:
    m = _AMOUNT.search(text)
    if not m:
        return None
    number = float((m.group("num") or m.group("num2")).replace(",", ""))
    unit = (m.group("unit") or m.group("unit2") or "").lower()
    currency = (m.group("cur") or m.group("cur2") or "").lower()
    code = "PKR" if currency.startswith(("rs", "pkr", "rupee")) else "USD"
    return {"value": number * _UNITS.get(unit, 1), "currency": code, "text": m.group().strip()}


def _merge_or_add(merged: list[Candidate], candidate: Candidate, add: bool) -> None:
    """Fold a mention into the event it reports again, or keep it as a new event (when `add`).
    An attendance list joins the latest event of its kind whoever it names."""
    joins_any = candidate.trigger.attendance or (candidate.kind == "attack" and candidate.place is None)
    for existing in reversed(merged) if joins_any else merged:
        if existing.kind == candidate.kind and (joins_any or _compatible(existing, candidate)):
            _absorb(existing, candidate)
            return
    if add:
        merged.append(candidate)


def _people(c: Candidate) -> set[str]:
    return {p.key() for p in c.participants if p.kind == "person"}


def _speakers(c: Candidate) -> set[str]:
    return {p.key() for p in c.participants if p.role == "source" and p.kind in ("person", "organisation")}


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Two mentions are one event unless they name different people, dates, places or sums, or
    are statements by different speakers (a minister's and an embassy's condemnations of one
    attack are two)."""
    if _people(a) and _people(b) and not _people(a) & _people(b):
        return False
    if a.kind in STATEMENTS and _speakers(a) and _speakers(b) and not _speakers(a) & _speakers(b):
        return False
    if a.explicit_date and b.explicit_date and a.date.value != b.date.value:
        return False
    if a.kind == "attack" and (a.place and a.place.name) != (b.place and b.place.name):
        return False
    if a.place and b.place and a.place.name != b.place.name:
        return False
    if a.kind in SECTORAL and a.sectors and b.sectors and not set(a.sectors) & set(b.sectors):
        return False
    if a.name and b.name and a.name != b.name:
        return False
    return not (a.amount and b.amount and a.amount["value"] != b.amount["value"])


def _merged_details(a: Details | None, b: Details | None) -> Details | None:
    """One attack's details from two mentions: what either states, the larger toll."""
    if a is None or b is None:
        return a or b
    casualties = a.casualties or b.casualties
    if a.casualties and b.casualties:
        casualties = {key: _larger(a.casualties.get(key), b.casualties.get(key)) for key in ("killed", "injured", "hostages")}
        casualties["text"] = a.casualties.get("text")
    return Details(casualties, a.method or b.method, a.target or b.target, a.perpetrator or b.perpetrator,
                   a.claimed or b.claimed)


def _larger(x: int | None, y: int | None) -> int | None:
    return y if x is None else x if y is None else max(x, y)


def _absorb(into: Candidate, other: Candidate) -> None:
    keys = {p.key() for p in into.participants}
    into.participants = _prune(into.participants + [p for p in other.participants if p.key() not in keys])
    into.countries = list(dict.fromkeys(into.countries + other.countries))
    if not other.trigger.attendance:
        into.sectors = sorted(set(into.sectors) | set(other.sectors))
    if other.explicit_date and not into.explicit_date:
        into.date, into.explicit_date = other.date, True
    into.place = into.place or other.place
    into.name = into.name or other.name
    into.amount = into.amount or other.amount
    into.details = _merged_details(into.details, other.details)
    into.sources += [s for s in other.sources if s not in into.sources]
    if other.strength > into.strength and other.parties >= into.parties:
        into.trigger, into.strength = other.trigger, other.strength


def _event(ann: Annotated, c: Candidate, spec: dict, code) -> Event:
    text = ann.text
    sources = [Source(ann.doc.name, *ann.quote(s, e), ann.doc.id) for s, e in sorted(c.sources)]
    place = c.place
    plover = _plover(ann, c, spec, code)
    confidence = c.trigger.weight * (HEDGE_FACTOR if c.trigger.hedged else 1.0)
    key = f"{c.kind}|{ann.doc.id}|{c.trigger.start}|{place.name if place else ''}"
    return Event(
        id="ev_" + hashlib.sha256(key.encode()).hexdigest()[:16],
        kind=c.kind,
        plover=plover,
        date=c.date.value if c.date else None,
        date_precision=c.date.precision if c.date else None,
        place=place.name if place else None,
        geo=Geo(place.lat, place.lon, place.admin1, place.country) if place and place.lat is not None else None,
        participants=c.participants,
        countries=c.countries,
        sectors=c.sectors,
        summary=summarise(c.kind, c.participants, c.countries, place.name if place else None,
                          c.date.value if c.date else None, text[c.trigger.start : ann.sentences[c.trigger.sentence].end],
                          c.name, c.amount),
        sources=sources,
        confidence=round(confidence, 2),
        name=c.name,
        amount=c.amount,
        casualties=_casualties(c.details),
        attack=_attack(c.details),
        tense=c.tense,
    )


def _casualties(details: Details | None) -> dict | None:
    return details.casualties if details and details.casualties else None


def _attack(details: Details | None) -> dict | None:
    if details is None or not (details.method or details.target or details.perpetrator):
        return None
    return {"method": details.method, "target": details.target, "perpetrator": details.perpetrator,
            "claimed": details.claimed}


def _plover(ann: Annotated, c: Candidate, spec: dict, code) -> Plover:
    """The kind's PLOVER type; its mode and context from the kind's rules and the shared context
    words (on the lower-cased sentence), completed by the sentence's PLOVER code where that code
    agrees on the type (an `other` event takes the code)."""
    sentence = ann.sentences[c.trigger.sentence]
    lower = ann.lower_of(sentence)
    coding = spec["plover"]
    modes, contexts = _plover_rules(c.kind)
    kind_type = coding["type"] or (code.type if code else None)
    mode = next((m for regex, m in modes if regex.search(lower)), coding.get("mode"))
    context = list(coding.get("context", [])) + [name for regex, name in contexts if regex.search(lower)]
    context += [name for regex, name in _shared_contexts() if _names(ann, name, regex, sentence, lower)]
    if code is not None and code.type == kind_type:
        mode = mode or code.mode
        context += list(code.context)
    return Plover(kind_type, mode, list(dict.fromkeys(context)))


def _names(ann: Annotated, context: str, regex: re.Pattern, sentence: Sentence, lower: str) -> bool:
    """Whether the lower-cased sentence names the context, tried where its words stand."""
    return any(regex.match(lower, at) for at in anchors.starts_in(ann, anchors.context_lexicon(context), sentence))


@cache
def _plover_rules(kind: str) -> tuple[tuple, tuple]:
    """A kind's mode rules and its own context rules, compiled lower-cased for the lower-cased
    sentence."""
    spec = kind_lexicon()["kinds"][kind]
    modes = tuple((re.compile(lowered(r["pattern"])), r["mode"]) for r in spec.get("mode_rules", []))
    contexts = tuple((re.compile(lowered(r["pattern"])), r["context"]) for r in spec.get("context_rules", []))
    return modes, contexts


@cache
def _shared_contexts() -> tuple[tuple[re.Pattern, str], ...]:
    """The contexts any event may have, whole words (sought where their words stand, see
    extract/anchors.py)."""
    return tuple((re.compile(rf"\b(?:{lowered(p)})\b"), name) for name, p in kind_lexicon()["contexts"].items())
