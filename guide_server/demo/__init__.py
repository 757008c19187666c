"""The demo chain: a realistic retail chain's data for trials, tests and benchmarks."""

from guide_server.demo.generate import DEMO_PASSWORD, demo_assets, generate_chain, sign_ins

__all__ = ["DEMO_PASSWORD", "demo_assets", "generate_chain", "sign_ins"]
