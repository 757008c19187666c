"""Entities, enums and rules shared by the client screens and the server."""
