"""Versioned migrations of the local cache: a new app version opens an older cache in place.

A cache file records its shape in ``meta.schema_version``. :data:`STEPS` is the
ordered list of steps, each bringing version N to N+1; :func:`migrate` runs
the steps a file needs, each in one ``BEGIN IMMEDIATE`` transaction together
with its ``schema_version`` bump, so a file is always exactly one version and
a step that fails leaves it at the version before. Rows, outbox, attention
list, cursor and device id are never touched by a step: an additive change
(new column, table, index, FTS column) costs seconds, not a full pull.

A file is rebuilt from the server (outbox kept, see :mod:`.cache`) only when
no chain of steps reaches :data:`~.schema.SCHEMA_VERSION` from its version:
older than the oldest step kept here, or newer than this app (a downgrade).
A step that raises is rolled back and the file is rebuilt too.

Writing a step (bump ``SCHEMA_VERSION`` in :mod:`.schema` and change its
tables to the new shape in the same commit):

- Spell the DDL in the step, frozen: never derive it from :mod:`.schema`'s
  current tables, which will have moved on when a later version runs the step.
- New table: ``CREATE TABLE`` as the schema now has it (opening also runs
  ``create_all``, but only after the steps, so the step's table is the one kept).
- New column: :func:`add_column`; fill it from the row JSON (``data``) when the
  value is there. A column for a field older caches never received needs those
  rows pulled again, which a step cannot do.
- New index: plain ``CREATE INDEX``. During a bulk fill (meta ``bulk_fill``, see
  :mod:`.sync_state`) an index named in ``BULK_FILL_INDEXES`` may be skipped:
  the fill drops those at each page and creates them at its end.
- New FTS column: add the table column first, then :func:`rebuild_fts`, which
  leaves the FTS triggers as a bulk fill expects them.
- Outbox and attention: :mod:`.adopt` reads them, unmigrated, from a stranded
  cache of any version that has a way forward here; a step that changes
  their columns must keep adopt's columns readable (or adopt must migrate first).
- A change no step can express (a column's meaning changes with values the
  cache cannot recompute): bump the version and empty :data:`STEPS`; every
  older file is then rebuilt.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy
from sqlalchemy import Connection

from guide_app.cache import tables as schema

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    """One migration: a cache at ``from_version`` becomes ``from_version + 1``."""

    from_version: int
    #: What the step changes, for the log and the rebuild reason.
    summary: str
    #: Runs inside the step's transaction; must not commit or roll back.
    apply: Callable[[Connection], None]

    @property
    def to_version(self) -> int:
        return self.from_version + 1


class MigrationFailed(Exception):
    """A step raised; its transaction was rolled back (the cause is ``__cause__``)."""

    def __init__(self, step: Step) -> None:
        super().__init__(f"{step.from_version}→{step.to_version} ({step.summary})")
        self.step = step


# ---------------------------------------------------------------- helpers for steps


def bulk_fill_under_way(conn: Connection) -> bool:
    """A first full pull is between pages (its triggers and big indexes are dropped)."""
    return conn.exec_driver_sql("SELECT 1 FROM meta WHERE key = 'bulk_fill'").first() is not None


def add_column(conn: Connection, table: str, column: str, sql_type: str, fill: str | None) -> None:
    """``ALTER TABLE ADD COLUMN``, then ``fill`` (an SQL expression over the row, e.g.
    ``json_extract(data, '$.x')``) for the rows already there."""
    conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}")
    if fill is not None:
        conn.exec_driver_sql(f"UPDATE {table} SET {column} = {fill}")


def rebuild_fts(conn: Connection, fts: str, table: str, cols: tuple[str, ...]) -> None:
    """Replace one FTS index by one over ``cols`` (columns ``table`` has by now).

    Its triggers go with it. Outside a bulk fill the new index is filled from
    the table in one pass and its triggers are created. During a fill it is
    left empty and without triggers, as the fill keeps every FTS index: the
    fill's last page rebuilds each index and creates the triggers from
    :data:`.schema.FTS_INDEXES`, which names the new columns by then.
    """
    for name in schema.fts_trigger_names((fts,)):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {fts}")
    conn.exec_driver_sql(schema.fts_table_ddl(fts, table, cols))
    if bulk_fill_under_way(conn):
        return
    conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    for ddl in schema.fts_index_trigger_ddl(fts, table, cols):
        conn.exec_driver_sql(ddl)


# ---------------------------------------------------------------- the steps


def _duplicate_of_index(conn: Connection) -> None:
    # Version 1 caches made before the duplicate flag have no such index; ones
    # made after got it at each open (IF NOT EXISTS), which this step replaces.
    # Not in BULK_FILL_INDEXES (a partial index over a handful of rows): built
    # now even during a bulk fill, which keeps it up to date row by row.
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_customers_duplicate_of "
        "ON customers (json_extract(data, '$.duplicate_of')) "
        "WHERE json_extract(data, '$.duplicate_of') IS NOT NULL"
    )


def _surname_readings(conn: Connection) -> None:
    # Names sort by their surname reading (曾 zeng, not ceng) and are found by every
    # reading: recompute the pinyin columns and the customers' search keys from the
    # names the cache holds (values only; no shape changes).
    from guide_app.cache.pinyin_index import pinyin_of
    from guide_app.cache.rows import search_keys

    customers = conn.exec_driver_sql("SELECT id, name, remark_name FROM customers").fetchall()
    updates, keys = [], []
    for cid, name, remark in customers:
        full, initials = pinyin_of(name or "")
        updates.append((full, initials, cid))
        keys.extend((k, cid) for k in search_keys(name or "", remark or ""))
    users = conn.exec_driver_sql("SELECT id, display_name FROM users").fetchall()
    names = [(pinyin_of(name or "")[0], uid) for uid, name in users]
    conn.exec_driver_sql("DELETE FROM customer_search_keys")
    for sql, params in (
        ("UPDATE customers SET pinyin = ?, initials = ? WHERE id = ?", updates),
        ("INSERT OR IGNORE INTO customer_search_keys (key, customer_id) VALUES (?, ?)", keys),
        ("UPDATE users SET display_pinyin = ? WHERE id = ?", names),
    ):
        if params:  # an empty executemany is an error in the driver
            conn.exec_driver_sql(sql, params)


#: An attention row's code before version 4 had one: the rows this app wrote itself
#: for an edit the server never answered, known by how those texts began (frozen).
_CODE_BEFORE_4 = (
    "CASE WHEN reason LIKE '服务器多次无法处理此修改%' OR reason LIKE '服务器拒收此修改%'"
    " OR reason LIKE '所依赖的修改未能上传%' THEN 'unanswered' END"
)


def _attention_code(conn: Connection) -> None:
    # Attention rows get the reason's code (the client matches codes, not sentences).
    # A file that has the column already (made by a newer build, then marked older)
    # keeps it as it is.
    columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(attention)")}
    if "code" not in columns:
        add_column(conn, "attention", "code", "TEXT", _CODE_BEFORE_4)


def attention_code_column(con: sqlite3.Connection) -> str:
    """What to select as an attention row's ``code`` from a file read outside the
    migrations (a stranded cache being adopted, a damaged one being salvaged):
    the column from version 4 on, before that what step 3→4 fills in."""
    try:
        columns = {r[1] for r in con.execute("PRAGMA table_info(attention)")}
    except sqlite3.DatabaseError:
        columns = set()
    return "code" if "code" in columns else _CODE_BEFORE_4


_TABLES_5 = (
    "CREATE TABLE IF NOT EXISTS script_suggestions (id TEXT NOT NULL, version INTEGER NOT NULL, "
    "data TEXT NOT NULL, script_id TEXT, owner_id TEXT, status TEXT, created_at TEXT, "
    "PRIMARY KEY (id))",
    "CREATE INDEX IF NOT EXISTS ix_script_suggestions_owner_id ON script_suggestions (owner_id)",
    "CREATE TABLE IF NOT EXISTS favorites (id TEXT NOT NULL, version INTEGER NOT NULL, "
    "data TEXT NOT NULL, user_id TEXT, kind TEXT, item_id TEXT, PRIMARY KEY (id))",
    "CREATE INDEX IF NOT EXISTS ix_favorites_user_id_kind ON favorites (user_id, kind)",
    "CREATE TABLE IF NOT EXISTS library_recent (user_id TEXT NOT NULL, kind TEXT NOT NULL, "
    "item_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (user_id, kind, item_id)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS ix_library_recent_user_id_at ON library_recent (user_id, at)",
)
#: (table, rowid offset, keywords column, body, body changed) of the library index, version 5.
_LIBRARY_5 = (
    ("scripts", 0, "keywords", "{r}.body", "old.body IS NOT new.body"),
    (
        "materials",
        1,
        "tags",
        "coalesce({r}.description, '') || ' ' || coalesce(json_extract({r}.data, '$.text'), '')",
        "old.description IS NOT new.description"
        " OR json_extract(old.data, '$.text') IS NOT json_extract(new.data, '$.text')",
    ),
)


def _library_insert_5(table: str, offset: int, words: str, body: str, r: str) -> str:
    named = f"{r}.title || ' ' || coalesce({r}.{words}, '')"
    return (
        "INSERT INTO library_fts(rowid, title, keywords, body, py, ini, item_id, valid_from, "
        f"valid_to) SELECT {r}.rowid * 2 + {offset}, library_terms({r}.title), "
        f"library_terms({r}.{words}), library_terms({body.format(r=r)}), library_pinyin({named}), "
        f"library_initials({named}), {r}.id, {r}.valid_from, {r}.valid_to"
    )


def _library(conn: Connection) -> None:
    # The library (issue 11): favourites and suggestions are synced entities now, recent
    # uses a local table; scripts and materials get typed validity and use count, and
    # one search index with Chinese bigrams and pinyin (its triggers call the Python
    # functions guide_app.cache.fts registers on every connection). A file that has
    # some of this already (made by a newer build, then marked older) keeps its rows.
    for table in ("scripts", "materials"):
        columns = {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
        for column, sql_type in (
            ("valid_from", "TEXT"),
            ("valid_to", "TEXT"),
            ("use_count", "INTEGER"),
        ):
            if column not in columns:
                add_column(conn, table, column, sql_type, f"json_extract(data, '$.{column}')")
    for ddl in _TABLES_5:
        conn.exec_driver_sql(ddl)
    for table, *_ in _LIBRARY_5:
        for suffix in ("ai", "ad", "au"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS library_{table}_{suffix}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS library_fts")
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE library_fts USING fts5(title, keywords, body, py, ini, "
        "item_id UNINDEXED, valid_from UNINDEXED, valid_to UNINDEXED, "
        "tokenize='unicode61', prefix='1 2 3')"
    )
    for table, offset, words, body, body_changed in _LIBRARY_5:
        conn.exec_driver_sql(f"{_library_insert_5(table, offset, words, body, 'x')} FROM {table} x")
        insert = _library_insert_5(table, offset, words, body, "new")
        delete = f"DELETE FROM library_fts WHERE rowid = old.rowid * 2 + {offset};"
        changed = " OR ".join(
            [f"old.{c} IS NOT new.{c}" for c in ("title", words, "valid_from", "valid_to", "rowid")]
            + [body_changed]
        )
        for ddl in (
            f"CREATE TRIGGER library_{table}_ai AFTER INSERT ON {table} BEGIN {insert}; END",
            f"CREATE TRIGGER library_{table}_ad AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER library_{table}_au AFTER UPDATE ON {table} WHEN {changed} "
            f"BEGIN {delete} {insert}; END",
        ):
            conn.exec_driver_sql(ddl)


def _order_page(conn: Connection) -> None:
    # The 订单 page (issue 12) filters by status and lists newest first over the whole
    # cache: a typed status and two indexes. A file that has the column keeps it.
    columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(orders)")}
    if "status" not in columns:
        add_column(conn, "orders", "status", "TEXT", "json_extract(data, '$.status')")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_orders_paid_at ON orders (paid_at)")
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_orders_status_paid_at ON orders (status, paid_at)"
    )


def _chain_settings(conn: Connection) -> None:
    # HQ's lifecycle thresholds (issue 12) arrive as a ``chain_setting`` row of ``global``;
    # an existing cache gets the empty table and the row on its next pull.
    conn.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS chain_settings"
        " (id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL)"
    )


def _today(conn: Connection) -> None:
    # 今日 (issue 14): the user's marks on entries (a synced ``today_action`` row of
    # ``user:<id>``), the store's repurchase cycles (local), each order's purchase
    # category (``guide_core.today_rules.purchase_category`` over its status and item
    # names) and each follow-up's 下次跟进 as columns, filled here for the rows already
    # there. A file that has some of this already keeps it.
    from guide_core.today_rules import purchase_category

    columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(orders)")}
    if "category" not in columns:
        raw = conn.connection.driver_connection
        raw.create_function(
            "today_category_of",
            2,
            lambda status, names: purchase_category(status, json.loads(names or "[]")),
            deterministic=True,
        )
        add_column(
            conn,
            "orders",
            "category",
            "TEXT",
            "today_category_of(json_extract(data, '$.status'), (SELECT json_group_array("
            "value ->> 'name') FROM json_each(data, '$.items')))",
        )
    columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(customers)")}
    if "handed_over_at" not in columns:  # UTC text, as rows.sql_value writes times
        fill = "datetime(json_extract(data, '$.handed_over_at'))"
        add_column(conn, "customers", "handed_over_at", "TEXT", fill)
    columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(follow_ups)")}
    if "next_follow_up_on" not in columns:
        add_column(
            conn,
            "follow_ups",
            "next_follow_up_on",
            "TEXT",
            "json_extract(data, '$.next_follow_up_on')",
        )
    if not bulk_fill_under_way(conn):
        for ddl in (
            "CREATE INDEX IF NOT EXISTS ix_orders_category_paid_at_customer_id"
            " ON orders (category, paid_at, customer_id)",
            "CREATE INDEX IF NOT EXISTS ix_customers_id_owner_id ON customers (id, owner_id)",
            "CREATE INDEX IF NOT EXISTS ix_customers_today ON customers (owner_id,"
            " last_purchase_at, in_group, created_at, birthday, member_since, handed_over_at)",
            "CREATE INDEX IF NOT EXISTS ix_follow_ups_next_follow_up_on"
            " ON follow_ups (next_follow_up_on)",
        ):
            conn.exec_driver_sql(ddl)
    for ddl in (
        "CREATE TABLE IF NOT EXISTS today_actions (id TEXT NOT NULL, version INTEGER NOT NULL, "
        "data TEXT NOT NULL, user_id TEXT, entry_key TEXT, PRIMARY KEY (id))",
        "CREATE INDEX IF NOT EXISTS ix_today_actions_user_id ON today_actions (user_id)",
        "CREATE TABLE IF NOT EXISTS today_cycles (category TEXT NOT NULL, days INTEGER NOT NULL,"
        " samples INTEGER NOT NULL, computed_on TEXT NOT NULL, PRIMARY KEY (category))",
    ):
        conn.exec_driver_sql(ddl)


#: Every step kept, oldest first, without gaps, the last ending at ``SCHEMA_VERSION``.
#: Dropping the oldest steps is allowed (caches that old are rebuilt).
STEPS: list[Step] = [
    Step(1, "客户疑似重复标记的索引 (index on data.duplicate_of)", _duplicate_of_index),
    Step(2, "姓氏读音排序, 多音字全部读音可搜 (surname readings)", _surname_readings),
    Step(3, "待处理项记录拒收原因代码 (attention.code)", _attention_code),
    Step(4, "话术素材库: 收藏, 建议, 最近使用, 拼音搜索索引 (library)", _library),
    Step(5, "订单页: 订单状态列, 按时间和状态的索引 (orders.status)", _order_page),
    Step(6, "生命周期阈值由总部设置 (chain_settings)", _chain_settings),
    Step(7, "今日: 事项标记, 复购周期, 订单品类 (today)", _today),
]


def target_version() -> int:
    """The version this app's tables have (:data:`.schema.SCHEMA_VERSION`)."""
    return schema.SCHEMA_VERSION


def plan(version: int) -> list[Step] | None:
    """The steps from ``version`` to :func:`target_version` ([] when there already),
    or None when there is no way: older than the oldest step, or newer than this app."""
    target = target_version()
    if version == target:
        return []
    by_start = {step.from_version: step for step in STEPS}
    out: list[Step] = []
    while version < target:
        step = by_start.get(version)
        if step is None:
            return None
        out.append(step)
        version = step.to_version
    return out if version == target else None


def parse_version(value: object) -> int | None:
    """``meta.schema_version`` as a number (None if missing or not a number)."""
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def migrate(engine: sqlalchemy.Engine) -> list[Step]:
    """Bring the cache file of ``engine`` to :func:`target_version`; returns the steps run.

    The caller holds the file alone (the owner lock) and has checked that a
    plan exists (a file without one, or without a ``meta`` table, is left as
    it is: not this function's call). Each step and its version bump are one
    ``BEGIN IMMEDIATE`` transaction; the version is read again inside it.
    Raises :class:`MigrationFailed` (from the step's error) after rolling the
    failed step back; steps before it stay committed.
    """
    done: list[Step] = []
    with engine.connect() as conn:
        conn.execution_options(sqlite_immediate=True)
        while True:
            with conn.begin():
                steps = _plan_of(conn)
                if not steps:
                    return done
                step = steps[0]
                try:
                    step.apply(conn)
                    conn.exec_driver_sql(
                        "UPDATE meta SET value = ? WHERE key = 'schema_version'",
                        (str(step.to_version),),
                    )
                except Exception as exc:
                    raise MigrationFailed(step) from exc
            log.info(
                "cache migrated from version %d to %d: %s",
                step.from_version,
                step.to_version,
                step.summary,
            )
            done.append(step)


def _plan_of(conn: Connection) -> list[Step] | None:
    has_meta = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).first()
    if has_meta is None:
        return None
    version = parse_version(
        conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'schema_version'").scalar()
    )
    return None if version is None else plan(version)


def _check_steps() -> None:
    """The list has no gaps and ends at ``SCHEMA_VERSION`` (a bump without its step fails here)."""
    starts = [step.from_version for step in STEPS]
    if starts and starts != list(range(starts[0], starts[0] + len(starts))):
        raise RuntimeError(f"cache migration steps out of order: {starts}")
    if STEPS and STEPS[-1].to_version != schema.SCHEMA_VERSION:
        raise RuntimeError("SCHEMA_VERSION bumped without a migration step to it")


_check_steps()
