"""Writing a user's file whole (fileio.write_atomically): the report page and the baseline."""

from __future__ import annotations

import os

import pytest

from pubcheck.fileio import write_atomically


def test_a_new_file_gets_the_usual_permissions_and_nothing_is_left_beside_it(tmp_path):
    target = tmp_path / "report.html"
    write_atomically(target, b"<p>one</p>")
    write_atomically(target, b"<p>two</p>")
    assert target.read_bytes() == b"<p>two</p>"
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_a_leftover_temporary_file_of_a_killed_run_does_not_block_the_next(tmp_path):
    target = tmp_path / ".pubcheck-baseline.json"
    (tmp_path / f".{target.name}.{os.getpid()}.tmp").write_text("half", encoding="utf-8")  # the old naming's clash
    write_atomically(target, b"{}\n")
    assert target.read_bytes() == b"{}\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "page.html"
    target.write_bytes(b"old")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["page.html"]
