"""Logging: a rotating file under the user log folder and recent lines for the in-app view.

The log names customers and accounts, so like the data folder it is for the OS
user only: folder 0700, files 0600 (created so, and tightened if an older
version left them readable; see :mod:`guide_app.paths`).
"""

from __future__ import annotations

import hashlib
import logging
import logging.handlers
import os
from collections import deque
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, Signal

from guide_app import paths

#: The process id tells instances apart (each also writes its own file, see :func:`log_file`).
_FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"


class _Emitter(QObject):
    sig_line_logged = Signal(str)


class RecentLines(logging.Handler):
    """Keeps the last lines in memory; ``emitter.sig_line_logged`` announces new ones.

    Records can come from any thread; the Qt signal queues them to the view's thread.
    """

    def __init__(self, capacity: int = 1000) -> None:
        super().__init__(logging.INFO)
        self.lines: deque[str] = deque(maxlen=capacity)
        self.emitter = _Emitter()
        self.setFormatter(logging.Formatter(_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:  # noqa: BLE001 - a broken record must not break logging
            return
        self.lines.append(line)
        try:
            self.emitter.sig_line_logged.emit(line)
        except RuntimeError:
            pass


_recent: RecentLines | None = None


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates each log file (the first and every one after a rollover) as 0600."""

    def _open(self):  # type: ignore[no-untyped-def]
        def opener(path: str, flags: int) -> int:
            return os.open(path, flags, paths.FILE_MODE)

        return self._builtin_open(  # the handler owns the stream
            self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors, opener=opener
        )


_file: Path | None = None


def log_file(data_dir: Path | None = None) -> Path:
    """This instance's log file: one per data folder, as only one app runs per data folder.

    The usual folder logs to ``guide-app.log``; another (``--data-dir``,
    ``GUIDE_DATA_DIR``) to ``guide-app-<8 hex of its path>.log``, so two apps
    never write, or rotate, one file.
    """
    folder = Path(platformdirs.user_log_dir("guide-app", "GuideWorkstation"))
    chosen = paths.data_dir(data_dir).resolve()
    usual = Path(platformdirs.user_data_dir(paths.APP_NAME, appauthor=False)).resolve()
    if chosen == usual:
        return folder / "guide-app.log"
    tag = hashlib.sha256(str(chosen).encode()).hexdigest()[:8]
    return folder / f"guide-app-{tag}.log"


def setup_logging(level: int = logging.INFO, data_dir: Path | None = None) -> RecentLines:
    """Install the file and memory handlers once; return the memory handler."""
    global _recent, _file
    if _recent is not None:
        return _recent
    root = logging.getLogger()
    root.setLevel(level)
    _recent = RecentLines()
    root.addHandler(_recent)
    path = _file = log_file(data_dir)
    try:
        paths.private_dir(path.parent)
        for old in path.parent.glob(path.name + "*"):  # the live file and its rotations
            paths.private_file(old)
        file_handler = PrivateRotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        file_handler.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(file_handler)
    except OSError as exc:
        logging.getLogger(__name__).warning("无法写日志文件 %s: %s", path, exc)
    return _recent


def current_log_file() -> Path:
    """The file this process writes (its data folder's, once logging is set up)."""
    return _file if _file is not None else log_file()


def recent_lines() -> RecentLines:
    return _recent if _recent is not None else setup_logging()
