"""任务发布: HQ publishes, edits and withdraws tasks (online, through the admin API);
a store's supervisor makes store tasks for guides of the store (``task.create``,
queued: works offline) and edits or withdraws them online.

A refused publish lists every problem the server found (where and what; nothing
was published); an edit says what reaches guides who already started.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guide_app.domain.errors import ValidationFailed
from guide_app.services.task_admin import AdminError, TaskAdmin
from guide_core import protocol
from guide_core import tasks_api as api_
from ui.background import run_in_background
from ui.pages.registry import PageWidget
from ui.pages.task_admin.form import TaskForm, checked_ids

if TYPE_CHECKING:
    from guide_app.session import Session

ID_ROLE = Qt.ItemDataRole.UserRole


class TaskAdminPage(PageWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.admin = TaskAdmin(session.api, session.cache, session.user)
        self.is_hq = self.admin.is_hq
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.tasks = QListWidget()
        self.tasks.setObjectName("publishedTasks")
        self.tasks.itemActivated.connect(lambda item: self.open_task(item.data(ID_ROLE)))
        self.tasks.itemClicked.connect(lambda item: self.open_task(item.data(ID_ROLE)))
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_task)
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.reload)
        self.form = TaskForm(self.is_hq)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.edit_note = QLineEdit()
        self.edit_note.setObjectName("editNote")
        self.check_button = QPushButton()
        self.check_button.clicked.connect(lambda: self.publish(dry_run=True))
        self.check_button.setVisible(self.is_hq)
        self.publish_button = QPushButton()
        self.publish_button.setObjectName("publish")
        self.publish_button.clicked.connect(lambda: self.publish())
        self.withdraw_button = QPushButton()
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.message = QLabel()
        self.message.setObjectName("publishMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tasks, 1)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.reload_button)
        left_layout.addLayout(list_buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scroll, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.edit_note, 1)
        actions.addWidget(self.check_button)
        actions.addWidget(self.publish_button)
        actions.addWidget(self.withdraw_button)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.message)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(split, 1)
        #: Calls in flight (tests wait for 0).
        self.busy = 0
        #: The last publish report (dry run or real), for people and tests.
        self.report: api_.PublishReport | None = None
        self.published: list[protocol.TaskData] = []
        self._loaded = False
        self.retranslate_ui()
        self._editing(False)

    def retranslate_ui(self) -> None:
        self.note.setText(
            self.tr("总部发布任务需要连接服务器; 发布后各门店导购同步即可收到")
            if self.is_hq
            else self.tr("给本店导购发任务: 离线也能保存, 联网后自动发出; 修改和撤回需要联网")
        )
        self.new_button.setText(self.tr("新建任务"))
        self.reload_button.setText(self.tr("刷新"))
        self.check_button.setText(self.tr("检查"))
        self.withdraw_button.setText(self.tr("撤回"))
        self.edit_note.setPlaceholderText(self.tr("修改说明 (导购会看到)"))
        self.form.retranslate_ui()
        self._editing(self.form.editing is not None)

    def _editing(self, on: bool) -> None:
        self.publish_button.setText(self.tr("保存修改") if on else self.tr("发布"))
        self.withdraw_button.setVisible(on)
        self.edit_note.setVisible(on)
        self.check_button.setVisible(self.is_hq and not on)

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        """Read once the page is first shown (the task list is an online call)."""
        if self.isVisible():
            self._first_load()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._first_load()

    def _first_load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        self.busy += 1
        admin = self.admin

        def choices() -> dict[str, Any]:
            return {
                "regions": admin.regions(),
                "stores": admin.stores(),
                "guides": admin.all_guides() if self.is_hq else admin.guides(),
                "scripts": admin.scripts(),
                "materials": admin.materials(),
                "tags": admin.tags(),
            }

        def shown(found: dict[str, Any]) -> None:
            self.busy -= 1
            self.form.set_choices(**found)
            if self.form.editing is None:
                self.form.new_task()

        run_in_background(choices, shown, self._failed)
        self.reload()

    def reload(self) -> None:
        """The tasks this user manages (online)."""
        self.busy += 1
        run_in_background(self.admin.tasks, self._show_tasks, self._failed, kind="net")

    def _show_tasks(self, tasks: list[protocol.TaskData]) -> None:
        self.busy -= 1
        self.published = [t for t in tasks if self.admin.may_manage(t) or str(t.status) != "active"]
        self.tasks.clear()
        for t in self.published:
            due = t.due_at.astimezone().strftime("%m-%d %H:%M") if t.due_at else ""
            state = self.tr("已撤回") if str(t.status) == "withdrawn" else ""
            item = QListWidgetItem(" · ".join(x for x in (t.title, due, state) if x))
            item.setData(ID_ROLE, t.id)
            self.tasks.addItem(item)

    def _failed(self, exc: BaseException) -> None:
        self.busy -= 1
        if isinstance(exc, (AdminError, ValidationFailed)):
            self.message.setText(exc.message)
            return
        if self.session.cache.closed:
            return
        raise exc

    # ------------------------------------------------------------------ editing

    def new_task(self) -> None:
        self.form.new_task()
        self.edit_note.clear()
        self.message.clear()
        self._editing(False)

    def open_task(self, task_id: str) -> None:
        self.busy += 1

        def shown(detail: api_.TaskDetail) -> None:
            self.busy -= 1
            self.form.show_task(detail.task, detail.items)
            self._editing(True)
            self.message.setText(
                self.tr("已发给 {0} 人: 已提交 {1}, 已通过 {2}").format(
                    detail.assignments, detail.submitted, detail.approved
                )
            )

        run_in_background(lambda: self.admin.detail(task_id), shown, self._failed, kind="net")

    # ------------------------------------------------------------------ publishing

    def publish(self, dry_run: bool = False) -> None:
        """Publish the form (HQ: online; a supervisor: queued), or save the edit."""
        common = self.form.common()
        try:
            if self.form.editing is not None:
                body = api_.TaskEdit(
                    title=common["title"],
                    description=common["description"],
                    start_at=common["start_at"],
                    due_at=common["due_at"],
                    until=common["until"],
                    items=common["items"],
                    note=self.edit_note.text(),
                )
                task_id = self.form.editing
                self._run(lambda: self.admin.edit(task_id, body), self._edited)
            elif self.is_hq:
                targets = api_.TaskTargets(
                    store_ids=checked_ids(self.form.stores),
                    regions=checked_ids(self.form.regions),
                    roles=self.form.roles(),
                    guide_ids=checked_ids(self.form.guides),
                )
                body = api_.TaskPublish(
                    id=str(uuid.uuid4()), targets=targets, dry_run=dry_run, **common
                )
                self._run(lambda: self.admin.publish(body), self._reported)
            else:
                self._store_task(common)
        except ValidationError as exc:
            self.message.setText(
                self.tr("未发布: {0}").format(protocol.describe_validation_error(exc))
            )

    def _store_task(self, common: dict[str, Any]) -> None:
        guide_ids = checked_ids(self.form.guides)
        fields = {**common, "guide_ids": guide_ids}

        def done(_task_id: str) -> None:
            self.busy -= 1
            self.message.setText(
                self.tr("已保存「{0}」, 将同步给 {1} 位导购 (离线时联网后发出)").format(
                    common["title"], len(guide_ids)
                )
            )
            self.form.new_task()

        def refused(exc: BaseException) -> None:
            self.busy -= 1
            if not isinstance(exc, ValidationFailed):
                raise exc
            self.message.setText(self.tr("未保存: {0}").format(exc.message))

        self.busy += 1
        run_in_background(
            lambda: self.admin.create_store_task(**fields), done, refused, kind="write"
        )

    def _run(self, call, shown) -> None:
        self.busy += 1

        def done(result: Any) -> None:
            self.busy -= 1
            shown(result)

        run_in_background(call, done, self._failed, kind="net")

    def _reported(self, report: api_.PublishReport) -> None:
        self.report = report
        self.message.setText(self.report_text(report))
        if report.published:
            self.form.new_task()
            self.reload()

    def report_text(self, report: api_.PublishReport) -> str:
        lines = []
        if report.problems:
            lines.append(self.tr("未发布, 请修改以下问题:"))
            lines += [f"· {p.where}: {p.message}" for p in report.problems]
        elif report.dry_run:
            lines.append(
                self.tr("检查通过: 将发给 {0} 家门店的 {1} 人, 共 {2} 份").format(
                    report.stores, report.guides, report.assignments
                )
            )
        else:
            lines.append(
                self.tr("已发布: {0} 家门店的 {1} 人, 共 {2} 份").format(
                    report.stores, report.guides, report.assignments
                )
            )
        if report.warnings:
            lines.append(self.tr("提醒:"))
            lines += [f"· {w.where}: {w.message}" for w in report.warnings]
        return "\n".join(lines)

    def _edited(self, detail: api_.TaskDetail) -> None:
        self.form.show_task(detail.task, detail.items)
        self.message.setText(
            self.tr("已保存修改 (第 {0} 版)。已开始的导购保留已勾选的项: {1}").format(
                detail.task.revision, detail.task.edit_note
            )
        )
        self.reload()

    def ask_withdraw(self) -> None:
        if self.form.editing is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("撤回任务"), self.tr("撤回原因 (导购会看到)")
        )
        if ok:
            self.withdraw(reason)

    def withdraw(self, reason: str) -> None:
        task_id = self.form.editing
        if task_id is None:
            return

        def shown(detail: api_.TaskDetail) -> None:
            self.message.setText(
                self.tr(
                    "已撤回: 未完成的任务已从导购电脑上移除, 已提交 {0} 份、已通过 {1} 份保留"
                ).format(detail.submitted, detail.approved)
            )
            self.new_task_keep_message()
            self.reload()

        self._run(lambda: self.admin.withdraw(task_id, reason), shown)

    def new_task_keep_message(self) -> None:
        self.form.new_task()
        self.edit_note.clear()
        self._editing(False)
