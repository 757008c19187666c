"""Sensitive words (敏感词) on the client: the shared matcher of ``guide_core.sensitive``.

Kept as a module so the client's callers import one place; the matcher the
library keeps (built once per word list) is ``guide_app.services.library_render``.
"""

from __future__ import annotations

from guide_core.sensitive import BLOCK, WARN, Matcher, SensitiveCheck, WordHit, check_text, fold

__all__ = ["BLOCK", "WARN", "Matcher", "SensitiveCheck", "WordHit", "check_text", "fold"]
