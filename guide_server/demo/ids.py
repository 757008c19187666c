"""Deterministic ids and numbers for the demo chain.

Row ids are uuid5 of the chain's seed and a key (uuid4-shaped for orders, from
a seeded ``random.Random``); member and order numbers are scrambled counters,
so they look random but never repeat.
"""

from __future__ import annotations

import hashlib
import uuid

#: The namespace the chain's own uuid5 namespace (one per seed) is derived from.
NAMESPACE = uuid.UUID("0b9c5a8e-3f3e-4f0a-8d55-2f1f6b1c7a42")


def _uuid_text(value: int) -> str:
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid4_text(bits: int) -> str:
    """``str(uuid.UUID(int=bits, version=4))`` without building the object."""
    return _uuid_text((bits & ~(0xF000 << 64) | (0x4000 << 64)) & ~(0xC000 << 48) | (0x8000 << 48))


def uuid5_text(namespace: bytes, name: str) -> str:
    """``str(uuid.uuid5(namespace, name))`` without building the object."""
    value = int.from_bytes(hashlib.sha1(namespace + name.encode()).digest()[:16], "big")
    return _uuid_text((value & ~(0xF000 << 64) | (0x5000 << 64)) & ~(0xC000 << 48) | (0x8000 << 48))


def scramble(n: int, modulus: int, salt: int) -> int:
    """A bijection on ``range(modulus)`` (modulus a power of ten): unique, random-looking digits.

    Multiplying by a unit near ``modulus`` × golden ratio spreads neighbours far apart.
    """
    factor = int(modulus * 0.6180339887498949) | 1
    if factor % 5 == 0:
        factor += 2
    return (n * factor + salt * 0x9E3779B97F4A7C15 + 0x2545F4914F6CDD1D) % modulus
