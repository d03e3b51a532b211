"""--fix loses nothing: concurrent runs, a file edited meanwhile, owners, modes, links, patches, stdin."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from pubcheck import cli as pubcheck_cli
from pubcheck import fix as pubcheck_fix
from pubcheck.engine import RunOptions, lint_paths
from pubcheck.fix import CHANGED, NOT_WRITABLE, fix_file, fix_paths

ARTICLE = (
    "Stone Signs On For Big Film\n\nAva Stone will direct the film, the studio said on Monday.\n\n"
    "\U0001f4d6 Related: Ten Looks We Loved From the Night\n\nFilming starts in May, the studio said.\n\n"
    "READ MORE: Star Reveals All In New Interview\n\nThe cast has not been announced yet.\n\n"
    "\U0001f449 See also: The Night In Pictures\n\nThe end of the story is here.\n"
)
FIXED = (
    "Stone Signs On For Big Film\n\nAva Stone will direct the film, the studio said on Monday.\n\n"
    "Filming starts in May, the studio said.\n\nThe cast has not been announced yet.\n\n"
    "The end of the story is here.\n"
)
OPTIONS = RunOptions(select=("clickbait",))
ROOT_ONLY = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to change owners")


def fix_args(*paths: str) -> tuple[str, ...]:
    return ("lint", "--fix", "--select", "clickbait", *paths)


def test_concurrent_fix_runs_give_a_single_runs_result(tmp_path, cli):
    """Three runs at once on one file, several times: the file always ends as one run leaves it;
    a run that lost the race says so (exit 2) or finds nothing left to fix."""
    path = tmp_path / "a.txt"
    command = [sys.executable, "-m", "pubcheck", *fix_args("a.txt")]
    for _ in range(4):
        path.write_text(ARTICLE, encoding="utf-8")
        runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
        results = [(run.wait(timeout=60), run.stderr.read().decode()) for run in runs]
        for run in runs:
            run.stdout.close(), run.stderr.close()
        assert path.read_text(encoding="utf-8") == FIXED, results
        assert sum(code == 1 and "applied 3 safe fixes" in err for code, err in results) >= 1, results
        for code, err in results:
            assert code in (0, 1) or (code == 2 and f"a.txt: {CHANGED}" in err), (code, err)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no temporary file left


def test_a_file_edited_between_lint_and_write_is_not_written(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    report = lint_paths([str(path)], OPTIONS).reports[0]
    edited = ARTICLE.replace("Filming starts", "Shooting starts").encode()
    path.write_bytes(edited)  # an editor saves: the report's offsets no longer fit
    outcome = fix_file(path, report)
    assert outcome.error == CHANGED and not outcome.changed
    assert path.read_bytes() == edited
    assert fix_file(path, report, write=False).error == CHANGED  # --diff shows no stale patch either


def test_the_cli_refuses_with_exit_2_when_the_file_changes_during_the_run(tmp_path, monkeypatch, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def lint_then_edit(*args, **kwargs):
        summary = lint_paths(*args, **kwargs)
        path.write_text(ARTICLE.replace("May", "June"), encoding="utf-8")
        return summary

    monkeypatch.setattr(pubcheck_fix, "lint_paths", lint_then_edit)
    assert pubcheck_cli.main(list(fix_args(str(path)))) == 2
    assert f"pubcheck: {path}: {CHANGED}\n" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == ARTICLE.replace("May", "June")


def test_fix_paths_relints_what_it_changed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    run = fix_paths([str(path)], OPTIONS)
    assert run.changed and not run.errors and [o.applied for o in run.outcomes] == [3]
    assert run.summary.findings == () and path.read_text(encoding="utf-8") == FIXED


def test_a_symlink_stays_a_link_and_its_target_is_fixed(tmp_path, cli):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "a.txt"
    target.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real/a.txt")
    assert cli(*fix_args("link.txt"), cwd=tmp_path).returncode == 1
    assert (tmp_path / "link.txt").is_symlink() and os.readlink(tmp_path / "link.txt") == "real/a.txt"
    assert target.read_text(encoding="utf-8") == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real"]


def test_a_hard_link_is_kept_and_sees_the_fix(tmp_path, cli):
    path, other = tmp_path / "a.txt", tmp_path / "b.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    os.link(path, other)
    inode = path.stat().st_ino
    assert cli(*fix_args("a.txt"), cwd=tmp_path).returncode == 1
    assert path.stat().st_ino == other.stat().st_ino == inode and path.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == FIXED


def test_mode_is_kept(tmp_path, cli):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0o640)
    cli(*fix_args("a.txt"), cwd=tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_text(encoding="utf-8") == FIXED


@ROOT_ONLY
def test_owner_and_group_are_kept_when_root_fixes_a_file(tmp_path, cli):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    os.chown(path, 12345, 23456)
    cli(*fix_args("a.txt"), cwd=tmp_path)
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (12345, 23456) and path.read_text(encoding="utf-8") == FIXED


NOBODY = 65534


def as_nobody(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run pubcheck as an unprivileged user (setpriv), as another newsroom account would."""
    command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", sys.executable, "-m", "pubcheck", *args]
    env = {**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(cwd / "no-cache")}
    return subprocess.run(command, cwd=cwd, capture_output=True, env=env, timeout=60)


@pytest.fixture
def shared_folder():
    """A world-writable folder an unprivileged user can reach (pytest's tmp_path is private to root)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run pubcheck as another user")
    folder = Path(tempfile.mkdtemp(prefix="pubcheck-fix-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


def test_a_file_the_user_cannot_write_is_refused(shared_folder):
    path = shared_folder / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0o644)  # root's, readable by all; the folder would let anyone replace it
    result = as_nobody(*fix_args("a.txt"), cwd=shared_folder)
    assert result.returncode == 2, result.stderr
    assert f"pubcheck: a.txt: {NOT_WRITABLE}\n" in result.stderr.decode()
    assert path.read_text(encoding="utf-8") == ARTICLE and path.stat().st_uid == 0


def test_a_group_the_user_cannot_give_is_kept_by_writing_in_place(shared_folder):
    path = shared_folder / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    os.chown(path, NOBODY, 0)  # the user's file, in a group the user is not in
    path.chmod(0o664)
    inode = path.stat().st_ino
    result = as_nobody(*fix_args("a.txt"), cwd=shared_folder)
    assert result.returncode == 1, result.stderr
    info = path.stat()
    assert (info.st_uid, info.st_gid, info.st_ino) == (NOBODY, 0, inode)
    assert path.read_text(encoding="utf-8") == FIXED


# -- --diff is a patch that patch and git apply accept -------------------------------------------

PATCH_CASES = {
    "final newline": ARTICLE,
    "no final newline, teaser last": "Intro line of the story.\n\nThe end.\n\nREAD MORE: Star Reveals All",
    "no final newline, text last": "Intro line of the story.\n\nREAD MORE: Star Reveals All\n\nThe end.",
    "crlf": ARTICLE.replace("\n", "\r\n"),
    "crlf without final newline": ARTICLE.replace("\n", "\r\n").rstrip(),
}


@pytest.mark.parametrize("tool", ["patch", "git"])
@pytest.mark.parametrize("case", PATCH_CASES)
def test_diff_applies_with_patch_and_git_apply(tmp_path, cli, tool, case):
    if not shutil.which(tool):
        pytest.skip(f"{tool} is not installed")
    original = PATCH_CASES[case].encode()
    fixed_folder, patched_folder = tmp_path / "fixed", tmp_path / "patched"
    for folder in (fixed_folder, patched_folder):
        folder.mkdir()
        (folder / "a.txt").write_bytes(original)
    diff = cli("lint", "--diff", "--select", "clickbait", "a.txt", cwd=patched_folder)
    assert diff.returncode == 1 and diff.stdout.startswith(b"--- a.txt\n+++ a.txt\n@@ ")
    assert (b"\\ No newline at end of file\n" in diff.stdout) == ("no final newline" in case or "without" in case)
    cli(*fix_args("a.txt"), cwd=fixed_folder)
    command = ["patch", "-p0", "--quiet"] if tool == "patch" else ["git", "apply", "-p0", "-"]
    applied = subprocess.run(command, cwd=patched_folder, input=diff.stdout, capture_output=True, timeout=30)
    assert applied.returncode == 0, applied.stderr
    assert (patched_folder / "a.txt").read_bytes() == (fixed_folder / "a.txt").read_bytes() != original


# -- stdin: the fixed text on stdout, the report on stderr -------------------------------------


def test_fix_on_stdin_writes_the_fixed_bytes_to_stdout(tmp_path, cli):
    crlf = ARTICLE.replace("\n", "\r\n").encode()
    result = cli(*fix_args("--stdin-filename", "story.txt", "-"), stdin=crlf, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == FIXED.replace("\n", "\r\n").encode()
    err = result.stderr.decode()
    assert "story.txt: applied 3 safe fixes" in err and "0 problems" in err


def test_fix_on_stdin_keeps_the_format_from_stdin_filename(tmp_path, cli):
    page = "<p>Intro.</p>\n<p>READ MORE: <a href='/x'>Star Reveals All</a></p>\n<p>End.</p>\n"
    result = cli(*fix_args("--stdin-filename", "a.html", "-"), stdin=page.encode(), cwd=tmp_path)
    assert result.stdout == b"<p>Intro.</p>\n<p>End.</p>\n"


@pytest.mark.parametrize(
    "data",
    [b"Nothing to fix in this short story about the film.\n", b"\x00\x01binary", b""],
)
def test_fix_on_stdin_passes_through_what_it_does_not_fix(tmp_path, cli, data):
    result = cli(*fix_args("-"), stdin=data, cwd=tmp_path)
    assert result.stdout == data  # an editor that replaces its buffer with stdout loses nothing
    assert result.returncode == (2 if b"\x00" in data else 0)


def test_diff_on_stdin_prints_the_patch(tmp_path, cli):
    result = cli("lint", "--diff", "--select", "clickbait", "--stdin-filename", "a.txt", "-", stdin=ARTICLE.encode(), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(b"--- a.txt\n+++ a.txt\n") and b"-READ MORE: Star Reveals All" in result.stdout


def test_fix_on_stdin_with_files_is_a_usage_error(tmp_path, cli):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli(*fix_args("a.txt", "-"), stdin=ARTICLE.encode(), cwd=tmp_path)
    assert result.returncode == 2 and "read stdin alone" in result.stderr.decode()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == ARTICLE


def test_without_fcntl_the_package_imports_and_still_checks_before_writing(tmp_path):
    """Windows has no fcntl: fixing runs unlocked there, and still refuses a file that changed."""
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    script = f"""
import sys
sys.modules["fcntl"] = None  # what "import fcntl" meets on Windows
from pathlib import Path
from pubcheck.engine import RunOptions, lint_paths
from pubcheck.fix import CHANGED, fcntl, fix_file, fix_paths
assert fcntl is None
path = Path({str(path)!r})
report = lint_paths([str(path)], RunOptions(select=("clickbait",))).reports[0]
path.write_text(path.read_text(encoding="utf-8") + "More.\\n", encoding="utf-8")
assert fix_file(path, report).error == CHANGED
run = fix_paths([str(path)], RunOptions(select=("clickbait",)))
assert run.changed and not run.errors
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert path.read_text(encoding="utf-8") == FIXED + "More.\n"


LABEL_OVER_A_PARAGRAPH = (
    "Star Buys A Home\n\nThe singer bought a house in the hills this week, her agent said.\n\n"
    "Read more:\n\nThe house has six bedrooms and a pool, the listing shows.\n\n"
    "She moves in next month, her agent said.\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_bare_label_over_a_paragraph_set_off_by_a_blank_line_takes_only_itself(tmp_path, cli, newline):
    """The paragraph after a blank line is the article, not the label's headline, whatever the line ends."""
    path = tmp_path / "a.txt"
    path.write_bytes(LABEL_OVER_A_PARAGRAPH.replace("\n", newline).encode())
    cli(*fix_args("a.txt"), cwd=tmp_path)
    fixed = path.read_bytes().decode().replace(newline, "\n")
    assert fixed == LABEL_OVER_A_PARAGRAPH.replace("Read more:\n\n", "")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("write", [True, False])
def test_a_file_swapped_for_a_fifo_after_the_lint_is_not_read(tmp_path, write):
    """Read again to be fixed, a path that became a FIFO would block forever: it is refused."""
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    report = lint_paths([str(path)], OPTIONS).reports[0]
    path.unlink()
    os.mkfifo(path)
    outcome = fix_file(path, report, write=write)
    assert outcome.error == CHANGED and stat.S_ISFIFO(os.stat(path).st_mode)
