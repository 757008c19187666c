"""Talking to the server: wire format (protocol), HTTP client, sync engine, blob cache."""
