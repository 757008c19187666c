"""The rows an import writes: script groups, scripts and materials, each with its version.

Every write gives the row a new version in its scope (``sync.versions.touch``) in
the caller's transaction, as the admin API's writes do, so counter apps pull an
imported script like one saved in the app.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from guide_server.models import Material, Script, ScriptGroup
from guide_server.reader import GLOBAL
from guide_server.services.scopes import content_scope
from guide_server.sync.versions import touch


@dataclass(frozen=True)
class ScriptFields:
    """What an import row sets on a script (everything else is left as it is)."""

    group_id: str | None
    title: str
    body: str
    keywords: list[str]
    visibility: dict
    valid_from: date | None
    valid_to: date | None


def new_id() -> str:
    return str(uuid.uuid4())


def add_group(
    session: Session,
    *,
    scope: str,
    store_id: str | None,
    parent_id: str | None,
    name: str,
    sort: int,
) -> ScriptGroup:
    group = ScriptGroup(
        id=new_id(),
        parent_id=parent_id,
        name=name,
        scope=scope,
        store_id=store_id,
        owner_id=None,
        sort=sort,
    )
    session.add(group)
    session.flush()
    touch(session, "script_group", group.id, content_scope(scope, store_id, None))
    return group


def add_script(
    session: Session, *, scope: str, store_id: str | None, fields: ScriptFields
) -> Script:
    script = Script(
        id=new_id(),
        scope=scope,
        store_id=store_id,
        owner_id=None,
        items=[],
        use_count=0,
        **fields.__dict__,
    )
    session.add(script)
    session.flush()
    touch(session, "script", script.id, content_scope(scope, store_id, None))
    return script


def update_script(session: Session, script: Script, fields: ScriptFields) -> None:
    for key, value in fields.__dict__.items():
        setattr(script, key, value)
    session.flush()
    touch(session, "script", script.id, content_scope(script.scope, script.store_id, None))


def save_material(session: Session, material: Material | None, values: dict) -> Material:
    """Create (``material`` None) or update a material with ``values``; materials sync globally."""
    if material is None:
        material = Material(id=new_id(), use_count=0, **values)
        session.add(material)
    else:
        for key, value in values.items():
            setattr(material, key, value)
    session.flush()
    touch(session, "material", material.id, GLOBAL)
    return material
