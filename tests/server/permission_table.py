"""Who may do and read what, as plain data: the expected side of the permission matrix.

Derived from ``docs/ARCHITECTURE.md`` (scopes table, per-reader visibility,
write-permission table, blobs), never from what the server answers, so a test
can hold the server to it; the client/server parity test can reuse it as is.

Vocabulary (the demo chain of ``tests.support.plugin``: stores S001 and
S002 in one region; every role acts from S001, HQ from no store):

- ``ACTORS[role]`` is the user who pushes and reads for that role.
- Targets name a row relative to the actor: ``own`` (owned by / assigned to the
  actor), ``colleague`` (own store, belongs to ``COLLEAGUE``), ``other_store``
  (store S002, belongs to ``OTHER_PERSON``); for HQ "own store" is S001.
- ``PUSH_MATRIX`` rows: ``(entity, op, target, guide, supervisor, hq)`` with
  ``APPLIED``, ``REJECTED`` or ``None`` (the combination does not exist: HQ owns
  no customers and has no assignments).
- ``BLOB_MATRIX`` rows: ``(blob kind, guide, supervisor, hq)`` → HTTP status of
  ``GET /blobs/<sha>``.
- :func:`may_pull` says whether a reader's pull may hold a row (the scope table
  plus per-reader visibility); rows are anything with the table's attributes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

APPLIED = "applied"
REJECTED = "rejected"
A, R = APPLIED, REJECTED

ROLES = ("guide", "supervisor", "hq")
ACTORS = {"guide": "s001-g1", "supervisor": "s001-mgr", "hq": "hq"}
COLLEAGUE = "s001-g2"  # another person of the own store
OTHER_PERSON = "s002-g1"  # a person of the other store
OTHER_STORE_STAFF = "s002-g2"  # an active guide of the other store (reassign target)
OWN_STORE, OTHER_STORE = "S001", "S002"

#: Files a reader might ask for (``BLOB_MATRIX``) or name as evidence (``evidence:<kind>``):
#: own_upload — the actor uploaded it and no row names it;
#: store_evidence — uploaded by COLLEAGUE, named in COLLEAGUE's item check (S001);
#: other_store_evidence — uploaded by OTHER_PERSON, named in an item check of S002;
#: material_* — the file of a material: visible to all, to supervisors (and HQ) only,
#: to another region only, to store S002 only;
#: unknown — a hash nobody uploaded.
BLOB_KINDS = (
    "own_upload",
    "store_evidence",
    "other_store_evidence",
    "material_visible",
    "material_supervisor_only",
    "material_other_region",
    "material_other_store",
    "unknown",
)

#: Materials by target name (material.use) → visibility axes.
MATERIAL_KINDS = (
    "material_visible",
    "material_supervisor_only",
    "material_other_region",
    "material_other_store",
)

# fmt: off
BLOB_MATRIX: tuple[tuple[str, int, int, int], ...] = (
    # kind                      guide supervisor hq
    ("own_upload",               200, 200, 200),
    ("store_evidence",           200, 200, 200),
    ("other_store_evidence",     403, 403, 200),
    ("material_visible",         200, 200, 200),
    ("material_supervisor_only", 403, 200, 200),
    ("material_other_region",    403, 403, 200),
    ("material_other_store",     403, 403, 200),
    ("unknown",                  403, 403, 404),
)

#: Naming a file in an item check (of S001; HQ and the supervisor write the
#: colleague's check, the guide their own). A write may name a file its writer
#: uploaded; any other file only when everyone who reads the row could already
#: read it (a file of the store's own item checks, a material all its staff see):
#: a reference never widens who can read a file.
EVIDENCE_MATRIX: tuple[tuple[str, str, str, str], ...] = (
    ("own_upload",               A, A, A),
    ("store_evidence",           A, A, A),
    ("other_store_evidence",     R, R, R),
    ("material_visible",         A, A, A),
    ("material_supervisor_only", R, R, R),
    ("material_other_region",    R, R, R),
    ("material_other_store",     R, R, R),
    ("unknown",                  R, R, R),
)

PUSH_MATRIX: tuple[tuple[str, str, str, str | None, str | None, str | None], ...] = (
    # entity         op          target                            guide supervisor hq
    ("customer",     "create",   "own_store",                      A,    A,    A),
    ("customer",     "create",   "colleague_owner",                R,    A,    A),
    ("customer",     "create",   "other_store",                    R,    R,    A),
    ("customer",     "create",   "existing_other_store",           R,    R,    R),
    ("customer",     "update",   "own",                            A,    A,    None),
    ("customer",     "update",   "colleague",                      R,    A,    A),
    ("customer",     "update",   "other_store",                    R,    R,    A),
    ("customer",     "reassign", "colleague",                      R,    A,    A),
    ("customer",     "reassign", "other_store",                    R,    R,    A),
    ("customer",     "dismiss_duplicate", "colleague",             R,    A,    A),
    ("customer",     "dismiss_duplicate", "other_store",           R,    R,    A),
    ("customer",     "merge",    "colleague",                      R,    A,    A),
    ("customer",     "merge",    "other_store",                    R,    R,    A),
    ("customer_tag", "add",      "own",                            A,    A,    None),
    ("customer_tag", "add",      "colleague",                      A,    A,    A),
    ("customer_tag", "add",      "other_store",                    R,    R,    A),
    ("customer_tag", "add",      "hidden_tag",                     R,    A,    A),
    ("customer_tag", "remove",   "own",                            A,    A,    None),
    ("customer_tag", "remove",   "colleague",                      A,    A,    A),
    ("customer_tag", "remove",   "other_store",                    R,    R,    A),
    ("follow_up",    "create",   "own",                            A,    A,    None),
    ("follow_up",    "create",   "colleague",                      A,    A,    A),
    ("follow_up",    "create",   "other_store",                    R,    R,    A),
    ("item_check",   "set",      "own",                            A,    None, None),
    ("item_check",   "set",      "own_approved",                   R,    None, None),
    ("item_check",   "set",      "colleague",                      R,    A,    A),
    ("item_check",   "set",      "colleague_approved",             R,    R,    R),  # approved is final
    ("item_check",   "set",      "other_store",                    R,    R,    A),
    *(("item_check", "set", f"evidence:{kind}", g, s, h) for kind, g, s, h in EVIDENCE_MATRIX),
    ("assignment",   "start",    "own",                            A,    None, None),
    ("assignment",   "start",    "colleague",                      R,    A,    A),
    ("assignment",   "start",    "other_store",                    R,    R,    A),
    ("assignment",   "submit",   "own",                            A,    None, None),
    ("assignment",   "submit",   "colleague",                      R,    A,    A),
    ("assignment",   "submit",   "other_store",                    R,    R,    A),
    ("assignment",   "submit",   "own_unchecked",                  R,    None, None),
    ("assignment",   "submit",   "colleague_unchecked",            R,    R,    R),
    ("assignment",   "review",   "own",                            R,    None, None),
    ("assignment",   "review",   "colleague",                      R,    A,    A),
    ("assignment",   "review",   "other_store",                    R,    R,    A),
    # issue 13: outreach contacts, re-open before review, a supervisor's store task
    ("item_check",   "contact",  "own",                            A,    None, None),
    ("item_check",   "contact",  "colleague",                      R,    A,    A),
    ("item_check",   "contact",  "colleague_approved",             R,    R,    R),
    ("item_check",   "contact",  "other_store",                    R,    R,    A),
    ("assignment",   "reopen",   "own",                            A,    None, None),
    ("assignment",   "reopen",   "colleague",                      R,    A,    A),
    ("assignment",   "reopen",   "other_store",                    R,    R,    A),
    ("task",         "create",   "colleague",                      R,    A,    A),
    ("task",         "create",   "other_store",                    R,    R,    A),
    ("script",       "create",   "new",                            A,    A,    A),
    ("script",       "create",   "existing_colleague_personal",    R,    R,    R),
    ("script",       "create",   "existing_other_store_personal",  R,    R,    R),
    ("script",       "update",   "own_personal",                   A,    A,    A),
    ("script",       "update",   "colleague_personal",             R,    R,    R),
    ("script",       "update",   "other_store_personal",           R,    R,    R),
    ("script",       "update",   "store_script",                   R,    R,    R),
    ("script",       "update",   "hq_script",                      R,    R,    R),
    ("script",       "delete",   "own_personal",                   A,    A,    A),
    ("script",       "delete",   "colleague_personal",             R,    R,    R),
    ("script",       "delete",   "other_store_personal",           R,    R,    R),
    ("script",       "delete",   "store_script",                   R,    R,    R),
    ("script",       "delete",   "hq_script",                      R,    R,    R),
    ("script",       "use",      "own_personal",                   A,    A,    A),
    ("script",       "use",      "colleague_personal",             R,    R,    R),
    ("script",       "use",      "other_store_personal",           R,    R,    R),
    ("script",       "use",      "store_script",                   A,    A,    A),
    ("script",       "use",      "other_store_script",             R,    R,    A),
    ("script",       "use",      "hq_script",                      A,    A,    A),
    ("material",     "use",      "material_visible",               A,    A,    A),
    ("material",     "use",      "material_supervisor_only",       R,    A,    A),
    ("material",     "use",      "material_other_region",          R,    R,    A),
    ("material",     "use",      "material_other_store",           R,    R,    A),
    # 建议加入总部话术库: one's own personal script only; HQ's scripts are HQ's already
    ("script_suggestion", "create", "own_personal",                A,    A,    R),
    ("script_suggestion", "create", "colleague_personal",          R,    R,    R),
    ("script_suggestion", "create", "store_script",                R,    R,    R),
    ("script_suggestion", "create", "other_store_script",          R,    R,    R),
    ("script_suggestion", "create", "hq_script",                   R,    R,    R),
    # 收藏: what the reader sees; removing what is not a favourite is a no-op
    ("favorite",     "add",      "own_personal",                   A,    A,    A),
    ("favorite",     "add",      "colleague_personal",             R,    R,    R),
    ("favorite",     "add",      "store_script",                   A,    A,    A),
    ("favorite",     "add",      "other_store_script",             R,    R,    A),
    ("favorite",     "add",      "hq_script",                      A,    A,    A),
    ("favorite",     "add",      "material_visible",               A,    A,    A),
    ("favorite",     "add",      "material_supervisor_only",       R,    A,    A),
    ("favorite",     "add",      "material_other_region",          R,    R,    A),
    ("favorite",     "add",      "material_other_store",           R,    R,    A),
    ("favorite",     "remove",   "hq_script",                      A,    A,    A),
    # one's own WeCom QR code: a file one uploaded or may read (HQ reads every file)
    ("user",         "set_qr",   "own_upload",                     A,    A,    A),
    ("user",         "set_qr",   "colleague",                      R,    R,    R),
    ("user",         "set_qr",   "other_store_evidence",           R,    R,    A),
    ("user",         "set_qr",   "unknown",                        R,    R,    R),
    # 离职继承 of a fresh customer of the person (``deactivate: false``: the matrix's people
    # stay); the receiver is an active guide of that person's store
    ("user",         "handover", "colleague",                      R,    A,    A),
    ("user",         "handover", "other_store",                    R,    R,    A),
    # 今日 marks: one's own only (an id made from someone else's user id is refused)
    ("today_action", "set",      "own",                            A,    A,    A),
    ("today_action", "set",      "colleague",                      R,    R,    R),
    ("today_action", "clear",    "own",                            A,    A,    A),
)
# fmt: on


@dataclass(frozen=True)
class PushCase:
    role: str
    entity: str
    op: str
    target: str
    expected: str

    @property
    def name(self) -> str:
        return f"{self.role}:{self.entity}.{self.op}[{self.target}]"


def push_cases() -> list[PushCase]:
    """Every (role × entity+op × target) that exists, with its expected verdict."""
    out = []
    for entity, op, target, *verdicts in PUSH_MATRIX:
        for role, verdict in zip(ROLES, verdicts, strict=True):
            if verdict is not None:
                out.append(PushCase(role, entity, op, target, verdict))
    return out


def blob_cases() -> list[tuple[str, str, int]]:
    """``(role, blob kind, expected status)``."""
    return [
        (role, kind, status)
        for kind, *statuses in BLOB_MATRIX
        for role, status in zip(ROLES, statuses, strict=True)
    ]


# --------------------------------------------------------------------------- pull


@dataclass(frozen=True)
class ReaderFacts:
    user_id: str
    role: str
    store_id: str | None
    region_id: str | None


def _get(row: Any, key: str) -> Any:
    return row[key] if isinstance(row, Mapping) else getattr(row, key)


def _retired(row: Any) -> bool:
    """Retired content (a table row's ``retired_at``; pulled data never holds it)."""
    at = row.get("retired_at") if isinstance(row, Mapping) else getattr(row, "retired_at", None)
    return at is not None


def material_visible(row: Any, r: ReaderFacts) -> bool:
    """A material outside the reader's region/store/role is hidden (HQ sees all)."""
    if r.role == "hq":
        return True
    vis = _get(row, "visibility") or {}
    regions, stores, roles = (vis.get(k) or [] for k in ("region_ids", "store_ids", "roles"))
    return (
        (not regions or r.region_id in regions)
        and (not stores or r.store_id in stores)
        and (not roles or r.role in roles)
    )


def may_pull(
    r: ReaderFacts, entity: str, row: Any, tag_groups: Mapping[str, Any], tasks: Mapping[str, Any]
) -> bool:
    """May this reader's pull hold this row (the scopes table and per-reader visibility)?"""
    hq = r.role == "hq"

    def own_store(store_id: str | None) -> bool:  # store:<id> is pulled by its staff only
        # (HQ reads store data online, /admin/customers; it pulls only the accounts)
        return not hq and store_id is not None and store_id == r.store_id

    if entity in ("store", "sensitive_word"):
        return True
    if entity == "material":  # retired: removed from every reader, HQ too
        return not _retired(row) and material_visible(row, r)
    if entity == "script_suggestion":  # user:<owner>
        return _get(row, "owner_id") == r.user_id
    if entity in ("favorite", "today_action"):  # user:<id>
        return _get(row, "user_id") == r.user_id
    if entity == "tag_group":
        if _get(row, "scope") == "store":
            return own_store(_get(row, "store_id"))
        roles = _get(row, "visible_roles") or []
        return hq or not roles or r.role in roles
    if entity == "tag":
        group = tag_groups.get(_get(row, "group_id"))
        return group is not None and may_pull(r, "tag_group", group, tag_groups, tasks)
    if entity in ("script_group", "script"):
        if entity == "script" and (_retired(row) or not material_visible(row, r)):
            return False  # retired, or outside its visibility (regions, stores, roles)
        scope = _get(row, "scope")
        if scope == "personal":  # user:<id>: only its owner, HQ included
            return _get(row, "owner_id") == r.user_id
        if scope == "store":
            return own_store(_get(row, "store_id"))
        return True
    if entity == "task":
        store_ids = _get(row, "store_ids") or []
        if _get(row, "scope") == "store":
            return own_store(store_ids[0] if store_ids else None)
        return hq or not store_ids or r.store_id in store_ids
    if entity == "task_item":
        task = tasks.get(_get(row, "task_id"))
        return task is not None and may_pull(r, "task", task, tag_groups, tasks)
    if entity == "user":  # HQ: every store's accounts (its ``staff`` scope)
        store_id = _get(row, "store_id")
        return hq or store_id is None or own_store(store_id)
    # customer, customer_tag, follow_up, order, assignment, item_check: store:<store_id>
    return own_store(_get(row, "store_id"))


def phone_masked_for(r: ReaderFacts, customer: Any) -> bool:
    """Whole for the owner guide, supervisors and HQ; masked for everyone else."""
    if not _get(customer, "phone"):
        return False
    return r.role == "guide" and _get(customer, "owner_id") != r.user_id
