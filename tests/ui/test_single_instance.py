"""A second ``guide-app`` for the same OS user and data folder brings the first window forward.

The first instance runs here (the real instance lock and QLocalServer, wired
by ``ui.main._listen_for_second_starts``); the second is the real app started
as a child process (``python -m ui --data-dir …``), which must hand over and
exit 0 without opening a window of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from guide_app import paths
from tests.ui.conftest import WAIT_MS

ROOT = Path(__file__).parents[2]


def _second_app(data_dir: Path, tmp_path: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # its settings and log stay here
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "ui", "--data-dir", str(data_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_second_start_raises_the_first_window_and_exits_0(app, qtbot, tmp_path, monkeypatch):
    from ui import main
    from ui.single_instance import InstanceLock

    data_dir = paths.data_dir(tmp_path / "data")
    lock = InstanceLock(data_dir)
    assert lock.acquire()
    monkeypatch.setattr(main, "_activation", None)
    main._listen_for_second_starts(lock)
    _, server = main._activation
    try:
        window = QMainWindow()
        qtbot.addWidget(window)
        window.setWindowTitle("导购工作台")
        window.show()
        other = QWidget()  # something else has the focus, and the window is minimised
        qtbot.addWidget(other)
        other.show()
        window.showMinimized()
        other.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is other, timeout=WAIT_MS)
        assert window.isMinimized()

        proc = _second_app(data_dir, tmp_path)
        with qtbot.waitSignal(server.sig_activate_requested, timeout=60000):
            pass  # the event loop runs: the first instance answers the handshake
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=WAIT_MS)
        out = proc.stdout.read()
        assert proc.returncode == 0, out
        assert not window.isMinimized() and window.isVisible()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    finally:
        server.close()
        lock.release()


def test_only_one_first_instance_per_data_folder(tmp_path):
    from ui.single_instance import InstanceLock, server_name

    data_dir = paths.data_dir(tmp_path / "data")
    first = InstanceLock(data_dir)
    assert first.acquire()
    try:
        assert not InstanceLock(data_dir).acquire()  # a second start (same user, same folder)
        elsewhere = InstanceLock(paths.data_dir(tmp_path / "portable"))
        assert elsewhere.acquire()  # another data folder is another app
        elsewhere.release()
        assert server_name(data_dir) != server_name(tmp_path / "portable")
    finally:
        first.release()
    again = InstanceLock(data_dir)
    assert again.acquire()  # the lock went with the first one
    again.release()


def test_no_qt_is_loaded_before_the_instance_lock_is_tried():
    """The first start imports the client core before PySide6 (ui.app); the second needs no app."""
    code = (
        "import sys; import ui.single_instance, ui.main; "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
