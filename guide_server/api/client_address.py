"""Who is calling: the socket's peer, or what a trusted reverse proxy says it forwarded.

``X-Forwarded-For`` is written by whoever sends the request, so it is only believed when the
peer is one of ``Settings.trusted_proxies``. Each proxy appends the address it received the
request from, so the header is read from the right: the right-most address that is not a
trusted proxy is the client (anything left of it the client may have written itself). uvicorn's
own proxy-header handling is off (``guide-server run``), so the peer seen here is the socket's.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from starlette.requests import Request

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """``Settings.trusted_proxies`` parsed once (the settings already checked each entry)."""
    return tuple(ipaddress.ip_network(e, strict=False) for e in entries)


def _parse(text: str) -> IPAddress | None:
    """An address from a header entry or a peer (``1.2.3.4:5678``, ``[::1]:80`` tolerated)."""
    text = text.strip().strip('"')
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _trusted(ip: IPAddress, networks: Iterable[Network]) -> bool:
    return any(ip.version == net.version and ip in net for net in networks)


def resolve(peer: str, forwarded_for: list[str], networks: tuple[Network, ...]) -> str:
    """The client's address given the socket peer and every ``X-Forwarded-For`` header value."""
    peer_ip = _parse(peer)
    if peer_ip is None or not networks or not _trusted(peer_ip, networks):
        return str(peer_ip) if peer_ip is not None else peer
    client = peer_ip
    hops = [h for value in forwarded_for for h in value.split(",") if h.strip()]
    for hop in reversed(hops):
        ip = _parse(hop)
        if ip is None:
            break  # garbage from the hop we trusted last: that hop is all we know
        client = ip
        if not _trusted(ip, networks):
            break
    return str(client)


def client_address(request: Request, trusted_proxies: list[str]) -> str:
    """The address the sign-in throttle and the audit log use for ``request``."""
    peer = request.client.host if request.client else ""
    return resolve(
        peer, request.headers.getlist("x-forwarded-for"), trusted_networks(tuple(trusted_proxies))
    )
