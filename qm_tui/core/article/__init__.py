"""The published article: rendering an interview, and reading an article back.

The modules load on first use (`render_html` from `.html`, `render_markdown` from `.markdown`):
importing one format's module never imports the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .write.html import render_html
from .write.markdown import render_markdown

if TYPE_CHECKING:
    from .write.html import render_html
    from .write.markdown import render_markdown

__all__ = ["render_html", "render_markdown"]


def __getattr__(name: str) -> Any:
    if name == "render_html":
        return render_html
    if name == "render_markdown":
        return render_markdown
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
