"""A damaged cache folder changes no finding (issue 13, item 11): every file in it is checked
against its checksum and rebuilt, and a full disk leaves no half-written or journal file behind.
Each case runs the real command line with a cache folder of its own."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# a misspelling, a teaser, long prose and a YAML rule: every table is read
ARTICLES = [str(ROOT / "fixtures" / "articles" / name) for name in sorted(os.listdir(ROOT / "fixtures" / "articles"))[:6]]
LEFTOVERS = (".tmp", "-journal", "-wal", "-shm")


def lint(cache_home: Path, preexec_fn=None) -> str:
    result = subprocess.run(
        # --no-cache: the tables' cache is tested here; the result cache (its own tests in test_batch)
        # would serve the second run without reading a table
        [sys.executable, "-m", "pubcheck", "lint", "--no-cache", "--format", "json", *ARTICLES],
        capture_output=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
        timeout=120,
        preexec_fn=preexec_fn,
    )
    assert result.returncode in (0, 1) and b"Traceback" not in result.stderr, result.stderr
    return result.stdout.decode()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    """A complete cache folder and the findings made with it."""
    home = tmp_path_factory.mktemp("cache")
    findings = lint(home)
    assert lint(home) == findings
    return home / "pubcheck", findings


def cache_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_the_cache_holds_each_kind_of_file(built):
    names = [p.name for p in cache_files(built[0])]
    assert sum(n.endswith(".sqlite3") for n in names) == 2 and sum(n.endswith(".marshal") for n in names) >= 3


def truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def flip_one_bit(data: bytes) -> bytes:
    """The damage SQLite and marshal cannot see: the file still reads, with other contents."""
    at = len(data) * 2 // 3
    return data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1 :]


def overwrite_a_page(data: bytes) -> bytes:
    at = len(data) // 2
    return data[:at] + bytes(range(256)) * 16 + data[at + 4096 :]


@pytest.mark.parametrize("damage", [truncate, flip_one_bit, overwrite_a_page, lambda data: b""], ids=["truncated", "one-bit", "a-page", "empty"])
def test_each_damaged_cache_file_is_rebuilt_and_changes_no_finding(built, tmp_path, damage):
    good, findings = built
    home = tmp_path / "home"
    shutil.copytree(good, home / "pubcheck")
    for original in cache_files(good):
        (home / "pubcheck" / original.relative_to(good)).write_bytes(damage(original.read_bytes()))
    assert lint(home) == findings
    for original in cache_files(good):
        assert (home / "pubcheck" / original.relative_to(good)).read_bytes() == original.read_bytes(), f"{original.name} was not rebuilt"


def assert_clean(folder: Path) -> None:
    """No partial or journal file, and what is left is whole (the next run uses it, or rebuilds)."""
    names = [p.name for p in folder.rglob("*") if p.is_file()]
    assert not [n for n in names if n.endswith(LEFTOVERS) or ".tmp" in n], names


def test_a_disk_that_fills_up_leaves_no_partial_or_journal_file(built, tmp_path):
    """Writes past 64 kB fail (RLIMIT_FSIZE, as a full disk fails them), so most tables cannot be kept."""

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    home = tmp_path / "home"
    assert lint(home, preexec_fn=small_disk) == built[1]
    assert_clean(home)
    assert lint(home, preexec_fn=small_disk) == built[1]
    assert_clean(home)


@pytest.fixture
def tiny_tmpfs(tmp_path):
    folder = tmp_path / "tmpfs"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True).returncode:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_tmpfs_cache_folder_leaves_no_partial_or_journal_file(built, tiny_tmpfs):
    assert lint(tiny_tmpfs) == built[1]
    assert_clean(tiny_tmpfs)
    assert lint(tiny_tmpfs) == built[1]
    assert_clean(tiny_tmpfs)
