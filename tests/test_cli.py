"""The command line: inputs, stdin, bad input, exit codes, rules and explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TEASER = "Intro.\n\n📖 Related: Ten Looks We Loved From The Night\n\nEnd.\n"


def test_exit_codes(write, cli, tmp_path):
    write("clean.txt", "The film opens in May, the studio said.\n")
    write("teaser.txt", TEASER)
    assert cli("lint", "clean.txt", cwd=tmp_path).returncode == 0
    assert cli("lint", "teaser.txt", cwd=tmp_path).returncode == 1
    assert cli("lint", "--fail-on", "error", "teaser.txt", cwd=tmp_path).returncode == 0
    assert cli("lint", "--format", "yaml", "teaser.txt", cwd=tmp_path).returncode == 2
    assert cli("lint", "--select", "no-such-rule", "teaser.txt", cwd=tmp_path).returncode == 2


def test_stdin_with_a_filename_for_the_format(cli, tmp_path):
    page = b"<article><p>Intro.</p>\n<p>\xf0\x9f\x93\x96 Related: <a href='/a'>Ten Looks We Loved</a></p></article>"
    result = cli("lint", "--format", "json", "--select", "clickbait", "--stdin-filename", "story.html", "-", stdin=page, cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["files"][0]["path"] == "story.html" and data["files"][0]["format"] == "html"
    assert [(f["line"], f["column"]) for f in data["files"][0]["findings"]] == [(2, 4)]


def test_directories_are_walked_recursively(write, cli, tmp_path):
    write("a/one.txt", TEASER)
    write("a/b/two.md", TEASER)
    write("a/b/c/three.html", "<p>📖 Related: <a href='/x'>Ten Looks We Loved</a></p>")
    write("a/notes.json", "{}")
    data = json.loads(cli("lint", "--format", "json", "--select", "clickbait", "a", cwd=tmp_path).stdout)
    assert sorted(f["path"] for f in data["files"]) == ["a/b/c/three.html", "a/b/two.md", "a/one.txt"]
    assert data["summary"]["findings"] == 3


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image), not an article"),
        ("blob.txt", b"\x00\x01\x02\x03 data", "binary file, not an article (it contains control bytes)"),
        ("latin.txt", "café society".encode("latin-1"), "cannot decode as utf-8 (UTF-8, the default): byte 0xe9 on line 1"),
        ("bad.html", b"<p>x</p>\x00\x01\x02\x03", "binary file, not an article"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_other_files_still_checked(write, cli, tmp_path, name, content, message):
    write(name, content)
    write("teaser.txt", TEASER)
    result = cli("lint", name, "teaser.txt", cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 2
    assert f"{name}: error {message}" in out
    assert "teaser.txt:3:1: warning clickbait-interstitial" in out
    assert "Traceback" not in out + result.stderr.decode()


def test_page_with_an_unusable_meta_charset_is_linted_with_a_notice(write, cli, tmp_path):
    write("page.html", b'<meta charset="klingon"><p>\xf0\x9f\x93\x96 Related: <a href="/x">Ten Looks We Loved</a></p>')
    result = cli("lint", "--select", "clickbait", "page.html", cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 1, out
    assert "page.html: notice unknown <meta charset> 'klingon'" in out and "ignored" in out
    assert "page.html:1:28: warning clickbait-interstitial" in out


def test_missing_file(cli, tmp_path):
    result = cli("lint", "nowhere.txt", cwd=tmp_path)
    assert result.returncode == 2 and "nowhere.txt: error no such file or directory" in result.stdout.decode()


def test_empty_file_is_reported_not_skipped_silently(write, cli, tmp_path):
    write("empty.md", "")
    result = cli("lint", "empty.md", cwd=tmp_path)
    assert result.returncode == 0
    assert "empty.md: notice empty file, nothing to check" in result.stdout.decode()


def test_huge_file_is_refused_with_the_limit(write, cli, tmp_path):
    write(".pubcheck.yaml", "max-file-size: 1KB\n")
    write("big.txt", "Words here. " * 200)
    result = cli("lint", "big.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "big.txt: error file is 2.3 KB, over the 1.0 KB max-file-size; raise max-file-size in the config" in result.stdout.decode()



def test_a_file_under_a_very_large_limit_is_read_without_reserving_the_limit(write, cli, tmp_path):
    """max-file-size bounds what is read; it is not memory asked for up front (40GB was a MemoryError)."""
    write(".pubcheck.yaml", "max-file-size: 40GB\n")
    write("small.txt", "The couple reportedly split.\n")
    result = cli("lint", "small.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "small.txt:1:12: warning unsourced-claim" in result.stdout.decode()


def test_a_file_with_no_size_is_read_up_to_the_limit_and_no_further():
    """/proc files say they hold 0 bytes: they are read in pieces, bounded by the limit."""
    from pubcheck.engine import read_regular_file
    from pubcheck.errors import InputError

    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("no /proc here")
    assert b"Name:" in read_regular_file(status, 1 << 40)
    with pytest.raises(InputError, match="max-file-size"):
        read_regular_file(status, 64)

def test_encodings(write, cli, tmp_path):
    write("bom.txt", b"\xef\xbb\xbf" + TEASER.encode())
    write("utf16.txt", TEASER.encode("utf-16"))
    write("cp1252.html", '<meta charset="windows-1252"><p>Caf\xe9 news.</p>\n<p>READ MORE: <a href="/x">Star\u2019s Big Night</a></p>'.encode("cp1252"))
    data = json.loads(cli("lint", "--format", "json", "--select", "clickbait", "bom.txt", "utf16.txt", "cp1252.html", cwd=tmp_path).stdout)
    located = [(f["path"], f["line"], f["column"], f["text"]) for file in data["files"] for f in file["findings"]]
    assert located == [
        ("bom.txt", 3, 1, "📖 Related: Ten Looks We Loved From The Night"),
        ("utf16.txt", 3, 1, "📖 Related: Ten Looks We Loved From The Night"),
        ("cp1252.html", 2, 4, "READ MORE: Star’s Big Night"),
    ]


def test_rules_and_explain(cli):
    listing = cli("rules").stdout.decode().splitlines()
    assert listing[0].split() == ["RULE", "CATEGORY", "SEVERITY", "SUMMARY"]
    assert any(line.startswith("clickbait-interstitial ") for line in listing)
    text = cli("explain", "clickbait-interstitial").stdout.decode()
    for section in ("## Why is this bad?", "## Example", "## Not flagged", "## How to fix"):
        assert section in text
    missing = cli("explain", "nope")
    assert missing.returncode == 2 and missing.stderr.decode().strip() == "pubcheck: error: unknown rule 'nope'; `pubcheck rules` lists them"


def test_python_dash_m_and_version(cli):
    assert cli("--version").stdout.decode().startswith("pubcheck ")


def test_docs_rules_md_is_generated_from_the_rules(cli):
    """helpUri in SARIF points at docs/rules.md, so it must say what `pubcheck explain` says."""
    from pathlib import Path

    generated = cli("rules", "--markdown", cwd=Path(__file__).parent).stdout.decode()
    on_disk = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    assert generated == on_disk, "docs/rules.md is stale: run `pubcheck rules --markdown > docs/rules.md`"


def test_an_internal_error_is_one_line_unless_debugging(tmp_path):
    """An unexpected exception (a bug, a worker process killed; simulated by replacing
    engine.Batch, which the CLI runs) ends with one line and exit 2, not a traceback; PUBCHECK_DEBUG=1 shows it."""
    import os
    import subprocess
    import sys

    script = (
        "import os, sys\n"
        "from pubcheck.cli import main\n"
        "import pubcheck.engine as engine\n"
        "def broken(*args, **kwargs):\n"
        "    raise RuntimeError('disk on fire')\n"
        "engine.Batch = broken\n"
        "sys.exit(main(['lint', '.']))\n"
    )
    quiet = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, timeout=60)
    assert quiet.returncode == 2
    assert quiet.stderr.decode().strip() == (
        "pubcheck: internal error: RuntimeError: disk on fire (set PUBCHECK_DEBUG=1 for the traceback, and please report it)"
    )
    loud = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, timeout=60,
                          env={**os.environ, "PUBCHECK_DEBUG": "1"})
    assert b"Traceback" in loud.stderr


def test_diff_names_a_file_it_could_not_read_and_exits_2(tmp_path, cli):
    (tmp_path / "story.txt").write_text("Stone Signs On\n\nRead more: Star Reveals All\n\nThe end.\n", encoding="utf-8")
    result = cli("lint", "--diff", "story.txt", "missing.html", cwd=tmp_path)
    assert result.returncode == 2
    assert "pubcheck: missing.html: no such file or directory" in result.stderr.decode()
    assert result.stdout.decode().startswith("--- story.txt")  # the patch of the file it could read


def test_report_names_what_it_could_not_check_and_says_when_a_folder_has_nothing(tmp_path, cli):
    (tmp_path / "empty").mkdir()
    result = cli("report", "empty", "missing.html", "-o", "report.html", cwd=tmp_path)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "pubcheck: missing.html: no such file or directory" in err
    assert "pubcheck: notice: empty: no files matching the include patterns" in err
