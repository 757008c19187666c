"""Versioned migrations of the local cache: an older cache opens in place, no re-sync.

Version 1 is built the way the previous app made it: a cache of the current
code minus what step 1→2 adds (the partial index over ``data.duplicate_of``),
marked version 1. A test-only next step (added by a fixture) proves the
helpers for a new column and a new FTS column, also in the middle of a bulk
fill. Everything runs through the real ``open_cache``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from guide_app.cache import migrations
from guide_app.cache import tables as schema
from guide_app.cache.database import open_cache
from guide_app.cache.migrations import Step
from guide_app.services.customers import CustomerService

from .conftest import G1, change, customer_data, rejected, seed_changes

DUP_INDEX = "ix_customers_duplicate_of"
CURRENT = str(schema.SCHEMA_VERSION)
NEXT = schema.SCHEMA_VERSION + 1


def _state(path: Path) -> dict:
    """What a migration must keep: outbox, attention, meta and every synced row."""
    con = sqlite3.connect(path)
    try:
        rows = {
            table.name: sorted(con.execute(f"SELECT * FROM {table.name}").fetchall())
            for table in schema.ENTITY_TABLES.values()
        }
        return {
            "outbox": con.execute("SELECT * FROM outbox ORDER BY seq").fetchall(),
            "attention": con.execute("SELECT * FROM attention ORDER BY id").fetchall(),
            "meta": dict(
                con.execute(
                    "SELECT key, value FROM meta WHERE key NOT IN ('schema_version', 'session_state')"
                ).fetchall()
            ),
            "rows": rows,
            "search_keys": con.execute("SELECT count(*) FROM customer_search_keys").fetchone(),
        }
    finally:
        con.close()


def _names(path: Path, kind: str) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}
    finally:
        con.close()


def _file_version(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    finally:
        con.close()


def _set_version(path: Path, version: int, *sql: str) -> None:
    con = sqlite3.connect(path)
    try:
        for statement in sql:
            con.execute(statement)
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
        con.commit()
    finally:
        con.close()


def _cache_with_work(path: Path, *, more: bool = False) -> dict:
    """A cache with pulled rows, a cursor, two edits in the outbox and one on the
    attention list; returns its :func:`_state` once closed."""
    cache = open_cache(path)
    rows, s = seed_changes()
    rows.append(
        change(
            "task",
            {"id": "task-2", "title": "门店陈列", "kind": "display", "description": "橱窗换季"},
        )
    )
    cache.apply_pull_page(rows, "c1", more=more)
    svc = CustomerService(cache, G1)
    svc.update(s["zhangsan"], notes="喜欢羊绒")
    svc.update(s["zhangsisi"], level="black")
    svc.create(name="赵六", phone="13812345678")
    first = cache.outbox.pending()[0]
    server_row = change("customer", customer_data("张三", id=s["zhangsan"], level="gold"))
    cache.apply_push_results([rejected(first.mutation_id, "forbidden", server_row)])
    assert cache.outbox.count() == 2 and cache.attention.count() == 1
    cache.close()
    return _state(path)


def _previous_version(path: Path, *, more: bool = False) -> dict:
    """A version 1 cache: what the app wrote before step 1→2 (no duplicate_of index)."""
    state = _cache_with_work(path, more=more)
    _set_version(path, 1, f"DROP INDEX {DUP_INDEX}")
    assert DUP_INDEX not in _names(path, "index")
    return state


def test_a_previous_version_cache_migrates_in_place_and_keeps_everything(tmp_path):
    path = tmp_path / "c.db"
    before = _previous_version(path)
    cache = open_cache(path)
    try:
        assert not cache.rebuilt and cache.rebuilt_reason == ""
        assert cache.meta_get("schema_version") == str(schema.SCHEMA_VERSION)
        assert cache.cursor() == "c1" and cache.outbox.count() == 2 and cache.attention.count() == 1
        with cache.read() as conn:
            plan = " ".join(
                str(r[-1])
                for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT id FROM customers "
                    f"WHERE {schema.DUPLICATE_OF_SQL} IS NOT NULL"
                )
            )
            assert DUP_INDEX in plan
            hits = conn.exec_driver_sql(
                "SELECT rowid FROM orders_fts WHERE orders_fts MATCH '羊绒围'"
            ).all()
            assert len(hits) == 1  # the FTS index and its triggers are untouched
    finally:
        cache.close()
    assert _state(path) == before
    assert not list(tmp_path.glob("c.db.corrupt-*"))  # nothing moved aside
    assert set(schema.fts_trigger_names()) <= _names(path, "trigger")


def test_a_cache_that_already_had_the_index_migrates_too(tmp_path):
    """Version 1 caches made after the flag got the index at each open: same step, no error."""
    path = tmp_path / "c.db"
    before = _cache_with_work(path)
    _set_version(path, 1)
    cache = open_cache(path)
    assert not cache.rebuilt and cache.meta_get("schema_version") == CURRENT
    cache.close()
    assert _state(path) == before and DUP_INDEX in _names(path, "index")


def test_an_unclean_previous_version_is_checked_then_migrated(tmp_path):
    path = tmp_path / "c.db"
    before = _previous_version(path)
    _set_version(path, 1, "UPDATE meta SET value = 'open' WHERE key = 'session_state'")
    cache = open_cache(path)
    assert not cache.rebuilt and cache.integrity_checked  # quick_check ran before the step
    assert cache.meta_get("schema_version") == CURRENT
    cache.close()
    assert _state(path) == before


def test_a_migration_during_a_bulk_fill_leaves_the_fill_to_finish(tmp_path):
    """A first pull cut off by the upgrade: the fill goes on and still ends with its rebuild."""
    path = tmp_path / "c.db"
    _previous_version(path, more=True)
    cache = open_cache(path)
    try:
        assert not cache.rebuilt and cache.meta_get("bulk_fill") == "1"
        assert cache.cursor() == "c1" and cache.outbox.count() == 2
        last = [change("script", {"id": "sc-9", "title": "开业问候", "body": "欢迎光临"})]
        cache.apply_pull_page(last, "c2", more=False)
        assert cache.meta_get("bulk_fill") is None
        with cache.read() as conn:
            hits = conn.exec_driver_sql(
                "SELECT count(*) FROM orders_fts WHERE orders_fts MATCH '羊绒围'"
            ).scalar()
            assert hits == 1
    finally:
        cache.close()
    indexes = _names(path, "index")
    assert {i.name for i in schema.BULK_FILL_INDEXES} | {DUP_INDEX} <= indexes
    assert set(schema.fts_trigger_names()) <= _names(path, "trigger")


@pytest.mark.parametrize("version", [NEXT, 99])
def test_a_newer_version_is_rebuilt_with_its_outbox(tmp_path, version):
    """A downgrade: no step goes backwards, so the file is rebuilt, edits kept."""
    path = tmp_path / "c.db"
    before = _cache_with_work(path)
    _set_version(path, version)
    cache = open_cache(path)
    try:
        assert cache.rebuilt and f"版本 {version}" in cache.rebuilt_reason
        assert "新" in cache.rebuilt_reason
        assert cache.cursor() is None and cache.meta_get("schema_version") == CURRENT
    finally:
        cache.close()
    after = _state(path)
    assert after["outbox"] == before["outbox"]
    assert [r[1:] for r in after["attention"]] == [r[1:] for r in before["attention"]]
    assert after["meta"]["device_id"] == before["meta"]["device_id"]
    assert after["meta"]["seq"] == before["meta"]["seq"]


def test_older_than_the_oldest_step_is_rebuilt(tmp_path):
    path = tmp_path / "c.db"
    before = _cache_with_work(path)
    _set_version(path, 0)
    assert migrations.plan(0) is None
    cache = open_cache(path)
    assert cache.rebuilt and "版本 0" in cache.rebuilt_reason and cache.cursor() is None
    cache.close()
    assert _state(path)["outbox"] == before["outbox"]


def test_a_failing_step_is_rolled_back_and_the_cache_rebuilt_with_its_outbox(tmp_path, monkeypatch):
    path = tmp_path / "c.db"
    before = _previous_version(path)

    def half_done(conn):
        conn.exec_driver_sql("CREATE TABLE half_done (x)")
        conn.exec_driver_sql("ALTER TABLE customers ADD COLUMN half INTEGER")
        raise ValueError("step bug")

    monkeypatch.setattr(migrations, "STEPS", [Step(1, "坏步骤", half_done), *migrations.STEPS[1:]])
    cache = open_cache(path)
    try:
        assert cache.rebuilt and "升级失败" in cache.rebuilt_reason
        assert "1→2" in cache.rebuilt_reason and "step bug" in cache.rebuilt_reason
        assert cache.cursor() is None and cache.meta_get("schema_version") == CURRENT
        assert cache.outbox.count() == 2 and cache.attention.count() == 1
    finally:
        cache.close()
    after = _state(path)
    assert after["outbox"] == before["outbox"]
    assert after["meta"]["device_id"] == before["meta"]["device_id"]
    (aside,) = tmp_path.glob("c.db.corrupt-*[0-9]")
    assert _file_version(aside) == "1"  # the step's transaction was rolled back
    assert "half_done" not in _names(aside, "table")


def test_a_full_disk_during_a_step_is_raised_and_the_file_stays(tmp_path, monkeypatch):
    """Not the step's fault: rebuilding would not help, so the file is kept for the next start."""
    path = tmp_path / "c.db"
    before = _previous_version(path)

    def disk_full(conn):
        conn.exec_driver_sql("CREATE TABLE half_done (x)")
        exc = sqlite3.OperationalError("database or disk is full")
        exc.sqlite_errorcode = sqlite3.SQLITE_FULL
        raise exc

    real_steps = migrations.STEPS
    monkeypatch.setattr(migrations, "STEPS", [Step(1, "磁盘满", disk_full), *migrations.STEPS[1:]])
    with pytest.raises(sqlite3.OperationalError, match="full"):
        open_cache(path)
    assert not list(tmp_path.glob("c.db.corrupt-*"))
    assert _file_version(path) == "1" and "half_done" not in _names(path, "table")
    monkeypatch.setattr(migrations, "STEPS", real_steps)
    cache = open_cache(path)  # the claim was let go; the next start migrates
    assert not cache.rebuilt and cache.meta_get("schema_version") == CURRENT
    cache.close()
    assert _state(path) == before


# ---------------------------------------------------------------- a test-only next step


def _task_description_fts(conn):
    migrations.add_column(
        conn, "tasks", "description", "TEXT", "json_extract(data, '$.description')"
    )
    migrations.rebuild_fts(conn, "tasks_fts", "tasks", ("title", "description"))


@pytest.fixture
def version_3(monkeypatch):
    """Install the next step as a later app version would: new column, FTS index over it."""

    def install() -> None:
        monkeypatch.setattr(schema, "SCHEMA_VERSION", NEXT)
        monkeypatch.setattr(
            migrations,
            "STEPS",
            [*migrations.STEPS, Step(NEXT - 1, "任务说明可搜索", _task_description_fts)],
        )
        monkeypatch.setitem(schema.FTS_INDEXES, "tasks_fts", ("tasks", ("title", "description")))

    return install


def _task_hits(cache, text: str) -> list[str]:
    with cache.read() as conn:
        return [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT t.id FROM tasks_fts f JOIN tasks t ON t.rowid = f.rowid "
                "WHERE tasks_fts MATCH ?",
                (text,),
            )
        ]


def test_a_new_column_and_fts_column_migrate_in_place(tmp_path, version_3):
    path = tmp_path / "c.db"
    before = _cache_with_work(path)
    version_3()
    cache = open_cache(path)
    try:
        assert not cache.rebuilt and cache.meta_get("schema_version") == str(NEXT)
        with cache.read() as conn:
            desc = conn.exec_driver_sql(
                "SELECT description FROM tasks WHERE id = 'task-2'"
            ).scalar()
        assert desc == "橱窗换季"
        assert _task_hits(cache, "橱窗换") == ["task-2"]
        assert _task_hits(cache, "会员回") == ["task-1"]  # the old column is still indexed
        # the new triggers keep the index in step with later writes
        with cache.write() as conn:
            conn.exec_driver_sql("UPDATE tasks SET description = '新品上架' WHERE id = 'task-1'")
        assert _task_hits(cache, "新品上") == ["task-1"]
    finally:
        cache.close()
    after = _state(path)
    assert after["outbox"] == before["outbox"] and after["attention"] == before["attention"]
    assert after["meta"] == before["meta"]


def test_an_fts_rebuild_during_a_bulk_fill_is_finished_by_the_fill(tmp_path, version_3):
    path = tmp_path / "c.db"
    _cache_with_work(path, more=True)
    version_3()
    cache = open_cache(path)
    try:
        assert not cache.rebuilt and cache.meta_get("bulk_fill") == "1"
        assert _task_hits(cache, "橱窗换") == []  # left to the fill's end
        cache.apply_pull_page(
            [change("sensitive_word", {"id": "sw-9", "word": "绝对", "severity": "warn"})], "c2"
        )
        assert cache.meta_get("bulk_fill") is None and cache.cursor() == "c2"
        assert _task_hits(cache, "橱窗换") == ["task-2"]
        assert _task_hits(cache, "会员回") == ["task-1"]
    finally:
        cache.close()
    assert set(schema.fts_trigger_names()) <= _names(path, "trigger")


def test_steps_have_no_gaps_and_end_at_the_schema_version():
    starts = [s.from_version for s in migrations.STEPS]
    assert starts == list(range(starts[0], starts[0] + len(starts)))
    assert migrations.STEPS[-1].to_version == schema.SCHEMA_VERSION
    assert migrations.plan(schema.SCHEMA_VERSION) == []
    assert migrations.plan(schema.SCHEMA_VERSION + 1) is None
    assert [s.from_version for s in migrations.plan(1)] == list(range(1, schema.SCHEMA_VERSION))


def test_a_stranded_previous_version_cache_is_still_adopted(tmp_path):
    """Edits left offline in a version 1 cache under another address of the same
    server still reach the current cache at sign-in (its outbox has today's shape)."""
    from guide_app.cache.adopt import adopt_stranded, record_identity

    folder = tmp_path / "caches"
    old = open_cache(folder / "old.db")
    rows, s = seed_changes()
    old.apply_pull_page(rows, "c1")
    record_identity(old, "server-one", G1)
    CustomerService(old, G1).update(s["zhangsan"], notes="旧版本离线备注")
    stranded = [m.mutation_id for m in old.outbox.pending()]
    old.close()
    _set_version(folder / "old.db", 1, f"DROP INDEX {DUP_INDEX}")

    current = open_cache(folder / "current.db")
    try:
        current.apply_pull_page(rows, "c1")
        record_identity(current, "server-one", G1)
        adopted = adopt_stranded(current, "server-one", G1)
        assert [(a.source.name, a.outbox) for a in adopted] == [("old.db", 1)]
        assert [m.mutation_id for m in current.outbox.pending()] == stranded
        assert CustomerService(current, G1).get(s["zhangsan"]).notes == "旧版本离线备注"
    finally:
        current.close()
    assert _file_version(folder / "old.db") == "1"  # read as it is, migrated when opened


def test_a_version_3_attention_list_gets_its_codes(tmp_path):
    """Step 3→4 adds ``attention.code``: an edit this app moved there itself (the server
    never answered it) is ``unanswered``, so its retry keeps its mutation id; a refusal
    from before has no code (its reason text stays)."""
    path = tmp_path / "c.db"
    cache = open_cache(path)
    rows, s = seed_changes()
    cache.apply_pull_page(rows, "c1")
    svc = CustomerService(cache, G1)
    svc.update(s["zhangsan"], notes="被拒")
    svc.update(s["zhangsisi"], notes="服务器一直出错")
    refused, failing = cache.outbox.pending()
    cache.apply_push_results([rejected(refused.mutation_id, "forbidden", None, "not_owner")])
    cache.outbox.move_to_attention(
        str(failing.mutation_id), "服务器多次无法处理此修改（HTTP 500：x），已移到待处理列表"
    )
    cache.close()
    _set_version(path, 3, "ALTER TABLE attention DROP COLUMN code")

    cache = open_cache(path)
    try:
        assert not cache.rebuilt and cache.meta_get("schema_version") == CURRENT
        items = {i.entity_id: i for i in cache.attention.list()}
        assert items[s["zhangsan"]].code is None and items[s["zhangsan"]].reason == "forbidden"
        assert items[s["zhangsisi"]].code == "unanswered"
        cache.attention.retry(items[s["zhangsisi"]].id)
        (again,) = cache.outbox.pending()
        assert again.mutation_id == failing.mutation_id  # the server may have it: same id
    finally:
        cache.close()
