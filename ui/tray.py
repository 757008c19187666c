"""Desktop reminders through the tray: Qt's own ``QSystemTrayIcon`` (no extra library).

Every :data:`CHECK_MS` a worker asks :class:`guide_app.services.reminders.Reminders`
what to tell (tasks due within the hour, the reminder times of 设置 → 提醒); each
notice is shown with ``QSystemTrayIcon.showMessage`` only: a balloon/toast of
the desktop, which never raises or activates a window, so typing in WeCom or
the till is never interrupted. Clicking the message emits
:attr:`ReminderTray.sig_open_page` with the page it is about (任务 or 今日); the
main window then comes forward, because the user asked for it.

Where the desktop has no tray (offscreen tests, some Linux desktops) the main
window has no tray icon: reminders are off, said once in the log, and the app
runs as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from guide_app.services.reminders import BadReminderTimes, Reminders, Summary, TaskDue, parse_times
from ui import options
from ui.background import run_in_background

if TYPE_CHECKING:
    from guide_app.services.reminders import Notice
    from guide_app.session import Session

log = logging.getLogger(__name__)

#: How often the reminders are checked.
CHECK_MS = 60_000
#: How long a message stays up (the desktop may cap it).
MESSAGE_MS = 10_000
#: Task titles named in one message; the rest are counted.
TITLES_SHOWN = 3

#: ``show(title, message)``: the desktop's notification call.
ShowMessage = Callable[[str, str], None]

_told_no_tray = False


def _log_no_tray_once() -> None:
    global _told_no_tray
    if not _told_no_tray:
        _told_no_tray = True
        log.info("no system tray on this desktop: desktop reminders are off")


class ReminderTray(QObject):
    """Checks the reminders on a timer and shows them in the tray; see the module doc."""

    #: A message was clicked: the page it is about (``"tasks"`` or ``"today"``).
    sig_open_page = Signal(str)

    def __init__(
        self,
        session: Session,
        tray: QSystemTrayIcon | None,
        parent: QObject | None = None,
        *,
        show: ShowMessage | None = None,
        clock: Callable[[], datetime] | None = None,
        interval_ms: int = CHECK_MS,
    ) -> None:
        """``show`` replaces the desktop call (``tray.showMessage``), which cannot run
        offscreen; ``clock`` gives ``now`` (aware, local by default)."""
        super().__init__(parent)
        self.session = session
        self.tray = tray
        if show is None and tray is not None:
            show = self._show_in_tray
        self.show_message: ShowMessage | None = show
        self.clock = clock or (lambda: datetime.now().astimezone())
        self.reminders = Reminders()
        #: The page of the message shown last (what a click on it opens).
        self.last_page: str | None = None
        #: (title, message) of every message shown, for the log and tests.
        self.shown: list[tuple[str, str]] = []
        self._checking = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_now)
        if tray is not None:
            tray.messageClicked.connect(self.open_last)
        self.reload_settings()

    @property
    def available(self) -> bool:
        return self.show_message is not None

    def start(self) -> None:
        """Check now and then every :data:`CHECK_MS` (nothing where there is no tray)."""
        if not self.available:
            _log_no_tray_once()
            return
        self.timer.start()
        self.check_now()

    def stop(self) -> None:
        self.timer.stop()

    def reload_settings(self) -> None:
        """设置 → 提醒: on or off, and the times (a bad stored text: no times, logged)."""
        try:
            times = parse_times(options.get("reminder_times"))
        except BadReminderTimes as exc:
            log.warning("reminder times ignored: %s", exc)
            times = ()
        self.reminders.configure(times, bool(options.get("reminders_enabled")))

    # ------------------------------------------------------------------ checking

    def check_now(self) -> None:
        """Ask the cache on a worker what to tell now; one check at a time."""
        if self._checking or not self.available or not self.reminders.enabled:
            return
        self._checking = True
        now = self.clock()
        cache, user = self.session.cache, self.session.user
        run_in_background(
            lambda: self.reminders.check(cache, user, now), self._checked, self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        self._checking = False
        log.warning("reminder check failed: %s", exc)

    def _checked(self, notices: list[Notice]) -> None:
        self._checking = False
        self.show_notices(notices)

    def show_notices(self, notices: list[Notice]) -> None:
        """One message per reminder time, one for all the tasks due soon."""
        for notice in notices:
            if isinstance(notice, Summary):
                self._show(self.summary_text(notice), notice.page)
        tasks = [n for n in notices if isinstance(n, TaskDue)]
        if tasks:
            self._show(self.tasks_text(tasks), tasks[0].page)

    def summary_text(self, s: Summary) -> tuple[str, str]:
        parts = []
        if s.tasks:
            parts.append(self.tr("{0} 个任务").format(s.tasks))
        if s.customers:
            parts.append(self.tr("{0} 位客户待跟进").format(s.customers))
        return self.tr("今日待办"), self.tr("今日待办：{0}").format(self.tr("，").join(parts))

    def tasks_text(self, tasks: list[TaskDue]) -> tuple[str, str]:
        if len(tasks) == 1:
            t = tasks[0]
            return self.tr("任务即将截止"), self.tr("“{0}” 将于 {1} 截止").format(
                t.title, t.due_at.strftime("%H:%M")
            )
        names = self.tr("、").join(f"“{t.title}”" for t in tasks[:TITLES_SHOWN])
        if len(tasks) > TITLES_SHOWN:
            names = self.tr("{0} 等").format(names)
        return self.tr("任务即将截止"), self.tr("{0} 个任务 1 小时内截止：{1}").format(
            len(tasks), names
        )

    def _show(self, text: tuple[str, str], page: str) -> None:
        assert self.show_message is not None
        self.last_page = page
        self.shown.append(text)
        log.info("reminder shown: %s — %s", *text)
        self.show_message(*text)

    def _show_in_tray(self, title: str, message: str) -> None:
        assert self.tray is not None
        self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)

    def open_last(self) -> None:
        """The last message was clicked: open its page."""
        if self.last_page is not None:
            self.sig_open_page.emit(self.last_page)
