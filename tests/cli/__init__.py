"""Tests of the command line, mostly as a user runs it (a subprocess)."""
