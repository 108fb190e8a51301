"""Regular expressions built once from the lexicons: names, titles, countries, organisations."""

import re
from functools import cache

from corridor.extract.lexicons import alternation, country_by_surface, initials, lexicon, register, titles

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
WORD = rf"(?:O['’])?(?:Mc|Mac)?[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)*"
INITIAL = rf"[{UPPER}]{{1,2}}\.?"
# What may not stand right before a name or a word of a list: a name starts a word.
WORD_CHAR = r"[\w-]"


@cache
def name() -> str:
    """A person's name: initials, then one to four capitalised words, particles allowed inside."""
    particles = alternation(lexicon()["name_particles"])
    retired = r"(?:\s+\((?:retd|Retd|retired|r)\.?\))?"  # "Lieutenant General (retd) Shahid Tiwana"
    return rf"(?:{INITIAL}\s+)*{WORD}{retired}(?:\s+(?:(?:{particles})\s+)?{WORD}{retired}){{0,4}}"


@cache
def title() -> str:
    """A title of office, case-insensitive: modifiers, a head, and 'of/for …' complements."""
    data = titles()
    mods = alternation(data["modifiers"])
    heads = alternation(data["heads"])
    comp = alternation(data["complement_words"])
    complement = rf"(?:\s+(?:of|for|to|on)\s+(?:the\s+)?(?:{comp})(?:\s*(?:,|and|&)?\s*(?:the\s+)?(?:{comp}))*)"
    return rf"(?i:(?:(?:{mods})\s+){{0,3}}(?:{heads}){complement}*)(?![\w-])"


# What may not stand right before a country: a letter, or a full stop ("U.S." holds no "S.").
NOT_BEFORE_COUNTRY = r"[\w.]"


@cache
def country() -> str:
    return rf"(?<!{NOT_BEFORE_COUNTRY})(?:{alternation(country_by_surface())})(?![\w])"


@cache
def role_noun() -> str:
    return rf"(?i:{alternation(lexicon()['role_nouns'])})"


@cache
def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags)


@cache
def person_honorific() -> re.Pattern:
    honorifics = alternation(["Mr", "Mrs", "Ms", "Dr"], not_after=r"\w")
    return compiled(rf"(?:{honorifics})\.?\s+(?P<name>{name()})")


@cache
def country_name() -> re.Pattern:
    """A country's name where a word starts: tells where the patterns that name a country may
    start. It opens with the name's first letter (its word-start test after it), so that a
    search skips to the letters names start with."""
    return compiled(_country_names())


@cache
def _country_names() -> str:
    return alternation(country_by_surface(), not_after=NOT_BEFORE_COUNTRY)


@cache
def country_mention() -> re.Pattern:
    starts = initials(["the", *country_by_surface()])
    return compiled(rf"(?=[{starts}])(?:(?<=\s)|^|(?<=[(\"“‘'–—-]))(?:the\s+)?(?P<country>{country()})")


@cache
def group_mention() -> re.Pattern:
    nouns = alternation(titles()["group_nouns"])
    starts = initials(["The", "the", *country_by_surface()])
    return compiled(rf"(?=[{starts}])(?:\b[Tt]he\s+)?(?P<cq>{country()})\s+(?P<noun>{nouns})(?![\w])")


@cache
def collective() -> re.Pattern:
    phrases = lexicon()["collectives"]
    return compiled(rf"(?=[{initials(phrases, both_cases=True)}])\b(?i:{alternation(phrases)})\b")


@cache
def register_surfaces() -> tuple[dict[str, dict], dict[str, dict]]:
    """Every name and alias of the register → its entry, for people and for organisations."""
    people, orgs = {}, {}
    data = register()
    for entry in data.get("people", []):
        for surface in (entry["name"], *entry.get("aliases", [])):
            people.setdefault(surface, entry)
    for entry in data.get("organisations", []):
        for surface in (entry["name"], *entry.get("aliases", [])):
            orgs.setdefault(surface, entry)
    return people, orgs


@cache
def register_person() -> re.Pattern:
    people, _ = register_surfaces()
    return compiled(rf"(?:{alternation(people, not_after=WORD_CHAR)})(?![\w-])")


@cache
def register_org() -> tuple[re.Pattern, re.Pattern]:
    """Organisations of the register: acronyms as written (matched on the text), longer names in
    any case (matched on the lower-cased text, three times faster than a case-blind pattern).
    Only the first skips to where a phrase can start: in lower-cased text nearly every letter
    can, and the look-behind first rejects the positions inside words sooner."""
    _, orgs = register_surfaces()
    exact = [s for s in orgs if " " not in s]
    loose = {s.lower() for s in orgs if " " in s}
    return (compiled(rf"(?:{alternation(exact, not_after=WORD_CHAR)})(?![\w-])"),
            compiled(rf"(?<![\w-])(?:{alternation(loose)})(?![\w-])"))


# Portfolios that name a ministry in lower case ("the interior ministry").
PORTFOLIOS = ("finance", "interior", "commerce", "foreign", "energy", "petroleum", "planning", "defence", "defense",
              "power", "industries", "information", "it", "railways", "maritime affairs", "water resources", "law", "home")


@cache
def org_generic() -> re.Pattern:
    """'Ministry of Petroleum', 'Ridgeline Minerals Inc.', 'the interior ministry'."""
    lex = lexicon()
    heads = alternation(lex["org_heads"])
    suffixes = alternation(lex["org_suffixes"])
    caps = rf"[{UPPER}][\w&'’.-]*"
    # After "Ministry of", only words that name a portfolio continue the name, so that
    # "Board of Investment Secretary Farrukh Janjua" stops before the title.
    comp = alternation(titles()["complement_words"])
    of_form = (rf"(?:{heads})\s+(?:of|for)\s+(?:the\s+)?(?:{comp}|{caps})"
               rf"(?:\s+(?:and\s+|&\s+|of\s+|for\s+)?(?:the\s+)?(?:{comp})(?![\w-])){{0,5}}")
    # A word of a company's name ends where its characters do (a possessive `*+`): giving
    # characters back cannot reach the space that must follow, and trying it costs a step a letter.
    word = rf"[{UPPER}][\w&'’.-]*+"
    suffix_form = rf"{word}(?:\s+{word}){{0,4}}\s+(?:{suffixes})(?:,?\s+(?:Inc\.|Inc|Ltd\.|Ltd|LLC|PLC|Corp\.|Limited))?"
    lower_form = rf"(?i:(?:{alternation(PORTFOLIOS)})\s+(?:ministry|division|department))"
    starts = UPPER + initials([*country_by_surface(), *lex["org_heads"]]) + initials(PORTFOLIOS, both_cases=True)
    return compiled(rf"(?=[{starts}])(?<![\w-])(?:(?P<cq>{country()})\s+)?(?P<org>{of_form}|{suffix_form}|{lower_form})(?![\w])")


SPEECH_VERBS = (
    "said|says|told|added|noted|stated|stressed|emphasised|emphasized|explained|confirmed|announced|condemned|denounced|"
    "criticised|criticized|assured|promised|pledged|urged|warned|welcomed|invited|agreed|met|spoke|visited|signed|called"
)


@cache
def org_origin() -> re.Pattern:
    """What follows an organisation's name and tells its country: ', a Denver-based …',
    ', based in Reno, Nevada', ', a US developer'."""
    return compiled(
        rf"^,?\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,3}}?(?:(?P<cq>{country()})\s|(?P<place>[{UPPER}][\w .]*?)-based\b|based\s+in\s+(?P<place2>[{UPPER}][\w]*(?:\s[{UPPER}][\w]*)?))"
    )


@cache
def title_mention() -> re.Pattern:
    """A title of office, matched on the lower-cased text ('secretary of commerce')."""
    data = titles()
    mods, heads, comp = (alternation(w.lower() for w in data[k]) for k in ("modifiers", "heads", "complement_words"))
    complement = rf"(?:\s+(?:of|for|to|on)\s+(?:the\s+)?(?:{comp})(?:\s*(?:,|and|&)?\s*(?:the\s+)?(?:{comp}))*)"
    return compiled(rf"(?<![\w-])(?=[a-z])(?:(?:{mods})\s+){{0,3}}(?:{heads}){complement}*(?![\w-])")


@cache
def country_before() -> re.Pattern:
    """The country qualifying what follows ('US |Secretary'), searched up to it (from the
    letters a country's name starts with, see country_name)."""
    return compiled(rf"(?P<cq>{_country_names()})(?![\w])\s+\Z")


@cache
def name_after() -> re.Pattern:
    """The name right after a title: 'Minister| Mohsin Naqvi'."""
    return compiled(rf"\s+(?P<name>{name()})")


@cache
def comma_name_after() -> re.Pattern:
    """A name set off after a title: 'spokesman|, Curtis Hale, said'."""
    return compiled(rf",\s+(?P<name>{name()})(?=\s*[,.;]|\s+(?:{SPEECH_VERBS})\b)")


@cache
def name_before() -> re.Pattern:
    """A name set off before a title, searched up to the title: 'Ellen Hartwell, the |secretary'."""
    return compiled(rf"(?<![\w-])(?=[{UPPER}])(?P<name>{name()}){SET_OFF}")


# How a name set off before a title ends; searched alone first, it spares the search for the
# name where the title follows no comma (most titles).
SET_OFF = r",\s+(?:the\s+|a\s+|an\s+)?\Z"


@cache
def set_off() -> re.Pattern:
    return compiled(SET_OFF)


@cache
def name_mention() -> re.Pattern:
    """Any capitalised name-like run of words."""
    return compiled(rf"(?=[{UPPER}])(?<![\w-]){name()}")


@cache
def speech_after() -> re.Pattern:
    return compiled(rf",?\s+(?:{SPEECH_VERBS})\b")


@cache
def description_after() -> re.Pattern:
    """', an elder of the local Marwat tribe,' after a name."""
    return compiled(r",\s+(?:a|an|the)\s+(?P<description>[a-z][\w'’-]*(?:\s+[\w'’-]+){0,7}?),")


@cache
def description_or_speech_after() -> re.Pattern:
    """A description after a name, or else a verb of speech: one match for both tests."""
    return compiled(rf"{description_after().pattern}|{speech_after().pattern}")


@cache
def unnamed_group() -> re.Pattern:
    """'executives of about a dozen mining and exploration companies': a party without a name."""
    lex = lexicon()
    heads, bodies = alternation(lex["unnamed_group_heads"]), alternation(lex["unnamed_group_bodies"])
    return compiled(rf"(?<![\w-])(?:{heads})\s+(?:of|from)\s+(?:[\w-]+\s+){{0,6}}?(?:{bodies})(?![\w-])")
