"""Unified search: the box at the top (Ctrl+K), grouped results, barcode-scanner input."""
