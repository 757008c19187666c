"""The assignment state machine, once for both sides.

``todo``/``sent_back`` → ``in_progress`` → ``submitted`` → ``approved`` | ``sent_back``.

- ``start`` moves ``todo`` or ``sent_back`` to ``in_progress``; a start of an
  assignment already in progress changes nothing and is not refused (the client
  queues one before the first tick, and the row it knew may be behind).
- ``submit`` moves ``in_progress`` to ``submitted``; from ``todo``/``sent_back``
  the start is implied (the guide re-submits a sent-back task as it stands).
  Every item must be ticked, and each item that requires evidence must name a file.
- ``review`` (approve / send back with a reason) acts on ``submitted`` only; a
  review of one already approved or sent back (another PC was first) is
  ``already_reviewed``.
- ``reopen`` takes a ``submitted`` assignment back to ``in_progress`` before
  anyone reviewed it (the guide submitted too early, or the supervisor wants
  more before deciding). Approved work is never re-opened.
- ``approved`` is final for everyone: no start, submit, review, re-open or item check.
- Item checks (tick, contact) may change in any status but ``approved``; ticking
  an item that requires a note needs the note, one that requires evidence the file.
"""

from __future__ import annotations

from collections.abc import Iterable

from guide_core.protocol import AssignmentStatus as S

from .codes import Code, Refusal, refuse
from .facts import ItemState

#: op → {status before: status after}; a status not listed refuses the op.
TRANSITIONS: dict[str, dict[str, str]] = {
    "start": {S.TODO: S.IN_PROGRESS, S.SENT_BACK: S.IN_PROGRESS, S.IN_PROGRESS: S.IN_PROGRESS},
    "submit": {S.TODO: S.SUBMITTED, S.IN_PROGRESS: S.SUBMITTED, S.SENT_BACK: S.SUBMITTED},
    "review": {S.SUBMITTED: S.APPROVED},  # or S.SENT_BACK, by the decision
    "reopen": {S.SUBMITTED: S.IN_PROGRESS},
    "set": {s: s for s in S if s != S.APPROVED},  # item_check.set leaves the status
    "contact": {s: s for s in S if s != S.APPROVED},  # item_check.contact too
}

STATUS_TEXT = {
    S.TODO: "待开始",
    S.IN_PROGRESS: "进行中",
    S.SUBMITTED: "待审核",
    S.APPROVED: "已通过",
    S.SENT_BACK: "已退回",
}


def next_status(op: str, status: str, decision: str | None = None) -> str:
    """The status after ``op`` (call :func:`transition_refusal` first)."""
    if op == "review":
        return S.APPROVED if decision == "approve" else S.SENT_BACK
    return TRANSITIONS[op][status]


def transition_refusal(op: str, status: str | None) -> Refusal | None:
    """May ``op`` (start, submit, review, set) act on an assignment in ``status``?"""
    if op == "review" and status in (S.APPROVED, S.SENT_BACK):
        return refuse(Code.ALREADY_REVIEWED, f"结果: {STATUS_TEXT[status]}")
    if status == S.APPROVED:
        return refuse(Code.APPROVED_FINAL)
    if status not in TRANSITIONS[op]:
        what = {
            "start": "开始",
            "submit": "提交",
            "review": "审核",
            "reopen": "撤回提交",
            "set": "修改",
            "contact": "修改",
        }[op]
        shown = STATUS_TEXT.get(status or "", status)
        return refuse(Code.INVALID_TRANSITION, f"任务{shown}, 不能{what}")
    return None


def item_refusal(item: ItemState) -> Refusal | None:
    """A tick of an item that requires a note must carry it, one that requires
    evidence must name the file (the note is asked first)."""
    if item.done and item.requires_note and not (item.note or "").strip():
        return refuse(Code.NOTE_MISSING)
    if item.done and item.requires_evidence and not item.evidence:
        return refuse(Code.EVIDENCE_MISSING)
    return None


def contact_refusal(customer_id: str, targets: Iterable[str]) -> Refusal | None:
    """Only a customer on the item's list (for this assignment) can be marked contacted."""
    if customer_id not in set(targets):
        return refuse(Code.NOT_TARGET)
    return None


def submit_refusal(items: Iterable[ItemState]) -> Refusal | None:
    """Every item ticked, and evidence wherever an item requires it."""
    items = list(items)
    open_items = sum(1 for i in items if not i.done)
    if open_items:
        return refuse(Code.ITEMS_UNCHECKED, f"还有{open_items}项未完成")
    missing = sum(1 for i in items if i.requires_note and not (i.note or "").strip())
    if missing:
        return refuse(Code.NOTE_MISSING, f"有{missing}项缺少备注")
    missing = sum(1 for i in items if i.requires_evidence and not i.evidence)
    if missing:
        return refuse(Code.EVIDENCE_MISSING, f"有{missing}项缺少凭证照片")
    return None


def review_refusal(decision: str, reason: str) -> Refusal | None:
    if decision == "send_back" and not (reason or "").strip():
        return refuse(Code.REASON_REQUIRED)
    return None
