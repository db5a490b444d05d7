"""The one exception the document layer raises on bad input."""

from __future__ import annotations


class DocumentError(ValueError):
    """A document cannot be made from its input; the message is Chinese and names the problem."""
