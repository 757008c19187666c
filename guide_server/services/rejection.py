"""The one exception a push handler raises to refuse a mutation."""


class Rejected(Exception):
    """A mutation the server refuses; ``reason`` is shown to the guide as is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


FORBIDDEN = "forbidden: 无权操作"
