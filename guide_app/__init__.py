"""Guide Workstation client core: plain Python, never imports QtWidgets."""

__version__ = "0.1.0"
