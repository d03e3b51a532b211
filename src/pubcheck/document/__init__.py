"""Reading: source bytes or text -> :class:`Document`. Nothing here knows about rules."""

from __future__ import annotations

from .model import Block, Directive, Document, Image, Link, MappedText
from .narrow import held_source
from .source import decode, format_for, sniff_format


def read(source: str, fmt: str, path: str = "<string>") -> Document:
    """Parse decoded ``source`` in format ``fmt`` ("html", "markdown" or "text")."""
    if fmt == "html":
        from .html import read_html

        return read_html(source, path)
    if fmt == "markdown":
        from .markdown import read_markdown

        return read_markdown(source, path)
    from .text import read_text

    return read_text(source, path)


__all__ = ["Block", "Directive", "Document", "Image", "Link", "MappedText", "decode", "format_for", "held_source", "read", "sniff_format"]
