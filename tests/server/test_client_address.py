"""``X-Forwarded-For`` is believed only from trusted proxies, read from the right."""

from __future__ import annotations

import pytest

from guide_server.api.client_address import resolve, trusted_networks
from guide_server.config import Settings

LOOPBACK_AND_LAN = trusted_networks(("127.0.0.1", "10.0.0.0/8", "fd00::/8"))


def test_no_trusted_proxy_means_the_socket_peer():
    assert resolve("127.0.0.1", ["6.6.6.6"], ()) == "127.0.0.1"


def test_header_from_an_untrusted_peer_is_ignored():
    assert resolve("198.51.100.7", ["6.6.6.6"], LOOPBACK_AND_LAN) == "198.51.100.7"


def test_rightmost_untrusted_hop_is_the_client():
    # The client forged "6.6.6.6"; the outer proxy appended 203.0.113.9, the inner 10.0.0.2.
    header = ["6.6.6.6, 203.0.113.9, 10.0.0.2"]
    assert resolve("127.0.0.1", header, LOOPBACK_AND_LAN) == "203.0.113.9"
    # Several header lines are one list, in order.
    assert resolve("127.0.0.1", ["6.6.6.6", "203.0.113.9,10.0.0.2"], LOOPBACK_AND_LAN) == (
        "203.0.113.9"
    )


def test_every_hop_trusted_gives_the_leftmost():
    assert resolve("127.0.0.1", ["10.1.1.1, 10.0.0.2"], LOOPBACK_AND_LAN) == "10.1.1.1"


def test_no_header_from_a_trusted_peer_is_the_peer():
    assert resolve("10.0.0.2", [], LOOPBACK_AND_LAN) == "10.0.0.2"


def test_garbage_stops_at_the_last_trusted_hop():
    assert resolve("127.0.0.1", ["203.0.113.9, unknown"], LOOPBACK_AND_LAN) == "127.0.0.1"
    assert resolve("127.0.0.1", ["unknown, 10.0.0.2"], LOOPBACK_AND_LAN) == "10.0.0.2"


def test_ports_brackets_and_ipv4_mapped_addresses_are_normalised():
    assert resolve("127.0.0.1", ["203.0.113.9:4711"], LOOPBACK_AND_LAN) == "203.0.113.9"
    assert resolve("127.0.0.1", ['"[2001:db8::1]:443"'], LOOPBACK_AND_LAN) == "2001:db8::1"
    assert resolve("::ffff:127.0.0.1", ["::ffff:203.0.113.9"], LOOPBACK_AND_LAN) == "203.0.113.9"
    assert resolve("fd00::5", ["2001:DB8::1"], LOOPBACK_AND_LAN) == "2001:db8::1"


def test_settings_take_a_comma_list_or_json_and_refuse_garbage(monkeypatch):
    monkeypatch.setenv("GUIDE_SERVER_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")
    assert Settings().trusted_proxies == ["127.0.0.1", "10.0.0.0/8"]
    monkeypatch.setenv("GUIDE_SERVER_TRUSTED_PROXIES", '["::1"]')
    assert Settings().trusted_proxies == ["::1"]
    monkeypatch.delenv("GUIDE_SERVER_TRUSTED_PROXIES")
    assert Settings().trusted_proxies == []
    with pytest.raises(ValueError, match="proxy.example"):
        Settings(trusted_proxies="proxy.example")
