"""The card's figures strip is computed in the core (``customer_views.figures_of``)."""

from __future__ import annotations

from datetime import date

from guide_app.services.customer_views import figures_of

TODAY = date(2026, 12, 2)


def test_average_is_rounded_to_the_cent_and_days_count_from_the_local_day():
    f = figures_of(100001, 3, "2026-11-20T10:00:00", "门店扫码", "王导购", TODAY)
    assert f.total_spent_cents == 100001
    assert f.order_count == 3
    assert f.average_order_cents == 33334  # 333.337 yuan -> 333.34
    assert f.last_purchase_on == date(2026, 11, 20)
    assert f.days_since_last_purchase == 12
    assert (f.source_channel, f.owner_name) == ("门店扫码", "王导购")


def test_unknown_figures_stay_unknown():
    f = figures_of(None, None, None, None, None, TODAY)
    assert f.total_spent_cents is None
    assert f.order_count == 0
    assert f.average_order_cents is None
    assert f.last_purchase_on is None and f.days_since_last_purchase is None
    assert (f.source_channel, f.owner_name) == ("", "")
    no_orders = figures_of(0, 0, "", "  ", "", TODAY)
    assert no_orders.average_order_cents is None and no_orders.last_purchase_on is None
    assert no_orders.source_channel == ""


def test_a_purchase_today_is_zero_days_ago():
    assert (
        figures_of(500, 1, f"{TODAY.isoformat()}T12:00:00", "", "", TODAY).days_since_last_purchase
        == 0
    )
