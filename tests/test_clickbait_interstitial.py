"""clickbait-interstitial: what it must flag, and what it must leave alone."""

from __future__ import annotations

import html

import pytest

import pubcheck
from pubcheck.config import Config

ONLY = Config(select=("clickbait-interstitial",))


def flagged(source: str, fmt: str) -> list[str]:
    return [f.text for f in pubcheck.lint(source, format=fmt, config=ONLY).findings]


@pytest.mark.parametrize(
    "line",
    [
        "📖 Related: Is The Weeknd a Christian? The Truth Behind Abel’s Faith and Lyrics",
        "👉 See also: Shannon Tweed Net Worth: Why She is Much More Than a Rockstar Wife",
        "✨ Don't miss: Kellyanne Conway Age: Why Her 59th Year Matters More Than Ever",
        "READ MORE: Star's Net Worth Revealed",
        "ALSO READ",
        "Also read: The Ten Best Red Carpet Looks of the Night",
        "🔥 Trending: Why Everyone Is Talking About the Finale",
        "➡️ Must read – Inside the Feud That Split the Band",
        "» You may also like: Secrets of the Met Gala Guest List",
        "Recommended: How the Sequel Broke Box Office Records",
        "More from Starwatch: Ten Celebrity Weddings We Loved",
        "📸 Photos: Every Look From the Golden Globes",
        "▶ Check out: The Trailer Everyone Is Talking About",
        "You may also like → The 15 Best Action Movies of the 2010s, Ranked",
        # an emoji or arrow after the label marks it as a colon does
        "SEE ALSO 👉 Top 10 Richest Fantasy Actresses of All Time",
        "RELATED 🔥 Juno Arliss Album Sales Flop?",
        "READ MORE 📖 Juno Arliss Album Sales Flop?",
        "MORE FROM US → Juno Arliss Album Sales Flop?",
        "Click here to read: Marguerite Osei's Shocking Weight Loss Secret",
        "Keep reading: Marguerite Osei's Shocking Weight Loss Secret",
        "📌 ICYMI: Juniper Hale Husband: Everything About Her Secret Marriage",
        "SEE MORE → Juniper Hale Height, Weight and Body Measurements",
        "Also see: Tessa Lindqvist Opens Up About Her Breakup",
        "Further reading: Juniper Hale Age, Birthday and Zodiac Sign",
        "🔥 HOT: Dani Voss Boyfriend 2025 – Who Is She Dating Now?",
        "MORE: Noor Castell Reveals Her Wedding Plans",
        "Also check out: Jalen Ashby's Net Worth",
        "Suggested read: Jalen Ashby Childhood Photos",
    ],
)
def test_flags_teaser_lines_in_text(line):
    text = f"The film opens in May.\n\n{line}\n\nIt was shot in Toronto."
    assert flagged(text, "text") == [line]


@pytest.mark.parametrize(
    "markup",
    [
        '<p>📖 Related: <a href="/x">Is The Weeknd a Christian?</a></p>',
        '<p><strong>READ MORE:</strong> <a href="/y">Star’s Net Worth Revealed</a></p>',
        '<div class="teaser"><p>👉 See also: <a href="/z">Inside the Reunion</a></p></div>',
        '<ul><li>Read more <a href="/w">the best looks of the night</a></li></ul>',
        "<p><strong>ALSO READ</strong></p>",
        "<blockquote><p>📖 Related: Marguerite Osei’s Shocking Weight Loss Secret</p></blockquote>",
    ],
)
def test_flags_teaser_blocks_in_html(markup):
    page = f"<article><p>The film opens in May.</p>{markup}<p>It was shot in Toronto.</p></article>"
    assert len(flagged(page, "html")) == 1


@pytest.mark.parametrize(
    "line",
    [
        "The related lawsuit was dismissed in March.",
        "Fans can check out the trailer on Friday.",
        "Check out \"Too Much\": This is Lena Dunham’s other Netflix series.",
        "Related lawsuits were filed in 2019 and settled a year later.",
        "Trending topics on the platform included the finale and the reunion special.",
        "Watch Tiny Furniture first: It’s the movie that made her cry.",
        "Recommended by her agent, the script reached the studio within a week.",
        "More than 40 people attended the screening.",
        "Keep reading to find out how the finale was shot.",
        "Click here to read the full ruling, which runs to 40 pages.",
        "Check out 👉 the trailer before Friday.",
        "See also the director's earlier short films, which screen on Sunday.",
        "★★★★☆ Recommended",  # a review's rating
        "⭐⭐⭐⭐ Recommended: a tense, tender drama about two brothers",
        "Hot weather forced the crew indoors for a week.",
        "🔥 Hotel Transylvania 5 is coming this fall, Sony says.",
        "🎬 Watchmen returns to theaters in a restored cut on Friday.",
        "More: the band adds three dates in Ohio and one in Toronto.",
    ],
)
def test_leaves_prose_alone(line):
    assert flagged(f"The film opens in May.\n\n{line}\n\nIt was shot in Toronto.", "text") == []


def test_teaser_quoted_as_a_markdown_blockquote():
    md = "The film opens in May.\n\n> READ MORE: Marguerite Osei's Shocking Weight Loss Secret\n\nIt was shot in Toronto.\n"
    assert flagged(md, "markdown") == ["READ MORE: Marguerite Osei's Shocking Weight Loss Secret"]
    every_rule = pubcheck.lint(md, format="markdown", config=Config()).findings
    assert [f.rule for f in every_rule if f.rule.startswith(("clickbait", "unattributed"))] == ["clickbait-interstitial"]


def test_site_navigation_outside_the_article_is_not_body():
    page = """<html><body><article><h1>Premiere</h1><p>The film opens in May.</p></article>
<aside><h2>Related articles</h2><ul><li>Related: <a href="/a">Ten Looks We Loved</a></li></ul></aside>
<nav><p>Read more: <a href="/b">All Film News</a></p></nav></body></html>"""
    assert flagged(page, "html") == []


def test_long_blocks_are_prose_not_teasers():
    long_line = "Related: " + " ".join(["The Studio Said Many Things About The Release"] * 5)
    assert flagged(f"Intro.\n\n{long_line}\n\nEnd.", "text") == []


def test_max_words_option_is_configurable():
    line = "Related: The Studio Said Many Things About The Release Date"
    config = Config(select=("clickbait-interstitial",), rules=(("clickbait-interstitial", _settings(max=5)),))
    assert pubcheck.lint(f"Intro.\n\n{line}\n\nEnd.", format="text", config=config).findings == ()


def _settings(max: int):
    from pubcheck.config import RuleSettings

    return RuleSettings(options=(("max-words", max),))


def test_problem_article_as_text(problem_article):
    report = pubcheck.lint(problem_article.text, format="text", path="problem-article.txt", config=ONLY)
    lines = problem_article.text.split("\n")
    # end_column is exclusive (one past the last character), as in SARIF
    assert [(f.line, f.column, f.end_line, f.end_column, f.text) for f in report.findings] == [
        (n, 1, n, len(lines[n - 1]) + 1, lines[n - 1]) for n in (17, 34, 53)
    ]
    assert lines[16].startswith("📖 Related:") and lines[33].startswith("👉 See also:") and lines[52].startswith("✨ Don't miss:")


def test_problem_article_wrapped_in_paragraphs(problem_article):
    page = "\n".join(f"<p>{html.escape(line, quote=False)}</p>" if line.strip() else "" for line in problem_article.text.split("\n"))
    report = pubcheck.lint(page, format="html", config=ONLY)
    assert [(f.line, f.column, f.end_line) for f in report.findings] == [(17, 4, 17), (34, 4, 34), (53, 4, 53)]
    assert all(f.snippet.startswith(("📖", "👉", "✨")) for f in report.findings)


def test_fix_removes_exactly_the_teaser_line(problem_article):
    text = problem_article.text
    report = pubcheck.lint(text, format="text", config=ONLY)
    fix = report.findings[0].fix
    assert fix.safe
    fixed = text[: fix.start] + fix.replacement + text[fix.end :]
    lines = text.split("\n")
    assert fixed.split("\n") == lines[:16] + lines[18:]  # the teaser and one of the two blank lines around it
