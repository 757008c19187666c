"""What a test may ask the OS about the app's files: which are open here, and their modes."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def open_files(cache_file: Path) -> list[str]:
    """Files of this cache (db, -wal, -shm, .lock) this process still has open (Linux /proc)."""
    names = {str(cache_file) + s for s in ("", "-wal", "-shm", ".lock")}
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target in names:
            found.append(target)
    return found


def file_mode(path: Path) -> str:
    """``"0o600"``-style permission bits of ``path`` itself (links not followed)."""
    return oct(stat.S_IMODE(Path(path).lstat().st_mode))
