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


def test_a_misspelt_rule_id_is_reported_where_it_is_written():
    source = (
        "<article>\n<!-- pubcheck-disable-next-line clickbait-interstital, unsourced-claim -->\n"
        "<p>📖 Related: <a href='/a'>Ten Looks We Loved</a></p>\n</article>"
    )
    config = Config(select=("clickbait-interstitial", "unknown-directive"))
    findings = pubcheck.lint(source, format="html", config=config).findings
    assert [(f.rule, f.severity, f.line, f.column, f.end_column, f.text) for f in findings] == [
        ("unknown-directive", "warning", 2, 33, 54, "clickbait-interstital"),
        ("clickbait-interstitial", "warning", 3, 4, 46, "📖 Related: Ten Looks We Loved"),
    ]
    assert findings[0].message == (
        'Unknown rule "clickbait-interstital" in pubcheck-disable-next-line suppresses nothing; '
        'did you mean "clickbait-interstitial"?'
    )


def test_known_ids_and_grammar_sub_rules_are_not_reported_in_any_format():
    config = Config(select=("unknown-directive",))
    for source, fmt in [
        ("<!-- pubcheck-disable clickbait-interstitial, grammar/MORFOLOGIK_RULE_EN_US -->\n<p>Text.</p>", "html"),
        ("<!-- pubcheck-disable-next-line unsourced-claim -->\nText.\n", "markdown"),
        ("Head\n\n<!-- pubcheck-enable long-sentence -->\nText.\n", "text"),
        ("<!-- pubcheck-disable -->\n<p>Text.</p>", "html"),
    ]:
        assert pubcheck.lint(source, format=fmt, config=config).findings == ()
    (finding,) = pubcheck.lint("Head\n\n<!-- pubcheck-enable  nope-rule -->\n", format="text", config=config).findings
    assert (finding.line, finding.column, finding.message) == (
        3, 23, 'Unknown rule "nope-rule" in pubcheck-enable suppresses nothing; `pubcheck rules` lists the rules'
    )


def test_an_unknown_id_is_on_by_default_and_can_itself_be_ignored(write, cli, tmp_path):
    write("a.md", "<!-- pubcheck-disable-next-line unsourced-clam -->\nThe couple split, the studio said.\n")
    result = cli("lint", "a.md", cwd=tmp_path)
    assert result.returncode == 1
    assert "a.md:1:33: warning unknown-directive Unknown rule \"unsourced-clam\"" in result.stdout.decode()
    assert cli("lint", "--ignore", "unknown-directive", "a.md", cwd=tmp_path).returncode == 0
