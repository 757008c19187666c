"""The demo chain: a realistic retail chain's data for trials, tests and benchmarks.

Names resolve lazily so ``python -m guide_server.demo.generate`` (the timing
run) does not import the generator twice.
"""

from typing import Any

__all__ = ["DEMO_PASSWORD", "demo_assets", "generate_chain", "sign_ins"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from guide_server.demo import generate

        return getattr(generate, name)
    raise AttributeError(f"module 'guide_server.demo' has no attribute {name!r}")
