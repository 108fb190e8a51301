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


@lru_cache
def get_settings() -> Settings:
    return Settings()
