"""UI fixtures: real widgets offscreen over a real Session against the real server.

Each test gets its own settings file and client data folder; the server is
``sqlite_live_server`` (tests.support.plugin) over a fresh copy of the
small demo chain (S001/S002, ``s001-g1``/``s001-mgr``…, password demo1234).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.support.server import DEMO_PASSWORD

WAIT_MS = 20000


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[Path]:
    """QSettings in a temporary folder, so tests never read the developer's settings."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def app(qapp, isolated_settings):
    """pytest-qt's QApplication with our style sheet and Chinese translators."""
    from ui.app import make_app

    make_app(lang="zh")
    yield qapp
    from ui.i18n import install_translators

    install_translators("zh")


def open_session(server_url: str, username: str, data_dir: Path):
    """Sign in and wait for the first full sync (the engine runs on its own thread)."""
    import time

    from guide_app.auth import sign_in

    session = sign_in(server_url, username, DEMO_PASSWORD, data_dir=data_dir)
    deadline = time.monotonic() + WAIT_MS / 1000
    while session.sync.status.last_sync_at is None:
        assert time.monotonic() < deadline, f"first sync did not finish: {session.sync.status}"
        time.sleep(0.05)
    return session


def close_session(session) -> None:
    from ui.background import wait_for_background

    session.sync.stop()
    wait_for_background(10000)
    session.close()


@pytest.fixture
def server(sqlite_live_server):
    return sqlite_live_server


@pytest.fixture
def session(server, tmp_path: Path):
    s = open_session(server.url, "s001-g1", tmp_path / "client-g1")
    yield s
    close_session(s)


@pytest.fixture
def window(app, qtbot, session):
    """The main window, shown, attached to the engine, with the customer list loaded."""
    from ui.main_window import MainWindow

    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: w.contacts.model.rowCount() > 0, timeout=WAIT_MS)
    yield w
    w.close()
