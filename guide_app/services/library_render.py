"""A script personalised for a customer and checked before it leaves the app.

:class:`WordList` keeps the cached sensitive-word list as one
``guide_core.sensitive.Matcher`` (an Aho–Corasick automaton: one pass over a
text whatever the number of words), built once and rebuilt only when
``sensitive_word`` rows change: told by the session's change stream, or, for a
cache used without one, seen in the rows' count and versions.
:func:`render_script` fills a script from the cache: the customer's values,
the guide's name (their user row) and store (its store row).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from guide_app.cache.database import Cache
from guide_app.cache.rows import read_row
from guide_app.changes import Change, ChangeStream
from guide_app.domain.errors import ValidationFailed, not_found
from guide_app.domain.script_vars import render, variables_for
from guide_core.protocol import ScriptData, ScriptItem, UserInfo
from guide_core.rules import Code
from guide_core.sensitive import Matcher, SensitiveCheck
from guide_core.templates import TemplateError


class WordList:
    """The cached sensitive words as one matcher (thread-safe)."""

    def __init__(self, cache: Cache, changes: ChangeStream | None = None) -> None:
        self._cache = cache
        self._lock = threading.Lock()
        self._matcher: Matcher | None = None
        self._stamp: tuple | None = None
        #: With a change stream the stamp is read only after a change was told.
        self._told = changes is not None
        self._stale = True
        if changes is not None:
            changes.subscribe({"sensitive_word"}, self._on_change)

    def _on_change(self, _change: Change) -> None:
        self._stale = True

    def _read_stamp(self) -> tuple:
        with self._cache.read() as conn:
            row = conn.exec_driver_sql(
                "SELECT count(*), max(version), total(version) FROM sensitive_words"
            ).one()
        return tuple(row)

    def matcher(self) -> Matcher:
        """The matcher of the words cached now (rebuilt if they changed since the last)."""
        if self._told and not self._stale and self._matcher is not None:
            return self._matcher
        with self._lock:
            self._stale = False
            stamp = self._read_stamp()
            if self._matcher is None or stamp != self._stamp:
                with self._cache.read() as conn:
                    words = conn.exec_driver_sql("SELECT word, severity FROM sensitive_words").all()
                self._matcher = Matcher((w, s) for w, s in words)
                self._stamp = stamp
            return self._matcher

    def check(self, text: str) -> SensitiveCheck:
        return self.matcher().check(text)


@dataclass(frozen=True)
class RenderedScript:
    """A script filled for one customer: what to copy, what is missing, what the words say."""

    text: str
    #: variables with no value and no fallback (the text must not be sent as it is)
    missing: list[str]
    #: (start, end) in ``text`` of each missing variable, left as ``{名}``
    missing_spans: list[tuple[int, int]]
    #: sensitive words in ``text``
    check: SensitiveCheck
    #: the script's items, text items filled the same way
    items: list[ScriptItem]
    script: ScriptData
    #: sensitive words of each item (same order as ``items``; clean for materials)
    item_checks: list[SensitiveCheck] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def blocked(self) -> bool:
        """A blocking word in the text or any item: the copy must stop."""
        return self.check.blocked or any(c.blocked for c in self.item_checks)


def _names(cache: Cache, user: UserInfo, store_id: str | None) -> tuple[str, str]:
    """The guide's display name and the store's name, from the cache."""
    with cache.read() as conn:
        me = read_row(conn, "user", user.id)
        store = read_row(conn, "store", user.store_id or store_id or "")
    guide = (me[1].get("display_name") if me else None) or user.display_name
    return guide, (store[1].get("name") if store else "") or ""


def render_script(
    cache: Cache,
    user: UserInfo,
    words: WordList,
    script_id: str,
    customer_id: str | None = None,
    customer: Mapping[str, Any] | None = None,
) -> RenderedScript:
    """``script_id`` filled for ``customer_id`` (from the cache) or ``customer`` (a row read
    elsewhere, e.g. HQ's online card), checked against the sensitive words."""
    with cache.read() as conn:
        got = read_row(conn, "script", script_id)
        if got is None:
            raise not_found(Code.UNKNOWN_SCRIPT, script_id, field="script_id")
        if customer_id is not None:
            row = read_row(conn, "customer", customer_id)
            if row is None:
                raise not_found(Code.UNKNOWN_CUSTOMER, customer_id, field="customer_id")
            customer = row[1]
    script = ScriptData.model_validate(got[1])
    guide, store = _names(cache, user, (customer or {}).get("store_id"))
    values = variables_for(customer or {}, guide, store)
    matcher = words.matcher()
    try:
        filled = render(script.body, values)
        items = [
            item.model_copy(update={"text": render(item.text, values).text})
            if item.kind == "text"
            else item
            for item in script.items
        ]
        missing = list(filled.missing)
        for item in script.items:
            if item.kind == "text":
                missing.extend(m for m in render(item.text, values).missing if m not in missing)
    except TemplateError as exc:
        raise ValidationFailed(
            f"话术「{script.title}」的正文有误: {exc}", field="body", code=Code.INVALID_FIELD
        ) from None
    return RenderedScript(
        text=filled.text,
        missing=missing,
        missing_spans=list(filled.missing_spans),
        check=matcher.check(filled.text),
        items=items,
        script=script,
        item_checks=[
            matcher.check(i.text) if i.kind == "text" else SensitiveCheck() for i in items
        ],
    )
