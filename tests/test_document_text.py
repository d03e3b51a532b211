"""The plain-text reader: paragraphs by blank lines, list lines as items, short lines as headings."""

from __future__ import annotations

import pytest

from positions import position, snippet

from pubcheck.document import Document, MappedText, read
from pubcheck.document.model import LineIndex


def read_text(source: str) -> Document:
    return read(source, "text")


def source_of(doc: Document, mapped: MappedText, word: str) -> str:
    at = mapped.text.index(word)
    start, end = mapped.source_span(at, at + len(word))
    return doc.source[start:end]


def assert_sound(doc: Document) -> None:
    for block in doc.blocks:
        assert block.text and block.text == block.text.strip()
        for i, char in enumerate(block.text):
            start, end = block.source_span(i, i + 1)
            piece = doc.source[start:end]
            assert piece == char or (char == " " and piece.isspace()), (i, char, piece)


ARTICLE = """Natalie Portman Wins Best Actress

The actress, 42, said she was "thrilled" by the award.
She thanked her family.

Highlights:
• Best Actress, 2011
- Golden Globe
* SAG Award
1. First nomination
2) Second nomination
   with a continuation line

Why It Matters

Portman's win cemented her career. 📖 Read more below.
"""


def test_blocks_kinds_and_levels():
    doc = read_text(ARTICLE)
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("heading", 1, "Natalie Portman Wins Best Actress"),
        ("paragraph", 0, 'The actress, 42, said she was "thrilled" by the award. She thanked her family.'),
        ("paragraph", 0, "Highlights:"),
        ("list-item", 0, "Best Actress, 2011"),
        ("list-item", 0, "Golden Globe"),
        ("list-item", 0, "SAG Award"),
        ("list-item", 0, "First nomination"),
        ("list-item", 0, "Second nomination with a continuation line"),
        ("heading", 2, "Why It Matters"),
        ("paragraph", 0, "Portman's win cemented her career. 📖 Read more below."),
    ]
    assert doc.headline.text == "Natalie Portman Wins Best Actress"
    assert doc.title is None
    assert all(b.in_body for b in doc.blocks)


def test_every_word_maps_to_its_line_and_column():
    for newline in ("\n", "\r\n", "\r"):
        source = ARTICLE.replace("\n", newline)
        doc = read_text(source)
        assert_sound(doc)
        for block in doc.blocks:
            for word in block.text.split():
                at = block.text.index(word)
                start, end = block.source_span(at, at + len(word))
                assert source[start:end] == word
        para = doc.blocks[1]
        at = para.text.index("She thanked")
        start, _ = para.source_span(at, at + 3)
        assert doc.lines.position(start) == (4, 1)
        item = doc.blocks[7]
        at = item.text.index("continuation")
        assert doc.lines.position(item.source_span(at, at + 1)[0]) == (12, 11)
        last = doc.blocks[-1]
        at = last.text.index("Read")
        assert doc.lines.position(last.source_span(at, at + 1)[0]) == (16, 38)


def test_paragraphs_split_on_blank_and_whitespace_only_lines():
    doc = read_text("One line, wrapped\nin the same paragraph.\n \t \nSecond paragraph.\n\n\n\nThird paragraph.")
    assert [b.text for b in doc.blocks] == ["One line, wrapped in the same paragraph.", "Second paragraph.", "Third paragraph."]


def test_list_markers():
    doc = read_text("- dash item\n* star item\n+ plus item\n• bullet item\n· middle dot\n▪ square\n1. one\n2) two\n10. ten")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("list-item", t) for t in ["dash item", "star item", "plus item", "bullet item", "middle dot", "square", "one", "two", "ten"]
    ]


@pytest.mark.parametrize("line", ["-no space after the marker here.", "2024. A big year for her.", "1.5 million fans came."])
def test_not_list_items(line):
    (block,) = read_text(line).blocks
    assert block.kind != "list-item"


def test_list_item_offsets_skip_the_marker():
    source = "Intro:\n  •  Indented bullet"
    doc = read_text(source)
    item = doc.blocks[1]
    assert item.text == "Indented bullet"
    assert doc.lines.position(item.source_span(0, 1)[0]) == (2, 6)


@pytest.mark.parametrize(
    "line, heading",
    [
        ("Natalie Portman Wins Best Actress", True),
        ("Why It Matters", True),
        ("“Black Swan” Turns 15", True),
        ("The actress said she was thrilled.", False),
        ("Is this her best role?", False),
        ("She said:", False),
        ("iPhone 15 Review", True),
        ("— a dash line", False),
        (" ".join(["word"] * 16), False),
    ],
)
def test_heading_heuristic(line, heading):
    doc = read_text(line + "\n\nA paragraph follows.")
    assert (doc.blocks[0].kind == "heading") is heading


def test_multi_line_paragraph_is_never_a_heading():
    doc = read_text("Short Line that wraps\nonto a second line")
    assert [b.kind for b in doc.blocks] == ["paragraph"]


def test_tabs_and_emoji_keep_columns():
    source = "\tNatalie\t📖 Portman 🎬 won.\n"
    doc = read_text(source)
    (block,) = doc.blocks
    assert block.text == "Natalie 📖 Portman 🎬 won."
    at = block.text.index("Portman")
    assert doc.lines.position(block.source_span(at, at + 7)[0]) == (1, 12)
    at = block.text.index("won")
    assert doc.lines.position(block.source_span(at, at + 3)[0]) == position(source, source.index("won"))


def test_directive_comment_lines_are_not_text():
    source = "First para.\n<!-- pubcheck-disable-next-line celeb-age -->\nShe was born in 1981.\n"
    doc = read_text(source)
    assert [b.text for b in doc.blocks] == ["First para.", "She was born in 1981."]
    (directive,) = doc.directives
    assert (directive.action, directive.rules) == ("disable-next-line", ("celeb-age",))
    assert source[directive.offset : directive.end] == "<!-- pubcheck-disable-next-line celeb-age -->"


def test_other_comment_lines_stay_text():
    doc = read_text("<!-- not a directive -->\n")
    assert [b.text for b in doc.blocks] == ["<!-- not a directive -->"]


def test_unicode_line_separators_inside_a_line_do_not_start_new_lines():
    source = "Intro text\u2028- not an item\x0cstill\x85line\nSecond line"
    doc = read_text(source)
    (block,) = doc.blocks
    assert block.kind == "paragraph"
    at = block.text.index("Second")
    assert doc.lines.position(block.source_span(at, at + 1)[0]) == (2, 1)


def test_block_element_covers_its_lines():
    source = "Para one\nline two.\n\n- item"
    doc = read_text(source)
    assert snippet(source, doc.blocks[0].element) == "Para one\nline two."
    assert snippet(source, doc.blocks[1].element) == "- item"


def test_empty_documents():
    for source in ["", "\n", "  \n\t\n\r\n"]:
        doc = read_text(source)
        assert doc.blocks == [] and doc.body == () and doc.word_count == 0


@pytest.mark.parametrize(
    "source, offset, expected",
    [
        ("abc", 0, (1, 1)),
        ("abc", 3, (1, 4)),
        ("a\nb", 2, (2, 1)),
        ("a\r\nb", 1, (1, 2)),  # the CR is the end of line 1
        ("a\r\nb", 2, (1, 3)),
        ("a\r\nb", 3, (2, 1)),
        ("a\rb", 2, (2, 1)),  # a lone CR ends a line, as editors show it
        ("a\r\rb", 3, (3, 1)),
        ("📖a\nb", 1, (1, 2)),  # columns count code points
        ("abc", 99, (1, 4)),  # clamped
        ("abc", -5, (1, 1)),
    ],
)
def test_line_index(source, offset, expected):
    index = LineIndex(source)
    assert index.position(offset) == expected


def test_line_index_line_starts_and_count():
    index = LineIndex("one\r\ntwo\rthree\nfour")
    assert index.line_count == 4
    assert [index.line_start(n) for n in range(1, 5)] == [0, 5, 9, 15]


ONE_A_LINE = (
    "Singer Posts Wedding Photos\n"
    "The singer shared four photos from the ceremony on Instagram on Sunday, writing that the day had been the best of her life so far.\n"
    "Also Read: Rapper Buys A Mansion In Lekki\n"
    "Guests at the reception included two of her former bandmates, who performed a short set after the first dance, the couple said.\n"
)
WRAPPED = (
    "The singer shared four photos from the ceremony on Instagram on Sunday,\n"
    "writing that the day had been the best of her life so far. Guests at the\n"
    "reception included two of her former bandmates, who performed a short set\n"
    "after the first dance.\n"
)


def test_one_paragraph_a_line_gives_each_line_its_own_block():
    doc = read_text(ONE_A_LINE)
    assert [(b.kind, b.text[:20]) for b in doc.blocks] == [
        ("heading", "Singer Posts Wedding"),
        ("paragraph", "The singer shared fo"),
        ("heading", "Also Read: Rapper Bu"),
        ("paragraph", "Guests at the recept"),
    ]
    assert doc.lines.position(doc.blocks[2].source_span(0, 1)[0]) == (3, 1)


def test_hard_wrapped_text_is_still_one_paragraph():
    doc = read_text(WRAPPED)
    assert len(doc.blocks) == 1 and doc.blocks[0].text.endswith("after the first dance.")


def test_a_wrapped_stretch_and_a_one_a_line_stretch_in_one_file():
    doc = read_text(WRAPPED + "\n" + ONE_A_LINE)
    assert len(doc.blocks) == 5
