"""Every business rule of a write, once, for the server (which decides) and the
client (which asks the same functions for instant feedback).

- ``codes``: rejection codes (``Code``) with their Chinese, ``Refusal``;
- ``facts``: ``Actor``, ``Target``, ``ItemState`` — the plain facts rules read;
- ``operations``: the operation table (``OPERATIONS``) and ``check``;
- ``assignments``: the assignment state machine; ``tags``: group visibility and
  the single-choice rule; ``visibility``: whole phone, materials, scripts;
- ``users``: who may manage which account (the admin area).
"""

from .codes import TEXT, Code, Refusal, refuse, text_of
from .facts import Actor, ItemState, Target
from .operations import OPERATIONS, Operation, check

__all__ = [
    "OPERATIONS",
    "TEXT",
    "Actor",
    "Code",
    "ItemState",
    "Operation",
    "Refusal",
    "Target",
    "check",
    "refuse",
    "text_of",
]
