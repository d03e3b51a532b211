"""Safe autofix: apply a report's safe fixes to the bytes it was linted from, touching no other byte.

A fix is a replacement of decoded-text offsets. Each one is turned into byte offsets in the
original file by encoding the text before it with the file's own codec, so the encoding, the
byte-order mark, line endings and every byte outside the fixed ranges stay exactly as they were.
Files that did not parse cleanly are never written. A file is written only under an exclusive
lock and only if it still holds the bytes its report was computed from, through a temporary
file and a rename that keep its mode, owner and group (or, for a hard link or when that cannot
be done, in place through the same inode).
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Iterable, Iterator

from .document import decode, format_for, read
from .engine import RunOptions, content_digest, lint_paths, read_regular_file
from .errors import InputError
from .findings import Fix, Report, RunSummary

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the content check still guards every write
    fcntl = None

# Codecs that write a byte-order mark, and the BOM-less codec for each byte order.
_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CHANGED = "not fixed: the file changed while it was being checked; run again"
NOT_WRITABLE = "not fixed: you do not have permission to write this file"
MAX_FIX_SIZE = 1 << 30  # read again to fix: it was linted, so within max-file-size; this only bounds a swap
_LINE = re.compile(r"[^\n]*\n|[^\n]+")  # lines as patch and git apply count them: ended by LF only


@dataclass(frozen=True)
class FixOutcome:
    path: str
    applied: int = 0  # fixes applied (or that would be, with --diff)
    diff: str = ""
    skipped: str | None = None  # why the file was left alone (a notice)
    error: str | None = None  # why the file could not be fixed safely (exit code 2)
    fixed: bytes | None = None  # the content with the fixes applied (fix_bytes only)

    @property
    def changed(self) -> bool:
        return self.applied > 0


@dataclass(frozen=True)
class FixRun:
    """What a fixing run did: the report of what remains, and one outcome per article fixed or not."""

    summary: RunSummary
    outcomes: tuple[FixOutcome, ...]

    @property
    def changed(self) -> bool:
        return any(o.changed for o in self.outcomes)

    @property
    def errors(self) -> tuple[FixOutcome, ...]:
        return tuple(o for o in self.outcomes if o.error)


def safe_fixes(report: Report) -> list[Fix]:
    """The report's safe fixes, in order, without overlaps (a later overlapping fix waits for the next run)."""
    fixes = sorted({f.fix for f in report.findings if f.fix and f.fix.safe}, key=lambda fix: (fix.start, fix.end))
    chosen: list[Fix] = []
    for fix in fixes:
        if not chosen or fix.start >= chosen[-1].end:
            chosen.append(fix)
    return chosen


def fix_text(text: str, report: Report, *, input_format: str | None = None) -> str:
    """``text`` (the decoded source ``report`` was computed from) with its safe fixes applied, or
    unchanged where a file would not be written (the report has an error, the text does not parse)."""
    fixes = safe_fixes(report)
    if not fixes or _unfixable(text, report, format_for(report.path, input_format)):
        return text
    pieces, position = [], 0
    for fix in fixes:
        pieces += [text[position : fix.start], fix.replacement]
        position = fix.end
    return "".join(pieces) + text[position:]


def fix_bytes(data: bytes, report: Report, *, input_format: str | None = None) -> FixOutcome:
    """Apply ``report``'s safe fixes to ``data``, the bytes it was linted from; ``fixed`` holds the
    result (``data`` itself when nothing applies) and ``diff`` a patch from one to the other."""
    path = report.path
    fixes = safe_fixes(report)
    if not fixes:
        return FixOutcome(path, fixed=data)
    fmt = format_for(path, input_format)
    try:
        text, encoding = decode(data, fmt)
    except InputError as exc:
        return FixOutcome(path, skipped=f"not fixed: {exc}", fixed=data)
    refusal = _unfixable(text, report, fmt)
    if refusal:
        return FixOutcome(path, skipped=refusal, fixed=data)
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
    diff = unified_diff(text, fixed[len(bom) :].decode(codec), path)
    return FixOutcome(path, applied=len(fixes), diff=diff, fixed=fixed)


def _unfixable(text: str, report: Report, fmt: str) -> str | None:
    """Why fixes must not be applied to ``text``, if they must not."""
    if report.error:
        return f"not fixed: {report.error}"
    problems = read(text, fmt, report.path).parse_problems
    return f"not fixed, the file does not parse cleanly: {problems[0]}" if problems else None


def unified_diff(before: str, after: str, path: str) -> str:
    """A patch that ``patch -p0`` and ``git apply -p0`` accept: ``--- path``/``+++ path`` headers,
    lines split at LF only (as those tools split them), and a ``\\ No newline at end of file``
    marker after a last line that has none."""
    lines = difflib.unified_diff(_LINE.findall(before), _LINE.findall(after), path, path)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def fix_file(path: Path, report: Report, *, write: bool = True, input_format: str | None = None) -> FixOutcome:
    """Apply ``report``'s safe fixes to ``path`` (or, with ``write=False``, only compute the diff).

    Nothing is written unless the file still holds the bytes the report was computed from
    (``report.digest``, when set). A symlink's target is fixed and the link kept.
    """
    if not safe_fixes(report):
        return FixOutcome(str(path))
    target = Path(os.path.realpath(path))
    try:
        if not write:
            data = read_regular_file(target, MAX_FIX_SIZE)  # the path may have become a FIFO since the lint
            return _without_content(_fixed_if_unchanged(data, report, input_format))
        if not stat.S_ISREG(os.stat(target).st_mode):
            return FixOutcome(str(path), error=CHANGED)  # swapped for a FIFO or device since the lint
        if not os.access(target, os.W_OK):
            return FixOutcome(str(path), error=NOT_WRITABLE)
        with _locked(target) as stream:
            outcome = _fixed_if_unchanged(stream.read(), report, input_format)
            if outcome.changed:
                _replace(target, stream, outcome.fixed)
            return _without_content(outcome)
    except FileNotFoundError:
        return FixOutcome(str(path), error=CHANGED)  # removed or renamed since it was linted
    except InputError:  # no longer a regular file, or grown past any size it was linted at
        return FixOutcome(str(path), error=CHANGED)
    except OSError as exc:
        return FixOutcome(str(path), error=f"not fixed: {exc.strerror or exc}")


def fix_paths(paths: Iterable[str], options: RunOptions | None = None, *, jobs: int = 1, write: bool = True) -> FixRun:
    """Lint ``paths``, apply (or, with ``write=False``, only diff) the safe fixes, and re-lint the
    files that changed: the summary reports what remains."""
    options = options or RunOptions()
    summary = lint_paths(paths, options, jobs=jobs)
    outcomes = tuple(
        fix_file(Path(report.path), report, write=write, input_format=options.format)
        for report in summary.reports
        if report.format is not None
    )
    fixed = [o.path for o in outcomes if o.changed]
    if fixed and write:
        again = {r.path: r for r in lint_paths(fixed, options, jobs=jobs).reports}
        summary = replace(summary, reports=tuple(again.get(r.path, r) for r in summary.reports))
    return FixRun(summary, outcomes)


def fix_stream(data: bytes, options: RunOptions | None = None, *, stdin_filename: str | None = None) -> FixRun:
    """Lint ``data`` (read from stdin, named ``stdin_filename``) and apply its safe fixes; the one
    outcome's ``fixed`` holds the whole content, fixed or as it was, and the summary what remains."""
    options = options or RunOptions()
    summary = lint_paths(["-"], options, stdin_filename=stdin_filename, read_stdin=lambda: data)
    outcome = fix_bytes(data, summary.reports[0], input_format=options.format)
    if outcome.changed:
        summary = lint_paths(["-"], options, stdin_filename=stdin_filename, read_stdin=lambda: outcome.fixed)
    return FixRun(summary, (outcome,))


def _fixed_if_unchanged(data: bytes, report: Report, input_format: str | None) -> FixOutcome:
    if report.digest is not None and content_digest(data) != report.digest:
        return FixOutcome(report.path, error=CHANGED)
    return fix_bytes(data, report, input_format=input_format)


def _without_content(outcome: FixOutcome) -> FixOutcome:
    return replace(outcome, fixed=None)  # a run over many files keeps no copy of each


@contextmanager
def _locked(path: Path) -> Iterator[IO[bytes]]:
    """``path`` open for reading and writing under an exclusive lock, so concurrent runs write one
    at a time. The lock is on the inode: if another run replaced the file while this one waited,
    the new file is opened and locked instead."""
    for _ in range(100):
        stream = open(path, "r+b")  # a FIFO opened for reading and writing does not block
        try:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise InputError("not a regular file")  # swapped for a FIFO or device since the lint
            if fcntl is None:
                break
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX)
            opened, named = os.fstat(stream.fileno()), os.stat(path)
            if (opened.st_dev, opened.st_ino) == (named.st_dev, named.st_ino):
                break
        except BaseException:
            stream.close()
            raise
        stream.close()
    else:
        raise OSError("the file kept being replaced by another program")
    with stream:
        yield stream


def _replace(path: Path, stream: IO[bytes], data: bytes) -> None:
    """Write ``data`` to the locked file: atomically through a temporary file and a rename that
    keeps the mode, owner and group; in place when the file has other hard links (they must see
    the fix too) or when the temporary file cannot be given the same owner or folder."""
    info = os.fstat(stream.fileno())
    if info.st_nlink > 1:
        return _write_in_place(stream, data)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".pubcheck-tmp")
    except PermissionError:  # a file we may write in a folder we may not
        return _write_in_place(stream, data)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            created = os.fstat(out.fileno())
            if (created.st_uid, created.st_gid) != (info.st_uid, info.st_gid):
                os.chown(temporary, info.st_uid, info.st_gid)  # before chmod: chown clears set-id bits
            os.chmod(temporary, info.st_mode & 0o7777)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except PermissionError:  # the temporary file cannot take the file's owner or place
        Path(temporary).unlink(missing_ok=True)
        _write_in_place(stream, data)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_in_place(stream: IO[bytes], data: bytes) -> None:
    stream.seek(0)
    stream.write(data)
    stream.truncate()
    stream.flush()
    os.fsync(stream.fileno())
