"""--fix on the teaser forms real sites use: a label with the headline lines under it goes whole,
an inline teaser goes alone; every other byte (line endings, encoding) stays."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_removes_a_two_line_teaser_byte_exactly(tmp_path, cli, newline):
    lines = ["Intro paragraph.", "", "RELATED", "Star's mansion: inside the $40M home", "", "The end."]
    path = tmp_path / "a.txt"
    path.write_bytes(newline.join(lines + [""]).encode("utf-8"))
    result = cli("lint", "--fix", "--select", "clickbait-interstitial", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert path.read_bytes() == newline.join(["Intro paragraph.", "", "The end.", ""]).encode("utf-8")
    assert "0 problems" in result.stdout.decode()


def test_fix_removes_a_label_and_its_run_of_headlines_in_one_a_line_text(tmp_path, cli):
    long = "The singer shared four photos from the ceremony on Instagram on Sunday, writing that the day was the best."
    path = tmp_path / "a.txt"
    path.write_text(f"{long}\nRead Also\nRapper Buys A Mansion In Lekki\nWhy The Couple Skipped The Reception\n{long}\n", encoding="utf-8")
    cli("lint", "--fix", "--select", "clickbait-interstitial", "a.txt", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == f"{long}\n{long}\n"


@pytest.mark.parametrize(
    "name, source, fixed",
    [
        (
            "a.md",
            "He was seen at the airport. (Also Read: Actor denies any part in the deal)\r\n\r\nHe flew home.\r\n",
            "He was seen at the airport.\r\n\r\nHe flew home.\r\n",
        ),
        (
            "a.html",
            '<p>He was seen at the airport. (Also Read: <a href="/2024/05/x-denies">Actor denies any part in the deal</a>)</p>\n<p>He flew home.</p>\n',
            "<p>He was seen at the airport.</p>\n<p>He flew home.</p>\n",
        ),
        (
            "b.txt",
            "He was seen at the airport — Also Read: Actor Denies Any Part In The Deal\n\nHe flew home.\n",
            "He was seen at the airport\n\nHe flew home.\n",
        ),
    ],
)
def test_fix_removes_only_the_inline_teaser(tmp_path, cli, name, source, fixed):
    path = tmp_path / name
    path.write_bytes(source.encode("utf-8"))
    cli("lint", "--fix", "--select", "clickbait-interstitial", name, cwd=tmp_path)
    assert path.read_bytes() == fixed.encode("utf-8")
