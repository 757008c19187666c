"""Where the counter app keeps its files on this PC.

One data folder per OS user (platformdirs), overridable with ``GUIDE_DATA_DIR``
so tests and portable installs can point elsewhere. Each (server, user) pair
gets its own cache file, so two accounts on one PC never share rows.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

APP_NAME = "guide-workstation"


def data_dir(override: Path | str | None = None) -> Path:
    """The app's data folder (created if missing)."""
    if override is not None:
        path = Path(override)
    elif os.environ.get("GUIDE_DATA_DIR"):
        path = Path(os.environ["GUIDE_DATA_DIR"])
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def account_key(server_url: str, username: str) -> str:
    """The key that names one account everywhere (keyring entry, accounts.json)."""
    return f"{normalize_server_url(server_url)}|{username.strip()}"


def normalize_server_url(server_url: str) -> str:
    """``http://h:1/`` and ``http://h:1`` are the same server."""
    return server_url.strip().rstrip("/")


def cache_path(server_url: str, username: str, base: Path | str | None = None) -> Path:
    """``<data_dir>/caches/<sha1(server|user)[:16]>.db``."""
    digest = hashlib.sha1(account_key(server_url, username).encode()).hexdigest()[:16]
    folder = data_dir(base) / "caches"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{digest}.db"


def blob_dir(cache_file: Path) -> Path:
    """Blob files of one cache live next to it: ``<cache>.blobs/``."""
    path = cache_file.with_name(cache_file.stem + ".blobs")
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """Rotating log files for support."""
    path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
