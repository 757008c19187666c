"""合并重复客户: which two customers may be merged, and what the kept card becomes.

Both sides call these pure functions on the rows they hold (the server on its
tables, the client on its cache, values as dicts): the server decides, the
client answers at once and shows the same result before it syncs.

The rule (``customer.merge``): the store's supervisor or HQ (the operation
table), two different customers, both of the same store, that are duplicates
by the keys of :mod:`guide_core.duplicates` (the same normalised mobile number
or the same member no.). A supervisor may not merge two arbitrary customers:
merging is for one person entered twice; two different people stay two cards
(the duplicate flag can be dismissed instead).

What the kept card becomes: its own values stay; an empty field takes the merged
card's value; the level is the higher one, ``member_since`` the earlier one,
``in_group`` either; notes are joined (with the merged card's other name and
member no. when they differ, so nothing is silently dropped). Follow-ups,
orders and tags all move over; a tag on both is kept once, and in a
single-choice group the kept card's tag wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from guide_core.duplicates import member_key, phone_key

from .codes import Code, Refusal, refuse

#: Text fields the kept card takes from the merged one when its own is empty.
FILLED_TEXT = ("remark_name", "phone", "member_no", "source_channel")
#: Levels from lowest to highest (the kept card keeps the higher).
LEVEL_ORDER = ("normal", "silver", "gold", "black")
#: Marks the part of the notes that came from the merged card.
NOTES_MARK = "【合并自另一张卡】"


def _name(d: Mapping[str, Any]) -> str:
    return str(d.get("remark_name") or d.get("name") or d.get("id") or "")


def are_duplicates(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Same normalised mobile number, or same member no. (masked numbers never match)."""
    pa, pb = phone_key(a.get("phone")), phone_key(b.get("phone"))
    ma, mb = member_key(a.get("member_no")), member_key(b.get("member_no"))
    return bool((pa and pa == pb) or (ma and ma == mb))


def merge_refusal(kept: Mapping[str, Any], merged: Mapping[str, Any]) -> Refusal | None:
    """Why these two cards may not be merged (None: they may).

    Who may merge is the operation table's (``customer.merge``); existence is each
    side's look-up. Here: the pair itself.
    """
    if kept.get("id") == merged.get("id"):
        return refuse(Code.SAME_CUSTOMER, _name(kept))
    if kept.get("store_id") != merged.get("store_id"):
        return refuse(Code.MERGE_OTHER_STORE, f"{_name(kept)} / {_name(merged)}")
    if not are_duplicates(kept, merged):
        return refuse(Code.NOT_DUPLICATES, f"{_name(kept)} / {_name(merged)}")
    return None


def _empty(value: Any) -> bool:
    return value is None or value == ""


def merged_values(kept: Mapping[str, Any], merged: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of the kept card that change (only those), from the merged card."""
    out: dict[str, Any] = {}
    for key in FILLED_TEXT:
        theirs = merged.get(key)
        if key == "phone" and theirs and "*" in str(theirs):
            continue  # a masked number is no number (a client that holds it masked)
        if _empty(kept.get(key)) and not _empty(theirs):
            out[key] = theirs
    if kept.get("birthday") is None and merged.get("birthday") is not None:
        out["birthday"] = merged["birthday"]
    since = [v for v in (kept.get("member_since"), merged.get("member_since")) if v is not None]
    if since and min(since) != kept.get("member_since"):
        out["member_since"] = min(since)
    mine, theirs = kept.get("level") or "normal", merged.get("level") or "normal"
    if _rank(theirs) > _rank(mine):
        out["level"] = theirs
    if not kept.get("in_group") and merged.get("in_group"):
        out["in_group"] = True
    if kept.get("owner_id") is None and merged.get("owner_id") is not None:
        out["owner_id"] = merged["owner_id"]
    notes = merged_notes(kept, merged)
    if notes != (kept.get("notes") or ""):
        out["notes"] = notes
    return out


def _rank(level: str) -> int:
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else 0


def merged_notes(kept: Mapping[str, Any], merged: Mapping[str, Any]) -> str:
    """The kept card's notes, then what of the merged card would otherwise be lost
    (its notes, another name, another member no.). Never a phone number: notes are
    not masked for colleagues."""
    mine = (kept.get("notes") or "").strip()
    extra = []
    if (merged.get("name") or "") and merged.get("name") != kept.get("name"):
        extra.append(f"姓名 {merged['name']}")
    theirs_member = member_key(merged.get("member_no"))
    if theirs_member and member_key(kept.get("member_no")) not in (None, theirs_member):
        extra.append(f"会员号 {theirs_member}")
    theirs_notes = (merged.get("notes") or "").strip()
    if theirs_notes and theirs_notes not in mine:
        extra.append(f"备注 {theirs_notes}")
    if not extra:
        return kept.get("notes") or ""
    line = NOTES_MARK + "；".join(extra)
    if line in mine:  # applied already (the client's overlay applies an edit again)
        return kept.get("notes") or ""
    return f"{mine}\n{line}" if mine else line


def tags_taken(
    kept_tags: Mapping[str, str],
    merged_tags: Mapping[str, str],
    single_choice_groups: Iterable[str],
) -> list[str]:
    """Tags (``tag_id → group_id``) of the merged card the kept card takes: those it
    lacks; in a single-choice group only when the kept card has none of that group
    (its own choice wins)."""
    single = set(single_choice_groups)
    kept_groups = set(kept_tags.values())
    taken: list[str] = []
    for tag_id, group_id in sorted(merged_tags.items()):
        if tag_id in kept_tags:
            continue
        if group_id in single and (
            group_id in kept_groups or group_id in {merged_tags[t] for t in taken}
        ):
            continue
        taken.append(tag_id)
    return taken
