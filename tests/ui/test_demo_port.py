"""``guide-app --demo`` keeps its server's address, so its cache (keyed by address) stays the same.

These start the real demo server (``guide-server demo``, one store) in its own
data folder; the first start seeds it (~2 s), later starts reuse the data.
"""

from __future__ import annotations

import socket

import pytest

from guide_app.demo_server import DemoServer


@pytest.fixture
def demo_dir(tmp_path):
    return tmp_path / "demo-server"


def _start(demo_dir) -> DemoServer:
    demo = DemoServer(demo_dir, stores=1)
    demo.start()
    return demo


def test_the_demo_server_comes_back_on_its_remembered_port(demo_dir):
    first = _start(demo_dir)
    first.stop()
    second = _start(demo_dir)
    try:
        assert second.port == first.port and second.url == first.url
    finally:
        second.stop()


def test_a_port_taken_by_another_program_moves_the_demo_and_is_remembered(demo_dir):
    first = _start(demo_dir)
    first.stop()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", first.port))
        squatter.listen()
        moved = _start(demo_dir)
        moved.stop()
    assert moved.port != first.port
    back = _start(demo_dir)
    try:
        assert back.port == moved.port  # the new address is the one remembered
    finally:
        back.stop()


def test_a_second_app_uses_the_demo_server_already_running(demo_dir):
    first = _start(demo_dir)
    try:
        second = _start(demo_dir)
        assert second.url == first.url
        second.stop()  # did not start it: leaves it running for the first app
        assert first.process is not None and first.process.poll() is None
    finally:
        first.stop()
