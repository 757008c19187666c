"""Importing a member list (会员导入): check the whole file, then write it in one transaction.

The file is read once, streamed, so a 100,000-row file never sits in memory: only
key maps (member no. → row, store+phone → row, matched customer → row) are kept, and
the checked rows go, batch by batch, to a temporary spool file that the write reads back.

1. Check: every row (see :mod:`~guide_server.member_import.values`), duplicates inside
   the file (same member no.; same phone in the same store; two rows that are one stored
   customer), rows a stored customer cannot take (its member no. belongs to another
   store; member no. and phone name two different customers), new customers of a store
   with no guide to spread them over. Every problem is reported (row, column, reason);
   with any problem nothing is written.
2. Write (or, in a dry run, count) the spooled batches inside one transaction
   (:mod:`~guide_server.member_import.writer`): an existing customer is updated from the
   cells the file fills (empty cells keep what is stored; tags are added, a
   single-choice group's other tag replaced), never doubled; a row equal to what is
   stored changes nothing and takes no version, so the same file twice is all unchanged.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO

from guide_core.member_import_api import MemberImportReport
from guide_core.protocol import Role
from guide_core.rules.members import may_import_members
from guide_server import audit
from guide_server.db import Database
from guide_server.member_import.columns import Columns, Mapping, load_mapping, resolve
from guide_server.member_import.directory import Directory
from guide_server.member_import.matching import Conflict, match_batch
from guide_server.member_import.values import Member, RowReader
from guide_server.member_import.writer import Refused, Writer
from guide_server.reader import Reader
from guide_server.tabular import Table, TableError, open_table

#: Who imports from the command line: the operator at the server's console, as HQ.
CONSOLE = Reader(
    user_id="",
    username="console",
    display_name="命令行",
    role=Role.HQ,
    store_id=None,
    region_id=None,
)
#: Rows checked or written per database round (one IN (…) query per key).
BATCH = 2000
#: Rows one file may hold.
MAX_ROWS = 500_000


def import_members(
    db: Database,
    path: Path | str,
    *,
    store_code: str | None = None,
    store_id: str | None = None,
    mapping: Path | str | Mapping | None = None,
    dry_run: bool = False,
    reader: Reader | None = None,
    file_name: str | None = None,
    batch: int = BATCH,
) -> MemberImportReport:
    """Import the member file at ``path``; the report says what was (or would be) done,
    or, with problems, why nothing was written.

    ``store_code``/``store_id``: the store of rows whose 门店 is empty (a supervisor's
    own store by default). :class:`~guide_server.tabular.TableError` when the file is not
    a readable member table, ``LookupError`` for an unknown store,
    :class:`~guide_server.member_import.columns.MappingError` for a bad mapping file.
    """
    reader = reader or CONSOLE
    if mapping is not None and not isinstance(mapping, Mapping):
        mapping = load_mapping(mapping)
    with db.read() as session:
        directory = Directory(session, reader.role)
    default_store = _default_store(directory, reader, store_code, store_id)

    def allowed(sid: str) -> str | None:
        refusal = may_import_members(reader.actor, sid)
        return refusal.reason if refusal else None

    table, columns = _open(path, mapping, file_name, default_store)
    report = MemberImportReport(
        file=table.name,
        encoding=table.describe(),
        dry_run=dry_run,
        ignored_columns=columns.ignored,
    )
    rows = RowReader(
        columns,
        directory,
        default_store,
        mapping.levels if mapping else {},
        allowed,
        date.today(),
    )
    with tempfile.TemporaryFile(prefix="guide-members-") as spool:
        _check(db, table, rows, directory, report, batch, spool)
        if report.problem_count:
            return report
        spool.seek(0)
        _apply(db, spool, directory, reader, report)
    return report


def _apply(
    db: Database, spool: IO[bytes], directory: Directory, reader: Reader, report: MemberImportReport
) -> None:
    try:
        if report.dry_run:
            with db.read() as session:
                _write(session, spool, directory, reader, report, write=False)
        else:
            with db.write() as session:
                _write(session, spool, directory, reader, report, write=True)
                audit.record(
                    session,
                    reader,
                    "member_import",
                    f"{report.file}: rows {report.rows}, created {report.created}, "
                    f"updated {report.updated}, unchanged {report.unchanged}",
                )
    except Refused as refused:  # the data changed between check and write: nothing is kept
        report.created = report.updated = report.unchanged = report.spread = 0
        report.tags_added = 0
        report.add_problem(refused.row, refused.column, refused.reason)


def _default_store(
    directory: Directory, reader: Reader, store_code: str | None, store_id: str | None
) -> str | None:
    if store_id:
        if store_id not in directory.code_of:
            raise LookupError(f"没有这个门店 ({store_id})")
        return store_id
    if store_code:
        found = directory.store_id(store_code)
        if found is None:
            raise LookupError(f"没有编码为「{store_code}」的门店")
        return found
    return None if reader.is_hq else reader.store_id


def _open(
    path: Path | str, mapping: Mapping | None, file_name: str | None, default_store: str | None
) -> tuple[Table, Columns]:
    table = open_table(
        path, sheet=mapping.sheet if mapping else None, clean_numbers=True, name=file_name
    )
    where = f"文件「{table.name}」" + ("" if table.kind == "csv" else f"的{table.describe()}")
    try:
        columns = resolve(table.headers, mapping, where)
    except ValueError as exc:
        raise TableError(str(exc)) from None
    if "门店" not in columns.header_of and default_store is None:
        raise TableError(f"{where}没有「门店」列: 请加上门店编码列, 或导入时指定门店")
    return table, columns


def _rows(table: Table, report: MemberImportReport | None) -> Iterator[tuple[int, dict]]:
    for number, cells in table.rows():
        if report is not None:
            report.rows += 1
            if report.rows > MAX_ROWS:
                report.add_problem(number, "", f"一个文件最多{MAX_ROWS}行会员, 请分成几个文件")
                return
        yield number, cells


def _check(
    db: Database,
    table: Table,
    rows: RowReader,
    directory: Directory,
    report: MemberImportReport,
    batch_size: int,
    spool: IO[bytes],
) -> None:
    first_member: dict[str, int] = {}
    first_phone: dict[tuple[str, str], int] = {}
    first_target: dict[str, int] = {}
    pending: list[Member] = []

    def check_batch(session) -> None:
        for member, found in zip(pending, match_batch(session, pending), strict=True):
            if isinstance(found, Conflict):
                report.add_problem(member.row, rows.header_of.get(found.column, ""), str(found))
            elif found is not None:
                earlier = first_target.setdefault(found["id"], member.row)
                if earlier != member.row:
                    report.add_problem(
                        member.row,
                        "",
                        f"第{earlier}行和第{member.row}行是同一位已有客户「{found['name']}」"
                        " (一个按会员号、一个按手机号找到), 请合并成一行",
                    )
            elif member.owner_id is None and not directory.guides_of.get(member.store_id):
                code = directory.code_of[member.store_id]
                report.add_problem(
                    member.row,
                    rows.header_of.get("导购", "导购"),
                    f"门店 {code} 没有在职导购, 无法自动分配新客户: 请在导购列填写",
                )
        if not report.problem_count:  # once a row is bad nothing is written: stop spooling
            pickle.dump(pending, spool, protocol=pickle.HIGHEST_PROTOCOL)
        pending.clear()

    with db.read() as session:
        for number, cells in _rows(table, report):
            member = rows.read(number, cells, report.add_problem)
            if member is None:
                continue
            duplicate = False
            if member.member_no:
                earlier = first_member.setdefault(member.member_no, number)
                if earlier != number:
                    report.add_problem(
                        number,
                        rows.header_of["会员号"],
                        f"第{earlier}行和第{number}行的会员号都是「{member.member_no}」",
                    )
                    duplicate = True
            if member.phone:
                earlier = first_phone.setdefault((member.store_id, member.phone), number)
                if earlier != number:
                    report.add_problem(
                        number,
                        rows.header_of["手机号"],
                        f"第{earlier}行和第{number}行是同一门店的同一手机号「{member.phone}」",
                    )
                    duplicate = True
            if duplicate:
                continue
            pending.append(member)
            if len(pending) >= batch_size:
                check_batch(session)
        if pending:
            check_batch(session)


def _write(
    session,
    spool: IO[bytes],
    directory: Directory,
    reader: Reader,
    report: MemberImportReport,
    *,
    write: bool,
) -> None:
    """Write (or count) the checked rows spooled by :func:`_check`, batch by batch."""
    writer = Writer(session, directory, reader, write=write)
    while True:
        try:
            members = pickle.load(spool)
        except EOFError:
            return
        writer.apply(members, report)
