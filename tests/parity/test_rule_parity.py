"""Rule parity: every write verdict is the same in the app and on the server.

The matrix is role × entity+op × own/other store (and person) × assignment
status (todo, in_progress, submitted, approved, sent_back, where an
assignment is involved) × the rule variants (items unticked, evidence
missing, a send-back without reason, a hidden tag group). Each case gets two
identical fresh targets, loaded before the one server of the module starts:

(a) the *client* twin is written through the app's own write API (real
    ``guide_app`` services on a cache a real sign-in and pull filled): the
    verdict is "applied" (queued) or the refusal's code;
(b) the *server* twin gets the same mutation pushed to the real server: the
    verdict is "applied" or the result's ``code``.

Both must agree for every case, and afterwards every edit the app accepted
must be applied by the server when the app syncs (nothing lands in the
attention list). Rows of another store are not in a guide's or supervisor's
cache and are unknown to the server's answer too (``unknown_*``). HQ's app
reads store data online rather than from its cache, so the store rows HQ's
cases act on are put into HQ's cache from a supervisor's pull first: the
parity asked here is of the rules, not of what HQ syncs.

Files named as evidence are left to ``tests/server/test_permission_matrix``
(whether a file may be named is the server's knowledge of uploads alone).
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from guide_app.domain.errors import ValidationFailed
from guide_core.protocol import (
    Change,
    customer_tag_id,
    favorite_id,
    item_check_id,
    today_action_id,
)
from guide_server.db import Database
from tests.server.api import Api, mutation
from tests.server.permission_table import (
    ACTORS,
    COLLEAGUE,
    MATERIAL_KINDS,
    OTHER_PERSON,
    OTHER_STORE,
    OTHER_STORE_STAFF,
    OWN_STORE,
    ROLES,
)
from tests.server.test_permission_matrix import World
from tests.support.server import ServerProcess

PASSWORD = "demo1234"
STATUSES = ("todo", "in_progress", "submitted", "approved", "sent_back")
APPLIED = "applied"
NOW = datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Case:
    role: str
    entity: str
    op: str
    target: str  # own | colleague | other_store | a content target
    status: str = "-"
    variant: str = ""

    @property
    def name(self) -> str:
        extra = f"/{self.variant}" if self.variant else ""
        status = f"@{self.status}" if self.status != "-" else ""
        return f"{self.role}:{self.entity}.{self.op}[{self.target}{status}{extra}]"


PEOPLE = ("own", "colleague", "other_store")
SCRIPT_TARGETS = (
    "own_personal",
    "colleague_personal",
    "other_store_personal",
    "store_script",
    "other_store_script",
    "hq_script",
)


def _people(role: str) -> tuple[str, ...]:
    return PEOPLE if role == "guide" or role == "supervisor" else ("colleague", "other_store")


def all_cases() -> list[Case]:
    out: list[Case] = []
    for role in ROLES:
        out += [Case(role, "customer", "create", t) for t in ("own", "colleague", "other_store")]
        for op in ("update", "reassign", "dismiss_duplicate", "merge"):
            out += [Case(role, "customer", op, t) for t in _people(role)]
        for op in ("add", "remove"):
            out += [Case(role, "customer_tag", op, t) for t in _people(role)]
        out.append(Case(role, "customer_tag", "add", "colleague", variant="hidden_tag"))
        out += [Case(role, "follow_up", "create", t) for t in _people(role)]
        assignees = _people(role) if role != "hq" else ("colleague", "other_store")
        if role == "supervisor":
            assignees = ("colleague", "other_store")
        for t in assignees:
            for status in STATUSES:
                out.append(Case(role, "item_check", "set", t, status))
                out.append(Case(role, "item_check", "contact", t, status))
                out.append(Case(role, "assignment", "start", t, status))
                out.append(Case(role, "assignment", "submit", t, status))
                out.append(Case(role, "assignment", "review", t, status))
                out.append(Case(role, "assignment", "reopen", t, status))
            out.append(Case(role, "item_check", "contact", t, "in_progress", "not_target"))
            out.append(Case(role, "item_check", "set", t, "in_progress", "note_missing"))
            for status in ("in_progress", "sent_back"):
                out.append(Case(role, "item_check", "set", t, status, "evidence_missing"))
                out.append(Case(role, "assignment", "submit", t, status, "unticked"))
                out.append(Case(role, "assignment", "submit", t, status, "evidence_missing"))
            out.append(Case(role, "assignment", "review", t, "submitted", "send_back_no_reason"))
        if role == "guide":  # a guide's own assignments (the others have none)
            for status in STATUSES:
                for op in ("start", "submit", "review", "reopen"):
                    out.append(Case(role, "assignment", op, "own", status))
                out.append(Case(role, "item_check", "set", "own", status))
                out.append(Case(role, "item_check", "contact", "own", status))
            out.append(Case(role, "item_check", "contact", "own", "todo", "not_target"))
            out.append(Case(role, "assignment", "submit", "own", "in_progress", "note_missing"))
            out.append(Case(role, "assignment", "submit", "own", "in_progress", "unticked"))
            out.append(Case(role, "item_check", "set", "own", "todo", "evidence_missing"))
        out.append(Case(role, "script", "create", "new"))
        for op in ("update", "delete", "use"):
            out += [Case(role, "script", op, t) for t in SCRIPT_TARGETS]
        out += [Case(role, "material", "use", t) for t in MATERIAL_KINDS]
        out += [Case(role, "script_suggestion", "create", t) for t in SCRIPT_TARGETS]
        out += [Case(role, "favorite", "add", t) for t in SCRIPT_TARGETS + MATERIAL_KINDS]
        # removing what is not a favourite is a no-op on both sides (idempotent)
        out += [Case(role, "favorite", "remove", t) for t in ("hq_script", "material_visible")]
        out.append(Case(role, "user", "set_qr", "own"))
        # 离职继承 of a fresh customer (the account is left active: the matrix's people stay)
        out += [Case(role, "user", "handover", t) for t in ("colleague", "other_store")]
        # 今日 marks: one's own only (the id is made from the user, see today_action_id)
        out += [Case(role, "today_action", op, "own") for op in ("set", "clear")]
        # a store task for chosen guides (a supervisor's, made offline): own store, the
        # other store's guide, and a recurrence that never fires
        out += [Case(role, "task", "create", t) for t in ("colleague", "other_store")]
        out.append(Case(role, "task", "create", "colleague", variant="bad_schedule"))
    return out


# =========================================================================== targets


class Twins:
    """Builds each case's target twice (client twin, server twin) in the matrix world."""

    def __init__(self, world: World) -> None:
        self.w = world

    def _person(self, role: str, target: str) -> tuple[str, str]:
        """(username, store code) of whom a target belongs to."""
        return {
            "own": (ACTORS[role], OWN_STORE),
            "colleague": (COLLEAGUE, OWN_STORE),
            "other_store": (OTHER_PERSON, OTHER_STORE),
        }[target]

    def build(self, case: Case) -> dict[str, Any]:  # noqa: C901, PLR0911 - one branch per entity.op
        w, role, target = self.w, case.role, case.target
        if case.entity == "customer" and case.op == "create":
            store = OTHER_STORE if target == "other_store" else OWN_STORE
            owner = w.user_id[COLLEAGUE] if target == "colleague" else None
            return {"store_id": w.store_id[store], "owner_id": owner}
        if case.entity in ("customer", "customer_tag", "follow_up"):
            person, store = self._person(role, target)
            first = w.customer(store, person) if case.op in ("dismiss_duplicate", "merge") else None
            cid = w.customer(store, person, duplicate_of=first)
            if case.op == "merge":  # two cards of one person: the same phone
                w.rows["customer"][-1]["phone"] = w.rows["customer"][-2]["phone"]
            tag = w.hidden_tag if case.variant == "hidden_tag" else w.visible_tag
            if case.entity == "customer_tag" and case.op == "remove":
                w.customer_tag(cid, store, tag)
            to = ACTORS["guide"] if store == OWN_STORE else OTHER_STORE_STAFF
            return {"cid": cid, "tag": tag, "first": first, "to": w.user_id[to]}
        if case.entity in ("item_check", "assignment"):
            person, store = self._person(role, target)
            evidence = case.variant == "evidence_missing"
            ticked = case.op == "submit" and case.variant != "unticked"
            aid, item_id = w.assignment(person, case.status, evidence=evidence, ticked=ticked)
            row = next(a for a in reversed(w.rows["assignment"]) if a["id"] == aid)
            if case.variant == "note_missing":  # the item asks for a note; ticks carry none
                item = next(i for i in reversed(w.rows["task_item"]) if i["id"] == item_id)
                item["requires_note"] = True
            cid = w.customer(store, person)
            row["targets"] = {item_id: [cid]}
            if case.variant == "not_target":  # the guide's customer, not on the item's list
                cid = w.customer(store, person)
            return {"aid": aid, "item": item_id, "cid": cid}
        if case.entity == "task":
            person, _ = self._person(role, target)
            return {"guides": [w.user_id[person]], "bad": case.variant == "bad_schedule"}
        if case.entity == "script":
            if target == "new":
                return {}
            return {"sid": w._script_target(role, target)}
        if case.entity == "material":
            return {"mid": w.material_id[target]}
        if case.entity == "script_suggestion":
            return {"sid": w._script_target(role, target)}
        if case.entity == "favorite":
            if target in MATERIAL_KINDS:
                return {"kind": "material", "item": w.material_id[target]}
            return {"kind": "script", "item": w._script_target(role, target)}
        if case.entity == "today_action":  # a key of its own for each twin
            return {"key": f"birthday:parity-{uuid.uuid4().hex[:12]}:2026"}
        if case.entity == "user" and case.op == "handover":  # a fresh customer of the person
            person, store = self._person(role, target)
            to = ACTORS["guide"] if store == OWN_STORE else OTHER_STORE_STAFF
            cid = w.customer(store, person)
            return {"leaving": w.user_id[person], "cid": cid, "to": w.user_id[to]}
        if case.entity == "user":  # one's own QR image: a file of its own for each twin
            return {"qr": b"\x89PNG parity qr " + uuid.uuid4().bytes}
        raise AssertionError(case.name)


def client_call(case: Case, t: dict[str, Any]) -> Callable[[Any], Any]:  # noqa: PLR0911
    """The app's write for the case, as a screen calls it."""
    match (case.entity, case.op):
        case ("customer", "create"):
            kw = {k: v for k, v in t.items() if v}
            return lambda s: s.customers.create(name="对照新客", **kw)
        case ("customer", "update"):
            return lambda s: s.customers.update(t["cid"], notes="对照备注")
        case ("customer", "reassign"):
            return lambda s: s.customers.reassign([t["cid"]], t["to"])
        case ("customer", "dismiss_duplicate"):
            return lambda s: s.customers.dismiss_duplicate(t["cid"])
        case ("customer", "merge"):
            return lambda s: s.customer_merge.merge(t["first"], t["cid"])
        case ("customer_tag", "add"):
            return lambda s: s.customers.add_tag(t["cid"], t["tag"])
        case ("customer_tag", "remove"):
            return lambda s: s.customers.remove_tag(t["cid"], t["tag"])
        case ("follow_up", "create"):
            return lambda s: s.customers.add_follow_up(t["cid"], "chat", "对照跟进")
        case ("item_check", "set"):
            return lambda s: s.tasks.check_item(t["aid"], t["item"], True)
        case ("item_check", "contact"):
            return lambda s: s.tasks.mark_contacted(t["aid"], t["item"], t["cid"], "对照联系")
        case ("assignment", "reopen"):
            return lambda s: s.tasks.reopen(t["aid"])
        case ("task", "create"):
            return lambda s: _create_store_task(s, t)
        case ("assignment", "start"):
            return lambda s: s.tasks.start(t["aid"])
        case ("assignment", "submit"):
            return lambda s: s.tasks.submit(t["aid"])
        case ("assignment", "review"):
            approve = case.variant != "send_back_no_reason"
            return lambda s: s.tasks.review(t["aid"], approve=approve)
        case ("script", "create"):
            return lambda s: s.scripts.create_personal("对照话术", "正文")
        case ("script", "update"):
            return lambda s: s.scripts.update_personal(t["sid"], title="对照改名")
        case ("script", "delete"):
            return lambda s: s.scripts.delete_personal(t["sid"])
        case ("script", "use"):
            return lambda s: s.scripts.record_use(t["sid"])
        case ("material", "use"):
            return lambda s: s.materials.record_use(t["mid"])
        case ("script_suggestion", "create"):
            return lambda s: s.library.suggest(t["sid"])
        case ("favorite", op):
            return lambda s: s.library.set_favorite(t["kind"], t["item"], op == "add")
        case ("user", "set_qr"):
            return lambda s: _set_qr(s, t["qr"])
        case ("user", "handover"):
            plan = {t["cid"]: t["to"]}
            return lambda s: s.handover.queue(s.handover.explicit(t["leaving"], plan), False)
        case ("today_action", "set"):
            return lambda s: s.today_queue.mark(t["key"], "snoozed", date(2030, 1, 1))
        case ("today_action", "clear"):
            return lambda s: s.today_queue.unmark(t["key"])
    raise AssertionError(case.name)


def _task_create_fields(t: dict[str, Any]) -> dict[str, Any]:
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    return {
        "title": "对照店务",
        "kind": "display",
        "due_at": due,
        "recurrence": "daily" if t["bad"] else None,
        "until": date(2020, 1, 1) if t["bad"] else None,
        "guide_ids": t["guides"],
        "items": [{"id": str(uuid.uuid4()), "text": "对照检查"}],
    }


def _create_store_task(session: Any, t: dict[str, Any]) -> str:
    """The 任务发布 form of a supervisor: a store task queued as ``task.create``."""
    from guide_app.services.task_admin import TaskAdmin

    admin = TaskAdmin(session.api, session.cache, session.user)
    return admin.create_store_task(**_task_create_fields(t))


def _set_qr(session: Any, data: bytes) -> str:
    """The app's 设置 → 企微二维码: a file on this PC, kept and queued (uploaded at sync)."""
    from guide_app.services.profile import ProfileService

    path = session.cache.path.parent / f"qr-{hashlib.sha256(data).hexdigest()[:12]}.png"
    path.write_bytes(data)
    return ProfileService(session.cache, session.user, session.blobs).set_qr(path)


def server_mutation(case: Case, t: dict[str, Any], user_id: str = "") -> dict:  # noqa: PLR0911
    """The mutation the app would send for the case (``user_id``: the pusher's)."""
    match (case.entity, case.op):
        case ("customer", "create"):
            fields = {"name": "对照新客", **{k: v for k, v in t.items() if v}}
            return mutation("customer", "create", str(uuid.uuid4()), fields)
        case ("customer", "update"):
            return mutation("customer", "update", t["cid"], {"notes": "对照备注"})
        case ("customer", "reassign"):
            return mutation("customer", "reassign", t["cid"], {"owner_id": t["to"]})
        case ("customer", "dismiss_duplicate"):
            return mutation("customer", "dismiss_duplicate", t["cid"], {"duplicate_of": t["first"]})
        case ("customer", "merge"):
            return mutation("customer", "merge", t["first"], {"merged_id": t["cid"]})
        case ("customer_tag", op):
            fields = {"customer_id": t["cid"], "tag_id": t["tag"]}
            return mutation("customer_tag", op, customer_tag_id(t["cid"], t["tag"]), fields)
        case ("follow_up", "create"):
            fields = {"customer_id": t["cid"], "channel": "chat", "text": "对照跟进", "at": NOW}
            return mutation("follow_up", "create", str(uuid.uuid4()), fields)
        case ("item_check", "set"):
            fields = {"assignment_id": t["aid"], "item_id": t["item"], "done": True, "done_at": NOW}
            return mutation("item_check", "set", item_check_id(t["aid"], t["item"]), fields)
        case ("item_check", "contact"):
            fields = {
                "assignment_id": t["aid"],
                "item_id": t["item"],
                "customer_id": t["cid"],
                "at": NOW,
            }
            return mutation("item_check", "contact", item_check_id(t["aid"], t["item"]), fields)
        case ("task", "create"):
            fields = {
                k: (v.isoformat() if isinstance(v, (date, datetime)) else v)
                for k, v in _task_create_fields(t).items()
                if v is not None
            }
            return mutation("task", "create", str(uuid.uuid4()), fields)
        case ("assignment", "review"):
            decision = "send_back" if case.variant == "send_back_no_reason" else "approve"
            return mutation("assignment", "review", t["aid"], {"decision": decision})
        case ("assignment", op):
            return mutation("assignment", op, t["aid"])
        case ("script", "create"):
            return mutation(
                "script", "create", str(uuid.uuid4()), {"title": "对照话术", "body": "正文"}
            )
        case ("script", "update"):
            return mutation("script", "update", t["sid"], {"title": "对照改名"})
        case ("script", op):
            return mutation("script", op, t["sid"])
        case ("material", "use"):
            return mutation("material", "use", t["mid"])
        case ("script_suggestion", "create"):
            return mutation(
                "script_suggestion", "create", str(uuid.uuid4()), {"script_id": t["sid"]}
            )
        case ("favorite", op):
            fid = favorite_id(user_id, t["kind"], t["item"])
            return mutation("favorite", op, fid, {"kind": t["kind"], "item_id": t["item"]})
        case ("user", "handover"):
            fields = {"receivers": {t["to"]: [t["cid"]]}, "deactivate": False}
            return mutation("user", "handover", t["leaving"], fields)
        case ("user", "set_qr"):
            sha = hashlib.sha256(t["qr"]).hexdigest()
            return mutation("user", "set_qr", user_id, {"qr_sha256": sha})
        case ("today_action", "set"):
            fields = {"entry_key": t["key"], "action": "snoozed", "until": "2030-01-01"}
            return mutation("today_action", "set", today_action_id(user_id, t["key"]), fields)
        case ("today_action", "clear"):
            aid = today_action_id(user_id, t["key"])
            return mutation("today_action", "clear", aid, {"entry_key": t["key"]})
    raise AssertionError(case.name)


# =========================================================================== running


@dataclass
class Parity:
    cases: int
    seconds: float
    client: dict[str, str]
    server: dict[str, str]
    unapplied: list[str]  # edits the app accepted that the server then refused


def _client_verdict(call: Callable[[Any], Any], session: Any) -> str:
    try:
        call(session)
    except ValidationFailed as exc:
        return str(exc.code) if exc.code else f"uncoded: {exc.message}"
    return APPLIED


def _fill_hq_cache(hq: Any, server: ServerProcess) -> None:
    """Store rows HQ's cases act on, as the stores' supervisors pull them (see the module doc)."""
    held = {key for key in _cache_keys(hq)}
    missing: list[Change] = []
    for supervisor in ("s001-mgr", "s002-mgr"):
        for c in Api(server, supervisor).pull_all()[0]:
            if not c["deleted"] and (c["entity"], c["id"]) not in held:
                held.add((c["entity"], c["id"]))
                missing.append(Change.model_validate(c))
    if missing:
        hq.cache.apply_pull_page(missing, hq.cache.cursor() or "")


def _cache_keys(session: Any) -> set[tuple[str, str]]:
    from guide_app.cache.tables import ENTITY_TABLES

    keys = set()
    with session.cache.read() as conn:
        for entity, table in ENTITY_TABLES.items():
            for (rid,) in conn.exec_driver_sql(f"SELECT id FROM {table.name}"):
                keys.add((entity, rid))
    return keys


def run(server: ServerProcess, plan: list[tuple[Case, dict, dict]], data_dir) -> Parity:
    from guide_app.auth import sign_in

    started = time.perf_counter()
    sessions = {
        role: sign_in(server.url, name, PASSWORD, data_dir=data_dir / role, start_sync=False)
        for role, name in ACTORS.items()
    }
    try:
        for session in sessions.values():
            assert session.sync.sync_once(), session.sync.status.error
        _fill_hq_cache(sessions["hq"], server)
        client = {
            case.name: _client_verdict(client_call(case, mine), sessions[case.role])
            for case, mine, _ in plan
        }
        server_verdicts: dict[str, str] = {}
        for role in ROLES:
            api = Api(server, ACTORS[role], device_id="parity-server")
            for c, _, theirs in plan:  # the app uploads a QR image before naming it
                if c.role == role and (c.entity, c.op) == ("user", "set_qr"):
                    sha = hashlib.sha256(theirs["qr"]).hexdigest()
                    assert api.http.put(f"/blobs/{sha}", content=theirs["qr"]).status_code == 200
            me = api.user["id"]
            mine = [(c, server_mutation(c, theirs, me)) for c, _, theirs in plan if c.role == role]
            for seq, (_, m) in enumerate(mine):
                m["seq"] = seq
            for start in range(0, len(mine), 400):
                chunk = mine[start : start + 400]
                for (case, _), r in zip(chunk, api.push(*(m for _, m in chunk)), strict=True):
                    ok = r["status"] in ("applied", "duplicate")
                    server_verdicts[case.name] = APPLIED if ok else str(r.get("code"))
        unapplied = []
        for session in sessions.values():  # what the app accepted, the server applies
            assert session.sync.sync_once(), session.sync.status.error
            unapplied += [
                f"{i.entity}.{i.op} {i.entity_id}: {i.reason}" for i in session.attention.list()
            ]
    finally:
        for session in sessions.values():
            session.close()
    return Parity(len(plan), time.perf_counter() - started, client, server_verdicts, unapplied)


@pytest.fixture(scope="module")
def parity(demo_template, tmp_path_factory) -> Parity:
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    root = tmp_path_factory.mktemp(f"parity-{demo_template.kind}")
    before = keyring.get_keyring()
    kr = PlaintextKeyring()
    kr.file_path = str(root / "keyring_pass.cfg")
    keyring.set_keyring(kr)
    url, data_dir = demo_template.fresh_copy(root / "server")
    db = Database(url)
    server = None
    try:
        world = World(db)
        twins = Twins(world)
        plan = [(case, twins.build(case), twins.build(case)) for case in all_cases()]
        for row in world.rows["assignment"]:  # one shape for the bulk loader's executemany
            row.setdefault("targets", {})
        for row in world.rows["task_item"]:
            row.setdefault("requires_note", False)
        world.load(db, data_dir)
        server = ServerProcess(url, data_dir)
        server.start()
        out = run(server, plan, root / "clients")
    finally:
        if server is not None:
            server.stop()
        db.dispose()
        keyring.set_keyring(before)
    differ = sum(out.client[k] != out.server[k] for k in out.client)
    print(
        f"\n[rule parity {demo_template.kind}] cases: {out.cases}, run in {out.seconds:.1f} s "
        f"(sign-in, sync, client writes, pushes, final sync); client≠server: {differ}; "
        f"accepted by the app but refused by the server: {len(out.unapplied)}"
    )
    return out


def test_matrix_covers_every_operation():
    from guide_core.rules import OPERATIONS

    assert {(c.entity, c.op) for c in all_cases()} == set(OPERATIONS)


def test_app_and_server_give_the_same_verdict(parity):
    differ = {
        name: f"app {parity.client[name]} ≠ server {parity.server[name]}"
        for name in parity.client
        if parity.client[name] != parity.server[name]
    }
    assert differ == {}


def test_what_the_app_accepts_the_server_applies(parity):
    assert parity.unapplied == []


def test_the_matrix_exercises_refusals_of_every_kind(parity):
    """Guard against a matrix that agrees because nothing is refused."""
    codes = set(parity.server.values())
    expected = {
        APPLIED,
        "forbidden",
        "not_owner",
        "other_store",
        "invalid_transition",
        "items_unchecked",
        "evidence_missing",
        "approved_final",
        "reason_required",
        "unknown_customer",
        "unknown_assignment",
        "unknown_tag",
        "unknown_script",
        "unknown_material",
        "not_personal",
    }
    assert expected <= codes, expected - codes


def test_task_operations_of_issue_13_answer_as_the_contract_says(parity):
    """Spot checks of the task operations (the agreement above covers every case)."""
    expected = {
        "guide:item_check.contact[own@in_progress]": APPLIED,
        "guide:item_check.contact[own@todo/not_target]": "not_target",
        "guide:item_check.contact[own@approved]": "approved_final",
        "guide:item_check.contact[colleague@in_progress]": "not_owner",
        "guide:item_check.set[colleague@in_progress/note_missing]": "not_owner",
        "supervisor:item_check.set[colleague@in_progress/note_missing]": "note_missing",
        "guide:assignment.submit[own@in_progress/note_missing]": "note_missing",
        "guide:assignment.reopen[own@submitted]": APPLIED,
        "guide:assignment.reopen[own@approved]": "approved_final",
        "guide:assignment.reopen[own@in_progress]": "invalid_transition",
        "supervisor:assignment.review[colleague@approved]": "already_reviewed",
        "supervisor:assignment.review[colleague@sent_back]": "already_reviewed",
        "guide:task.create[colleague]": "forbidden",
        "supervisor:task.create[colleague]": APPLIED,
        "supervisor:task.create[other_store]": "unknown_owner",
        "supervisor:task.create[colleague/bad_schedule]": "invalid_schedule",
        "hq:task.create[other_store]": APPLIED,
    }
    assert {name: parity.server[name] for name in expected} == expected
