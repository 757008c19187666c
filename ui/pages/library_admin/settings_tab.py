"""运营设置 tab (HQ): the chain's lifecycle thresholds (新客/活跃/沉睡/流失) and 今日's
contact guard, read from and saved to the server (``/admin/settings/…``, online only).

The values go to the server as typed; it judges them (沉睡 after 活跃, the ranges) and
its refusal is shown as it says it. Every counter PC pulls the saved row by sync.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.settings_admin import SettingsAdmin
from guide_core.settings_api import LifecycleSettings, TodaySettings
from ui.pages.library_admin.common import AdminHost, AdminTab

#: The spin boxes' bounds: the server's (``guide_core.settings_api``); it judges the rest.
DAY_RANGE = (1, 3650)
ORDER_RANGE = (0, 1000)
GUARD_RANGE = (1, 90)


def _spin(bounds: tuple[int, int]) -> QSpinBox:
    box = QSpinBox()
    box.setRange(*bounds)
    box.setMinimumWidth(110)
    return box


def _hint() -> QLabel:
    label = QLabel()
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


class SettingsTab(AdminTab):
    """Spin boxes with a line each saying what they mean; 读取 and 保存 on the worker."""

    def __init__(self, host: AdminHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.settings = SettingsAdmin(host.admin.api, host.admin.user)
        #: a call on its way (the fields wait for it)
        self.loading = False
        #: what the server last answered (None: not read yet)
        self.shown: tuple[LifecycleSettings, TodaySettings] | None = None

        self.new_days = _spin(DAY_RANGE)
        self.new_max_orders = _spin(ORDER_RANGE)
        self.active_days = _spin(DAY_RANGE)
        self.dormant_days = _spin(DAY_RANGE)
        self.guard_days = _spin(GUARD_RANGE)
        self.spins = [
            self.new_days,
            self.new_max_orders,
            self.active_days,
            self.dormant_days,
            self.guard_days,
        ]
        for box in self.spins:
            box.valueChanged.connect(self._explain)

        self.stage_box = QGroupBox()
        self.labels = [QLabel() for _ in self.spins]
        self.new_hint, self.active_hint, self.dormant_hint, self.guard_hint = (
            _hint() for _ in range(4)
        )
        grid = QGridLayout(self.stage_box)
        for row, (label, box) in enumerate(zip(self.labels[:4], self.spins[:4], strict=True)):
            grid.addWidget(label, row, 0)
            grid.addWidget(box, row, 1)
        grid.addWidget(self.new_hint, 0, 2, 2, 1)
        grid.addWidget(self.active_hint, 2, 2)
        grid.addWidget(self.dormant_hint, 3, 2)
        grid.setColumnStretch(2, 1)

        self.today_box = QGroupBox()
        today = QGridLayout(self.today_box)
        today.addWidget(self.labels[4], 0, 0)
        today.addWidget(self.guard_days, 0, 1)
        today.addWidget(self.guard_hint, 0, 2)
        today.setColumnStretch(2, 1)
        # the two boxes' label columns line up
        for g in (grid, today):
            g.setColumnMinimumWidth(0, 150)

        self.read = QPushButton()
        self.read.clicked.connect(self.reload)
        self.save = QPushButton()
        self.save.clicked.connect(self.save_settings)
        self.status = _hint()
        bar = QHBoxLayout()
        bar.addWidget(self.read)
        bar.addWidget(self.save)
        bar.addWidget(self.status, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stage_box)
        layout.addWidget(self.today_box)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate_ui()
        self.update_controls()

    # ------------------------------------------------------------------ texts

    def retranslate_ui(self) -> None:
        self.stage_box.setTitle(self.tr("客户阶段"))
        self.today_box.setTitle(self.tr("今日"))
        for label, text in zip(
            self.labels,
            (
                self.tr("新客天数"),
                self.tr("新客订单数上限"),
                self.tr("活跃天数"),
                self.tr("沉睡天数"),
                self.tr("今日联系间隔"),
            ),
            strict=True,
        ):
            label.setText(text)
        for box in self.spins:
            if box is not self.new_max_orders:
                box.setSuffix(self.tr(" 天"))
        self.new_max_orders.setSuffix(self.tr(" 单"))
        self.read.setText(self.tr("读取"))
        self.save.setText(self.tr("保存"))
        self._explain()

    def _explain(self) -> None:
        """Each explanation with the numbers as they stand in the boxes."""
        self.new_hint.setText(
            self.tr("新客：入会后 {0} 天内且订单数 ≤ {1}").format(
                self.new_days.value(), self.new_max_orders.value()
            )
        )
        self.active_hint.setText(self.tr("活跃：{0} 天内有购买").format(self.active_days.value()))
        self.dormant_hint.setText(
            self.tr("沉睡：超过 {0} 天未购买；流失：超过 {1} 天未购买").format(
                self.active_days.value(), self.dormant_days.value()
            )
        )
        self.guard_hint.setText(
            self.tr("{0} 天内联系过的客户不进入今日列表 (任务不受影响)").format(
                self.guard_days.value()
            )
        )

    # ------------------------------------------------------------------ state

    def update_controls(self) -> None:
        may = self.settings.may_edit
        editable = may and not self.loading and self.writable and self.shown is not None
        for box in self.spins:
            box.setEnabled(editable)
        self.save.setEnabled(editable)
        self.read.setEnabled(may and not self.loading)

    def _show(self, lifecycle: LifecycleSettings, today: TodaySettings) -> None:
        self.shown = (lifecycle, today)
        for box, value in zip(
            self.spins,
            (
                lifecycle.new_days,
                lifecycle.new_max_orders,
                lifecycle.active_days,
                lifecycle.dormant_days,
                today.contact_guard_days,
            ),
            strict=True,
        ):
            box.setValue(value)
        self._explain()

    def _when(self, lifecycle: LifecycleSettings, today: TodaySettings) -> str:
        stamps = [s.updated_at for s in (lifecycle, today) if s.updated_at is not None]
        if not stamps:
            return self.tr("总部尚未修改, 现为默认值")
        return self.tr("上次保存于 {0}").format(max(stamps).astimezone().strftime("%Y-%m-%d %H:%M"))

    def _start(self) -> None:
        self.loading = True
        self.show_error("")
        self.status.setText(self.tr("正在连接服务器…"))
        self.update_controls()

    def _failed(self, message: str) -> None:
        self.loading = False
        self.status.setText("")
        self.show_error(message)
        self.update_controls()

    # ------------------------------------------------------------------ calls

    def reload(self) -> None:
        """读取: the server's values into the boxes."""
        if not self.settings.may_edit:
            return
        self._start()

        def done(result: tuple[LifecycleSettings, TodaySettings]) -> None:
            self.loading = False
            self._show(*result)
            self.status.setText(self.tr("已读取。{0}").format(self._when(*result)))
            self.update_controls()

        self.host.run(self.settings.both, done, self._failed)

    def values(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(lifecycle, today) bodies as the boxes stand."""
        lifecycle = {
            "new_days": self.new_days.value(),
            "new_max_orders": self.new_max_orders.value(),
            "active_days": self.active_days.value(),
            "dormant_days": self.dormant_days.value(),
        }
        return lifecycle, {"contact_guard_days": self.guard_days.value()}

    def save_settings(self) -> None:
        """保存: both to the server; its refusal shown as it says it, nothing changed."""
        lifecycle, today = self.values()
        self._start()

        def done(result: tuple[LifecycleSettings, TodaySettings]) -> None:
            self.loading = False
            self._show(*result)
            self.status.setText(
                self.tr("已保存, 各门店电脑同步后生效。{0}").format(self._when(*result))
            )
            self.update_controls()

        self.host.run(lambda: self.settings.save_raw(lifecycle, today), done, self._failed)
