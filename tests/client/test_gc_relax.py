"""The collector's thresholds during a pull: raised, re-entrant, restored."""

from __future__ import annotations

import gc
import threading

from guide_app.sync.gc_relax import PULL_THRESHOLDS, relaxed_gc


def test_thresholds_raised_inside_and_restored_after_the_last_user():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with relaxed_gc():
            assert gc.get_threshold() == PULL_THRESHOLDS
            with relaxed_gc():  # a second engine in the same process
                assert gc.get_threshold() == PULL_THRESHOLDS
            assert gc.get_threshold() == PULL_THRESHOLDS
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_never_lowers_what_the_app_set_and_survives_an_error():
    before = gc.get_threshold()
    try:
        gc.set_threshold(500_000, 20, 100)
        try:
            with relaxed_gc():
                assert gc.get_threshold() == (500_000, 50, 1000)
                raise RuntimeError("pull failed")
        except RuntimeError:
            pass
        assert gc.get_threshold() == (500_000, 20, 100)
    finally:
        gc.set_threshold(*before)


def test_overlapping_pulls_on_two_threads_restore_once_both_end():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        inside, leave = threading.Event(), threading.Event()

        def other() -> None:
            with relaxed_gc():
                inside.set()
                leave.wait(5)

        t = threading.Thread(target=other)
        t.start()
        inside.wait(5)
        with relaxed_gc():
            pass
        assert gc.get_threshold() == PULL_THRESHOLDS  # the other pull is still running
        leave.set()
        t.join(5)
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)
