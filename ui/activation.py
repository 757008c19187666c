"""The first instance's side of the hand-over: listen, and bring the window to the front.

See :mod:`ui.single_instance` for why and the protocol (``activate`` → ``ok``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from ui.single_instance import ACK, ACTIVATE

log = logging.getLogger(__name__)


class ActivationServer(QObject):
    """A ``QLocalServer`` that emits ``sig_activate_requested`` for each second start."""

    sig_activate_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_new_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening (only the holder of the instance lock calls this)."""
        QLocalServer.removeServer(self.name)  # a crashed first instance's socket
        if self.server.listen(self.name):
            return True
        log.warning(
            "single instance: cannot listen on %s: %s", self.name, self.server.errorString()
        )
        return False

    def close(self) -> None:
        self.server.close()

    def _on_new_connection(self) -> None:
        while (sock := self.server.nextPendingConnection()) is not None:
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._on_ready_read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))
            if sock.bytesAvailable():
                self._on_ready_read(sock)

    def _on_ready_read(self, sock: QLocalSocket) -> None:
        data = self._buffers.get(sock, b"") + bytes(sock.readAll().data())
        self._buffers[sock] = data[-64:]
        if ACTIVATE in data:
            self._buffers[sock] = b""
            log.info("another start of the app: bringing this window to the front")
            self.sig_activate_requested.emit()
            sock.write(ACK)
            sock.flush()
            sock.disconnectFromServer()

    def _forget(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()


def front_window() -> QWidget | None:
    """What the person was working in: an open modal dialog (sign-in), else the main window."""
    modal = QApplication.activeModalWidget()
    if modal is not None:
        return modal
    tops = [w for w in QApplication.topLevelWidgets() if w.isVisible() or w.isMinimized()]
    mains = [w for w in tops if isinstance(w, QMainWindow)]
    return (mains or tops or [None])[-1]


def bring_to_front(widget: QWidget | None = None) -> None:
    """Un-minimise, show, raise and activate ``widget`` (default: :func:`front_window`)."""
    widget = widget or front_window()
    if widget is None:
        return
    state = widget.windowState()
    if state & Qt.WindowState.WindowMinimized:
        widget.setWindowState(
            (state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
    widget.show()
    widget.raise_()
    widget.activateWindow()
