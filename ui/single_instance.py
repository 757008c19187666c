"""One app per OS user and data folder: a second ``guide-app`` hands over to the first.

Why: a cache file has one owner process (``guide_app.cache.owner_lock``); a
second window started on the same account would only be told the account is
open elsewhere. Someone who starts the app again (the icon clicked twice, the
window lost behind others) wants the window they already have, so the second
process brings the first one to the front and exits 0.

How: the first process holds ``<data folder>/instance.lock`` (``filelock``) for
its lifetime and listens on a ``QLocalServer`` (:mod:`ui.activation`) whose
name comes from the OS user and the data folder, so another user, or a
portable copy with its own ``--data-dir``, is another app. A process that
cannot take the lock connects, sends ``activate``, waits for ``ok`` and ends.
The lock, not the socket, decides who is first: a socket left by a crashed
first instance is removed by the next lock holder before it listens.

This module imports no Qt: the lock is tried before the app is built, so a
second start ends in about a second, and the first one still imports the
client core before PySide6 (see ``ui.app``). Qt's network module is loaded
only to hand over.
"""

from __future__ import annotations

import getpass
import hashlib
import sys
import time
from pathlib import Path

import filelock

from guide_app import paths

LOCK_NAME = "instance.lock"
ACTIVATE = b"activate\n"
ACK = b"ok\n"
#: How long a second instance keeps trying (the first may still be starting).
HAND_OVER_TIMEOUT_S = 10.0


def server_name(data_dir: Path) -> str:
    """The local server's name: one per OS user and data folder."""
    try:
        who = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment: the folder still differs
        who = "?"
    digest = hashlib.sha1(f"{who}|{Path(data_dir).resolve()}".encode()).hexdigest()[:16]
    return f"guide-app-{digest}"


class InstanceLock:
    """``<data folder>/instance.lock``: held by the first instance for its lifetime."""

    def __init__(self, data_dir: Path) -> None:
        self.name = server_name(data_dir)
        self._lock = filelock.FileLock(
            str(Path(data_dir) / LOCK_NAME), mode=paths.FILE_MODE, thread_local=False, timeout=0
        )

    def acquire(self) -> bool:
        """True: this is the first instance. False: another one runs."""
        try:
            self._lock.acquire(timeout=0)
        except filelock.Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)


def hand_over(name: str, timeout_s: float = HAND_OVER_TIMEOUT_S) -> bool:
    """Second instance: ask the first (server ``name``) to come to the front; True once it did.

    Blocking socket calls: no Qt application or event loop is needed.
    """
    from PySide6.QtNetwork import QLocalSocket

    _allow_foreground_switch()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        sock = QLocalSocket()
        sock.connectToServer(name)
        if sock.waitForConnected(500):
            sock.write(ACTIVATE)
            sock.waitForBytesWritten(1000)
            reply = b""
            while ACK not in reply and time.monotonic() < deadline:
                if sock.waitForReadyRead(500):
                    reply += bytes(sock.readAll().data())
                elif sock.state() != QLocalSocket.LocalSocketState.ConnectedState:
                    break
            sock.abort()
            if ACK in reply:
                return True
        time.sleep(0.1)  # the first instance holds the lock but is not listening yet
    return False


def _allow_foreground_switch() -> None:
    """Windows lets only the foreground process (this one, just started) give the focus away."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        ASFW_ANY = -1
        ctypes.windll.user32.AllowSetForegroundWindow(ASFW_ANY)
