"""Task files for ``guide-server publish-task``: YAML or XLSX read into ``TaskPublish``.

YAML: one task as the admin API's JSON (``title``, ``kind``, ``due_at``, ``targets``,
``items`` …), or ``tasks: [...]``. XLSX: sheet 任务 (one row per task) and sheet 清单
(one row per checklist item, linked by 任务编号). People's words are accepted where
they are the natural ones: kinds and recurrences in Chinese (陈列, 每周), levels and
stages (金卡, 沉睡), tags as ``标签组:标签`` or a tag's name, scripts and materials by
title; times without an offset are chain time (+08:00). Every problem is collected
with where it is (``清单 第3行 等级``) and returned with the tasks that are well stated,
so the command reports the file's problems and the publish problems together.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.protocol import describe_validation_error
from guide_core.rules.tasks import CHAIN_TZ
from guide_core.tasks_api import PublishProblem, TaskPublish
from guide_server.models import Material, Script, Tag, TagGroup
from guide_server.tabular import TableError, open_table

KINDS = {"1v1触达": "outreach", "触达": "outreach", "群发": "broadcast", "朋友圈": "moments"}
KINDS |= {"陈列": "display", "培训": "training", "其他": "other"}
RECURRENCES = {"每天": "daily", "每周": "weekly", "每月": "monthly", "不重复": None, "": None}
LEVELS = {"普通": "normal", "银卡": "silver", "金卡": "gold", "黑金": "black"}
STAGES = {"新客": "new", "活跃": "active", "沉睡": "dormant", "流失": "lost"}
ITEM_KINDS = {"勾选": "check", "触达": "outreach", "1v1触达": "outreach"}
YES = {"是", "需要", "yes", "true", "1", "y", "✓"}


def _p(where: str, message: str) -> PublishProblem:
    return PublishProblem(where=where, message=message)


def _local(value: Any) -> Any:
    """A time without an offset is chain time; text times are parsed the same way."""
    if isinstance(value, str) and value.strip():
        try:
            value = datetime.fromisoformat(value.strip().replace("/", "-"))
        except ValueError:
            return value
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=CHAIN_TZ)
    return value


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.replace("；", ";").replace(",", ";").split(";") if w.strip()]


class _Names:
    """Looks up tags, scripts and materials by the names people write."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def tag(self, text: str) -> str | None:
        group, _, name = text.rpartition(":")
        query = select(Tag.id).where(Tag.name == name.strip())
        if group:
            query = query.join(TagGroup, TagGroup.id == Tag.group_id).where(
                TagGroup.name == group.strip()
            )
        found = list(self.session.scalars(query.limit(2)))
        if len(found) == 1:
            return found[0]
        return text if self.session.get(Tag, text) is not None else None

    def by_title(self, model, text: str) -> str | None:
        if self.session.get(model, text) is not None:
            return text
        found = list(self.session.scalars(select(model.id).where(model.title == text).limit(2)))
        return found[0] if len(found) == 1 else None


def _item(raw: dict, where: str, names: _Names, problems: list) -> dict:
    item = dict(raw)
    if "kind" in item:
        item["kind"] = ITEM_KINDS.get(item["kind"], item["kind"])
    for key, model, label in (("script", Script, "话术"), ("material", Material, "素材")):
        if key in item:
            text = str(item.pop(key))
            found = names.by_title(model, text)
            if found is None:
                problems.append(_p(f"{where} {label}", f"找不到「{text}」(或同名不止一个)"))
            else:
                item[f"{key}_id"] = found
    segment = item.get("segment")
    if isinstance(segment, dict):
        segment = dict(segment)
        tags = segment.pop("tags", None) or []
        ids = list(segment.get("tag_ids") or [])
        for text in tags:
            found = names.tag(str(text))
            if found is None:
                problems.append(_p(f"{where} 客户分群", f"标签「{text}」不存在 (或同名不止一个)"))
            else:
                ids.append(found)
        if tags:
            segment["tag_ids"] = ids
        segment["levels"] = [LEVELS.get(v, v) for v in segment.get("levels") or []]
        segment["stages"] = [STAGES.get(v, v) for v in segment.get("stages") or []]
        item["segment"] = segment
    return item


def _task(raw: dict, where: str, names: _Names, problems: list) -> TaskPublish | None:
    data = dict(raw)
    data["kind"] = KINDS.get(data.get("kind"), data.get("kind"))
    if "recurrence" in data:
        data["recurrence"] = RECURRENCES.get(data["recurrence"], data["recurrence"])
    for key in ("start_at", "due_at"):
        if key in data:
            data[key] = _local(data[key])
    items = data.get("items")
    if isinstance(items, list):
        data["items"] = [
            _item(i, f"{where} 第{n}项", names, problems) if isinstance(i, dict) else i
            for n, i in enumerate(items, 1)
        ]
    try:
        return TaskPublish.model_validate(data)
    except ValidationError as exc:
        problems.append(_p(where, describe_validation_error(exc)))
        return None


def _yaml_tasks(path: Path) -> list[dict]:
    import yaml

    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise TableError(f"文件「{path.name}」不是有效的 YAML ({type(exc).__name__})") from None
    if isinstance(doc, dict) and isinstance(doc.get("tasks"), list):
        return doc["tasks"]
    if isinstance(doc, dict):
        return [doc]
    if isinstance(doc, list):
        return doc
    raise TableError(f"文件「{path.name}」里没有任务 (应为一个任务, 或 tasks: 列表)")


_TASK_COLUMNS = {
    "任务编号": "key",
    "标题": "title",
    "类型": "kind",
    "说明": "description",
    "开始时间": "start_at",
    "截止时间": "due_at",
    "重复": "recurrence",
    "重复截止": "until",
    "门店": "store_codes",
    "区域": "regions",
    "导购": "guides",
    "角色": "roles",
}
_ITEM_COLUMNS = {
    "任务编号": "key",
    "内容": "text",
    "类型": "kind",
    "需要备注": "requires_note",
    "需要照片": "requires_evidence",
    "话术": "script",
    "素材": "material",
    "标签": "tags",
    "等级": "levels",
    "生命周期": "stages",
}
_ROLES = {"导购": "guide", "店长": "supervisor"}


def _xlsx_tasks(path: Path, problems: list) -> list[tuple[str, dict]]:
    tasks = open_table(
        path, required=("任务编号", "标题", "截止时间"), optional=list(_TASK_COLUMNS), sheet="任务"
    )
    items = open_table(
        path, required=("任务编号", "内容"), optional=list(_ITEM_COLUMNS), sheet="清单"
    )
    found: dict[str, tuple[str, dict]] = {}
    for number, row in tasks.rows():
        data = {_TASK_COLUMNS[h]: v for h, v in row.items() if h in _TASK_COLUMNS and v}
        key = data.pop("key", "")
        for name in ("store_codes", "regions", "guides", "roles"):
            data[name] = _words(data.get(name, ""))
        data["roles"] = [_ROLES.get(r, r) for r in data["roles"]]
        data["targets"] = {n: data.pop(n) for n in ("store_codes", "regions", "guides", "roles")}
        if "until" in data:
            data["until"] = data["until"][:10]
        if not data.get("due_at"):
            problems.append(_p(f"任务 第{number}行 截止时间", "必填"))
        data["items"] = []
        found[key] = (f"任务 第{number}行", data)
    for number, row in items.rows():
        data = {_ITEM_COLUMNS[h]: v for h, v in row.items() if h in _ITEM_COLUMNS and v}
        key = data.pop("key", "")
        if key not in found:
            problems.append(_p(f"清单 第{number}行 任务编号", f"任务表里没有「{key}」"))
            continue
        for flag in ("requires_note", "requires_evidence"):
            data[flag] = data.get(flag, "").strip().lower() in YES
        segment = {k: _words(data.pop(k, "")) for k in ("tags", "levels", "stages")}
        if any(segment.values()):
            data["segment"] = segment
        found[key][1]["items"].append(data)
    return list(found.values())


def read_task_file(
    session: Session, path: Path
) -> tuple[list[tuple[str, TaskPublish]], list[PublishProblem]]:
    """``(where, task)`` for every task the file states well, and the problems of the rest.

    Raises :class:`~guide_server.tabular.TableError` for a file that cannot be read.
    """
    problems: list[PublishProblem] = []
    names = _Names(session)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        if not path.is_file():
            raise TableError(f"文件「{path.name}」不存在或不是文件")
        raws = [(f"任务 {n}", t) for n, t in enumerate(_yaml_tasks(path), 1)]
    elif suffix == ".xlsx":
        raws = _xlsx_tasks(path, problems)
    else:
        raise TableError(f"文件「{path.name}」: 只支持 .yaml/.yml 和 .xlsx (任务文件)")
    tasks = []
    for where, raw in raws:
        if not isinstance(raw, dict):
            problems.append(_p(where, "应为一个任务 (键: 值)"))
            continue
        if not raw.get("due_at"):
            if not any(p.where == f"{where} 截止时间" for p in problems):
                problems.append(_p(f"{where} 截止时间", "必填"))
            continue
        task = _task(raw, where, names, problems)
        if task is not None:
            tasks.append((where, task))
    if not tasks and not problems:
        problems.append(_p(path.name, "文件里没有任务"))
    return tasks, problems


__all__ = ["read_task_file"]
