"""Text the server could not store (NUL, control characters) and clocks out of range are
refused by the client's write API before anything is written: the outbox never holds an
edit the server would have to reject (the same rule, from guide_core.protocol)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from guide_app.domain.errors import ValidationFailed
from guide_app.services import customers as customers_module
from guide_app.services.content import ScriptService
from guide_app.services.customers import CustomerService
from guide_app.services.tasks import TaskService

from .conftest import G1, SUP


def _state(cache):
    with cache.read() as conn:
        follow_ups = conn.exec_driver_sql("SELECT count(*) FROM follow_ups").scalar()
        customers = conn.exec_driver_sql("SELECT id, data FROM customers ORDER BY id").all()
    return follow_ups, customers, cache.outbox.count()


WRITES = [
    (
        "text",
        lambda cache, s: CustomerService(cache, G1).add_follow_up(
            s["zhangsan"], "chat", "复制来的\x00文字"
        ),
    ),
    (
        "text",
        lambda cache, s: CustomerService(cache, G1).add_follow_up(s["zhangsan"], "chat", "\x1b"),
    ),
    ("notes", lambda cache, s: CustomerService(cache, G1).update(s["zhangsan"], notes="a\x00b")),
    (
        "member_no",
        lambda cache, s: CustomerService(cache, G1).update(s["zhangsan"], member_no="M\x7f"),
    ),
    (
        "remark_name",
        lambda cache, s: CustomerService(cache, G1).create(name="王五", remark_name="\x00"),
    ),
    ("note", lambda cache, s: TaskService(cache, G1).check_item("as-1", "ti-1", True, note="\x00")),
    ("reason", lambda cache, s: TaskService(cache, SUP).review("as-1", False, reason="模糊\x00")),
    ("title", lambda cache, s: ScriptService(cache, G1).create_personal("标\x00题", "正文")),
    ("body", lambda cache, s: ScriptService(cache, G1).create_personal("标题", "正\x08文")),
    (
        "keywords",
        lambda cache, s: ScriptService(cache, G1).create_personal("标题", "正文", ["好", "坏\x00"]),
    ),
]


@pytest.mark.parametrize(
    ("field", "write"), WRITES, ids=[f"{f}-{i}" for i, (f, _) in enumerate(WRITES)]
)
def test_control_characters_are_refused_before_any_write(seeded, field, write):
    cache, s = seeded
    before = _state(cache)
    with pytest.raises(ValidationFailed) as err:
        write(cache, s)
    assert err.value.field == field
    assert "含有不可见的控制字符" in err.value.message, err.value.message
    assert "\x00" not in err.value.message
    assert _state(cache) == before


def test_tabs_and_line_breaks_stay_allowed(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    svc.add_follow_up(s["zhangsan"], "chat", "第一行\r\n第二行\t完")
    assert cache.outbox.count() == 1


class _Clock(datetime):
    """This PC's clock, set back to 1999 (a flat CMOS battery)."""

    @classmethod
    def now(cls, tz=None):
        return datetime(1999, 12, 31, 12, 0, tzinfo=UTC).astimezone(tz)


def test_a_clock_out_of_range_is_refused_not_queued(seeded, monkeypatch):
    cache, s = seeded
    monkeypatch.setattr(customers_module, "datetime", _Clock)
    before = _state(cache)
    with pytest.raises(ValidationFailed) as err:
        CustomerService(cache, G1).add_follow_up(s["zhangsan"], "chat", "回访")
    assert err.value.field == "at" and "2000-01-01" in err.value.message
    assert _state(cache) == before


def test_session_add_follow_up_with_a_nul_writes_nothing(clients):
    """The real signed-in Session the window holds: nothing reaches the outbox or the server."""
    session = clients("s001-g1")
    session.sync.sync_once()
    customer = session.customers.page(customers_module.CustomerQuery(mine_only=True), 0, 1)[0]
    before = session.attention.list(), session.cache.outbox.count()
    with pytest.raises(ValidationFailed) as err:
        session.customers.add_follow_up(customer.id, "phone", "昨天\x00电话")
    assert err.value.field == "text"
    assert err.value.message.startswith("内容: 含有不可见的控制字符"), err.value.message
    assert (session.attention.list(), session.cache.outbox.count()) == before
    assert all("\x00" not in f.text for f in session.customers.get(customer.id).follow_ups)
    assert session.sync.sync_once() is True
