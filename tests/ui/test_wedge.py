"""Scanner bursts versus people typing (pure timing logic)."""

from ui.search.wedge import WedgeDetector


def feed(detector: WedgeDetector, text: str, start: float, gap: float) -> float:
    t = start
    for ch in text:
        detector.feed(ch, t)
        t += gap
    return t


def test_fast_burst_ending_in_enter_is_a_scan():
    d = WedgeDetector()
    end = feed(d, "M1234567890", 10.0, 0.004)
    assert d.finish(end) == "M1234567890"


def test_human_typing_is_not_a_scan():
    d = WedgeDetector()
    end = feed(d, "M1234567890", 10.0, 0.15)
    assert d.finish(end) is None


def test_short_codes_and_late_enter_are_not_scans():
    d = WedgeDetector()
    end = feed(d, "1234", 10.0, 0.004)
    assert d.finish(end) is None
    end = feed(d, "M1234567890", 20.0, 0.004)
    assert d.finish(end + 1.0) is None  # Enter pressed by a person a second later


def test_burst_after_slow_typing_counts_only_the_burst():
    d = WedgeDetector()
    t = feed(d, "ab", 10.0, 0.3)
    end = feed(d, "TB20260001", t + 0.5, 0.003)
    assert d.finish(end) == "TB20260001"
