"""Why a write is refused: a machine-readable code and the Chinese a person reads.

The server puts both into a push result (``MutationResult.code`` and ``.reason``);
the client raises them in its domain errors and matches codes, never sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    FORBIDDEN = "forbidden"  # the role may not do this at all
    NOT_OWNER = "not_owner"  # a guide acting on a colleague's row
    OTHER_STORE = "other_store"  # naming another store than one's own
    INVALID_TRANSITION = "invalid_transition"  # the assignment's status does not allow it
    ITEMS_UNCHECKED = "items_unchecked"
    EVIDENCE_MISSING = "evidence_missing"
    APPROVED_FINAL = "approved_final"
    REASON_REQUIRED = "reason_required"
    STORE_REQUIRED = "store_required"
    SINGLE_CHOICE = "single_choice"
    NOT_FLAGGED = "not_flagged"
    UNKNOWN_CUSTOMER = "unknown_customer"
    UNKNOWN_OWNER = "unknown_owner"
    UNKNOWN_STORE = "unknown_store"
    UNKNOWN_TAG = "unknown_tag"
    UNKNOWN_ASSIGNMENT = "unknown_assignment"
    UNKNOWN_ITEM = "unknown_item"
    UNKNOWN_SCRIPT = "unknown_script"
    UNKNOWN_SCRIPT_GROUP = "unknown_script_group"
    UNKNOWN_MATERIAL = "unknown_material"
    UNKNOWN_FILE = "unknown_file"
    ALREADY_EXISTS = "already_exists"
    ID_MISMATCH = "id_mismatch"
    INVALID_FIELD = "invalid_field"
    UNKNOWN_OPERATION = "unknown_operation"
    MUTATION_ID_USED = "mutation_id_used"
    CONSTRAINT = "constraint"
    SERVER_ERROR = "server_error"
    SENSITIVE_WORD = "sensitive_word"  # a script's text holds a blocking sensitive word
    GROUP_TOO_DEEP = "group_too_deep"  # script groups nest at most MAX_GROUP_DEPTH levels
    GROUP_CYCLE = "group_cycle"  # a group moved under itself or one of its children
    GROUP_NOT_EMPTY = "group_not_empty"
    ALREADY_DECIDED = "already_decided"  # a suggestion HQ has accepted or declined
    NOT_PERSONAL = "not_personal"  # only personal scripts can be suggested
    NOTE_MISSING = "note_missing"  # a checklist item that requires a note
    ALREADY_REVIEWED = "already_reviewed"  # reviewed meanwhile (on another PC)
    TASK_WITHDRAWN = "task_withdrawn"
    UNKNOWN_TASK = "unknown_task"
    NOT_TARGET = "not_target"  # a customer not on this outreach item's list
    EVIDENCE_NOT_IMAGE = "evidence_not_image"
    EVIDENCE_TOO_LARGE = "evidence_too_large"
    INVALID_SCHEDULE = "invalid_schedule"  # due before start, a recurrence that never fires
    SAME_CUSTOMER = "same_customer"  # a customer merged into itself
    MERGE_OTHER_STORE = "merge_other_store"  # merging customers of two stores
    NOT_DUPLICATES = "not_duplicates"  # merging two customers with nothing in common


#: The Chinese each code is shown with (a refusal may add a detail after it).
TEXT: dict[Code, str] = {
    Code.FORBIDDEN: "无权操作",
    Code.NOT_OWNER: "只能操作自己负责的客户或任务",
    Code.OTHER_STORE: "不能操作其他门店的数据",
    Code.INVALID_TRANSITION: "任务当前状态不允许此操作",
    Code.ITEMS_UNCHECKED: "还有清单项未完成, 不能提交",
    Code.EVIDENCE_MISSING: "该项需要上传凭证照片",
    Code.APPROVED_FINAL: "任务已审核通过, 不能再修改",
    Code.REASON_REQUIRED: "退回时必须填写原因",
    Code.STORE_REQUIRED: "总部新建客户必须指定门店",
    Code.SINGLE_CHOICE: "该标签组只能选一个标签",
    Code.NOT_FLAGGED: "这位客户没有疑似重复的标记",
    Code.UNKNOWN_CUSTOMER: "客户不存在或不在本店",
    Code.UNKNOWN_OWNER: "接收人不是该门店在职导购/店长",
    Code.UNKNOWN_STORE: "门店不存在",
    Code.UNKNOWN_TAG: "标签不存在或不可见",
    Code.UNKNOWN_ASSIGNMENT: "任务不存在或不在本店",
    Code.UNKNOWN_ITEM: "清单项不属于该任务",
    Code.UNKNOWN_SCRIPT: "话术不存在",
    Code.UNKNOWN_SCRIPT_GROUP: "话术分组不存在",
    Code.UNKNOWN_MATERIAL: "素材不存在",
    Code.UNKNOWN_FILE: "照片未上传或无权使用",
    Code.ALREADY_EXISTS: "记录已存在",
    Code.ID_MISMATCH: "编号与内容不符",
    Code.INVALID_FIELD: "填写有误",
    Code.UNKNOWN_OPERATION: "不支持的操作",
    Code.MUTATION_ID_USED: "该编号已被使用",
    Code.CONSTRAINT: "数据冲突 (例如编号重复)",
    Code.SERVER_ERROR: "服务器无法保存该修改",
    Code.SENSITIVE_WORD: "含有禁用的敏感词",
    Code.GROUP_TOO_DEEP: "话术分组最多8层",
    Code.GROUP_CYCLE: "不能把分组移到它自己或它的下级分组里",
    Code.GROUP_NOT_EMPTY: "分组里还有话术或下级分组",
    Code.ALREADY_DECIDED: "该建议已经处理过",
    Code.NOT_PERSONAL: "只能提交自己的个人话术",
    Code.NOTE_MISSING: "该项需要填写备注",
    Code.ALREADY_REVIEWED: "这次提交已经审核过了 (可能在另一台电脑上)",
    Code.TASK_WITHDRAWN: "任务已撤回",
    Code.UNKNOWN_TASK: "任务不存在或不在本店",
    Code.NOT_TARGET: "该客户不在这一项的名单里",
    Code.EVIDENCE_NOT_IMAGE: "凭证必须是图片 (JPG/PNG/GIF/WebP/BMP)",
    Code.INVALID_SCHEDULE: "任务时间设置有误",
    Code.SAME_CUSTOMER: "不能把客户合并到他自己",
    Code.MERGE_OTHER_STORE: "两位客户不属于同一门店，不能合并",
    Code.NOT_DUPLICATES: "两位客户的手机号和会员号都不相同，不能合并",
    Code.EVIDENCE_TOO_LARGE: "凭证照片太大",
}

assert set(TEXT) == set(Code), "every code needs its Chinese text"


@dataclass(frozen=True)
class Refusal:
    """A refused write: ``code`` for programs, ``reason`` for people (Chinese first)."""

    code: Code
    detail: str = ""

    @property
    def text(self) -> str:
        return TEXT[self.code]

    @property
    def reason(self) -> str:
        if self.code == Code.INVALID_FIELD and self.detail:
            return self.detail  # already names the field in Chinese (protocol's message)
        return f"{self.text} ({self.detail})" if self.detail else self.text


def refuse(code: Code, detail: str = "") -> Refusal:
    return Refusal(code, detail)


def text_of(code: str | None) -> str | None:
    """The Chinese of a code as it came over the wire (None for an unknown or missing one)."""
    try:
        return TEXT[Code(code)] if code else None
    except ValueError:
        return None
