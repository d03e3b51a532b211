"""Commit no third-party text: no tracked file repeats a run of six words of the reference
article. Names and figures are facts and may recur; six words in a row are someone's sentence."""
from __future__ import annotations

import html
import re
import subprocess

import pytest

from conftest import REFERENCE, ROOT

RUN = 6  # words in a row that make a copied passage; shorter runs are often stock phrases ("on the set of")


def words(text: str) -> list[str]:
    """Lower-case words as a reader sees them, through JSON (\\u2019, \\n) and HTML (&rsquo;) escapes."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    text = re.sub(r"\\[nrt]", " ", text)
    text = re.sub(r"['‘’]", "", html.unescape(text).lower())  # "it’s" and "its" are one word
    return re.findall(r"[a-z0-9]+", text)


def runs_of(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


def copied_runs(text: str, reference_runs: set[tuple[str, ...]]) -> list[str]:
    """Each longest stretch of the text made of the reference's six-word runs."""
    tokens = words(text)
    stretches: list[list[int]] = []
    for i in range(len(tokens) - RUN + 1):
        if tuple(tokens[i : i + RUN]) in reference_runs:
            if stretches and i <= stretches[-1][1]:
                stretches[-1][1] = i + RUN
            else:
                stretches.append([i, i + RUN])
    return [" ".join(tokens[start:end]) for start, end in stretches]


def test_the_finder_sees_a_copied_sentence_through_markup_and_escapes():
    reference = runs_of("She said it was the best night of her life.")
    assert copied_runs('<p>It was the best night of her life,\\u201d she said</p>', reference) == ["it was the best night of her life"]
    assert copied_runs("It was the best show of her life.", reference) == []


def test_no_tracked_file_repeats_a_sentence_of_the_reference():
    if not REFERENCE.is_file():
        pytest.skip(f"{REFERENCE} is absent (a clone alone): nothing to compare with")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: no list of tracked files")
    reference_runs = runs_of(REFERENCE.read_text(encoding="utf-8"))
    copied = {}
    for name in listed.stdout.decode().split("\0"):
        path = ROOT / name
        if name and path.is_file():
            runs = copied_runs(path.read_bytes().decode("utf-8", errors="replace"), reference_runs)
            if runs:
                copied[name] = runs
    assert copied == {}, "passages copied from the reference article; rewrite them in our own words"
