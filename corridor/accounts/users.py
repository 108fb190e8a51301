"""Users, organisations and memberships: the library behind `corridor users|orgs` and the admin pages."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from corridor.accounts import passwords
from corridor.accounts.audit import Actor, now, record
from corridor.accounts.models import ROLES, MembershipRow, OrgRow, SessionRow, TokenRow, UserRow
from corridor.errors import Code, CorridorError

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{1,38}[a-z0-9]")


def normal_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL.fullmatch(email) or len(email) > 320:
        raise CorridorError(Code.E615, field="email", detail="expected an address such as name@example.org")
    return email


def user_record(user: UserRow) -> dict:
    return {"id": user.id, "email": user.email, "name": user.name, "site_admin": user.site_admin,
            "disabled": user.disabled, "has_password": user.password_hash is not None,
            "created_at": user.created_at.isoformat(timespec="seconds") if user.created_at else None,
            "last_login": user.last_login.isoformat(timespec="seconds") if user.last_login else None,
            "orgs": {m.org_id: m.role for m in user.memberships}}


def get_user(session: Session, ref: str | int) -> UserRow:
    """A user by id or e-mail address."""
    row = None
    if (isinstance(ref, int) or str(ref).isdigit()) and 0 < int(ref) < 2**31:
        row = session.get(UserRow, int(ref))
    if row is None:
        row = session.scalar(select(UserRow).where(UserRow.email == str(ref).strip().lower()))
    if row is None:
        raise CorridorError(Code.E608, who=str(ref))
    return row


def add_user(session: Session, actor: Actor, email: str, name: str = "", password: str | None = None,
             site_admin: bool = False) -> UserRow:
    """A new user; without a password they cannot sign in until they follow an invitation link."""
    email = normal_email(email)
    if session.scalar(select(UserRow.id).where(UserRow.email == email)) is not None:
        raise CorridorError(Code.E612, what=f"A user {email}")
    user = UserRow(email=email, name=name.strip()[:200], site_admin=site_admin, disabled=False,
                   password_hash=passwords.hash_password(password) if password else None)
    session.add(user)
    session.flush()
    record(session, actor, "user.add", "user", user.id, None, _public(user))
    return user


def _public(user: UserRow) -> dict:
    return {"email": user.email, "name": user.name, "site_admin": user.site_admin, "disabled": user.disabled}


def list_users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.email)))


def set_disabled(session: Session, actor: Actor, user: UserRow, disabled: bool) -> None:
    """Disable (or enable again) a user: their sessions end and their tokens stop working."""
    before = _public(user)
    user.disabled = disabled
    if disabled:
        end_sessions(session, user)
    record(session, actor, "user.disable" if disabled else "user.enable", "user", user.id, before, _public(user))


def set_site_admin(session: Session, actor: Actor, user: UserRow, value: bool) -> None:
    before = _public(user)
    user.site_admin = value
    record(session, actor, "user.site_admin", "user", user.id, before, _public(user))


def set_password(session: Session, actor: Actor, user: UserRow, password: str, action: str = "user.password") -> None:
    """A new password; every session of the user ends (someone else may hold one)."""
    user.password_hash = passwords.hash_password(password)
    end_sessions(session, user)
    record(session, actor, action, "user", user.id, None, {"password": "changed"})


def generated_password() -> str:
    return secrets.token_urlsafe(15)  # 20 characters, 120 bits


def end_sessions(session: Session, user: UserRow) -> None:
    for row in session.scalars(select(SessionRow).where(SessionRow.user_id == user.id)):
        session.delete(row)


def get_org(session: Session, org_id: str) -> OrgRow:
    row = session.get(OrgRow, org_id.strip().lower())
    if row is None:
        raise CorridorError(Code.E609, org=org_id)
    return row


def add_org(session: Session, actor: Actor, org_id: str, name: str) -> OrgRow:
    org_id = org_id.strip().lower()
    if not SLUG.fullmatch(org_id):
        raise CorridorError(Code.E615, field="organisation id",
                            detail="3 to 40 lower-case letters, digits and dashes, e.g. board-of-investment")
    if session.get(OrgRow, org_id) is not None:
        raise CorridorError(Code.E612, what=f"An organisation {org_id}")
    org = OrgRow(id=org_id, name=name.strip()[:200] or org_id)
    session.add(org)
    session.flush()
    record(session, actor, "org.add", "org", org.id, None, {"id": org.id, "name": org.name}, org_id=org.id)
    return org


def list_orgs(session: Session) -> list[dict]:
    counts = dict(session.execute(select(MembershipRow.org_id, func.count()).group_by(MembershipRow.org_id)).all())
    return [{"id": o.id, "name": o.name, "members": counts.get(o.id, 0)}
            for o in session.scalars(select(OrgRow).order_by(OrgRow.name))]


def set_member(session: Session, actor: Actor, org: OrgRow, user: UserRow, role: str | None) -> None:
    """Give a user a role in an organisation; role None removes them."""
    if role is not None and role not in ROLES:
        raise CorridorError(Code.E615, field="role", detail=f"one of {', '.join(ROLES)}")
    row = session.get(MembershipRow, (user.id, org.id))
    before = {"user": user.email, "role": row.role} if row else None
    if role is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(MembershipRow(user_id=user.id, org_id=org.id, role=role))
    else:
        row.role = role
    session.flush()
    session.expire(user, ["memberships"])
    after = {"user": user.email, "role": role} if role else None
    record(session, actor, "org.member", "org", org.id, before, after, org_id=org.id)


def members(session: Session, org: OrgRow) -> list[dict]:
    rows = session.execute(select(UserRow, MembershipRow.role).join(MembershipRow, MembershipRow.user_id == UserRow.id)
                           .where(MembershipRow.org_id == org.id).order_by(UserRow.email)).all()
    return [{"id": u.id, "email": u.email, "name": u.name, "role": role, "disabled": u.disabled} for u, role in rows]


def revoke_all_tokens(session: Session, user: UserRow) -> None:
    for token in session.scalars(select(TokenRow).where(TokenRow.user_id == user.id, TokenRow.revoked_at.is_(None))):
        token.revoked_at = now()
