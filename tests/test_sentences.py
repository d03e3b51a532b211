"""The sentence splitter and word tokenizer every rule uses."""

from __future__ import annotations

import random

import pytest

from helpers import best_cpu_seconds

from pubcheck.document import read
from pubcheck.document.sentences import split_sentences, word_spans, words


def sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # plain
        ("Natalie Portman won. She smiled.", ["Natalie Portman won.", "She smiled."]),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ("Hello!!! Is it me?!", ["Hello!!!", "Is it me?!"]),
        ("What?! No way.", ["What?!", "No way."]),
        ("No final punctuation", ["No final punctuation"]),
        # abbreviations and initials
        ("Dr. Smith arrived. He sat down.", ["Dr. Smith arrived.", "He sat down."]),
        ("Mr. and Mrs. Smith arrived. They left.", ["Mr. and Mrs. Smith arrived.", "They left."]),
        ("The U.S. Army came. Then it left.", ["The U.S. Army came.", "Then it left."]),
        ("She moved to the U.K. in 2010.", ["She moved to the U.K. in 2010."]),
        ("J. K. Rowling wrote it. It sold.", ["J. K. Rowling wrote it.", "It sold."]),
        ("J.K. Rowling wrote it. It sold.", ["J.K. Rowling wrote it.", "It sold."]),
        ("A.J. Styles won. Then lost.", ["A.J. Styles won.", "Then lost."]),
        ("Samuel L. Jackson starred. Fans cheered.", ["Samuel L. Jackson starred.", "Fans cheered."]),
        ("Robert Downey Jr. Returns. It is official.", ["Robert Downey Jr. Returns.", "It is official."]),
        ("It happened at 5 p.m. on Friday.", ["It happened at 5 p.m. on Friday."]),
        ("Fans (e.g. Swifties) cheered. Loudly.", ["Fans (e.g. Swifties) cheered.", "Loudly."]),
        ("Smith et al. found it.", ["Smith et al. found it."]),
        ("It's Sept. 1 today. Party time.", ["It's Sept. 1 today.", "Party time."]),
        ("Apple Inc. Is big. Yes.", ["Apple Inc. Is big.", "Yes."]),
        ("She is 5 ft. 6 in. tall.", ["She is 5 ft. 6 in. tall."]),
        ("The song hit No. 1 last week. Fans cheered.", ["The song hit No. 1 last week.", "Fans cheered."]),
        ("See Vol. 2 for more. Thanks.", ["See Vol. 2 for more.", "Thanks."]),
        # a time, a company or a lower-case title ends a sentence when the next word opens one
        ("It airs at 9 p.m. Tillerman hosts. Fans cheer.", ["It airs at 9 p.m.", "Tillerman hosts.", "Fans cheer."]),
        ("It airs at 9 p.m. ET on Sunday. Fans cheer.", ["It airs at 9 p.m. ET on Sunday.", "Fans cheer."]),
        ("It airs at 9 p.m. Sunday. Fans cheer.", ["It airs at 9 p.m. Sunday.", "Fans cheer."]),
        ("It opens in 2027 via Warner Bros. The cast returns.", ["It opens in 2027 via Warner Bros.", "The cast returns."]),
        ("Warner Bros. Discovery declined to comment.", ["Warner Bros. Discovery declined to comment."]),
        ("She spoke through her rep. The two split in May.", ["She spoke through her rep.", "The two split in May."]),
        ("Rep. Ortiz spoke first. Then the vote.", ["Rep. Ortiz spoke first.", "Then the vote."]),
        ("Pens, pads, etc. They sold out.", ["Pens, pads, etc.", "They sold out."]),
        ("Doors open at 7 p.m. Jan. 5 at the Forum.", ["Doors open at 7 p.m. Jan. 5 at the Forum."]),
        ('Doors open at 6 p.m. "It will be packed," she said.', ["Doors open at 6 p.m.", '"It will be packed," she said.']),
        # abbreviations that are also words end sentences
        ("She said no. The next day she left.", ["She said no.", "The next day she left."]),
        ("He sat. Then he stood.", ["He sat.", "Then he stood."]),
        ("According to The Sun. The star denied it.", ["According to The Sun.", "The star denied it."]),
        ("Ed Sheeran met Ed. He laughed.", ["Ed Sheeran met Ed.", "He laughed."]),
        # decimals, numbers and URLs
        ("It cost 3.5 million. Fans paid.", ["It cost 3.5 million.", "Fans paid."]),
        ("The film grossed $3.5M. It was a hit.", ["The film grossed $3.5M.", "It was a hit."]),
        ("Version 2.0. Next.", ["Version 2.0.", "Next."]),
        ("Born in 1990. In 2000 she moved.", ["Born in 1990.", "In 2000 she moved."]),
        ("Visit pubcheck.com today. It rocks.", ["Visit pubcheck.com today.", "It rocks."]),
        ("Prince Harry, 39, left. Meghan stayed.", ["Prince Harry, 39, left.", "Meghan stayed."]),
        # quotes
        ('"Why?" she asked.', ['"Why?" she asked.']),
        ('"Why?" she asked. He shrugged.', ['"Why?" she asked.', "He shrugged."]),
        ("“I loved it,” she said. “Really.” Then she left.", ["“I loved it,” she said.", "“Really.”", "Then she left."]),
        ("She wrote “Why not?” And left.", ["She wrote “Why not?”", "And left."]),
        ("“Stop!” “Why?” “Because.”", ["“Stop!”", "“Why?”", "“Because.”"]),
        ("He said 'hi.' Then left.", ["He said 'hi.'", "Then left."]),
        ("She left (finally.) Then he came.", ["She left (finally.)", "Then he came."]),
        ("“Is this it?” she asked Natalie.", ["“Is this it?” she asked Natalie."]),
        # ellipses
        ("Wait… what happened? Nobody knows.", ["Wait… what happened?", "Nobody knows."]),
        ("Wait… what", ["Wait… what"]),
        ("Wait... what", ["Wait... what"]),
        ("Wait... What? No.", ["Wait...", "What?", "No."]),
        ("He said… Then nothing.", ["He said…", "Then nothing."]),
        ("Well…she paused.", ["Well…she paused."]),
        # emoji
        ("It ended. 📖 Next chapter.", ["It ended. 📖", "Next chapter."]),
        ("So proud of her! 😍😍 She deserves it.", ["So proud of her! 😍😍", "She deserves it."]),
        ("Great news! 🎉", ["Great news! 🎉"]),
        ("What a night! 👩🏽‍🎤 🇺🇸 Encore!", ["What a night! 👩🏽‍🎤 🇺🇸", "Encore!"]),
        ("I love you 😍. You too?", ["I love you 😍.", "You too?"]),
        ("Loved it 😍 Can't wait", ["Loved it 😍 Can't wait"]),
        ("📖 Reading list. Book one.", ["📖 Reading list.", "Book one."]),
        # brand names with "!"
        ("Watch E! News tonight. It airs at 9.", ["Watch E! News tonight.", "It airs at 9."]),
        ("Yahoo! Entertainment reported it.", ["Yahoo! Entertainment reported it."]),
        # line breaks always end a sentence
        ("Line one\nLine two", ["Line one", "Line two"]),
        ("Dr.\nSmith", ["Dr.", "Smith"]),
        # whitespace
        ("  Padded.   Text.  ", ["Padded.", "Text."]),
        # emoji after a boundary, and the two ASCII characters an emoji token may open with
        ("So proud! 😍 She won.", ["So proud! 😍", "She won."]),
        ("So proud! ^😍 She won. `👍🏽 Next", ["So proud! ^😍", "She won. `👍🏽", "Next"]),
        ("So proud! ^^ She won. A😍 Next", ["So proud!", "^^ She won.", "A😍 Next"]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences(text, expected):
    assert sentences(text) == expected


def test_sentence_offsets_index_the_text():
    text = "  “Why?” she asked.  Dr. Who 📖 answered. It’s 3.5 stars… Wow! 🎉 "
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    spans = [(s.start, s.end) for s in split_sentences(text)]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_sentences_cover_all_words():
    text = "Dr. J.K. Rowling, 58, said “Hi.” Wait… what? E! News said so. U.S. fans 😍 Yes. No. 1 hit."
    joined = " ".join(sentences(text))
    assert joined.split() == text.split()


def test_sentences_share_out_the_words():
    """Each word of a text is a word of exactly one of its sentences (long-sentence stops counting
    once the sentences left hold too few words between them to make a long one)."""
    rng = random.Random(19)
    tokens = ["Dr.", "J.K.", "U.S.", "word", "Word", "e\u0301te\u0301", "’90s", "x/y", "3.5", "it’s", "“Why?”", "Wow!",
              "end.", "end…", "(a)", "📖", "🎉", "?!", "—", "-", "'q'", "snake_case", "\n", "No.", "1.", "said."]
    texts = [" ".join(rng.choice(tokens) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    texts.append("Dr. J.K. Rowling, 58, said “Hi.” Wait… what? E! News said so. U.S. fans 😍 Yes. No. 1 hit.")
    for text in texts:
        assert [w for s in split_sentences(text) for w in words(s.text)] == words(text), text


def test_long_paragraph_splits_in_linear_time():
    paragraph = "Dr. Natalie Portman, 42, starred in the U.S. release. “Why?” she asked. It cost $3.5 million… Fans loved it! 📖 "
    small, big = paragraph * 50, paragraph * 400
    assert len(sentences(small)) == 50 * 4
    assert len(sentences(big)) == 400 * 4

    # 8x the text must cost about 8x the time; a quadratic splitter costs 64x.
    assert best_cpu_seconds(lambda: sentences(big), runs=3) < best_cpu_seconds(lambda: sentences(small), runs=3) * 8 * 3


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Natalie Portman's co-star", ["Natalie", "Portman's", "co-star"]),
        ("rock’n’roll e-mail", ["rock’n’roll", "e-mail"]),
        ("the U.S. and 3.5 million", ["the", "U.S", "and", "3.5", "million"]),
        ("café Zoë Beyoncé", ["café", "Zoë", "Beyoncé"]),
        ("Beyonce\u0301 Zoe\u0308", ["Beyonce\u0301", "Zoe\u0308"]),  # decomposed accents stay in the word
        ("📖 🎬 — … “ ” - 'quoted'", ["quoted"]),
        ("snake_case", ["snake", "case"]),
        ("-leading trailing- don't", ["leading", "trailing", "don't"]),
        ("2024’s 50%", ["2024’s", "50"]),
        ("“Hello,” she said (2011). e.g., x/y", ["Hello", "she", "said", "2011", "e.g", "x", "y"]),
        ("--a-- '…'b ‘90s’ —", ["a", "b", "90s"]),
        ("", []),
    ],
)
def test_words(text, expected):
    assert list(words(text)) == expected
    assert [(text[s:e], w) for s, e, w in word_spans(text)] == [(w, w) for w in expected]


def test_words_agree_with_word_spans_on_punctuation_heavy_text():
    # words() takes a shortcut for plain tokens, and looks for combining marks only in the tokens
    # it gives the regex; word_spans() always runs the full pattern, over the whole text.
    rng = random.Random(7)
    alphabet = "ab1²_'’.-\"“”‘,;:!?…—–()[]*«»/ \n\u0301\u0308\u1ab0\u20d0\ufe20é\u00a0\u2028"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 16)))
        assert words(text) == [w for _, _, w in word_spans(text)], text


def test_block_sentences_through_html():
    doc = read("<p>Dr. Natalie Portman won.<br>“Why?” she asked. J.K. Rowling agreed! 🎉 The end…</p>", "html")
    (block,) = doc.body
    assert [s.text for s in block.sentences] == [
        "Dr. Natalie Portman won.",
        "“Why?” she asked.",
        "J.K. Rowling agreed! 🎉",
        "The end…",
    ]


def test_a_large_page_keeps_its_words_and_sentences_small_and_the_same(monkeypatch):
    """Document.compact keeps one str per distinct word on a large page (here any page), and a
    block's sentences as offsets: the words every block, the title and the meta texts give, and
    the sentences, are unchanged."""
    from pubcheck.document import model

    page = ("<title>The film, the film</title><meta name='description' content='A film review.'>"
            "<h1>The film opens</h1><p>The film opens on Friday. The studio said the film would open.</p>"
            "<p>Café crème, the film's “best” scene—twice.</p>")
    plain, shared = read(page, "html"), read(page, "html")
    monkeypatch.setattr(model, "COMPACT_FROM", 0)
    shared.compact()
    texts = lambda doc: [doc.title, *doc.meta.values(), *doc.blocks]  # noqa: E731
    assert [t.words for t in texts(shared)] == [t.words for t in texts(plain)]
    films = [w for t in texts(shared) for w in t.words if w == "film"]
    assert len(films) > 4 and all(w is films[0] for w in films)
    packed = [block.sentences for block in shared.blocks]
    assert any(isinstance(sentences, model.PackedSentences) for sentences in packed)
    for sentences, block in zip(packed, plain.blocks):
        assert list(sentences) == list(block.sentences) == [sentences[i] for i in range(len(sentences))]
        assert [sentences[-1], *sentences[1:], *sentences[:-1]] == [block.sentences[-1], *block.sentences[1:], *block.sentences[:-1]]
    for packed_block, block in zip(shared.blocks, plain.blocks):
        offsets = range(-1, len(block.text) + 2)
        assert [packed_block.sentence_index(o) for o in offsets] == [block.sentence_index(o) for o in offsets]
        assert [packed_block.sentence_holding(o) for o in offsets] == [block.sentence_holding(o) for o in offsets]


def test_a_long_page_packs_its_line_starts_which_give_the_same_positions():
    from pubcheck.document.model import LineIndex

    source = "".join(f"line {i}\n" if i % 3 else f"line {i}\r\n" for i in range(12_000))
    packed, plain = LineIndex(source), LineIndex(source[: len(source) // 2])
    assert not isinstance(packed._starts, list) and isinstance(plain._starts, list)
    for offset in (-1, 0, 5, 6, 7, 1234, len(source) // 2 - 1):
        assert packed.position(offset) == plain.position(offset)
        assert packed.start_of_line_at(offset) == plain.start_of_line_at(offset)
    assert packed.position(len(source)) == (12_001, 1) and packed.line_count == 12_001


def test_a_full_stop_after_a_long_word_ends_the_sentence_as_ends_sentence_says(monkeypatch):
    """split_sentences ends a sentence at a full stop after LONG_WORD letters without asking
    _ends_sentence: it answers as when every full stop asks, on words that end in each abbreviation
    and name (lengthened to LONG_WORD letters and beyond), initials, numbers and marks, before
    every kind of word that decides a boundary."""
    from pubcheck.document import sentences as module

    special = module.ABBREVIATIONS | module.NUMBERED_ABBREVIATIONS | module.TITLES | module.TIMES | module.TRAILING
    assert module.LONG_WORD > max(len(word) for word in special)  # ("!" always asks: "Jeopardy!" is longer)
    rng = random.Random(19)
    befores = [*special, *module.BANG_NAMES, "J.K", "U.S.Government", "1234567", "2026", "x_yz", "café", "cafe\u0301s", "Devereux"]
    befores += [prefix + word for word in list(befores) for prefix in ("a", "ab", "abcdef", "abc.", "1")]
    followings = ["The", "She", "1", "12", "“It", '"It', "ET", "Monday", "Discovery", "Ortiz", "😍 Next", "(He", "É"]
    texts = [f"It was {before}. {following} more." for before in befores for following in followings]
    texts += [" ".join(rng.choice(befores + followings) + rng.choice([".", "", "!", ". ", ","]) for _ in range(30)) for _ in range(300)]
    found = [split_sentences(text) for text in texts]
    monkeypatch.setattr(module, "LONG_WORD", 10**9)  # every full stop asks _ends_sentence
    assert found == [split_sentences(text) for text in texts]


def test_a_text_of_full_stops_splits_as_with_the_whole_boundary_pattern(monkeypatch):
    """split_sentences searches a text without "!", "?", "\n" or "…" with _FULL_STOP_BOUNDARY:
    its matches there are _BOUNDARY's, and the splitter answers as when every text takes _BOUNDARY."""
    from pubcheck.document import sentences as module

    rng = random.Random(23)
    pieces = ["Dr.", "J.K.", "U.S.", "p.m.", "Bros.", "No.", "3.5", "word", "Devereux.", "It", "the", "“Quote.”",
              "'hi.'", "(so.)", "end...", "»x.«", "😍", "^😍", "É.", "a.b", ".", "..", "", " ", "  ", "\t", "\u00a0"]
    texts = ["".join(rng.choice(pieces) + rng.choice([" ", "", ". ", ".  ", ".\t"]) for _ in range(rng.randint(1, 25)))
             for _ in range(3000)]
    texts = [text for text in texts if not any(mark in text for mark in "!?\n…")]
    for text in texts:
        assert ([(m.span(), m.groups()) for m in module._FULL_STOP_BOUNDARY.finditer(text)]
                == [(m.span(), m.groups()) for m in module._BOUNDARY.finditer(text)]), text
    found = [split_sentences(text) for text in texts]
    monkeypatch.setattr(module, "_FULL_STOP_BOUNDARY", module._BOUNDARY)
    assert found == [split_sentences(text) for text in texts]
