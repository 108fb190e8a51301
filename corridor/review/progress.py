"""How much of the store people have checked, and how precise the machine was on what they checked.

Precision here is the event-level precision `corridor eval` measures: of the machine's events that
a person reviewed, the share that were real events of the kind the machine said (a rejected event
or a changed kind counts against it; other corrected fields do not)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from corridor.review.models import CorrectionRow
from corridor.store.models import EventRow
from corridor.store.visibility import Visibility, event_clause


def progress(session: Session, visible: Visibility) -> dict[str, Any]:
    clause = event_clause(session, visible)
    where = [clause] if clause is not None else []
    total = session.scalar(select(func.count()).select_from(EventRow).where(*where)) or 0
    reviewed = session.scalar(select(func.count()).select_from(EventRow)
                              .where(EventRow.review.is_not(None), *where)) or 0
    standing = CorrectionRow.superseded_by.is_(None)
    scope = [] if visible.everything else [
        CorrectionRow.org_id.is_(None) if not visible.orgs else
        (CorrectionRow.org_id.is_(None) | CorrectionRow.org_id.in_(sorted(visible.orgs)))]
    rejected = session.scalar(select(func.count()).select_from(CorrectionRow)
                              .where(CorrectionRow.action == "reject", standing, *scope)) or 0
    kind_changed = session.scalar(select(func.count(func.distinct(CorrectionRow.event_id))).select_from(CorrectionRow)
                                  .join(EventRow, and_(EventRow.id == CorrectionRow.event_id,
                                                       EventRow.review.is_not(None)))
                                  .where(CorrectionRow.action == "set", CorrectionRow.field == "kind", standing,
                                         *scope)) or 0
    judged = reviewed + rejected
    return {
        "events": total,
        "reviewed": reviewed,
        "rejected": rejected,
        "share_reviewed": round(reviewed / total, 4) if total else 0.0,
        "machine_precision": round((reviewed - kind_changed) / judged, 4) if judged else None,
    }
