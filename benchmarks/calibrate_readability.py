"""The figures behind the readability rules' defaults: sentence and paragraph lengths, reading
grade and ease, and passive share, measured over a set of articles.

    python benchmarks/calibrate_readability.py DIR [DIR ...]

Run it on professional articles (the real pages kept outside the repository; the figures and
sources are in benchmarks/README.md) and on content-farm copy, and compare: a default should
leave a typical professional article alone and still catch the content farm. Prints, over the
articles: percentiles of every sentence's and paragraph's length, of each article's longest
sentence and paragraph, of its grade and reading ease, and of its passive share.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pubcheck.document import decode, format_for, read
from pubcheck.document.sentences import words
from pubcheck.rules.passive_voice import passive_sentences
from pubcheck.rules.readability_grade import grade_and_ease
from pubcheck.text.prose import prose_blocks

sys.path.insert(0, str(Path(__file__).resolve().parent))
from noise import articles  # noqa: E402

PERCENTILES = (5, 10, 50, 75, 90, 95, 99)


def percentiles(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    picks = [ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] for p in PERCENTILES]
    return "  ".join(f"p{p}={v:.1f}" for p, v in zip(PERCENTILES, picks)) + f"  max={ordered[-1]:.1f}  (n={len(ordered)})"


def measure(paths: list[Path]) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {k: [] for k in ("sentence", "paragraph", "longest sentence", "longest paragraph", "grade", "ease", "passive %")}
    for path in paths:
        fmt = format_for(str(path), None)
        doc = read(decode(path.read_bytes(), fmt)[0], fmt, str(path))
        blocks = prose_blocks(doc)
        sentences = [len(words(s.text)) for b in blocks for s in b.sentences]
        paragraphs = [len(b.words) for b in doc.body if b.kind == "paragraph"]
        if len(sentences) < 5:
            continue
        figures["sentence"] += sentences
        figures["paragraph"] += paragraphs
        figures["longest sentence"].append(max(sentences))
        figures["longest paragraph"].append(max(paragraphs, default=0))
        scores = grade_and_ease(doc)
        if scores and scores[2] >= 50:
            figures["grade"].append(scores[0])
            figures["ease"].append(scores[1])
        passive = len(passive_sentences(blocks))
        figures["passive %"].append(100 * passive / len(sentences))
    return figures


def main(argv: list[str]) -> int:
    paths = articles([Path(a) for a in argv])
    if not paths:
        print("usage: calibrate_readability.py DIR [DIR ...]", file=sys.stderr)
        return 2
    for name, values in measure(paths).items():
        print(f"{name:18} {percentiles(values)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
