"""``guide-app``: the counter app's entry point.

``--demo`` starts the embedded demo server and signs in as the demo guide;
``--self-test`` does the same offscreen, checks the pages load, and exits 0.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guide_app.demo_server import DemoServer
    from guide_app.session import Session
    from ui.main_window import MainWindow

log = logging.getLogger("guide_app.ui")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="guide-app", description="导购工作台")
    parser.add_argument("--demo", action="store_true", help="启动内置演示服务器并登录演示账号")
    parser.add_argument("--server", metavar="URL", help="服务器地址，例如 http://127.0.0.1:8765")
    parser.add_argument("--self-test", action="store_true", help="离屏打开主窗口自检后退出")
    parser.add_argument("--lang", choices=("zh", "en"), help="界面语言")
    parser.add_argument("--data-dir", type=Path, help="本地数据目录 (默认: 用户数据目录)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The demo server runs in its own process (guide_app.demo_server.server_command);
    # in the bundle, scripts/bundle_entry.py dispatches that before ui is imported.
    args = parse_args(argv)
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return run_self_test(args)
    return run_app(args)


def run_app(args: argparse.Namespace) -> int:
    lock = _first_instance_lock(args.data_dir)
    if lock is None:
        return _hand_over(args.data_dir)
    from ui.app import make_app

    app = make_app(lang=args.lang, data_dir=args.data_dir)
    _listen_for_second_starts(lock)
    from ui import options
    from ui.signin_dialog import SignInDialog

    server_url = args.server or options.get("server_url")
    demo = None
    session = None
    if args.demo:
        demo, session = _start_demo(args.data_dir)
        server_url = demo.url
    if session is None:
        dialog = SignInDialog(server_url, data_dir=args.data_dir, show_demo=args.demo)
        if not args.demo:
            dialog.try_resume()
        if dialog.exec() != SignInDialog.DialogCode.Accepted or dialog.session is None:
            return 1
        session = dialog.session
    from ui.signin_dialog import SessionKeeper

    # A session the server signs out is replaced by signing in again (new window).
    # 文件 → 切换账号… / 退出登录 go through the keeper too (same process, new session).
    keeper = SessionKeeper(_open_window, session, data_dir=args.data_dir, show_demo=args.demo)
    keeper.sig_quit_requested.connect(app.quit)
    code = app.exec()
    keeper.shutdown()
    if demo is not None:
        demo.stop()
    del keeper
    return code


def _first_instance_lock(data_dir: Path | None):
    """The instance lock if this is the first app of this OS user and data folder, else None.

    Tried before Qt is loaded (ui.single_instance), so a second start ends quickly.
    """
    from guide_app import paths
    from ui.single_instance import InstanceLock

    lock = InstanceLock(paths.data_dir(data_dir))
    return lock if lock.acquire() else None


def _hand_over(data_dir: Path | None) -> int:
    """A second start: the first app's window comes to the front; this process ends (0)."""
    from guide_app import paths
    from ui.single_instance import hand_over, server_name

    if hand_over(server_name(paths.data_dir(data_dir))):
        return 0
    print("导购工作台已在运行，但没有响应；请关闭它后再试", file=sys.stderr)
    return 1


def _listen_for_second_starts(lock) -> None:
    """The first app: a later start brings its front window (sign-in or main) forward."""
    global _activation
    from ui.activation import ActivationServer, bring_to_front

    server = ActivationServer(lock.name)
    server.sig_activate_requested.connect(lambda: bring_to_front())
    server.listen()
    _activation = (lock, server)  # both live as long as the process


_activation = None


def _start_demo(data_dir: Path | None):
    """Start the demo server and sign in as the demo guide (None session if that fails)."""
    from guide_app.auth import sign_in
    from guide_app.demo_server import DEMO_PASSWORD, DEMO_USERNAME, start_demo_server

    base = data_dir / "demo-server" if data_dir else None
    demo = start_demo_server(base)
    try:
        session = sign_in(demo.url, DEMO_USERNAME, DEMO_PASSWORD, data_dir=data_dir)
    except Exception as exc:  # noqa: BLE001 - fall back to the dialog with the reason logged
        log.warning("演示账号自动登录失败: %s", exc)
        session = None
    return demo, session


def _open_window(session: Session) -> MainWindow:
    from ui.app import apply_language
    from ui.main_window import MainWindow

    window = MainWindow(session)
    window.sig_language_requested.connect(apply_language)
    window.show()
    window.start()
    return window


def _shutdown(session: Session | None, demo: DemoServer | None) -> None:
    from ui.background import wait_for_background

    session.sync.stop()
    wait_for_background(5000)
    session.close()
    if demo is not None:
        demo.stop()


def run_self_test(args: argparse.Namespace) -> int:
    """Open the window offscreen against a local demo server; check each page; exit 0/1."""
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import make_app

    started = time.monotonic()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="guide-selftest-"))
    app = make_app(lang=args.lang or "zh", data_dir=data_dir)
    demo, session = _start_demo(data_dir)
    problems: list[str] = []
    if session is None:
        demo.stop()
        print("self-test: 演示账号登录失败", file=sys.stderr)
        return 1
    window = _open_window(session)
    clock = QElapsedTimer()
    clock.start()

    def wait_for(predicate, what: str, timeout_ms: int = 60000) -> bool:
        deadline = clock.elapsed() + timeout_ms
        while clock.elapsed() < deadline:
            QApplication.processEvents()
            if predicate():
                return True
            time.sleep(0.01)
        problems.append(what)
        return False

    wait_for(lambda: session.sync.status.last_sync_at is not None, "首次同步未完成")
    window.bridge.deliver({"customer", "tag", "user"})
    wait_for(lambda: window.contacts.model.rowCount() > 0, "客户列表为空")
    for page in ("today", "contacts", "scripts", "orders", "tasks"):
        window.show_page(page)
        QApplication.processEvents()
        if window.current_page() != page:
            problems.append(f"无法打开页面 {page}")
    window.search_box.setText("")
    first = window.contacts.model.row_at(0)
    if first is not None:
        card = window.open_customer(first.id)
        wait_for(lambda: card.card is not None, "客户卡片未加载")
        card.close()
    window.close()
    _shutdown(session, demo)
    del app
    elapsed = time.monotonic() - started
    if problems:
        print("self-test FAILED: " + "; ".join(problems), file=sys.stderr)
        return 1
    print(f"self-test OK ({elapsed:.1f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
