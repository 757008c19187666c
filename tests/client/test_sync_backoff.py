"""The offline backoff schedule: 2 s doubling to 60 s, ±20 %, reset on success."""

import random

from guide_app.sync.status import Backoff


def test_doubles_from_two_to_sixty_with_jitter():
    b = Backoff(rng=random.Random(7))
    delays = [b.next_delay() for _ in range(10)]
    nominal = [2, 4, 8, 16, 32, 60, 60, 60, 60, 60]
    for got, want in zip(delays, nominal, strict=True):
        assert want * 0.8 <= got <= want * 1.2
    assert len({round(d, 6) for d in delays[5:]}) > 1  # jittered, not in lockstep


def test_reset_starts_over():
    b = Backoff(rng=random.Random(1))
    for _ in range(4):
        b.next_delay()
    b.reset()
    assert 1.6 <= b.next_delay() <= 2.4
