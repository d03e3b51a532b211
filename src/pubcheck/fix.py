"""Safe autofix: apply a report's safe fixes to the file's bytes, touching no other byte.

A fix is a replacement of decoded-text offsets. Each one is turned into byte offsets in the
original file by encoding the text before it with the file's own codec, so the encoding, the
byte-order mark, line endings and every byte outside the fixed ranges stay exactly as they were.
Files that did not parse cleanly are never written, and writes are atomic (temp file + rename).
"""

from __future__ import annotations

import codecs
import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .document import decode, format_for, read
from .errors import InputError
from .findings import Fix, Report

# Codecs that write a byte-order mark, and the BOM-less codec for each byte order.
_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class FixOutcome:
    path: str
    applied: int = 0  # fixes applied (or that would be, with --diff)
    diff: str = ""
    skipped: str | None = None  # why the file was left alone

    @property
    def changed(self) -> bool:
        return self.applied > 0


def safe_fixes(report: Report) -> list[Fix]:
    """The report's safe fixes, in order, without overlaps (a later overlapping fix waits for the next run)."""
    fixes = sorted({f.fix for f in report.findings if f.fix and f.fix.safe}, key=lambda fix: (fix.start, fix.end))
    chosen: list[Fix] = []
    for fix in fixes:
        if not chosen or fix.start >= chosen[-1].end:
            chosen.append(fix)
    return chosen


def fix_file(path: Path, report: Report, *, write: bool = True, input_format: str | None = None) -> FixOutcome:
    """Apply ``report``'s safe fixes to ``path`` (or, with ``write=False``, only compute the diff)."""
    fixes = safe_fixes(report)
    if not fixes:
        return FixOutcome(str(path))
    if report.error:
        return FixOutcome(str(path), skipped=f"not fixed: {report.error}")
    data = path.read_bytes()
    try:
        text, encoding = decode(data, format_for(str(path), input_format))
    except InputError as exc:
        return FixOutcome(str(path), skipped=f"not fixed: {exc}")
    problems = read(text, format_for(str(path), input_format), str(path)).parse_problems
    if problems:
        return FixOutcome(str(path), skipped=f"not fixed, the file does not parse cleanly: {problems[0]}")
    bom, codec = b"", encoding
    if encoding in ("utf-8-sig", "utf-16", "utf-32"):  # decode() found a byte-order mark
        bom, codec = next((mark, plain) for mark, plain in _BOM_CODECS if data.startswith(mark))
    pieces, position = [], 0
    for fix in fixes:
        start = len(bom) + len(text[: fix.start].encode(codec))
        end = start + len(text[fix.start : fix.end].encode(codec))
        pieces += [data[position:start], fix.replacement.encode(codec)]
        position = end
    pieces.append(data[position:])
    fixed = b"".join(pieces)
    new_text = fixed[len(bom) :].decode(codec)
    diff = "".join(
        difflib.unified_diff(
            text.splitlines(keepends=True), new_text.splitlines(keepends=True), f"{path} (original)", f"{path} (fixed)"
        )
    )
    if write:
        _write_atomically(path, fixed)
    return FixOutcome(str(path), applied=len(fixes), diff=diff)


def _write_atomically(path: Path, data: bytes) -> None:
    mode = path.stat().st_mode
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".pubcheck-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
