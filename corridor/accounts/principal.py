"""Who is asking: a signed-in user (with their organisations' roles), a forum participant who came
through their invitation link, or nobody. What each may do is decided by corridor/web/auth.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from corridor.accounts.audit import Actor
from corridor.accounts.models import ROLES

RANK = {role: i for i, role in enumerate(ROLES, start=1)}  # member 1, editor 2, admin 3


@dataclass(frozen=True)
class Principal:
    user_id: int | None = None
    email: str | None = None
    name: str = ""
    site_admin: bool = False
    roles: dict[str, str] = field(default_factory=dict)  # organisation id → role
    via: str = "web"  # web: a browser session; api: a bearer token
    scope: str = "write"  # a token's scope; browser sessions may write
    session_hash: str | None = None
    forum_id: str | None = None  # a participant's session: their forum and participant ids
    participant_id: str | None = None
    address: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    @property
    def participant(self) -> bool:
        return self.participant_id is not None

    def rank_in(self, org_id: str | None) -> int:
        """0 outside the organisation, else 1 member, 2 editor, 3 admin; a site admin ranks 3 everywhere."""
        if self.site_admin:
            return RANK["admin"]
        return RANK.get(self.roles.get(org_id or "", ""), 0)

    def orgs_at_least(self, role: str) -> list[str]:
        return sorted(org for org, r in self.roles.items() if RANK[r] >= RANK[role])

    def is_at_least(self, role: str) -> bool:
        """Holds `role` (or a higher one) in some organisation, or is a site admin."""
        return self.site_admin or bool(self.orgs_at_least(role))

    @property
    def visible_orgs(self) -> frozenset[str] | None:
        """The organisations whose confidential records this principal may read; None: every one."""
        if self.site_admin:
            return None
        return frozenset(self.roles) if self.signed_in else frozenset()

    def actor(self) -> Actor:
        if self.signed_in:
            who = f"user:{self.email}"
        elif self.participant:
            who = f"participant:{self.participant_id}"
        else:
            who = "anonymous"
        return Actor(who, self.via, self.user_id, self.address)


ANONYMOUS = Principal()
