"""Jinja2 templates and the helpers pages share."""

from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from markupsafe import Markup, escape

from corridor.accounts.principal import ANONYMOUS
from corridor.web.auth import csrf_token, set_cookies
from corridor.web.geo import base_layers

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.auto_reload = False  # templates change with the code: no stat() per include on every request

COUNTRY_NAMES = {"PAK": "Pakistan", "USA": "United States", "CHN": "China", "AFG": "Afghanistan", "IND": "India",
                 "IRN": "Iran", "GBR": "United Kingdom", "SAU": "Saudi Arabia", "ARE": "United Arab Emirates"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def country_name(code: str | None) -> str:
    return COUNTRY_NAMES.get(code or "", code or "")


def label(value: str | None) -> str:
    """'investment_interest' → 'investment interest'."""
    return (value or "").replace("_", " ")


def marked(text: str | None, marks: list | None) -> Markup:
    """Text with the [start, end) spans wrapped in <mark>, everything escaped."""
    text = text or ""
    out, at = [], 0
    for start, end in sorted(marks or []):
        if start < at or end > len(text):
            continue
        out += [escape(text[at:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def month_name(value: str) -> str:
    """'2026-03' → 'March 2026'."""
    return f"{MONTHS[int(value[5:7]) - 1]} {value[:4]}"


def path_quote(value: str) -> str:
    """An id as one path segment (actor ids hold spaces and colons)."""
    return quote(value, safe="")


@lru_cache(maxsize=8)
def plain_outlines(width: int, labels: bool) -> Markup:
    """The map's district and province outlines, unshaded: the same on every event page, so drawn
    once (escaping their thousands of attributes cost a millisecond a page)."""
    macro = TEMPLATES.env.get_template("_map.html").module.outlines
    return Markup(macro(base_layers(width), None, labels))


@pass_context
def csrf_input(context) -> Markup:
    """The hidden field every form that posts carries."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(csrf_token(context["request"]))


@pass_context
def csrf_value(context) -> str:
    return csrf_token(context["request"])


@pass_context
def who(context):
    """The principal of the request (signed-in user, participant, or nobody)."""
    return getattr(context["request"].state, "principal", ANONYMOUS)


TEMPLATES.env.globals.update(country_name=country_name, month_name=month_name, nav_forum=False,
                             plain_outlines=plain_outlines, csrf_input=csrf_input, csrf_value=csrf_value, who=who)
TEMPLATES.env.filters.update(label=label, marked=marked, pathq=path_quote)


def page(request: Request, template: str, data: dict, status_code: int = 200):
    return set_cookies(request, TEMPLATES.TemplateResponse(request, template, data, status_code=status_code))
