"""Tests of the Textual app, driven through its pilot."""
