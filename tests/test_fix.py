"""--fix edits only the bytes of the blocks it removes; --diff shows without writing."""

from __future__ import annotations

import codecs

import pytest

HTML = (
    "<!doctype html>\r\n<html><body>\r\n<article>\r\n"
    "  <h1>Stone Signs On</h1>\r\n"
    "  <p>Ava Stone will direct the film, the studio said.</p>\r\n"
    '  <div class="promo">\r\n    <div><p>\U0001f4d6 Related: <a href="/x">Ten Looks We Loved From the Night</a></p></div>\r\n  </div>\r\n'
    "  <p>Filming starts in May.</p>\r\n"
    "</article>\r\n</body></html>\r\n"
)


def test_fix_html_with_crlf_bom_and_nested_div(tmp_path, cli):
    path = tmp_path / "story.html"
    original = codecs.BOM_UTF8 + HTML.encode("utf-8")
    path.write_bytes(original)
    result = cli("lint", "--fix", "--select", "clickbait-interstitial", "story.html", cwd=tmp_path)
    assert result.returncode == 1  # a file changed, as pre-commit expects
    expected = original.replace(
        '  <div class="promo">\r\n    <div><p>\U0001f4d6 Related: <a href="/x">Ten Looks We Loved From the Night</a></p></div>\r\n  </div>\r\n'.encode(), b""
    )
    assert path.read_bytes() == expected
    assert "applied 1 safe fix" in result.stderr.decode()
    assert "0 problems" in result.stdout.decode()  # re-linted after fixing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.html"]  # no temp files left behind
    again = cli("lint", "--fix", "--select", "clickbait-interstitial", "story.html", cwd=tmp_path)
    assert again.returncode == 0 and path.read_bytes() == expected


def test_fix_inline_teaser_keeps_the_rest_of_the_line(tmp_path, cli):
    path = tmp_path / "a.html"
    path.write_bytes(b"<p>Intro.</p><p>READ MORE: <a href='/x'>Star Reveals All</a></p><p>End.</p>\n")
    cli("lint", "--fix", "--select", "clickbait", "a.html", cwd=tmp_path)
    assert path.read_bytes() == b"<p>Intro.</p><p>End.</p>\n"


def test_fix_utf16_text_keeps_its_encoding(tmp_path, cli):
    text = "Intro line.\r\n\r\n\U0001f525 Trending: Why Everyone Is Talking About It\r\n\r\nThe end.\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-16"))
    cli("lint", "--fix", "--select", "clickbait", "a.txt", cwd=tmp_path)
    assert path.read_bytes() == "Intro line.\r\n\r\nThe end.\r\n".encode("utf-16")


def test_diff_shows_and_does_not_write(tmp_path, cli):
    path = tmp_path / "a.txt"
    path.write_text("Intro.\n\n👉 See also: The Night In Pictures\n\nEnd.\n", encoding="utf-8")
    before = path.read_bytes()
    result = cli("lint", "--diff", "--select", "clickbait", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "-👉 See also: The Night In Pictures\n" in result.stdout.decode()
    assert path.read_bytes() == before


def test_a_file_that_does_not_parse_cleanly_is_never_written(tmp_path, cli):
    path = tmp_path / "a.html"
    path.write_bytes(b"<p>\xf0\x9f\x93\x96 Related: <a href='/x'>Ten Looks We Loved</a></p>\n<!-- unterminated comment\n<p>End.</p>")
    before = path.read_bytes()
    result = cli("lint", "--fix", "--select", "clickbait", "a.html", cwd=tmp_path)
    assert path.read_bytes() == before
    assert "not fixed, the file does not parse cleanly: comment opened on line 2 is never closed" in result.stderr.decode()


@pytest.mark.parametrize("jobs", ["0", "two"])
def test_jobs_must_be_a_positive_number(cli, tmp_path, jobs):
    assert cli("lint", "--jobs", jobs, ".", cwd=tmp_path).returncode == 2


ARTICLES = {
    "text": (
        "a.txt",
        "Stone Signs On For Big Film\n\nAva Stone will direct the film, the studio said on Monday.\n\n"
        "\U0001f4d6 Related: Ten Looks We Loved From the Night\n\nFilming starts in May, the studio said.\n\n"
        "READ MORE: Star Reveals All In New Interview\n\nThe end of the story is here.\n",
    ),
    "markdown": (
        "a.md",
        "---\ntitle: Stone Signs On\n---\n# Stone Signs On For Big Film\n\nAva Stone will direct the film.\n\n"
        "**Related:** [Ten Looks We Loved From the Night](/looks)\n\nFilming starts in May.\n\n"
        "> READ MORE: [Star Reveals All In New Interview](/all)\n\nThe end of the story is here.\n",
    ),
    "html": (
        "a.html",
        "<html><body>\n<article>\n<h1>Stone Signs On For Big Film</h1>\n<p>Ava Stone will direct the film.</p>\n"
        "<p>\U0001f4d6 Related: <a href=\"/x\">Ten Looks We Loved From the Night</a></p>\n"
        "<p>Filming starts in May.</p>\n<!-- a comment\nover lines -->\n"
        "<p>READ MORE: <a href=\"/y\">Star Reveals All In New Interview</a></p>\n<p>The end.</p>\n</article>\n</body></html>\n",
    ),
}


@pytest.mark.parametrize("kind", ARTICLES)
def test_lf_crlf_and_cr_give_the_same_findings_and_fixes(tmp_path, cli, kind):
    name, article = ARTICLES[kind]
    results = {}
    for ending in ("\n", "\r\n", "\r"):
        folder = tmp_path / repr(ending).strip("'\\")
        folder.mkdir()
        path = folder / name
        path.write_bytes(article.replace("\n", ending).encode())
        report = cli("lint", name, cwd=folder).stdout.decode()
        fixed = cli("lint", "--fix", "--select", "clickbait", name, cwd=folder)
        assert fixed.returncode == 1, fixed.stderr
        after = path.read_bytes()
        again = cli("lint", "--fix", "--select", "clickbait", name, cwd=folder)
        assert again.returncode == 0 and path.read_bytes() == after  # nothing left to fix, nothing more removed
        if ending == "\r":
            assert b"\n" not in after
        results[ending] = (report, after.decode().replace(ending, "\n"))
    assert results["\n"][0].count("clickbait-interstitial") == 2
    assert "Related" not in results["\n"][1] and "READ MORE" not in results["\n"][1]
    assert "Stone Signs On For Big Film" in results["\n"][1] and "The end" in results["\n"][1]
    assert results["\r\n"] == results["\n"]
    assert results["\r"] == results["\n"]


def test_teaser_labels_in_markdown_code_are_never_flagged_or_removed(tmp_path, cli):
    code = (
        "Intro paragraph about the film.\n\n    Read more: Star Reveals All In New Interview\n\n"
        "```\nRelated: Ten Looks We Loved From the Night\n```\n\n"
    )
    path = tmp_path / "a.md"
    path.write_text(code + "READ MORE: [Star Reveals All](/all)\n\nThe end.\n", encoding="utf-8")
    result = cli("lint", "--fix", "--select", "clickbait", "a.md", cwd=tmp_path)
    assert "applied 1 safe fix" in result.stderr.decode()
    assert path.read_text(encoding="utf-8") == code + "The end.\n"
