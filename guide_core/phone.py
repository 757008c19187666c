"""Mainland China mobile numbers: normalising, validating, masking."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-()（）]")
_MOBILE = re.compile(r"1[3-9]\d{9}")


class InvalidPhone(ValueError):
    """Raised with a message a store guide can read."""


def normalize_cn_mobile(raw: str) -> str:
    """Return the 11-digit mobile number in ``raw`` or raise :class:`InvalidPhone`.

    Accepts spaces, dashes and brackets, full-width digits, and a ``+86`` /
    ``0086`` / ``86`` country prefix, because that is how numbers arrive when
    pasted from WeCom or typed at the counter.
    """
    text = raw.strip().translate(_FULLWIDTH_DIGITS)
    text = _SEPARATORS.sub("", text)
    if not text:
        raise InvalidPhone("手机号不能为空")
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    if not text.isdigit():
        raise InvalidPhone(f"手机号只能包含数字: 「{raw.strip()}」")
    if len(text) != 11:
        raise InvalidPhone(f"手机号应为11位, 实际{len(text)}位: 「{raw.strip()}」")
    if not _MOBILE.fullmatch(text):
        raise InvalidPhone(f"不是有效的中国大陆手机号 (应以13-19开头): 「{raw.strip()}」")
    return text


def mask_phone(phone: str | None) -> str:
    """``13812345678`` → ``138****5678``; anything shorter is masked whole but the last 4."""
    if not phone:
        return ""
    if len(phone) == 11 and phone.isdigit():
        return f"{phone[:3]}****{phone[-4:]}"
    if "*" in phone:
        return phone
    return "*" * max(0, len(phone) - 4) + phone[-4:]


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９＋", "0123456789+")
