"""The demo forum: the US–Pakistan Trade and Investment Forum, Islamabad, 31 March 2026.

Participants and companies are fictional (written for the demo); the ministries and agencies
are real institutions, the people in them are not. ``load_demo`` imports the CSV files in
``corridor/demo/forum/`` and schedules the accepted requests, so every page has data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from corridor.forum.importer import ImportReport, import_path
from corridor.forum.scheduler import Options, Schedule
from corridor.forum.service import run_schedule

DEMO = Path(__file__).resolve().parents[1] / "demo" / "forum"


@dataclass
class DemoReport:
    imported: ImportReport
    schedule: Schedule


def load_demo(session: Session, time_limit: float = 5.0, org_id: str | None = None) -> DemoReport:
    """Import the demo forum into ``session`` (organised by ``org_id``) and schedule it; loading twice
    changes nothing."""
    report = import_path(session, DEMO, org_id=org_id)
    result = run_schedule(session, _forum(session, report), Options(seed=0, time_limit=time_limit))
    return DemoReport(report, result)


def _forum(session: Session, report: ImportReport):
    from corridor.forum.queries import get_forum

    return get_forum(session, report.forum_id)
