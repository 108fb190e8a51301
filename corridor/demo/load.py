"""Loading the bundled illustrative corpus, the demo forum and the demo accounts for `make demo`."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.accounts import audit, users
from corridor.accounts.models import OrgRow, UserRow
from corridor.config import get_settings
from corridor.forum.demo import load_demo as load_forum
from corridor.review.apply import reapply
from corridor.store.batch import IngestReport, ingest
from corridor.store.db import session_scope

DEMO_ORG = ("demo-desk", "Corridor demo desk")
# The demo's accounts share one documented password: a demo serves 127.0.0.1 and holds only the
# bundled illustrative data. Never use these accounts on a server others can reach.
DEMO_PASSWORD = "corridor-demo"
DEMO_USERS = (
    ("admin@demo.example", "Demo administrator", True, "admin"),
    ("editor@demo.example", "Demo editor", False, "editor"),
)


@dataclass
class DemoAccounts:
    created: list[str]
    password: str = DEMO_PASSWORD


@dataclass
class DemoLoad(IngestReport):
    accounts: DemoAccounts | None = None


def load_demo(url: str | None = None) -> DemoLoad:
    """Ingest the demo articles, then import and schedule the demo forum and add the demo accounts;
    all of it idempotent."""
    report = ingest([get_settings().demo_corpus], url, after=lambda session, ids: reapply(session, ids))
    with session_scope(url) as session:
        accounts = demo_accounts(session)
        load_forum(session, org_id=DEMO_ORG[0])
    return DemoLoad(report.stats, report.errors, report.document_ids, accounts)


def demo_accounts(session: Session) -> DemoAccounts:
    """The demo organisation, a site administrator and an editor (made once; a second load keeps them)."""
    actor = audit.cli_actor()
    org = session.get(OrgRow, DEMO_ORG[0]) or users.add_org(session, actor, *DEMO_ORG)
    created = []
    for email, name, site_admin, role in DEMO_USERS:
        if session.scalar(select(UserRow.id).where(UserRow.email == email)) is None:
            user = users.add_user(session, actor, email, name, DEMO_PASSWORD, site_admin)
            users.set_member(session, actor, org, user, role)
            created.append(email)
    return DemoAccounts(created)
