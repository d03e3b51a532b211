"""Full web pages: the reader finds the article as a reader mode does and keeps exact positions.

Every page here is written for this test: one invented article, and around it one kind of page
chrome at a time (comments, related-story lists, sponsored widgets, share bars, tag lists,
breadcrumbs, newsletter, cookie and paywall boxes, author bios, gallery carousels, "See also"
hatnotes, hidden text). Each test asserts the exact body, and that findings on the page point
at the exact line and column of their source.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from helpers import best_cpu_seconds
from positions import position

from pubcheck.document import read
from pubcheck.engine import Linter
from pubcheck.config import Config

HEADLINE = "Marisol Vance Signs On for a Second Season of Harbor Lights"
PARAGRAPHS = [
    "Marisol Vance will return for a second season of the coastal drama Harbor Lights, the streaming service confirmed on Tuesday, ending months of talk about whether the series would survive its expensive first year.",
    "Vance, 34, plays a lighthouse keeper who inherits a failing fishing business, and her performance drew the strongest reviews of her career when the first eight episodes arrived in the spring.",
    "Production will move from Nova Scotia to the coast of Maine, according to a statement from the studio, which said the change would let the crew film through the winter months without long breaks.",
    "The showrunner, Teodor Lisk, told reporters at a screening in Los Angeles that the new season would follow the keeper's younger brother, who returns to town after ten years away with debts of his own.",
    "Filming is due to begin in March, with the new episodes expected late next year, and the studio has not yet said whether the two supporting actors who left after the finale will come back.",
    "Vance said in an interview last week that she had spent the break learning to sail, because the script for the premiere puts her alone on a small boat in a storm for most of an episode.",
]
ARTICLE = f"<h1>{HEADLINE}</h1>\n" + "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
EXPECTED = [HEADLINE, *PARAGRAPHS]


def page(body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head><meta charset='utf-8'><title>Harbor Lights | The Daily Reel</title></head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def body_texts(source: str) -> list[str]:
    return [block.text for block in read(source, "html").body]


def assert_exact_positions(source: str) -> None:
    """Every word of the body maps back to exactly the source text it came from (markup inside a
    word, as in "<mi>x</mi><mo>=</mo>", aside), at the line and column counted from the source."""
    doc = read(source, "html")
    for block in doc.body:
        for word in re.finditer(r"\S+", block.text):
            start, end = block.source_span(word.start(), word.end())
            assert re.sub(r"<[^>]*>", "", source[start:end]) == word.group(), word.group()
            assert doc.lines.position(start) == position(source, start)


SITE_HEADER = '<header class="site-header"><a href="/">The Daily Reel</a><nav><a href="/tv">TV</a> <a href="/film">Film</a></nav></header>'
SITE_FOOTER = '<footer class="site-footer"><p>Copyright The Daily Reel. All rights reserved.</p><a href="/privacy">Privacy</a></footer>'

# One kind of chrome each: (where it goes, its markup). "after" follows the article's container,
# "before" precedes it, "inside" sits in the article's container after its last paragraph.
CHROME = {
    "wordpress-comments": ("after", """<div id="comments" class="comments-area"><h2 class="comments-title">4 thoughts on this story</h2>
<ol class="comment-list"><li id="comment-12" class="comment even"><article class="comment-body"><p>I watched every episode twice, and the storm scene in the finale was the best thing on television this year, honestly.</p></article></li>
<li id="comment-13" class="comment odd"><article class="comment-body"><p>Great news, though I wish they would keep filming in Nova Scotia, because the scenery was half the appeal of the whole show.</p></article></li></ol>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form><textarea></textarea></form></div></div>"""),
    "disqus": ("after", '<div id="disqus_thread"><p>Please enable JavaScript to view the comments, which are powered by our discussion partner.</p></div>'),
    "related-list": ("after", """<section class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/a">The ten best coastal dramas to stream this winter, ranked by our critics</a></li>
<li><a href="/b">Why lighthouse stories keep returning to the small screen</a></li></ul></section>"""),
    "recommended-cards": ("after", """<div class="recommended"><h3>Recommended for you</h3><article class="card"><h4><a href="/c">A quiet drama became the surprise hit of the spring season</a></h4>
<p>Critics and viewers agreed on one show this year, and it was set in a fishing town, of all places.</p></article></div>"""),
    "most-read": ("after", '<aside class="most-read"><h2>Most read</h2><ol><li><a href="/d">A star sells her seaside house</a></li><li><a href="/e">The finale everyone is talking about</a></li></ol></aside>'),
    "trending": ("before", '<div class="trending-bar"><span>Trending:</span> <a href="/f">Awards season</a> <a href="/g">Box office</a> <a href="/h">Premieres</a></div>'),
    "taboola": ("after", """<div id="taboola-below-article-thumbnails" class="trc_related_container"><div class="trc_header">Promoted Stories</div>
<a href="https://ads.example/1"><span>Doctors are stunned by this one simple trick that everyone over forty is now trying at home</span></a></div>"""),
    "outbrain": ("after", '<div class="OUTBRAIN" data-widget-id="AR_1"><p>You may also like: a celebrity house that will leave you speechless, see the photos from every room</p></div>'),
    "promoted": ("after", '<div class="sponsored-content"><p>Paid content: the cruise that every retired couple is booking this year, and the price is lower than you think.</p></div>'),
    "share-bar": ("before", '<div class="share-bar"><a href="https://social.example/share">Share on social</a> <a href="mailto:">Email</a> <button>Copy link</button></div>'),
    "tag-list": ("inside", '<ul class="tags"><li><a href="/tag/vance">Marisol Vance</a></li><li><a href="/tag/harbor">Harbor Lights</a></li></ul>'),
    "breadcrumbs": ("before", '<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/tv">Television</a></li><li>Drama</li></ol>'),
    "newsletter": ("inside", '<div class="newsletter-signup"><h3>Get the Reel in your inbox</h3><p>Sign up for our daily email of the biggest stories in film and television, sent every morning.</p><form><input type="email"><button>Subscribe</button></form></div>'),
    "cookie-notice": ("before", '<div id="cookie-consent"><p>We use cookies to improve your experience on our site and to show you relevant advertising, as described in our policy.</p><button>Accept</button></div>'),
    "paywall-notice": ("after", '<div class="paywall-prompt"><p>You have read three of your five free articles this month, so subscribe now for unlimited access to every story.</p></div>'),
    "author-bio": ("inside", '<div class="author-bio"><img src="/a.jpg" alt="Portrait of the writer"><p>Dana Whitfield covers television for the Daily Reel, and before that she spent a decade reviewing theatre in Chicago and New York.</p></div>'),
    "gallery-carousel": ("after", """<div class="gallery-carousel"><figure><img src="/1.jpg" alt="A lighthouse"><figcaption>The lighthouse used in the first season, photographed at dusk from the harbour wall.</figcaption></figure>
<figure><img src="/2.jpg" alt="The cast"><figcaption>The cast gathered at the premiere in Los Angeles, in a photograph supplied by the studio.</figcaption></figure></div>"""),
    "see-also-hatnote": ("before", '<div role="note" class="hatnote navigation-not-searchable">See also: <a href="/wiki/Lighthouse_keeper">Lighthouse keeper</a> and <a href="/wiki/Harbor_Lights">Harbor Lights (TV series)</a></div>'),
    "headed-link-list-inside": ("inside", '<h3>You may also like:</h3><ul><li><a href="/l">Five shows that were saved at the last minute</a></li><li><a href="/m">The best television of the spring, so far</a></li></ul>'),
    "unnamed-link-list": ("after", '<div><ul><li><a href="/i">The studio renews three more dramas for next year</a></li><li><a href="/j">A guide to every series filmed in Maine this decade</a></li><li><a href="/k">Where to watch the first season of the show</a></li></ul></div>'),
}


def chrome_page(kind: str, container: str = "article") -> str:
    where, markup = CHROME[kind]
    inner = ARTICLE + ("\n" + markup if where == "inside" else "")
    article = f'<{container} class="story">\n{inner}\n</{container}>' if container else f'<div class="wrap">\n{inner}\n</div>'
    parts = [SITE_HEADER, markup if where == "before" else "", article, markup if where == "after" else "", SITE_FOOTER]
    return page("\n".join(part for part in parts if part))


@pytest.mark.parametrize("kind", sorted(CHROME))
@pytest.mark.parametrize("container", ["article", "div", ""])
def test_each_kind_of_chrome_is_left_out_of_the_body(kind, container):
    source = chrome_page(kind, container)
    assert body_texts(source) == EXPECTED
    assert read(source, "html").body_region is not None  # a full page: the reader chose the article
    assert_exact_positions(source)


@pytest.mark.parametrize("kind", sorted(CHROME))
def test_chrome_inside_a_main_that_wraps_the_whole_page_is_left_out(kind):
    where, markup = CHROME[kind]
    article = ARTICLE + "\n" + markup if where == "inside" else ARTICLE
    body = f"<main>\n{markup if where == 'before' else ''}\n<div class='entry-content'>\n{article}\n</div>\n{markup if where == 'after' else ''}\n</main>"
    source = page(SITE_HEADER + "\n" + body + "\n" + SITE_FOOTER)
    assert body_texts(source) == EXPECTED


def test_page_without_any_names_or_landmarks_finds_the_dense_block():
    menu = "<div>" + " ".join(f'<a href="/s{i}">Section {i}</a>' for i in range(12)) + "</div>"
    side = "<div><ul>" + "".join(f'<li><a href="/p{i}">Another story about a different star, number {i}</a></li>' for i in range(8)) + "</ul></div>"
    source = page(f"{menu}\n<div><div>\n{ARTICLE}\n</div>\n{side}</div>\n<div><p>Contact us | Advertise | Jobs</p></div>")
    assert body_texts(source) == EXPECTED


# ---------------------------------------------------------------------------------------------
# Hidden content
# ---------------------------------------------------------------------------------------------

HIDDEN = [
    '<p hidden>A draft paragraph the editor hid before publishing the story.</p>',
    '<div aria-hidden="true"><p>A decorative duplicate of the headline for the animation.</p></div>',
    '<p style="display: none">A paragraph switched off with an inline style.</p>',
    '<p style="color:red;visibility:hidden">A paragraph made invisible with an inline style.</p>',
    "<template><p>A paragraph in a template that scripts copy into the page.</p></template>",
    "<noscript><p>Turn on JavaScript to see the video player for this story.</p></noscript>",
    '<h2 class="sr-only">Article body</h2>',
    '<span class="visually-hidden">Image caption,</span>',
]


@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_content_is_not_text(hidden):
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    source = page(f"<article><h1>{HEADLINE}</h1>\n{hidden}\n{paragraphs}</article>")
    assert body_texts(source) == EXPECTED
    assert_exact_positions(source)


def test_hidden_words_inside_a_paragraph_leave_the_rest_exact():
    source = '<p>Marisol Vance <span class="sr-only">(opens in a new window)</span>will return<span hidden> soon</span> in March.</p>'
    doc = read(source, "html")
    (block,) = doc.body
    assert block.text == "Marisol Vance will return in March."
    start, end = block.source_span(block.text.index("March"), block.text.index("March") + 5)
    assert source[start:end] == "March"


def test_hidden_until_found_is_text():
    source = "<p>Intro.</p><div hidden='until-found'><p>The collapsed section is still part of the article.</p></div>"
    assert body_texts(source) == ["Intro.", "The collapsed section is still part of the article."]


# ---------------------------------------------------------------------------------------------
# In-article teasers stay, widgets after the article go
# ---------------------------------------------------------------------------------------------

TEASERS = [
    '<p>Read more: <a href="/x">Marisol Vance on the role that changed her career</a></p>',
    '<p><strong>RELATED:</strong> <a href="/y">The Harbor Lights finale, explained</a></p>',
    '<p><a href="/z">Every coastal drama coming to streaming this winter</a></p>',
    '<div class="related-inline"><p>RELATED: <a href="/y">The Harbor Lights finale, explained</a></p></div>',
    '<div class="promo"><div><p>📖 Related: <a href="/q">Ten looks we loved from the premiere night</a></p></div></div>',
]


@pytest.mark.parametrize("teaser", TEASERS)
def test_a_teaser_between_the_articles_paragraphs_stays_in_the_body(teaser):
    first, rest = PARAGRAPHS[:3], PARAGRAPHS[3:]
    paragraphs = "\n".join(f"<p>{p}</p>" for p in first) + "\n" + teaser + "\n" + "\n".join(f"<p>{p}</p>" for p in rest)
    source = page(f"{SITE_HEADER}\n<article><h1>{HEADLINE}</h1>\n{paragraphs}\n</article>\n{CHROME['related-list'][1]}\n{SITE_FOOTER}")
    texts = body_texts(source)
    assert texts[:4] == EXPECTED[:4] and texts[5:] == EXPECTED[4:]
    assert len(texts) == len(EXPECTED) + 1


def lint(source: str, path: str = "story.html"):
    return Linter(Config(select=("clickbait-interstitial",))).lint_text(source, "html", path)


def test_clickbait_finding_on_an_in_article_teaser_points_at_its_exact_source():
    teaser = "📖 Related: <a href='/q'>Ten Looks We Loved From the Premiere Night</a>"
    paragraphs = [f"<p>{p}</p>" for p in PARAGRAPHS]
    paragraphs.insert(3, f"<p>{teaser}</p>")
    body = "\n".join(paragraphs)
    source = page(f"{SITE_HEADER}\n<article>\n<h1>{HEADLINE}</h1>\n{body}\n</article>\n{CHROME['related-list'][1]}\n{CHROME['taboola'][1]}\n{SITE_FOOTER}")
    (finding,) = lint(source).findings
    at = source.index("📖 Related")
    assert (finding.line, finding.column) == position(source, at)
    assert finding.snippet.startswith("📖 Related: <a href='/q'>")


@pytest.mark.parametrize("kind", ["related-list", "recommended-cards", "most-read", "taboola", "outbrain", "promoted", "unnamed-link-list"])
def test_no_clickbait_finding_on_a_widget_after_the_article(kind):
    widget = CHROME[kind][1].replace("<li><a", "<li>📖 Related: <a").replace("<p>You may", "<p>👉 See also: You may")
    source = page(f"{SITE_HEADER}\n<article><h1>{HEADLINE}</h1>\n" + "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS) + f"\n</article>\n{widget}\n{SITE_FOOTER}")
    assert lint(source).findings == ()


def test_a_sidebar_widget_is_chrome_even_with_teaser_labels():
    sidebar = '<div class="sidebar"><p>📖 Related: <a href="/s">A star opens up about her new role</a></p></div>'
    source = page(f"<div class='layout'>{sidebar}<div class='main-column'><h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div></div>")
    assert body_texts(source) == EXPECTED
    assert lint(source).findings == ()


# ---------------------------------------------------------------------------------------------
# Nothing real is dropped
# ---------------------------------------------------------------------------------------------

REAL = {
    "table": ("<table><caption>Episodes by season</caption><tr><th>Season</th><th>Episodes</th></tr><tr><td>One</td><td>8</td></tr></table>",
              ["Episodes by season", "Season", "Episodes", "One", "8"]),
    "figure-caption": ("<figure><img src='/l.jpg' alt='The set'><figcaption>The set of the keeper's cottage, built on a soundstage.</figcaption></figure>",
                       ["The set of the keeper's cottage, built on a soundstage."]),
    "pull-quote-aside": ("<aside class='pullquote'><p>“I had to learn to sail in six weeks.”</p></aside>", ["“I had to learn to sail in six weeks.”"]),
    "blockquote": ("<blockquote><p>“The second season is darker,” the showrunner said.</p></blockquote>",
                   ["“The second season is darker,” the showrunner said."]),
    "mathml": ("<p>The ratings rose by <math><mi>x</mi><mo>=</mo><mn>12</mn><annotation encoding='TeX'>x=12</annotation></math> percent.</p>",
               ["The ratings rose by x=12 percent."]),
    "svg-chart": ("<figure><svg viewBox='0 0 10 10'><title>Chart icon</title><text x='1' y='5'>Viewers in millions</text></svg></figure>",
                  ["Viewers in millions"]),
}


@pytest.mark.parametrize("kind", sorted(REAL))
def test_real_content_inside_the_article_is_kept(kind):
    markup, texts = REAL[kind]
    paragraphs = [f"<p>{p}</p>" for p in PARAGRAPHS]
    source = page(f"{SITE_HEADER}\n<article><h1>{HEADLINE}</h1>\n" + "\n".join(paragraphs[:3]) + f"\n{markup}\n" + "\n".join(paragraphs[3:]) + f"\n</article>\n{SITE_FOOTER}")
    assert body_texts(source) == [*EXPECTED[:4], *texts, *EXPECTED[4:]]
    assert_exact_positions(source)


# ---------------------------------------------------------------------------------------------
# Where the body is, and cost
# ---------------------------------------------------------------------------------------------


def test_the_document_names_the_element_taken_as_the_body():
    source = chrome_page("wordpress-comments", "div")
    doc = read(source, "html")
    region = doc.body_region
    assert region is not None and region.tag == "div" and region.names == "story"
    assert source[region.offset : region.end].startswith('<div class="story">')
    assert source[region.offset : region.end].endswith("</div>")


def test_a_fragment_has_no_body_region_and_keeps_everything():
    source = "<p>Short CMS fragment.</p><div class='box'><p>Another block.</p></div>"
    doc = read(source, "html")
    assert doc.body_region is None
    assert [b.text for b in doc.body] == ["Short CMS fragment.", "Another block."]


def test_a_page_with_20000_elements_of_chrome_reads_in_linear_time():
    def read_once(source: str) -> None:
        assert body_texts(source) == EXPECTED

    def seconds(items: int) -> float:
        links = "".join(f'<li><a href="/s/{i}">Another story {i}</a></li>' for i in range(items))
        source = page(f"<article>{ARTICLE}</article><div class='related'><ul>{links}</ul></div>")
        return best_cpu_seconds(lambda: read_once(source), runs=3)

    assert seconds(10_000) < seconds(1_000) * 10 * 4  # 10x the chrome: linear, with room for timing noise


# ---------------------------------------------------------------------------------------------
# Differential: a reader mode (readability-lxml, a port of Readability) on the same pages
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(CHROME))
@pytest.mark.parametrize("container", ["article", "div", ""])
def test_body_keeps_nothing_a_reader_mode_drops_and_all_it_finds_of_the_article(kind, container):
    readability = pytest.importorskip("readability", reason="readability-lxml is a test extra")
    import lxml.html

    source = chrome_page(kind, container)
    theirs = Counter(re.findall(r"\w+", lxml.html.fromstring(readability.Document(source).summary(html_partial=True)).text_content()))
    ours = Counter(re.findall(r"\w+", " ".join(body_texts(source))))
    article = Counter(re.findall(r"\w+", " ".join(PARAGRAPHS)))
    assert not ours - theirs  # no word a reader mode leaves out
    assert not article - ours and not article - theirs  # both find the whole article


def test_text_of_a_hidden_element_left_open_at_the_end_of_the_file_is_not_read():
    assert body_texts("<p>Visible.</p><div hidden>never shown") == ["Visible."]


def test_linked_headlines_after_the_last_paragraph_are_a_widget_but_one_teaser_line_stays():
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    lines = [
        '<p><a href="/n">Five shows that were saved at the last minute</a></p>',
        '<p><a href="/o">The best coastal television of the spring</a></p>',
    ]
    trailing = "<p>You may also like...</p>\n" + "\n".join(lines) + "\n<p>View Comments</p>"
    source = page(f"<article><h1>{HEADLINE}</h1>\n{paragraphs}\n{trailing}\n</article>")
    assert body_texts(source) == EXPECTED
    one = page(f"<article><h1>{HEADLINE}</h1>\n{paragraphs}\n<p>📖 Related: {lines[0][3:]}\n</article>")
    assert body_texts(one) == [*EXPECTED, "📖 Related: Five shows that were saved at the last minute"]


# ---------------------------------------------------------------------------------------------
# What the user sees: --show-body and the JSON report's body
# ---------------------------------------------------------------------------------------------


def test_show_body_prints_each_body_block_with_its_line_and_column(write, cli, tmp_path):
    source = chrome_page("wordpress-comments", "div")
    write("story.html", source)
    result = cli("lint", "--show-body", "story.html", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    start = source.index('<div class="story">')
    end = source.index("</div>", source.index(PARAGRAPHS[-1])) + len("</div>")
    (header,) = [line for line in lines if ": body: " in line]
    assert header.startswith('story.html: body: <div id/class="story"> at ')
    assert f"at {':'.join(map(str, position(source, start)))}-{':'.join(map(str, position(source, end)))};" in header
    blocks = [line for line in lines if line not in (header,)]
    assert blocks[0] == f"story.html:{':'.join(map(str, position(source, source.index(HEADLINE))))}: h1: {HEADLINE}"
    assert [line.split(": ", 2)[2] for line in blocks[1:]] == PARAGRAPHS
    for line, paragraph in zip(blocks[1:], PARAGRAPHS):
        assert line.startswith(f"story.html:{':'.join(map(str, position(source, source.index(paragraph))))}: paragraph: ")
    assert "thoughts on this story" not in result.stdout.decode()


def test_show_body_names_a_file_it_cannot_read_and_exits_2(cli, tmp_path):
    result = cli("lint", "--show-body", "missing.html", cwd=tmp_path)
    assert result.returncode == 2 and "missing.html: error" in result.stdout.decode()


def test_json_report_states_the_region_taken_as_the_body(write, cli, tmp_path):
    source = chrome_page("taboola", "article")
    write("story.html", source)
    data = json.loads(cli("lint", "--format", "json", "--select", "clickbait", "story.html", cwd=tmp_path).stdout)
    body = data["files"][0]["body"]
    start = source.index('<article class="story">')
    assert body["element"] == "article" and body["names"] == "story"
    assert (body["line"], body["column"]) == position(source, start)
    assert source[body["offset"] : body["end_offset"]].endswith("</article>")
    fragment = write("fragment.html", "<p>Just a paragraph.</p>")
    data = json.loads(cli("lint", "--format", "json", str(fragment), cwd=tmp_path).stdout)
    assert data["files"][0]["body"] is None


@pytest.mark.parametrize("kind", sorted(CHROME))
def test_every_finding_on_a_page_with_chrome_points_at_its_exact_source(kind):
    teaser = "<p>📖 Related: <a href='/q'>Ten Looks We Loved From the Premiere Night</a></p>"
    source = chrome_page(kind, "div").replace(f"{PARAGRAPHS[1]}</p>", f"{PARAGRAPHS[1]}</p>\n{teaser}").replace(
        PARAGRAPHS[2], "Sources say the move was about money. " + PARAGRAPHS[2]
    )
    doc = read(source, "html")
    report = Linter(Config()).lint_document(doc)
    assert {"clickbait-interstitial", "unsourced-claim"} <= {finding.rule for finding in report.findings}
    body = [(start, end) for block in doc.body for start, end in [block.source_span(0, len(block.text))]]
    for finding in report.findings:
        assert source[finding.offset : finding.end_offset] == finding.snippet
        assert (finding.line, finding.column) == position(source, finding.offset)
        assert (finding.end_line, finding.end_column) == position(source, finding.end_offset)
        # on the article, or on the headline or title: never on the chrome around it
        assert any(start <= finding.offset < end for start, end in body) or finding.offset == source.index("Harbor Lights |")


def test_a_column_named_with_sidebar_holding_link_heavy_paragraphs_is_the_article():
    # A news site's name links open hover cards whose text is read with the paragraph: most of
    # its characters are link text, though it is the article's own prose.
    card = (
        '<a class="rollover" href="/people/vance">Marisol Vance<span class="card">Marisol Vance: Harbor Lights renewed for a second season | '
        "The ten best coastal dramas of the year | Her sailing lessons for the premiere | Awards season predictions for every category | "
        "A guide to the new series filmed in Maine this winter | Why the studio moved production south MORE</span></a>"
    )
    paragraphs = [f"{p} {card}" for p in PARAGRAPHS]
    article = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    sidebar = '<div class="sidebar"><h3>Latest</h3><ul>' + "".join(f'<li><a href="/s{i}">Another story about a different star, number {i}</a></li>' for i in range(8)) + "</ul></div>"
    source = page(f'{SITE_HEADER}\n<h1>{HEADLINE}</h1>\n<div class="content-with-sidebar-wrp">\n<div class="content-wrp">\n{article}\n</div>\n{sidebar}\n</div>\n{SITE_FOOTER}')
    texts = body_texts(source)
    assert texts == [HEADLINE, *(re.sub(r"<[^>]*>", "", p) for p in paragraphs)]  # every paragraph, hover cards and all
    assert not any("Another story" in t for t in texts)  # the sidebar beside it is still chrome
    assert_exact_positions(source)


def test_an_article_split_by_a_full_width_figure_is_read_whole():
    # The article's own containers share a name on either side of a photo that breaks out of the column.
    first = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    rest = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    figure = '<figure class="media-wide"><img src="/w.jpg" alt="The harbour"><figcaption>The harbour at dawn.</figcaption></figure>'
    promo = '<div class="box"><div class="content"><p>Our podcast, every Friday, talks about the biggest shows of the week, with guests from across the industry and listener questions.</p></div></div>'
    source = page(
        f'{SITE_HEADER}\n<div class="story"><h1>{HEADLINE}</h1>\n<section class="wrap"><div class="col"><div class="post-text rich">\n{first}\n</div></div></section>\n'
        f'{figure}\n<section class="wrap"><div class="post-text rich">\n{rest}\n</div></section></div>\n{promo}\n{SITE_FOOTER}'
    )
    texts = body_texts(source)
    assert [t for t in texts if t in PARAGRAPHS] == PARAGRAPHS  # both halves
    assert not any("podcast" in t for t in texts)  # a box merely named "content" elsewhere is not pulled in
    assert_exact_positions(source)


def _endless_page(title: str) -> str:
    # An endless-scroll theme: the article, then the next story appended under its own <h1>,
    # longer, in the same template (its body named as the article's).
    story = f"<div class='post-main'><h1>{HEADLINE}</h1><div class='post-body entry-content'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3]) + "</div></div>"
    other = [f"The second story's paragraph {i} follows the crew of a different series through a long winter shoot, with its own cast, its own budget, and its own trouble." for i in range(8)]
    appended = "<div class='post-add'><h1>A Different Series Wraps a Long Winter Shoot</h1><div class='post-body entry-content'>" + "".join(f"<p>{p}</p>" for p in other) + "</div></div>"
    return (
        f"<!DOCTYPE html>\n<html lang='en'>\n<head><title>{title}</title></head>\n<body>\n"
        f"{SITE_HEADER}\n{story}\n{appended}\n{SITE_FOOTER}\n</body>\n</html>\n"
    )


def test_the_article_is_the_one_the_title_names_not_the_longer_story_appended_after_it():
    texts = body_texts(_endless_page(f"{HEADLINE} | The Daily Reel"))
    assert texts == [HEADLINE, *PARAGRAPHS[:3]]
    # a title that names no headline leaves the choice to density: the longer story
    texts = body_texts(_endless_page("The Daily Reel"))
    assert texts[0] == "A Different Series Wraps a Long Winter Shoot"
    assert not any(p in texts for p in PARAGRAPHS)  # a namesake under another <h1> is another article


# Class and id words, alone and run together: chrome words matched inside a word and as whole
# words only, widget and article words, and the layout words that mention a sidebar.
NAME_WORDS = ["comment", "share", "related", "ad", "ads", "ad-slot", "adslot", "nav", "navbar", "promo", "promoted",
              "more-stories", "read-next", "article", "article-body", "articlebody", "story", "post-4512", "main",
              "content-with-sidebar", "has-sidebar", "with-sidebar", "sidebar", "no-sidebar-ad", "tag-list", "tags",
              "author-bio", "x", "", "-", "GoogleDfpAd", "storyBody", "related_posts", "entry-content", "recirc"]


def test_name_kinds_word_by_word_answer_as_the_whole_string():
    from pubcheck.document.boilerplate import _CAMEL, _LAYOUT_NAMES, ARTICLE_NAMES, CHROME_NAMES, WIDGET_NAMES, _name_kinds, split_names

    def _name_kinds_whole(names: str) -> tuple[bool, bool, bool]:
        """What _name_kinds answers, from the whole string at once (the plain version)."""
        chrome = bool(CHROME_NAMES.search(_LAYOUT_NAMES.sub(" ", names)))
        return chrome, chrome and bool(WIDGET_NAMES.search(names)), bool(ARTICLE_NAMES.search(names))

    raws = [f"{a} {b}" for a in NAME_WORDS for b in NAME_WORDS] + [f"{a}{b}" for a in NAME_WORDS for b in NAME_WORDS]
    raws += [f"{a}\t{b}  {c}\n" for a in NAME_WORDS[:12] for b in NAME_WORDS[12:24] for c in NAME_WORDS[24:]]
    for raw in raws:
        names = split_names(raw)
        assert names == _CAMEL.sub(r"\1-\2", raw).strip().lower().replace("_", "-"), raw  # split_names' plain spelling
        assert _name_kinds(names) == _name_kinds_whole(names), names


def _random_page(rng) -> str:
    """A page of nested containers named as chrome, article or nothing, holding prose, links and <h1>s."""
    names = ["", "", "sidebar", "related-posts", "comments", "article-body", "post-content", "nav", "share", "promo", "main",
             "x' role='navigation", "x' itemprop='articleBody", "x' hidden='"]
    tags = ["div", "div", "section", "aside", "nav", "header", "footer", "article", "main", "ul"]

    def element(depth: int) -> str:
        if depth > 5 or rng.random() < 0.3:
            if rng.random() < 0.15:
                return f"<h1>{HEADLINE if rng.random() < 0.5 else 'Another Story Entirely Under Its Own Headline'}</h1>"
            text = rng.choice(PARAGRAPHS)[: rng.choice([20, 60, 300])]
            link = f"<a href='/x'>{rng.choice(PARAGRAPHS)[:rng.choice([10, 90])]}</a>" if rng.random() < 0.4 else ""
            return f"<p>{text} {link}</p>" if rng.random() < 0.8 else f"<li>{link or text}</li>"
        tag, name = rng.choice(tags), rng.choice(names)
        inner = "".join(element(depth + 1) for _ in range(rng.randint(1, 4)))
        return f"<{tag} class='{name}'>{inner}</{tag}>"

    return page("".join(element(0) for _ in range(rng.randint(1, 4))))


def test_boilerplate_written_out_steps_answer_as_their_plain_versions(monkeypatch):
    """choose_body's faster steps against the plain ones they replace, on the fixture pages and
    random nested pages: the elements the reader lists as named (all choose_body reads names of)
    and each one's descendants as it records them (end_node); prose
    blocks from the written-out _is_prose; chrome marked by slices of descendants against a walk of
    every node to its parent; each container's score (same values, found in the same order); and the
    article's siblings kept, found by walking its parent's children (end_node) against a walk of every node after it."""
    import random
    from pathlib import Path

    from pubcheck.document import boilerplate

    def plain_scores(nodes, block_nodes, texts, is_prose, scored, own_chrome, weight):
        in_chrome = own_chrome[:]
        for i in range(1, len(nodes)):
            if not in_chrome[i]:
                in_chrome[i] = in_chrome[nodes[i].parent]
        assert boilerplate._in_chrome(nodes, own_chrome) == in_chrome
        score = {}
        for j, text in enumerate(texts):
            node = block_nodes[j]
            if not scored[j] or not is_prose[j] or in_chrome[node]:
                continue
            lines = text.count("\n") + 1  # Readability's paragraph score, as boilerplate._scores writes it out
            value = lines + text.count(",") + min(len(text) // 100, 3 * lines)
            element = nodes[node]
            i = element.parent if element.tag in boilerplate._PARAGRAPH_TAGS or element.end_block - element.first_block == 1 else node
            level = 0
            while i > 0 and level < boilerplate.ANCESTOR_LEVELS:
                if i not in score:
                    score[i] = boilerplate.TAG_SCORE.get(nodes[i].tag, 0) + weight[i]
                score[i] += value if level == 0 else value / 2 if level == 1 else value / (level * 3)
                level += 1
                i = nodes[i].parent
        return score

    checked = Counter()
    scores, sums = boilerplate._scores, boilerplate._Sums

    def checked_scores(nodes, *args):
        for i, node in enumerate(nodes):
            below = [j for j in range(len(nodes)) if j > i and i in _ancestors_of(nodes, j)]
            assert below == list(range(i + 1, node.end_node)), (i, node.tag)
        found, plain = scores(nodes, *args), plain_scores(nodes, *args)
        assert list(found.items()) == list(plain.items())
        checked["scores"] += 1
        return found

    def checked_sums(nodes, texts, links):
        found = sums(nodes, texts, links)
        assert found.is_prose == [len(text) >= boilerplate.MIN_PARAGRAPH_CHARS and not boilerplate._mostly_links(text, link) for text, link in zip(texts, links)]
        checked["sums"] += 1
        return found

    choose_body = boilerplate.choose_body

    def checked_choice(nodes, named, *args):
        plain = [i for i in range(1, len(nodes)) if nodes[i].names or nodes[i].role or nodes[i].marks_article
                 or nodes[i].tag in boilerplate.LANDMARK_TAGS]
        assert named == plain
        checked["named"] += 1
        return choose_body(nodes, named, *args)

    def plain_with_siblings(nodes, top, texts, links, score):
        """_with_siblings walking every node after the parent until one starts past its end."""
        keep = {top}
        parent = nodes[top].parent
        if parent == 0:
            return keep
        threshold = max(10, score.get(top, 0) * boilerplate.SIBLING_SHARE)
        names = nodes[top].names
        for i in range(parent + 1, len(nodes)):
            node = nodes[i]
            if node.start >= nodes[parent].end:
                break
            if node.parent != parent or i == top:
                continue
            value = score.get(i, 0) + (score.get(top, 0) * boilerplate.SIBLING_SHARE if names and node.names == names else 0)
            if value >= threshold:
                keep.add(i)
            elif node.end_block - node.first_block == 1 and node.tag == "p":
                text = texts[node.first_block]
                density = links[node.first_block] / len(text)
                if len(text) >= boilerplate.PROSE_SIBLING_CHARS and density < boilerplate.PROSE_SIBLING_LINKS:
                    keep.add(i)
                elif density == 0 and text.endswith((".", "!", "?", "”", '"')):
                    keep.add(i)
        return keep

    with_siblings = boilerplate._with_siblings

    def checked_siblings(nodes, top, texts, links, score, sums):
        found = with_siblings(nodes, top, texts, links, score, sums)
        assert found == plain_with_siblings(nodes, top, texts, links, score)
        checked["siblings"] += 1
        return found

    monkeypatch.setattr(boilerplate, "_with_siblings", checked_siblings)
    monkeypatch.setattr(boilerplate, "choose_body", checked_choice)
    monkeypatch.setattr(boilerplate, "_scores", checked_scores)
    monkeypatch.setattr(boilerplate, "_Sums", checked_sums)
    root = Path(__file__).resolve().parent.parent
    sources = [p.read_text(encoding="utf-8") for d in ("fixtures", "benchmarks") for p in sorted((root / d).rglob("*.html"))]
    rng = random.Random(19)
    sources += [_random_page(rng) for _ in range(300)]
    for source in sources:
        read(source, "html")
    assert checked["scores"] > 100 and checked["sums"] > 300 and checked["named"] > 300 and checked["siblings"] > 100


def _ancestors_of(nodes, j: int) -> set[int]:
    found = set()
    while j > 0:
        j = nodes[j].parent
        found.add(j)
    return found
