"""The sign-in dialog stays responsive against a slow server and explains a garbage one."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer

from tests.ui.conftest import WAIT_MS


class FakeHttp:
    """A loopback socket that answers every request with ``reply`` after ``delay_s``."""

    def __init__(self, reply: bytes, delay_s: float) -> None:
        self.reply, self.delay_s = reply, delay_s
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self._stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                if self._stop.wait(self.delay_s):
                    return
                conn.sendall(self.reply)
            except OSError:
                pass

    def close(self) -> None:
        self._stop.set()
        self.sock.close()


GARBAGE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Guide-Protocol: 1\r\n"
    b"Content-Length: 13\r\nConnection: close\r\n\r\n{not json!!!!"
)


@pytest.fixture
def garbage_server() -> Iterator[FakeHttp]:
    server = FakeHttp(GARBAGE, 0.0)
    yield server
    server.close()


@pytest.fixture
def slow_server() -> Iterator[FakeHttp]:
    server = FakeHttp(GARBAGE, 10.0)
    yield server
    server.close()


def make_dialog(qtbot, tmp_path, url: str):
    from ui.signin_dialog import SignInDialog

    dialog = SignInDialog(url, data_dir=tmp_path / "client")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.user_edit.setText("s001-g1")
    dialog.password_edit.setText("demo1234")
    return dialog


def test_garbage_reply_gives_a_clear_message(app, qtbot, tmp_path, garbage_server):
    dialog = make_dialog(qtbot, tmp_path, garbage_server.url)
    dialog.try_sign_in()
    qtbot.waitUntil(lambda: dialog.message.text() not in ("", "正在登录…"), timeout=WAIT_MS)
    assert dialog.session is None
    assert dialog.buttons.buttons()[0].isEnabled()
    assert dialog.message.text().startswith("登录失败") or "无法连接" in dialog.message.text()


def test_slow_server_does_not_freeze_the_window(app, qtbot, tmp_path, slow_server):
    dialog = make_dialog(qtbot, tmp_path, slow_server.url)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    dialog.try_sign_in()
    assert dialog.message.text() == "正在登录…"
    qtbot.wait(1500)  # the server takes 10 s; the GUI thread keeps ticking meanwhile
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 50
    assert max(gaps) < 0.5
    assert not dialog.server_edit.isEnabled()  # busy, not frozen: the form waits for the answer
