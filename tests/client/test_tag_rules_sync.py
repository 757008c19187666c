"""Auto-tag rules reach the guide's PC (issue 12): a rule's tag is pulled with its mark
(``TagChip.auto``), the card's tag editor shows it as 自动, and a tag the guide takes off
on the PC is not put back by the rule. Real server on loopback, a real Session."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from guide_app.services.customer_query import CustomerQuery
from guide_core.protocol import TagChoice
from guide_server.models import Tag, TagGroup
from guide_server.services.tag_rules import apply_tag_rules
from tests.server.settings_server import serve


@pytest.fixture
def settings_server(demo_template, tmp_path):
    yield from serve(demo_template, tmp_path)


def test_guide_pulls_rule_tags_marked_and_keeps_their_removal(
    settings_server, tmp_path, test_keyring, qtbot
):
    from guide_app.auth import sign_in
    from ui.card.tags_editor import TagsEditor

    with settings_server.db.read() as s:
        tag_id = s.scalar(
            select(Tag.id)
            .join(TagGroup, TagGroup.id == Tag.group_id)
            .where(TagGroup.choice == TagChoice.MULTI, TagGroup.scope == "hq")
            .order_by(Tag.id)
            .limit(1)
        )
    session = sign_in(
        settings_server.url, "s001-g1", "demo1234", data_dir=tmp_path / "pc", start_sync=False
    )
    try:
        assert session.sync.sync_once()
        rows = session.customers.page(CustomerQuery(mine_only=True), 0, 500)
        target = next(r for r in rows if tag_id not in {t.id for t in r.tags})
        r = settings_server.client("hq").post("/admin/tag-rules", json={
            "name": "按阶段", "tag_id": tag_id,
            "condition": {"kind": "stage", "stage": target.stage},
        })  # fmt: skip
        assert r.status_code == 201, r.text
        assert session.sync.sync_once()

        card = session.customers.get(target.id)
        chip = next(t for t in card.tags if t.id == tag_id)
        assert chip.auto
        manual = [t for t in card.tags if t.id != tag_id]
        assert not any(t.auto for t in manual)

        editor = TagsEditor()
        qtbot.addWidget(editor)
        groups = session.tags.groups()
        editor.show_tags(
            groups, {t.id for t in card.tags}, auto_tag_ids={t.id for t in card.tags if t.auto}
        )
        button = next(b[tag_id] for b in editor.buttons.values() if tag_id in b)
        assert button.text().endswith("(自动)") and button.isChecked()
        others = [b for g in editor.buttons.values() for tid, b in g.items() if tid != tag_id]
        assert not any("(自动)" in b.text() for b in others)

        # the guide takes it off on the PC; the rule runs again on the server
        session.customers.remove_tag(target.id, tag_id)
        assert session.sync.sync_once()
        run = apply_tag_rules(settings_server.db)
        assert session.sync.sync_once()
        assert tag_id not in {t.id for t in session.customers.get(target.id).tags}
        assert run.rules == 1
    finally:
        session.close()
