"""The opaque pull cursor: per-scope versions and the epoch, signed with HMAC.

``base64url(zlib(json)).base64url(hmac-sha256)``; the client never looks inside.
(Compressed since an HQ reader's cursor named every store; it holds three scopes now.)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import zlib
from dataclasses import dataclass, field

import orjson


class InvalidCursor(ValueError):
    """Not a cursor this server signed (tampered, truncated, or garbage)."""


@dataclass
class CursorState:
    epoch: str
    scopes: dict[str, int]
    #: Scopes still in their first pass (rows the reader may not see are skipped, not tombstoned).
    warming: list[str] = field(default_factory=list)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_cursor(state: CursorState, secret: bytes) -> str:
    body: dict = {"epoch": state.epoch, "scopes": state.scopes}
    if state.warming:
        body["warming"] = sorted(state.warming)
    payload = zlib.compress(orjson.dumps(body, option=orjson.OPT_SORT_KEYS), 6)
    mac = hmac.new(secret, payload, hashlib.sha256).digest()
    return f"{_b64(payload)}.{_b64(mac)}"


def decode_cursor(cursor: str, secret: bytes) -> CursorState:
    """Verify the signature and return the state, or raise :class:`InvalidCursor`."""
    try:
        body, mac = cursor.split(".")
        payload, given = _unb64(body), _unb64(mac)
    except (ValueError, TypeError) as exc:
        raise InvalidCursor("invalid cursor: 游标格式不对") from exc
    expected = hmac.new(secret, payload, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, given):
        raise InvalidCursor("invalid cursor: 游标签名不符(被修改过)")
    try:
        data = orjson.loads(zlib.decompress(payload))
        scopes = {str(k): int(v) for k, v in data["scopes"].items()}
        warming = [str(w) for w in data.get("warming", [])]
        return CursorState(epoch=str(data["epoch"]), scopes=scopes, warming=warming)
    except (
        zlib.error,
        orjson.JSONDecodeError,
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
    ) as exc:
        raise InvalidCursor("invalid cursor: 游标内容无法解析") from exc
