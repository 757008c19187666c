"""HQ's materials (素材): image, video, file, poster, link, mini-program, text, 朋友圈.

HQ only (``guide_core.rules.content.may_manage_global``). A material's files are
uploaded first (``PUT /blobs/{sha256}``); the material names them, and the server fills
in size and type from the stored blob. Materials live in ``global``; who sees one is its
visibility (regions, stores, roles), and a retired one reaches every reader as a removal.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from guide_core.library_api import MAX_MATERIAL_BYTES, MaterialWrite, Retired
from guide_core.protocol import MaterialData, MaterialKind
from guide_core.rules import Code, Refusal
from guide_core.rules.content import may_manage_global, text_refusal
from guide_core.sensitive import Matcher
from guide_server.models import Blob, Material
from guide_server.models.base import utcnow
from guide_server.reader import GLOBAL, Reader
from guide_server.services.library_common import audit, not_found, refuse_if, sensitive_matcher
from guide_server.services.library_scripts import _like
from guide_server.services.rejection import Rejected
from guide_server.sync.serialize import to_data
from guide_server.sync.versions import touch

#: Kinds that are a file (``blob_sha256`` required).
FILE_KINDS = frozenset(
    {MaterialKind.IMAGE, MaterialKind.VIDEO, MaterialKind.FILE, MaterialKind.POSTER}
)
URL_KINDS = frozenset({MaterialKind.LINK, MaterialKind.MINIPROGRAM})


def material_data(row: Material, reader: Reader) -> MaterialData:
    return MaterialData.model_validate(to_data("material", row, reader))


def _invalid(text: str) -> Rejected:
    return Rejected(Refusal(Code.INVALID_FIELD, text))


def _blob(session: Session, sha256: str) -> Blob:
    blob = session.get(Blob, sha256)
    if blob is None:
        raise Rejected(Refusal(Code.UNKNOWN_FILE, f"文件未上传, not uploaded: {sha256}"))
    if blob.size > MAX_MATERIAL_BYTES:
        mib = MAX_MATERIAL_BYTES // (1024 * 1024)
        raise _invalid(f"文件: {blob.size / 1048576:.1f} MB, 超过上限 {mib} MB (file too large)")
    return blob


def _check(session: Session, write: MaterialWrite, matcher: Matcher | None) -> Blob | None:
    blob = None
    if write.kind in FILE_KINDS:
        if not write.blob_sha256:
            raise _invalid("文件: 此类素材需要先上传文件 (file required)")
        blob = _blob(session, write.blob_sha256)
    elif write.blob_sha256:
        blob = _blob(session, write.blob_sha256)
    if write.kind in URL_KINDS and not (write.url or "").strip():
        raise _invalid("链接: 链接/小程序素材需要填写链接 (url required)")
    if write.kind == MaterialKind.POSTER and write.poster is None:
        raise _invalid("海报: 需要标出二维码位置 (poster layout required)")
    if write.kind == MaterialKind.MOMENTS and not (write.text.strip() or write.images):
        raise _invalid("朋友圈: 需要文案或图片 (text or images required)")
    if write.kind == MaterialKind.TEXT and not write.text.strip():
        raise _invalid("文案: 不能为空 (text required)")
    for sha in write.images:
        _blob(session, sha)
    if write.valid_from and write.valid_to and write.valid_from > write.valid_to:
        raise _invalid("有效期: 开始日期晚于结束日期 (valid_from after valid_to)")
    matcher = matcher if matcher is not None else sensitive_matcher(session)
    refuse_if(text_refusal(matcher, write.title, write.description, write.text))
    return blob


def save_material(
    session: Session,
    reader: Reader,
    write: MaterialWrite,
    material_id: str | None = None,
    *,
    matcher: Matcher | None = None,
) -> tuple[Material, bool]:
    """Create (``material_id`` None) or replace a material; ``(row, changed)``.

    Saving a retired material brings it back. Raises ``Rejected`` (FORBIDDEN, UNKNOWN_FILE,
    INVALID_FIELD, SENSITIVE_WORD; ``NotFound`` for an unknown id).
    """
    refuse_if(may_manage_global(reader.actor))
    row = None
    if material_id is not None:
        row = session.get(Material, material_id, with_for_update=True)
        if row is None:
            raise not_found(Code.UNKNOWN_MATERIAL, material_id)
    blob = _check(session, write, matcher)
    values = {
        "kind": str(write.kind),
        "title": write.title,
        "description": write.description,
        "tags": list(write.tags),
        "blob_sha256": write.blob_sha256,
        "blob_size": blob.size if blob else None,
        "mime": blob.mime if blob else None,
        "file_name": write.file_name,
        "url": write.url,
        "text": write.text,
        "images": list(write.images),
        "poster": write.poster.model_dump(mode="json") if write.poster else None,
        "visibility": write.visibility.model_dump(mode="json"),
        "valid_from": write.valid_from,
        "valid_to": write.valid_to,
    }
    if row is None:
        row = Material(id=str(uuid.uuid4()), use_count=0, **values)
        session.add(row)
        action = "material_created"
    else:
        if all(getattr(row, k) == v for k, v in values.items()) and row.retired_at is None:
            return row, False
        for key, value in values.items():
            setattr(row, key, value)
        row.retired_at = None
        action = "material_updated"
    session.flush()
    touch(session, "material", row.id, GLOBAL)
    audit(session, reader, action, f"{row.id} {row.kind} {row.title}")
    return row, True


def retire_material(session: Session, reader: Reader, material_id: str) -> Retired:
    """Take a material out of every counter app (a removal on their next pull)."""
    refuse_if(may_manage_global(reader.actor))
    row = session.get(Material, material_id, with_for_update=True)
    if row is None:
        raise not_found(Code.UNKNOWN_MATERIAL, material_id)
    if row.retired_at is None:
        row.retired_at = utcnow()
        session.flush()
        touch(session, "material", row.id, GLOBAL)
        audit(session, reader, "material_retired", f"{row.id} {row.title}")
    return Retired(id=row.id, entity="material")


def list_materials(
    session: Session,
    reader: Reader,
    *,
    kind: str | None = None,
    q: str | None = None,
    retired: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[MaterialData], int]:
    """Materials by title (``q``: title or description), one page and the total."""
    refuse_if(may_manage_global(reader.actor))
    where = [Material.retired_at.is_not(None) if retired else Material.retired_at.is_(None)]
    if kind:
        where.append(Material.kind == kind)
    if q and q.strip():
        where.append(
            or_(
                Material.title.like(_like(q), escape="!"),
                Material.description.like(_like(q), escape="!"),
            )
        )
    total = session.scalar(select(func.count()).select_from(Material).where(*where)) or 0
    rows = session.scalars(
        select(Material)
        .where(*where)
        .order_by(Material.title, Material.id)
        .offset(offset)
        .limit(limit)
    )
    return [material_data(m, reader) for m in rows], int(total)
