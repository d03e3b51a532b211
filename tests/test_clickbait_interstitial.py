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
        "📖 Related: Does Corin Mabry Really Own a Castle? The Story Behind the Rumors",
        "👉 See also: Marlo Penn Net Worth: How the Talk Show Host Built a Fortune",
        "✨ Don't miss: Anouk Devereux Age: Why Her Fiftieth Birthday Changed Everything",
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
        '<p>📖 Related: <a href="/x">Does Corin Mabry Really Own a Castle?</a></p>',
        '<p><strong>READ MORE:</strong> <a href="/y">Star’s Net Worth Revealed</a></p>',
        '<div class="teaser"><p>👉 See also: <a href="/z">Inside the Reunion</a></p></div>',
        '<ul><li>Read more <a href="/w">the best looks of the night</a></li></ul>',
        "<p><strong>ALSO READ</strong></p>",
        "<blockquote><p>📖 Related: Marguerite Osei’s Shocking Weight Loss Secret</p></blockquote>",
        "<p>… Keep reading: How the Finale Was Shot in One Night</p>",  # an ellipsis before a marked label
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
        "Check out \"Low Orbit\": This is Tessa Lindgren’s earlier streaming series.",
        "Related lawsuits were filed in 2019 and settled a year later.",
        "Trending topics on the platform included the finale and the reunion special.",
        "Watch Paper Lanterns first: It’s the film that made her a fan.",
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
        "… keep reading. I’m about to show you how the finale was shot.",  # a sentence going on, not a label
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


# Forms found on real sites (written here in our own words): every separator or none, glued labels.
@pytest.mark.parametrize(
    "line",
    [
        "Read also; Star Reveals Her Secret Skincare Routine",
        "Read also; Star reveals her secret",
        "ALSO READ - (Singer slams troll over wedding photos)",
        "Also Read Actor buys a mansion in Malibu",
        "Also ReadActor buys a mansion in Malibu",
        "More:'Quoted Headline' anniversary special",
        "READ: Singer Opens Up About Her Comeback Tour",
        "You may like; Ten Looks From The Gala",
        "More stories: Inside The Couple's Beach Wedding",
    ],
)
def test_flags_real_site_teaser_forms_in_text_markdown_and_html(line):
    text = f"The film opens in May.\n\n{line}\n\nIt was shot in Toronto."
    page = f"<article>\n<p>The film opens in May.</p>\n  <p>{html.escape(line, quote=False)}</p>\n<p>It was shot in Toronto.</p></article>"
    for source, fmt, at in ((text, "text", (3, 1)), (text, "markdown", (3, 1)), (page, "html", (3, 6))):
        found = pubcheck.lint(source, format=fmt, config=ONLY).findings
        assert [(f.text, (f.line, f.column)) for f in found] == [(line, at)], fmt


def findings(source: str, fmt: str):
    return pubcheck.lint(source, format=fmt, config=ONLY).findings


def apply(source: str, report_findings) -> str:
    for fix in sorted((f.fix for f in report_findings if f.fix), key=lambda fix: -fix.start):
        source = source[: fix.start] + fix.replacement + source[fix.end :]
    return source


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("label", ["RELATED", "More stories", "Also read;"])
def test_two_line_teaser_both_lines_found_and_removed(fmt, label):
    source = f"The film opens in May.\n\n{label}\nStar's mansion: inside the $40M home\n\nIt was shot in Toronto.\n"
    found = findings(source, fmt)
    assert [(f.line, f.column, f.text) for f in found] == [(3, 1, label), (4, 1, "Star's mansion: inside the $40M home")]
    assert apply(source, found) == "The film opens in May.\n\nIt was shot in Toronto.\n"


def test_two_line_teaser_in_one_paragraph_a_line_text():
    long = "The singer shared four photos from the ceremony on Instagram on Sunday, writing that the day was the best."
    source = f"{long}\nRead Also\nRapper Buys A Mansion In Lekki\nWhy The Couple Skipped The Reception\n{long}\n"
    found = findings(source, "text")
    assert [(f.line, f.text) for f in found] == [
        (2, "Read Also"), (3, "Rapper Buys A Mansion In Lekki"), (4, "Why The Couple Skipped The Reception")
    ]
    assert apply(source, found) == f"{long}\n{long}\n"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_inline_teaser_at_paragraph_end_found_and_only_the_parenthesis_removed(fmt):
    sentence = "The actor was photographed at the airport."
    teaser = "(Also Read: Actor denies any part in the deal)"
    source = f"{sentence} {teaser}\n\nHe flew to London.\n"
    if fmt == "html":
        source = f"<p>{sentence} {teaser}</p>\n<p>He flew to London.</p>\n"
    (found,) = findings(source, fmt)
    assert found.text == teaser
    assert (found.line, found.column) == (1, len(sentence) + 2 + (3 if fmt == "html" else 0))
    assert apply(source, [found]) == source.replace(" " + teaser, "")


def test_inline_teaser_after_a_dash():
    source = "The actor was photographed at the airport — Also Read: Actor Denies Any Part In The Deal\n"
    (found,) = findings(source, "text")
    assert found.text.startswith("— Also Read") and found.column == 43
    assert apply(source, [found]) == "The actor was photographed at the airport\n"


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_paragraph_that_is_only_a_link_to_another_article_on_the_same_site(fmt):
    link = ("Star's mansion: inside the $40M home", "/2024/05/star-mansion-inside-home")
    if fmt == "html":
        source = (
            '<html><head><link rel="canonical" href="https://gossip.example/2024/06/story"></head><body><article>'
            f'<p>The film opens in May.</p>\n<p><a href="{link[1]}">{link[0]}</a></p>\n'
            f'<p><a href="https://www.gossip.example/2024/04/another-long-story">Why the couple skipped the party</a></p>\n'
            '<p>It was shot in Toronto.</p></article></body></html>'
        )
    else:
        source = f"The film opens in May.\n\n[{link[0]}]({link[1]})\n\nIt was shot in Toronto.\n"
    found = findings(source, fmt)
    assert found[0].text == link[0] and found[0].line == (2 if fmt == "html" else 3)
    assert len(found) == (2 if fmt == "html" else 1)


@pytest.mark.parametrize("href", ["/story/1322", "/showbiz/7711/", "https://gossip.example/news/48213?ref=body"])
def test_link_paragraph_to_an_article_by_numeric_id_is_flagged(href):
    headline = "Nigerians react as popular skit maker shows off new mansion"
    page = (
        '<html><head><link rel="canonical" href="https://gossip.example/x"></head><body><article><p>The film opens.</p>'
        f'<p><a href="{href}">{headline}</a></p><p>It was shot in Lagos.</p></article></body></html>'
    )
    assert flagged(page, "html") == [headline]


@pytest.mark.parametrize(
    "markup",
    [
        '<p><a href="/2024/05">Everything we published in May this year</a></p>',
        '<p><a href="/tv/12">Everything on the television desk this week</a></p>',
        '<p><a href="https://other.example/2024/05/star-mansion-inside-home">Star\'s mansion: inside the $40M home</a></p>',
        '<p><a href="/tag/star-mansion-and-homes">Star\'s mansion: inside the $40M home</a></p>',
        '<p>See <a href="/2024/05/star-mansion-inside-home">her mansion</a> for more.</p>',
        '<p><a href="/2024/05/star-mansion-inside-home">Photos</a></p>',
    ],
)
def test_link_paragraph_to_another_site_a_tag_page_or_inside_a_sentence_is_not_flagged(markup):
    page = f'<html><head><link rel="canonical" href="https://gossip.example/x"></head><body><article><p>The film opens.</p>{markup}</article></body></html>'
    assert flagged(page, "html") == []


@pytest.mark.parametrize(
    "source",
    [
        "The band posted a long note.\n\nRead the full statement below:\n\nWe are grateful to every fan.",
        "Their story took years.\n\nMore: the timeline of their relationship\n\nThey met in 2015 at a festival in Lagos.",
        "Director: Ada Mensah\nStarring: Kofi Boateng, Esi Owusu\nRelated: The Harbour Years (2019)\nRuntime: 112 minutes\n",
        '"See also the way she handled the press," her manager said.',
        "See also: List of awards received by the band",
        "ALSO READ\n\nIt was shot in Toronto over six weeks.",
        "Don't miss the final episode, which airs on Sunday.",
        "The actor, who was at the airport (also read his statement), flew home.",
    ],
)
def test_precision_negatives_from_real_copy(source):
    for fmt in ("text", "markdown"):
        assert [f for f in flagged(source, fmt) if "ALSO READ" not in f] == []


@pytest.mark.parametrize(
    "line",
    [
        "BASAHIN: Carlo Medina, may inamin tungkol sa kanyang nakaraan",
        "Basahin din: Kim Saldaña, ipinakita ang bagong bahay sa Tagaytay",
        "Basahin din Kim Saldaña, ipinakita ang bagong bahay",
        "Related Story — Bea Lacson reveals dream wedding details",
        "Related – Bea Lacson reveals dream wedding details",
    ],
)
def test_tagalog_labels_and_dash_separated_labels(line):
    for fmt in ("text", "markdown"):
        assert flagged(f"The film opens in May.\n\n{line}\n\nIt was shot in Manila.\n", fmt) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Basahin mo ang buong pahayag sa ibaba, sabi ng kanyang manager.",
        "Related — but not identical — cases were heard in the same court last year.",
        "Related story — the one about the lawsuit — ran last week.",
    ],
)
def test_tagalog_and_dash_negatives(line):
    for fmt in ("text", "markdown"):
        assert flagged(f"The film opens in May.\n\n{line}\n\nIt was shot in Manila.\n", fmt) == []


PROMO_ONLY = Config(select=("promo-line",))


@pytest.mark.parametrize(
    "line",
    [
        "PAY ATTENTION: Follow us on Instagram for the latest gist",
        "Join our Telegram channel for instant updates",
        "Don't miss trending news, subscribe to our newsletter today",
        "Follow NL on Social Media",
        "Get Instant Updates By Joining Our WhatsApp Channel",
        "Click here to sign up for our newsletters",
        "Do you have a hot story or tip? Reach us on WhatsApp 0700 000 000 or email tips@gossipdesk.example.",
        "For more Bollywood gossip, follow FilmyBuzz India on Instagram and subscribe to our YouTube channel!",
        "Don't miss a beat — turn on notifications and follow Glitterfeed on Instagram!",
        "Bookmark this page and follow us for more celebrity heights!",
        "Follow ShowbizBalita on TikTok and Facebook para updated ka palagi sa latest chika!",
    ],
)
def test_promo_lines_are_their_own_info_finding(line):
    for fmt, source in (("text", f"The film opens.\n\n{line}\n"), ("html", f"<p>The film opens.</p>\n<p>{line}</p>")):
        report = pubcheck.lint(source, format=fmt, config=Config(select=("promo-line", "clickbait-interstitial")))
        assert [(f.rule, f.severity, f.line, f.column, f.text) for f in report.findings] == [
            ("promo-line", "info", 2 if fmt == "html" else 3, 4 if fmt == "html" else 1, line)
        ]


@pytest.mark.parametrize(
    "line",
    ["Fans can follow the tour on the band's website.", "She asked her followers to join her at the premiere on Friday.",
     "Don't miss the final episode, which airs on Sunday.", "For more than a decade, she has lived in Lagos.",
     "Fans who follow the singer on Instagram saw the post first.",
     'She thanked the crowd in Accra. "Follow me on TikTok for more," she joked.',
     "The tour starts in May. Follow the band's progress on its own website."],
)
def test_promo_negatives(line):
    assert not pubcheck.lint(f"The film opens.\n\n{line}\n", format="text", config=PROMO_ONLY).findings


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_promo_sentence_closing_a_paragraph_is_reported_and_removed_alone(fmt):
    story = "That is all about the singer's net worth this year. If you liked it, tell a friend."
    promo = "Subscribe to our newsletter and follow us on Facebook for more updates."
    source = f"<p>The film opens.</p>\n<p>{story} {promo}</p>\n" if fmt == "html" else f"The film opens.\n\n{story} {promo}\n"
    report = pubcheck.lint(source, format=fmt, config=PROMO_ONLY)
    column = len(story) + 2 + (3 if fmt == "html" else 0)
    assert [(f.line, f.column, f.text) for f in report.findings] == [(2 if fmt == "html" else 3, column, promo)]
    assert apply(source, report.findings) == source.replace(f" {promo}", "")


@pytest.mark.parametrize(
    "source, fmt",
    [
        ("<p>The film opens in May.</p><p>ALSO READ</p><h2>Her Early Career</h2><p>She grew up in Leeds.</p>", "html"),
        ("The film opens in May.\n\nALSO READ\n\n## Her Early Career\n\nShe grew up in Leeds.\n", "markdown"),
    ],
)
def test_a_section_heading_after_a_bare_label_is_not_its_headline(source, fmt):
    assert flagged(source, fmt) == ["ALSO READ"]


def test_a_linked_heading_under_a_bare_label_is_its_headline():
    page = '<p>The film opens.</p><h3>RELATED</h3><h4><a href="/2024/05/star-mansion-inside">Star\'s mansion: inside the home</a></h4><p>She grew up in Leeds.</p>'
    assert flagged(page, "html") == ["RELATED", "Star's mansion: inside the home"]


def test_two_line_teaser_in_html_both_paragraphs_at_their_positions():
    page = (
        "<article>\n<p>The film opens in May.</p>\n<p><strong>RELATED</strong></p>\n"
        '<p><a href="/2024/05/star-mansion-inside">Star\'s mansion: inside the $40M home</a></p>\n<p>It was shot in Toronto.</p>\n</article>\n'
    )
    found = findings(page, "html")
    assert [(f.text, f.line, f.column) for f in found] == [
        ("RELATED", 3, 12), ("Star's mansion: inside the $40M home", 4, 43)
    ]
    assert apply(page, found) == "<article>\n<p>The film opens in May.</p>\n<p>It was shot in Toronto.</p>\n</article>\n"


def test_a_button_to_a_file_is_not_a_headline_link():
    page = (
        '<html><head><link rel="canonical" href="https://news.example/2024/05/finale"></head><body><article>'
        "<p>The finale was shot in one night.</p>{link}<p>It airs on Sunday.</p></article></body></html>"
    )
    download = '<p><a href="https://news.example/wp-content/uploads/2024/05/shooting-schedule-guide.pdf">GET THE SHOOTING SCHEDULE NOW</a></p>'
    assert flagged(page.format(link=download), "html") == []
    story = '<p><a href="https://news.example/2024/05/inside-the-finale-shoot">GET THE STORY OF THE SHOOT NOW</a></p>'
    assert len(flagged(page.format(link=story), "html")) == 1


def test_up_next_over_a_sports_schedule_is_not_a_teaser():
    story = "<article><p>The Thunder won 112-104.</p><p>UP NEXT</p>{after}</article>"
    schedule = "<p>Thunder: Host the Lakers on Friday.</p><p>Lakers: Visit the Thunder on Friday.</p>"
    assert flagged(story.format(after=schedule), "html") == []
    # over a headline linking to another story, it is one
    teaser = '<p><a href="/2024/05/thunder-guard-out-for-season">Thunder Guard Out for the Season After Knee Surgery</a></p><p>The next game is Friday.</p>'
    assert len(flagged(story.format(after=teaser), "html")) >= 1
