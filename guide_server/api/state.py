"""What every request handler needs, built once per process by ``create_app``."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from guide_server.auth import Authenticator
from guide_server.blobs import BlobStore
from guide_server.config import Settings
from guide_server.db import Database
from guide_server.sync.live import ChangeHub
from guide_server.sync.pull import CounterCache, ServerKeys


@dataclass
class ServerState:
    settings: Settings
    db: Database
    auth: Authenticator
    keys: ServerKeys
    counters: CounterCache
    blobs: BlobStore
    #: Held pulls of this process and their wake-ups (long-poll).
    live: ChangeHub


def state_of(request: Request) -> ServerState:
    return request.app.state.guide
