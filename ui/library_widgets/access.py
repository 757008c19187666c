"""The library the widgets read: ``session.library`` (guide_app's LibraryService).

Until a session carries one, :class:`InterimLibrary` answers the same calls
from the older ``session.scripts`` / ``session.materials`` and the unified
search (no favourites, recent list or suggestions there: those say so).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from guide_app.domain.script_vars import variables_for
from guide_core import templates
from guide_core.sensitive import Matcher, SensitiveCheck


def library_of(session: Any) -> Any:
    """The session's library service (or the interim stand-in)."""
    library = getattr(session, "library", None)
    if library is not None:
        return library
    interim = getattr(session, "_interim_library", None)
    if interim is None:
        interim = InterimLibrary(session)
        session._interim_library = interim
    return interim


@dataclass(frozen=True)
class InterimHit:
    kind: str
    id: str
    title: str
    snippet: str
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    snippet_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class InterimRendered:
    text: str
    missing: list[str]
    missing_spans: list[tuple[int, int]]
    check: SensitiveCheck
    items: list[Any]
    script: Any


def spans_of(text: str, needle: str) -> list[tuple[int, int]]:
    """Every case-insensitive occurrence of ``needle`` in ``text``."""
    needle = needle.strip().casefold()
    folded = text.casefold()
    spans, pos = [], 0
    while needle:
        pos = folded.find(needle, pos)
        if pos < 0:
            break
        spans.append((pos, pos + len(needle)))
        pos += len(needle)
    return spans


class InterimLibrary:
    """The LibraryService calls the widgets make, over the session's older services."""

    def __init__(self, session: Any) -> None:
        self._session = session
        self._matcher: Matcher | None = None

    def groups(self) -> list[Any]:
        return self._session.scripts.groups()

    def scripts(
        self, group_id: str | None = None, view: str = "all", limit: int = 200, offset: int = 0
    ) -> list[Any]:
        rows = self._session.scripts.list(group_id=group_id, limit=limit, offset=offset)
        if view == "mine":
            return [s for s in rows if str(s.scope) == "personal"]
        if view in ("favorites", "recent"):
            return []
        return rows

    def materials(
        self, kind: str | None = None, view: str = "all", limit: int = 200, offset: int = 0
    ) -> list[Any]:
        if view in ("favorites", "recent"):
            return []
        return self._session.materials.list(kind=kind, limit=limit, offset=offset)

    def script(self, script_id: str) -> Any:
        return self._session.scripts.get(script_id)

    def material(self, material_id: str) -> Any:
        return self._session.materials.get(material_id)

    def search(self, text: str, limit: int = 50) -> list[InterimHit]:
        found = self._session.search(text, limit_per_kind=limit)
        hits = []
        for hit in found.hits():
            if hit.kind not in ("script", "material"):
                continue
            snippet = hit.subtitle or ""
            hits.append(
                InterimHit(
                    hit.kind,
                    hit.id,
                    hit.title,
                    snippet,
                    spans_of(hit.title, text),
                    spans_of(snippet, text),
                )
            )
        return hits[:limit]

    def answers(self, message: str, limit: int = 10) -> list[InterimHit]:
        words = [w for w in message.replace("？", " ").replace("，", " ").split() if w]
        seen: dict[str, InterimHit] = {}
        for word in words or [message]:
            for hit in self.search(word[:12], limit):
                seen.setdefault(hit.id, hit)
        return list(seen.values())[:limit]

    def check_text(self, text: str) -> SensitiveCheck:
        if self._matcher is None:
            self._matcher = Matcher(_words(self._session))
        return self._matcher.check(text)

    def render(self, script_id: str, customer_id: str | None = None) -> InterimRendered:
        script = self.script(script_id)
        if script is None:
            raise LookupError(script_id)
        customer = self._session.customers.get(customer_id) if customer_id else None
        from ui.library_widgets.posters import store_name

        values = variables_for(
            customer or {}, self._session.user.display_name, store_name(self._session)
        )
        if customer is not None:
            values["会员等级"] = str(customer.level or "")
            values["会员号"] = customer.member_no or ""
        rendered = templates.render(script.body, values)
        return InterimRendered(
            rendered.text,
            rendered.missing,
            rendered.missing_spans,
            self.check_text(rendered.text),
            list(script.items),
            script,
        )

    def record_use(self, kind: str, item_id: str, customer_id: str | None = None) -> None:
        if kind == "script":
            self._session.scripts.record_use(item_id)
        else:
            self._session.materials.record_use(item_id)

    def is_favorite(self, _kind: str, _item_id: str) -> bool:
        return False

    def set_favorite(self, _kind: str, _item_id: str, _on: bool) -> None:
        raise NotImplementedError("收藏需要新版数据服务")

    def recent(self, limit: int = 20) -> list[tuple[str, str]]:
        return []

    def create_personal(self, title: str, body: str, keywords=None, group_id=None) -> str:
        return self._session.scripts.create_personal(title, body, keywords, group_id)

    def update_personal(self, script_id: str, **fields: Any) -> None:
        self._session.scripts.update_personal(script_id, **fields)

    def delete_personal(self, script_id: str) -> None:
        self._session.scripts.delete_personal(script_id)

    def suggest(self, _script_id: str) -> None:
        raise NotImplementedError("建议加入总部话术库需要新版数据服务")

    def suggestions(self) -> list[Any]:
        return []


def _words(session: Any) -> list[tuple[str, str]]:
    from guide_app.services.content import SensitiveWords

    return SensitiveWords(session.cache).words()
