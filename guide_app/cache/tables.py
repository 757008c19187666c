"""Tables of the local cache.

Every synced entity has a table with ``id``, ``version`` (0 = created here and
not yet confirmed by the server), ``data`` (the whole ``ENTITY_DATA`` row as
JSON) and typed copies of the fields the screens filter, sort or search on.
Derived search columns (pinyin, phone tail) are computed once, at write time.
"""

from __future__ import annotations

from sqlalchemy import DDL, Column, Index, Integer, MetaData, Table, Text, event

from guide_app.cache import fts as _fts  # noqa: F401  (registers the SQL functions the triggers call)

#: Version of the tables below. A change of shape bumps it together with a new
#: step in :mod:`.migrations` (from the old number to the new) that brings a
#: cache of the previous version to this shape in place; a cache from a version
#: no step starts from is rebuilt from the server.
SCHEMA_VERSION = 8

metadata = MetaData()


def _entity(name: str, *cols: Column, indexes: tuple[tuple[str, ...], ...] = ()) -> Table:
    table = Table(
        name,
        metadata,
        Column("id", Text, primary_key=True),
        Column("version", Integer, nullable=False, default=0),
        Column("data", Text, nullable=False),
        *cols,
    )
    for idx_cols in indexes:
        Index(f"ix_{name}_{'_'.join(idx_cols)}", *(table.c[c] for c in idx_cols))
    return table


stores = _entity("stores", Column("name", Text))
users = _entity(
    "users",
    Column("store_id", Text),
    Column("role", Text),
    Column("display_name", Text),
    Column("display_pinyin", Text),
    Column("active", Integer),
    indexes=(("store_id",),),
)
#: 今日: everything its candidate filter reads of an owner's customers.
TODAY_CUSTOMER_INDEX = (
    "owner_id", "last_purchase_at", "in_group", "created_at", "birthday", "member_since",
    "handed_over_at",
)  # fmt: skip
customers = _entity(
    "customers",
    Column("store_id", Text),
    Column("owner_id", Text),
    Column("name", Text),
    Column("remark_name", Text),
    Column("phone", Text),
    Column("phone_tail4", Text),
    Column("member_no", Text),
    Column("level", Text),
    Column("birthday", Text),
    Column("member_since", Text),
    Column("last_purchase_at", Text),
    Column("order_count", Integer),
    Column("total_spent_cents", Integer),
    Column("in_group", Integer),
    Column("created_at", Text),
    #: 新接手: when a supervisor handed the customer to its owner (今日); version 8
    Column("handed_over_at", Text),
    #: full pinyin of the name, e.g. ``zhangsan``
    Column("pinyin", Text),
    #: initials of the name, e.g. ``zs``
    Column("initials", Text),
    indexes=(
        ("owner_id", "pinyin"),
        ("pinyin",),
        ("initials",),
        ("phone_tail4",),
        ("member_no",),
        ("name",),
        ("last_purchase_at",),
    ),
)
# 今日's candidates of one owner, judged from the index alone, and "is this customer the
# user's" for orders and follow-ups without reading the customer's row (version 8)
Index("ix_customers_today", *(customers.c[c] for c in TODAY_CUSTOMER_INDEX))
Index("ix_customers_id_owner_id", customers.c.id, customers.c.owner_id)
#: Customers the server flagged as suspected duplicates (``data.duplicate_of``, a
#: handful): a partial index over the row JSON, not a column. Created with the
#: customers table (a new file); caches of version 1 get it from migration step
#: 1→2. Queries must spell the expression exactly as :data:`DUPLICATE_OF_SQL`
#: for SQLite to use it.
DUPLICATE_OF_SQL = "json_extract(data, '$.duplicate_of')"
event.listen(
    customers,
    "after_create",
    DDL(
        f"CREATE INDEX IF NOT EXISTS ix_customers_duplicate_of ON customers ({DUPLICATE_OF_SQL}) "
        f"WHERE {DUPLICATE_OF_SQL} IS NOT NULL"
    ),
)
#: Search keys of a customer: every suffix of the name and the remark name
#: (so any substring, of any length, is a prefix range scan here; names are
#: short) and the remark name's pinyin and initials. Cheaper to keep in step
#: than a trigram index, and it answers 1–2 character queries too.
customer_search_keys = Table(
    "customer_search_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("customer_id", Text, primary_key=True),
    Index("ix_customer_search_keys_customer_id", "customer_id"),
    sqlite_with_rowid=False,
)
#: The same for scripts, materials and tasks: suffixes of the title and each
#: keyword/tag, so 1–2 character queries never scan the bodies.
content_search_keys = Table(
    "content_search_keys",
    metadata,
    Column("kind", Text, primary_key=True),
    Column("key", Text, primary_key=True),
    Column("row_id", Text, primary_key=True),
    Index("ix_content_search_keys_row_id", "row_id"),
    sqlite_with_rowid=False,
)
tag_groups = _entity("tag_groups", Column("sort", Integer))
tags = _entity("tags", Column("group_id", Text), Column("sort", Integer), indexes=(("group_id",),))
customer_tags = _entity(
    "customer_tags",
    Column("customer_id", Text),
    Column("tag_id", Text),
    indexes=(("tag_id", "customer_id"), ("customer_id",)),
)
follow_ups = _entity(
    "follow_ups",
    Column("customer_id", Text),
    Column("at", Text),
    #: 下次跟进 (今日's follow-ups due); version 8
    Column("next_follow_up_on", Text),
    indexes=(("customer_id", "at"), ("next_follow_up_on",)),
)
script_groups = _entity("script_groups", Column("parent_id", Text), Column("sort", Integer))
scripts = _entity(
    "scripts",
    Column("group_id", Text),
    Column("title", Text),
    Column("body", Text),
    Column("keywords", Text),
    Column("scope", Text),
    Column("owner_id", Text),
    Column("valid_from", Text),
    Column("valid_to", Text),
    Column("use_count", Integer),
    indexes=(("group_id",), ("title",)),
)
materials = _entity(
    "materials",
    Column("kind", Text),
    Column("title", Text),
    Column("description", Text),
    Column("tags", Text),
    Column("valid_from", Text),
    Column("valid_to", Text),
    Column("use_count", Integer),
    indexes=(("title",),),
)
orders = _entity(
    "orders",
    Column("channel", Text),
    Column("channel_order_no", Text),
    Column("customer_id", Text),
    Column("status", Text),
    Column("paid_at", Text),
    Column("item_names", Text),
    #: purchase category (``guide_core.today_rules.purchase_category``: none for a
    #: refunded or cancelled order); version 8
    Column("category", Text),
    # 订单 page: newest first, by status; version 6. 今日's repurchase cycles: version 8
    indexes=(
        ("channel_order_no",),
        ("customer_id", "paid_at"),
        ("paid_at",),
        ("status", "paid_at"),
        ("category", "paid_at", "customer_id"),
    ),
)
tasks = _entity("tasks", Column("title", Text), Column("due_at", Text), indexes=(("title",),))
task_items = _entity(
    "task_items", Column("task_id", Text), Column("sort", Integer), indexes=(("task_id",),)
)
assignments = _entity(
    "assignments",
    Column("task_id", Text),
    Column("guide_id", Text),
    Column("store_id", Text),
    Column("status", Text),
    indexes=(("guide_id",), ("task_id",)),
)
item_checks = _entity("item_checks", Column("assignment_id", Text), indexes=(("assignment_id",),))
sensitive_words = _entity("sensitive_words", Column("word", Text), Column("severity", Text))
script_suggestions = _entity(
    "script_suggestions",
    Column("script_id", Text),
    Column("owner_id", Text),
    Column("status", Text),
    Column("created_at", Text),
    indexes=(("owner_id",),),
)
favorites = _entity(
    "favorites",
    Column("user_id", Text),
    Column("kind", Text),
    Column("item_id", Text),
    indexes=(("user_id", "kind"),),
)
#: The chain's settings (one row, ``chain``): the lifecycle thresholds HQ set.
chain_settings = _entity("chain_settings")
#: The user's marks on 今日 entries (done / snoozed / not applicable); version 8.
today_actions = _entity(
    "today_actions", Column("user_id", Text), Column("entry_key", Text), indexes=(("user_id",),)
)

ENTITY_TABLES: dict[str, Table] = {
    "store": stores,
    "user": users,
    "customer": customers,
    "tag_group": tag_groups,
    "tag": tags,
    "customer_tag": customer_tags,
    "follow_up": follow_ups,
    "script_group": script_groups,
    "script": scripts,
    "material": materials,
    "order": orders,
    "task": tasks,
    "task_item": task_items,
    "assignment": assignments,
    "item_check": item_checks,
    "sensitive_word": sensitive_words,
    "script_suggestion": script_suggestions,
    "favorite": favorites,
    "chain_setting": chain_settings,
    "today_action": today_actions,
}

#: Scripts and materials this user copied out, newest first (local only, never synced:
#: the server counts uses from the ``use`` mutations; this feeds 最近使用 offline).
library_recent = Table(
    "library_recent",
    metadata,
    Column("user_id", Text, primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("item_id", Text, primary_key=True),
    Column("at", Text, nullable=False),
    Index("ix_library_recent_user_id_at", "user_id", "at"),
    sqlite_with_rowid=False,
)

#: 今日's repurchase cycles of this store (local only, derived from the orders):
#: category code → median days between purchases, recomputed once a day (``computed_on``).
today_cycles = Table(
    "today_cycles",
    metadata,
    Column("category", Text, primary_key=True),
    Column("days", Integer, nullable=False),
    Column("samples", Integer, nullable=False),
    Column("computed_on", Text, nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)
outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("mutation_id", Text, nullable=False, unique=True),
    Column("entity", Text, nullable=False),
    Column("op", Text, nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("fields", Text, nullable=False),
    Column("base_version", Integer),
    #: who made the edit (local only: the server knows it from the token)
    Column("user_id", Text),
    Column("created_at", Text, nullable=False),
    Index("ix_outbox_entity_id", "entity", "entity_id"),
)
attention = Table(
    "attention",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("mutation_id", Text, nullable=False),
    Column("entity", Text, nullable=False),
    Column("op", Text, nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("fields", Text, nullable=False),
    Column("base_version", Integer),
    Column("user_id", Text),
    Column("reason", Text, nullable=False),
    Column("server_row", Text),
    Column("created_at", Text, nullable=False),
    #: why, for programs: the server's ``MutationResult.code`` (``guide_core.rules.Code``),
    #: or ``attention.UNANSWERED_CODE`` for an edit the server never answered
    Column("code", Text),
)

#: Secondary indexes of the big tables, dropped during a first full pull and
#: created in one pass at its end (``sync_state.apply_pull_page``). Primary
#: keys stay (the upserts need them), and so does the search keys' index by
#: customer (each stored customer first deletes its old keys through it).
BULK_FILL_INDEXES: tuple[Index, ...] = tuple(
    index
    for table in (customers, orders, customer_tags, follow_ups)
    for index in sorted(table.indexes, key=lambda i: i.name or "")
)

#: FTS5 trigram indexes over the tables' own columns (external content), kept
#: in step by triggers so a bulk upsert needs no extra round trips.
FTS_INDEXES: dict[str, tuple[str, tuple[str, ...]]] = {
    # Customers are searched through ``customer_search_keys`` and indexed
    # columns (pinyin, initials, member no., phone tail); order numbers through
    # their index (exact, prefix): a trigram index over them would double the
    # cost of every 5,000-row pull page.
    "orders_fts": ("orders", ("item_names",)),
    "scripts_fts": ("scripts", ("title", "body", "keywords")),
    "materials_fts": ("materials", ("title", "description", "tags")),
    "tasks_fts": ("tasks", ("title",)),
}


def fts_ddl() -> list[str]:
    """CREATE statements for the FTS tables and the triggers that feed them."""
    return (
        [fts_table_ddl(fts, table, cols) for fts, (table, cols) in FTS_INDEXES.items()]
        + fts_trigger_ddl()
        + library_ddl()
    )


def fts_table_ddl(fts: str, table: str, cols: tuple[str, ...]) -> str:
    """CREATE statement of one FTS index over ``table``'s ``cols`` (also for migrations)."""
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({', '.join(cols)}, "
        f"content='{table}', content_rowid='rowid', tokenize='trigram')"
    )


def fts_trigger_names(fts_names: tuple[str, ...] | None = None) -> list[str]:
    """Names of the triggers :func:`fts_trigger_ddl` creates (of every index, or of ``fts_names``)."""
    names = FTS_INDEXES if fts_names is None else fts_names
    return [f"{fts}_{suffix}" for fts in names for suffix in ("ai", "ad", "au")]


def fts_trigger_ddl() -> list[str]:
    """The triggers that keep each FTS index in step with its table, row by row."""
    return [
        ddl
        for fts, (table, cols) in FTS_INDEXES.items()
        for ddl in fts_index_trigger_ddl(fts, table, cols)
    ]


def fts_index_trigger_ddl(fts: str, table: str, cols: tuple[str, ...]) -> list[str]:
    """The three triggers of one FTS index (also for migrations)."""
    col_list = ", ".join(cols)
    new_vals = ", ".join(f"new.{c}" for c in cols)
    old_vals = ", ".join(f"old.{c}" for c in cols)
    return [
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {col_list}) VALUES (new.rowid, {new_vals}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {col_list}) VALUES ('delete', old.rowid, {old_vals}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {col_list}) VALUES ('delete', old.rowid, {old_vals}); "
        f"INSERT INTO {fts}(rowid, {col_list}) VALUES (new.rowid, {new_vals}); END",
    ]


# ---------------------------------------------------------------- the library's search index
#
# One FTS5 table over scripts and materials (``guide_app.cache.fts`` explains the
# tokens: Chinese bigrams, Latin words, pinyin and initials of titles and
# keywords). Its rowid is the row's own rowid times two (scripts) or times two
# plus one (materials), so a trigger finds a row's entry without a lookup table
# (the app never runs VACUUM, which could renumber rowids: ``scripts_fts`` relies
# on the same). The triggers call Python functions (``fts.register_functions``,
# on every connection of the app), so the index is in step with the rows in the
# same transaction, bulk fill included, and costs nothing to a use count change.
# Validity (``valid_from``/``valid_to``) rides along unindexed, for the filter.

LIBRARY_FTS = "library_fts"
LIBRARY_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS library_fts USING fts5("
    "title, keywords, body, py, ini, item_id UNINDEXED, valid_from UNINDEXED, valid_to UNINDEXED, "
    "tokenize='unicode61', prefix='1 2 3')"
)
#: (table, rowid offset, keywords column, body expression, "what changed" test for updates)
_LIBRARY_SOURCES = {
    "scripts": (0, "keywords", "{r}.body", "{o}.body IS NOT {n}.body"),
    "materials": (
        1,
        "tags",
        "coalesce({r}.description, '') || ' ' || coalesce(json_extract({r}.data, '$.text'), '')",
        "{o}.description IS NOT {n}.description"
        " OR json_extract({o}.data, '$.text') IS NOT json_extract({n}.data, '$.text')",
    ),
}


def library_insert_sql(table: str, r: str = "new") -> str:
    """The index entry of row ``r`` of ``table`` (``new`` in a trigger; a table alias in a fill)."""
    offset, words, body, _ = _LIBRARY_SOURCES[table]
    named = f"{r}.title || ' ' || coalesce({r}.{words}, '')"
    return (
        "INSERT INTO library_fts(rowid, title, keywords, body, py, ini, item_id, valid_from, "
        f"valid_to) SELECT {r}.rowid * 2 + {offset}, library_terms({r}.title), "
        f"library_terms({r}.{words}), library_terms({body.format(r=r)}), library_pinyin({named}), "
        f"library_initials({named}), {r}.id, {r}.valid_from, {r}.valid_to"
    )


def library_trigger_names() -> list[str]:
    return [f"library_{t}_{s}" for t in _LIBRARY_SOURCES for s in ("ai", "ad", "au")]


def library_ddl() -> list[str]:
    """The library index and the triggers that keep it in step with scripts and materials."""
    out = [LIBRARY_FTS_DDL]
    for table, (offset, words, _, body_changed) in _LIBRARY_SOURCES.items():
        delete = f"DELETE FROM library_fts WHERE rowid = old.rowid * 2 + {offset};"
        changed = " OR ".join(
            [f"old.{c} IS NOT new.{c}" for c in ("title", words, "valid_from", "valid_to", "rowid")]
            + [body_changed.format(o="old", n="new")]
        )
        out += [
            f"CREATE TRIGGER IF NOT EXISTS library_{table}_ai AFTER INSERT ON {table} BEGIN "
            f"{library_insert_sql(table)}; END",
            f"CREATE TRIGGER IF NOT EXISTS library_{table}_ad AFTER DELETE ON {table} BEGIN "
            f"{delete} END",
            f"CREATE TRIGGER IF NOT EXISTS library_{table}_au AFTER UPDATE ON {table} "
            f"WHEN {changed} BEGIN {delete} {library_insert_sql(table)}; END",
        ]
    return out
