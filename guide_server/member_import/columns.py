"""Which column of a member file is which: our headers, the aliases CRM and POS member
exports use, and a column-mapping file for any other headers.

Columns (``guide_core.member_import_api.MEMBER_COLUMNS``), each also accepted under
the aliases of :data:`ALIASES` (case and spaces ignored):

- 姓名 (required), 手机号, 会员号 — at least one of 手机号/会员号 per row (they identify
  the customer, so importing the file again updates instead of doubling);
- 门店: store code (or the store's full name); empty: the store given with ``--store``
  (the app: the store chosen, or a supervisor's own store);
- 导购: username or display name of an active guide/supervisor of the row's store;
  empty: new customers are spread evenly over the store's active guides;
- 等级: 普通/银卡/金卡/黑金 (or normal/silver/gold/black; 「…会员」「…卡」 accepted);
- 生日, 入会日期: 2024-01-31, 2024/1/31, 2024年1月31日, 20240131 (a time after it is ignored);
- 来源渠道, 备注: text; 标签: ``肤质:干性;宝宝月龄:0-6月`` (tag group : tag, separated by ;).

Other columns are ignored (listed in the report). A mapping file (JSON, or YAML
by its suffix) names the file's own headers::

    {"columns": {"姓名": "会员名称", "手机号": "联系手机", "会员号": "卡号"},
     "levels": {"钻石卡": "黑金"}, "sheet": "会员"}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from guide_core.member_import_api import LEVEL_WORDS, MEMBER_COLUMNS, REQUIRED_COLUMNS
from guide_core.protocol import Level

#: Other headers a column is known by in CRM/POS member exports.
ALIASES: dict[str, tuple[str, ...]] = {
    "姓名": ("会员姓名", "客户姓名", "顾客姓名", "会员名称", "客户名称", "名字", "name"),
    "手机号": ("手机", "手机号码", "会员手机号", "联系电话", "联系手机", "电话", "mobile", "phone"),
    "会员号": ("会员卡号", "会员编号", "会员编码", "会员ID", "卡号", "member_no", "card_no"),
    "门店": ("门店编码", "门店代码", "门店编号", "所属门店", "开卡门店", "store", "store_code"),
    "导购": ("专属导购", "所属导购", "服务导购", "导购员", "导购账号", "guide"),
    "等级": ("会员等级", "会员级别", "卡等级", "卡类型", "level"),
    "生日": ("出生日期", "生日日期", "birthday"),
    "入会日期": ("开卡日期", "开卡时间", "入会时间", "注册日期", "注册时间", "member_since"),
    "来源渠道": ("来源", "会员来源", "注册渠道", "渠道", "source", "source_channel"),
    "标签": ("会员标签", "客户标签", "tags"),
    "备注": ("说明", "备注信息", "notes", "remark"),
}


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the file (Chinese)."""


@dataclass
class Mapping:
    """What a mapping file says: our column → the file's header, extra level words, a sheet."""

    columns: dict[str, str] = field(default_factory=dict)
    levels: dict[str, Level] = field(default_factory=dict)
    sheet: str | None = None


def _key(text: str) -> str:
    return "".join(text.split()).lower()


def load_mapping(path: Path | str) -> Mapping:
    path = Path(path)
    label = f"映射文件「{path.name}」"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(f"{label}无法读取 ({type(exc).__name__})") from None
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except Exception as exc:  # json/yaml errors carry the position in their text
        raise MappingError(f"{label}格式不对: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise MappingError(f'{label}应有 "columns": {{"姓名": "会员名称", …}}')
    columns = data["columns"]
    unknown = [str(k) for k in columns if k not in MEMBER_COLUMNS]
    if unknown:
        raise MappingError(
            f"{label}有不认识的列: {'、'.join(unknown)} (可用: {'、'.join(MEMBER_COLUMNS)})"
        )
    if not all(isinstance(v, str) and v.strip() for v in columns.values()):
        raise MappingError(f"{label}的每一列都应写成文件里的表头文字")
    levels: dict[str, Level] = {}
    raw_levels = data.get("levels") or {}
    if not isinstance(raw_levels, dict):
        raise MappingError(f'{label}的 "levels" 应为 {{"文件里的等级": "金卡", …}}')
    for word, level in raw_levels.items():
        value = LEVEL_WORDS.get(str(level).strip()) or _level_code(str(level))
        if value is None:
            raise MappingError(
                f"{label}的等级「{word}」对应的「{level}」不是 普通/银卡/金卡/黑金 之一"
            )
        levels[str(word).strip()] = value
    sheet = data.get("sheet")
    return Mapping(
        columns={k: v.strip() for k, v in columns.items()},
        levels=levels,
        sheet=str(sheet) if sheet else None,
    )


def _level_code(text: str) -> Level | None:
    try:
        return Level(text.strip().lower())
    except ValueError:
        return None


@dataclass
class Columns:
    """Our column → the file's header (as it appears), and the headers no column uses."""

    header_of: dict[str, str]
    ignored: list[str]


def resolve(headers: list[str], mapping: Mapping | None, where: str) -> Columns:
    """Match a file's headers to our columns; ``ValueError`` (Chinese) when one is missing
    or two headers claim the same column."""
    header_of: dict[str, str] = {}
    ignored: list[str] = []
    if mapping is not None and mapping.columns:
        present = set(headers)
        missing = [h for h in mapping.columns.values() if h not in present]
        if missing:
            raise ValueError(
                f"{where}没有映射文件里的列: {'、'.join(missing)}"
                f" (第1行的表头是: {'、'.join(h for h in headers if h)})"
            )
        wanted = {v: k for k, v in mapping.columns.items()}
        for h in headers:
            if h in wanted:
                header_of[wanted[h]] = h
            elif h:
                ignored.append(h)
    else:
        known = {_key(c): c for c in MEMBER_COLUMNS}
        for column, aliases in ALIASES.items():
            for alias in aliases:
                known.setdefault(_key(alias), column)
        for h in headers:
            column = known.get(_key(h)) if h else None
            if column is None:
                if h:
                    ignored.append(h)
                continue
            if column in header_of:
                raise ValueError(
                    f"{where}的表头「{header_of[column]}」和「{h}」都是「{column}」列, 请删去一列"
                    " (或用映射文件指定用哪一列)"
                )
            header_of[column] = h
    missing = [c for c in REQUIRED_COLUMNS if c not in header_of]
    if "手机号" not in header_of and "会员号" not in header_of:
        missing.append("手机号 或 会员号")
    if missing:
        raise ValueError(
            f"{where}缺少列: {'、'.join(missing)}"
            f" (第1行的表头是: {'、'.join(h for h in headers if h)};"
            f" 可用的列: {'、'.join(MEMBER_COLUMNS)})"
        )
    return Columns(header_of=header_of, ignored=ignored)
