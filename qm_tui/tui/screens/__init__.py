"""The screens of the qm-tui app."""
