"""A store's POS export (CSV or XLSX), described by a small column-mapping file.

POS systems differ per chain, so the file's own headers are named in a mapping file
(JSON, or YAML when the name ends in ``.yaml``/``.yml``)::

    {"columns": {"order_no": "小票号", "time": "销售时间", "amount": "实收金额",
                 "member_no": "会员卡号", "phone": "手机号", "store_code": "门店编码",
                 "item_name": "商品名称", "qty": "数量", "price": "单价",
                 "sku": "商品编码", "name": "顾客姓名", "status": "单据类型"},
     "statuses": {"销售": "finished", "退货": "refunded"},
     "sheet": "销售明细"}

Required: ``order_no``, ``time``, ``item_name`` and ``amount`` (the ticket's total,
repeated on each of its rows) or ``line_amount`` (each row's amount, summed).
Optional: ``member_no``, ``phone``, ``store_code`` (else ``--store``), ``qty`` (1),
``price``, ``sku``, ``name``, ``status`` (without it every ticket is ``finished``;
with it ``statuses`` maps the file's words to paid/shipped/finished/refunded/cancelled).
One row per item; a ticket spans rows.
"""

from __future__ import annotations

import json
from pathlib import Path

from guide_server.order_import.formats.layout import Layout

#: mapping key → role in :mod:`layout`
KEYS = {
    "order_no": "order_no",
    "time": "paid_at",
    "amount": "amount",
    "line_amount": "line_amount",
    "member_no": "member_no",
    "phone": "phone",
    "store_code": "store_code",
    "item_name": "item_name",
    "qty": "qty",
    "price": "price",
    "sku": "sku",
    "name": "buyer_name",
    "status": "status",
}
_STATUSES = ("paid", "shipped", "finished", "refunded", "cancelled")


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the file (Chinese)."""


def load_mapping(path: Path | str) -> Layout:
    """The POS layout a mapping file describes."""
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
    except Exception as exc:  # json/yaml errors carry positions in their text
        raise MappingError(f"{label}格式不对: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise MappingError(f'{label}应有 "columns": {{"order_no": "小票号", …}}')
    columns = data["columns"]
    unknown = [k for k in columns if k not in KEYS]
    if unknown:
        raise MappingError(f"{label}有不认识的键: {'、'.join(unknown)} (可用: {'、'.join(KEYS)})")
    missing = [k for k in ("order_no", "time", "item_name") if not columns.get(k)]
    if not (columns.get("amount") or columns.get("line_amount")):
        missing.append("amount 或 line_amount")
    if missing:
        raise MappingError(f"{label}缺少: {'、'.join(missing)}")
    if not all(isinstance(v, str) and v.strip() for v in columns.values()):
        raise MappingError(f"{label}的每一列都应写成文件里的表头文字")
    statuses = data.get("statuses") or {}
    if not isinstance(statuses, dict) or any(v not in _STATUSES for v in statuses.values()):
        raise MappingError(f"{label}的 statuses 只能对应 {'/'.join(_STATUSES)}")
    if columns.get("status") and not statuses:
        raise MappingError(f"{label}给了 status 列, 也要给 statuses (单据类型 → 状态)")
    sheet = data.get("sheet")
    roles = {KEYS[k]: (v.strip(),) for k, v in columns.items()}
    if "paid_at" in roles:
        roles["ordered_at"] = roles["paid_at"]
    return Layout(
        key="pos.lines",
        label="门店POS销售明细",
        kind="lines",
        columns=roles,
        required=tuple(KEYS[k] for k in columns),
        statuses=statuses,
        default_status=None if columns.get("status") else "finished",
        sheet=str(sheet) if sheet else None,
    )
