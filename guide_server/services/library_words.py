"""HQ's sensitive words (敏感词): list, add, remove. Synced in ``global``; every script
save (admin, import, a guide's personal script) checks the list, whose matcher is
rebuilt when a word changes (:func:`~guide_server.services.library_common.sensitive_matcher`)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.library_api import Retired, SensitiveWordWrite
from guide_core.protocol import SensitiveWordData
from guide_core.rules import Code
from guide_core.rules.content import may_manage_global
from guide_server.models import SensitiveWord
from guide_server.reader import GLOBAL, Reader
from guide_server.services.library_common import audit, not_found, refuse_if
from guide_server.services.rejection import Rejected
from guide_server.sync.versions import touch


def _data(row: SensitiveWord) -> SensitiveWordData:
    return SensitiveWordData(id=row.id, word=row.word, severity=row.severity)


def list_words(session: Session, reader: Reader) -> list[SensitiveWordData]:
    refuse_if(may_manage_global(reader.actor))
    rows = session.scalars(select(SensitiveWord).order_by(SensitiveWord.word, SensitiveWord.id))
    return [_data(w) for w in rows]


def add_word(session: Session, reader: Reader, write: SensitiveWordWrite) -> SensitiveWordData:
    refuse_if(may_manage_global(reader.actor))
    if session.scalar(select(SensitiveWord.id).where(SensitiveWord.word == write.word)):
        raise Rejected(Code.ALREADY_EXISTS, f"敏感词「{write.word}」, word exists")
    row = SensitiveWord(id=str(uuid.uuid4()), word=write.word, severity=str(write.severity))
    session.add(row)
    session.flush()
    touch(session, "sensitive_word", row.id, GLOBAL)
    audit(session, reader, "sensitive_word_added", f"{row.id} {row.word} {row.severity}")
    return _data(row)


def remove_word(session: Session, reader: Reader, word_id: str) -> Retired:
    refuse_if(may_manage_global(reader.actor))
    row = session.get(SensitiveWord, word_id, with_for_update=True)
    if row is None:
        raise not_found(Code.INVALID_FIELD, f"敏感词不存在: {word_id} (no such word)")
    session.delete(row)
    session.flush()
    touch(session, "sensitive_word", word_id, GLOBAL, deleted=True)
    audit(session, reader, "sensitive_word_removed", f"{word_id} {row.word}")
    return Retired(id=word_id, entity="sensitive_word")
