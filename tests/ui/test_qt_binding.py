"""The Qt binding must not leak or over-release references to None (PySide6 6.12.0 on 3.11 did).

With that binding every call of a void method released one reference to
``None``; the app aborted ("deallocating None") after a few thousand calls.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class _Emitter(QObject):
    sig_fired = Signal()


def test_void_calls_keep_none_and_bools_alive(qapp):
    widget = QWidget()
    emitter = _Emitter()
    emitter.sig_fired.connect(lambda: None)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        qapp.processEvents()
        widget.update()
        widget.isVisible()
        emitter.sig_fired.emit()
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    drift = [a - b for a, b in zip(after, before, strict=True)]
    # a little drift is the interpreter's own; 500+ per object is the binding
    assert all(abs(d) < 50 for d in drift), drift
