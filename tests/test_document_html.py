"""The HTML reader: every character of extracted text maps back to its exact source line and column.

The central property (``test_generated_pages_map_every_word_exactly``): for many generated pages full
of the constructs that break naive mappers (entities, ``<br>``, inline tags inside words, attributes
holding ``>``, CRLF, tabs, astral emoji, comments, script/style/template, implied end tags, stray end
tags, unclosed elements at EOF), every word the page shows comes out in the right block, and its
``source_span`` is exactly the source range the generator wrote it to, and ``doc.lines.position``
agrees with a line/column computed independently from the source string.

The differential test checks the reader's body text against BeautifulSoup + lxml, a real parser,
on realistic pages written inline here.
"""

from __future__ import annotations

import html as htmllib
import random
import re

import pytest
from bs4 import BeautifulSoup, Comment
from bs4.element import PreformattedString

from helpers import best_cpu_seconds
from positions import find, position, snippet

from pubcheck.document import Document, MappedText, read
from pubcheck.document.boilerplate import CHROME_NAMES, split_names


def read_html(source: str) -> Document:
    return read(source, "html")


def assert_chars_sound(source: str, mapped: MappedText) -> None:
    """Every character maps to source that produces it: itself, collapsed whitespace, an entity or a <br>."""
    previous = -1
    for i, char in enumerate(mapped.text):
        start, end = mapped.source_span(i, i + 1)
        assert start >= previous, f"offsets go backwards at {i} in {mapped.text!r}"
        previous = start
        piece = source[start:end]
        if i in mapped.wide_ends:
            if piece.startswith("&"):
                decoded = htmllib.unescape(piece)
                assert char in decoded or (char == " " and decoded.isspace()), (char, piece)
            else:
                assert re.fullmatch(r"(?i)<br\b[^>]*>", piece) and char == "\n", (char, piece)
        elif char in " \n":
            assert piece.isspace(), (i, char, piece, mapped.text)
        else:
            assert piece == char, (i, char, piece, mapped.text)


def assert_document_sound(doc: Document) -> None:
    for block in doc.blocks:
        assert block.text == block.text.strip() and block.text
        assert "  " not in block.text
        assert_chars_sound(doc.source, block)
    for mapped in [doc.title, *doc.meta.values()]:
        if mapped is not None and mapped.text:
            assert_chars_sound(doc.source, mapped)


# ---------------------------------------------------------------------------------------------
# The generated-page property
# ---------------------------------------------------------------------------------------------

PLAIN_WORDS = ["Natalie", "Portman", "café", "Zoë", "📖", "3.5", "U.S.", "don't", "“Black", "Swan”", "Beyoncé", "🎬🍿", "naïve", "Dr.", "50%", "x"]
# (text the reader must produce, source the generator writes)
ENTITY_WORDS = [
    ("Tom&Jerry", "Tom&amp;Jerry"),
    ("rock’n’roll", "rock&rsquo;n&#8217;roll"),
    ("it’s", "it&#x2019;s"),
    ("Q&A", "Q&amp;A"),
    ("&", "&amp"),  # no semicolon, followed by a space
    ("©2024", "&copy2024"),  # legacy entity without semicolon, followed by digits
    ("Q&Amore", "Q&ampAmore"),  # legacy entity without semicolon, followed by letters
    ("<3", "&lt;3"),
    ("“quoted”", "&ldquo;quoted&rdquo;"),
    ("📖", "&#x1F4D6;"),
    ("📖!", "&#128214!"),
    ("naïve", "na&iuml;ve"),
    ("AT&T", "AT&AMP;T"),
]
SPLITTERS = [  # inline markup that may sit inside a word without splitting it
    ("<strong>", "</strong>"),
    ('<a href="/p?q=1&amp;r=2" rel="nofollow">', "</a>"),
    ("<em class='a>b'>", "</em>"),
    ("<span data-x=\"x > y\" title='it&apos;s'>", "</span>"),
    ("<STRONG>", "</STRONG>"),
    ("<b\n  class=x>", "</b>"),
    ("<!-- inside a word -->", ""),
    ("<wbr>", ""),
]
SEPARATORS = [
    " ", " ", " ", "  ", "\t", "\n", "\r\n", "\n\t\t", " \r\n   ", "&nbsp;", " &nbsp; ",
    "<br>", "<br/>", "<br />", "<BR>", " <br>\n",
    " <!-- a comment with <p>HIDDEN</p> in it --> ",
    " <script>var s = '<p>HIDDEN</p>'; if (a < b) {}</script> ",
    "<script type=\"application/ld+json\">{\"headline\": \"HIDDEN\"}</script>\n",
    " <style>p > .x { content: 'HIDDEN'; }</style> ",
    " <template><p>HIDDEN</p></template> ",
    " <noscript><img src=x alt=HIDDEN></noscript> ",
    " <img src='a.jpg' alt='HIDDEN alt text'> ",
    " <svg viewBox='0 0 1 1'><title>HIDDEN</title><desc>HIDDEN</desc><path d='M0 0'/></svg> ",  # an icon
    " </span> ",  # stray end tags (the generator never leaves these open) close nothing
    " </section> ",
    "</font>\n",
]


class PageWriter:
    """Writes a page and records, for each visible word, the source range it was written to."""

    def __init__(self, rng: random.Random, newline: str):
        self.rng = rng
        self.newline = newline
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[list[tuple[str, int, int]]] = []  # expected body blocks: (word, start, end)

    def raw(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def word(self) -> tuple[str, int, int]:
        rng = self.rng
        start = self.length
        choice = rng.random()
        if choice < 0.45:
            text = rng.choice(PLAIN_WORDS)
            self.raw(text)
        elif choice < 0.7:
            text, source = rng.choice(ENTITY_WORDS)
            self.raw(source)
        elif choice < 0.85:  # a whole word wrapped in inline tags: the span is the word itself
            text = rng.choice(PLAIN_WORDS)
            open_tag, close_tag = rng.choice(SPLITTERS[:6])
            self.raw(open_tag)
            start = self.length
            self.raw(text)
            end = self.length
            self.raw(close_tag)
            return text, start, end
        else:  # markup inside the word: the span runs from its first to its last character
            text = rng.choice(["Portman", "Aniston", "Kardashian", "Sheeran"])
            cut = rng.randrange(1, len(text))
            open_tag, close_tag = rng.choice(SPLITTERS)
            self.raw(text[:cut] + open_tag + text[cut:] + close_tag)
            return text, start, self.length - len(close_tag)
        return text, start, self.length

    def words(self, count: int) -> list[tuple[str, int, int]]:
        words = []
        for i in range(count):
            if i:
                self.raw(self.rng.choice(SEPARATORS))
            words.append(self.word())
        return words

    def gap(self) -> None:
        """What sits between blocks: newlines, comments, chrome, scripts."""
        rng = self.rng
        self.raw(rng.choice([self.newline, self.newline * 2, "", "  ", self.newline + "\t"]))
        if rng.random() < 0.3:
            self.raw(
                rng.choice(
                    [
                        "<!-- HIDDEN -->",
                        "<nav><ul><li><a href='/'>CHROME</a><li><a href='/news'>CHROME</a></ul></nav>",
                        "<aside><p>CHROME sidebar</p></aside>",
                        "<script>document.write('<p>HIDDEN</p>')</script>",
                        "<div class='ad'><!-- ad slot --></div>",
                        "<hr>",
                    ]
                )
                + self.newline
            )

    def block(self, last: bool) -> None:
        rng = self.rng
        words = None
        shape = rng.randrange(10)
        n = rng.randrange(1, 9)
        nl = self.newline
        if shape == 0:
            self.raw(f'<p class="x" data-note="a>b">{nl}')
            words = self.words(n)
            self.raw(f"{nl}</p>")
        elif shape == 1:  # </p> implied by the next block, or by EOF
            self.raw("<p>")
            words = self.words(n)
        elif shape == 2:
            level = rng.randrange(1, 7)
            self.raw(f"<h{level} id='s{len(self.blocks)}'>")
            words = self.words(n)
            self.raw(f"</h{level}>")
        elif shape == 3:  # list items with and without </li>
            self.raw(f"<ul>{nl}")
            for i in range(rng.randrange(1, 4)):
                self.raw("<li>")
                self.blocks.append(self.words(rng.randrange(1, 5)))
                self.raw(rng.choice(["</li>", "", nl]))
            self.raw("</ul>")
            return
        elif shape == 4:
            self.raw(f"<blockquote>{nl}<p>")
            words = self.words(n)
            self.raw(f"</p>{nl}</blockquote>")
        elif shape == 5:
            self.raw(f"<figure><img src='p.jpg' alt='HIDDEN'>{nl}<figcaption>")
            words = self.words(n)
            self.raw("</figcaption></figure>")
        elif shape == 6:
            self.raw("<table><tr><td>")
            words = self.words(n)
            self.raw("</td></tr></table>")
        elif shape == 7:
            self.raw("<div class='body'>")
            words = self.words(n)
            self.raw("</div>")
        elif shape == 8:
            self.raw("<P>")
            words = self.words(n)
            self.raw("</P>")
        else:
            self.raw("<ol start=3>\r\n<li value='2'>")
            words = self.words(n)
            self.raw("</ol>")
        self.blocks.append(words)
        if last and shape in (0, 2, 7) and rng.random() < 0.5:
            # the page ends inside the block: drop the end tag and leave the element open at EOF
            end_tag = self.parts.pop()
            self.length -= len(end_tag)


def generate(seed: int) -> PageWriter:
    rng = random.Random(seed)
    writer = PageWriter(rng, rng.choice(["\n", "\r\n"]))
    nl = writer.newline
    form = rng.randrange(3)
    if form == 0:  # a full page
        writer.raw(f"<!DOCTYPE html>{nl}<html lang='en'>{nl}<head>{nl}<meta charset='utf-8'>{nl}<title>HIDDEN</title>{nl}")
        writer.raw(f"<style>body > p {{ color: red }}</style>{nl}</head>{nl}<body>{nl}")
    elif form == 1:  # a fragment that starts with bare text, as CMS exports do
        writer.blocks.append(writer.words(rng.randrange(1, 6)))
        writer.gap()
    count = rng.randrange(1, 7)
    for i in range(count):
        writer.block(last=i == count - 1)
        if i < count - 1 or rng.random() < 0.5:
            writer.gap()
    if form == 0 and rng.random() < 0.5:
        writer.raw(f"{nl}</body>{nl}</html>{nl}")
    if rng.random() < 0.1:
        writer.raw("<!-- a comment that never ends <p>HIDDEN</p>")
    return writer


@pytest.mark.parametrize("seed", range(400))
def test_generated_pages_map_every_word_exactly(seed):
    writer = generate(seed)
    source = "".join(writer.parts)
    doc = read_html(source)
    expected = [[w for w, _, _ in block] for block in writer.blocks]
    assert [b.text.split() for b in doc.body] == expected, source
    assert "HIDDEN" not in " ".join(b.text for b in doc.blocks)
    assert "CHROME" not in " ".join(b.text for b in doc.body)
    for block, words in zip(doc.body, writer.blocks):
        tokens = list(re.finditer(r"\S+", block.text))
        for token, (word, start, end) in zip(tokens, words):
            assert block.source_span(token.start(), token.end()) == (start, end), (word, source)
            if "&" not in source[start:end] and "<" not in source[start:end]:
                assert source[start:end] == word
            assert doc.lines.position(start) == position(source, start)
            assert doc.lines.position(end) == position(source, end)
            # each character on its own, too: the first and last characters of the word
            assert block.source_span(token.start(), token.start() + 1)[0] == start
            assert block.source_span(token.end() - 1, token.end())[1] == end
    assert_document_sound(doc)


@pytest.mark.parametrize("seed", range(0, 400, 4))
def test_a_span_found_directly_equals_the_span_from_every_offset(seed):
    """source_span answers without working out every offset of a block whose characters collapsing
    whitespace did not move; the answer must be the one the full mapping gives."""
    doc = read_html("".join(generate(seed).parts))
    for block in doc.blocks:
        size = len(block.text)
        pairs = [(i, j) for i in range(0, size, 3) for j in (i + 1, min(size, i + 7), size)]
        direct = [block.source_span(i, j) for i, j in pairs]
        assert block.starts  # every offset worked out: source_span now reads them
        assert [block.source_span(i, j) for i, j in pairs] == direct


# ---------------------------------------------------------------------------------------------
# The example, and each tricky construct on its own
# ---------------------------------------------------------------------------------------------


def test_word_in_paragraph_on_line_40_points_at_its_source_column():
    lines = [f"<!-- filler line {n} -->" for n in range(1, 40)]
    lines.append('    <p class="x">Oscar winner <strong>Natalie</strong> Portman &amp; friends</p>')
    lines.append("</body>")
    for newline in ("\n", "\r\n"):
        source = newline.join(lines)
        doc = read_html(source)
        (block,) = doc.body
        start, end = find(block, "Portman")
        assert source[start:end] == "Portman"
        assert doc.lines.position(start) == (40, lines[39].index("Portman") + 1)
        assert doc.lines.position(end) == (40, lines[39].index("Portman") + len("Portman") + 1)


@pytest.mark.parametrize(
    "source, text",
    [
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("Natalie&rsquo;s", "Natalie’s"),
        ("Natalie&#8217;s", "Natalie’s"),
        ("Natalie&#x2019;s", "Natalie’s"),
        ("Natalie&#X2019;s", "Natalie’s"),
        ("Natalie&#8217s", "Natalie’s"),  # numeric reference without semicolon
        ("Tom &amp Jerry", "Tom & Jerry"),  # legacy named reference without semicolon
        ("&copy 2024", "© 2024"),
        ("&copy2024", "©2024"),
        ("&notit;", "¬it;"),  # the longest legacy prefix, as browsers decode it
        ("&amp;amp;", "&amp;"),  # decoded once only
        ("5 &lt; 6 &gt; 4", "5 < 6 > 4"),
        ("&unknown; &", "&unknown; &"),
        ("&#0; &#128;", "\ufffd €"),  # invalid and windows-1252 remapped code points, as browsers
        ("&NotEqualTilde;", "≂̸"),  # one reference, two code points
        ("emoji &#x1F4D6; &#128214;", "emoji 📖 📖"),
    ],
)
def test_entities_decode_and_map(source, text):
    page = f"<p>{source}</p>"
    doc = read_html(page)
    (block,) = doc.body
    assert block.text == text
    assert_chars_sound(page, block)
    # the whole text maps to the whole source between the tags
    assert block.source_span(0, len(block.text)) == (3, 3 + len(source))


def test_entity_characters_map_to_the_whole_reference():
    source = "<p>AT&amp;T and Natalie&#x2019;s film</p>"
    (block,) = read_html(source).body
    i = block.text.index("&")
    assert block.source_span(i, i + 1) == (source.index("&amp;"), source.index("&amp;") + 5)
    assert snippet(source, find(block, "AT&T")) == "AT&amp;T"
    assert snippet(source, find(block, "Natalie’s")) == "Natalie&#x2019;s"
    assert snippet(source, find(block, "film")) == "film"


def test_characters_after_a_legacy_entity_keep_their_own_offsets():
    source = "<p>&copy2024 Q&ampA</p>"
    (block,) = read_html(source).body
    assert block.text == "©2024 Q&A"
    assert snippet(source, find(block, "2024")) == "2024"
    assert snippet(source, find(block, "©")) == "&copy"
    assert snippet(source, find(block, "A")) == "A"
    assert snippet(source, find(block, "Q&A")) == "Q&ampA"


def test_nbsp_separates_words_and_maps_to_the_reference():
    source = "<p>Dr.&nbsp;Natalie&nbsp;&nbsp;Portman</p>"
    (block,) = read_html(source).body
    assert block.text.split() == ["Dr.", "Natalie", "Portman"]
    space = block.text.index(" ")
    assert snippet(source, block.source_span(space, space + 1)) == "&nbsp;"
    assert snippet(source, find(block, "Portman")) == "Portman"


@pytest.mark.parametrize("br", ["<br>", "<br/>", "<br />", "<BR>", "<br class='x'>", "<br\n>"])
def test_br_is_a_line_break_that_maps_to_the_tag(br):
    source = f"<p>First line{br}Second line</p>"
    doc = read_html(source)
    (block,) = doc.body
    assert block.text == "First line\nSecond line"
    i = block.text.index("\n")
    assert block.source_span(i, i + 1) == (source.index(br), source.index(br) + len(br))
    assert snippet(source, find(block, "Second")) == "Second"
    assert [s.text for s in block.sentences] == ["First line", "Second line"]


def test_br_with_whitespace_around_it_is_one_line_break():
    source = "<p>one <br>\n  two<br><br>three</p>"
    (block,) = read_html(source).body
    assert block.text == "one\ntwo\nthree"
    assert snippet(source, find(block, "three")) == "three"


def test_br_at_block_edges_is_trimmed():
    (block,) = read_html("<p><br>text<br></p>").body
    assert block.text == "text"


def test_nested_inline_tags_inside_a_word():
    source = '<p>Natalie <a href="/p" title="a>b"><strong>Port</strong><em>m</em>an</a>’s film</p>'
    doc = read_html(source)
    (block,) = doc.body
    assert block.text == "Natalie Portman’s film"
    start, end = find(block, "Portman’s")
    assert start == source.index("Port")
    assert end == source.index("’s") + 2
    assert doc.links[0].text == "Portman"


def test_attribute_values_containing_angle_brackets():
    source = """<p title="1 > 0" data-a='x>y' data-b="it's">Portman</p><p data-c='say "hi" >'>Aniston</p>"""
    doc = read_html(source)
    assert [b.text for b in doc.body] == ["Portman", "Aniston"]
    assert snippet(source, find(doc.body[0], "Portman")) == "Portman"
    assert snippet(source, find(doc.body[1], "Aniston")) == "Aniston"


def test_crlf_line_endings():
    source = "<html>\r\n<body>\r\n<p>First\r\nparagraph</p>\r\n\r\n<p>Natalie\r\n  Portman &amp; co</p>\r\n</body>\r\n</html>\r\n"
    doc = read_html(source)
    assert [b.text for b in doc.body] == ["First paragraph", "Natalie Portman & co"]
    start, end = find(doc.body[1], "Portman")
    assert doc.lines.position(start) == (7, 3)
    assert doc.lines.position(end) == (7, 10)
    assert doc.lines.position(find(doc.body[0], "paragraph")[0]) == (4, 1)
    assert "\r" not in doc.body[0].text
    assert_document_sound(doc)


def test_tabs_count_as_one_column():
    source = "<p>\t\tNatalie\tPortman</p>"
    doc = read_html(source)
    assert doc.body[0].text == "Natalie Portman"
    assert doc.lines.position(find(doc.body[0], "Portman")[0]) == (1, 14)


def test_astral_emoji_count_as_one_column():
    source = "<p>📖📖 Natalie 🎬 Portman 👩🏽‍🎤 smiled</p>"
    doc = read_html(source)
    (block,) = doc.body
    start, _ = find(block, "Portman")
    assert doc.lines.position(start) == (1, source.index("Portman") + 1) == (1, 17)
    start, end = find(block, "👩🏽‍🎤")
    assert source[start:end] == "👩🏽‍🎤"
    assert doc.lines.position(find(block, "smiled")[0]) == position(source, source.index("smiled"))


def test_comments_are_skipped_and_directives_recorded():
    source = "<p>one <!-- <p>not text</p> --> two<!----> three<!-- pubcheck-disable-next-line rule-a, rule-b --></p>"
    doc = read_html(source)
    assert doc.body[0].text == "one two three"
    assert snippet(source, find(doc.body[0], "three")) == "three"
    (directive,) = doc.directives
    assert directive.action == "disable-next-line"
    assert directive.rules == ("rule-a", "rule-b")
    assert source[directive.offset : directive.end].startswith("<!--")
    assert source[directive.offset : directive.end].endswith("-->")


@pytest.mark.parametrize("comment", ["<!-->", "<!--->", "<!---->", "<!-- - -- -->"])
def test_short_and_odd_comments_end_where_browsers_end_them(comment):
    doc = read_html(f"<p>one {comment} two</p>")
    assert doc.body[0].text == "one two"


def test_unterminated_comment_hides_the_rest_and_is_reported():
    source = "<p>Visible text</p>\n<!-- TODO: finish\n<p>Hidden draft</p>"
    doc = read_html(source)
    assert [b.text for b in doc.body] == ["Visible text"]
    (problem,) = doc.parse_problems
    assert "line 2" in problem and "\n" not in problem


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>var s = '<p>x</p>';</script>",
        "<script type='text/javascript'>if (a<b && c>d) {}</script>",
        "<SCRIPT>document.write('</p>')</SCRIPT>",
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x"}</script>',
        "<style>p > a { color: red }</style>",
        "<template><p>template text</p></template>",
        "<noscript><p>Enable JavaScript</p></noscript>",
        "<textarea>typed</textarea>",
        "<iframe src='x'>fallback</iframe>",
        "<svg><title>icon</title><desc>An icon</desc><use href='#i'/></svg>",
        "<span hidden>hidden text</span>",
        "<span aria-hidden='true'>★</span>",
        "<span style='display: none'>gone</span>",
        "<span class='sr-only'>Share on X</span>",
        "<select><option>Choose</option></select>",
    ],
)
def test_non_text_elements_are_ignored(hidden):
    source = f"<p>before {hidden} after</p>"
    doc = read_html(source)
    assert doc.body[0].text == "before after"
    assert snippet(source, find(doc.body[0], "after")) == "after"


def test_unclosed_script_at_eof_hides_the_rest():
    doc = read_html("<p>text</p><script>var x = '<p>never</p>'")
    assert [b.text for b in doc.body] == ["text"]


def test_implied_paragraph_and_list_item_ends():
    source = "<p>one<p>two<div>three</div><ul><li>four<li>five</ul><dl><dt>six<dd>seven</dl><p>eight<h2>nine</h2>"
    doc = read_html(source)
    assert [(b.kind, b.text) for b in doc.body] == [
        ("paragraph", "one"),
        ("paragraph", "two"),
        ("paragraph", "three"),
        ("list-item", "four"),
        ("list-item", "five"),
        ("list-item", "six"),
        ("list-item", "seven"),
        ("paragraph", "eight"),
        ("heading", "nine"),
    ]
    # an implicitly closed <p> ends where the element that closed it starts
    assert snippet(source, doc.body[0].element) == "<p>one"
    assert snippet(source, doc.body[3].element) == "<li>four"


def test_nested_lists_keep_items_apart():
    doc = read_html("<ul><li>one<ul><li>nested</li></ul></li><li>two</ul>")
    assert [(b.kind, b.text) for b in doc.body] == [("list-item", "one"), ("list-item", "nested"), ("list-item", "two")]


def test_stray_end_tags_close_nothing():
    source = "</p></div><p>one</span> two</b></p></li><p>three</p></article>"
    doc = read_html(source)
    assert [b.text for b in doc.body] == ["one two", "three"]
    assert snippet(source, find(doc.body[0], "two")) == "two"


def test_unclosed_elements_at_eof():
    source = "<html><body><article><ul><li><p>Natalie <strong>Portman"
    doc = read_html(source)
    assert [(b.kind, b.text) for b in doc.body] == [("list-item", "Natalie Portman")]
    assert snippet(source, find(doc.body[0], "Portman")) == "Portman"


def test_unclosed_tag_at_eof_is_reported():
    doc = read_html("<p>text <span class='x")
    assert any("never closed" in p for p in doc.parse_problems)
    assert doc.body[0].text.startswith("text")


def test_quotes_outside_attribute_values_do_not_quote():
    # A browser reads quotes as quoting only right after "=": "<b don't>" ends at its ">".
    source = "<p><b don't>Bold</b> and <a href=x'y title = \"q > r\">link</a> text</p>"
    doc = read_html(source)
    assert doc.body[0].text == "Bold and link text"
    assert doc.links[0].href == "x'y"
    assert snippet(source, find(doc.body[0], "text")) == "text"


def test_unterminated_markup_declaration_is_reported():
    doc = read_html("<p>Visible</p><!DOCTYPE never closed, so this is gone")
    assert [b.text for b in doc.body] == ["Visible"]
    assert any("never closed" in p and "line 1" in p for p in doc.parse_problems)


@pytest.mark.parametrize(
    "unit",
    [
        "if a<b then c ",  # "<" with no ">" anywhere after it
        "it's a<b don't ",  # apostrophes outside attribute values
        'a<b "x ',  # unpaired double quotes
        "x </b then ",  # broken end tags
        '<a title="x>y',  # quoted ">" in attributes
        "<span>x ",  # elements never closed
        "Q&A &amp R&D &notanentity ",
        "<svg><g>",  # <svg> never closed, nested: where it ends is searched once, not once per <svg>
    ],
)
def test_pathological_markup_reads_in_linear_time(unit):
    def seconds(repeat: int) -> float:
        source = "<p>" + unit * repeat  # no ">" at the end: the worst case for a failing tag match
        return best_cpu_seconds(lambda: read_html(source), runs=5)

    small, big = seconds(2000), seconds(16000)  # large enough that fixed costs and timer noise do not count
    assert big < small * 8 * 3  # 8x the input: linear, with room for timing noise (quadratic is 64x)


def test_an_unclosed_tag_is_reported_once():
    doc = read_html("<p>" + "if a<b then c " * 50)
    assert len(doc.parse_problems) == 1
    assert doc.body[0].text.startswith("if a<b then c")


def test_fragment_without_html_or_body():
    source = "Natalie Portman &amp; Benjamin Millepied\n<p>Second <em>paragraph</em></p>\ntail text"
    doc = read_html(source)
    assert [b.text for b in doc.body] == ["Natalie Portman & Benjamin Millepied", "Second paragraph", "tail text"]
    assert doc.lines.position(find(doc.body[2], "tail")[0]) == (3, 1)


def test_less_than_signs_that_are_not_tags_stay_text():
    source = "<p>I <3 this, 5 < 6 and a<b</p>"
    doc = read_html(source)
    assert doc.body[0].text.startswith("I <3 this, 5 < 6")


def test_text_after_a_missing_head_end_tag_is_body():
    doc = read_html("<html><head><title>T</title><p>Body text</p></html>")
    assert [b.text for b in doc.body] == ["Body text"]


# ---------------------------------------------------------------------------------------------
# Body versus chrome
# ---------------------------------------------------------------------------------------------

CHROME_PAGE = """<!DOCTYPE html>
<html><head><title>Site</title></head>
<body>
<header class="site"><a href="/">Logo</a><nav><a href="/news">News</a></nav></header>
<nav aria-label="crumbs"><ol><li><a href="/">Home</a></li></ol></nav>
<div role="navigation"><a href="/x">Role nav</a></div>
<main>
  <article>
    <header><h1>Article headline</h1><p class="byline">By Staff</p></header>
    <p>Article body <a href="/in-body">in-body link</a>.</p>
    <aside><p>Related story</p><a href="/related">related link</a></aside>
    <figure><img src="a.jpg" alt="In body"><figcaption>Caption</figcaption></figure>
    <footer><p>Article footer</p></footer>
  </article>
</main>
<div class="sidebar"><p>Sidebar text</p><a href="/side">sidebar link</a><img src="s.jpg" alt="Side"></div>
<footer><p>Copyright</p><a href="/about">About</a></footer>
</body></html>"""


def test_article_text_is_body_and_chrome_is_not():
    doc = read_html(CHROME_PAGE)
    assert [b.text for b in doc.body] == ["Article headline", "By Staff", "Article body in-body link.", "Caption", "Article footer"]
    chrome = [b.text for b in doc.blocks if not b.in_body]
    for text in ["Logo", "News", "Home", "Role nav", "Related story", "Sidebar text", "Copyright"]:
        assert any(text in c for c in chrome), text
    assert doc.headline.text == "Article headline"
    assert doc.title.text == "Site"
    assert "Site" not in [b.text for b in doc.blocks]


def test_links_and_images_outside_the_article_are_not_body():
    doc = read_html(CHROME_PAGE)
    body_links = [link.href for link in doc.links if link.in_body]
    assert body_links == ["/in-body"]
    assert {link.href for link in doc.links} >= {"/", "/news", "/x", "/related", "/side", "/about"}
    assert [image.alt for image in doc.images if image.in_body] == ["In body"]
    assert [image.alt for image in doc.images if not image.in_body] == ["Side"]


def test_links_within_a_span_of_source():
    source = '<p>See <a href="/a">A</a> and <a href="/b">B</a>.</p><p>Then <a href="/c">C</a></p><p>None here</p>'
    doc = read_html(source)
    first, second, third = doc.body
    assert [link.href for link in doc.links_within(*first.element)] == ["/a", "/b"]
    assert [link.href for link in doc.links_within(*second.element)] == ["/c"]
    assert doc.links_within(*third.element) == []
    opening = source.index('<a href="/b">')
    assert [link.href for link in doc.links_within(opening, opening + 1)] == ["/b"]  # [start, end): the one opening there
    assert doc.links_within(opening + 1, len(source)) == doc.links[2:]


def test_page_without_article_keeps_everything_but_chrome():
    source = "<header><h1>Site name</h1></header><nav>Menu</nav><h1>Story</h1><p>Text</p><aside>Ad</aside><footer>Foot</footer>"
    doc = read_html(source)
    assert [b.text for b in doc.body] == ["Story", "Text"]
    assert doc.headline.text == "Story"


def test_role_main_marks_the_article():
    doc = read_html("<div>Top bar</div><div role='main'><p>Story text</p></div><div>Bottom</div>")
    assert [b.text for b in doc.body] == ["Story text"]


# ---------------------------------------------------------------------------------------------
# Metadata, structure, links and images
# ---------------------------------------------------------------------------------------------

HEAD = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Natalie Portman &amp; the &lsquo;Black Swan&rsquo; effect</title>
  <meta name="description" content="Why the role still matters &mdash; 15 years on">
  <meta name="Robots" content="index, follow">
  <meta property="og:title" content="Portman&#8217;s Black Swan">
  <meta property="og:description" content='She "became" the role'>
  <meta property="og:image" content="https://img.example.com/a.jpg?w=1200&amp;h=630">
  <meta name="twitter:card" content="summary_large_image">
  <link rel="canonical" href="https://www.example.com/portman?ref=a&amp;x=1">
  <link rel="stylesheet" href="/s.css">
</head>
<body><p>x</p></body></html>"""


def test_title_meta_canonical_and_open_graph():
    doc = read_html(HEAD)
    assert doc.title.text == "Natalie Portman & the ‘Black Swan’ effect"
    assert doc.meta["description"].text == "Why the role still matters — 15 years on"
    assert doc.meta["robots"].text == "index, follow"
    assert doc.meta["og:title"].text == "Portman’s Black Swan"
    assert doc.meta["og:description"].text == 'She "became" the role'
    assert doc.meta["og:image"].text == "https://img.example.com/a.jpg?w=1200&h=630"
    assert doc.meta["twitter:card"].text == "summary_large_image"
    assert doc.canonical == "https://www.example.com/portman?ref=a&x=1"
    assert doc.lang == "en-GB"
    assert_document_sound(doc)


def test_title_and_meta_map_to_their_source():
    doc = read_html(HEAD)
    source = doc.source
    start, end = find(doc.title, "Black Swan")
    assert source[start:end] == "Black Swan"
    assert doc.lines.position(start) == position(source, source.index("Black Swan"))
    start, end = find(doc.meta["description"], "15 years")
    assert source[start:end] == "15 years"
    start, end = find(doc.meta["og:title"], "Portman’s")
    assert source[start:end] == "Portman&#8217;s"


def test_first_title_and_first_meta_win():
    doc = read_html("<title>One</title><title>Two</title><meta name=description content=A><meta name=description content=B>")
    assert doc.title.text == "One"
    assert doc.meta["description"].text == "A"


def test_headings_have_levels():
    doc = read_html("".join(f"<h{n}>Heading {n}</h{n}>" for n in range(1, 7)) + "<p>text</p>")
    assert [(b.kind, b.level, b.text) for b in doc.headings] == [("heading", n, f"Heading {n}") for n in range(1, 7)]
    assert doc.headline.text == "Heading 1"


def test_inline_markup_inside_a_heading_keeps_its_level():
    doc = read_html("<h2 class='t'>The <em>Black</em> <a href='/s'>Swan</a></h2>")
    (heading,) = doc.headings
    assert (heading.level, heading.text) == (2, "The Black Swan")


def test_block_kinds():
    source = """
    <p>para</p>
    <ul><li>item</li></ul>
    <ol><li><p>item para</p></li></ol>
    <blockquote><p>quoted</p>loose quote</blockquote>
    <figure><img src=x alt=y><figcaption>fig caption</figcaption></figure>
    <table><caption>table caption</caption><tr><th>head</th><td>cell</td></tr></table>
    <pre>code   block</pre>
    <div>loose div text</div>
    """
    doc = read_html(source)
    assert [(b.kind, b.text) for b in doc.body] == [
        ("paragraph", "para"),
        ("list-item", "item"),
        ("list-item", "item para"),
        ("blockquote", "quoted"),
        ("blockquote", "loose quote"),
        ("caption", "fig caption"),
        ("caption", "table caption"),
        ("cell", "head"),
        ("cell", "cell"),
        ("pre", "code block"),
        ("paragraph", "loose div text"),
    ]


def test_block_element_covers_its_tags():
    source = '<body>\n  <p class="x">Natalie <b>Portman</b></p>\n  <div><p>wrapped</p></div>\n</body>'
    doc = read_html(source)
    first, second = doc.body
    assert snippet(source, first.element) == '<p class="x">Natalie <b>Portman</b></p>'
    assert snippet(source, second.element) == "<div><p>wrapped</p></div>"


def test_links_have_text_href_and_rel():
    source = (
        '<p>See <a href="https://example.com/a?x=1&amp;y=2" rel="Nofollow  sponsored">the <b>full</b> story</a>'
        " and <a href=/plain>plain</a> and <a name=anchor>no href</a>.</p>"
    )
    doc = read_html(source)
    first, second, third = doc.links
    assert (first.text, first.href, first.rel) == ("the full story", "https://example.com/a?x=1&y=2", ("nofollow", "sponsored"))
    assert (second.text, second.href, second.rel) == ("plain", "/plain", ())
    assert (third.text, third.href) == ("no href", "")
    assert source[first.offset :].startswith("<a href")
    assert all(link.in_body for link in doc.links)


def test_link_text_with_entities_and_line_breaks():
    doc = read_html("<p><a href=x>Tom &amp;<br>Jerry</a></p>")
    assert doc.links[0].text == "Tom & Jerry"


def test_link_around_block_content_keeps_its_text():
    doc = read_html("<a href='/story'><div><h3>Card title</h3><p>Card summary</p></div></a>")
    (link,) = doc.links
    assert link.href == "/story"
    assert link.text == "Card title Card summary"


def test_nested_anchor_closes_the_open_one():
    doc = read_html("<p><a href=a>one <a href=b>two</a> three</p>")
    assert [(link.href, link.text) for link in doc.links] == [("a", "one"), ("b", "two")]
    assert doc.body[0].text == "one two three"


def test_href_keeps_query_parameters_that_look_like_entities():
    # In attributes a legacy reference followed by "=" or a letter is not decoded (HTML spec).
    doc = read_html('<a href="/s?a=1&copy=2&notes=3&amp;b=4&lang=en">x</a>')
    assert doc.links[0].href == "/s?a=1&copy=2&notes=3&b=4&lang=en"


def test_images_alt_and_src():
    source = '<p><img src="a.jpg?w=1&amp;h=2" alt="Natalie &amp; Benjamin"><img src=b.jpg alt=""><img src=c.jpg></p>'
    doc = read_html(source)
    assert [(i.src, i.alt) for i in doc.images] == [("a.jpg?w=1&h=2", "Natalie & Benjamin"), ("b.jpg", ""), ("c.jpg", None)]
    assert source[doc.images[0].offset :].startswith("<img")


def test_uppercase_and_unquoted_attributes():
    doc = read_html("<HTML LANG=fr><HEAD><TITLE>T</TITLE><META NAME=Description CONTENT=Desc></HEAD><BODY><A HREF=/x REL=NOFOLLOW>L</A></BODY>")
    assert doc.lang == "fr"
    assert doc.meta["description"].text == "Desc"
    assert (doc.links[0].href, doc.links[0].rel) == ("/x", ("nofollow",))


def test_sentences_and_words_of_blocks_map_back():
    source = "<p>Dr. Natalie <i>Portman</i> won.<br>Then &ldquo;Why?&rdquo; she asked. It&rsquo;s 3.5 stars.</p>"
    doc = read_html(source)
    (block,) = doc.body
    assert [s.text for s in block.sentences] == ["Dr. Natalie Portman won.", "Then “Why?” she asked.", "It’s 3.5 stars."]
    last = block.sentences[-1]
    start, end = block.source_span(last.start, last.end)
    assert source[start:end] == "It&rsquo;s 3.5 stars."
    assert "It’s" in block.words
    assert doc.word_count == len(block.words) == 11


def test_empty_and_whitespace_only_documents():
    for source in ["", "   \n\r\n\t", "<html><body></body></html>", "<!-- only a comment -->", "<p> &nbsp; </p>"]:
        doc = read_html(source)
        assert doc.body == ()
        assert doc.headline is None
        assert doc.word_count == 0


# ---------------------------------------------------------------------------------------------
# Differential test against a real parser
# ---------------------------------------------------------------------------------------------

# Elements whose text is never article text, and chrome.
NOT_TEXT = ["script", "style", "template", "noscript", "iframe", "svg", "math", "textarea", "select", "head", "title"]
CHROME = ["nav", "aside"]
BLOCKS = set(
    """address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section
    summary table tbody td tfoot th thead tr ul br""".split()
)


def soup_body_text(source: str) -> str:
    soup = BeautifulSoup(source, "lxml")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for element in soup.find_all(NOT_TEXT + CHROME):
        element.decompose()
    for element in soup.find_all(attrs={"role": ["navigation", "complementary", "banner", "contentinfo", "search"]}):
        element.decompose()
    # Elements named as page chrome (comments, share bars, tag lists): the reader's name table,
    # applied to the real parser's tree.
    for element in soup.find_all(lambda t: CHROME_NAMES.search(split_names(" ".join([t.get("id", ""), *t.get("class", [])])))):
        element.decompose()
    for element in soup.find_all(["header", "footer"]):
        if not element.find_parent(["article", "main"]) and not element.find_parent(attrs={"role": "main"}):
            element.decompose()
    roots = [
        e
        for e in soup.find_all(lambda t: t.name in ("article", "main") or t.get("role") == "main")
        if not e.find_parent(lambda t: t.name in ("article", "main") or t.get("role") == "main")
    ] or [soup]
    pieces: list[str] = []

    def walk(node) -> None:
        for child in node.children:
            if isinstance(child, PreformattedString):  # doctype, CDATA, processing instruction
                continue
            if isinstance(child, str):
                pieces.append(str(child))
            elif child.name in BLOCKS:
                pieces.append(" ")
                walk(child)
                pieces.append(" ")
            else:
                walk(child)

    for root in roots:
        walk(root)
        pieces.append(" ")
    return " ".join("".join(pieces).split())


def reader_body_text(source: str) -> str:
    return " ".join(" ".join(b.text.split()) for b in read_html(source).body)


REALISTIC_PAGES = {
    "news-article": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Natalie Portman Opens Up About &lsquo;May December&rsquo; | Celeb Daily</title>
<meta name="description" content="The Oscar winner talks Todd Haynes, Julianne Moore &amp; more.">
<meta property="og:title" content="Natalie Portman Opens Up">
<link rel="canonical" href="https://celebdaily.example/natalie-portman-may-december">
<script async src="https://ads.example/tag.js"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} if (a < b) { x = "<p>"; }</script>
<style>.hero > h1 { font-size: 3rem; } p::after { content: "x"; }</style>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Natalie Portman Opens Up"}</script>
</head>
<body class="article-page">
<!-- Google Tag Manager (noscript) -->
<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-X" height="0" width="0"></iframe></noscript>
<header class="site-header">
  <a class="logo" href="/"><img src="/logo.svg" alt="Celeb Daily"></a>
  <nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/movies">Movies</a></li><li><a href="/tv">TV</a></li></ul></nav>
  <form role="search"><input type="search" placeholder="Search"><button>Go</button></form>
</header>
<main id="content">
<article class="post">
  <header class="entry-header">
    <p class="kicker"><a href="/movies">Movies</a></p>
    <h1 class="entry-title">Natalie Portman Opens Up About &lsquo;May December&rsquo;</h1>
    <p class="byline">By <a href="/author/jane" rel="author">Jane Doe</a> &middot; <time datetime="2023-11-17">Nov. 17, 2023</time></p>
  </header>
  <figure class="hero"><img src="/img/portman.jpg" alt="Natalie Portman at the premiere" width="1200">
    <figcaption>Natalie Portman at the New York Film Festival premiere. <span class="credit">Photo: Getty&nbsp;Images</span></figcaption></figure>
  <div class="entry-content">
    <p>Natalie Portman is opening up about her role in Todd Haynes&#8217; <em>May December</em>, a film that has drawn
    comparisons to the 1990s tabloid saga it fictionalises.</p>
    <p>&ldquo;I was fascinated by the ethics of it,&rdquo; the Oscar winner, 42, told <a href="https://example.com/interview" rel="nofollow noopener" target="_blank">the magazine</a>.
    &ldquo;What do we owe the people whose stories we tell?&rdquo;</p>
    <div class="ad-slot" id="ad-1"><script>googletag.cmd.push(function() { googletag.display('ad-1'); });</script></div>
    <h2>Working with Julianne Moore</h2>
    <p>Portman said working opposite Julianne Moore was &ldquo;a masterclass.&rdquo;<br>
    &ldquo;She&rsquo;s fearless,&rdquo; she added.</p>
    <blockquote class="twitter-tweet"><p lang="en" dir="ltr">Can&#39;t stop thinking about May December 🎬🍿</p>&mdash; Film Fan (@filmfan) <a href="https://twitter.com/filmfan/status/1">November 18, 2023</a></blockquote>
    <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
    <h3>Key facts</h3>
    <ul>
      <li>Release date: Nov. 17, 2023</li>
      <li>Director: Todd Haynes</li>
      <li>Runtime: 117 minutes</li>
    </ul>
    <p>The film is streaming on Netflix in the U.S. &amp; Canada.</p>
  </div>
  <footer class="entry-footer"><p>Filed under: <a href="/tag/portman" rel="tag">Natalie Portman</a>, <a href="/tag/netflix" rel="tag">Netflix</a></p></footer>
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/a">Julianne Moore&#8217;s best roles</a></li></ul></aside>
</main>
<footer class="site-footer"><p>&copy; 2023 Celeb Daily. All rights reserved.</p><nav><a href="/privacy">Privacy</a></nav></footer>
<script>document.querySelectorAll('p').forEach(function(p){});</script>
</body>
</html>
""",
    "cms-fragment": """<h1>Taylor Swift&rsquo;s Eras Tour: Every Surprise Song</h1>
<p><strong>Taylor Swift</strong> has played more than 100 surprise songs on the Eras Tour &mdash; here&#8217;s the full list.
<p>Night one in Glendale opened with &ldquo;mirrorball&rdquo; and &ldquo;Tim McGraw.&rdquo;
<h2>Acoustic set</h2>
<ol>
<li>&ldquo;Our Song&rdquo; &amp; &ldquo;Snow on the Beach&rdquo;
<li>&ldquo;Cold as You&rdquo; &ndash; Arlington
<li><a href="https://example.com/setlist?night=3&amp;city=Tampa">See the Tampa setlist</a>
</ol>
<p>Fans on X called it &ldquo;the best night yet&rdquo;&nbsp;&#x1F62D;.
<!-- editor: add more later -->
<p>More dates: <br>
Chicago<br/>
Detroit<br />
Pittsburgh
""",
    "gallery-with-tables": """<html><body>
<div id="wrapper">
<div class="breadcrumbs" role="navigation"><a href="/">Home</a> &raquo; <a href="/gallery">Gallery</a></div>
<section class="gallery">
<h1>Met Gala 2024: The Best Looks</h1>
<figure><img src="1.jpg" alt="Zendaya"><figcaption>Zendaya in Maison Margiela.</figcaption></figure>
<figure><img src="2.jpg" alt=""><figcaption>Bad Bunny wore Maison Margiela too.</figcaption></figure>
<table class="stats">
<caption>Red carpet arrivals by hour</caption>
<thead><tr><th>Hour<th>Arrivals</thead>
<tbody><tr><td>6 p.m.<td>42<tr><td>7 p.m.<td>87</tbody>
</table>
<dl><dt>Theme<dd>&ldquo;The Garden of Time&rdquo;<dt>Co-chairs<dd>Zendaya, Bad Bunny, Jennifer Lopez &amp; Chris Hemsworth</dl>
</section>
<aside class="newsletter"><h3>Sign up</h3><p>Get the best looks in your inbox.</p></aside>
</div>
<div class="comments"><p>Comments are closed.</p></div>
</body></html>
""",
    "crlf-legacy-markup": (
        "<HTML>\r\n<HEAD><TITLE>Old Page</TITLE></HEAD>\r\n<BODY BGCOLOR=white>\r\n"
        "<CENTER><FONT SIZE=+2><B>Brad Pitt &amp; Angelina Jolie</B></FONT></CENTER>\r\n"
        "<P>The couple arrived at Cannes&#8230; together.\r\n<P>Fans cheered &#147;Brangelina!&#148; as they walked\r\n"
        "the red carpet.<BR>\r\nPhotographers followed.\r\n"
        "<TABLE BORDER=0><TR><TD>Left column text<TD>Right column text</TABLE>\r\n"
        "<P>Copyright &copy 1999</P>\r\n</BODY>\r\n</HTML>\r\n"
    ),
}


@pytest.mark.parametrize("name", sorted(REALISTIC_PAGES))
def test_body_text_matches_beautifulsoup(name):
    source = REALISTIC_PAGES[name]
    assert reader_body_text(source) == soup_body_text(source)


@pytest.mark.parametrize("seed", range(0, 400, 4))
def test_generated_page_body_text_matches_beautifulsoup(seed):
    source = "".join(generate(seed).parts)
    assert reader_body_text(source) == soup_body_text(source)


@pytest.mark.parametrize("name", sorted(REALISTIC_PAGES))
def test_realistic_pages_map_soundly(name):
    doc = read_html(REALISTIC_PAGES[name])
    assert doc.body
    assert_document_sound(doc)
    for block in doc.body:
        for word in re.finditer(r"[A-Za-z]+", block.text):
            start, end = block.source_span(word.start(), word.end())
            if "<" not in doc.source[start:end] and "&" not in doc.source[start:end]:
                assert doc.source[start:end] == word.group()
            assert doc.lines.position(start) == position(doc.source, start)


def test_realistic_article_structure():
    doc = read_html(REALISTIC_PAGES["news-article"])
    assert doc.title.text == "Natalie Portman Opens Up About ‘May December’ | Celeb Daily"
    assert doc.headline.text == "Natalie Portman Opens Up About ‘May December’"
    assert [(h.level, h.text) for h in doc.headings] == [
        (1, "Natalie Portman Opens Up About ‘May December’"),
        (2, "Working with Julianne Moore"),
        (3, "Key facts"),
    ]
    assert doc.canonical == "https://celebdaily.example/natalie-portman-may-december"
    body_links = [(link.text, link.rel) for link in doc.links if link.in_body]
    assert ("the magazine", ("nofollow", "noopener")) in body_links
    assert ("Jane Doe", ("author",)) in body_links
    assert not any(text in ("News", "Privacy", "Julianne Moore’s best roles") for text, _ in body_links)
    assert [i.alt for i in doc.images if i.in_body] == ["Natalie Portman at the premiere"]
    kinds = {b.kind for b in doc.body}
    assert {"heading", "paragraph", "list-item", "blockquote", "caption"} <= kinds
    quote = next(b for b in doc.body if b.kind == "blockquote")
    assert quote.text == "Can't stop thinking about May December 🎬🍿"


def test_signal_prefilter_misses_nothing_signals_reads():
    """The reader asks _signals only about attributes whose lower-cased text the plain _MAY_SIGNAL
    search matches (re.I made it ten times slower): what it passes over must tell nothing. "ſ"
    and the Kelvin sign read as "s" and "k" under re.I, not under lower(), nor as attribute names."""
    from pubcheck.document.html import _MAY_SIGNAL, _may_signal, _signals

    nothing = ("", "", False, False)
    samples = [' href="/story/1"', ' CLASS="Story-Body"', " Id=x", ' ROLE="main"', " HIDDEN", ' Aria-Hidden="TRUE"',
               ' STYLE="display:none"', ' ItemProp="articleBody"', ' ſtyle="display:none"', ' claſs="hidden"',
               ' İd="x"', ' data-x="1" rel="nofollow"', " hidden=until-found", ' src="a.png" alt="Class photo"']
    rng = random.Random(19)
    pieces = ["class", "id", "role", "hidden", "style", "itemprop", "aria-hidden", "href", "ſ", "İ", "K", "=", '"',
              "main", "none", "display:none", " ", "x"]
    samples += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    for raw in samples:
        assert _may_signal(raw.lower()) == bool(_MAY_SIGNAL.search(raw.lower())), raw
        if not _MAY_SIGNAL.search(raw.lower()):
            assert _signals(raw) == nothing, raw


def test_end_offset_walked_back_is_the_plain_walk():
    """TextBuilder.build finds a block's last character from the end of its pieces: the same
    offset as the plain walk from the start, for every character and every kind of piece; and
    the span it takes from the first and last pieces when nothing is trimmed is the walks' too."""
    from pubcheck.document.mapping import TextBuilder, _end_offset_of, _offset_of

    rng = random.Random(19)
    for _ in range(300):
        builder, offset = TextBuilder(), 0
        for _ in range(rng.randint(1, 12)):
            size = rng.randint(1, 6)
            if rng.random() < 0.3:  # "&#1;" decodes to nothing: a wide piece may be empty
                builder.add_wide("\u2028" * rng.randint(0, 2), offset, offset + size)
            else:
                builder.add("x" * size, offset)
            offset += size + rng.randint(0, 3)
        for index in range(builder.length):
            assert _end_offset_of(builder.pieces, index, builder.length) == _offset_of(builder.pieces, index, end=True)
        # build's span of a text with nothing to trim, taken from the first and last pieces: the walks' answer.
        if builder.length:
            text, _, span = builder.build()
            if text:
                low = len(builder.since(0)) - len(builder.since(0).lstrip())
                high = len(builder.since(0).rstrip())
                assert span == (_offset_of(builder.pieces, low), _offset_of(builder.pieces, high - 1, end=True))


def test_span_found_in_one_walk_is_the_two_plain_walks():
    """source_span walks a block's pieces once for both ends of a span: the offsets of the plain
    walk from the start for each end, for every span of blocks with entities, empty references,
    <br>s, collapsed whitespace and trimmed ends; and the offsets of the full mapping."""
    from pubcheck.document.mapping import LINE_BREAK, TextBuilder, _offset_of, _span_of

    rng = random.Random(4)
    for _ in range(300):
        builder, offset = TextBuilder(), 0
        for _ in range(rng.randint(1, 12)):
            size = rng.randint(1, 6)
            kind = rng.random()
            if kind < 0.2:  # an entity; "&#1;" decodes to nothing: a wide piece may be empty
                builder.add_wide("&" * rng.randint(0, 2), offset, offset + size)
            elif kind < 0.3:  # a <br>
                builder.add_wide(LINE_BREAK, offset, offset + size)
            else:  # text, maybe with spaces at its ends or a run to collapse
                chunk = rng.choice(["x", " ", "  x", "x\n"]) + "x" * size + rng.choice(["", " ", "  "])
                builder.add(chunk, offset)
                size = len(chunk)
            offset += size + rng.randint(0, 3)
        for first in range(builder.length):
            for last in range(first, builder.length):
                assert _span_of(builder.pieces, first, last) == (
                    _offset_of(builder.pieces, first), _offset_of(builder.pieces, last, end=True))
        text, resolve, _ = builder.build()
        if text:
            block = MappedText(text, resolve=resolve)
            spans = [(i, j) for i in range(len(text)) for j in range(i + 1, len(text) + 1)]
            direct = [block.source_span(i, j) for i, j in spans]
            assert block.starts  # every offset worked out: source_span now reads them
            assert [block.source_span(i, j) for i, j in spans] == direct


def test_attribute_values_are_parse_attrs_without_offsets():
    """attr_values (findall, for every tag but <meta>) reads each attribute as parse_attrs does:
    quoted, bare and empty values, repeated names (the first counts), names in any case."""
    from pubcheck.document.html import attr_values, parse_attrs

    rng = random.Random(19)
    pieces = [" ", "  ", "class", "CLASS", "href", "id", "alt", "=", " = ", '"', "'", '"x y"', "'a>b'", '""', "''",
              "bare", "a=b", "&amp;", "/", "\t", "data-x"]
    samples = [' href="/a" href="/b"', " hidden", ' alt=""', " alt", " rel=nofollow ID='Main'", ' class = "a b"']
    samples += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 10))) for _ in range(3000)]
    for raw in samples:
        assert attr_values(raw) == {name: value for name, (value, _) in parse_attrs(raw, 0).items()}, raw


def test_add_html_is_add_and_add_wide_for_each_reference():
    """TextBuilder.add_html writes out add and add_wide and looks whole references up in _WHOLE:
    the same pieces and length as the plain loop over references(), in text and in attributes,
    before and after the look-up has learnt each reference (legacy prefixes, "&#1;" that decodes
    to nothing, leading zeros, a name that is no reference)."""
    import html
    from html.entities import html5

    from pubcheck.document.mapping import _ENTITY, _LONGEST_LEGACY, TextBuilder, references

    def plain_references(text: str, attribute: bool):
        for match in _ENTITY.finditer(text):
            ref = match.group()
            if ref[1] == "#":
                yield match.start(), match.end(), html.unescape(ref)
                continue
            value = html5.get(ref[1:])
            if value is not None and ref.endswith(";"):
                yield match.start(), match.end(), value
                continue
            name = ref[1:].rstrip(";")
            for size in range(min(len(name), _LONGEST_LEGACY), 1, -1):
                value = html5.get(name[:size])
                if value is not None:
                    end = match.start() + 1 + size
                    if attribute and (size < len(name) or text[end : end + 1] == "="):
                        break
                    yield match.start(), end, value
                    break

    def plain(chunk: str, offset: int, attribute: bool) -> TextBuilder:
        builder, pos = TextBuilder(), 0
        assert list(references(chunk, attribute)) == list(plain_references(chunk, attribute)), chunk
        for start, end, value in plain_references(chunk, attribute):
            builder.add(chunk[pos:start], offset + pos)
            builder.add_wide(value, offset + start, offset + end)
            pos = end
        builder.add(chunk[pos:], offset + pos)
        return builder

    rng = random.Random(19)
    pieces = ["&amp;", "&amp", "&ampx", "&amp=", "&copy2024", "&notin;", "&notit;", "&not", "&#1;", "&#38", "&#0038;",
              "&#x41;", "&#X2019", "&rsquo;", "&nbsp;", "&bogus;", "&", "&;", "&#", "&#x;", "x", " ", "=", "é", "\n"]
    samples = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(2000)]
    for _ in range(2):  # the second time, every whole reference is known
        for chunk in samples:
            for attribute in (False, True):
                builder = TextBuilder()
                builder.add("lead ", 3)
                builder.add_html(chunk, 8, attribute)
                expected = plain(chunk, 8, attribute)
                assert builder.parts[1:] == expected.parts and builder.pieces[1:] == expected.pieces, chunk
                assert builder.length == 5 + expected.length, chunk


def test_a_start_tag_under_a_settled_element_closes_nothing():
    """run calls _implied_close only when the innermost element is not one _settled names: under
    those, _implied_close closes nothing, whatever is open further out (an open <p>, a sibling)."""
    from pubcheck.document.html import BLOCK, _BLOCKS, _Open, _Reader

    outer = ["p", "li", "dt", "dd", "td", "th", "tr", "div", "span", "ul", "table", ""]
    for name, (settled, *_) in _BLOCKS.items():
        for top in sorted(settled or ()):
            for further in outer:
                reader = _Reader("", "x")
                for tag in (further, top):
                    if tag:
                        element = _Open(tag, 0, "paragraph", 0, False, False, 0)
                        reader.stack.append(element)
                before = list(reader.stack)
                reader._implied_close(name, 0)
                assert reader.stack == before, (name, top, further)
        if settled is None:  # closes nothing at all
            reader = _Reader("", "x")
            reader.stack += [_Open(tag, 0, "paragraph", 0, False, False, 0) for tag in ("p", "li", "dt", "td", "tr")]
            before = list(reader.stack)
            reader._implied_close(name, 0)
            assert reader.stack == before, name
    assert {name for name, (settled, *_) in _BLOCKS.items() if settled is not None} <= BLOCK


def test_hidden_reads_ascii_in_lower_case_as_the_case_insensitive_searches():
    """_hidden searches lower-cased ASCII class and style text without re.I, and a class list
    only when it holds a part of some hiding name: the answer of the plain re.I searches, for any
    case, separator and non-ASCII character ("ſ" and "İ" match "s" and "i" under re.I)."""
    from pubcheck.document.html import _HIDDEN_STYLE, _VISUALLY_HIDDEN, _VISUALLY_HIDDEN_TEXT, _hidden

    names = re.search(r"\(\?:(.*?)\)", _VISUALLY_HIDDEN_TEXT).group(1).split("|")  # each hiding name, alone too
    rng = random.Random(19)
    pieces = [*names, "HIDDEN", "Hide", "d-None", "SR-ONLY", "ſr-only", "hİdden", "hıde", "hidde", "x", "-", "_", ":",
              " ", "\t", "md:", "é", "2", "display", "DISPLAY", ":", " : ", "none", "None", "visibility", "VisIbility"]
    for text in [*names, *("".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(5000))]:
        plain_class = bool(_VISUALLY_HIDDEN.search(text))
        assert _hidden({"class": text}) == plain_class, text
        assert _hidden({"style": text}) == bool(_HIDDEN_STYLE.search(text)), text


def test_a_value_without_references_is_mapped_as_the_builder_maps_it():
    """mapped_html_value builds a value without "&" from its one literal piece, without a
    TextBuilder: the same text and offsets as the builder's, trimmed, collapsed or empty."""
    from pubcheck.document.mapping import TextBuilder, mapped_html_value

    for value in ["", " ", "Plain title", "  padded  ", "two  spaces", "line\nbreak", "tab\there ", "\u2028x", "é ü"]:
        builder = TextBuilder()
        builder.add_html(value, 7, attribute=True)
        expected, found = builder.mapped(), mapped_html_value(value, 7)
        assert found.text == expected.text
        if found.text:  # first from the pieces, before every offset is worked out
            assert found.source_span(0, len(found.text)) == expected.source_span(0, len(expected.text))
        assert found.starts == expected.starts and found.wide_ends == expected.wide_ends


def test_end_tags_close_their_element_in_any_case():
    """run compares an end tag with the open element's name before lower-casing it: "</P>" and
    "</Div>" close as "</p>" and "</div>" do."""
    source = "<div><p>One</P><P>Two</p></DIV><Div><p>Three</p>Four</dIV><em>Five</EM> six"
    doc = read_html(source)
    assert [(b.text, source[slice(*b.element)]) for b in doc.blocks] == [
        ("One", "<p>One</P>"), ("Two", "<P>Two</p>"), ("Three", "<p>Three</p>"), ("Four", "Four"), ("Five six", "Five</EM> six"),
    ]


def test_built_block_is_the_block_its_keywords_make():
    """The reader makes its blocks with model.built_block (fields set in order, no keyword call):
    each field as Block(...) sets it, and the offsets resolved the same."""
    from pubcheck.document.mapping import TextBuilder
    from pubcheck.document.model import Block, built_block

    builder = TextBuilder()
    builder.add("Dr. Natalie ", 3)
    builder.add_wide("&", 15, 20)
    builder.add(" Portman", 20)
    text, resolve, span = builder.build()
    made = built_block(text, resolve, "heading", "h2", 2, span, False, 7)
    plain = Block(text, resolve=resolve, kind="heading", tag="h2", level=2, element=span, in_body=False, index=7)
    fields = ("text", "kind", "tag", "level", "element", "in_body", "index", "sentences", "words", "starts", "wide_ends")
    assert [getattr(made, name) for name in fields] == [getattr(plain, name) for name in fields]
    assert made.source_span(4, 9) == plain.source_span(4, 9) and type(made) is Block


def test_elements_opened_in_run_have_every_field_in_its_place():
    """run makes each element with its fields set in place, not by calling _Open: every slot is
    set, each to what the element is."""
    from pubcheck.document.html import _Open, _Reader

    page = ("<html lang=en><body><header class='site'><a href='/'>Home</a></header><main><article>"
            "<h1>Title</h1><p class=lead>One <em>two</em> <span hidden>three</span></p><ul><li>a<li>b</ul>"
            "<div role=main style='display:none'><p>Gone</p></div><table><tr><td>x<td>y</table><p>open")
    reader = _Reader(page, "x")
    reader.run()
    for node in reader.nodes[1:]:
        assert all(hasattr(node, field) for field in _Open.__slots__)
        assert reader.nodes[node.index] is node and node.start == page.index(f"<{node.tag}", node.start)
    lead = next(node for node in reader.nodes if node.names == "lead")
    article = next(node for node in reader.nodes if node.tag == "article")
    assert (lead.tag, lead.kind, lead.level, lead.hidden, lead.main, lead.role, lead.marks_article) == ("p", "paragraph", 0, False, True, "", False)
    assert (lead.start, lead.parent, lead.first_block, lead.end_block) == (page.index("<p class=lead>"), article.index, 2, 3)  # after "Home" and "Title"
    assert (lead.end, lead.end_node) == (page.index("<ul>"), lead.index + 3)  # <em> and <span> inside
    assert (article.marks_article, article.main, article.names) == (True, True, "")
    heading = next(node for node in reader.nodes if node.tag == "h1")
    assert (heading.kind, heading.level) == ("heading", 1)
    hidden = next(node for node in reader.nodes if node.role == "main")
    assert (hidden.tag, hidden.hidden, hidden.marks_article) == ("div", True, True)
    assert next(node for node in reader.nodes if node.tag == "span").hidden


def test_tag_pattern_matches_as_its_atomic_group_spelling():
    """_TAG's attributes are a possessive repeat: it matches what the greedy repeat of an atomic
    group matched (spans and groups), on markup with quotes, "=" and ">" in every place."""
    import re

    from pubcheck.document.html import _MARKUP, _NAME, _TAG

    plain = re.compile(rf"""<({_NAME})((?>[^>="']+|=\s*(?:"[^"]*"|'[^']*')|[="'])*)>|</({_NAME})[^>]*>|{_MARKUP}""")
    rng = random.Random(41)
    pieces = ["<", ">", "=", '"', "'", "a", "b", " ", "/", "!", "-", "?", "\n", "<a ", "</a", '="', "='", "<!--", "-->", "= "]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 16))) for _ in range(100_000)]
    texts.append('<p class="x" data-a=\'1>2\' hidden>t</p><a href="/?a=1&b=2" title="a>b">x</a><b don\'t><br/>')
    for text in texts:
        assert [(m.span(), m.groups()) for m in _TAG.finditer(text)] == [(m.span(), m.groups()) for m in plain.finditer(text)], text


def test_stray_end_tags_close_what_a_walk_of_every_open_element_closes(monkeypatch):
    """_end_tag remembers where a stray end tag found no element of its name open, and walks only
    above it next time (a page of unclosed elements each followed by a stray end tag was quadratic):
    random tag soup reads as with the plain walk of every open element."""
    from pubcheck.document import html as reader

    def plain_end_tag(self, name, start, end):
        stack = self.stack
        for depth in range(len(stack) - 1, 0, -1):
            if stack[depth].tag == name:
                break
        else:
            return
        self._close_to(depth, start, end)

    rng = random.Random(19)
    names = ["p", "div", "li", "ul", "i", "ix", "b", "a", "span", "blockquote", "h2", "td", "tr", "table"]
    pages = []
    for _ in range(400):
        parts = []
        for _ in range(rng.randint(1, 60)):
            name = rng.choice(names)
            parts.append(rng.choice((f"<{name}>", f"</{name}>", f"</{name}>", f"<{name} class='x'>", "word ", "Two words. ")))
        pages.append("".join(parts))
    pages += ["<p>" + "<ix>Unclosed, then a stray end.</i>" * 200, "<ul>" + "<li><b>One</i> two</b></ul><li>three" * 50]
    read_ = lambda page: [(b.text, b.kind, b.tag, b.element, b.in_body) for b in read(page, "html").blocks]  # noqa: E731
    remembered = [read_(page) for page in pages]
    monkeypatch.setattr(reader._Reader, "_end_tag", plain_end_tag)
    assert [read_(page) for page in pages] == remembered
    assert sum(map(len, remembered)) > 1500
