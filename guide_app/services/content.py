"""The first client core's script and material services, kept for their callers.

New code uses ``session.library`` (:class:`guide_app.services.library.LibraryService`),
which these delegate to. Two differences stay for those callers: ``record_use``
here queues a use without time or customer and does not feed 最近使用, and
``ScriptService.render`` takes the customer as an object and the names as given.
"""

from __future__ import annotations

from typing import Any

from guide_app.cache.database import Cache
from guide_app.cache.outbox import record_edit
from guide_app.domain.errors import not_found
from guide_app.domain.script_vars import render, variables_for
from guide_core.protocol import MaterialData, ScriptData, ScriptGroupData, UserInfo
from guide_core.rules import Code
from guide_core.sensitive import SensitiveCheck

from .library import LibraryService
from .library_render import RenderedScript, WordList

__all__ = ["MaterialService", "RenderedScript", "ScriptService", "SensitiveWords"]


class ScriptService:
    def __init__(self, cache: Cache, user: UserInfo) -> None:
        self._cache = cache
        self._user = user
        self._library = LibraryService(cache, user)

    def groups(self) -> list[ScriptGroupData]:
        return self._library.groups()

    def list(
        self, group_id: str | None = None, limit: int = 200, offset: int = 0
    ) -> list[ScriptData]:
        """Scripts valid today, most used first (optionally one group's)."""
        return self._library.scripts(group_id, "all", limit, offset)

    def get(self, script_id: str) -> ScriptData | None:
        return self._library.script(script_id)

    def render(
        self, script_id: str, customer: Any = None, guide_name: str = "", store_name: str = ""
    ) -> RenderedScript:
        """The body filled from ``customer`` (a mapping or an object), checked for sensitive words."""
        script = self.get(script_id)
        if script is None:
            raise not_found(Code.UNKNOWN_SCRIPT, script_id, field="script_id")
        values = variables_for(customer or {}, guide_name or self._user.display_name, store_name)
        filled = render(script.body, values)
        return RenderedScript(
            filled.text,
            list(filled.missing),
            list(filled.missing_spans),
            self._library.check_text(filled.text),
            list(script.items),
            script,
        )

    def record_use(self, script_id: str) -> None:
        """Count a use (copied to WeCom); the server adds it up across devices."""
        if self.get(script_id) is None:
            raise not_found(Code.UNKNOWN_SCRIPT, script_id, field="script_id")
        record_edit(self._cache, self._user.id, "script", "use", script_id, {}, None)

    def create_personal(
        self, title: str, body: str, keywords: list[str] | None = None, group_id: str | None = None
    ) -> str:
        """A personal script (only this user sees it); returns its id."""
        return self._library.create_personal(title, body, keywords, group_id)

    def update_personal(self, script_id: str, **fields: Any) -> None:
        self._library.update_personal(script_id, **fields)

    def delete_personal(self, script_id: str) -> None:
        self._library.delete_personal(script_id)


class MaterialService:
    def __init__(self, cache: Cache, user: UserInfo) -> None:
        self._cache = cache
        self._user = user
        self._library = LibraryService(cache, user)

    def list(
        self, kind: str | None = None, limit: int = 200, offset: int = 0
    ) -> list[MaterialData]:
        """Materials valid today, most used first."""
        return self._library.materials(kind, "all", limit, offset)

    def get(self, material_id: str) -> MaterialData | None:
        return self._library.material(material_id)

    def record_use(self, material_id: str) -> None:
        if self.get(material_id) is None:
            raise not_found(Code.UNKNOWN_MATERIAL, material_id, field="material_id")
        record_edit(self._cache, self._user.id, "material", "use", material_id, {}, None)


class SensitiveWords:
    """The cached HQ list; :meth:`check` before a text is copied out."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache
        self._list = WordList(cache)

    def words(self) -> list[tuple[str, str]]:
        with self._cache.read() as conn:
            return [
                (w, s)
                for w, s in conn.exec_driver_sql("SELECT word, severity FROM sensitive_words")
            ]

    def check(self, text: str) -> SensitiveCheck:
        return self._list.check(text)
