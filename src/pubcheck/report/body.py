"""``pubcheck lint --show-body``: what is read as the article, one block a line, with where each starts."""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..document import decode, read
from ..engine import body_location, linter_for
from ..errors import InputError


def body_listing(name: str, config: Config, input_format: str | None = None) -> tuple[str, bool]:
    """The listing of file ``name`` read under ``config``, and whether the file could be read."""
    notices: list[str] = []
    try:  # read as the lint reads it: a regular file, within max-file-size, decoded as a browser would
        data, fmt = linter_for(config).read_file(Path(name), format=input_format)
        text = decode(data, fmt, notices)[0]
    except InputError as exc:
        return f"{name}: error {exc}\n", False
    doc = read(text, fmt, name)
    lines = [f"{name}: notice {notice}" for notice in [*notices, *doc.parse_problems]]
    body = body_location(doc)
    where = "the whole document"
    if body is not None:
        names = f' id/class="{body.names}"' if body.names else ""
        where = f"<{body.element}{names}> at {body.line}:{body.column}-{body.end_line}:{body.end_column}"
    left_out = len(doc.blocks) - len(doc.body)
    lines.append(f"{name}: body: {where}; {len(doc.body)} blocks, {left_out} left out as page chrome")
    for block in doc.body:
        line, column = doc.lines.position(block.source_span(0, 1)[0])
        kind = f"h{block.level}" if block.kind == "heading" else block.kind
        lines.append(f"{name}:{line}:{column}: {kind}: {block.text.replace(chr(10), ' / ')}")
    return "".join(line + "\n" for line in lines), True
