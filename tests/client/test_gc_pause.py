"""The cyclic collector during a pull: paused, re-entrant, restored."""

from __future__ import annotations

import gc
import threading

from guide_core.gc_pause import paused_gc


def test_paused_inside_and_back_on_after_the_last_user():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # a second engine in the same process
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_left_off_if_it_was_off_and_restored_after_an_error():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # not switched on behind the app's back
    finally:
        gc.enable()
    try:
        with paused_gc():
            raise RuntimeError("pull failed")
    except RuntimeError:
        pass
    assert gc.isenabled()


def test_overlapping_pulls_on_two_threads_restore_once_both_end():
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with paused_gc():
            inside.set()
            leave.wait(5)

    t = threading.Thread(target=other)
    t.start()
    inside.wait(5)
    with paused_gc():
        pass
    assert not gc.isenabled()  # the other pull is still running
    leave.set()
    t.join(5)
    assert gc.isenabled()
