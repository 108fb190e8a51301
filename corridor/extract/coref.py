"""Stage 5: in-document coreference. Every person mention is linked to an entity; surnames,
partial names, titles ("the interior minister") and subject pronouns that refer back to a
person become mentions of that person."""

import re
from dataclasses import dataclass
from functools import cache

from corridor.extract import anchors, patterns
from corridor.extract.annotations import ActorMention, Annotated
from corridor.extract.registry import stage

# The look-ahead first: one test of a character rejects most positions before the look-behinds run.
_PRONOUN = re.compile(r"(?=[HhSs])(?:(?<=^)|(?<=[.;:]\s)|(?<=,\s)|(?<=\band\s)|(?<=\bbut\s))(?P<p>[Hh]e|[Ss]he)\b")
# A word and the space after it.
_WORD_AND_SPACE = re.compile(r"(\S+)\s+")
# How many given names may stand before a surname in a repeated name.
MAX_GIVEN = 3


@dataclass
class Entity:
    key: str
    name: str
    title: str | None
    org: str | None
    country: str | None
    actor_id: str | None

    def tokens(self) -> set[str]:
        return set(self.name.split())


@stage("coref", requires=("actors", "triggers"), assigns=("actors",))
def coref(ann: Annotated) -> Annotated:
    people = [a for a in ann.actors if a.kind == "person"]
    entities = _entities(people)
    for find in (_name_repeats, _org_repeats, _title_references, _pronouns):
        added = find(ann, entities)
        if added:  # the mentions are in order already
            _drop_covered(ann, added)
            ann.actors = sorted(ann.actors + added, key=lambda a: a.start)
    return ann


def _entities(people: list[ActorMention]) -> dict[str, Entity]:
    """Fullest names first, so 'Naqvi' joins 'Mohsin Naqvi' rather than starting its own entity."""
    entities: dict[str, Entity] = {}
    for mention in sorted(people, key=lambda m: (-len(m.name.split()), m.start)):
        entity = _match(mention, entities)
        if entity is None:
            key = mention.actor_id or f"person:{mention.name}"
            entity = entities.setdefault(key, Entity(key, mention.name, None, None, None, mention.actor_id))
        entity.title = entity.title or mention.title
        entity.org = entity.org or mention.org
        entity.country = entity.country or mention.country
        mention.entity = entity.key
    for mention in people:
        _fill_from(mention, entities[mention.entity])
    return entities


def _match(mention: ActorMention, entities: dict[str, Entity]) -> Entity | None:
    if mention.actor_id and mention.actor_id in entities:
        return entities[mention.actor_id]
    words = set(mention.name.split())
    candidates = [e for e in entities.values() if words <= e.tokens()]
    return candidates[0] if len(candidates) == 1 else None


def _fill_from(mention: ActorMention, entity: Entity) -> None:
    mention.name = entity.name
    mention.title = mention.title or entity.title
    mention.org = mention.org or entity.org
    mention.country = mention.country or entity.country
    mention.actor_id = mention.actor_id or entity.actor_id


# First words of organisation names that are no short name for them ("the US …", "National …").
NOT_SHORT_NAMES = {"The", "US", "U.S.", "American", "Pakistan", "Pakistani", "National", "Federal", "State", "United",
                   "International", "Ministry", "Department", "Board", "Special", "Central", "General", "Global", "First"}
# Mentions a person mention may cover ("US" inside "the US assistant secretary").
COVERABLE = {"country", "group", "collective"}


def _free(ann: Annotated, start: int, end: int) -> bool:
    return all(end <= a.start or start >= a.end or a.kind in COVERABLE for a in ann.actors)


def _drop_covered(ann: Annotated, added: list[ActorMention]) -> None:
    ann.actors = [a for a in ann.actors if a.kind not in COVERABLE
                  or all(a.end <= m.start or a.start >= m.end for m in added)]


def _mention_of(entity: Entity, start: int, end: int, via: str, ann: Annotated) -> ActorMention:
    mention = ActorMention(start, end, "person", entity.name, entity.title, entity.org, entity.country,
                           entity=entity.key, actor_id=entity.actor_id, via=via)
    mention.sentence = ann.sentence_of(start)
    return mention


def _name_repeats(ann: Annotated, entities: dict[str, Entity]) -> list[ActorMention]:
    """'Naqvi' or 'John Pomeroy' after 'John Mark Pomeroy': a surname with optional given names."""
    found = []
    for entity in entities.values():
        words = entity.name.split()
        if len(words) < 2:
            continue
        for start, end in _repeat_spans(ann.text, words, ann.doc.body_start):
            if _free(ann, start, end) and all(end <= f.start or start >= f.end for f in found):
                found.append(_mention_of(entity, start, end, "name", ann))
    return found


def _org_repeats(ann: Annotated, _entities: dict[str, Entity]) -> list[ActorMention]:
    """'Ridgeline' after 'Ridgeline Minerals Inc.': the first word of a company's name, alone."""
    found = []
    companies = {}
    for mention in ann.actors:
        if mention.kind == "organisation" and mention.org and not mention.actor_id:
            first = mention.org.split()[0]
            if len(mention.org.split()) > 1 and first[:1].isupper() and first not in NOT_SHORT_NAMES:
                companies.setdefault(first, mention)
    body = ann.doc.body_start
    for first, origin in companies.items():
        for start in _occurrences(ann.text, first, body):
            end = start + len(first)
            # A whole word ("Ridgeline's" too), where the body starts or after no letter or hyphen.
            if (start > body and _word_char(ann.text, start - 1)) or _word_char(ann.text, end):
                continue
            if _free(ann, start, end) and all(end <= f.start or start >= f.end for f in found):
                mention = ActorMention(start, end, "organisation", None, None, origin.org, origin.country,
                                       actor_id=origin.actor_id, via="name")
                mention.sentence = ann.sentence_of(start)
                found.append(mention)
    return found


# Names found again are matched by string search, not by a regex compiled for each name: the
# names of a corpus are mostly new, and compiling cost more than all the rest of coreference.


def _repeat_spans(text: str, words: list[str], start: int) -> list[tuple[int, int]]:
    """Where the surname stands, with up to three of the given names before it, as the regex
    (?<![\w-])(?:(?:given|…)\s+){0,3}surname(?![\w-]) finds it from `start`: leftmost first,
    never overlapping, and with as many given names as lead to the surname."""
    given, surname = set(words[:-1]), words[-1]
    spans: list[tuple[int, int]] = []
    resume = start
    for at in sorted({at for word in set(words) for at in _occurrences(text, word, start)}):
        if at < resume or (at > 0 and _word_char(text, at - 1)):
            continue
        end = _repeat_end(text, at, given, surname)
        if end is not None:
            spans.append((at, end))
            resume = end
    return spans


def _repeat_end(text: str, at: int, given: set[str], surname: str) -> int | None:
    """The end of a repeated name starting at `at`: after as many given names as lead to the
    surname (a regex tries the longest run of given names first), or None."""
    heads = [at]  # where the surname may start: after zero, one, … given names
    while len(heads) <= MAX_GIVEN:
        word = _WORD_AND_SPACE.match(text, heads[-1])
        if word is None or word.group(1) not in given:
            break
        heads.append(word.end())
    for head in reversed(heads):
        end = head + len(surname)
        if text.startswith(surname, head) and not _word_char(text, end):
            return end
    return None


def _occurrences(text: str, word: str, start: int) -> list[int]:
    found = []
    at = text.find(word, start)
    while at != -1:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _word_char(text: str, at: int) -> bool:
    """Whether the character at an offset is a letter, digit, underscore or hyphen ([\w-])."""
    return at < len(text) and (text[at].isalnum() or text[at] in "_-")


def _title_references(ann: Annotated, entities: dict[str, Entity]) -> list[ActorMention]:
    """'The US assistant secretary' → the latest person before it whose title fits."""
    found = []
    people = [a for a in ann.actors if a.kind == "person" and a.entity]
    for m in anchors.matches(ann, anchors.TITLE_REFERENCES, _title_reference()):
        if not _free(ann, m.start(), m.end()):
            continue
        earlier = [p for p in people if p.end <= m.start()]
        entity = _best_title_match(m.group("title").lower(), earlier, entities)
        if entity is not None:
            found.append(_mention_of(entity, m.start(), m.end(), "title", ann))
    return found


@cache
def _title_reference() -> re.Pattern:
    """'The US assistant secretary', 'the minister' (a whole word: 'the ministerial level' names
    no one). Tried where "the" stands before a country, a title or a role (extract/anchors.py)."""
    return re.compile(rf"[Tt](?<=\b[Tt])he\s+(?:(?P<cq>{patterns.country()})\s+)?"
                      rf"(?P<title>{patterns.title()}|{patterns.role_noun()}(?![\w-]))(?!\s+[A-Z][a-z])")


def _best_title_match(title: str, earlier: list[ActorMention], entities: dict[str, Entity]) -> Entity | None:
    words = set(title.split())
    best, best_score = None, 0.0
    for recency, mention in enumerate(earlier):
        entity = entities[mention.entity]
        if not entity.title:
            continue
        own = set(entity.title.lower().split())
        head = title.split()[-1]
        if head not in own and not any(w.startswith(head) for w in own):
            continue
        score = len(words & own) + recency / (len(earlier) + 1)  # later mentions win ties
        if score > best_score:
            best, best_score = entity, score
    return best


def _pronouns(ann: Annotated, entities: dict[str, Entity]) -> list[ActorMention]:
    """A subject 'he'/'she' refers to the first person named in the latest sentence naming one.
    Only pronouns of sentences that hold a trigger are resolved: a pronoun names no one a
    later step reads elsewhere (it is never a person's first mention)."""
    found = []
    people = [a for a in ann.actors if a.kind == "person" and a.entity]
    for sentence in (ann.sentences[i] for i in sorted(ann.event_sentences())):
        for m in anchors.matches_at(_PRONOUN, sentence.text, anchors.starts_in(ann, anchors.PRONOUNS, sentence)):
            start = sentence.start + m.start("p")
            before = [p for p in people if p.end <= start]
            if not before:
                continue
            last_sentence = before[-1].sentence
            subject = next(p for p in before if p.sentence == last_sentence)
            found.append(_mention_of(entities[subject.entity], start, start + len(m.group("p")), "pronoun", ann))
    return found
