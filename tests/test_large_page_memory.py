"""A large HTML page held narrow (NarrowSource), its blocks' pieces packed (PackedPieces) and its
elements in a table (html._NodeTable): each must read and lint exactly as the plain forms do. The
thresholds are lowered so that small pages take the large-page forms."""

from __future__ import annotations

import copy
import pickle
import platform
import random
from pathlib import Path

import pytest

from pubcheck.config import Config
from pubcheck.document import decode, held_source, html, narrow, read
from pubcheck.document.mapping import PackedPieces
from pubcheck.document.narrow import NarrowSource
from pubcheck.engine import Linter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# Characters beyond Latin-1 in every place a page holds text: prose, a tag's attributes (alt,
# class, href, title), a heading, a link, a comment, the <title> and a <meta> description; and an
# unknown word with a curly apostrophe in italics, which spelling leaves alone in the whole block.
PAGE = """<!DOCTYPE html><html lang="en"><head><title>Stars 🌟 “shine” — tonight</title>
<meta name="description" content="The gala’s night — 🎉 and more"></head><body><article>
<h1 class="head ★">Gala night ✨ at the Lumen</h1>
<p>The gala opened at 7pm 🎬 and ran late — “a long night,” one guest said.</p>
<p><img src="/a.jpg" alt="The stage ❤ at the Lumen"> <a href="/x?q=★" title="More ✦">Read more ➜ now</a></p>
<!-- pubcheck-disable-next-line passive-voice — a note ✓ -->
<p>The award was given to the film by the jury … again&nbsp;✔.</p>
<p>The director thanked the <em>glimbrotch’s</em> makers and all the glimbrotch’s fans at the hall.</p>
<ul><li>First 🥇 place</li><li>Second 🥈 place</li></ul>
<p>Sources say the couple are dating 💕. Everyone knows it is true.</p>
</article></body></html>
"""


@pytest.fixture
def narrow_everywhere(monkeypatch):
    monkeypatch.setattr(narrow, "NARROW_FROM", 0)


def test_a_narrow_source_reads_as_the_text_it_stands_for(narrow_everywhere):
    held = held_source(PAGE, "html")
    assert isinstance(held, NarrowSource) and max(str(held)) <= "\xff" < max(PAGE)
    assert held.placeholder in str(held) and held.placeholder not in PAGE
    assert held == held  # and its length, lines and searches are the page's
    assert len(held) == len(PAGE) and held.count("\n") == PAGE.count("\n") and held.find("<p>") == PAGE.find("<p>")
    rng = random.Random(27)
    for _ in range(2000):
        start, stop = sorted(rng.randrange(-5, len(PAGE) + 5) for _ in range(2))
        assert held[start:stop] == PAGE[start:stop]
        assert held[start:] == PAGE[start:] and held[:stop] == PAGE[:stop]
        assert held[start:stop:3] == PAGE[start:stop:3] and held[stop:start:-2] == PAGE[stop:start:-2]
    for index in (*range(-len(PAGE), len(PAGE)),):
        assert held[index] == PAGE[index]
    with pytest.raises(IndexError):
        held[len(PAGE)]
    assert "".join(held) == PAGE and held[:] == PAGE and type(held[:]) is str
    wide = PAGE.index("🌟")

    class Position:  # an index that is not an int (a numpy integer, say)
        def __index__(self):
            return wide

    assert held[Position()] == "🌟" == PAGE[Position()]
    for copied in (pickle.loads(pickle.dumps(held)), copy.copy(held), copy.deepcopy(held)):
        assert isinstance(copied, NarrowSource) and copied[:] == PAGE and str(copied) == str(held)


@pytest.mark.parametrize("text", [
    "<p>Łódź 🎉</p>",  # a letter: \w, and cased
    "<p>tab\u3000space 🎉</p>",  # a space: \s
    "<p>\u2028line 🎉</p>",
    "<p>\u212a kelvin 🎉</p>",  # matches "k" under re.I
    "<p>\u017f long s 🎉</p>",
    "<p>٣ digit 🎉</p>",
    "<p>" + "🎉" * 20 + "</p>",  # more than one character in 16
    "<p>Café crème, naïve, Latin-1 only</p>",  # already one byte a character
    "<p>" + "".join(narrow.PLACEHOLDERS) + " 🎉" + " text" * 40 + "</p>",  # no placeholder free
])
def test_a_page_is_held_as_it_is_when_narrowing_could_change_a_search_or_would_not_pay(narrow_everywhere, text):
    assert held_source(text, "html") is text


def test_only_a_large_html_page_is_held_narrow(monkeypatch):
    page = "<p>A longer line of plain prose — 🎉</p>\n" * 10
    assert held_source(page, "html") is page  # below NARROW_FROM
    monkeypatch.setattr(narrow, "NARROW_FROM", len(page))
    assert isinstance(held_source(page, "html"), NarrowSource)
    assert held_source(page, "markdown") is page and held_source(page, "text") is page


def _reports(linter: Linter, pages: list[tuple[str, str]]):
    return [linter.lint_text(text, "html", path) for path, text in pages]


def _html_pages() -> list[tuple[str, str]]:
    pages = [("page.html", PAGE)]
    for path in sorted(FIXTURES.rglob("*.htm*")):
        pages.append((str(path), decode(path.read_bytes(), "html", [])[0]))
    assert len(pages) > 20
    return pages


def test_a_page_held_narrow_is_read_and_linted_as_the_page_itself(narrow_everywhere):
    """Every HTML fixture and the page above, each held narrow where it can be: the same blocks,
    links, images, title, meta and directives, and the same report, finding for finding."""
    linter = Linter(Config())
    pages = _html_pages()
    held = [(path, held_source(text, "html")) for path, text in pages]
    assert sum(isinstance(text, NarrowSource) for _, text in held) >= 5
    for (path, text), (_, narrow_text) in zip(pages, held):
        plain, narrowed = read(text, "html", path), read(narrow_text, "html", path)
        assert [(b.text, b.kind, b.tag, b.element, b.in_body) for b in narrowed.blocks] == [
            (b.text, b.kind, b.tag, b.element, b.in_body) for b in plain.blocks
        ]
        assert [b.source_span(0, len(b.text)) for b in narrowed.blocks] == [b.source_span(0, len(b.text)) for b in plain.blocks]
        assert (narrowed.links, narrowed.images, narrowed.directives) == (plain.links, plain.images, plain.directives)
        assert (narrowed.title and narrowed.title.text) == (plain.title and plain.title.text)
        assert {k: v.text for k, v in narrowed.meta.items()} == {k: v.text for k, v in plain.meta.items()}
    assert _reports(linter, held) == _reports(linter, pages)
    page = read(held[0][1], "html")
    assert "🌟" in page.title.text and any("➜" in link.text and "★" in link.href for link in page.links)
    assert any("❤" in (image.alt or "") for image in page.images)


def test_packed_pieces_read_as_the_list_they_pack():
    rng = random.Random(19)
    for size in (0, 1, 2, 3, 7, 40):
        pieces = [(rng.randrange(1, 9), rng.randrange(10**9), rng.choice((-1, rng.randrange(10**9)))) for _ in range(size)]
        packed = PackedPieces(pieces)
        assert len(packed) == size and list(packed) == pieces and list(reversed(packed)) == pieces[::-1]
        assert [packed[i] for i in range(-size, size)] == [pieces[i] for i in range(-size, size)]
        for outside in (size, -size - 1):
            with pytest.raises(IndexError):
                packed[outside]


def test_a_large_page_read_with_packed_pieces_gives_the_same_offsets_and_report(monkeypatch):
    """A large page's blocks keep their pieces packed (here every page's): every character's
    source offset, every span and every report are the same."""
    linter = Linter(Config())
    pages = _html_pages()
    plain_docs = [read(text, "html", path) for path, text in pages]
    plain_reports = _reports(linter, pages)
    monkeypatch.setattr(html, "PACKED_PIECES_FROM", 0)
    packed_docs = [read(text, "html", path) for path, text in pages]
    assert any(isinstance(b._resolve, PackedPieces) for doc in packed_docs for b in doc.blocks)
    for packed, plain in zip(packed_docs, plain_docs):
        for block, twin in zip(packed.blocks, plain.blocks, strict=True):
            ends = range(len(block.text))
            assert [block.source_span(i, i + 3) for i in ends] == [twin.source_span(i, i + 3) for i in ends]
            assert (block.starts, block.wide_ends) == (twin.starts, twin.wide_ends)
    assert _reports(linter, pages) == plain_reports


def test_a_large_page_linted_from_its_file_is_held_narrow_and_reported_as_itself(narrow_everywhere, tmp_path):
    """What the CLI, the hook and Dask lint (a file's bytes, decoded by the engine) is held narrow,
    and its report is the page's own."""
    linter = Linter(Config())
    text, _ = Linter.decode_bytes(PAGE.encode("utf-8"), "html", "page.html")
    assert isinstance(text, NarrowSource) and text[:] == PAGE
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    report, plain = linter.lint_file(page), linter.lint_text(PAGE, "html", str(page))
    assert report.findings and (report.findings, report.notices, report.body) == (plain.findings, plain.notices, plain.body)
    assert any(not finding.snippet.isascii() for finding in report.findings)  # snippets read the page's own characters


def _tag_soup(rng: random.Random) -> str:
    """A page of nested, unclosed and stray elements, some named as chrome or as the article."""
    tags = ["div", "p", "section", "article", "nav", "aside", "ul", "li", "a", "em", "h1", "h2", "footer", "span"]
    names = ["", ' class="story-body"', ' class="sidebar"', ' id="main"', ' role="navigation"', ' class="related-links"']
    parts = ["<html><head><title>A night at the Lumen</title></head><body>"]
    for _ in range(rng.randrange(20, 200)):
        tag = rng.choice(tags)
        roll = rng.random()
        if roll < 0.45:
            parts.append(f"<{tag}{rng.choice(names)}>")
        elif roll < 0.75:
            parts.append(f"</{tag}>")
        else:
            words = rng.randrange(1, 60)
            parts.append(" ".join(rng.choice(["The", "gala", "ran", "late", "at", "the", "Lumen", "said", "one", "guest"]) for _ in range(words)))
    return "".join(parts) + "</body></html>"


@pytest.mark.parametrize("at_once", [1, 3, 1000])
def test_a_large_page_read_with_its_elements_in_a_table_takes_the_same_body(monkeypatch, at_once):
    """A large page's elements move into a _NodeTable as they close (here every page's, one or a
    few at a time, or all at the end): the reader takes the same body, region, links and images."""
    rng = random.Random(at_once)
    pages = _html_pages() + [(f"soup-{i}.html", _tag_soup(rng)) for i in range(150)]
    plain = [read(text, "html", path) for path, text in pages]
    monkeypatch.setattr(html, "PACKED_PIECES_FROM", 0)
    monkeypatch.setattr(html, "NODES_PACKED_AT_ONCE", at_once)
    tables = []
    real_take = html._NodeTable.take
    monkeypatch.setattr(html._NodeTable, "take", lambda table, nodes, still_open: tables.append(table) or real_take(table, nodes, still_open))
    tabled = [read(text, "html", path) for path, text in pages]
    assert len({id(table) for table in tables}) == len(pages)
    assert len(tables) > 2 * len(pages) if at_once < 1000 else len(tables) == len(pages)  # taken in while reading, or at the end
    for doc, twin in zip(tabled, plain):
        assert [(b.text, b.in_body, b.element) for b in doc.blocks] == [(b.text, b.in_body, b.element) for b in twin.blocks]
        assert (doc.body_region, doc.links, doc.images) == (twin.body_region, twin.links, twin.images)
    assert sum(doc.body_region is not None for doc in plain) > 10
    assert sum(b.in_body for doc in plain for b in doc.blocks) < sum(len(doc.blocks) for doc in plain)  # some chrome left out


def test_a_large_page_gives_back_freed_memory_between_stages_and_splits_again_what_it_let_go(monkeypatch):
    """On a large page (here any page) the engine gives back what each stage freed, and lets the
    blocks' sentences and words go before it makes the findings: the report is the same, and a
    block asked again splits again."""
    from pubcheck import engine, limits
    from pubcheck.document import model

    linter = Linter(Config())
    plain = linter.lint_text(PAGE, "html", "page.html")
    calls = []
    monkeypatch.setattr(engine, "give_back_freed_memory", lambda: calls.append("given back"))
    assert linter.lint_text(PAGE, "html", "page.html") == plain and not calls  # an article: nothing to give back
    monkeypatch.setattr(model, "COMPACT_FROM", 0)
    doc, twin = read(PAGE, "html", "page.html"), read(PAGE, "html", "page.html")
    report = linter.lint_document(doc)
    assert (report.findings, report.notices, report.body) == (plain.findings, plain.notices, plain.body)
    assert len(calls) == len(linter.rules_for(())) + 2  # after the reading, each rule and the split let go
    for block, plain_block in zip(doc.blocks, twin.blocks, strict=True):
        assert block._words is None and block._sentences is None  # let go…
        assert block.words == plain_block.words and list(block.sentences) == list(plain_block.sentences)  # …and split again
    limits.give_back_freed_memory()  # the real one: on glibc, malloc_trim; elsewhere nothing
    if platform.libc_ver()[0] == "glibc":
        assert limits._malloc_trim() is not None


def test_body_positions_read_as_the_dict_of_each_body_blocks_position():
    for path, text in _html_pages():
        doc = read(text, "html", path)
        expected = {block.index: position for position, block in enumerate(doc.body)}
        positions = doc.body_positions
        assert dict(positions) == expected and len(positions) == len(expected) and list(positions) == list(expected)
        for index in range(-2, len(doc.blocks) + 2):
            assert positions.get(index, -1) == expected.get(index, -1) and (index in positions) == (index in expected)
        assert "3" not in positions and positions.get(None) is None  # any key a dict would take
    assert any(not block.in_body for path, text in _html_pages() for block in read(text, "html", path).blocks)


def test_an_existence_rule_clears_a_long_pages_matches_in_batches_as_it_clears_them_all_at_once(monkeypatch):
    from pubcheck.rules import kinds

    linter = Linter(Config())
    pages = _html_pages() + [(str(path), path.read_text(encoding="utf-8")) for path in sorted(FIXTURES.rglob("*.md"))]
    plain = _reports(linter, pages)
    monkeypatch.setattr(kinds, "_MATCHES_AT_ONCE", 1)
    assert _reports(linter, pages) == plain
    assert sum(finding.rule == "unsourced-claim" for report in plain for finding in report.findings) > 10
