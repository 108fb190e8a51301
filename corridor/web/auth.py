"""Who may use each route: every route of the app declares a Rule, and a route without one is refused
when the app is built (web/app.py) and fails the route-table test.

A Rule is a FastAPI dependency. It finds who is asking (a browser session's cookie, an API bearer
token, or nobody), and for every write (any method but GET, HEAD and OPTIONS) it first checks that
the request comes from this site: the Origin (or, failing that, the Referer) must name this
server's host, and a browser's request must carry the session's CSRF token (a form field
`csrf_token`, or the `X-CSRF-Token` header htmx sends). Then the rule itself: public, news
(public when CORRIDOR_PUBLIC_READ is on), signed in, editor, site admin, an organisation's admin,
a forum's members or organisers, or a forum's participant."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from corridor.accounts import sessions as accounts_sessions
from corridor.accounts.principal import ANONYMOUS, Principal
from corridor.accounts.signing import keyed_digest
from corridor.errors import Code, CorridorError
from corridor.web.offload import run_quick

SESSION_COOKIE = "corridor_session"
ANON_COOKIE = "corridor_csrf"  # a random value for visitors not signed in (the sign-in form's CSRF token)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def _resolve(request: Request) -> Principal:
    sessions = request.app.state.sessions
    address = client_address(request)
    authorization = request.headers.get("authorization", "")
    if not authorization and not request.cookies.get(SESSION_COOKIE):
        return Principal(address=address)  # a visitor: no database work
    with sessions() as session:
        if authorization:
            scheme, _, bearer = authorization.partition(" ")
            if scheme.lower() != "bearer":
                raise CorridorError(Code.E610)
            found = accounts_sessions.from_bearer(session, bearer.strip(), address)
            if found is None:
                raise CorridorError(Code.E610)
            return found
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            found = accounts_sessions.from_cookie(session, token, address)
            if found is not None:
                return found
    return Principal(address=address)


async def principal(request: Request) -> Principal:
    """Who is asking; resolved once per request."""
    found = getattr(request.state, "principal", None)
    if found is None and not request.headers.get("authorization") and not request.cookies.get(SESSION_COOKIE):
        found = request.state.principal = Principal(address=client_address(request))
    if found is None:
        found = await run_quick(request.app.state.sessions.kw["bind"], _resolve, request)
        request.state.principal = found
    return found


PrincipalDep = Annotated[Principal, Depends(principal)]


def _secret(request: Request, purpose: str, value: str) -> str:
    with request.app.state.sessions() as session:
        return keyed_digest(session, purpose, value)


def csrf_token(request: Request) -> str:
    """The CSRF token forms of this page carry: bound to the session, or to the visitor's random cookie."""
    who = getattr(request.state, "principal", ANONYMOUS)
    if who.session_hash:
        return _secret(request, "csrf", who.session_hash)
    nonce = request.cookies.get(ANON_COOKIE) or getattr(request.state, "new_anon_nonce", None)
    if nonce is None:
        nonce = request.state.new_anon_nonce = secrets.token_urlsafe(24)
    return _secret(request, "csrf-anonymous", nonce)


def set_cookies(request: Request, response: Response) -> Response:
    """The visitor's random cookie, when a page just gave them a CSRF token bound to it."""
    nonce = getattr(request.state, "new_anon_nonce", None)
    if nonce:
        response.set_cookie(ANON_COOKIE, nonce, httponly=True, samesite="lax", secure=request.url.scheme == "https",
                            path="/")
    return response


def set_session_cookie(request: Request, response: Response, token: str | None, hours: int) -> None:
    if token is None:
        response.delete_cookie(SESSION_COOKIE, path="/")
        return
    response.set_cookie(SESSION_COOKIE, token, max_age=hours * 3600, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")


def _origin_of(value: str | None) -> str | None:
    if not value:
        return None
    parts = urlsplit(value)
    return parts.netloc.lower() if parts.scheme in ("http", "https") and parts.netloc else "null"


async def check_write(request: Request, who: Principal) -> None:
    """A write must come from this site: same Origin (or Referer), and a browser's must carry its CSRF token."""
    host = (request.headers.get("host") or "").lower()
    raw_origin = request.headers.get("origin")
    origin = _origin_of(raw_origin) if raw_origin is not None else _origin_of(request.headers.get("referer"))
    if raw_origin is not None and raw_origin.strip().lower() == "null":
        raise CorridorError(Code.E605, detail="Origin null")
    if origin is None:
        if who.via == "api":
            return  # a program with a bearer token: no browser, so no cross-site forgery
        raise CorridorError(Code.E605, detail="no Origin or Referer")
    if origin != host:
        raise CorridorError(Code.E605, detail=f"Origin {origin}")
    if who.via == "api":
        return
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        sent = (await request.form()).get("csrf_token")
    expected = csrf_token(request)
    if not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise CorridorError(Code.E605, detail="missing or wrong CSRF token")


class Rule:
    """Who may use a route. `name` is what the route-table test reads."""

    name = "rule"

    async def __call__(self, request: Request) -> Principal:
        who = await principal(request)
        if request.method not in SAFE_METHODS:
            await check_write(request, who)
            if who.via == "api" and who.scope != "write":
                raise CorridorError(Code.E613)
        await self.check(request, who)
        return who

    async def check(self, request: Request, who: Principal) -> None:
        raise NotImplementedError


class _Public(Rule):
    name = "public"

    async def check(self, request: Request, who: Principal) -> None:
        return None


class _News(Rule):
    """News-derived reads: anyone when CORRIDOR_PUBLIC_READ is on, else any signed-in user."""

    name = "news"

    async def check(self, request: Request, who: Principal) -> None:
        if not (who.signed_in or request.app.state.settings.public_read):
            raise CorridorError(Code.E601)


class _SignedIn(Rule):
    name = "signed_in"

    async def check(self, request: Request, who: Principal) -> None:
        if not who.signed_in:
            raise CorridorError(Code.E601)


class _AtLeast(Rule):
    def __init__(self, role: str, action: str) -> None:
        self.role, self.action, self.name = role, action, role

    async def check(self, request: Request, who: Principal) -> None:
        if not who.signed_in:
            raise CorridorError(Code.E601)
        if not who.is_at_least(self.role):
            raise CorridorError(Code.E602, action=self.action)


class _SiteAdmin(Rule):
    name = "site_admin"

    async def check(self, request: Request, who: Principal) -> None:
        if not who.signed_in:
            raise CorridorError(Code.E601)
        if not who.site_admin:
            raise CorridorError(Code.E602, action="use the site's administration")


class _OrgAdmin(Rule):
    """An admin of the organisation named by the path's `org` (or a site admin)."""

    name = "org_admin"

    async def check(self, request: Request, who: Principal) -> None:
        if not who.signed_in:
            raise CorridorError(Code.E601)
        org = request.path_params.get("org", "")
        if who.rank_in(org) < 3:
            if who.rank_in(org) == 0:
                raise CorridorError(Code.E609, org=org)  # not theirs: as if it did not exist
            raise CorridorError(Code.E602, action="manage this organisation")


def forum_org(sessions, forum_id: str) -> tuple[bool, str | None]:
    from corridor.forum.models import ForumRow

    with sessions() as session:
        row: ForumRow | None = session.get(ForumRow, forum_id)
        return (row is not None, row.org_id if row else None)


class _Forum(Rule):
    """Members (rank 1) or organisers (rank 2: editors and admins) of the forum's organisation."""

    def __init__(self, rank: int, name: str) -> None:
        self.rank, self.name = rank, name

    async def check(self, request: Request, who: Principal) -> None:
        fid = request.path_params.get("fid", "")
        if not who.signed_in:
            raise CorridorError(Code.E601)
        exists, org = await run_quick(request.app.state.sessions.kw["bind"], forum_org, request.app.state.sessions, fid)
        rank = who.rank_in(org) if (org or who.site_admin) else 0
        if not exists or rank == 0:
            raise CorridorError(Code.E501, forum=fid)  # another organisation's forum: as if it did not exist
        if rank < self.rank:
            raise CorridorError(Code.E602, action="change this forum (organisers only)")


class _Participant(Rule):
    """A forum's participant, signed in through their invitation link."""

    name = "participant"

    async def check(self, request: Request, who: Principal) -> None:
        if not who.participant:
            raise CorridorError(Code.E601)
        if who.forum_id != request.path_params.get("fid"):
            raise CorridorError(Code.E501, forum=request.path_params.get("fid", ""))


PUBLIC = Depends(_Public())
NEWS = Depends(_News())
SIGNED_IN = Depends(_SignedIn())
EDITOR = Depends(_AtLeast("editor", "change facts or add documents (editors only)"))
SITE_ADMIN = Depends(_SiteAdmin())
ORG_ADMIN = Depends(_OrgAdmin())
FORUM_MEMBER = Depends(_Forum(1, "forum_member"))
FORUM_ORGANISER = Depends(_Forum(2, "forum_organiser"))
PARTICIPANT = Depends(_Participant())

RuleCheck = Callable[[Request], Awaitable[Principal]]


def rule_of(route) -> Rule | None:
    """The rule a route declared in its `dependencies`, if exactly one."""
    found = [d.dependency for d in getattr(route, "dependencies", []) if isinstance(d.dependency, Rule)]
    return found[0] if len(found) == 1 else None


def session_of(request: Request) -> Session:
    return request.app.state.sessions()


def visibility(who: Principal):
    """The records `who` may read: news, and their organisations' confidential records."""
    from corridor.store.visibility import Visibility

    return Visibility(who.visible_orgs)
