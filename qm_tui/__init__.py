"""qm-tui: capture Quality Mark (QM) interviews in the terminal and publish them as articles."""

__version__ = "0.3.0"
