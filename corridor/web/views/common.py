"""What several views share: parsing dates of the URL, the PLOVER types, paging arithmetic."""

from datetime import date

from corridor.errors import Code, CorridorError

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def parse_date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CorridorError(Code.E304, name=name, detail="expected a date as YYYY-MM-DD") from None


def pages(total: int, size: int) -> int:
    return max(1, -(-total // size))
