"""Reusable widgets of the qm-tui app."""
