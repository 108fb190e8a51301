"""What a report says of an attack: its casualties as reported, its method, whom it targeted,
who did it and whether a group claimed it (EVENTS.md: `casualties`, `attack`).

Victims are counted, attackers are not ("three soldiers were martyred while two terrorists were
killed" is 3 killed). "At least six" is 6. A number is read where it stands with a word of
killing, wounding or abduction in the attack's own sentences; where the report gives none, the
field is left empty rather than guessed. The words are data (data/attacks.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from corridor.extract.lexicons import load_yaml

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "a dozen": 12, "half a dozen": 6, "single": 1,
}
_NUM = r"(?:\d[\d,]*|half a dozen|a dozen|(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|" + "|".join(
    sorted((w for w in _NUMBER_WORDS if " " not in w), key=len, reverse=True)) + r")"
_ABOUT = r"(?:at least |as many as |more than |over |nearly |around |about |some |up to |another |other )?"
# Up to three words naming who was hit ("police officials", "other passengers").
_WHO = r"(?P<who>(?:(?!(?:and|or|dead|killed|injured|wounded)\b|\d)[\w’'-]+\s+){0,3}?)"
_WERE = r"(?:(?:were|was|have been|has been|had been|are|is|got|reportedly|also|later|all)\s+){0,3}"
_KILLED = r"(?:killed|martyred|dead|died|slain|shot dead|gunned down|lost (?:their|his|her) lives|embraced martyrdom)"
_INJURED = r"(?:injured|wounded|hurt|sustained (?:\w+ )?injuries|received (?:\w+ )?injuries)"
_TAKEN = r"(?:abducted|kidnapped|taken hostage|held hostage|taken captive|whisked away)"


def _patterns(verb: str, gerund: str) -> list[re.Pattern]:
    return [
        # "six people were killed", "two soldiers martyred"
        re.compile(rf"(?i)\b{_ABOUT}(?P<num>{_NUM})\s+{_WHO}{_WERE}{verb}\b"),
        # "killing six people", "injuring at least 19", "left three dead"
        re.compile(rf"(?i)\b{gerund}\s+{_ABOUT}(?P<num>{_NUM})\b(?!\s*(?:pc|per|%|years?|km|kg|days?|hours?|am|pm))"
                   rf"(?P<who>(?:\s+[\w’'-]+){{0,3}})"),
    ]


_KILL_PATTERNS = _patterns(_KILLED, r"(?:killing|killed|martyring|martyred|shot dead|gunned down|shooting dead|"
                                    r"claimed the lives of|claiming the lives of|leaving|left)")
_INJURY_PATTERNS = _patterns(_INJURED, r"(?:injuring|injured|wounding|wounded|leaving|left)")
_TAKEN_PATTERNS = _patterns(_TAKEN, r"(?:abducting|abducted|kidnapping|kidnapped|took|taking|seized)")
_TOLL = re.compile(rf"(?i)\bdeath toll\s+(?:\w+\s+){{0,3}}?(?:rose|climbed|reached|jumped|increased|mounted|stood|is|was|to)\s+(?:to\s+)?(?P<num>{_NUM})\b")
# "leaving N dead/injured", "left N injured": the state word decides which count it is.
_LEFT_STATE = re.compile(r"(?i)^\s*(?:\w+\s+){0,2}?(dead|killed|injured|wounded|hurt)\b")
_NOBODY = re.compile(r"(?i)\b(?:no (?:one|casualties|loss of life|injuries)|nobody|did not cause any (?:human )?(?:loss|harm|casualt)|"
                     r"no (?:human )?loss|without (?:causing )?(?:any )?casualties|remained unhurt|escaped unhurt)")
_COORDINATED = re.compile(rf"(?i)(?P<num>{_NUM})\s+(?:(?!(?:dead|killed|injured|wounded|martyred)\b)[\w’'-]+\s+){{1,2}}?"
                          r"(?:and|,)\s+$")


@dataclass(frozen=True)
class Details:
    casualties: dict | None
    method: str | None
    target: str | None
    perpetrator: str | None
    claimed: bool


def read_details(text: str, trigger_at: int = 0, parsed: Doc | None = None, first_end: int | None = None) -> Details:
    """The details an attack's sentences state (`text`), its trigger at `trigger_at` in it and its
    own sentence ending at `first_end`. Counts come from its own sentence first (its parse, when
    given, finds victims the patterns cannot: "A trader, an activist of the party, was shot
    dead"); the sentences after it only fill a count it does not give."""
    group, claimed = perpetrator(text)
    first_end = len(text) if first_end is None else first_end
    found = casualties(text[:first_end])
    if parsed is not None:
        found = _with_parsed(found, parsed_casualties(parsed))
    rest = casualties(text[first_end:]) if first_end < len(text) else None
    if rest:
        found = {key: (found or {}).get(key) if (found or {}).get(key) is not None else value
                 for key, value in rest.items() if key != "text"} | {"text": (found or rest)["text"]}
    return Details(found, method(text, trigger_at), target(text[:first_end]) or target(text), group, claimed)


# Verbs whose victims are counted, by the count they go to.
_VERB_COUNTS = {
    "killed": "killed", "martyred": "killed", "slain": "killed", "murdered": "killed", "gunned": "killed",
    "beheaded": "killed", "died": "killed", "injured": "injured", "wounded": "injured", "hurt": "injured",
    "abducted": "hostages", "kidnapped": "hostages",
}


def parsed_casualties(doc: Doc) -> dict[str, int]:
    """Victims counted from a parsed sentence: the subject of a passive ("Seven officials were
    killed"), the object of an active verb ("killed two policemen"), the subject of "died",
    "suffered injuries" or "lost their lives", with the people joined to them ("two soldiers
    and a civilian")."""
    counts: dict[str, int] = {}
    for token in doc:
        key = _VERB_COUNTS.get(token.lower_)
        if token.lower_ == "shot" and any(c.lower_ == "dead" for c in token.children):
            key = "killed"
        objects = {c.lower_ for c in token.children if c.dep_ == "dobj"}
        if token.lower_ in ("suffered", "sustained", "received") and objects & {"injuries", "wounds"}:
            key = "injured"
        elif token.lower_ in ("lost", "laid") and objects & {"lives", "life"}:
            key = "killed"
        if key is None or not (token.tag_.startswith("VB") or token.tag_ == "JJ"):
            continue
        victims = [c for c in token.children if c.dep_ == "nsubjpass"]
        if not victims and token.tag_ in ("VBD", "VBG", "VBZ", "VBP", "VB"):
            takes_object = key != "killed" or token.lower_ not in ("died", "lost", "laid")
            victims = [c for c in token.children if c.dep_ == ("dobj" if takes_object else "nsubj")]
            if token.lower_ in ("suffered", "sustained", "received"):
                victims = [c for c in token.children if c.dep_ == "nsubj"]
        number = sum(n for n in (_noun_count(v) for v in victims) if n) if victims else 0
        if number:
            counts[key] = max(counts.get(key, 0), number)
    return counts


def _noun_count(noun: Token) -> int | None:
    """How many people a noun phrase names, with those joined to it by "and"."""
    total = 0
    for part in (noun, *noun.conjuncts):
        if _is_attacker(part.text) or not (part.tag_.startswith("NN") or part.tag_ == "PRP"):
            continue
        numbers = [c for c in part.children if c.dep_ == "nummod"]
        single = any(c.dep_ == "det" and c.lower_ in ("a", "an", "one", "another") for c in part.children)
        if part is not noun and not (numbers or single):
            continue  # "a polio worker and supervisor": one person named twice
        if numbers:
            value = _number(numbers[0].text, part.text)
            if value is None:
                return None
            total += value
        elif single or part.tag_ in ("NN", "NNP"):
            total += 1
        else:
            return None  # "policemen", "people": how many is not said
    return total or None


def _with_parsed(found: dict | None, parsed: dict[str, int]) -> dict | None:
    if not parsed:
        return found
    merged = dict(found or {"killed": None, "injured": None, "hostages": None, "text": ""})
    for key, number in parsed.items():
        merged[key] = number if merged.get(key) is None else max(merged[key], number)
    return merged


_ATTACKERS_KILLED = re.compile(
    rf"(?i)\b(?:{_NUM}\s+)?(?:[\w-]+\s+){{0,2}}?(?:terrorists?|militants?|khawarij|khwarij|kharjis?|insurgents?|gangsters?|"
    rf"dacoits?|outlaws?|suspects?|attackers?)\s+(?:\w+\s+){{0,2}}?(?:were\s+|was\s+)?(?:killed|neutrali[sz]ed|eliminated|"
    rf"gunned down|shot dead)|(?:killed|neutrali[sz]ed|eliminated)\s+(?:at least |as many as |some )?(?:{_NUM}\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?(?:terrorists?|militants?|khawarij|khwarij|insurgents?|gangsters?|dacoits?|outlaws?|suspects?)")


def not_an_attack(text: str) -> bool:
    """Whether a report of deaths or injuries tells of no attack: a flood, an accident, a family
    feud, with no word of who attacked or how."""
    lex = _lexicon()
    strong = lex["attackers"].search(text) or any(regex.search(text) for name, regex in lex["methods"] if name != "firing")
    if strong:
        return False
    return not lex["attack_cues"].search(text) or bool(lex["not_attacks"].search(text))


def operation(text: str, found: dict | None) -> bool:
    """Whether a report of killing is one of the security forces' operations: militants killed
    and no victim of theirs counted ("troops killed five terrorists in an operation")."""
    victims = found and any(found.get(k) for k in ("killed", "injured", "hostages"))
    return not victims and bool(_ATTACKERS_KILLED.search(text))


def casualties(text: str) -> dict | None:
    """{killed, injured, hostages, text}: each the largest number of victims the text states
    for it (a later toll is the larger), None where it states none; None when it states no
    number at all."""
    counts: dict[str, int | None] = {"killed": None, "injured": None, "hostages": None}
    spans: list[tuple[int, int]] = []
    for key, patterns in (("killed", _KILL_PATTERNS), ("injured", _INJURY_PATTERNS), ("hostages", _TAKEN_PATTERNS)):
        for pattern in patterns:
            for m in pattern.finditer(text):
                key_here = _left_state(m, text) or key
                who = (m.group("who") or "").strip()
                if key_here == "none" or _is_attacker(who) or _not_people(who):
                    continue
                number = _number(m.group("num"), who)
                if number is None:
                    continue
                number += _coordinated_before(text, m.start("num"))
                if counts[key_here] is None or number > counts[key_here]:
                    counts[key_here] = number
                spans.append(m.span())
    for m in _TOLL.finditer(text):
        number = _number(m.group("num"), "")
        if number and (counts["killed"] is None or number > counts["killed"]):
            counts["killed"] = number
            spans.append(m.span())
    if not spans:
        if _NOBODY.search(text):
            return {"killed": 0, "injured": 0, "hostages": None, "text": _NOBODY.search(text).group()}
        return None
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    return {**counts, "text": text[first:last]}


def _left_state(m: re.Match, text: str) -> str | None:
    """"leaving five dead", "left two injured": the word after the number says which count."""
    if not m.group().lower().startswith(("leaving", "left")):
        return None
    state = _LEFT_STATE.match(text, m.end("num"))
    if not state:
        return "none"
    return "killed" if state.group(1).lower() in ("dead", "killed") else "injured"


def _number(word: str, who: str) -> int | None:
    word = word.lower().replace(",", "")
    if word.isdigit():
        value = int(word)
        return value if value < 100_000 else None
    if word in _NUMBER_WORDS:
        if word in ("a", "an") and who and who.split()[-1].lower().endswith("s"):
            return None  # "a number of", "a few": not one
        return _NUMBER_WORDS[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in _NUMBER_WORDS and parts[1] in _NUMBER_WORDS:
        return _NUMBER_WORDS[parts[0]] + _NUMBER_WORDS[parts[1]]
    return None


def _coordinated_before(text: str, at: int) -> int:
    """Victims listed before a count with "and" ("two soldiers and a civilian were killed")."""
    m = _COORDINATED.search(text[max(0, at - 60) : at])
    if not m:
        return 0
    number = _number(m.group("num"), "")
    return number or 0


def _is_attacker(who: str) -> bool:
    return bool(who) and bool(_lexicon()["attackers"].search(who))


def _not_people(who: str) -> bool:
    """Counts of things, not of people ("two vehicles were damaged" is not a casualty)."""
    return bool(re.search(r"(?i)\b(vehicles?|houses?|shops?|buildings?|cars?|rounds?|years?|months?|days?|times?|"
                          r"percent|per cent|kilometres?|km|rupees|million|billion)\b", who))


def method(text: str, near: int = 0) -> str | None:
    """The method whose words stand nearest the trigger; gunfire only where no other is named
    ("assailants hurled a grenade" is a grenade attack); among equals, the most specific."""
    best: tuple[bool, int, int, str] | None = None
    for rank, (name, regex) in enumerate(_lexicon()["methods"]):
        for m in regex.finditer(text):
            key = (name == "firing", abs(m.start() - near), rank, name)
            if best is None or key < best:
                best = key
    return best[3] if best else None


def target(text: str) -> str | None:
    """The first kind of target (in the lexicon's order) whose words the text holds."""
    for name, regex in _lexicon()["targets"]:
        if regex.search(text):
            return name
    return None


def perpetrator(text: str) -> tuple[str | None, bool]:
    """The group named as the attacker, and whether the text says a group claimed it."""
    lex = _lexicon()
    claimed = bool(lex["claims"].search(text))
    found = [(m.start(), name) for regex, name in lex["perpetrators"] for m in regex.finditer(text)]
    if not found:
        return None, False
    return min(found)[1], claimed


@cache
def _lexicon() -> dict:
    data = load_yaml("attacks.yaml")
    return {
        "methods": [(name, _words(words)) for name, words in data["methods"].items()],
        "targets": [(name, _words(words)) for name, words in data["targets"].items()],
        "attackers": _words(data["attackers"]),
        "perpetrators": [(_words([g["name"], *g["aliases"]], cased=True), g["name"]) for g in data["perpetrators"]],
        "claims": _words(data["claims"]),
        "not_attacks": _words(data["not_attacks"]),
        "attack_cues": _words(data["attack_cues"]),
    }


def _words(words: list[str], cased: bool = False) -> re.Pattern:
    """Whole words or phrases; a trailing * takes any ending. Acronyms are matched as written."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        stem = word.endswith("*")
        body = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(body + (r"\w*" if stem else "") + r"(?![\w-])")
    flags = 0 if cased else re.IGNORECASE
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")", flags)
