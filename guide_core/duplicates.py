"""Duplicate customers: what makes two customers of a store "the same", and who
may clear the server's flag.

Shared by the client (the warning before a save, the instant refusal of a
dismiss) and the server (the ``duplicate_of`` flag it sets, the check of a
dismiss), so both sides decide from the same code.

A customer is a suspected duplicate of another *of the same store* when their
normalised mobile numbers are equal, or their member numbers are (exactly,
after the protocol's strip). The server never refuses such an edit: two PCs
may have created the same person while offline; it flags the later one for
the store's supervisor instead.
"""

from __future__ import annotations

from guide_core.phone import InvalidPhone, normalize_cn_mobile
from guide_core.rules import Actor, Target, check


def phone_key(phone: str | None) -> str | None:
    """The number two customers must share to be the same (None: no usable phone).

    Masked numbers (``138****5678``) and invalid input give None: they cannot
    be compared exactly.
    """
    if not phone or "*" in phone:
        return None
    try:
        return normalize_cn_mobile(phone)
    except InvalidPhone:
        return None


def member_key(member_no: str | None) -> str | None:
    """The member number as compared (stripped; None when empty)."""
    text = (member_no or "").strip()
    return text or None


def can_dismiss_duplicate(
    role: str, own_store_id: str | None, customer_store_id: str | None
) -> bool:
    """Clearing a duplicate flag is for the customer's store supervisor and HQ.

    Guides see the flag but may not clear it: deciding that two cards are two
    different people (a couple sharing a phone) is the supervisor's call. The rule
    itself is ``customer.dismiss_duplicate`` of the operation table.
    """
    actor = Actor(role, "", own_store_id)
    return check("customer", "dismiss_duplicate", actor, Target(store_id=customer_store_id)) is None
