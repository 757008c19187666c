"""Reading and writing the cells of a library import file: dates, keywords, 适用范围.

适用范围 (who sees a script or material) is written as::

    全部                                   (or empty: everyone)
    门店:S001,S002                          stores by code
    区域:华东                               regions by name
    角色:导购,店长                          roles: 导购 / 店长 / 总部 (or guide / supervisor / hq)
    门店:S001,S002;角色:导购                several parts: every part must hold

Parts are separated by ``;`` or ``；``, the name from its list by ``:`` or ``：``,
list items by ``,`` ``，`` or ``、``. Export writes the same form, so a file
exported and imported again changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_server.models import Region, Store

EVERYONE = "全部"
ROLE_NAMES = {"导购": "guide", "店长": "supervisor", "总部": "hq"}
ROLE_LABELS = {code: name for name, code in ROLE_NAMES.items()}
REACH_SYNTAX = "全部, 或 门店:S001,S002;区域:华东;角色:导购,店长"

_KEYWORD_SPLIT = re.compile(r"[、,，;；\s]+")
_PART_SPLIT = re.compile(r"[;；\n]+")
_ITEM_SPLIT = re.compile(r"[,，、]+")
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00)?)?$"
)
_EXCEL_EPOCH = date(1899, 12, 30)


class CellError(ValueError):
    """A cell that cannot be read; the message says why (Chinese), the caller says where."""


def parse_date(text: str) -> date | None:
    """``2026-03-01``, ``2026/3/1``, ``2026.3.1``, ``2026年3月1日``, an Excel day number; "" → None."""
    text = text.strip()
    if not text:
        return None
    m = _DATE.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise CellError(f"「{text}」不是有效的日期") from None
    if text.isdigit() and 20000 <= int(text) <= 80000:  # a date cell saved as its day number
        return _EXCEL_EPOCH + timedelta(days=int(text))
    raise CellError(f"「{text}」不是日期 (应为 YYYY-MM-DD 或 YYYY/M/D)")


def format_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def split_keywords(text: str) -> list[str]:
    """Keywords separated by 、,，;； or spaces, each once, in order."""
    seen: dict[str, None] = {}
    for word in _KEYWORD_SPLIT.split(text.strip()):
        if word:
            seen.setdefault(word, None)
    return list(seen)


def join_keywords(words: list[str]) -> str:
    return "、".join(words)


@dataclass
class Directory:
    """The chain's stores and regions, to read and write 适用范围 by code and name."""

    store_id_by_code: dict[str, str] = field(default_factory=dict)
    store_code_by_id: dict[str, str] = field(default_factory=dict)
    region_id_by_name: dict[str, str] = field(default_factory=dict)
    region_name_by_id: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Directory:
        d = cls()
        for sid, code in session.execute(select(Store.id, Store.code)):
            d.store_id_by_code[code.upper()] = sid
            d.store_code_by_id[sid] = code
        for rid, name in session.execute(select(Region.id, Region.name)):
            d.region_id_by_name.setdefault(name, rid)
            d.region_name_by_id[rid] = name
        return d

    def store_id_for_option(self, code: str) -> str:
        """The store a ``--store`` option names (``LookupError``: a usage error, not a row's)."""
        found = self.store_id_by_code.get(code.strip().upper())
        if found is None:
            raise LookupError(f"没有门店编码「{code}」")
        return found

    def store_id(self, code: str) -> str:
        found = self.store_id_by_code.get(code.strip().upper())
        if found is None:
            raise CellError(f"没有门店编码「{code}」")
        return found


def empty_reach() -> dict[str, list[str]]:
    return {"region_ids": [], "store_ids": [], "roles": []}


def normal_reach(value: dict | None) -> dict[str, list[str]]:
    """A visibility dict with every key, lists sorted and each value once (compare and store)."""
    value = value or {}
    return {key: sorted(set(value.get(key) or [])) for key in empty_reach()}


def parse_reach(text: str, directory: Directory) -> dict[str, list[str]]:
    """适用范围 as a visibility dict (ids); :class:`CellError` naming every bad part."""
    text = text.strip()
    reach = empty_reach()
    if not text or text == EVERYONE:
        return reach
    problems: list[str] = []
    for part in _PART_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        m = re.match(r"^([^:：]*)[:：](.*)$", part, re.S)
        if m is None:
            problems.append(f"「{part}」缺少冒号 (写法: {REACH_SYNTAX})")
            continue
        name = m[1].strip()
        values = [v.strip() for v in _ITEM_SPLIT.split(m[2]) if v.strip()]
        if not values:
            problems.append(f"「{name}」后没有列出内容")
            continue
        if name == "门店":
            for code in values:
                try:
                    reach["store_ids"].append(directory.store_id(code))
                except CellError as exc:
                    problems.append(str(exc))
        elif name == "区域":
            for region in values:
                rid = directory.region_id_by_name.get(region)
                if rid is None:
                    problems.append(f"没有区域「{region}」")
                else:
                    reach["region_ids"].append(rid)
        elif name == "角色":
            for role in values:
                code = ROLE_NAMES.get(role) or (
                    role.lower() if role.lower() in ROLE_LABELS else None
                )
                if code is None:
                    problems.append(f"没有角色「{role}」(可用: 导购、店长、总部)")
                else:
                    reach["roles"].append(code)
        else:
            problems.append(f"不认识「{name}」(只能是 门店、区域、角色; 写法: {REACH_SYNTAX})")
    if problems:
        raise CellError("; ".join(problems))
    return normal_reach(reach)


def format_reach(value: dict | None, directory: Directory) -> str:
    """A visibility dict in the 适用范围 syntax (``全部`` when unrestricted)."""
    reach = normal_reach(value)
    parts = []
    if reach["store_ids"]:
        codes = sorted(directory.store_code_by_id.get(i, i) for i in reach["store_ids"])
        parts.append("门店:" + ",".join(codes))
    if reach["region_ids"]:
        names = sorted(directory.region_name_by_id.get(i, i) for i in reach["region_ids"])
        parts.append("区域:" + ",".join(names))
    if reach["roles"]:
        parts.append("角色:" + ",".join(ROLE_LABELS.get(r, r) for r in reach["roles"]))
    return ";".join(parts) or EVERYONE
