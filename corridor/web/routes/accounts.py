"""Signing in and out, the signed-in user's own page (password, API tokens), setting a password from
an invitation or reset link, and an organisation's members (its admins)."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from corridor.accounts import mail, passwords, tokens, users
from corridor.accounts import sessions as accounts_sessions
from corridor.accounts.audit import Actor, record
from corridor.accounts.models import UserRow
from corridor.accounts.principal import Principal
from corridor.accounts.signing import sign, unsign
from corridor.errors import Code, CorridorError
from corridor.web.auth import (
    ORG_ADMIN,
    PUBLIC,
    SESSION_COOKIE,
    SIGNED_IN,
    PrincipalDep,
    client_address,
    set_session_cookie,
)
from corridor.web.deps import SessionDep
from corridor.web.rendering import page

router = APIRouter()
PASSWORD_LINK = "set-password"
RESET_HOURS = 24
Scope = Literal["read", "write"]


def safe_next(target: str | None) -> str:
    """Only a path of this site (never `//other.site` or a full URL)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else "/"


# --- signing in and out --------------------------------------------------------------------------


@router.get("/login", include_in_schema=False, dependencies=[PUBLIC])
def login_page(request: Request, next: str = "/"):
    return page(request, "login.html", {"next": safe_next(next), "mail": mail.configured()})


@router.post("/login", include_in_schema=False, dependencies=[PUBLIC])
def login(request: Request, session: SessionDep, email: Annotated[str, Form(max_length=320)],
          password: Annotated[str, Form(max_length=1000)], next: Annotated[str, Form(max_length=2000)] = "/"):
    try:
        token, _ = accounts_sessions.sign_in(session, email, password, client_address(request),
                                             request.cookies.get(SESSION_COOKIE))
    except CorridorError as exc:
        session.commit()  # the failure counts towards the limits
        return page(request, "login.html", {"next": safe_next(next), "email": email, "error": str(exc),
                                            "mail": mail.configured()}, status_code=exc.status)
    session.commit()
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(request, response, token, request.app.state.settings.session_hours)
    return response


@router.post("/logout", include_in_schema=False, dependencies=[PUBLIC])
def logout(request: Request, session: SessionDep, who: PrincipalDep):
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts_sessions.end(session, token)
        if who.signed_in or who.participant:
            record(session, who.actor(), "user.sign_out", "user", who.user_id or who.participant_id)
        session.commit()
    response = RedirectResponse("/", status_code=303)
    set_session_cookie(request, response, None, 0)
    return response


# --- the user's own page -------------------------------------------------------------------------


def _account(session, who: Principal, new_token: str | None = None) -> dict:
    user = users.get_user(session, who.user_id)
    return {"user": users.user_record(user), "tokens": tokens.of_user(session, user), "new_token": new_token,
            "admin_of": who.orgs_at_least("admin")}


@router.get("/account", include_in_schema=False, dependencies=[SIGNED_IN])
def account_page(request: Request, session: SessionDep, who: PrincipalDep):
    return page(request, "account.html", _account(session, who))


@router.get("/api/account", tags=["accounts"], dependencies=[SIGNED_IN],
            summary="The signed-in user: organisations and roles, API tokens (never their secrets)")
def account_api(session: SessionDep, who: PrincipalDep) -> dict:
    return _account(session, who)


@router.post("/account/password", include_in_schema=False, dependencies=[SIGNED_IN])
def change_password(request: Request, session: SessionDep, who: PrincipalDep,
                    current: Annotated[str, Form(max_length=1000)], new: Annotated[str, Form(max_length=1000)]):
    user = users.get_user(session, who.user_id)
    if not passwords.verify(user.password_hash, current):
        raise CorridorError(Code.E603)
    users.set_password(session, who.actor(), user, new)  # ends every session, this one too
    token = accounts_sessions.start(session, user)
    session.commit()
    response = RedirectResponse("/account", status_code=303)
    set_session_cookie(request, response, token, request.app.state.settings.session_hours)
    return response


@router.post("/account/tokens", include_in_schema=False, dependencies=[SIGNED_IN])
def create_token_form(request: Request, session: SessionDep, who: PrincipalDep,
                      scope: Annotated[Scope, Form()] = "read", name: Annotated[str, Form(max_length=200)] = ""):
    made = tokens.create(session, who.actor(), users.get_user(session, who.user_id), scope, name)
    session.commit()
    return page(request, "account.html", _account(session, who, made.token), status_code=201)


@router.post("/account/tokens/{token_id}/revoke", include_in_schema=False, dependencies=[SIGNED_IN])
def revoke_token_form(session: SessionDep, who: PrincipalDep, token_id: str):
    tokens.revoke(session, who.actor(), token_id, users.get_user(session, who.user_id))
    session.commit()
    return RedirectResponse("/account", status_code=303)


class TokenCreate(BaseModel):
    scope: Scope = "read"
    name: str = Field(default="", max_length=200)


@router.post("/api/account/tokens", tags=["accounts"], status_code=201, dependencies=[SIGNED_IN],
             summary="A new API token; the response is the only time its secret is shown")
def create_token_api(session: SessionDep, who: PrincipalDep, body: TokenCreate) -> dict:
    made = tokens.create(session, who.actor(), users.get_user(session, who.user_id), body.scope, body.name)
    session.commit()
    return {"id": made.row.id, "scope": made.row.scope, "name": made.row.name, "token": made.token}


@router.delete("/api/account/tokens/{token_id}", tags=["accounts"], dependencies=[SIGNED_IN],
               summary="Revoke one of your API tokens")
def revoke_token_api(session: SessionDep, who: PrincipalDep, token_id: str) -> dict:
    row = tokens.revoke(session, who.actor(), token_id, users.get_user(session, who.user_id))
    session.commit()
    return {"id": row.id, "revoked": True}


# --- invitation and reset links ------------------------------------------------------------------


def password_link(request: Request, session, user: UserRow) -> str:
    """A link to set the user's password: good once (it names the current password's hash) and for a day
    (a new user's for CORRIDOR_INVITATION_DAYS)."""
    fingerprint = (user.password_hash or "")[-16:]
    token = sign(session, PASSWORD_LINK, {"u": user.id, "h": fingerprint})
    base = (request.app.state.settings.base_url or str(request.base_url)).rstrip("/")
    return f"{base}/password/set/{token}"


def _link_user(request: Request, session, token: str) -> UserRow:
    settings = request.app.state.settings
    payload = unsign(session, PASSWORD_LINK, token, max(RESET_HOURS * 3600, settings.invitation_days * 86400))
    user = session.get(UserRow, payload.get("u"))
    if user is None or user.disabled or (user.password_hash or "")[-16:] != payload.get("h"):
        raise CorridorError(Code.E607)
    if user.password_hash is not None:  # a reset, not an invitation: good for a day only
        unsign(session, PASSWORD_LINK, token, RESET_HOURS * 3600)
    return user


def send_link(request: Request, session, user: UserRow, purpose: str) -> str | None:
    """Mail a password link when a mail server is configured; otherwise return it to show once."""
    url = password_link(request, session, user)
    if not mail.configured():
        return url
    subject = "Your Corridor account" if purpose == "invitation" else "Resetting your Corridor password"
    mail.send(user.email, subject, f"Set your password at\n\n{url}\n\nIf you did not expect this mail, ignore it.\n")
    return None


@router.get("/password/reset", include_in_schema=False, dependencies=[PUBLIC])
def reset_page(request: Request):
    return page(request, "password_reset.html", {"mail": mail.configured()})


@router.post("/password/reset", include_in_schema=False, dependencies=[PUBLIC])
def reset_request(request: Request, session: SessionDep, email: Annotated[str, Form(max_length=320)]):
    """Mails a reset link if the address is a user's; the answer is the same either way."""
    if not mail.configured():
        raise CorridorError(Code.E614)
    try:
        user = users.get_user(session, email)
    except CorridorError:
        user = None
    if user is not None and not user.disabled:
        send_link(request, session, user, "reset")
        record(session, Actor(f"anonymous ({user.email})", "web", None, client_address(request)),
               "user.password_reset_mailed", "user", user.id)
        session.commit()
    return page(request, "password_reset.html", {"mail": True, "sent": True})


@router.get("/password/set/{token}", include_in_schema=False, dependencies=[PUBLIC])
def set_password_page(request: Request, session: SessionDep, token: str):
    user = _link_user(request, session, token)
    return page(request, "password_set.html", {"email": user.email, "token": token,
                                               "min_length": passwords.MIN_LENGTH})


@router.post("/password/set/{token}", include_in_schema=False, dependencies=[PUBLIC])
def set_password(request: Request, session: SessionDep, token: str, password: Annotated[str, Form(max_length=1000)]):
    user = _link_user(request, session, token)
    users.set_password(session, Actor(f"user:{user.email}", "web", user.id, client_address(request)), user, password,
                       "user.password_from_link")
    new = accounts_sessions.start(session, user, old_token=request.cookies.get(SESSION_COOKIE))
    session.commit()
    response = RedirectResponse("/", status_code=303)
    set_session_cookie(request, response, new, request.app.state.settings.session_hours)
    return response


# --- an organisation's members ---------------------------------------------------------------------


def _org(session, org: str) -> dict:
    row = users.get_org(session, org)
    return {"org": {"id": row.id, "name": row.name}, "members": users.members(session, row)}


@router.get("/orgs/{org}", include_in_schema=False, dependencies=[ORG_ADMIN])
def org_page(request: Request, session: SessionDep, org: str):
    return page(request, "org.html", _org(session, org))


@router.get("/api/orgs/{org}", tags=["accounts"], dependencies=[ORG_ADMIN],
            summary="An organisation and its members with their roles (its admins)")
def org_api(session: SessionDep, org: str) -> dict:
    return _org(session, org)


Role = Literal["member", "editor", "admin", "remove"]


def _set_member(request: Request, session, who: Principal, org: str, email: str, role: str, name: str) -> dict:
    row = users.get_org(session, org)
    link = None
    try:
        user = users.get_user(session, email)
    except CorridorError:
        if role == "remove":
            raise
        user = users.add_user(session, who.actor(), email, name)  # invited: sets a password from the link
        link = send_link(request, session, user, "invitation")
    users.set_member(session, who.actor(), row, user, None if role == "remove" else role)
    session.commit()
    return {**_org(session, org), "invitation": link, "invited": user.email if link or user.password_hash is None else None}


@router.post("/orgs/{org}/members", include_in_schema=False, dependencies=[ORG_ADMIN])
def member_form(request: Request, session: SessionDep, who: PrincipalDep, org: str,
                email: Annotated[str, Form(max_length=320)], role: Annotated[Role, Form()] = "member",
                name: Annotated[str, Form(max_length=200)] = ""):
    data = _set_member(request, session, who, org, email, role, name)
    return page(request, "org.html", data)


class Member(BaseModel):
    email: str = Field(max_length=320)
    role: Role = "member"
    name: str = Field(default="", max_length=200, description="For a new user: their name")


@router.post("/api/orgs/{org}/members", tags=["accounts"], dependencies=[ORG_ADMIN],
             summary="Give a user a role (a new address is invited: the link is mailed, or returned once)")
def member_api(request: Request, session: SessionDep, who: PrincipalDep, org: str, body: Member) -> dict:
    return _set_member(request, session, who, org, body.email, body.role, body.name)
