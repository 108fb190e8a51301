"""A store with every kind of reader, and clients that act as each: the fixtures of the access tests.

Roles: anonymous, a forum participant (through their invitation link's session), a member, an editor
and an admin of the organisation "desk" (which organises the demo forum), and a site admin. Users
act through API tokens (no CSRF, Origin checked when sent); anonymous visitors and the participant
through cookies, with the CSRF token their session gives and this site's Origin."""

import hashlib
import shutil
from dataclasses import dataclass, field

from fastapi.testclient import TestClient
from sqlalchemy import select

from corridor.accounts import sessions as accounts_sessions
from corridor.accounts.models import UserRow
from corridor.accounts.signing import keyed_digest
from corridor.config import Settings
from corridor.forum.demo import load_demo as load_forum
from corridor.forum.models import ForumParticipantRow, ForumRequestRow
from corridor.store.db import get_engine, session_scope
from corridor.store.models import ActorRow, DocumentRow, EventRow
from corridor.web.app import create_app
from tests.conftest import bearer, make_user

ORG = "desk"
ROLES = ("anonymous", "participant", "member", "editor", "org_admin", "site_admin")
ORIGIN = "http://testserver"


@dataclass
class Store:
    url: str
    tokens: dict[str, str] = field(default_factory=dict)
    participant_cookie: str = ""
    ids: dict[str, str] = field(default_factory=dict)


def build_store(template, folder) -> Store:
    path = folder / "access.db"
    shutil.copyfile(template, path)
    url = f"sqlite:///{path}"
    with session_scope(url) as session:
        load_forum(session, time_limit=0.5, org_id=ORG)
    store = Store(url)
    store.tokens["member"] = make_user(url, "member@desk.example", ORG, "member")
    store.tokens["editor"] = make_user(url, "editor@desk.example", ORG, "editor")
    store.tokens["org_admin"] = make_user(url, "admin@desk.example", ORG, "admin")
    store.tokens["site_admin"] = make_user(url, "site@corridor.example", site_admin=True)
    make_user(url, "spare@desk.example", ORG, "member", scope=None)
    with session_scope(url) as session:
        forum_id = session.scalar(select(ForumParticipantRow.forum_id).limit(1))
        request = session.scalars(select(ForumRequestRow).where(ForumRequestRow.forum_id == forum_id)
                                  .order_by(ForumRequestRow.id)).first()
        store.ids = {
            "event_id": session.scalar(select(EventRow.id).order_by(EventRow.id).limit(1)),
            "actor_id": session.scalar(select(ActorRow.id).where(ActorRow.known).order_by(ActorRow.id).limit(1)),
            "doc_id": session.scalar(select(DocumentRow.id).order_by(DocumentRow.id).limit(1)),
            "fid": forum_id, "pid": request.target_id, "rid": request.id,
            "uid": str(session.scalar(select(UserRow.id).where(UserRow.email == "spare@desk.example"))),
        }
        store.participant_cookie = accounts_sessions.start(session, forum_id=forum_id,
                                                           participant_id=request.target_id)
    get_engine(url).dispose()
    return store


def app_for(store: Store, public_read: bool = False):
    return create_app(store.url, Settings(public_read=public_read, allowed_hosts="testserver"))


def client_as(app, store: Store, role: str) -> TestClient:
    """A client acting as `role`; browsers (anonymous, participant) carry their CSRF token."""
    if role in store.tokens:
        return TestClient(app, headers=bearer(store.tokens[role]), follow_redirects=False)
    client = TestClient(app, headers={"Origin": ORIGIN}, follow_redirects=False)
    with session_scope(store.url) as session:
        if role == "participant":
            client.cookies.set("corridor_session", store.participant_cookie)
            csrf = keyed_digest(session, "csrf", hashlib.sha256(store.participant_cookie.encode()).hexdigest())
        else:
            client.cookies.set("corridor_csrf", "visitor-nonce")
            csrf = keyed_digest(session, "csrf-anonymous", "visitor-nonce")
    client.headers["X-CSRF-Token"] = csrf
    return client
