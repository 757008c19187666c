"""The demo chain's clock: the chain is in China, so times carry +08:00.

Plans hold times as epoch seconds and days as ``date.toordinal()``; ``iso``
turns epoch seconds into the wire's ISO text on the hot path.
"""

from __future__ import annotations

from datetime import date, timedelta, timezone

#: Store clocks: the chain is in China, times carry +08:00.
TZ = timezone(timedelta(hours=8))
DAY = 86400
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def epoch_day(ordinal: int) -> int:
    """Epoch seconds of 00:00 UTC on the day with this ``date.toordinal()``."""
    return (ordinal - EPOCH_ORDINAL) * DAY


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 Feb becomes 28 Feb)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


_DAY_PREFIXES: dict[int, str] = {}


def iso(ts: int) -> str:
    """``datetime.fromtimestamp(ts, TZ).isoformat()``, three times faster (a hot path)."""
    day, second = divmod(ts + 8 * 3600, DAY)
    prefix = _DAY_PREFIXES.get(day)
    if prefix is None:
        prefix = _DAY_PREFIXES[day] = date.fromordinal(day + EPOCH_ORDINAL).isoformat()
    hour, rest = divmod(second, 3600)
    return f"{prefix}T{hour:02d}:{rest // 60:02d}:{rest % 60:02d}+08:00"
