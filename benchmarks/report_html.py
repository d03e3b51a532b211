"""The HTML report in a real browser: how long a batch of N articles takes to open, filter and show one.

    .venv/bin/python benchmarks/report_html.py [N ...]      (default: 2000 5000)

Needs Debian's Chromium at /usr/bin/chromium and the test extra's playwright. The batch repeats
the fixture articles under new paths (the page's cost depends on articles and findings, not on
which), rendered by the same call as ``pubcheck report``; times are the page's own
``performance`` clock. Figures: benchmarks/README.md ("The HTML report").
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pubcheck
from pubcheck.report.html import render

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def page_for(count: int, folder: Path) -> Path:
    summary = pubcheck.lint_paths([str(ROOT / "fixtures" / "articles")])
    base = [r for r in summary.reports if not r.error]
    sources = {r.path: Path(r.path).read_text(encoding="utf-8") for r in base}
    reports = tuple(replace(base[i % len(base)], path=f"batch/{i:05d}-{Path(base[i % len(base)].path).name}") for i in range(count))
    started = time.perf_counter()
    page = render(replace(summary, reports=reports), {r.path: sources[base[i % len(base)].path] for i, r in enumerate(reports)})
    findings = sum(len(r.findings) for r in reports)
    print(f"{count} articles, {findings} findings: page {len(page.encode()) / 1e6:.1f} MB, rendered in {time.perf_counter() - started:.2f} s")
    output = folder / f"report-{count}.html"
    output.write_text(page, encoding="utf-8")
    return output


def measure(context, path: Path) -> None:
    page = context.new_page()
    page.goto(path.as_uri())
    opened = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    timings = page.evaluate(
        """() => {
             const time = action => { const start = performance.now(); action(); document.body.offsetHeight; return performance.now() - start; };
             const select = document.getElementById('rule-filter');
             const filter = time(() => { select.value = 'unsourced-claim'; select.dispatchEvent(new Event('change')); });
             const article = time(() => document.querySelector('#index tbody tr').click());
             const rows = document.querySelectorAll('#index tbody tr').length;
             return {filter, article, rows, nodes: document.getElementsByTagName('*').length};
           }"""
    )
    print(f"  opened in {opened:.0f} ms, filtered by rule in {timings['filter']:.0f} ms, "
          f"an article shown in {timings['article']:.0f} ms; {timings['rows']} rows, {timings['nodes']} elements in the DOM")
    page.close()


def main(counts: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(Path(folder) / "profile"), executable_path="/usr/bin/chromium", headless=True, args=ARGS
        )
        for count in counts:
            measure(context, page_for(count, Path(folder)))
        context.close()


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [2000, 5000])
