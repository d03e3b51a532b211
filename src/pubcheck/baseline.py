"""``--baseline``: adopt pubcheck on an existing archive by recording today's findings, then report only new ones.

A baseline file holds (path, rule, fingerprint) for each recorded finding. A fingerprint hashes
the rule, the text flagged and its occurrence, not the line, so it survives edits above it. Paths
are relative to the baseline file's folder, so the file works from any working folder, and the
JSON is sorted and versioned, fit for committing.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from .errors import UsageError
from .fileio import write_atomically
from .findings import RunSummary

VERSION = 1
Entry = tuple[str, str, str]  # (path relative to the baseline's folder, rule, fingerprint)


class Baseline:
    """A baseline file, read (and checked) before any linting, so a broken one costs no time."""

    def __init__(self, path: str | os.PathLike, *, update: bool = False):
        self.path = Path(path)
        self.folder = self.path.resolve().parent
        self.update = update
        try:
            self.recorded = _load(self.path)
        except UsageError:
            if not update:
                raise
            self.recorded = None  # a broken file is what --update-baseline is for: it is replaced

    def apply(self, summary: RunSummary) -> RunSummary:
        """Hide the recorded findings; when there is no file yet (or with ``update``), first record
        this run's findings. Entries for files this run did not lint are kept."""
        where = {report.path: _relative(report.path, self.folder) for report in summary.reports}
        recorded = self.recorded
        notices = summary.notices
        if recorded is None or self.update:
            today = {(where[r.path], f.rule, f.fingerprint) for r in summary.reports for f in r.findings}
            linted = set(where.values())
            recorded = {entry for entry in recorded or () if entry[0] not in linted} | today
            _write(self.path, recorded)
            notices += (f"baseline: wrote {len(recorded)} findings to {self.path}; later runs report only new ones",)
        hidden = 0
        reports = []
        for report in summary.reports:
            new = tuple(f for f in report.findings if (where[report.path], f.rule, f.fingerprint) not in recorded)
            hidden += len(report.findings) - len(new)
            reports.append(replace(report, findings=new))
        return replace(summary, reports=tuple(reports), notices=notices, baseline_hidden=hidden)


def _relative(path: str, folder: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), folder)).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return Path(path).resolve().as_posix()


def _load(path: Path) -> set[Entry] | None:
    """The recorded entries; None when there is no baseline file yet."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(f"cannot read baseline {path}: {exc.strerror}") from None
    except ValueError as exc:  # bad UTF-8 or bad JSON
        raise UsageError(f"{path}: not a pubcheck baseline (not JSON: {exc}); delete it or pass --update-baseline") from None
    if not isinstance(data, dict) or data.get("tool") != "pubcheck" or "version" not in data:
        raise UsageError(f"{path}: not a pubcheck baseline (no \"tool\": \"pubcheck\" and version); delete it or pass --update-baseline")
    if data["version"] != VERSION:
        raise UsageError(f"{path}: baseline version {data['version']!r} is not {VERSION}, the one this pubcheck reads; pass --update-baseline")
    findings = data.get("findings")
    keys = ("path", "rule", "fingerprint")
    if not isinstance(findings, list) or not all(
        isinstance(item, dict) and all(isinstance(item.get(key), str) for key in keys) for item in findings
    ):
        raise UsageError(f"{path}: not a pubcheck baseline (\"findings\" must list path, rule and fingerprint); pass --update-baseline")
    return {tuple(item[key] for key in keys) for item in findings}


def _write(path: Path, entries: set[Entry]) -> None:
    """Sorted, versioned JSON, written whole through a temporary file and a rename."""
    data = {
        "tool": "pubcheck",
        "version": VERSION,
        "findings": [{"path": p, "rule": r, "fingerprint": f} for p, r, f in sorted(entries)],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot write baseline {path}: {exc.strerror or exc}") from None
