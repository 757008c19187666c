"""The page registry: every page of the left navigation, declared once.

Each folder under ``ui/pages/`` declares its page in its ``__init__.py`` as
``PAGE = PageSpec(...)``: key, title (Chinese source text, context ``Pages``),
icon, shortcut, audience (who sees it: decided by ``guide_app.navigation``),
the entities whose changes it shows, a factory, and page-level actions. The
main window builds its navigation, page stack, page shortcuts and refresh
subscriptions from :func:`pages`; the Help → 快捷键 table lists the same specs.
Adding a page is adding a folder (as Spyder adds a plugin): nothing else names it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from guide_app.navigation import Audience, sees

if TYPE_CHECKING:
    from guide_app.session import Session
    from guide_core.protocol import UserInfo

#: Translation context of page titles.
CONTEXT = "Pages"
#: ``PageSpec.entities`` for a page that shows something of every change
#: (今日 counts the edits waiting to be sent, whatever they touch).
EVERY_ENTITY: frozenset[str] | None = None


class PageHost(Protocol):
    """What a page may ask of the window (pages never talk to each other)."""

    def open_customer(self, customer_id: str, script_id: str | None = None) -> object: ...
    def new_customer(self) -> None: ...
    def open_assignment(self, assignment_id: str) -> None: ...


class PageWidget(QWidget):
    """Base of every page: what the window calls on each (no-ops unless overridden)."""

    def retranslate_ui(self) -> None:
        """The language changed: set every text again."""

    def load(self) -> None:
        """First fill, once the window is shown and attached to the sync."""

    def on_entities_changed(self, entities: set[str]) -> None:
        """Rows of ``entities`` changed (here or pulled): refresh what shows them.

        Called on the GUI thread, only for changes that touch ``PageSpec.entities``.
        """

    def save_layout(self) -> None:
        """The window is closing: keep column widths and the like."""


PageFactory = Callable[["Session", PageHost], PageWidget]


@dataclass(frozen=True)
class PageAction:
    """A shortcut that belongs to a page: shows the page, then ``run(page)``.

    ``run=None``: handled by the page's own widgets, listed in the help only.
    """

    name: str
    keys: str
    title: str  # Chinese source text, context "Shortcuts" (QT_TRANSLATE_NOOP)
    run: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # Chinese source text, context "Pages" (QT_TRANSLATE_NOOP)
    icon: str  # resources/icons/<icon>.svg
    shortcut: str  # QKeySequence portable text
    factory: PageFactory
    audience: Audience = Audience.EVERYONE
    #: The entities whose changes the page shows (``EVERY_ENTITY``: all of them).
    entities: frozenset[str] | None = frozenset()
    #: Position in the navigation (ascending).
    order: int = 100
    actions: tuple[PageAction, ...] = ()

    def translated_title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title)

    def visible_to(self, user: UserInfo) -> bool:
        return sees(user, self.audience)

    def wants(self, changed: set[str]) -> bool:
        """True when a change of ``changed`` concerns this page."""
        return self.entities is EVERY_ENTITY or bool(self.entities & changed)


_registered: dict[str, PageSpec] = {}
_discovered = False


def _discover() -> None:
    """Import every page folder under ``ui/pages/`` once (each registers its ``PAGE``)."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    import ui.pages as package

    for info in pkgutil.iter_modules(package.__path__):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        spec = getattr(module, "PAGE", None)
        if isinstance(spec, PageSpec):
            register(spec)


def register(spec: PageSpec) -> PageSpec:
    """Add (or replace) a page; windows built afterwards show it."""
    _registered[spec.key] = spec
    return spec


def unregister(key: str) -> None:
    _registered.pop(key, None)


def pages() -> tuple[PageSpec, ...]:
    """Every registered page, in navigation order."""
    _discover()
    return tuple(sorted(_registered.values(), key=lambda s: (s.order, s.key)))


def pages_for(user: UserInfo) -> tuple[PageSpec, ...]:
    """The pages ``user`` sees, in navigation order."""
    return tuple(s for s in pages() if s.visible_to(user))
