"""Small command-line and library promises: usage errors, binary files, NO_COLOR, paths, stdin sniffing."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

import pubcheck
from pubcheck.config import Config

TEASER_PAGE = b'<p>Intro.</p>\n<p>\xf0\x9f\x93\x96 Related: <a href="/a">Ten Looks We Loved</a></p>\n'


@pytest.mark.parametrize("flag", ["--select", "--ignore", "--require"])
@pytest.mark.parametrize("value", ["", ",", " , "])
def test_an_empty_rule_list_is_a_usage_error(cli, write, tmp_path, flag, value):
    write("a.txt", "Intro.\n\n📖 Related: Ten Looks We Loved From The Night\n")
    result = cli("lint", flag, value, "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().splitlines() == [
        f"pubcheck: error: {flag} names no rule; give rule ids or categories (`pubcheck rules` lists them), or leave it out"
    ]


ELF_HEADER = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + b"\x00" * 40  # mostly NUL bytes
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


@pytest.mark.parametrize(
    "content, kind",
    [(ELF_HEADER, "ELF executable"), (PNG, "PNG image"), (b"GIF89a\x01\x00\x01\x00\x00\x00", "GIF image")],
    ids=["elf", "png", "gif"],
)
def test_a_binary_file_named_html_is_called_binary_and_named(cli, write, tmp_path, content, kind):
    write("story.html", content)
    result = cli("lint", "story.html", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.decode().splitlines()[0] == f"story.html: error binary file ({kind}), not an article; skipped"


def _on_a_terminal(args: list[str], cwd, env: dict) -> str:
    """Run the command line with stdout on a pseudo-terminal, as in an editor's or a user's shell."""
    primary, secondary = os.openpty()
    try:
        subprocess.run([sys.executable, "-m", "pubcheck", *args], cwd=cwd, stdout=secondary, stderr=subprocess.DEVNULL, env=env, timeout=60)
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # EIO: the terminal has no writer left
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode()
    finally:
        os.close(primary)


def test_an_empty_no_color_does_not_disable_colour(write, tmp_path):
    write("a.txt", "Intro.\n\n📖 Related: Ten Looks We Loved From The Night\n")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    args = ["lint", "--select", "clickbait", "a.txt"]
    assert "\033[33mwarning\033[0m" in _on_a_terminal(args, tmp_path, env)
    assert "\033[33mwarning\033[0m" in _on_a_terminal(args, tmp_path, {**env, "NO_COLOR": ""})
    assert "\033[" not in _on_a_terminal(args, tmp_path, {**env, "NO_COLOR": "1"})


def test_lint_reads_a_path_and_takes_a_str_as_text(write, tmp_path):
    path = write("story.html", TEASER_PAGE)
    config = Config(select=("clickbait-interstitial",))
    report = pubcheck.lint(pathlib.Path(path), config=config)
    assert (report.path, report.format, [(f.line, f.column) for f in report.findings]) == (str(path), "html", [(2, 4)])
    as_text = pubcheck.lint(str(path), config=config)  # the file's name, linted as an article's text
    assert (as_text.path, as_text.format, as_text.findings) == ("<string>", "text", ())
    assert "A ``str`` is always the article's text, never a file name" in pubcheck.lint.__doc__


@pytest.mark.parametrize(
    "stdin, fmt",
    [
        (b"<!DOCTYPE html>\n<html><body>" + TEASER_PAGE + b"</body></html>", "html"),
        (b"\xef\xbb\xbf\n  <!-- from the CMS -->\n<article>" + TEASER_PAGE + b"</article>", "html"),
        (TEASER_PAGE, "html"),
        (b"<H2 class='x'>Night</H2>\n" + TEASER_PAGE, "html"),
        (b"<em>Exclusive</em>: the couple split in May, the studio said.\n", "text"),  # inline HTML in prose
        (b"# Night\n\n<p>Some inline HTML in Markdown.</p>\n", "text"),
        (b"<3 this look, the stylist said.\n", "text"),
        (b"<pre>not a block we sniff</pre>\n", "text"),
    ],
)
def test_html_on_stdin_without_a_name_is_sniffed(cli, tmp_path, stdin, fmt):
    data = json.loads(cli("lint", "--format", "json", "-", stdin=stdin, cwd=tmp_path).stdout)
    assert data["files"][0]["format"] == fmt


def test_sniffed_html_on_stdin_is_linted_as_html(cli, tmp_path):
    data = json.loads(cli("lint", "--format", "json", "--select", "clickbait", "-", stdin=TEASER_PAGE, cwd=tmp_path).stdout)
    assert [(f["line"], f["column"], f["text"]) for f in data["files"][0]["findings"]] == [(2, 4, "📖 Related: Ten Looks We Loved")]
    named = json.loads(cli("lint", "--format", "json", "--stdin-filename", "a.txt", "-", stdin=TEASER_PAGE, cwd=tmp_path).stdout)
    forced = json.loads(cli("lint", "--format", "json", "--input-format", "text", "-", stdin=TEASER_PAGE, cwd=tmp_path).stdout)
    assert named["files"][0]["format"] == forced["files"][0]["format"] == "text"  # a name or --input-format decides
