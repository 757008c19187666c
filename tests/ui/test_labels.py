"""Enum labels: the domain's Chinese words, shown in English through the .qm."""

from __future__ import annotations

from guide_app.domain import labels as domain


def test_every_translated_domain_label_has_english(app):
    from ui.app import apply_language
    from ui.labels import TRANSLATED_TABLES, translated

    try:
        apply_language("en")
        missing = [
            f"{name}.{code}={chinese}"
            for name, table in TRANSLATED_TABLES.items()
            for code, chinese in table.items()
            if translated(table, code) == chinese or not translated(table, code).isascii()
        ]
        assert missing == []
    finally:
        apply_language("zh")


def test_labels_follow_the_language_and_pass_unknown_codes_through(app):
    from ui.app import apply_language
    from ui.labels import channel_label, level_label, order_status_label, role_label, stage_label

    assert level_label("gold") == domain.LEVELS["gold"] == "金卡"
    assert stage_label("dormant") == "沉睡"
    assert role_label("supervisor") == "店长"
    try:
        apply_language("en")
        assert level_label("gold") == "Gold"
        assert stage_label("dormant") == "Dormant"
        assert channel_label("visit") == "Store visit"
        assert order_status_label("refunded") == "Refunded"
        assert role_label("supervisor") == "Supervisor"
        assert level_label("platinum") == "platinum"  # a code this client does not know yet
        assert level_label(None) == "" and level_label("") == ""
    finally:
        apply_language("zh")
    assert level_label("gold") == "金卡"
