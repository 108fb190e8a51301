"""The fields of an event people may correct: how to read each from the store and how to write it.

Values are plain JSON (what a correction stores): kind a string; date "YYYY", "YYYY-MM" or
"YYYY-MM-DD" or None; place a place name or None; participants a list of {name, title, org, country,
role, kind}; sectors a sorted list; amount {value, currency, text} or None."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from corridor.errors import Code, CorridorError
from corridor.events.dedup import day_of
from corridor.events.model import ATTACK_METHODS, ATTACK_TARGETS, KINDS, ROLES, SECTORS, Participant
from corridor.store.ingest import resolve_actor
from corridor.store.models import EventRow, EventSectorRow, ParticipantRow, PlaceRow, sector_mask

PARTICIPANT_KINDS = ("person", "organisation", "country", "group")
PARTICIPANT_KEYS = ("name", "title", "org", "country", "role", "kind")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
PRECISION = {4: "year", 7: "month", 10: "day"}


@cache
def _kind_plover() -> dict[str, dict]:
    from corridor.extract.lexicons import load_yaml

    return {kind: spec.get("plover", {}) for kind, spec in load_yaml("kinds.yaml")["kinds"].items()}


def _read_kind(row: EventRow) -> str:
    return row.kind


def _write_kind(session: Session, row: EventRow, value: Any) -> None:
    if value not in KINDS:
        raise CorridorError(Code.E701, field="kind", detail=f"one of {', '.join(KINDS)}")
    plover = _kind_plover().get(value) or {}
    if value != row.kind and plover.get("type"):  # the kind fixes the PLOVER type ("other" keeps the coder's)
        row.plover_type, row.plover_mode = plover["type"], plover.get("mode")
    row.kind = value


def _read_date(row: EventRow) -> str | None:
    return row.date


def _write_date(session: Session, row: EventRow, value: Any) -> None:
    if value in (None, ""):
        row.date, row.date_precision, row.day = None, None, None
    else:
        try:
            day = day_of(value) if isinstance(value, str) and DATE.fullmatch(value) else None
        except ValueError:
            day = None
        if day is None:
            raise CorridorError(Code.E701, field="date", detail="a date as YYYY-MM-DD, YYYY-MM or YYYY")
        row.date, row.date_precision, row.day = value, PRECISION[len(value)], day_of(value)
    for p in row.participants:
        p.day = row.day  # kept beside the actor for the index of an actor's newest events


def _read_place(row: EventRow) -> str | None:
    return row.place.name if row.place else None


def find_place(session: Session, name: str) -> str:
    """The id of a stored place of this name, or one made from the gazetteer (E704 if neither knows it)."""
    stored = session.scalar(select(PlaceRow.id).where(func.lower(PlaceRow.name) == name.strip().lower())
                            .order_by(PlaceRow.id).limit(1))
    if stored:
        return stored
    from corridor.extract.places import place_names

    known = place_names()
    place = known.get(name.strip()) or known.get(name.strip().title())
    if place is None:
        raise CorridorError(Code.E704, name=name)
    place_id = f"{place.country}:{place.name}"
    if session.get(PlaceRow, place_id) is None:
        session.add(PlaceRow(id=place_id, name=place.name, kind=place.kind, admin1=place.admin1,
                             country=place.country, lat=place.lat, lon=place.lon))
        session.flush()
    return place_id


def _write_place(session: Session, row: EventRow, value: Any) -> None:
    if value in (None, ""):
        row.place_id = None
    elif not isinstance(value, str) or len(value) > 200:
        raise CorridorError(Code.E701, field="place", detail="a place name")
    else:
        row.place_id = find_place(session, value)
    session.flush()
    session.expire(row, ["place"])


def _read_participants(row: EventRow) -> list[dict]:
    return [{k: getattr(p, k) for k in PARTICIPANT_KEYS} for p in row.participants]


def clean_participant(raw: Any) -> dict:
    if not isinstance(raw, dict):
        raise CorridorError(Code.E701, field="participants", detail="each participant is an object")
    out = {k: (str(raw.get(k)).strip()[:300] or None) if raw.get(k) not in (None, "") else None
           for k in PARTICIPANT_KEYS}
    out["role"] = out["role"] or "other"
    out["kind"] = out["kind"] or "person"
    if out["role"] not in ROLES:
        raise CorridorError(Code.E701, field="participants", detail=f"role is one of {', '.join(ROLES)}")
    if out["kind"] not in PARTICIPANT_KINDS:
        raise CorridorError(Code.E701, field="participants", detail=f"kind is one of {', '.join(PARTICIPANT_KINDS)}")
    if out["country"]:
        out["country"] = out["country"].upper()[:3]
    if not (out["name"] or out["org"] or out["country"]):
        raise CorridorError(Code.E701, field="participants", detail="a participant needs a name, body or country")
    return out


def _write_participants(session: Session, row: EventRow, value: Any) -> None:
    if not isinstance(value, list) or len(value) > 50:
        raise CorridorError(Code.E701, field="participants", detail="a list of at most 50 participants")
    people = [clean_participant(p) for p in value]
    row.participants.clear()
    session.flush()
    published = None
    for i, p in enumerate(people):
        participant = Participant(p["name"], p["title"], p["org"], p["country"], p["role"], p["kind"])
        if participant.kind == "person" and participant.name:
            from corridor.extract.register import find_person

            entry = find_person(participant.name)
            participant.actor_id = entry["id"] if entry else None
        actor_id = resolve_actor(session, participant, published, titles=False)
        row.participants.append(ParticipantRow(actor_id=actor_id, position=i, kind=participant.kind,
                                               name=participant.name, title=participant.title, org=participant.org,
                                               country=participant.country, role=participant.role, day=row.day))
    session.flush()


def _read_sectors(row: EventRow) -> list[str]:
    return sorted(s.sector for s in row.sectors)


def _write_sectors(session: Session, row: EventRow, value: Any) -> None:
    if not isinstance(value, list) or any(s not in SECTORS for s in value):
        raise CorridorError(Code.E701, field="sectors", detail=f"a list of {', '.join(SECTORS)}")
    row.sectors.clear()
    session.flush()
    row.sectors.extend(EventSectorRow(sector=s) for s in sorted(set(value)))
    row.sector_bits = sector_mask(value)
    session.flush()


def _read_amount(row: EventRow) -> dict | None:
    if row.amount_value is None:
        return None
    return {"value": row.amount_value, "currency": row.amount_currency, "text": row.amount_text}


def _write_amount(session: Session, row: EventRow, value: Any) -> None:
    if value in (None, ""):
        row.amount_value = row.amount_currency = row.amount_text = None
        return
    try:
        number = float(value["value"])
    except (TypeError, KeyError, ValueError):
        raise CorridorError(Code.E701, field="amount", detail="{value, currency, text} with a number") from None
    currency = (value.get("currency") or "").strip().upper() or None
    if currency is not None and not re.fullmatch(r"[A-Z]{3}", currency):
        raise CorridorError(Code.E701, field="amount", detail="currency as three letters, e.g. USD")
    row.amount_value, row.amount_currency = number, currency
    row.amount_text = (str(value.get("text") or "").strip()[:100]) or None


def _read_casualties(row: EventRow) -> dict | None:
    return row.casualties


def _write_casualties(session: Session, row: EventRow, value: Any) -> None:
    if value in (None, ""):
        row.casualties = None
        return
    if not isinstance(value, dict) or set(value) - {"killed", "injured", "hostages", "text"}:
        raise CorridorError(Code.E701, field="casualties", detail="{killed, injured, hostages} as whole numbers")
    counts = {key: value.get(key) for key in ("killed", "injured", "hostages")}
    if any(v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0 or v > 100_000)
           for v in counts.values()):
        raise CorridorError(Code.E701, field="casualties", detail="counts are whole numbers from 0, or empty")
    row.casualties = {**counts, "text": (str(value.get("text") or "").strip()[:300]) or None}


def _read_attack(row: EventRow) -> dict | None:
    return row.attack


def _write_attack(session: Session, row: EventRow, value: Any) -> None:
    if value in (None, ""):
        row.attack = None
        return
    if not isinstance(value, dict) or set(value) - {"method", "target", "perpetrator", "claimed"}:
        raise CorridorError(Code.E701, field="attack", detail="{method, target, perpetrator, claimed}")
    if value.get("method") not in (None, *ATTACK_METHODS):
        raise CorridorError(Code.E701, field="attack", detail=f"method one of {', '.join(ATTACK_METHODS)}")
    if value.get("target") not in (None, *ATTACK_TARGETS):
        raise CorridorError(Code.E701, field="attack", detail=f"target one of {', '.join(ATTACK_TARGETS)}")
    perpetrator = (str(value.get("perpetrator") or "").strip()[:200]) or None
    row.attack = {"method": value.get("method"), "target": value.get("target"), "perpetrator": perpetrator,
                  "claimed": bool(value.get("claimed"))}


Reader = Callable[[EventRow], Any]
Writer = Callable[[Session, EventRow, Any], None]
FIELDS: dict[str, tuple[Reader, Writer]] = {
    "kind": (_read_kind, _write_kind),
    "date": (_read_date, _write_date),
    "place": (_read_place, _write_place),
    "participants": (_read_participants, _write_participants),
    "sectors": (_read_sectors, _write_sectors),
    "amount": (_read_amount, _write_amount),
    "casualties": (_read_casualties, _write_casualties),
    "attack": (_read_attack, _write_attack),
}


def read(row: EventRow, field: str) -> Any:
    return FIELDS[field][0](row)


def write(session: Session, row: EventRow, field: str, value: Any) -> None:
    if field not in FIELDS:
        raise CorridorError(Code.E701, field=field, detail=f"fields are {', '.join(FIELDS)}")
    FIELDS[field][1](session, row, value)


def snapshot(row: EventRow) -> dict[str, Any]:
    return {field: read(row, field) for field in FIELDS}


def same(a: Any, b: Any) -> bool:
    """Values compared as a correction stores them (amounts as numbers, lists in order)."""
    return normal(a) == normal(b)


def normal(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: normal(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [normal(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
