"""Inline suppression comments in HTML and Markdown."""

from __future__ import annotations

import pubcheck
from pubcheck.config import Config

ONLY = Config(select=("clickbait-interstitial",))


def lines_flagged(source: str, fmt: str) -> list[int]:
    return [f.line for f in pubcheck.lint(source, format=fmt, config=ONLY).findings]


HTML = """<article>
<p>📖 Related: <a href="/a">Ten Looks We Loved</a></p>
<!-- pubcheck-disable clickbait-interstitial -->
<p>👉 See also: <a href="/b">The Night In Pictures</a></p>
<p>✨ Don't miss: <a href="/c">Inside The Party</a></p>
<!-- pubcheck-enable -->
<p>🔥 Trending: <a href="/d">Who Wore It Best</a></p>
<!-- pubcheck-disable-next-line clickbait-interstitial -->

<p>READ MORE: <a href="/e">Every Winner Of The Night</a></p>
<p>ALSO READ: <a href="/f">The Speech Everyone Is Quoting</a></p>
</article>"""


def test_disable_enable_and_next_line_in_html():
    assert lines_flagged(HTML, "html") == [2, 7, 11]


def test_disable_for_another_rule_does_not_hide_this_one():
    source = "<!-- pubcheck-disable unsourced-claim -->\n<p>📖 Related: <a href='/a'>Ten Looks We Loved</a></p>"
    assert lines_flagged(source, "html") == [2]


def test_disable_without_rules_disables_everything_to_the_end():
    source = "<p>📖 Related: <a href='/a'>Ten Looks</a></p>\n<!-- pubcheck-disable -->\n<p>👉 See also: <a href='/b'>More Looks</a></p>"
    assert lines_flagged(source, "html") == [1]


def test_markdown_comments():
    source = (
        "# Night\n\n📖 Related: [Ten Looks We Loved](/a)\n\n"
        "<!-- pubcheck-disable-next-line clickbait-interstitial -->\n👉 See also: [More Looks](/b)\n\n"
        "<!-- pubcheck-disable clickbait-interstitial, unsourced-claim -->\n\n✨ Don't miss: [The Party](/c)\n\n"
        "<!-- pubcheck-enable clickbait-interstitial -->\n\n🔥 Trending: [Who Wore It](/d)\n"
    )
    assert lines_flagged(source, "markdown") == [3, 14]


def test_next_line_with_carriage_return_line_endings():
    source = "<p>Intro.</p>\r<!-- pubcheck-disable-next-line clickbait-interstitial -->\r\r<p>👉 See also: <a href='/b'>More Looks</a></p>\r<p>📖 Related: <a href='/a'>Ten Looks</a></p>"
    assert lines_flagged(source, "html") == [5]
