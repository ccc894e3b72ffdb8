"""The user's settings: where qm-tui keeps its files, config.toml, and the interface language."""
