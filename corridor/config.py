"""One settings object for the whole application, read from the environment or a .env file."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting Corridor reads; each is documented in the README's configuration table."""

    model_config = SettingsConfigDict(env_prefix="CORRIDOR_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///corridor.db",
        description="SQLAlchemy URL of the store; a postgresql+psycopg:// URL selects PostgreSQL.",
    )
    max_document_bytes: int = Field(
        default=20 * 1024 * 1024,
        description="Largest input file or download accepted, in bytes.",
    )
    fetch_timeout: float = Field(
        default=20.0, description="Seconds to wait for a feed or page given as an http(s) URL."
    )
    demo_corpus: Path = Field(
        default=Path(__file__).parent / "demo" / "corpus",
        description="Folder of illustrative articles loaded by `corridor demo`.",
    )
    page_size: int = Field(default=50, description="Rows per page in lists of the web app and API.")
    web_threads: int | None = Field(
        default=None, ge=1,
        description="Pages a web process renders at once, each in a thread with a database connection "
                    "(default: 1 on SQLite, 8 on PostgreSQL).",
    )
    public_read: bool = Field(
        default=False,
        description="Let anyone read the news-derived events, actors, documents, map and search without "
                    "signing in; confidential records and the forum never are.",
    )
    allowed_hosts: str = Field(
        default="localhost,127.0.0.1,[::1]",
        description="Host names the web app answers to, comma-separated; a request naming another Host is "
                    "refused (DNS rebinding).",
    )
    secret_key: str | None = Field(
        default=None,
        description="Key that signs invitation and password-reset links; by default a random key kept in "
                    "the database.",
    )
    session_hours: int = Field(default=168, ge=1, description="How long a browser session lasts after sign-in.")
    invitation_days: int = Field(
        default=14, ge=1, description="How long a participant's or a new user's invitation link stays valid."
    )
    login_limit_account: int = Field(
        default=5, ge=1, description="Failed sign-ins allowed per account in 15 minutes before it is paused."
    )
    login_limit_address: int = Field(
        default=20, ge=1, description="Failed sign-ins allowed per network address in 15 minutes."
    )
    smtp_host: str | None = Field(
        default=None, description="Mail server for invitations and password resets; none: links are shown instead."
    )
    smtp_port: int = Field(default=587, description="Port of the mail server.")
    smtp_user: str | None = Field(default=None, description="User name on the mail server, if it needs one.")
    smtp_password: str | None = Field(default=None, description="Password on the mail server.")
    smtp_from: str = Field(default="corridor@localhost", description="Sender address of the mails.")
    smtp_starttls: bool = Field(default=True, description="Upgrade the mail connection with STARTTLS.")
    base_url: str | None = Field(
        default=None,
        description="The app's public address, for links in mails (default: the address the request came to).",
    )

    def host_names(self) -> frozenset[str]:
        return frozenset(h.strip().lower() for h in self.allowed_hosts.split(",") if h.strip())


@lru_cache
def get_settings() -> Settings:
    return Settings()
