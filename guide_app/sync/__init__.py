"""Talking to the server: HTTP client, sync engine, blob cache (the wire format is guide_core.protocol)."""
