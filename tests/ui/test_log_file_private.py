"""The log file (it names customers and accounts) is for the OS user only: 0700 folder, 0600 files."""

from __future__ import annotations

import logging
import os

import pytest

from tests.file_probes import file_mode

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="Windows: the profile's ACL"),
    pytest.mark.usefixtures("usual_umask"),
]


def test_log_files_are_created_private_also_after_a_rollover(tmp_path):
    from ui.logs import PrivateRotatingFileHandler

    path = tmp_path / "guide-app.log"
    handler = PrivateRotatingFileHandler(path, maxBytes=200, backupCount=2, encoding="utf-8")
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "客户 13812345678 " * 10, None, None)
    try:
        handler.emit(record)
        handler.emit(record)  # over maxBytes: rolls over to guide-app.log.1
    finally:
        handler.close()
    assert (tmp_path / "guide-app.log.1").exists()
    assert [file_mode(p) for p in (path, tmp_path / "guide-app.log.1")] == ["0o600", "0o600"]


def test_existing_log_folder_and_files_are_tightened_at_start(tmp_path, monkeypatch):
    from ui import logs

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    old = logs.log_file()
    old.parent.mkdir(parents=True, mode=0o755)
    old.write_text("旧日志\n")
    rotated = old.with_name(old.name + ".1")
    rotated.write_text("更旧\n")
    for f in (old, rotated):
        os.chmod(f, 0o644)
    monkeypatch.setattr(logs, "_recent", None)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        logs.setup_logging()
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
    assert file_mode(old.parent) == "0o700"
    assert [file_mode(old), file_mode(rotated)] == ["0o600", "0o600"]
