"""`python -m qm_tui` runs the command-line interface."""

from .cli import main

raise SystemExit(main())
