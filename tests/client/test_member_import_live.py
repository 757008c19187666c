"""Members imported from the app reach a guide's real client by sync.

The real server (SQLite) and the real client core: S001's guide signs in and syncs;
HQ imports a member file through the app's service (``POST /admin/members/import``),
first as a check (nothing reaches the guide), then for real; the guide's next sync
brings the new customers with their level and tags, and the existing customer the
file updated — once, not doubled. With the server gone the service says the import
needs it.
"""

from __future__ import annotations

import pytest

from guide_app.services.library_admin import AdminOffline
from guide_app.services.member_import import OFFLINE_MESSAGE, MemberImport
from tests.server.member_samples import write_csv


def _customers(session, member_no: str) -> list[tuple[str, str, str]]:
    with session.cache.read() as conn:
        return conn.exec_driver_sql(
            "SELECT id, name, level FROM customers WHERE member_no = ?", (member_no,)
        ).all()


def test_imported_members_reach_the_guide(clients, server, tmp_path):
    guide = clients("s001-g1")
    assert guide.sync.sync_once(), guide.sync.status.error
    with guide.cache.read() as conn:
        before = conn.exec_driver_sql("SELECT count(*) FROM customers").scalar()
        old_id, old_member = conn.exec_driver_sql(
            "SELECT id, member_no FROM customers WHERE member_no != '' ORDER BY id LIMIT 1"
        ).one()
    rows = [
        ["导入甲", "13900139301", "IMP-1", "S001", "s001-g1", "金卡", "", "", "", "肤质:干性", ""],
        ["导入乙", "13900139302", "IMP-2", "S001", "", "", "", "", "", "", ""],
        ["导入丙", "13900139303", "IMP-3", "S002", "", "", "", "", "", "", ""],
        ["改了名", "", old_member, "S001", "", "黑金", "", "", "", "", ""],
    ]
    path = write_csv(tmp_path / "会员.csv", rows)
    hq = clients("hq")
    service = MemberImport(hq.api, hq.user, hq.cache)
    assert service.may_import()

    check = service.import_file(path, dry_run=True)
    assert (check.problem_count, check.created, check.updated) == (0, 3, 1)
    assert guide.sync.sync_once(), guide.sync.status.error
    assert _customers(guide, "IMP-1") == []

    report = service.import_file(path, dry_run=False)
    assert (report.problem_count, report.created, report.updated) == (0, 3, 1)
    assert guide.sync.sync_once(), guide.sync.status.error
    ((new_id, name, level),) = _customers(guide, "IMP-1")
    assert (name, level) == ("导入甲", "gold")
    card = guide.customers.get(new_id)
    assert [t.name for t in card.tags] == ["干性"]
    assert len(_customers(guide, "IMP-2")) == 1
    assert _customers(guide, "IMP-3") == []  # another store's: not on this PC
    assert _customers(guide, old_member) == [(old_id, "改了名", "black")]
    with guide.cache.read() as conn:
        after = conn.exec_driver_sql("SELECT count(*) FROM customers").scalar()
    assert after == before + 2

    again = service.import_file(path, dry_run=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)

    server.stop()
    with pytest.raises(AdminOffline, match=OFFLINE_MESSAGE):
        service.import_file(path, dry_run=True)
