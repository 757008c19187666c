"""One search over customers, orders, scripts, materials and tasks, from the local cache."""

from .engine import lookup_code, search
from .results import KIND_LABELS, KINDS, Hit, SearchGroup, SearchResults

__all__ = ["search", "lookup_code", "Hit", "SearchGroup", "SearchResults", "KINDS", "KIND_LABELS"]
