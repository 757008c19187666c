"""Server settings, read from flags or ``GUIDE_SERVER_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """Where an embedded server keeps its SQLite file and blobs."""
    return Path(platformdirs.user_data_dir("guide-server", appauthor=False))


class Settings(BaseSettings):
    """Everything a server process needs; the CLI passes flags, workers read the env."""

    model_config = SettingsConfigDict(env_prefix="GUIDE_SERVER_")

    data_dir: Path | None = None
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8765
    workers: int = 1
    token_ttl_days: int = 30
    #: How long a verified token stays in the in-process cache (idle pulls are cheap).
    token_cache_seconds: float = 5.0
    #: How long scope counters are reused for the idle-poll check (a change waits at most this).
    counter_cache_seconds: float = 0.1
    max_blob_bytes: int = 50 * 1024 * 1024
    login_max_failures: int = 5
    login_window_seconds: int = 15 * 60
    tombstone_days: int = 180
    access_log: bool = True
    #: Test-only: ``sequence`` takes versions from a PostgreSQL SEQUENCE, which is
    #: WRONG under concurrency; it exists so a test can prove the counter matters.
    version_source: Literal["counter", "sequence"] = "counter"

    def resolved_data_dir(self) -> Path:
        return self.data_dir or default_data_dir()

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.resolved_data_dir() / 'guide.db'}"

    def blob_dir(self) -> Path:
        return self.resolved_data_dir() / "blobs"
