"""Tests of the domain core: no Textual, no command line."""
