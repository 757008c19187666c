"""Copying a script or material for a customer: render, check, ask, clipboard, record.

The order of the checks is the issue's: a variable with no value and no
fallback stops the copy (unless the guide edited the text in the preview and
typed it in); a blocking sensitive word stops it; a warning word asks first.
The first item goes on the clipboard at once; a script with more items (or a
朋友圈 post's images) waits for :meth:`CopyFlow.copy_next` (第2/3项). Each copy
is recorded with ``library.record_use`` on the write worker (offline-safe).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from guide_core.sensitive import SensitiveCheck
from ui import clipboard
from ui.background import run_in_background
from ui.clipboard import ClipItem, text_item
from ui.library_widgets import clips
from ui.library_widgets.clips import Entry, NotCopyable
from ui.library_widgets.posters import poster_entry

log = logging.getLogger(__name__)


COPIED = "copied"
MISSING = "missing"
BLOCKED = "blocked"
CANCELLED = "cancelled"
FAILED = "failed"
PENDING = "pending"  # a file is being downloaded; the clipboard is filled when it arrives


@dataclass
class Outcome:
    status: str
    message: str = ""
    #: the script's rendering (for the preview's marks), when there was one
    rendered: Any = None
    check: SensitiveCheck | None = None
    missing: list[str] = field(default_factory=list)

    @property
    def copied(self) -> bool:
        return self.status in (COPIED, PENDING)


class CopyFlow(QObject):
    """One guide's copies; remembers the items still to paste of the last one.

    Signals: ``sig_changed`` (progress or message changed), ``sig_copied(kind, id)``
    once an item's first paste is on the clipboard.
    """

    sig_changed = Signal()
    sig_copied = Signal(str, str)

    def __init__(self, session: Any, dialog_parent: QWidget | None = None) -> None:
        super().__init__(dialog_parent)
        self.session = session
        self.library = session.library
        self.dialog_parent = dialog_parent
        self.entries: list[Entry] = []
        self.position = 0  # entries already on the clipboard
        self.message = ""
        self.busy = False  # an item is being downloaded or drawn
        self.last_box: QMessageBox | None = None

    # ------------------------------------------------------------------ state

    @property
    def total(self) -> int:
        return len(self.entries)

    def has_next(self) -> bool:
        return 0 < self.position < len(self.entries)

    def progress_text(self) -> str:
        """第2/3项：产品图 — what is on the clipboard now, of how many ('' for one item)."""
        if len(self.entries) <= 1 or self.position == 0:
            return ""
        label = self.entries[self.position - 1].label
        return self.tr("第{0}/{1}项：{2}").format(self.position, len(self.entries), label)

    def reset(self) -> None:
        self.entries, self.position, self.message = [], 0, ""
        self.sig_changed.emit()

    # ------------------------------------------------------------------ copy

    def copy_script(
        self, script_id: str, customer_id: str | None = None, edited_text: str | None = None
    ) -> Outcome:
        """Render for ``customer_id`` (or take the guide's edit), check, copy the first item."""
        rendered = self.library.render(script_id, customer_id)
        text = rendered.text if edited_text is None else edited_text
        if edited_text is None:
            missing = list(rendered.missing)
        else:
            missing = [n for n in rendered.missing if "{" + n + "}" in edited_text]
        if missing:
            return self._refuse(
                Outcome(
                    MISSING,
                    self.tr("缺少变量：{0}。请在预览中补上后再复制，或选择客户").format(
                        "、".join(missing)
                    ),
                    rendered,
                    rendered.check,
                    missing,
                )
            )
        check = rendered.check if edited_text is None else self.library.check_text(text)
        entries = [Entry(rendered.script.title, text_item(text, rendered.script.title))]
        for item in rendered.items:
            entries += self._item_entries(item)
        extra = [
            e.ready.text
            for e in entries[1:]
            if e.ready is not None and e.ready.kind == clipboard.TEXT
        ]
        whole = _merge(check, [self.library.check_text(t) for t in extra])
        outcome = self._checked(whole, rendered, check)
        if outcome is not None:
            return outcome
        return self._start(entries, "script", script_id, customer_id, rendered, check)

    def copy_material(self, material_id: str, customer_id: str | None = None) -> Outcome:
        material = self.library.material(material_id)
        if material is None:
            return self._refuse(Outcome(FAILED, self.tr("本机没有这个素材（可能已下架）")))
        entries = clips.material_entries(material, self._poster)
        texts = [e.ready.text for e in entries if e.ready is not None and e.ready.kind == "text"]
        whole = _merge(SensitiveCheck(), [self.library.check_text(t) for t in texts])
        outcome = self._checked(whole, None, whole)
        if outcome is not None:
            return outcome
        return self._start(entries, "material", material_id, customer_id, None, whole)

    def copy_next(self) -> Outcome:
        """The next item of the last copy (第2/3项 …)."""
        if self.busy:
            return Outcome(PENDING, self.message)  # the item before is still being made
        if not self.has_next():
            return Outcome(FAILED, self.tr("没有下一项"))
        return self._put(self.position)

    # ------------------------------------------------------------------ steps

    def _item_entries(self, item: Any) -> list[Entry]:
        if str(item.kind) == "text":
            return [Entry(self.tr("文字"), text_item(item.text, self.tr("文字")))]
        material = self.library.material(item.material_id) if item.material_id else None
        if material is None:
            return [Entry(self.tr("素材"), refusal=self.tr("这一项的素材本机没有（可能已下架）"))]
        return clips.material_entries(material, self._poster)

    def _poster(self, material: Any) -> Entry:
        return poster_entry(self.session, material)

    def _checked(
        self, check: SensitiveCheck, rendered: Any, shown: SensitiveCheck
    ) -> Outcome | None:
        """None to go on; an outcome when a word stops the copy or the guide says no.

        ``check`` covers every text to be pasted; ``shown`` is the previewed text's
        (its positions are the preview's)."""
        if check.blocked:
            return self._refuse(
                Outcome(
                    BLOCKED,
                    self.tr("不能复制：包含禁用词 {0}").format("、".join(check.words("block"))),
                    rendered,
                    shown,
                )
            )
        warn = check.words("warn")
        if warn and not self._confirm_warnings(warn):
            return self._refuse(Outcome(CANCELLED, self.tr("已取消复制"), rendered, shown))
        return None

    def _confirm_warnings(self, words: list[str]) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("敏感词提醒"),
            self.tr("内容包含需注意的词：{0}\n确定要复制吗？").format("、".join(words)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.dialog_parent,
        )
        box.setObjectName("sensitiveConfirm")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("仍然复制"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("取消"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.last_box = box
        answer = box.exec()
        self.last_box = None
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes

    def _start(
        self,
        entries: list[Entry],
        kind: str,
        item_id: str,
        customer_id: str | None,
        rendered: Any,
        check: SensitiveCheck,
    ) -> Outcome:
        self.entries, self.position = entries, 0
        outcome = self._put(0)
        if outcome.copied:
            library = self.library
            run_in_background(
                lambda: library.record_use(kind, item_id, customer_id),
                None,
                lambda exc: log.warning("use of %s %s not recorded: %s", kind, item_id, exc),
                kind="write",
            )
            self.sig_copied.emit(kind, item_id)
        outcome.rendered, outcome.check = rendered, check
        return outcome

    def _put(self, index: int) -> Outcome:
        entry = self.entries[index]
        if entry.refusal:
            return self._refuse(Outcome(FAILED, entry.refusal))
        if entry.ready is not None:
            return self._placed(index, entry.ready)
        if entry.make is not None:
            return self._in_background(
                index, entry.make, self.tr("正在生成“{0}”…").format(entry.label)
            )
        blobs = self.session.blobs
        path = blobs.path_for(entry.sha)
        if path is not None:
            try:
                return self._placed(index, entry.build(path))
            except NotCopyable as exc:
                return self._refuse(Outcome(FAILED, str(exc)))
        if getattr(self.session, "offline", False) or not self.session.sync.status.online:
            return self._refuse(
                Outcome(FAILED, self.tr("“{0}”的文件不在本机，离线时无法复制").format(entry.label))
            )
        build, sha = entry.build, entry.sha
        return self._in_background(
            index, lambda: build(blobs.fetch(sha)), self.tr("正在下载“{0}”…").format(entry.label)
        )

    def _in_background(self, index: int, job: Any, saying: str) -> Outcome:
        """Make the item on a worker (download, drawing); the clipboard is filled after."""

        def done(item: ClipItem) -> None:
            self.busy = False
            self._placed(index, item)

        def failed(exc: BaseException) -> None:
            self.busy = False
            text = (
                str(exc) if isinstance(exc, NotCopyable) else self.tr("下载失败：{0}").format(exc)
            )
            self._refuse(Outcome(FAILED, text))

        self.busy = True
        run_in_background(job, done, failed, kind="net")
        self._say(saying)
        return Outcome(PENDING, self.message)

    def _placed(self, index: int, item: ClipItem) -> Outcome:
        clipboard.put(item)
        self.position = index + 1
        if self.has_next():
            self._say(
                self.tr("已复制{0}，粘贴后按 Ctrl+Shift+C 复制下一项").format(self.progress_text())
            )
        else:
            self._say(self.tr("已复制，可以粘贴到企业微信"))
        return Outcome(COPIED, self.message)

    def _refuse(self, outcome: Outcome) -> Outcome:
        self._say(outcome.message)
        return outcome

    def _say(self, message: str) -> None:
        self.message = message
        self.sig_changed.emit()


def _merge(first: SensitiveCheck, others: list[SensitiveCheck]) -> SensitiveCheck:
    """One check over several texts (the first's positions kept for the preview)."""
    merged = SensitiveCheck(list(first.hits))
    for other in others:
        merged.hits.extend(other.hits)
    return merged
