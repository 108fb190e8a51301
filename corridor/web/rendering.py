"""Jinja2 templates and the helpers pages share."""

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))

COUNTRY_NAMES = {"PAK": "Pakistan", "USA": "United States"}
TEMPLATES.env.globals["country_name"] = lambda code: COUNTRY_NAMES.get(code, code)


def page(request: Request, template: str, data: dict, status_code: int = 200):
    return TEMPLATES.TemplateResponse(request, template, data, status_code=status_code)
