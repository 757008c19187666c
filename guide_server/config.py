"""Server settings, read from flags or ``GUIDE_SERVER_*`` environment variables."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


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
    #: Longest a pull with nothing new is held open waiting for a change (``?wait=``, capped
    #: here; ``guide_server.sync.live``). Keep it below any proxy's read timeout in front.
    pull_wait_max_seconds: float = 25.0
    max_blob_bytes: int = 50 * 1024 * 1024
    # Sign-in throttling (guide_server/throttle.py). Every attempt reserves a place in its
    # counters before the password is checked, so parallel guesses never get more checks.
    #: Per (username, address), or per (username, device) for a device that has signed in as
    #: that user before: this many failures, then 429 until the window ends. Only whoever
    #: types at that address (or holds that device's id) can use it up.
    login_max_failures: int = 5
    login_window_seconds: int = 15 * 60
    #: Per address across all usernames, against password spraying. High on purpose: a
    #: store's shared counter PC or an office NAT never gets there through honest typos, and
    #: a known device is not counted here at all.
    login_address_max_failures: int = 100
    login_address_window_seconds: int = 15 * 60
    #: Per username across all addresses (guessing from many addresses): this many failures
    #: are free; after that each further check must wait base × 2^k seconds (k = failures
    #: past the free ones) after the previous one, at most ``max`` — a distributed attacker
    #: gets about one guess per 5 minutes. Forgotten after ``quiet`` seconds without a check.
    #: Never applied to a device that has signed in as the user before nor to an address the
    #: user signed in from within ``login_known_address_days``: it can slow down a stranger's
    #: new PC, never lock a colleague out of their own.
    login_user_free_failures: int = 10
    login_user_base_delay_seconds: float = 1.0
    login_user_max_delay_seconds: float = 5 * 60
    login_user_quiet_seconds: int = 60 * 60
    login_known_address_days: int = 30
    #: Reverse proxies whose ``X-Forwarded-For`` is believed (IPs or CIDRs, JSON list or
    #: comma-separated). Empty: the socket's peer is the client, whatever the header says.
    trusted_proxies: Annotated[list[str], NoDecode] = []
    tombstone_days: int = 180
    access_log: bool = True
    #: Test-only: ``sequence`` takes versions from a PostgreSQL SEQUENCE, which is
    #: WRONG under concurrency; it exists so a test can prove the counter matters.
    version_source: Literal["counter", "sequence"] = "counter"

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxy_list(cls, value: object) -> object:
        """``"10.0.0.1, 10.1.0.0/16"`` or a JSON list; each entry must parse as an IP network."""
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else text.split(",")
        if isinstance(value, list | tuple):
            value = [str(v).strip() for v in value if str(v).strip()]
            for entry in value:
                ipaddress.ip_network(entry, strict=False)  # ValueError names the bad entry
        return value

    def resolved_data_dir(self) -> Path:
        return self.data_dir or default_data_dir()

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.resolved_data_dir() / 'guide.db'}"

    def blob_dir(self) -> Path:
        return self.resolved_data_dir() / "blobs"
