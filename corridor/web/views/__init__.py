"""One data function per view: pages render them as HTML, the API returns them as JSON.

A module per resource: events, overview, actors, documents, map, search, uploads."""

from corridor.web.views.common import PLOVER_TYPES, parse_date
from corridor.web.views.events import event_view, events_view

__all__ = ["PLOVER_TYPES", "event_view", "events_view", "parse_date"]
