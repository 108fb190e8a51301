"""The map: where events and attacks happened, by place and by district."""

from typing import Any

from sqlalchemy import true
from sqlalchemy.orm import Session

from corridor.events.model import KINDS, SECTORS
from corridor.store.queries import EventFilter, event_where
from corridor.store.stats import place_counts
from corridor.web import geo
from corridor.web.cache import cached


def map_view(session: Session, flt: EventFilter) -> dict[str, Any]:
    key = ("map", tuple(sorted(flt.active().items())), flt.visible.key())
    return cached(session, key, lambda: _map(session, flt))


def _map(session: Session, flt: EventFilter) -> dict[str, Any]:
    where = event_where(session, flt)
    places = place_counts(session, None if where is true() else where)
    drawn = geo.event_map(places)
    districts = [{"name": name, "province": c["province"], "events": c["events"], "attacks": c["attacks"]}
                 for name, c in sorted(drawn["districts"].items(), key=lambda kv: (-kv[1]["attacks"], kv[0]))]
    on_map = [{k: p[k] for k in ("id", "name", "admin1", "country", "lat", "lon", "events", "attacks", "district",
                                 "province")} for p in drawn["points"]]
    return {
        "filters": flt.active(),
        "places": sorted(on_map, key=lambda p: (-p["events"], p["name"])),
        "districts": districts,
        "elsewhere": drawn["elsewhere"],
        "events": sum(p["events"] for p in places),
        "attacks": sum(p["attacks"] for p in places),
        "choices": {"kind": KINDS, "sector": SECTORS},
    }


def map_drawing(data: dict[str, Any]) -> dict[str, Any]:
    """The SVG layout of the map page (HTML only)."""
    drawn = geo.event_map(data["places"])
    return {"base": drawn["base"], "points": drawn["points"], "shading": drawn["shading"]}
