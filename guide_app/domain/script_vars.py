"""A script's variables (``{称呼}`` ``{姓名}`` …) from the customer in context.

:func:`variables_for` gives every variable's value; :func:`render` fills a body
with them through the shared template syntax (``guide_core.templates``: a
value, else the ``{名|兜底}`` fallback, else the variable is reported missing
and stays visible, never sent as ``{…}`` unnoticed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from guide_app.domain.labels import LEVELS, label
from guide_core import templates
from guide_core.templates import Rendered

_VAR = re.compile(r"\{([^{}\s]{1,8})\}")
_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 轩辕 端木 澹台 独孤".split()
)
#: The variables a script may use (the shared list).
VARIABLES = templates.VARIABLES


def surname_of(name: str) -> str:
    """Chinese surname of ``name`` (compound surnames kept whole); '' for non-Chinese names."""
    name = name.strip()
    if not name or not ("\u4e00" <= name[0] <= "\u9fff"):
        return ""
    return name[:2] if name[:2] in _COMPOUND_SURNAMES else name[0]


def salutation(name: str, remark_name: str = "", gender: str | None = None) -> str:
    """称呼: the remark name if the guide set one, else 姓 + 女士/先生, else the name."""
    if remark_name.strip():
        return remark_name.strip()
    surname = surname_of(name)
    if surname and gender in ("f", "female", "女"):
        return f"{surname}女士"
    if surname and gender in ("m", "male", "男"):
        return f"{surname}先生"
    return name.strip()


def _fmt_date(value: Any) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.month}月{value.day}日"
    text = str(value)[:10]
    try:
        d = date.fromisoformat(text)
    except ValueError:
        return text
    return f"{d.month}月{d.day}日"


def variables_for(
    customer: Mapping[str, Any] | Any, guide_name: str = "", store_name: str = ""
) -> dict[str, str]:
    """Values of every known variable for ``customer`` (a mapping or an object with attributes)."""

    def get(key: str) -> Any:
        if isinstance(customer, Mapping):
            return customer.get(key)
        return getattr(customer, key, None)

    name = get("name") or ""
    level = get("level")
    return {
        "称呼": salutation(name, get("remark_name") or "", get("gender")),
        "姓名": name,
        "导购": guide_name,
        "门店": store_name,
        "生日": _fmt_date(get("birthday")),
        "上次购买": _fmt_date(get("last_purchase_at")),
        "会员等级": label(LEVELS, str(getattr(level, "value", level))) if level else "",
        "会员号": get("member_no") or "",
    }


def render(body: str, values: Mapping[str, str]) -> Rendered:
    """``body`` filled (``guide_core.templates.render``): text, missing variables and
    where they stand; raises ``templates.TemplateError`` for a broken body."""
    return templates.render(body, values)


def fill(body: str, values: Mapping[str, str]) -> str:
    """Replace ``{变量}`` in ``body``; unknown variables are left untouched, empty ones
    become ''. A lenient preview only: what is sent goes through :func:`render`."""
    return _VAR.sub(lambda m: values.get(m.group(1), m.group(0)), body)


def variables_in(body: str) -> list[str]:
    """The variable names a script uses, in order of first appearance."""
    seen: dict[str, None] = {}
    for m in _VAR.finditer(body):
        seen.setdefault(m.group(1), None)
    return list(seen)
