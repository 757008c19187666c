"""Regions, stores, users and what sign-in needs (tokens, throttling)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime, utcnow


class Region(Base):
    __tablename__ = "region"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))


class Store(Base):
    __tablename__ = "store"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    region_id: Mapped[str] = mapped_column(ForeignKey("region.id"))
    city: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(String(256), default="")


class User(Base):
    __tablename__ = "app_user"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    store_id: Mapped[str | None] = mapped_column(ForeignKey("store.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The guide's personal WeCom QR code (an uploaded image blob), for posters.
    wecom_qr_sha256: Mapped[str | None] = mapped_column(String(64))


class AuthToken(Base):
    """A bearer token; only its SHA-256 is stored, so a database leak grants nothing."""

    __tablename__ = "auth_token"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginThrottle(Base):
    """One sign-in counter (see ``guide_server/throttle.py`` for the keys and rules).

    ``failures`` counts attempts reserved and not given back by a success (so attempts
    still being checked count too). ``window_start`` opens the counting window; for a
    username's counter it is the time of the latest check instead (the counter is
    forgotten after a quiet period). ``next_allowed_at``: a username's backoff — no
    check before it. ``last_success_at``: a (username, address) pair's last sign-in,
    which makes the address known to that user.
    """

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    next_allowed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
