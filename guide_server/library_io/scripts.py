"""Scripts in bulk: ``import-scripts`` / ``export-scripts`` and ``POST …/scripts/import``.

Columns (the export writes the same, in this order): 分组 (path ``a/b/c``, at most
8 levels; empty: no group), 标题, 内容, 关键词 (separated by 、,，;； or spaces),
适用范围 (see :mod:`guide_server.library_io.cells`), 生效日期, 失效日期.

All or nothing: every row is checked first (template braces, blocking sensitive
words, lengths, dates and their order, unknown stores/regions/roles, group depth,
the same script twice) and every problem is reported with its row and column;
with any problem nothing is written. Otherwise one transaction writes the lot.
A script is identified by its group path and title within the scope (HQ's, or one
store's with ``--store``); a row equal to what is stored is left alone, so
importing the same file twice changes nothing. Retired scripts are not matched:
importing one again makes a new script.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.library_api import MAX_IMPORT_ROWS, ImportProblem, ImportReport, ScriptWrite
from guide_core.protocol import MAX_NAME, MaterialVisibility, Role, ScriptItem, error_message
from guide_core.rules.content import MAX_GROUP_DEPTH, text_refusal
from guide_core.sensitive import Matcher
from guide_server import audit
from guide_server.db import Database
from guide_server.library_io.cells import (
    CellError,
    Directory,
    format_date,
    format_reach,
    join_keywords,
    normal_reach,
    parse_date,
    parse_reach,
    split_keywords,
)
from guide_server.library_io.files import write_table
from guide_server.models import Script, ScriptGroup, SensitiveWord, Store
from guide_server.reader import Reader
from guide_server.services import library_scripts as script_service
from guide_server.services.rejection import Rejected
from guide_server.tabular import EXTRA, extra_cells_reason, open_table

#: Who writes an import from the command line: the operator at the server's console, as HQ.
CONSOLE = Reader(
    user_id="",
    username="console",
    display_name="命令行",
    role=Role.HQ,
    store_id=None,
    region_id=None,
)
COLUMNS = ["分组", "标题", "内容", "关键词", "适用范围", "生效日期", "失效日期"]
REQUIRED = ["分组", "标题", "内容"]
_FIELD_COLUMN = {
    "title": "标题",
    "body": "内容",
    "keywords": "关键词",
    "visibility": "适用范围",
    "valid_from": "生效日期",
    "valid_to": "失效日期",
    "group_id": "分组",
}
_PATH_SPLIT = re.compile(r"[/／]")


@dataclass(frozen=True)
class Scope:
    """Whose scripts an import or export handles: HQ's (chain-wide) or one store's."""

    scope: str = "hq"
    store_id: str | None = None

    @classmethod
    def for_store(
        cls, session: Session, store_code: str | None, store_id: str | None = None
    ) -> Scope:
        """HQ's scope, or a store's named by code (CLI) or id (API); ``LookupError`` if unknown."""
        if store_id:
            if session.get(Store, store_id) is None:
                raise LookupError(f"没有这个门店 ({store_id})")
            return cls("store", store_id)
        if not store_code:
            return cls()
        return cls("store", Directory.load(session).store_id_for_option(store_code))

    def groups(self):
        q = select(ScriptGroup).where(ScriptGroup.scope == self.scope)
        if self.store_id:
            q = q.where(ScriptGroup.store_id == self.store_id)
        return q.order_by(ScriptGroup.id)  # the first of same-named siblings, as the service

    def scripts(self):
        q = select(Script).where(Script.scope == self.scope, Script.retired_at.is_(None))
        if self.store_id:
            q = q.where(Script.store_id == self.store_id)
        return q.order_by(Script.id)


@dataclass
class _Row:
    number: int
    path: tuple[str, ...]
    title: str
    body: str
    keywords: list[str]
    visibility: dict
    valid_from: object
    valid_to: object


def import_scripts(
    db: Database,
    path: Path | str,
    *,
    store_code: str | None = None,
    dry_run: bool = False,
    reader: Reader | None = None,
    sheet: str | None = None,
    file_name: str | None = None,
) -> ImportReport:
    """Check the whole file, then write it in one transaction (or nothing, with the problems).

    :class:`~guide_server.tabular.TableError` when the file is not a readable table
    (not a row's problem: the caller says so as a usage/file error); ``LookupError``
    for an unknown ``store_code``.
    """
    with db.read() as session:
        scope = Scope.for_store(session, store_code)
        directory = Directory.load(session)
        matcher = Matcher(session.execute(select(SensitiveWord.word, SensitiveWord.severity)))
    table = open_table(path, required=REQUIRED, optional=COLUMNS, sheet=sheet, name=file_name)
    report = ImportReport(file=table.name, encoding=table.describe())
    rows = list(_read_rows(table.rows(), directory, matcher, scope, report))
    if report.problems:
        return report
    writer = reader or CONSOLE
    if dry_run:
        with db.read() as session:
            _apply(session, scope, rows, report, None, matcher)
        return report
    try:
        with db.write() as session:
            _apply(session, scope, rows, report, writer, matcher)
            audit.record(
                session,
                writer,
                "library_import",
                f"scripts {report.file}: rows {report.rows}, created {report.created}, "
                f"updated {report.updated}, unchanged {report.unchanged}",
            )
    except _Refused as refused:  # the write path refused a row after all: nothing is kept
        report.created = report.updated = report.unchanged = report.groups_created = 0
        report.problems.append(refused.problem)
    return report


def _read_rows(
    source: Iterator[tuple[int, dict[str, str]]],
    directory: Directory,
    matcher: Matcher,
    scope: Scope,
    report: ImportReport,
) -> Iterator[_Row]:
    first_of: dict[tuple[tuple[str, ...], str], int] = {}
    for number, cells in source:
        report.rows += 1
        if report.rows > MAX_IMPORT_ROWS:
            report.problems.append(
                ImportProblem(
                    row=number, reason=f"一个文件最多{MAX_IMPORT_ROWS}行话术, 请分成几个文件"
                )
            )
            return
        row = _read_row(number, cells, directory, matcher, scope, report.problems)
        if row is None:
            continue
        key = (row.path, row.title)
        if key in first_of:
            report.problems.append(
                ImportProblem(
                    row=number,
                    column="标题",
                    reason=f"与第{first_of[key]}行重复 (同一分组下的同一标题)",
                )
            )
            continue
        first_of[key] = number
        yield row


def _read_row(
    number: int,
    cells: dict[str, str],
    directory: Directory,
    matcher: Matcher,
    scope: Scope,
    problems: list[ImportProblem],
) -> _Row | None:
    before = len(problems)

    def problem(column: str, reason: str) -> None:
        problems.append(ImportProblem(row=number, column=column, reason=reason))

    if EXTRA in cells:
        problem("", extra_cells_reason(cells[EXTRA]))
    path = _group_path(cells.get("分组", ""), problem)
    reach = None
    try:
        reach = parse_reach(cells.get("适用范围", ""), directory)
    except CellError as exc:
        problem("适用范围", str(exc))
    dates = {}
    for column in ("生效日期", "失效日期"):
        try:
            dates[column] = parse_date(cells.get(column, ""))
        except CellError as exc:
            problem(column, str(exc))
            dates[column] = None
    body = cells.get("内容", "").replace("\r\n", "\n").replace("\r", "\n")
    try:
        write = ScriptWrite(
            scope=scope.scope,
            store_id=scope.store_id,
            title=cells.get("标题", ""),
            body=body,
            keywords=split_keywords(cells.get("关键词", "")),
            visibility=MaterialVisibility(**(reach or {})),
            valid_from=dates["生效日期"],
            valid_to=dates["失效日期"],
        )
    except ValidationError as exc:
        for err in exc.errors():
            field = str(err["loc"][0]) if err.get("loc") else ""
            column = _FIELD_COLUMN.get(field, "")
            detail = (
                f"第{err['loc'][1] + 1}个: " if field == "keywords" and len(err["loc"]) > 1 else ""
            )
            problem(column, detail + error_message(err))
        return None
    if write.valid_from and write.valid_to and write.valid_to < write.valid_from:
        problem("失效日期", f"失效日期 {write.valid_to} 早于生效日期 {write.valid_from}")
    for column, texts in (
        ("标题", [write.title]),
        ("内容", [write.body]),
        ("关键词", write.keywords),
    ):
        refusal = text_refusal(matcher, *texts)
        if refusal:
            problem(column, refusal.reason)
    if len(problems) > before or path is None:
        return None
    return _Row(
        number=number,
        path=path,
        title=write.title,
        body=write.body,
        keywords=list(write.keywords),
        visibility=normal_reach(write.visibility.model_dump(mode="json")),
        valid_from=write.valid_from,
        valid_to=write.valid_to,
    )


def _group_path(text: str, problem) -> tuple[str, ...] | None:
    text = text.strip()
    if not text:
        return ()
    parts = [p.strip() for p in _PATH_SPLIT.split(text.strip("/／ "))]
    if any(not p for p in parts):
        problem("分组", f"分组路径「{text}」中有空的一级 (写法: 一级/二级/三级)")
        return None
    if len(parts) > MAX_GROUP_DEPTH:
        problem("分组", f"话术分组最多{MAX_GROUP_DEPTH}层, 「{text}」有{len(parts)}层")
        return None
    long = [p for p in parts if len(p) > MAX_NAME]
    if long:
        problem("分组", f"分组名最多{MAX_NAME}字: 「{long[0][:20]}…」")
        return None
    return tuple(parts)


class _Refused(Exception):
    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


class _Tree:
    """A scope's groups by path; a missing one is made by the library service (or, in a
    dry run, only counted)."""

    def __init__(self, session: Session, scope: Scope) -> None:
        self.session, self.scope = session, scope
        self.created = 0
        self.child: dict[tuple[str | None, str], str] = {}
        self.parent_of: dict[str, str | None] = {}
        self.name_of: dict[str, str] = {}
        for g in session.scalars(scope.groups()):
            self._know(g.id, g.parent_id, g.name)

    def _know(self, gid: str, parent_id: str | None, name: str) -> None:
        self.child.setdefault((parent_id, name), gid)
        self.parent_of[gid] = parent_id
        self.name_of[gid] = name

    def path_of(self, group_id: str | None) -> tuple[str, ...]:
        names: list[str] = []
        seen: set[str] = set()
        node = group_id
        while node is not None and node not in seen:
            seen.add(node)
            if node not in self.name_of:  # a group of another scope (an HQ group of a store script)
                group = self.session.get(ScriptGroup, node)
                if group is None:
                    break
                self.name_of[node], self.parent_of[node] = group.name, group.parent_id
            names.append(self.name_of[node])
            node = self.parent_of[node]
        return tuple(reversed(names))

    def find(self, path: tuple[str, ...]) -> tuple[str | None, int]:
        """``(group id or None, how many levels from the end are missing)``."""
        parent: str | None = None
        for depth, name in enumerate(path):
            found = self.child.get((parent, name))
            if found is None:
                return None, len(path) - depth
            parent = found
        return parent, 0

    def ensure(self, path: tuple[str, ...], writer: Reader | None, number: int) -> str | None:
        found, missing = self.find(path)
        if not missing:
            return found
        self.created += missing
        if writer is None:  # dry run: stand-ins, so the next row sees them
            parent, _ = self.find(path[: len(path) - missing])
            for depth in range(len(path) - missing, len(path)):
                gid = f"new:{'/'.join(path[: depth + 1])}"
                self._know(gid, parent, path[depth])
                parent = gid
            return parent
        try:
            gid, _made = script_service.ensure_group_path(
                self.session, writer, list(path), self.scope.scope, self.scope.store_id
            )
        except Rejected as exc:
            raise _Refused(ImportProblem(row=number, column="分组", reason=exc.reason)) from None
        node: str | None = gid
        for name in reversed(path):  # learn the new groups (ids from the leaf up)
            group = self.session.get(ScriptGroup, node)
            self._know(node, group.parent_id, name)
            node = group.parent_id
        return gid


def _apply(
    session: Session,
    scope: Scope,
    rows: list[_Row],
    report: ImportReport,
    writer: Reader | None,
    matcher: Matcher,
) -> None:
    """Count (``writer`` None: a dry run) or write every row through the library service."""
    tree = _Tree(session, scope)
    existing: dict[tuple[tuple[str, ...], str], Script] = {}
    for script in session.scalars(scope.scripts()):
        existing.setdefault((tree.path_of(script.group_id), script.title.strip()), script)
    for row in rows:
        script = existing.get((row.path, row.title))
        if script is not None and _same(script, row):
            report.unchanged += 1
            continue
        if script is None:
            report.created += 1
        else:
            report.updated += 1
        group_id = tree.ensure(row.path, writer, row.number)
        if writer is None:
            continue
        write = ScriptWrite(
            scope=scope.scope,
            store_id=scope.store_id,
            group_id=group_id,
            title=row.title,
            body=row.body,
            keywords=row.keywords,
            # the file has no items column: a script's items stay as they are
            items=[ScriptItem.model_validate(i) for i in (script.items or [])] if script else [],
            visibility=MaterialVisibility(**row.visibility),
            valid_from=row.valid_from,
            valid_to=row.valid_to,
        )
        try:
            script_service.save_script(
                session, writer, write, script.id if script else None, matcher=matcher
            )
        except Rejected as exc:
            raise _Refused(ImportProblem(row=row.number, reason=exc.reason)) from None
    report.groups_created = tree.created


def _same(script: Script, row: _Row) -> bool:
    return (
        (script.body or "").replace("\r\n", "\n").strip() == row.body.strip()
        and list(script.keywords or []) == row.keywords
        and normal_reach(script.visibility) == row.visibility
        and script.valid_from == row.valid_from
        and script.valid_to == row.valid_to
    )


# ------------------------------------------------------------------------------ export


def export_scripts(
    db: Database, path: Path | str, *, store_code: str | None = None, store_id: str | None = None
) -> int:
    """Write the scope's live scripts to ``path`` (.xlsx or .csv), sorted by group path and
    title; returns how many. Importing the file again changes nothing."""
    with db.read() as session:
        scope = Scope.for_store(session, store_code, store_id)
        directory = Directory.load(session)
        tree = _Tree(session, scope)
        rows = [
            [
                "/".join(tree.path_of(s.group_id)),
                s.title,
                s.body,
                join_keywords(list(s.keywords or [])),
                format_reach(s.visibility, directory),
                s.valid_from,
                s.valid_to,
            ]
            for s in session.scalars(scope.scripts())
        ]
    rows.sort(key=lambda r: (r[0], r[1]))
    write_table(Path(path), COLUMNS, rows, date_format=format_date)
    return len(rows)
