"""Where the counter app keeps its files on this PC.

One data folder per OS user (platformdirs), overridable with ``GUIDE_DATA_DIR``
so tests and portable installs can point elsewhere. Each (server, user) pair
gets its own cache file, so two accounts on one PC never share rows.

Everything here is for the OS user only: the caches hold customers' whole
phone numbers. On POSIX folders are 0700 and files 0600 (:func:`private_dir`,
:func:`private_file`), and the first use of a data folder in a process
tightens what an older version created with the umask's 0755/0644
(:func:`tighten_tree`). On Windows the folders live in the user's profile
(``%LOCALAPPDATA%``), whose ACL already admits only that user, SYSTEM and
administrators; ``chmod`` there only sets the read-only flag, so nothing is done.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import threading
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "guide-workstation"
DIR_MODE = 0o700
FILE_MODE = 0o600
#: chmod does what it says only on POSIX (see module doc for Windows).
POSIX = os.name == "posix"
#: What the app itself writes in a data folder (:func:`tighten_tree` touches only these).
OWN_ENTRIES = ("accounts.json", "caches", "demo-server")

_tightened: set[str] = set()
_tightened_lock = threading.Lock()


def data_dir(override: Path | str | None = None) -> Path:
    """The app's data folder (created private if missing; an existing one tightened once)."""
    if override is not None:
        path = Path(override)
    elif os.environ.get("GUIDE_DATA_DIR"):
        path = Path(os.environ["GUIDE_DATA_DIR"])
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    private_dir(path)
    key = str(path.resolve())
    with _tightened_lock:
        first = key not in _tightened
        _tightened.add(key)
    if first:
        tighten_tree(path)
    return path


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) for the OS user only; tighten it if it exists."""
    path = Path(path)
    if POSIX:
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        _chmod(path, DIR_MODE)
    else:
        path.mkdir(parents=True, exist_ok=True)
    return path


def private_file(path: Path) -> None:
    """Make an existing file readable and writable by the OS user only (no-op if missing).

    Only ``chmod`` by name: a database file is never opened outside SQLite.
    """
    if POSIX:
        _chmod(Path(path), FILE_MODE)


def tighten_tree(folder: Path) -> None:
    """Existing installs: the app's own entries of a data folder to 0700/0600 (POSIX).

    Only :data:`OWN_ENTRIES`: a data folder given on the command line may hold
    other things. Files already private are left alone (one ``lstat`` each);
    symlinks are never followed.
    """
    if not POSIX:
        return
    for name in OWN_ENTRIES:
        top = Path(folder) / name
        if not top.exists() or top.is_symlink():
            continue
        if top.is_file():
            _chmod(top, FILE_MODE)
            continue
        for root, dirs, files in os.walk(top):
            _chmod(Path(root), DIR_MODE)
            for name_ in files:
                _chmod(Path(root) / name_, FILE_MODE)
            dirs[:] = [d for d in dirs if not (Path(root) / d).is_symlink()]


def _chmod(path: Path, mode: int) -> None:
    try:
        st = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode) or stat.S_IMODE(st.st_mode) == mode:
        return
    try:
        os.chmod(path, mode)
    except OSError as exc:  # not ours (another account's file): leave it, say so
        log.warning("could not restrict %s to the OS user: %s", path, exc)


def account_key(server_url: str, username: str) -> str:
    """The key that names one account everywhere (keyring entry, accounts.json)."""
    return f"{normalize_server_url(server_url)}|{username.strip()}"


def normalize_server_url(server_url: str) -> str:
    """``http://h:1/`` and ``http://h:1`` are the same server."""
    return server_url.strip().rstrip("/")


def cache_path(server_url: str, username: str, base: Path | str | None = None) -> Path:
    """``<data_dir>/caches/<sha1(server|user)[:16]>.db``."""
    digest = hashlib.sha1(account_key(server_url, username).encode()).hexdigest()[:16]
    folder = private_dir(data_dir(base) / "caches")
    return folder / f"{digest}.db"


def blob_dir(cache_file: Path) -> Path:
    """Blob files of one cache live next to it: ``<cache>.blobs/``."""
    return private_dir(cache_file.with_name(cache_file.stem + ".blobs"))


def log_dir() -> Path:
    """Rotating log files for support."""
    return private_dir(Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)))
