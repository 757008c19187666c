"""One row of a member file read into a :class:`Member`, every problem of it reported
with its column (the file's header) and the reason in Chinese."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import ValidationError

from guide_core.member_import_api import LEVEL_WORDS
from guide_core.protocol import CustomerCreate, Level, error_message
from guide_core.rules.tags import group_selection_refusal
from guide_server.member_import.columns import Columns
from guide_server.member_import.directory import Directory
from guide_server.tabular import EXTRA, extra_cells_reason

_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_EPOCH = date(1899, 12, 30)
_TAG_SPLIT = re.compile(r"[;；\n]+")
_GROUP_SPLIT = re.compile(r"[:：]")
_EARLIEST = date(1900, 1, 1)
#: CustomerCreate's field → our column
_FIELD_COLUMN = {
    "name": "姓名",
    "phone": "手机号",
    "member_no": "会员号",
    "level": "等级",
    "birthday": "生日",
    "source_channel": "来源渠道",
    "notes": "备注",
}


@dataclass(slots=True)
class Member:
    """A checked row: only what the file gives (``None`` = the cell was empty)."""

    row: int
    store_id: str
    name: str
    phone: str | None
    member_no: str | None
    owner_id: str | None
    level: str | None
    birthday: date | None
    member_since: date | None
    source_channel: str | None
    notes: str | None
    tag_ids: tuple[str, ...]


class DateError(ValueError):
    pass


def parse_date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    m = _DATE.match(text) or _COMPACT_DATE.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise DateError(f"「{text}」不是有效的日期") from None
    if text.isdigit() and 1 <= int(text) <= 80000:  # a date cell saved as its day number
        return _EXCEL_EPOCH + timedelta(days=int(text))
    raise DateError(f"「{text}」不是日期 (应为 YYYY-MM-DD、YYYY/M/D 或 YYYY年M月D日)")


def parse_level(text: str, extra: dict[str, Level]) -> Level:
    word = text.strip()
    if word in extra:
        return extra[word]
    for candidate in (word, word.removesuffix("会员"), word.removesuffix("卡") + "卡"):
        if candidate in LEVEL_WORDS:
            return LEVEL_WORDS[candidate]
    try:
        return Level(word.lower())
    except ValueError:
        raise ValueError(f"「{word}」不是会员等级 (应为 普通、银卡、金卡、黑金)") from None


class RowReader:
    """Reads rows of one file: the columns found, the directory, the default store."""

    def __init__(
        self,
        columns: Columns,
        directory: Directory,
        default_store_id: str | None,
        levels: dict[str, Level],
        store_allowed: Callable[[str], str | None],
        today: date,
    ) -> None:
        self.header_of = columns.header_of
        self.directory = directory
        self.default_store_id = default_store_id
        self.levels = levels
        self.store_allowed = store_allowed
        self.today = today

    def read(
        self, number: int, cells: dict[str, str], problem: Callable[[int, str, str], None]
    ) -> Member | None:
        bad = False

        def fail(column: str, reason: str) -> None:
            nonlocal bad
            bad = True
            problem(number, self.header_of.get(column, column), reason)

        def cell(column: str) -> str:
            header = self.header_of.get(column)
            return cells.get(header, "").strip() if header else ""

        if EXTRA in cells:
            fail("", extra_cells_reason(cells[EXTRA]))
        store_id = self._store(cell("门店"), fail)
        level = None
        if text := cell("等级"):
            try:
                level = parse_level(text, self.levels)
            except ValueError as exc:
                fail("等级", str(exc))
        dates: dict[str, date | None] = {}
        for column in ("生日", "入会日期"):
            try:
                dates[column] = parse_date(cell(column))
            except DateError as exc:
                fail(column, str(exc))
                dates[column] = None
        since = dates["入会日期"]
        if since is not None and not (_EARLIEST <= since <= self.today):
            fail("入会日期", f"入会日期 {since} 应在 1900-01-01 到今天之间")
        phone, member_no = cell("手机号"), cell("会员号")
        if not phone and not member_no:
            fail(
                "手机号" if "手机号" in self.header_of else "会员号",
                "手机号和会员号至少填一个 (用来识别客户, 再次导入时更新而不是重复建客户)",
            )
        values = {
            "name": cell("姓名"),
            "phone": phone or None,
            "member_no": member_no or None,
            "level": level,
            "birthday": dates["生日"],
            "source_channel": cell("来源渠道") or None,
            "notes": cell("备注") or None,
        }
        try:
            checked = CustomerCreate(**{k: v for k, v in values.items() if v is not None})
        except ValidationError as exc:
            for err in exc.errors():
                loc = err.get("loc") or ("",)
                fail(_FIELD_COLUMN.get(str(loc[0]), ""), error_message(err))
            checked = None
        owner_id = self._owner(cell("导购"), store_id, fail) if store_id else None
        tag_ids = self._tags(cell("标签"), store_id, fail) if store_id else ()
        if bad or checked is None or store_id is None:
            return None
        return Member(
            row=number,
            store_id=store_id,
            name=checked.name,
            phone=checked.phone or None,
            member_no=checked.member_no or None,
            owner_id=owner_id,
            level=str(checked.level) if checked.level else None,
            birthday=checked.birthday,
            member_since=since,
            source_channel=checked.source_channel or None,
            notes=checked.notes or None,
            tag_ids=tag_ids,
        )

    def _store(self, text: str, fail) -> str | None:
        if not text:
            if self.default_store_id is None:
                fail("门店", "没有门店: 请填写门店编码, 或导入时指定门店")
                return None
            store_id = self.default_store_id
        else:
            store_id = self.directory.store_id(text)
            if store_id is None:
                fail("门店", f"没有编码为「{text}」的门店")
                return None
        refusal = self.store_allowed(store_id)
        if refusal:
            fail("门店", f"{refusal} (本行门店 {self.directory.code_of[store_id]})")
            return None
        return store_id

    def _owner(self, text: str, store_id: str, fail) -> str | None:
        if not text:
            return None
        d = self.directory
        code = d.code_of[store_id]
        staff = d.by_username.get(text.lower())
        candidates = [staff] if staff else d.by_display.get(text, [])
        here = [s for s in candidates if s.store_id == store_id]
        if not candidates:
            fail("导购", f"没有用户名或姓名为「{text}」的导购")
        elif not here:
            fail("导购", f"导购「{text}」不是门店 {code} 的员工")
        elif len(here) > 1:
            names = "、".join(s.username for s in here)
            fail("导购", f"门店 {code} 有几位员工叫「{text}」({names}), 请填写用户名")
        elif not here[0].active:
            fail("导购", f"导购「{text}」的账号已停用")
        elif here[0].role not in ("guide", "supervisor"):
            fail("导购", f"「{text}」不是导购或店长")
        else:
            return here[0].id
        return None

    def _tags(self, text: str, store_id: str, fail) -> tuple[str, ...]:
        if not text:
            return ()
        d = self.directory
        chosen: dict[str, list[str]] = {}
        for item in _TAG_SPLIT.split(text):
            item = item.strip()
            if not item:
                continue
            parts = _GROUP_SPLIT.split(item, maxsplit=1)
            if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
                fail("标签", f"「{item}」应写成 标签组:标签, 如 肤质:干性 (多个用 ; 分隔)")
                continue
            group_name, tag_name = parts[0].strip(), parts[1].strip()
            group = d.group(group_name, store_id)
            if group is None:
                fail("标签", f"没有标签组「{group_name}」")
                continue
            tag_id = d.tag_id.get((group.id, tag_name))
            if tag_id is None:
                fail("标签", f"标签组「{group_name}」里没有标签「{tag_name}」")
                continue
            ids = chosen.setdefault(group.id, [])
            if tag_id not in ids:
                ids.append(tag_id)
            if group_selection_refusal(group.choice, ids) and len(ids) == 2:
                fail("标签", f"标签组「{group_name}」是单选, 只能填一个标签")
        return tuple(t for ids in chosen.values() for t in ids)
