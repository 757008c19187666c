"""Turning table rows into ``Change.data`` for one reader, and who sees what.

Field names come from ``protocol.ENTITY_DATA`` (never spelled out here), so a
wire field is defined exactly once; only the fields that need the reader
(phone masking) or another table (a store's region name) are special.
"""

from __future__ import annotations

from typing import Any

from guide_core.phone import mask_phone
from guide_core.protocol import ENTITY_DATA, ContentScope
from guide_core.rules import tags as tag_rules
from guide_core.rules import visibility
from guide_server.reader import Reader

_FIELDS: dict[str, tuple[str, ...]] = {e: tuple(m.model_fields) for e, m in ENTITY_DATA.items()}
_VISIBILITY_KEYS = ("region_ids", "store_ids", "roles")


def entity_fields(entity: str) -> tuple[str, ...]:
    return _FIELDS[entity]


#: Wire fields that are columns of the entity's table, in wire order (``id`` first):
#: what :func:`guide_server.sync.changes.load_records` selects.
_COMPUTED = {"store": ("region_name",), "customer": ("phone_masked",)}
_RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    e: tuple(f for f in fields if f not in _COMPUTED.get(e, ())) for e, fields in _FIELDS.items()
}
assert all(f[0] == "id" for f in _RECORD_FIELDS.values())


def record_fields(entity: str) -> tuple[str, ...]:
    return _RECORD_FIELDS[entity]


def finish_data(
    entity: str, data: dict, reader: Reader, extra: dict[str, Any] | None = None
) -> dict:
    """A record of :func:`record_fields` made into ``ENTITY_DATA[entity]`` for this reader.

    Changes ``data`` in place (it was loaded for this one reader) and returns it;
    the same dict, key for key, that :func:`to_data` makes from a table row.
    """
    if entity == "customer":
        if data["phone"] and not _whole_phone(reader, data["owner_id"], data["store_id"]):
            data["phone"] = mask_phone(data["phone"])
            data["phone_masked"] = True
        else:
            data["phone_masked"] = False
    elif entity == "store":
        data["region_name"] = (extra or {}).get("region_name", "")
    elif entity in _LISTS:
        _normalize(entity, data)
    return data


def to_data(entity: str, row: Any, reader: Reader, extra: dict[str, Any] | None = None) -> dict:
    """The row as ``ENTITY_DATA[entity]`` for this reader (JSON-ready for orjson)."""
    if entity == "customer":
        return _customer(row, reader)
    data = {f: getattr(row, f, None) for f in _FIELDS[entity] if hasattr(row, f)}
    if entity == "store":
        data["region_name"] = (extra or {}).get("region_name", "")
    elif entity in _LISTS:
        _normalize(entity, data)
    return data


#: JSON list columns of content rows (a missing or NULL one is sent as ``[]``).
_LISTS = {
    "material": ("tags", "images"),
    "script": ("keywords", "items"),
    "script_suggestion": ("keywords",),
    "task": ("store_ids", "guide_ids", "region_ids", "roles"),
    "task_item": ("customer_ids",),
    "assignment": (),
    "item_check": ("contacted_ids",),
}
#: JSON object columns (a NULL one is sent as ``{}``).
_DICTS = {"assignment": ("targets",)}


def _normalize(entity: str, data: dict) -> None:
    """Visibility with all three axes, list columns as lists (old rows hold ``{}``/NULL)."""
    if "visibility" in data:
        vis = data["visibility"] or {}
        data["visibility"] = {k: list(vis.get(k) or []) for k in _VISIBILITY_KEYS}
    for key in _LISTS[entity]:
        data[key] = list(data.get(key) or [])
    for key in _DICTS.get(entity, ()):
        data[key] = dict(data.get(key) or {})


def _customer(row: Any, reader: Reader) -> dict:
    data = {f: getattr(row, f) for f in _FIELDS["customer"] if f != "phone_masked"}
    if row.phone and not _whole_phone(reader, row.owner_id, row.store_id):
        data["phone"] = mask_phone(row.phone)
        data["phone_masked"] = True
    else:
        data["phone_masked"] = False
    return data


# --------------------------------------------------------------------------- visibility in global


def _whole_phone(reader: Reader, owner_id: str | None, store_id: str | None) -> bool:
    return visibility.sees_whole_phone(reader.actor, owner_id, store_id)


def tag_group_visible(group: Any, reader: Reader) -> bool:
    return tag_rules.tag_group_visible(reader.role, group.visible_roles)


def material_visible(material: Any, reader: Reader) -> bool:
    return visibility.material_visible(reader.actor, material.visibility)


def script_visible(script: Any, reader: Reader) -> bool:
    """A script's scope (personal, store) and its visibility (regions, stores, roles)."""
    actor = reader.actor
    return visibility.script_visible(
        actor, script.scope, script.owner_id, script.store_id
    ) and visibility.material_visible(actor, script.visibility)


def task_visible(task: Any, reader: Reader) -> bool:
    if reader.is_hq or task.scope != ContentScope.HQ:
        return True
    return not task.store_ids or reader.store_id in task.store_ids
