"""Permission matrix: role × entity+op × own/other store/person, for pull, push and blobs.

The expected side is ``tests/server/permission_table.py`` (from the documented
rules). One real server per database kind runs every case:

1. each actor uploads a file; every actor GETs every kind of file (before);
2. each actor pulls (the cursor before the pushes);
3. each role pushes all its cases in one batch, each case on rows made for it
   alone (so no case depends on another);
4. each actor pulls again from that cursor and from scratch; every demo user
   pulls from scratch; every actor GETs every kind of file again (after: a
   write naming a file must not have widened who reads it).

A "cross read" is anything a user received that the rules do not let them
pull: a row in a pull or in a push result (applied or rejected), a whole phone
number, a file. The figures are printed (``-s``) at the end of each run.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from guide_core.protocol import (
    MAX_PUSH_BATCH,
    MUTATION_FIELDS,
    customer_tag_id,
    favorite_id,
    item_check_id,
    today_action_id,
)
from guide_server.blobs import BlobStore, remember_blob
from guide_server.db import Database
from guide_server.demo.load import ChainLoader
from guide_server.models import ENTITY_MODELS, Store, Tag, TagGroup, User
from tests.server.api import Api, mutation
from tests.server.permission_table import (
    ACTORS,
    BLOB_KINDS,
    COLLEAGUE,
    MATERIAL_KINDS,
    OTHER_PERSON,
    OTHER_STORE,
    OTHER_STORE_STAFF,
    OWN_STORE,
    PUSH_MATRIX,
    ROLES,
    PushCase,
    ReaderFacts,
    blob_cases,
    may_pull,
    phone_masked_for,
    push_cases,
)
from tests.support.server import ServerProcess

NOW = datetime.now(UTC).replace(microsecond=0)


def _new_id() -> str:
    return str(uuid.uuid4())


def _file(label: str) -> tuple[str, bytes]:
    data = f"matrix {label} ".encode() + os.urandom(64)
    return hashlib.sha256(data).hexdigest(), data


# =========================================================================== the world


class World:
    """Rows made for the matrix (loaded before the server starts) and each case's mutation."""

    def __init__(self, db: Database) -> None:
        with db.read() as s:
            self.users = {u.username: u for u in s.scalars(select(User))}
            self.stores = {st.code: st for st in s.scalars(select(Store))}
            groups = list(s.scalars(select(TagGroup)))
            tags = list(s.scalars(select(Tag)))
        self.user_id = {name: u.id for name, u in self.users.items()}
        self.store_id = {code: st.id for code, st in self.stores.items()}
        open_multi = next(
            g for g in groups if g.scope == "hq" and not g.visible_roles and g.choice == "multi"
        )
        hidden = next(g for g in groups if g.visible_roles and "guide" not in g.visible_roles)
        self.visible_tag = next(t.id for t in tags if t.group_id == open_multi.id)
        self.hidden_tag = next(t.id for t in tags if t.group_id == hidden.id)
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.assets: list[tuple[str, bytes, str, str]] = []
        self.uploads: list[tuple[str, str]] = []  # (sha, uploader id)
        self._phone = 0
        self.blob_sha: dict[tuple[str, str], str] = {}  # (role, kind) → sha
        self.own_upload: dict[str, tuple[str, bytes]] = {}  # role → file it uploads at run time
        self.material_id: dict[str, str] = {}
        self._make_files()
        self._make_hidden_content()
        self.cases: list[tuple[PushCase, dict]] = [(c, self._mutation(c)) for c in push_cases()]

    # ------------------------------------------------------------------ rows

    def customer(self, store: str, owner: str, duplicate_of: str | None = None) -> str:
        self._phone += 1
        cid = _new_id()
        self.rows["customer"].append(
            {
                "id": cid,
                "store_id": self.store_id[store],
                "owner_id": self.user_id[owner],
                "name": f"矩阵客户{self._phone}",
                "phone": f"1990000{self._phone:04d}",
                "duplicate_of": duplicate_of,
            }
        )
        return cid

    def customer_tag(self, customer_id: str, store: str, tag_id: str) -> None:
        self.rows["customer_tag"].append(
            {
                "id": customer_tag_id(customer_id, tag_id),
                "customer_id": customer_id,
                "tag_id": tag_id,
                "store_id": self.store_id[store],
                "added_by": None,
                "added_at": NOW,
            }
        )

    def script(self, scope: str, *, owner: str | None = None, store: str | None = None) -> str:
        sid = _new_id()
        self.rows["script"].append(
            {
                "id": sid,
                "title": f"矩阵话术 {scope}",
                "body": "{称呼}您好",
                "keywords": [],
                "scope": scope,
                "owner_id": self.user_id[owner] if owner else None,
                "store_id": self.store_id[store] if store else None,
                "items": [],
            }
        )
        return sid

    def task(
        self, scope: str, store_codes: list[str], requires_evidence: bool = True
    ) -> tuple[str, str]:
        tid, item_id = _new_id(), _new_id()
        self.rows["task"].append(
            {
                "id": tid,
                "title": "矩阵任务",
                "kind": "display",
                "scope": scope,
                "store_ids": [self.store_id[c] for c in store_codes],
                "guide_ids": [],
                "due_at": NOW + timedelta(days=3),
                "created_at": NOW,
            }
        )
        self.rows["task_item"].append(
            {
                "id": item_id,
                "task_id": tid,
                "sort": 0,
                "text": "拍照",
                "requires_evidence": requires_evidence,
            }
        )
        return tid, item_id

    def assignment(
        self, guide: str, status: str, *, evidence: bool = True, ticked: bool = False
    ) -> tuple[str, str]:
        """A store task of the guide's store with one item (requiring evidence or not,
        ``ticked`` already or not), assigned to the guide."""
        store = next(c for c, sid in self.store_id.items() if sid == self.users[guide].store_id)
        tid, item_id = self.task("store", [store], requires_evidence=evidence)
        aid = _new_id()
        submitted = NOW - timedelta(hours=1) if status in ("submitted", "approved") else None
        self.rows["assignment"].append(
            {
                "id": aid,
                "task_id": tid,
                "guide_id": self.user_id[guide],
                "store_id": self.store_id[store],
                "status": status,
                "submitted_at": submitted,
                "targets": {item_id: [self.customer(store, guide)]},
            }
        )
        if ticked:
            self.rows["item_check"].append(
                {
                    "id": item_check_id(aid, item_id),
                    "assignment_id": aid,
                    "item_id": item_id,
                    "store_id": self.users[guide].store_id,
                    "done": True,
                    "done_at": NOW,
                    "note": "",
                    "evidence_sha256": None,
                    "checked_by": self.user_id[guide],
                }
            )
        return aid, item_id

    def item_check(self, guide: str, evidence: str) -> None:
        aid, item_id = self.assignment(guide, "in_progress")
        self.rows["item_check"].append(
            {
                "id": item_check_id(aid, item_id),
                "assignment_id": aid,
                "item_id": item_id,
                "store_id": self.users[guide].store_id,
                "done": True,
                "done_at": NOW,
                "note": "",
                "evidence_sha256": evidence,
                "checked_by": self.user_id[guide],
            }
        )

    def _make_files(self) -> None:
        for role in ROLES:
            self.own_upload[role] = _file(f"own upload {role}")
            self.blob_sha[(role, "own_upload")] = self.own_upload[role][0]
        shared: dict[str, str] = {}
        for kind, uploader, store in (
            ("store_evidence", COLLEAGUE, None),
            ("other_store_evidence", OTHER_PERSON, None),
            ("material_visible", None, {}),
            ("material_supervisor_only", None, {"roles": ["supervisor", "hq"]}),
            ("material_other_region", None, {"region_ids": [_new_id()]}),
            ("material_other_store", None, {"store_ids": [self.store_id[OTHER_STORE]]}),
        ):
            sha, data = _file(kind)
            shared[kind] = sha
            self.assets.append((sha, data, "image/png", f"{kind}.png"))
            if uploader:
                self.uploads.append((sha, self.user_id[uploader]))
                self.item_check(uploader, sha)
            else:
                mid = self.material_id[kind] = _new_id()
                self.rows["material"].append(
                    {
                        "id": mid,
                        "kind": "image",
                        "title": f"矩阵素材 {kind}",
                        "tags": [],
                        "blob_sha256": sha,
                        "blob_size": len(data),
                        "mime": "image/png",
                        "file_name": f"{kind}.png",
                        "visibility": {"region_ids": [], "store_ids": [], "roles": [], **store},
                        "use_count": 0,
                    }
                )
        shared["unknown"] = _file("never uploaded")[0]
        for role in ROLES:
            for kind, sha in shared.items():
                self.blob_sha[(role, kind)] = sha
        assert set(BLOB_KINDS) == {k for _, k in self.blob_sha}
        assert set(MATERIAL_KINDS) == set(self.material_id)

    def _make_hidden_content(self) -> None:
        """Content some readers must never pull: HQ tasks for one store, a personal group."""
        self.task("hq", [OWN_STORE])
        self.task("hq", [OTHER_STORE])
        for owner in (COLLEAGUE, OTHER_PERSON):
            self.rows["script_group"].append(
                {
                    "id": _new_id(),
                    "name": "我的分组",
                    "scope": "personal",
                    "owner_id": self.user_id[owner],
                    "sort": 0,
                }
            )
            self.script("personal", owner=owner)

    # ------------------------------------------------------------------ cases

    def _customer_target(self, role: str, target: str) -> tuple[str, str]:
        """``(customer id, store code)`` for own / colleague / other_store."""
        if target == "own":
            return self.customer(OWN_STORE, ACTORS[role]), OWN_STORE
        if target in ("colleague", "hidden_tag"):
            return self.customer(OWN_STORE, COLLEAGUE), OWN_STORE
        assert target == "other_store", target
        return self.customer(OTHER_STORE, OTHER_PERSON), OTHER_STORE

    def _assignment_target(
        self, role: str, target: str, status: str, ticked: bool = False
    ) -> tuple[str, str]:
        """Items require evidence only for the ``evidence:`` targets; ``_unchecked``
        targets leave the item unticked (the submit cases tick it otherwise)."""
        if target.startswith("evidence:"):
            guide = ACTORS[role] if role == "guide" else COLLEAGUE
            return self.assignment(guide, status)
        if target.endswith("_approved"):
            status, target = "approved", target.removesuffix("_approved")
        if target.endswith("_unchecked"):
            ticked, target = False, target.removesuffix("_unchecked")
        guide = {"own": ACTORS[role], "colleague": COLLEAGUE, "other_store": OTHER_PERSON}[target]
        return self.assignment(guide, status, evidence=False, ticked=ticked)

    def _script_target(self, role: str, target: str) -> str:
        target = target.removeprefix("existing_")
        return {
            "own_personal": lambda: self.script("personal", owner=ACTORS[role]),
            "colleague_personal": lambda: self.script("personal", owner=COLLEAGUE),
            "other_store_personal": lambda: self.script("personal", owner=OTHER_PERSON),
            "store_script": lambda: self.script("store", store=OWN_STORE),
            "other_store_script": lambda: self.script("store", store=OTHER_STORE),
            "hq_script": lambda: self.script("hq"),
        }[target]()

    def _mutation(self, case: PushCase) -> dict:  # noqa: C901, PLR0911, PLR0912 - one branch per entity.op
        role, target = case.role, case.target
        match (case.entity, case.op):
            case ("customer", "create"):
                if target == "existing_other_store":
                    cid, _ = self._customer_target(role, "other_store")
                    fields = {"name": "矩阵新客", "store_id": self.store_id[OTHER_STORE]}
                    return mutation("customer", "create", cid, fields)
                fields = {"name": "矩阵新客"}
                fields["store_id"] = self.store_id[
                    OTHER_STORE if target == "other_store" else OWN_STORE
                ]
                if target == "colleague_owner":
                    fields["owner_id"] = self.user_id[COLLEAGUE]
                return mutation("customer", "create", _new_id(), fields)
            case ("customer", "update"):
                cid, _ = self._customer_target(role, target)
                return mutation("customer", "update", cid, {"notes": "矩阵备注"})
            case ("customer", "dismiss_duplicate"):
                store, owner = {
                    "colleague": (OWN_STORE, COLLEAGUE),
                    "other_store": (OTHER_STORE, OTHER_PERSON),
                }[target]
                first = self.customer(store, owner)
                cid = self.customer(store, owner, duplicate_of=first)  # flagged as its duplicate
                return mutation("customer", "dismiss_duplicate", cid, {"duplicate_of": first})
            case ("customer", "merge"):  # two cards of one person (same phone)
                store, owner = {
                    "colleague": (OWN_STORE, COLLEAGUE),
                    "other_store": (OTHER_STORE, OTHER_PERSON),
                }[target]
                kept = self.customer(store, owner)
                merged = self.customer(store, owner, duplicate_of=kept)
                self.rows["customer"][-1]["phone"] = self.rows["customer"][-2]["phone"]
                return mutation("customer", "merge", kept, {"merged_id": merged})
            case ("customer", "reassign"):
                cid, store = self._customer_target(role, target)
                to = ACTORS["guide"] if store == OWN_STORE else OTHER_STORE_STAFF
                return mutation("customer", "reassign", cid, {"owner_id": self.user_id[to]})
            case ("customer_tag", op):
                cid, store = self._customer_target(role, target)
                tag = self.hidden_tag if target == "hidden_tag" else self.visible_tag
                if op == "remove":
                    self.customer_tag(cid, store, tag)
                fields = {"customer_id": cid, "tag_id": tag}
                return mutation("customer_tag", op, customer_tag_id(cid, tag), fields)
            case ("follow_up", "create"):
                cid, _ = self._customer_target(role, target)
                fields = {
                    "customer_id": cid,
                    "channel": "chat",
                    "text": "矩阵跟进",
                    "at": NOW.isoformat(),
                }
                return mutation("follow_up", "create", _new_id(), fields)
            case ("item_check", "set"):
                aid, item_id = self._assignment_target(role, target, "in_progress")
                fields = {
                    "assignment_id": aid,
                    "item_id": item_id,
                    "done": True,
                    "done_at": NOW.isoformat(),
                }
                if target.startswith("evidence:"):
                    fields["evidence_sha256"] = self.blob_sha[(role, target.split(":", 1)[1])]
                return mutation("item_check", "set", item_check_id(aid, item_id), fields)
            case ("item_check", "contact"):
                aid, item_id = self._assignment_target(role, target, "in_progress")
                row = next(a for a in self.rows["assignment"] if a["id"] == aid)
                fields = {
                    "assignment_id": aid,
                    "item_id": item_id,
                    "customer_id": row["targets"][item_id][0],
                    "at": NOW.isoformat(),
                }
                return mutation("item_check", "contact", item_check_id(aid, item_id), fields)
            case ("task", "create"):
                guide = COLLEAGUE if target == "colleague" else OTHER_PERSON
                fields = {
                    "title": "矩阵店务",
                    "kind": "display",
                    "due_at": (NOW + timedelta(days=1)).isoformat(),
                    "guide_ids": [self.user_id[guide]],
                    "items": [{"id": _new_id(), "text": "检查"}],
                }
                return mutation("task", "create", _new_id(), fields)
            case ("assignment", op):
                status = {
                    "start": "todo",
                    "submit": "in_progress",
                    "review": "submitted",
                    "reopen": "submitted",
                }[op]
                aid, _ = self._assignment_target(role, target, status, ticked=op == "submit")
                fields = {"decision": "approve"} if op == "review" else {}
                return mutation("assignment", op, aid, fields)
            case ("script", "create"):
                sid = _new_id() if target == "new" else self._script_target(role, target)
                return mutation("script", "create", sid, {"title": "矩阵新话术", "body": "正文"})
            case ("script", op):
                fields = {"title": "矩阵改名"} if op == "update" else {}
                return mutation("script", op, self._script_target(role, target), fields)
            case ("material", "use"):
                return mutation("material", "use", self.material_id[target], {})
            case ("script_suggestion", "create"):
                fields = {"script_id": self._script_target(role, target)}
                return mutation("script_suggestion", "create", _new_id(), fields)
            case ("favorite", op):
                if target in MATERIAL_KINDS:
                    kind, item = "material", self.material_id[target]
                else:
                    kind, item = "script", self._script_target(role, target)
                fid = favorite_id(self.user_id[ACTORS[role]], kind, item)
                return mutation("favorite", op, fid, {"kind": kind, "item_id": item})
            case ("today_action", op):
                key = f"birthday:matrix-{_new_id()[:8]}:2026"
                who = COLLEAGUE if target == "colleague" else ACTORS[role]
                aid = today_action_id(self.user_id[who], key)
                fields = {"entry_key": key, "action": "done"} if op == "set" else {"entry_key": key}
                return mutation("today_action", op, aid, fields)
            case ("user", "handover"):
                leaving, store, to = {
                    "colleague": (COLLEAGUE, OWN_STORE, ACTORS["guide"]),
                    "other_store": (OTHER_PERSON, OTHER_STORE, OTHER_STORE_STAFF),
                }[target]
                cid = self.customer(store, leaving)
                fields = {"receivers": {self.user_id[to]: [cid]}, "deactivate": False}
                return mutation("user", "handover", self.user_id[leaving], fields)
            case ("user", "set_qr"):
                if target == "colleague":
                    sha = self.blob_sha[(role, "own_upload")]
                    return mutation("user", "set_qr", self.user_id[COLLEAGUE], {"qr_sha256": sha})
                sha = self.blob_sha[(role, target)]
                return mutation("user", "set_qr", self.user_id[ACTORS[role]], {"qr_sha256": sha})
        raise AssertionError(f"no target builder for {case.name}")

    # ------------------------------------------------------------------ loading

    def load(self, db: Database, data_dir) -> None:
        loader = ChainLoader(db, BlobStore(data_dir / "blobs", 1 << 30))
        order = (
            "customer",
            "customer_tag",
            "script_group",
            "script",
            "material",
            "task",
            "task_item",
            "assignment",
            "item_check",
        )
        loader.load((e, self.rows[e]) for e in order if self.rows[e])
        loader.load_assets(self.assets)
        with db.write() as session:
            for sha, user_id in self.uploads:
                remember_blob(session, sha, 0, "image/png", user_id)


# =========================================================================== running it


@dataclass
class Outcome:
    db_kind: str
    cases: int = 0
    verdicts: list[str] = field(default_factory=list)  # case: expected ≠ got
    row_leaks: list[str] = field(default_factory=list)  # push result rows not pullable
    pull_leaks: list[str] = field(default_factory=list)  # pulled rows the rules forbid
    pull_missing: list[str] = field(default_factory=list)
    phone_leaks: list[str] = field(default_factory=list)
    blob_wrong: list[str] = field(default_factory=list)  # status ≠ expected
    blob_reads: list[str] = field(default_factory=list)  # of those, 200 where refused
    pulled_rows: int = 0

    @property
    def cross_reads(self) -> int:
        return (
            len(self.row_leaks)
            + len(self.pull_leaks)
            + len(self.phone_leaks)
            + len(self.blob_reads)
        )


def _reader(world: World, username: str) -> ReaderFacts:
    u = world.users[username]
    store = next((s for s in world.stores.values() if s.id == u.store_id), None)
    return ReaderFacts(u.id, u.role, u.store_id, store.region_id if store else None)


def _truth(db: Database) -> dict[str, dict[str, Any]]:
    """Every live row of every synced table, from the database itself."""
    out: dict[str, dict[str, Any]] = {}
    with db.read() as s:
        for entity, model in ENTITY_MODELS.items():
            out[entity] = {row.id: row for row in s.scalars(select(model))}
            for row in out[entity].values():
                s.expunge(row)
    return out


def _blob_phase(apis: dict[str, Api], world: World, phase: str, out: Outcome) -> int:
    n = 0
    for role, kind, expected in blob_cases():
        got = apis[role].http.get(f"/blobs/{world.blob_sha[(role, kind)]}").status_code
        n += 1
        if got != expected:
            out.blob_wrong.append(f"{phase} {role} GET {kind}: expected {expected}, got {got}")
            if got == 200:
                out.blob_reads.append(f"{phase} {role} read {kind}")
    return n


def run_matrix(server: ServerProcess, world: World, db: Database, kind: str) -> Outcome:
    out = Outcome(kind)
    apis = {role: Api(server, name) for role, name in ACTORS.items()}
    for role, (sha, data) in world.own_upload.items():
        assert apis[role].http.put(f"/blobs/{sha}", content=data).status_code == 200
    out.cases += _blob_phase(apis, world, "before", out)
    before = {role: api.pull_all()[1] for role, api in apis.items()}

    results: list[tuple[PushCase, dict]] = []
    for role in ROLES:
        mine = [(c, m) for c, m in world.cases if c.role == role]
        for start in range(0, len(mine), MAX_PUSH_BATCH):
            chunk = mine[start : start + MAX_PUSH_BATCH]
            for seq, (_, m) in enumerate(chunk):
                m["seq"] = seq
            got = apis[role].push(*(m for _, m in chunk))
            results.extend(zip((c for c, _ in chunk), got, strict=True))
    out.cases += len(results)

    held: dict[str, dict[tuple[str, str], dict]] = {}
    role_of = {name: role for role, name in ACTORS.items()}
    for name in world.users:
        api = apis[role_of[name]] if name in role_of else Api(server, name)
        held[name] = api.state()[0]
    seen_since = {
        role: {(c["entity"], c["id"]) for c in apis[role].pull_all(before[role])[0]}
        for role in ROLES
    }

    for case, result in results:
        status = "applied" if result["status"] in ("applied", "duplicate") else result["status"]
        if status != case.expected:
            out.verdicts.append(
                f"{case.name}: expected {case.expected}, got {status} ({result['reason']})"
            )
        row = result["row"]
        if row is None:
            continue
        key = (row["entity"], row["id"])
        mine = held[ACTORS[case.role]]
        if row["data"] is not None and key not in mine:
            out.row_leaks.append(f"{case.name}: {result['status']} row {key} is not pullable")
        elif row["data"] is None and key not in mine and key not in seen_since[case.role]:
            out.row_leaks.append(f"{case.name}: tombstone {key} is not pullable")
        elif row["entity"] == "customer" and row["data"] and mine[key]["phone_masked"]:
            if not row["data"]["phone_masked"]:
                out.row_leaks.append(f"{case.name}: whole phone of customer {row['id']}")

    out.cases += _blob_phase(apis, world, "after", out)

    truth = _truth(db)
    groups, tasks = truth["tag_group"], truth["task"]
    for name, rows in held.items():
        reader = _reader(world, name)
        out.pulled_rows += len(rows)
        expected = {
            (entity, rid)
            for entity, by_id in truth.items()
            for rid, row in by_id.items()
            if may_pull(reader, entity, row, groups, tasks)
        }
        out.pull_leaks += [f"{name} pulled {k}" for k in sorted(set(rows) - expected)]
        out.pull_missing += [f"{name} lacks {k}" for k in sorted(expected - set(rows))]
        for (entity, rid), data in rows.items():
            if entity != "customer" or rid not in truth["customer"]:
                continue
            if phone_masked_for(reader, truth["customer"][rid]) and (
                not data["phone_masked"] or data["phone"] == truth["customer"][rid].phone
            ):
                out.phone_leaks.append(f"{name} got the whole phone of customer {rid}")
        out.cases += 1
    return out


@pytest.fixture(scope="module")
def matrix(db_kind, demo_template, tmp_path_factory) -> Outcome:
    """One server per database kind; every case of the table run against it."""
    url, data_dir = demo_template.fresh_copy(tmp_path_factory.mktemp(f"matrix-{db_kind}"))
    db = Database(url)
    server = None
    try:
        world = World(db)
        world.load(db, data_dir)
        server = ServerProcess(url, data_dir)
        server.start()
        out = run_matrix(server, world, db, db_kind)
    finally:
        if server is not None:
            server.stop()
        db.dispose()
    print(
        f"\n[permission matrix {db_kind}] cases run: {out.cases} "
        f"({len(world.cases)} pushes, {2 * len(blob_cases())} blob GETs, "
        f"{len(world.users)} pulls of {out.pulled_rows} rows); "
        f"cross-store/cross-person reads: {out.cross_reads} "
        f"(push rows {len(out.row_leaks)}, pulled rows {len(out.pull_leaks)}, "
        f"phones {len(out.phone_leaks)}, files {len(out.blob_reads)}); "
        f"wrong verdicts: {len(out.verdicts)}"
    )
    for finding in out.verdicts + out.row_leaks + out.pull_leaks + out.phone_leaks:
        print(f"  {finding}")
    for finding in out.blob_wrong + out.pull_missing:
        print(f"  {finding}")
    return out


def test_table_covers_every_operation_of_the_protocol():
    assert {(e, op) for e, op, *_ in PUSH_MATRIX} == set(MUTATION_FIELDS)


def test_push_verdicts_follow_the_documented_rules(matrix):
    assert matrix.verdicts == []


def test_push_results_carry_only_rows_the_pusher_could_pull(matrix):
    assert matrix.row_leaks == []


def test_pull_holds_exactly_what_the_rules_allow(matrix):
    assert matrix.pull_leaks == []
    assert matrix.phone_leaks == []
    assert matrix.pull_missing == []


def test_files_are_read_only_by_who_may_read_them(matrix):
    assert matrix.blob_wrong == []


def test_no_cross_store_or_cross_person_read(matrix):
    assert matrix.cross_reads == 0, (
        matrix.row_leaks + matrix.pull_leaks + matrix.phone_leaks + matrix.blob_reads
    )
