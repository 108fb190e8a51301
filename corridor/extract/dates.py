"""Stage 6: dates. Candidate spans are found by pattern and only they are parsed by dateparser
(it costs about 30 ms per 1,000 characters when left to search a whole text). Relative dates
("on Thursday", "yesterday", "next month") are resolved against the publication date."""

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from corridor.extract import anchors
from corridor.extract.annotations import Annotated, DateMention
from corridor.extract.lexicons import initials
from corridor.extract.registry import stage

# A month's name, whole ("in Mardan" names no March; nor does "Mondays" a Monday, below).
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?!\w)\.?"
ORD = r"\d{1,2}(?:st|nd|rd|th)?"
# Words after which a bare month name is a date ("in December", "by early March", "mid-June").
_MONTH_CUE = "(?:" + "|".join(rf"(?<=\b{w}\s)" for w in ("in", "by", "early", "late", "next", "this", "until", "from")) + r"|(?<=\bmid-))"
MONTHS_LOWER = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# The first words of relative dates ("last Monday", "day before yesterday", "earlier this month").
_RELATIVE_STARTS = ("yesterday", "today", "tomorrow", "day", "next", "last", "this", "coming", "earlier", "later")
# What a date can start with (tested first: a position that starts none is rejected in one step).
_STARTS = (r"\d" + initials([m.title() for m in MONTHS_LOWER] + ["the", "last", "next", "this", "coming"])
           + initials([*WEEKDAYS, *_RELATIVE_STARTS], both_cases=True))
_CANDIDATE = re.compile(
    rf"""(?x)
    (?=[{_STARTS}])
    (?<![\w-])  # every date starts a word: positions inside words are rejected at once
    (?:(?P<day>(?:the\s+)?{ORD}\s+(?:of\s+)?{MONTH},?(?:\s+\d{{4}})?(?!\d)
          | {MONTH}\s+{ORD}(?:,?\s+\d{{4}})?(?![\d])
          | \d{{4}}-\d{{2}}-\d{{2}})
    | (?P<month>{MONTH}\s+\d{{4}}|{_MONTH_CUE}{MONTH}(?!\s+\d))
    | (?P<weekday>(?:(?:last|next|this|coming)\s+)?(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?!\w))
    | (?P<relday>(?i:yesterday|today|tomorrow|day\s+before\s+yesterday)(?!\w))
    | (?P<relmonth>(?i:(?:next|last|this|earlier\s+this|later\s+this)\s+month))
    | (?P<monthday>(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\s+of\s+(?:this|next)\s+month)
    | (?P<year>(?<=\bin\s)\d{{4}}(?![\d,.])))
    """
)
# The lead of an article: the sentences whose first date is the day of the news.
LEAD_SENTENCES = 3
# What ends the clause before a date.
_CLAUSE_SEPARATOR = re.compile(r"[,;:—–]")
# Words before a date that make it the date of something ahead.
_FUTURE_CUES = re.compile(r"(?i)\b(will|would|next|upcoming|scheduled|slated|planned|due|to be held|expected|coming|set for|set to)\b")


@stage("dates", requires=("sentences", "triggers"), assigns=("dates", "anchor_date"),
       lexicons=lambda: {anchors.DATES: first_words()})
def dates(ann: Annotated) -> Annotated:
    """Dates of the sentences that hold a trigger and of the lead (where the report's day is
    found); no event takes a date from another sentence."""
    base = ann.doc.published
    wanted = ann.event_sentences() | {s.index for s in ann.sentences[:LEAD_SENTENCES]}
    for sentence in (ann.sentences[i] for i in sorted(wanted)):
        for m in anchors.matches_at(_CANDIDATE, sentence.text, anchors.starts_in(ann, anchors.DATES, sentence)):
            resolved = _resolve(m, base, _looks_ahead(sentence.text, m.start()))
            if resolved:
                value, precision, day = resolved
                ann.dates.append(DateMention(sentence.start + m.start(), sentence.start + m.end(), value, precision, day,
                                             sentence.index))
    ann.anchor_date = _anchor(ann)
    return ann


def first_words() -> set[tuple[str, bool]]:
    """What a date starts with (see _CANDIDATE), lower-cased, each with whether it is a stem:
    a month, a weekday or a word of a relative date, a digit, or "the" before one."""
    months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "sept", "october",
              "november", "december", *MONTHS_LOWER]
    words = [*months, *WEEKDAYS, *_RELATIVE_STARTS]
    digits = [str(d) for d in range(10)]
    return {(w, False) for w in words} | {(d, True) for d in digits} | {(f"the {d}", True) for d in digits}


def _looks_ahead(text: str, at: int) -> bool:
    """Whether the clause leading to a date speaks of the future ("will be held on …")."""
    clause = _CLAUSE_SEPARATOR.split(text[:at])[-1]
    return bool(_FUTURE_CUES.search(clause))


def _resolve(m: re.Match, base: date | None, future: bool) -> tuple[str, str, date] | None:
    kind = m.lastgroup
    text = m.group()
    if kind == "weekday":
        return _weekday(text, base, future)
    if kind == "relday":
        return _relative_day(text.lower(), base)
    if kind == "relmonth":
        return _relative_month(text.lower(), base)
    if kind == "monthday":
        return _day_of_relative_month(text.lower(), base)
    if kind == "year":
        return text, "year", date(int(text), 1, 1)
    parsed = _calendar(text, base, future)
    if parsed is None and not _MONTH_NAME.search(text):
        parsed = _parse(re.sub(r"^the\s+|(?<=\d)(st|nd|rd|th)\b|\bof\s+", "", text), base, future)
    if parsed is None:
        return None
    if kind == "month":
        if not re.search(r"\d{4}", text):
            parsed = _nearest_month(parsed.month, base, future)
            if parsed is None:
                return None
        return f"{parsed.year:04d}-{parsed.month:02d}", "month", date(parsed.year, parsed.month, 1)
    return parsed.isoformat(), "day", parsed


_MONTH_NAME = re.compile(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?")
_NUMBERS = re.compile(r"\d+")


def _calendar(text: str, base: date | None, future: bool) -> date | None:
    """'31 March 2026', 'March 31', 'December 2026', '2026-05-20' read directly: the candidate
    pattern has already found the parts, and dateparser costs milliseconds a call. A day and
    month without a year take the year that puts them on the side of the report the clause
    speaks of; without a publication date that year is unknown."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    name = _MONTH_NAME.search(text)
    if name is None:
        return None
    month = MONTHS_LOWER.index(name.group(1).lower()) + 1
    numbers = [int(n) for n in _NUMBERS.findall(text)]
    year = next((n for n in numbers if n > 31), None)
    day = next((n for n in numbers if n <= 31), 1)
    if year is None:
        if base is None:
            return None
        year = base.year
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if base is not None and not any(n > 31 for n in numbers):
        if future and found < base:
            found = _shift_year(found, 1)
        elif not future and found > base:
            found = _shift_year(found, -1)
    return found


def _shift_year(day: date, years: int) -> date | None:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@lru_cache(maxsize=4096)
def _parse(text: str, base: date | None, future: bool) -> date | None:
    settings = {"PREFER_DATES_FROM": "future" if future else "past", "PREFER_DAY_OF_MONTH": "first"}
    if base:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _nearest_month(month: int, base: date | None, future: bool) -> date | None:
    """'in December' is the next December in a plan, the last one in a report."""
    if base is None:
        return None
    year = base.year
    if future and month < base.month:
        year += 1
    elif not future and month > base.month:
        year -= 1
    return date(year, month, 1)


def _weekday(text: str, base: date | None, future: bool) -> tuple[str, str, date] | None:
    """'on Thursday' in a report dated Thursday is that day; in a plan it is the coming one."""
    if base is None:
        return None
    words = text.lower().split()
    target = WEEKDAYS.index(words[-1])
    modifier = words[0] if len(words) > 1 else None
    ahead = modifier in ("next", "coming") or (modifier is None and future)
    if ahead:
        delta = (target - base.weekday()) % 7 or 7
        day = base + timedelta(days=delta)
    else:
        delta = (base.weekday() - target) % 7
        if modifier == "last" and delta == 0:
            delta = 7
        day = base - timedelta(days=delta)
    return day.isoformat(), "day", day


def _relative_day(text: str, base: date | None) -> tuple[str, str, date] | None:
    if base is None:
        return None
    offsets = {"yesterday": -1, "today": 0, "tomorrow": 1}
    delta = -2 if text.startswith("day") else offsets[text]
    day = base + timedelta(days=delta)
    return day.isoformat(), "day", day


def _relative_month(text: str, base: date | None) -> tuple[str, str, date] | None:
    if base is None:
        return None
    year, month = base.year, base.month
    if text.startswith("next"):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    elif text.startswith("last"):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return f"{year:04d}-{month:02d}", "month", date(year, month, 1)


# "…, the ministry said on Wednesday": the day of the statement, not of the news it reports.
_REPORTING = re.compile(r"(?i)\b(said|says|told \w+|announced|stated|reported|confirmed|added)\s+(on\s+)?$")


def _day_of_relative_month(text: str, base: date | None) -> tuple[str, str, date] | None:
    """'the 31st of this month', 'the 3rd of next month'."""
    month = _relative_month("next month" if "next" in text else "this month", base)
    if month is None:
        return None
    day_number = int(re.search(r"\d+", text).group())
    try:
        day = month[2].replace(day=day_number)
    except ValueError:
        return None
    return day.isoformat(), "day", day


def _anchor(ann: Annotated) -> DateMention | None:
    """The day a report is about: the first past day its lead names ("on Thursday"), else the
    publication date."""
    published = ann.doc.published
    lead = {s.index for s in ann.sentences[:LEAD_SENTENCES] if s.text != ann.doc.title}
    days = [m for m in ann.dates
            if m.sentence in lead and m.precision == "day" and (published is None or m.day <= published)]
    # The day something was done beats the day it was announced, which beats the publication.
    done = [m for m in days if not _REPORTING.search(ann.text[max(0, m.start - 25) : m.start])]
    if done or days:
        return (done or days)[0]
    if published is None:
        return None
    return DateMention(0, 0, published.isoformat(), "day", published)
