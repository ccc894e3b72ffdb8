"""The published article: rendering an interview, and reading an article back."""

from .html import render_html
from .markdown import render_markdown

__all__ = ["render_html", "render_markdown"]
