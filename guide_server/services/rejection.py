"""The one exception a push handler raises to refuse a mutation."""

from __future__ import annotations

from guide_core.rules import Code, Refusal


class Rejected(Exception):
    """A mutation the server refuses: ``code`` (``guide_core.rules.Code``) for the
    client to match, ``reason`` (Chinese first) shown to the guide as is."""

    def __init__(self, refusal: Refusal | Code, detail: str = "", *, denied: bool = False) -> None:
        if not isinstance(refusal, Refusal):
            refusal = Refusal(Code(refusal), detail)
        super().__init__(refusal.reason)
        self.refusal = refusal
        self.code = refusal.code
        self.reason = refusal.reason
        #: audited as a permission denial even though the answer is "unknown" (a row of
        #: another store: the pusher is not told it exists, the audit log is)
        self.denied = denied or refusal.code in DENIALS


def refuse_if(refusal: Refusal | None) -> None:
    """Raise :class:`Rejected` for a rule's refusal (``None``: allowed)."""
    if refusal is not None:
        raise Rejected(refusal)


#: Codes that are a permission denial (audited as "denied").
DENIALS = frozenset({Code.FORBIDDEN, Code.NOT_OWNER, Code.OTHER_STORE, Code.UNKNOWN_FILE})
