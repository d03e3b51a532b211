"""Paths that are not readable articles: FIFOs, sockets, devices, unreadable files and folders,
folders with nothing to check. Each is reported by name and never read; the other files still run.

Every command runs with a subprocess timeout, so a FIFO opened for reading (which blocks until a
writer comes) fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import run_cli

ARTICLE = "A headline\n\nSources say the couple split.\n"  # one unsourced-claim warning
FLAGGED = "unsourced-claim"

unix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs, sockets and /dev/zero are Unix")


def lint(*args, cwd) -> tuple[int, str, str]:
    result = run_cli("lint", "--select", FLAGGED, *args, cwd=cwd)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def unix_socket(path: Path) -> socket.socket:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen()
    return server


@pytest.fixture
def short_tmp():
    """A folder with a short path (a unix socket path is limited to about 100 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="pc-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


# -- item 9: FIFOs, sockets, devices -------------------------------------------------------------


@unix_only
@pytest.mark.parametrize(
    "kind, message",
    [
        ("fifo", "is a named pipe (FIFO), not a regular file; not read"),
        ("socket", "is a socket, not a regular file; not read"),
        ("/dev/zero", "is a character device, not a regular file; not read"),
        ("symlink to /dev/zero", "is a character device, not a regular file; not read"),
    ],
)
def test_a_special_file_named_on_the_command_line_is_an_error_and_never_read(short_tmp, kind, message):
    (short_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    special = short_tmp / "special.txt"
    server = None
    if kind == "fifo":
        os.mkfifo(special)
    elif kind == "socket":
        server = unix_socket(special)
    elif kind == "symlink to /dev/zero":
        special.symlink_to("/dev/zero")
    else:
        special = Path("/dev/zero")
    named = "special.txt" if special.parent == short_tmp else str(special)
    try:
        code, out, _ = lint(named, "a.txt", cwd=short_tmp)
    finally:
        if server:
            server.close()
    assert code == 2
    assert f"{named}: error {message}" in out.splitlines()
    assert f"a.txt:3:1: warning {FLAGGED}" in out  # the other file still ran
    if kind == "fifo":
        assert stat.S_ISFIFO(os.stat(special).st_mode)  # still there, untouched


@unix_only
def test_special_files_met_in_a_folder_are_notices_and_never_read(short_tmp):
    folder = short_tmp / "site"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.md").symlink_to("/dev/zero")
    server = unix_socket(folder / "sock.html")
    try:
        code, out, _ = lint("site", cwd=short_tmp)
    finally:
        server.close()
    assert code == 1  # the article's warning; the special files do not make it 2
    lines = out.splitlines()
    assert [line for line in lines if " score " not in line][:4] == [  # a flagged file's score line aside
        f"site/a.txt:3:1: warning {FLAGGED} Unsourced claim: \"Sources say\" names no source; say who, or cut the claim",
        "site/pipe.txt: notice is a named pipe (FIFO), not a regular file; skipped without reading it",
        "site/sock.html: notice is a socket, not a regular file; skipped without reading it",
        "site/zero.md: notice is a character device, not a regular file; skipped without reading it",
    ]


@unix_only
def test_the_library_refuses_a_fifo_too(short_tmp):
    os.mkfifo(short_tmp / "pipe.html")
    script = "import pathlib, pubcheck; print(pubcheck.lint(pathlib.Path('pipe.html')).error)"
    result = subprocess.run([sys.executable, "-c", script], cwd=short_tmp, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "is a named pipe (FIFO), not a regular file; not read", result.stderr


def test_a_symlinked_folder_met_in_a_walk_is_a_notice_not_a_silent_skip(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "site" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    code, out, _ = lint("site", cwd=tmp_path)
    assert code == 1
    assert ("site/linked: notice is a symbolic link to a folder, not followed in a walk; "
            "name the folder itself to lint it") in out.splitlines()
    assert "b.txt" not in out
    code, out, _ = lint("site/linked", cwd=tmp_path)  # named, it is linted
    assert code == 1 and f"site/linked/b.txt:3:1: warning {FLAGGED}" in out



@pytest.mark.parametrize("exclude", ["", "exclude: ['drafts/']\n"])
def test_a_symlink_loop_met_in_a_walk_is_an_error_by_name_with_or_without_exclude_patterns(tmp_path, exclude):
    """Exclude patterns are matched against the resolved path; a loop has none, and is reported
    like any file that cannot be read, not an internal error."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "site" / "loop.txt").symlink_to(tmp_path / "site" / "round.txt")
    (tmp_path / "site" / "round.txt").symlink_to(tmp_path / "site" / "loop.txt")
    (tmp_path / ".pubcheck.yaml").write_text(exclude, encoding="utf-8")
    code, out, err = lint("site", cwd=tmp_path)
    assert code == 2 and "internal error" not in err
    assert "site/loop.txt: error cannot read it: Too many levels of symbolic links" in out.splitlines()
    assert f"site/a.txt:3:1: warning {FLAGGED}" in out

# -- item 12: unreadable files and folders ------------------------------------------------------


def _unprivileged() -> list[str] | None:
    """A command prefix that runs as a user file permissions bind (nobody), or None."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv"):
        return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    return None


@pytest.fixture
def shared_tmp():
    """A folder an unprivileged user can reach (pytest's own tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="pubcheck-perm-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def lint_unprivileged(*args, cwd: Path) -> tuple[int, str, str]:
    prefix = _unprivileged()
    if prefix is None:
        pytest.skip("running as root without setpriv: no way to run as a user permissions bind")
    cache = cwd / ".cache"
    cache.mkdir(mode=0o777, exist_ok=True)
    cache.chmod(0o777)
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "pubcheck", "lint", "--select", FLAGGED, *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(cache), "HOME": str(cwd)},
    )
    return result.returncode, result.stdout, result.stderr


def test_unreadable_files_and_folders_are_reported_by_name_and_the_rest_linted(shared_tmp):
    site = shared_tmp / "site"
    (site / "locked").mkdir(parents=True)
    (site / "halfopen").mkdir()
    (site / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (site / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    (site / "locked" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (site / "halfopen" / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (site / "z.txt").write_text(ARTICLE, encoding="utf-8")
    for path in site.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (site / "secret.txt").chmod(0o600)
    (site / "locked").chmod(0o700)  # cannot be listed or entered
    (site / "halfopen").chmod(0o744)  # can be listed, not entered
    code, out, err = lint_unprivileged("site", cwd=shared_tmp)
    assert code == 2, err
    assert "internal error" not in err
    lines = [line for line in out.splitlines() if ": error " in line]
    assert lines == [  # the walk's order: a folder's files, then its subfolders
        "site/secret.txt: error permission denied: this user cannot read it",
        "site/halfopen/c.txt: error permission denied: this user cannot read it",
        "site/locked: error permission denied: this user cannot open it; the files in this folder were not checked",
    ]
    assert [line.split(":")[0] for line in out.splitlines() if FLAGGED in line] == ["site/a.txt", "site/z.txt"]


def test_unreadable_paths_named_on_the_command_line(shared_tmp):
    (shared_tmp / "locked").mkdir()
    (shared_tmp / "locked" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (shared_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (shared_tmp / "a.txt").chmod(0o644)
    (shared_tmp / "locked").chmod(0o700)
    code, out, err = lint_unprivileged("locked", "locked/b.txt", "a.txt", cwd=shared_tmp)
    assert code == 2, err
    assert "internal error" not in err
    assert out.splitlines()[:3] == [
        "locked: error permission denied: this user cannot open it; the files in this folder were not checked",
        "locked/b.txt: error permission denied: this user cannot read it",
        f"a.txt:3:1: warning {FLAGGED} Unsourced claim: \"Sources say\" names no source; say who, or cut the claim",
    ]


def test_a_folder_the_walk_cannot_list_is_an_error_not_a_silent_skip(tmp_path, monkeypatch):
    """The same walk in-process, with the failure a permission would cause simulated (so it runs
    wherever the tests run, also as root without setpriv)."""
    from pubcheck.engine import RunOptions, lint_paths

    (tmp_path / "site" / "locked").mkdir(parents=True)
    (tmp_path / "site" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "site" / "locked" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = lint_paths([str(tmp_path / "site")], RunOptions(select=(FLAGGED,)))
    assert [(r.path, r.error) for r in summary.reports] == [
        (str(tmp_path / "site" / "a.txt"), None),
        (str(tmp_path / "site" / "locked"),
         "permission denied: this user cannot open it; the files in this folder were not checked"),
    ]
    assert summary.exit_code() == 2


# -- item 17 (walk): a folder with nothing to check says so ---------------------------------------


def test_a_folder_with_no_matching_files_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = run_cli("lint", "empty", "images", cwd=tmp_path)
    assert result.returncode == 0
    patterns = "*.html, *.htm, *.xhtml, *.md, *.markdown, *.mdx, *.txt"
    err = result.stderr.decode().splitlines()
    assert f"pubcheck: notice: empty: no files matching the include patterns ({patterns})" in err
    assert f"pubcheck: notice: images: no files matching the include patterns ({patterns})" in err
    as_json = run_cli("lint", "--format", "json", "empty", cwd=tmp_path)
    assert f"empty: no files matching the include patterns ({patterns})" in as_json.stdout.decode()


def test_a_folder_whose_files_are_all_excluded_says_so(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".pubcheck.yaml").write_text("include: ['*.md']\nexclude: ['drafts/']\n", encoding="utf-8")
    result = run_cli("lint", "drafts", cwd=tmp_path)
    assert result.returncode == 0
    assert ("pubcheck: notice: drafts: every file matching the include patterns (*.md) is excluded by the exclude patterns"
            in result.stderr.decode().splitlines())


def test_a_folder_with_files_to_check_has_no_such_notice(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("lint", "site", cwd=tmp_path)
    assert result.returncode == 1
    assert "include patterns" not in result.stderr.decode()
