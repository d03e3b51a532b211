"""How well the HTML reader finds the article on full web pages, and what reading a page costs.

Quality is measured against public extraction benchmarks fetched locally (never committed):

* scrapinghub's article-extraction-benchmark (``ground-truth.json`` + ``html/*.html``): word
  precision and recall of the body against the ground-truth article text, as bags of words
  (each word counted as often as it occurs), averaged over pages with every page weighted
  alike, as the benchmark's own ``evaluate.py`` does; its 4-word shingle figures are printed too.
* trafilatura's test pages (``evaldata.json`` + ``tests/cache``): the share of "with" snippets
  found in the body and of "without" snippets (page chrome) kept out of it.

Cost is the decode + read CPU time per page, the fastest of several passes, on the same pages and
on a page with 20,000 elements of chrome (10x fewer must cost about 10x less: linear).
``--compare-with SRC`` times another checkout's reader (its ``src`` folder) in a subprocess.

    python benchmarks/body_extraction.py --pages /work/realcopy/pages [--compare-with /tmp/base/src]

Layout of --pages: ``aeb/ground-truth.json``, ``aeb/html/<id>.html``;
``trafilatura/evaldata.json``, ``trafilatura/tests/cache/<file>``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from pubcheck.document import decode, read
from pubcheck.errors import InputError

_TOKEN = re.compile(r"\w+")


def body_text(data: bytes) -> tuple[str, str | None]:
    """The body as pubcheck reads it, and why it could not be read (None when it could)."""
    try:
        text, _ = decode(data, "html")
    except InputError as exc:
        return "", str(exc)
    return "\n".join(block.text for block in read(text, "html").body), None


def overlap(true: Counter, pred: Counter) -> tuple[float, float]:
    """Precision and recall of one page, with the benchmark's conventions for empty sides."""
    hits = sum((true & pred).values())
    fp, fn = sum(pred.values()) - hits, sum(true.values()) - hits
    if fp == fn == 0:
        return 1.0, 1.0
    return (hits / (hits + fp) if hits + fp else 0.0), (hits / (hits + fn) if hits + fn else 0.0)


def shingles(tokens: list[str], n: int = 4) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def reader_mode_text(data: bytes) -> str | None:
    """The article as readability-lxml (a port of Readability, a reader mode) extracts it; None
    when it is not installed."""
    try:
        import lxml.html
        from readability import Document as ReadabilityDocument
    except ImportError:
        return None
    try:
        html = ReadabilityDocument(data).summary(html_partial=True)
    except Exception:  # its parser gives up on some pages: no reference for them
        return ""
    return lxml.html.fromstring(html).text_content() if html.strip() else ""


def aeb(root: Path, verbose: bool) -> None:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    words, grams, refused, worst, versus_reader = [], [], [], [], []
    for key, item in sorted(truth.items()):
        data = (root / "html" / f"{key}.html").read_bytes()
        pred, error = body_text(data)
        reference = reader_mode_text(data)
        if reference:
            versus_reader.append(overlap(Counter(_TOKEN.findall(reference)), Counter(_TOKEN.findall(pred))))
        if error:
            refused.append(f"{key[:12]}: {error}")
        true_tokens, pred_tokens = _TOKEN.findall(item.get("articleBody", "")), _TOKEN.findall(pred)
        words.append(overlap(Counter(true_tokens), Counter(pred_tokens)))
        grams.append(overlap(shingles(true_tokens), shingles(pred_tokens)))
        worst.append((min(words[-1]), key[:12], words[-1], item.get("url", "")))
    print(f"article-extraction-benchmark: {len(truth)} pages, {len(refused)} refused")
    for name, pairs in (("words", words), ("4-word shingles", grams), ("words vs readability-lxml", versus_reader)):
        if not pairs:
            continue
        precision = statistics.mean(p for p, _ in pairs)
        recall = statistics.mean(r for _, r in pairs)
        print(f"  {name:<26} precision {precision:.3f}  recall {recall:.3f}  F1 {2 * precision * recall / (precision + recall):.3f}")
    for line in refused:
        print("  refused", line)
    if verbose:
        for _, key, (p, r), url in sorted(worst)[:25]:
            print(f"  {key}  P {p:.2f} R {r:.2f}  {url}")


def trafilatura(root: Path, verbose: bool) -> None:
    cases = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    found = wanted = kept_out = unwanted = pages = 0
    misses = []
    for item in cases.values():
        path = root / "tests" / "cache" / item["file"]
        if not path.exists():
            continue
        pages += 1
        text = " ".join(body_text(path.read_bytes())[0].split())
        for snippet in item.get("with", []):
            wanted += 1
            hit = " ".join(snippet.split()) in text
            found += hit
            if not hit:
                misses.append(f"missing  {item['file']}: {snippet[:60]!r}")
        for snippet in item.get("without", []):
            unwanted += 1
            out = " ".join(snippet.split()) not in text
            kept_out += out
            if not out:
                misses.append(f"included {item['file']}: {snippet[:60]!r}")
    print(f"trafilatura test pages: {pages} pages; 'with' snippets found {found}/{wanted} ({found / wanted:.3f}), "
          f"'without' snippets kept out {kept_out}/{unwanted} ({kept_out / unwanted:.3f})")
    if verbose:
        for line in misses[:40]:
            print("  " + line)


def chrome_page(elements: int) -> str:
    """An article followed by ``elements`` elements of chrome: a long list of related links."""
    article = "".join(f"<p>Paragraph {i} of the story, with a clause, and another one to make it long enough.</p>" for i in range(20))
    items = "".join(f'<li><a href="/s/{i}">Other story {i}</a></li>' for i in range(elements // 2))
    return f"<html><body><article><h1>Headline</h1>{article}</article><div class='related'><ul>{items}</ul></div></body></html>"


def timing(pages: list[Path], passes: int) -> dict:
    datas = [path.read_bytes() for path in pages]

    def best(job) -> float:
        fastest = float("inf")
        for _ in range(passes):
            start = time.process_time()  # CPU time: this machine is shared, and waiting is not reading
            job()
            fastest = min(fastest, time.process_time() - start)
        return fastest

    def read_all(blobs):
        for data in blobs:
            try:
                read(decode(data, "html")[0], "html")
            except InputError:
                pass

    small, big = chrome_page(2_000).encode(), chrome_page(20_000).encode()
    return {
        "ms_per_page": best(lambda: read_all(datas)) * 1000 / len(datas),
        "chrome_2000_ms": best(lambda: read_all([small])) * 1000,
        "chrome_20000_ms": best(lambda: read_all([big])) * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=Path("/work/realcopy/pages"))
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--compare-with", type=Path, metavar="SRC", help="another checkout's src folder to time")
    parser.add_argument("--corpus", type=Path, help="also time these pages (e.g. benchmarks/out/bench-corpus)")
    parser.add_argument("--timing-only", action="store_true", help=argparse.SUPPRESS)  # the subprocess of --compare-with
    parser.add_argument("-v", "--verbose", action="store_true", help="list the worst pages and missed snippets")
    args = parser.parse_args()
    sets = {"article-extraction-benchmark": sorted((args.pages / "aeb" / "html").glob("*.html"))}
    if args.corpus:
        sets["engine benchmark corpus"] = sorted(args.corpus.glob("*.html"))
    if args.timing_only:
        print(json.dumps({name: timing(pages, args.passes) for name, pages in sets.items()}))
        return 0
    if (args.pages / "aeb").is_dir():
        aeb(args.pages / "aeb", args.verbose)
    if (args.pages / "trafilatura").is_dir():
        trafilatura(args.pages / "trafilatura", args.verbose)
    runs = {"this reader": {name: timing(pages, args.passes) for name, pages in sets.items()}}
    if args.compare_with:
        command = [sys.executable, __file__, "--timing-only", "--pages", str(args.pages), "--passes", str(args.passes)]
        if args.corpus:
            command += ["--corpus", str(args.corpus)]
        env = {**os.environ, "PYTHONPATH": str(args.compare_with)}
        runs[f"reader in {args.compare_with}"] = json.loads(subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout)
    for who, results in runs.items():
        for name, figures in results.items():
            print(f"{who}, {name}: {figures['ms_per_page']:.2f} ms/page; chrome page of 2,000 elements "
                  f"{figures['chrome_2000_ms']:.1f} ms, of 20,000 {figures['chrome_20000_ms']:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
