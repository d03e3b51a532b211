"""The Markdown reader: block structure, front matter, and inline markup stripped with exact offsets."""

from __future__ import annotations

import random
import re

import pytest

from helpers import best_cpu_seconds
from positions import find, position, snippet

from pubcheck.document import Document, MappedText, read


def read_md(source: str) -> Document:
    return read(source, "markdown")


def source_of(doc: Document, mapped: MappedText, word: str, nth: int = 0) -> str:
    start, end = find(mapped, word, nth)
    return doc.source[start:end]


def assert_sound(doc: Document) -> None:
    """Each character maps to itself in the source, to whitespace it collapses, or to an entity or <br>."""
    for mapped in [*doc.blocks, doc.title, *doc.meta.values()]:
        if mapped is None:
            continue
        previous = -1
        for i, char in enumerate(mapped.text):
            start, end = mapped.source_span(i, i + 1)
            assert start >= previous
            previous = start
            piece = doc.source[start:end]
            if i in mapped.wide_ends:
                assert piece.startswith(("&", "<")), piece
            elif char in " \n":
                assert piece.isspace(), (char, piece)
            else:
                assert piece == char, (i, char, piece, mapped.text)


ARTICLE = """---
title: "Natalie Portman: The Interview"
description: 'Portman on fame, film and family'
canonical: https://example.com/portman
lang: en
tags: [film, interview]
---

# Natalie Portman: *The* Interview #

Oscar winner **Natalie Portman**, 42, talks to _Celeb Daily_ about her
new film and [her production company](https://example.com/mountainA "MountainA").

Her Career
==========

A Look Back
-----------

- She starred in *Black Swan* (2010)
- She won an **Oscar** for it
  and a Golden Globe
* Born in Jerusalem
1. First film: *Léon*
2) Second: *Heat*

> "I was so young," she said.
> It changed everything.
lazy continuation line

```python
print("code is skipped")
# not a heading
```

~~~
also skipped
~~~

<!-- pubcheck-disable-next-line celeb-age -->
She was born in 1981.

***

![Portman at Cannes](cannes.jpg "Cannes") Photo: Getty &amp; AP.
"""


def test_front_matter_gives_title_description_canonical_and_lang():
    doc = read_md(ARTICLE)
    assert doc.title.text == "Natalie Portman: The Interview"
    assert doc.meta["description"].text == "Portman on fame, film and family"
    assert doc.canonical == "https://example.com/portman"
    assert doc.lang == "en"
    assert source_of(doc, doc.title, "The Interview") == "The Interview"
    assert doc.lines.position(find(doc.title, "Natalie")[0]) == (2, 9)
    assert doc.lines.position(find(doc.meta["description"], "fame")[0]) == (3, 26)


@pytest.mark.parametrize("key", ["summary", "excerpt", "description"])
def test_front_matter_description_aliases(key):
    doc = read_md(f"---\n{key}: The summary\n---\nBody\n")
    assert doc.meta["description"].text == "The summary"


def test_front_matter_with_crlf_line_endings():
    source = ARTICLE.replace("\n", "\r\n")
    doc = read_md(source)
    assert doc.title.text == "Natalie Portman: The Interview"
    assert doc.meta["description"].text == "Portman on fame, film and family"
    assert doc.canonical == "https://example.com/portman"
    assert doc.lang == "en"
    assert_sound(doc)


def test_front_matter_with_cr_only_line_endings():
    doc = read_md(ARTICLE.replace("\n", "\r"))
    assert doc.title.text == "Natalie Portman: The Interview"
    assert doc.meta["description"].text == "Portman on fame, film and family"
    assert doc.canonical == "https://example.com/portman"
    assert_sound(doc)


def test_no_front_matter_without_closing_fence():
    doc = read_md("---\ntitle: x\n\nNo closing fence here.\n")
    assert doc.title is None


def test_front_matter_is_not_body_text():
    doc = read_md(ARTICLE)
    assert not any("canonical" in b.text or "tags" in b.text for b in doc.blocks)


def test_headings_atx_and_setext_with_levels():
    doc = read_md(ARTICLE)
    assert [(h.level, h.text) for h in doc.headings] == [
        (1, "Natalie Portman: The Interview"),
        (1, "Her Career"),
        (2, "A Look Back"),
    ]
    assert doc.headline.text == "Natalie Portman: The Interview"


@pytest.mark.parametrize("level", range(1, 7))
def test_atx_levels(level):
    doc = read_md("#" * level + " Heading text\n\nPara.\n")
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [("heading", level, "Heading text"), ("paragraph", 0, "Para.")]


@pytest.mark.parametrize("line", ["#hashtag", "####### seven", "\\# escaped"])
def test_not_atx_headings(line):
    (block,) = read_md(line + "\n").blocks
    assert block.kind == "paragraph"


def test_atx_closing_hashes_are_dropped_but_not_a_trailing_hash_in_a_word():
    doc = read_md("## Learning C# ##\n\n### C#\n")
    assert [h.text for h in doc.headings] == ["Learning C#", "C#"]


def test_paragraphs_and_inline_markup_are_stripped_with_exact_offsets():
    doc = read_md(ARTICLE)
    para = next(b for b in doc.blocks if b.text.startswith("Oscar"))
    assert para.kind == "paragraph"
    assert para.text == (
        "Oscar winner Natalie Portman, 42, talks to Celeb Daily about her new film and her production company."
    )
    assert source_of(doc, para, "Natalie Portman") == "Natalie Portman"
    assert source_of(doc, para, "Celeb Daily") == "Celeb Daily"
    assert source_of(doc, para, "her production company") == "her production company"
    assert source_of(doc, para, "Portman,") == "Portman**,"  # the span runs over markup inside it
    start, _ = find(para, "production")
    assert doc.lines.position(start) == position(doc.source, doc.source.index("production"))
    assert_sound(doc)


def test_lists():
    doc = read_md(ARTICLE)
    items = [b.text for b in doc.blocks if b.kind == "list-item"]
    assert items == [
        "She starred in Black Swan (2010)",
        "She won an Oscar for it and a Golden Globe",
        "Born in Jerusalem",
        "First film: Léon",
        "Second: Heat",
    ]
    item = next(b for b in doc.blocks if b.text.startswith("She won"))
    assert source_of(doc, item, "Golden Globe") == "Golden Globe"
    assert doc.lines.position(find(item, "Golden")[0]) == position(doc.source, doc.source.index("Golden"))


def test_blockquotes_including_lazy_continuation_and_nesting():
    doc = read_md(ARTICLE + "\n> > nested quote\n> > # quoted heading\n> - quoted item\n")
    quotes = [b.text for b in doc.blocks if b.kind == "blockquote"]
    assert quotes == [
        "\"I was so young,\" she said. It changed everything. lazy continuation line",
        "nested quote quoted heading quoted item",
    ]
    quote = next(b for b in doc.blocks if b.kind == "blockquote")
    assert source_of(doc, quote, "changed everything") == "changed everything"


def test_fenced_code_is_skipped():
    doc = read_md(ARTICLE)
    text = " ".join(b.text for b in doc.blocks)
    assert "print" not in text and "also skipped" not in text and "not a heading" not in text


def test_unclosed_fence_skips_to_the_end():
    doc = read_md("Before.\n\n```\ncode\n\nstill code\n")
    assert [b.text for b in doc.blocks] == ["Before."]


@pytest.mark.parametrize(
    "code",
    [
        "    Read more: Star Reveals All\n    second line of code\n",
        "\tRead more: Star Reveals All\n",
        "- item\n\n      Read more: Star Reveals All\n",  # code inside a list item: 4 columns past its text
        "> ```\n> Read more: Star Reveals All\n> ```\n",
        "> ~~~\n> Read more: Star Reveals All\n",  # closed by the end of the quote
    ],
)
def test_indented_and_quoted_code_is_skipped(code):
    doc = read_md(f"# Title\n\n{code}\nAfter.\n")
    text = " ".join(b.text for b in doc.blocks)
    assert "Read more" not in text and "second line" not in text and text.endswith("After.")


@pytest.mark.parametrize(
    "source, kept",
    [
        ("First line\n    continues the paragraph.\n", "First line continues the paragraph."),
        ("- item\n\n    More about the item.\n", "More about the item."),  # the item's paragraph, not code
        ("> quoted\n\nAfter.\n", "quoted"),
    ],
)
def test_indented_text_that_is_not_code_is_read(source, kept):
    assert kept in [b.text for b in read_md(source).blocks]


def test_html_comments_are_skipped_and_directives_recorded():
    doc = read_md(ARTICLE)
    assert not any("pubcheck" in b.text for b in doc.blocks)
    (directive,) = doc.directives
    assert (directive.action, directive.rules) == ("disable-next-line", ("celeb-age",))
    assert doc.source[directive.offset : directive.end] == "<!-- pubcheck-disable-next-line celeb-age -->"
    assert any(b.text == "She was born in 1981." for b in doc.blocks)


def test_multiline_comment_is_skipped():
    doc = read_md("Para one.\n\n<!--\nA hidden\nnote\n-->\n\nPara two.\n")
    assert [b.text for b in doc.blocks] == ["Para one.", "Para two."]


def test_text_after_a_comment_on_the_same_line_is_kept():
    source = "<!-- note --> Shown text.\n\n<!-- a\nlonger note --> More text.\n"
    doc = read_md(source)
    assert [b.text for b in doc.blocks] == ["Shown text.", "More text."]
    assert source_of(doc, doc.blocks[1], "More") == "More"
    assert doc.lines.position(find(doc.blocks[1], "More")[0]) == (4, 17)


def test_inline_comment_inside_a_paragraph():
    doc = read_md("Natalie <!-- TODO check --> Portman\n")
    assert doc.blocks[0].text == "Natalie Portman"
    assert source_of(doc, doc.blocks[0], "Portman") == "Portman"


def test_images_are_recorded_and_not_text():
    doc = read_md(ARTICLE)
    (image,) = doc.images
    assert (image.alt, image.src) == ("Portman at Cannes", "cannes.jpg")
    assert doc.source[image.offset :].startswith("![Portman")
    last = doc.blocks[-1]
    assert last.text == "Photo: Getty & AP."
    assert source_of(doc, last, "&") == "&amp;"


def test_links():
    source = (
        "See [the *full* story](https://example.com/a?x=1 'Title'), [a ref][r], "
        "[Foo](https://en.wikipedia.org/wiki/Foo_(band)) and <https://example.org/x>.\n\n[r]: https://example.com/ref\n"
    )
    doc = read_md(source)
    assert [(link.text, link.href) for link in doc.links] == [
        ("the full story", "https://example.com/a?x=1"),
        ("a ref", ""),
        ("Foo", "https://en.wikipedia.org/wiki/Foo_(band)"),
        ("https://example.org/x", "https://example.org/x"),
    ]
    (block,) = doc.blocks  # the reference definition is not text
    assert block.text == "See the full story, a ref, Foo and https://example.org/x."
    assert source_of(doc, block, "full story") == "full* story"
    assert source_of(doc, block, "Foo") == "Foo"
    assert all(link.in_body for link in doc.links)


def test_linked_image():
    doc = read_md("[![Poster](poster.jpg)](https://example.com/film) Caption text\n")
    assert [(i.alt, i.src) for i in doc.images] == [("Poster", "poster.jpg")]
    assert [link.href for link in doc.links] == ["https://example.com/film"]
    assert doc.blocks[0].text == "Caption text"


def test_emphasis_markers_only_next_to_text():
    doc = read_md("**Bold** and *it* and ***both*** and __strong__ and ~~gone~~ but 2 * 3 * 4 and a _ b and snake_case_name.\n")
    assert doc.blocks[0].text == "Bold and it and both and strong and gone but 2 * 3 * 4 and a _ b and snake_case_name."
    assert_sound(doc)


def test_escapes_keep_the_character():
    source = "Not \\*emphasis\\* and a \\[bracket\\] and 5\\_000.\n"
    doc = read_md(source)
    assert doc.blocks[0].text == "Not *emphasis* and a [bracket] and 5_000."
    assert source_of(doc, doc.blocks[0], "*emphasis*") == "*emphasis\\*"
    assert_sound(doc)


def test_inline_code_keeps_its_text():
    doc = read_md("Run `pubcheck --fix` now.\n")
    assert doc.blocks[0].text == "Run pubcheck --fix now."


def test_inline_html_tags_are_dropped_and_br_breaks_the_line():
    source = "Natalie <span class='x'>Portman</span> said hi.<br>Then<br/>she left.\n"
    doc = read_md(source)
    (block,) = doc.blocks
    assert block.text == "Natalie Portman said hi.\nThen\nshe left."
    assert source_of(doc, block, "Portman") == "Portman"
    assert [s.text for s in block.sentences] == ["Natalie Portman said hi.", "Then", "she left."]


def test_entities_decode_with_semicolon_only():
    doc = read_md("Tom &amp; Jerry&rsquo;s &#8217; &#x2019; AT&T &copy 2024\n")
    (block,) = doc.blocks
    assert block.text == "Tom & Jerry’s ’ ’ AT&T &copy 2024"
    assert source_of(doc, block, "Jerry’s") == "Jerry&rsquo;s"
    assert_sound(doc)


def test_thematic_breaks_and_reference_definitions_are_not_text():
    doc = read_md("One.\n\n---\n\n* * *\n\n___\n\n[ref]: https://example.com\n\nTwo.\n")
    assert [b.text for b in doc.blocks] == ["One.", "Two."]


def test_crlf_and_tabs_and_emoji_keep_columns():
    source = "# Title 📖\r\n\r\nThe\tfilm 🎬 stars\r\n**Natalie** Portman.\r\n"
    doc = read_md(source)
    heading, para = doc.blocks
    assert heading.text == "Title 📖"
    assert para.text == "The film 🎬 stars Natalie Portman."
    start, end = find(para, "Portman")
    assert doc.source[start:end] == "Portman"
    assert doc.lines.position(start) == (4, 13)
    assert doc.lines.position(find(para, "stars")[0]) == (3, 12)
    assert "\r" not in para.text
    assert_sound(doc)


def test_block_element_covers_the_source_lines():
    source = "Intro line one\nline two.\n\n- item\n"
    doc = read_md(source)
    assert snippet(source, doc.blocks[0].element) == "Intro line one\nline two."
    assert snippet(source, doc.blocks[1].element) == "- item"


def test_empty_documents():
    for source in ["", "\n\n", "---\ntitle: x\n---\n", "```\ncode\n```\n", "<!-- x -->\n"]:
        assert read_md(source).blocks == []


def test_every_word_of_generated_markdown_maps_exactly():
    """Words wrapped in random inline markup still map to exactly where they were written."""
    rng = random.Random(7)
    vocabulary = ["Natalie", "Portman", "café", "📖", "Zoë", "3.5", "don't", "Beyoncé", "U.S."]
    wrappers = [("", ""), ("**", "**"), ("*", "*"), ("_", "_"), ("`", "`"), ("~~", "~~"), ("[", "](https://x.y/a_(b))"), ("<b>", "</b>")]
    for _ in range(200):
        source, expected = "", []
        newline = rng.choice(["\n", "\r\n"])
        for block in range(rng.randrange(1, 4)):
            prefix = rng.choice(["", "", "# ", "- ", "1. ", "> "])
            source += prefix
            words = []
            for i in range(rng.randrange(1, 8)):
                if i:
                    breaks = [] if prefix == "# " else [" " + newline + (prefix if prefix == "> " else "")]  # ATX: one line
                    source += rng.choice([" ", "  ", "\t", *breaks])
                word = rng.choice(vocabulary)
                left, right = rng.choice(wrappers)
                source += left
                words.append((word, len(source)))
                source += word + right
            expected.append(words)
            source += newline * 2
        doc = read_md(source)
        # A soft-broken paragraph may be read as one paragraph a line, so compare words in order.
        tokens = [(block, token) for block in doc.blocks for token in re.finditer(r"\S+", block.text)]
        words = [word for ws in expected for word in ws]
        assert [token.group() for _, token in tokens] == [w for w, _ in words], source
        for (block, token), (word, offset) in zip(tokens, words):
            assert block.source_span(token.start(), token.end()) == (offset, offset + len(word)), source
            assert doc.lines.position(offset) == position(source, offset)


@pytest.mark.parametrize(
    "unit",
    ["[", "![", "a<b ", "<http:", "x<!--", "[a](b 'x", "[a][", "[![a](", "*_`~ ", "&amp"],
)
def test_pathological_lines_read_in_linear_time(unit):
    """A line full of openers that never close must not cost a scan to the line's end per opener."""

    def seconds(repeat: int) -> float:
        source = unit * repeat + "\n"
        return best_cpu_seconds(lambda: read_md(source), runs=5)

    small, big = seconds(2000), seconds(16000)  # large enough that fixed costs and timer noise do not count
    assert big < small * 8 * 3  # 8x the input: linear, with room for timing noise (quadratic is 64x)


def test_soft_breaks_one_paragraph_a_line_split_and_wrapped_lines_join():
    long = "The singer shared four photos from the ceremony on Instagram on Sunday, writing that it was the best day."
    doc = read_md(f"{long}\nREAD ALSO: Rapper Buys A Mansion\n{long}\n\nA wrapped paragraph that runs on\nto a second line.\n")
    assert [b.text for b in doc.blocks] == [long, "READ ALSO: Rapper Buys A Mansion", long, "A wrapped paragraph that runs on to a second line."]
    assert doc.lines.position(doc.blocks[1].source_span(0, 1)[0]) == (2, 1)


@pytest.mark.parametrize("link", ["[a story](https://example.com/{})", "[{}](https://example.com/a)", "![a photo](https://example.com/{}.jpg)"])
def test_a_huge_link_is_read_in_memory_in_step_with_its_size(link):
    """A link of half a megabyte (its address or its text) is read without a mark kept for each of
    its characters: a 2 MB address once took 550 MB."""
    import tracemalloc
    from dataclasses import astuple

    long = "c" * 500_000 if "example.com/{}" in link else "word " * 100_000
    source = "# A page\n\n" + link.format(long) + "\n"
    tracemalloc.start()
    try:
        doc = read_md(source)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(source)
    (read_link,) = doc.links or doc.images  # read whole, as one link
    assert any(long.strip() in str(value) for value in astuple(read_link))


def test_possessive_links_match_as_the_plain_spelling_does():
    """The inline pattern's link text and address do not give characters back (possessive); what
    follows them can stand only after their longest run, so the plain spelling matches alike."""
    from pubcheck.document.markdown import _INLINE

    plain = re.compile(_INLINE.pattern.replace(")*+", ")*").replace(")++", ")+"), _INLINE.flags)
    assert plain.pattern != _INLINE.pattern
    rng = random.Random(11)
    pieces = [*"ab c()[]!\"' \t<>&*_`~\\:/.-", "https://", "![x](y)", "[t](u)", "(a)", "’", "é"]
    matched = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        found = [(m.span(), m.lastgroup, m.groupdict()) for m in _INLINE.finditer(text)]
        assert found == [(m.span(), m.lastgroup, m.groupdict()) for m in plain.finditer(text)], text
        matched += len(found)
    assert matched > 20_000
