"""keyword-stuffing's speed tricks find what their plain versions find: the tuned run patterns
(a capital first, then a look behind it; possessive words) against their plain spelling (a
look-behind first, ordinary repeats); a phrase searched for without its closing space, then
checked, against a search for it between spaces; the jammed pairs found with all units' runs in
one pass, the runs no common pair could fill skipped and a name's capitalised places searched
for, against every unit's runs tried and the prose's capitalised words indexed up front; the
sentence or quotation around a place found by a binary search, against a scan; a name looked for
at its first word's places followed by its second word, against all its first word's places; a
pair's possessive found once, against each pair's words looked at; a phrase's spellings read off
the words as written, against its words counted; the longer phrases on a start many headings
share placed by the words after its places, read once, against a search for each phrase."""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from collections import defaultdict
from itertools import accumulate, product
from pathlib import Path
from unittest.mock import patch

import pytest

from pubcheck.document import MappedText, format_for, read
from pubcheck.document.sentences import QUOTED
from pubcheck.rules import keyword_stuffing
from pubcheck.rules.keyword_stuffing import (
    _CAPITALISED_WORD,
    _LONG_RUN,
    LEADING,
    KeywordStuffing,
    _capitalised_index,
    _capitalised_places,
    _jams,
    _KnownNames,
    _name_pair,
    _places,
    _Article,
    _by_words_after,
    _places_of,
    _SentenceOrQuote,
    _Unit,
)
from pubcheck.text.prose import spaced_words

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [p for folder in ("fixtures/articles", "benchmarks/professional", "benchmarks/heldout") for p in sorted((ROOT / folder).glob("*.*")) if p.suffix in (".md", ".html", ".txt")]
PLAIN = {
    _LONG_RUN: re.compile(r"(?<![\w’'-])[A-ZÀ-ÖØ-Þ][\w’'-]*(?: [A-ZÀ-ÖØ-Þ][\w’'-]*){3,}"),
    _CAPITALISED_WORD: re.compile(r"(?<![\w’'-])[A-ZÀ-ÖØ-Þ\u212a\u212b][\w’'-]*"),
}


def _agree(text: str) -> int:
    found = 0
    for tuned, plain in PLAIN.items():
        spans = [m.span() for m in tuned.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)], text
        found += len(spans)
    return found


def test_tuned_runs_are_the_plain_ones_in_the_fixtures():
    found = sum(_agree(block.text) for path in ARTICLES for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).body)
    assert found > 1000


PIECES = "Ava Stone Milo Reyes O’Brien Okafor-Bell Émile Øst Þór \u212aelvin the and film 2024 x-Ray 'Tis".split()


@pytest.mark.parametrize("seed", range(3))
def test_tuned_runs_are_the_plain_ones_in_generated_text(seed):
    rng = random.Random(seed)
    found = sum(
        _agree("".join(rng.choice((" ", " ", " ", "  ", "-", "’", ". ", "\n", "")) + rng.choice(PIECES) for _ in range(rng.randint(1, 16))))
        for _ in range(300)
    )
    assert found > 300


def _units(text: str, fmt: str) -> list[_Unit]:
    return [_Unit(unit, prose) for unit, prose in KeywordStuffing._units(read(text, fmt))]


def _plain_jams(units: list[_Unit], least: int) -> list[list[tuple]]:
    """Every run of every unit tried, the prose's capitalised words indexed up front."""
    known = _KnownNames([unit.text.text for unit in units if unit.prose], set())
    known.capitalised, known.searched = _capitalised_index(known.texts, known.lowered), False
    found = defaultdict(list)
    for unit in units:
        for match in PLAIN[_LONG_RUN].finditer(unit.text.text):
            run, position = [], match.start()
            for word in match.group().split(" "):
                run.append((position, position + len(word), word))
                position += len(word) + 1
            while run and run[0][2].lower() in LEADING:
                run = run[1:]
            lowered, i = [word.lower() for _, _, word in run], 0
            while i + 4 <= len(run):
                pair = _name_pair(lowered, i, known)
                if pair:
                    found[pair].append((unit.text, run[i][0], run[i + len(pair) - 1][1]))
                    i += len(pair)
                else:
                    i += 1
    return [places for places in found.values() if len(places) >= least]


def _jams_agree(units: list[_Unit]) -> int:
    found = 0
    for least in (1, 2, 3):
        plain = _plain_jams(units, least)
        # the prose indexed, and every word searched for; the units' runs found a unit at a time, and all at once
        for searched, piece in ((0, 1), (1000, 1), (0, 1 << 20), (1000, 1 << 20)):
            with patch.object(keyword_stuffing, "_SEARCHED_WORDS", searched), patch.object(keyword_stuffing, "_PIECE_UNITS", piece):
                assert _jams(units, least) == plain
        found += sum(map(len, plain))
    return found


def test_jams_are_the_plain_ones_in_the_fixtures():
    assert sum(_jams_agree(_units(path.read_text(encoding="utf-8"), format_for(path.name))) for path in ARTICLES) > 100


NAMES = "Ava Stone|Milo Reyes|Ruth Ann Calloway|Dara Osei|Émile Øst|O’Brien Okafor-Bell|Kai Vance|Kelvin Moor|Film Festival".split("|")
GLUE = ("the", "and", "said", "Why The", "met", "in the", "The", "’s", "'", ".", ",", "at the", "with", "Hawks'")


@pytest.mark.parametrize("seed", range(4))
def test_jams_are_the_plain_ones_in_generated_articles(seed):
    rng = random.Random(seed)
    found = 0
    for _ in range(40):
        paragraphs = [
            " ".join(rng.choice(NAMES) if rng.random() < 0.6 else rng.choice(GLUE) for _ in range(rng.randint(2, 30)))
            for _ in range(rng.randint(1, 12))
        ]
        found += _jams_agree(_units("\n\n".join(paragraphs), "text"))
    assert found > 200


def _places_agree(texts: list[str], words) -> int:
    with patch.object(keyword_stuffing, "_PIECE_UNITS", 0):  # each text kept apart
        known = _KnownNames(texts, set())
    assert known.texts == texts
    index = _capitalised_index(known.texts, known.lowered)
    joined = "\n".join(texts)  # as one text: the same places
    assert index == _capitalised_index([joined], ["\n".join(known.lowered)])
    for word in {*words, *index}:
        assert _capitalised_places(known.texts, known.lowered, word) == list(index.get(word, ())), word
    return sum(map(len, index.values()))


def test_searched_capitalised_places_are_the_indexed_ones_in_the_fixtures():
    found = 0
    for path in ARTICLES:
        texts = [block.text for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).body]
        found += _places_agree(texts, {word.lower() for word in "\n".join(texts).split()[:50]})
    assert found > 1000


@pytest.mark.parametrize("seed", range(3))
def test_searched_capitalised_places_are_the_indexed_ones_in_generated_text(seed):
    rng = random.Random(seed)
    pieces = [*PIECES, "İris", "stone", "STONE", "Stones", "Ava-Stone", "x"]  # "İ" lengthens in lower case
    for _ in range(300):
        text = "".join(rng.choice((" ", "  ", "-", "’", ". ", "\n", "")) + rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        _places_agree(text.split("\n"), {piece.lower() for piece in pieces})


def test_phrase_places_are_the_plain_ones():
    rng = random.Random(0)
    found = 0
    for _ in range(500):
        units = [" ".join(rng.choice(("la", "la", "lala", "a", "l", "Ava")) for _ in range(rng.randint(1, 12))) for _ in range(3)]
        article = " " + " \n ".join(units) + " "
        for phrase in {" ".join(rng.choice(("la", "lala", "a", "l")) for _ in range(rng.randint(1, 3))) for _ in range(5)}:
            plain = [match.start() + 1 for match in re.finditer(f"(?= {re.escape(phrase)} )", article)]
            assert _places(article, phrase) == plain
            found += len(plain)
    assert found > 1000


@pytest.mark.parametrize("seed", range(3))
def test_prose_lowered_a_text_at_a_time_is_lowered_whole(seed):
    rng = random.Random(seed)
    pieces = ["ΟΔΟΣ", "Σ", "σ", "·", "\u0301", "'", "’", "İ", "A", "a", " ", "\n", "ǅ", "\U0001f600", "-"]
    for _ in range(500):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 4))]
        known = _KnownNames(texts, set())
        joined = "\n".join(texts)
        assert "\n".join(known.lowered) == (joined.lower() if len(joined.lower()) == len(joined) else joined)


@pytest.mark.parametrize("seed", range(3))
def test_names_alone_in_texts_kept_apart_are_those_in_their_join(seed):
    """The prose is read around a place across the texts' boundaries as if they were joined by
    line breaks: a name opening a text, ending one, texts shorter than the 40 characters read
    before a place, and texts ending in a space or a quotation mark."""
    rng = random.Random(seed)
    pieces = ["Ava", "Stone", "Milo", "Reyes", "the", "said", ". ", " ", " ", "“", "(", "’s", "Why", "x" * 30, "İ", "\n"]
    names = [("ava", "stone"), ("milo", "reyes"), ("stone",), ("reyes",), ("ava", "stone", "milo"), ("why", "ava")]
    found = 0
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice((" ", "", " ")) for _ in range(rng.randint(1, 40)))
        texts = text.split("\n")
        # the prose indexed or every word searched for; a first word's places by the next word or
        # walked; the texts kept apart, or joined
        for searched, followed, piece in product((0, 1000), (0, 10**9), (0, 1 << 20)):
            with (
                patch.object(keyword_stuffing, "_SEARCHED_WORDS", searched),
                patch.object(keyword_stuffing, "_FOLLOWED_PLACES", followed),
                patch.object(keyword_stuffing, "_PIECE_UNITS", piece),
            ):
                apart, joined = _KnownNames(texts, {"x"}), _KnownNames(["\n".join(texts)], {"x"})
                for name in names:
                    assert apart(name) == joined(name), (texts, name)
                    assert apart._surname_alone(name[-1]) == joined._surname_alone(name[-1]), (texts, name)
                    found += apart(name)
    assert found > 500


def _plain_sentence_or_quote(text: MappedText, position: int) -> tuple[str, int]:
    """The scan: each quotation, then each sentence, looked at in turn."""
    for quote in QUOTED.finditer(text.text):
        if quote.start() < position < quote.end():
            if quote.end() - quote.start() > 80:
                return ("quote", quote.start())
            break
    return ("sentence", next((i for i, s in enumerate(text.sentences) if s.start <= position < s.end), -1))


def _located_agree(text: MappedText, step: int = 1) -> int:
    located = _SentenceOrQuote(text)
    for position in range(0, len(text.text) + 1, step):
        assert located(position) == _plain_sentence_or_quote(text, position), (text.text, position)
    return len(located.quotes)


def test_sentence_or_quote_is_the_scanned_one_in_the_fixtures():
    quotes = sum(
        _located_agree(block, 3) for path in ARTICLES[::3] for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).body
    )
    assert quotes > 100


@pytest.mark.parametrize("seed", range(3))
def test_sentence_or_quote_is_the_scanned_one_in_generated_text(seed):
    rng = random.Random(seed)
    pieces = ["How tall is Ava Stone really", "she said", "“", "”", '"', ". ", "? ", "\n", " ", "x" * 70, "Fans ask"]
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        _located_agree(MappedText(text, list(range(len(text)))))


def _names_agree(texts: list[str]) -> int:
    """Whether each name asked stands alone, its first word's places sorted by the next word
    (every first word, _FOLLOWED_PLACES 0) against all of them walked (no first word)."""
    words = sorted({word.lower() for text in texts for word in re.findall(r"[\w’'-]+", text)})
    names = [(a, b) for a in words for b in words] + [(a, b, c) for a in words[:6] for b in words[:6] for c in words[:6]]
    answers = []
    for followed in (0, 10**9):
        with patch.object(keyword_stuffing, "_FOLLOWED_PLACES", followed):
            known = _KnownNames(texts, set(words))
            answers.append([known(name) for name in names])
    assert answers[0] == answers[1], texts
    return sum(answers[0])


def test_names_alone_by_next_word_are_the_walked_ones_in_the_fixtures():
    found = 0
    for path in ARTICLES[::4]:
        texts = [block.text for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).body if block.kind not in ("heading", "caption")]
        capitalised = {word for text in texts for word in re.findall(r"[A-Z][\w’'-]*", text)}
        found += _names_agree(texts) if len(capitalised) < 60 else 0  # names: every pair of its words
    assert found > 100


@pytest.mark.parametrize("seed", range(3))
def test_names_alone_by_next_word_are_the_walked_ones_in_generated_text(seed):
    rng = random.Random(seed)
    pieces = [*PIECES, *NAMES, "İris", "stone", "STONE", "Stones", "Ava-Stone", "Ava  Stone", "said", "x"]
    found = 0
    for _ in range(60):
        texts = ["".join(rng.choice((" ", " ", " ", "  ", "’", ". ", "\n", ", ", "")) + rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(rng.randint(1, 3))]
        found += _names_agree(texts)
    assert found > 100


def _plain_name_pair(words: list[str], i: int, known) -> tuple[str, ...] | None:
    """Each of the four pairs tried in turn, its words looked at for a possessive."""
    for first in (2, 3):
        for second in (2, 3):
            a, b = tuple(words[i : i + first]), tuple(words[i + first : i + first + second])
            if any(word.endswith(("'", "’", "'s", "’s")) for word in (a + b)[:-1]):
                continue
            if len(b) == second and a != b and known(a) and known(b) and b[-1] not in keyword_stuffing.INSTITUTIONS:
                return a + b
    return None


@pytest.mark.parametrize("seed", range(3))
def test_name_pairs_are_the_plain_ones(seed):
    """The possessive found once among the words a pair may span, against each pair's words looked at."""
    rng = random.Random(seed)
    vocabulary = ["ava", "stone", "hawks'", "o’brien’s", "stone's", "reyes’", "city", "festival", "x'y", "’s", "ava"]
    found = 0
    for _ in range(2000):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(4, 9))]
        unknown = rng.choice(vocabulary)
        known = lambda name: unknown not in name  # noqa: E731 - a name is known unless it holds this word
        for i in range(len(words) - 3):
            pair = _name_pair(words, i, known)
            assert pair == _plain_name_pair(words, i, known), (words, i)
            found += pair is not None
    assert found > 100


def _spellings_agree(units: list[_Unit], rng: random.Random) -> int:
    """The spellings of phrases read off the units' words as written, against their words counted."""
    lowered = [" ".join(unit.text.words).lower() for unit in units]
    article = " " + " \n ".join(lowered) + " "
    starts = list(accumulate((len(part) + 3 for part in lowered[:-1]), initial=1))
    found = 0
    for part in lowered:
        words = part.split(" ")
        for _ in range(3):
            size = rng.randint(1, 5)
            at = rng.randrange(len(words))
            phrase = " ".join(words[at : at + size])
            if not phrase or "" in words[at : at + size]:
                continue
            size = phrase.count(" ") + 1
            places = _places(article, phrase)
            held = [bisect_right(starts, place) - 1 for place in places]
            plain = set()
            for place, here in zip(places, held):
                if units[here].prose:
                    first = lowered[here].count(" ", 0, place - starts[here])
                    plain.add(" ".join(units[here].text.words[first : first + size]))
            for piece in (2, 1 << 20):
                spellings = keyword_stuffing._spellings(units, _Article(units, piece), places, held, size, len(phrase))
                assert spellings == plain, phrase
            found += len(plain)
    return found
def test_spellings_read_off_the_words_are_the_counted_ones():
    """In the fixtures, and in generated text where lower case lengthens a unit ("İ") or not."""
    rng = random.Random(3)
    found = sum(_spellings_agree(_units(path.read_text(encoding="utf-8"), format_for(path.name)), rng) for path in ARTICLES[::3])
    pieces = [*NAMES, *GLUE, "İris", "Σ", "ΟΔΟΣ", "net worth", "Net Worth", "ǅ"]
    for _ in range(200):
        paragraphs = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 20))) for _ in range(rng.randint(1, 6))]
        found += _spellings_agree(_units("\n\n".join(paragraphs), "text"), rng)
    assert found > 1000


def _pieces_agree(units: list[_Unit], rng: random.Random) -> int:
    """The article kept in pieces of a few units reads as the article joined whole."""
    lowered = [" ".join(unit.text.words).lower() for unit in units]
    whole = " " + " \n ".join(lowered) + " "
    starts = list(accumulate((len(part) + 3 for part in lowered[:-1]), initial=1))[: len(lowered)]
    words = [word for part in lowered for word in part.split(" ") if word]
    found = 0
    for piece in (1, 2, 3, 1 << 20):
        article = _Article(units, piece)
        assert list(article.starts) == starts and list(article.lengths) == list(map(len, lowered))
        assert [article.unit(here) for here in range(len(units))] == lowered
        if not words:
            continue
        phrases = {" ".join(words[i : i + 3]) for i in (rng.randrange(len(words)) for _ in range(20))} | {"zqx zqy zqz"}
        for searched in (0, 1000):  # a pass over the words, and a search per phrase
            with patch.object(keyword_stuffing, "_SEARCHED_HEADS", searched):
                places = article.places_of(phrases)
                assert {head: list(at) for head, at in places.items()} == _places_of(whole, phrases)
                # only the phrases the article holds: a long page's pieces are each asked about every heading's
                held = {phrase for phrase in phrases if f" {phrase} " in whole and phrase.count(" ") == 2}  # three words, as heads are
                assert {phrase for phrase in places if phrase.count(" ") == 2} == held
        for phrase, at in places.items():
            assert article.count(f" {phrase} ") == whole.count(f" {phrase} ")
            for place in at:
                here = bisect_right(starts, place) - 1
                piece, base = article.piece_of(place)  # (beyond Latin-1, its characters may be stand-ins)
                assert piece[starts[here] - base : place - base].translate(article.decoding or {}) == whole[starts[here] : place]
                found += 1
            for longer in (phrase, phrase + " " + rng.choice(words), rng.choice(words)):
                plain = [place for place in at if whole.startswith(f" {longer} ", place - 1)]
                assert article.followed_by(f" {longer} ", at) == plain
            # the words after each place, read once for a start many headings share: the same places
            after = _by_words_after(at, article.words_after(at, len(phrase)))
            for following in (rng.choice(words), f"{rng.choice(words)} {rng.choice(words)}", *(
                    " ".join(whole[place + len(phrase) + 1 :].split(" ")[:size]) for place in at[:3] for size in (1, 2))):
                if "\n" in following or "" in following.split(" "):
                    continue  # a heading's phrase is of words, and never reaches past its unit
                plain = [place for place in at if whole.startswith(f" {phrase} {following} ", place - 1)]
                assert list(after.get(following, ())) == plain, (phrase, following)
    return found


def _stuffed_headings(count: int, suffix: str = "html") -> str:
    """A page of ``count`` headings that share their first three words and differ in the last, in a
    body that repeats one of the longer phrases (the tour's name and "net worth")."""
    body = " ".join(f"Mara Quill Vance net worth {n} grew again this year." for n in range(6))
    if suffix == "txt":
        return "Mara Quill Vance net worth\n\n" + "\n\n".join(f"Mara Quill Vance Tour {i}" for i in range(count)) + f"\n\n{body}\n"
    headings = "".join(f"<h2>Mara Quill Vance Tour {i}</h2>" for i in range(count))
    return f"<html><head><title>Mara Quill Vance net worth</title></head><body><h1>Mara Quill Vance net worth</h1>{headings}<p>{body}</p></body></html>"


@pytest.mark.parametrize("suffix", ["html", "txt"])
@pytest.mark.parametrize("count", [5, 40, 1500])  # 1,500 headings: the page is read in pieces (_PIECE_UNITS)
def test_a_start_many_headings_share_is_read_once_and_finds_what_each_search_finds(count, suffix):
    """Many headings on one three-word start ("Mara Quill Vance Tour 1", "… 2"): the words after its
    places are read once, not its places searched for each heading's longer phrase, which grew with
    the headings squared; the findings are those of the search for each phrase."""
    doc = read(_stuffed_headings(count, suffix), suffix, f"page.{suffix}")
    rule = KeywordStuffing()
    asked = []
    searched = _Article.followed_by

    def counted(self, needle, places):
        asked.append(needle)
        return searched(self, needle, places)

    with patch.object(_Article, "followed_by", counted):
        found = [(p.message, p.where.text if p.where else None, p.start, p.end) for p in rule.check(doc)]
        shared_asks = len(asked)
        with patch.object(keyword_stuffing, "_SHARED_HEADS", 10**9):  # every phrase searched for
            each = [(p.message, p.where.text if p.where else None, p.start, p.end) for p in rule.check(doc)]
    assert found == each and any("net worth" in message for message, *_ in found)
    if count >= 40:
        assert shared_asks < count / 4  # not a search for each heading


def test_a_phrase_is_checked_only_in_the_pieces_that_hold_its_places():
    """On a long page, a longer phrase is looked for in the pieces its start's places are in, not in
    every piece: a walk through all of them for each phrase grew with the page squared."""
    units = _units("\n\n".join(f"Mara Quill Vance tour stop {i}" for i in range(50)), "text")
    article = _Article(units, 1)  # a piece for each unit
    places = list(article.places_of(["mara quill vance"])["mara quill vance"])
    assert len(places) == 50 and len(article.pieces) == 50
    looked_up = []
    piece_of = _Article.piece_of
    with patch.object(_Article, "piece_of", lambda self, at: looked_up.append(at) or piece_of(self, at)):
        assert article.followed_by(" mara quill vance tour ", places[10:12]) == places[10:12]
    assert len(looked_up) == 2


@pytest.mark.parametrize("parts", [50, 400, 3000])  # 400 and more: past _SEARCHED_HEADS; 3,000: the page in pieces
def test_a_title_of_many_search_phrases_finds_what_counting_each_finds(parts):
    """A title of hundreds of parts each carrying a search word: the phrases whose first three words
    stand fewer than `min-title-phrase-count` times are dropped in one pass, not counted one by
    one (which grew with the parts times the page); the one forced into the body is still found."""
    title = " | ".join(f"Lumen{i} Vale Net Worth" for i in range(parts)) + " | Dara Osei Net Worth Revealed"
    body = "".join(f"<p>Dara Osei net worth revealed in the filing, line {i}. The tour went on.</p>" for i in range(4))
    body += "".join(f"<p>Stop {i} of the tour sold out.</p>" for i in range(parts))
    doc = read(f"<html><head><title>{title}</title></head><body><h1>Tour notes</h1>{body}</body></html>", "html", "page.html")
    rule = KeywordStuffing()
    counted = []
    count = _Article.count
    with patch.object(_Article, "count", lambda self, sub: counted.append(sub) or count(self, sub)):
        found = [(p.message, p.start, p.end) for p in rule.check(doc)]
        asked = len(counted)
        with patch.object(keyword_stuffing, "_SEARCHED_HEADS", 10**9):  # every phrase counted
            each = [(p.message, p.start, p.end) for p in rule.check(doc)]
    assert found == each and any("dara osei net worth revealed" in message.lower() for message, *_ in found)
    if parts >= 400:
        assert asked < parts / 4  # not a count for each part


def _stood_in(pieces: list[str]):
    stand_ins = keyword_stuffing._StandIns()
    made = [stand_ins.narrowed(piece) for piece in pieces]
    return made, stand_ins.settle(made)


def test_a_long_pages_pieces_hold_a_stand_in_for_each_wide_character_or_stay_as_they_are():
    pieces = [" café’s “gala” 🎉 night ", " naïve’s İris ", " plain words "]
    narrowed, (encoding, decoding) = _stood_in(pieces)
    assert all(max(piece) <= "\xff" for piece in narrowed) and [piece.translate(decoding) for piece in narrowed] == pieces
    assert " naïve’s ".translate(encoding) in narrowed[1] and len(set(encoding.values())) == len(encoding) == 5
    # The stand-ins give out in the second piece (part way through it), or a piece holds one
    # already: every piece is as it was made.
    chinese = [" ".join(map(chr, range(0x4E00, 0x4E00 + 50))), " ".join(map(chr, range(0x4E00 + 40, 0x4E00 + 70))), " ’ "]
    holding = [" ’ gala ", " a\x01b ’ ", " ’ "]
    for given in (chinese, holding):
        assert _stood_in(given) == (given, (None, None))


def test_article_in_pieces_reads_as_whole():
    rng = random.Random(0)
    found = sum(_pieces_agree(_units(path.read_text(encoding="utf-8"), format_for(path.name)), rng) for path in ARTICLES[::3])
    for _ in range(100):
        paragraphs = [" ".join(rng.choice(("la", "La", "lala", "a", "l", "Ava", "İris")) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(0, 5))]
        found += _pieces_agree(_units("\n\n".join(paragraphs), "text"), rng)
    assert found > 1000


def test_article_from_the_shared_body_words_is_the_one_joined_here():
    """keyword-stuffing reads the body's words as joined once for the quote reader too (spaced_words)."""
    for path in ARTICLES:
        doc = read(path.read_text(encoding="utf-8"), format_for(path.name), str(path))
        units = [_Unit(text, prose) for text, prose in KeywordStuffing._units(doc)]
        shared, own = _Article(units, body_words=spaced_words(doc)), _Article(units)
        assert (shared.pieces, shared.starts, shared.lengths, shared.written, shared.lowered) == (
            own.pieces, own.starts, own.lengths, own.written, own.lowered
        )
        assert spaced_words(doc) == tuple(" ".join(block.words) for block in doc.body)


def test_a_heading_phrase_is_found_in_its_heading():
    """_repeated_phrases never asks whether a phrase stands in prose alone: the phrases it counts
    come from the title, the description, headings and captions, and each is found where it comes from."""
    checked = 0
    for path in ARTICLES:
        units = _units(path.read_text(encoding="utf-8"), format_for(path.name))
        article = _Article(units)
        for here, unit in enumerate(units):
            words = article.unit(here).split(" ")
            if unit.prose or len(words) < 3:
                continue
            end = article.starts[here] + article.lengths[here]
            for size in (3, 4, 5):
                for i in range(len(words) - size + 1):
                    places = article.places_of([" ".join(words[i : i + size])]).popitem()[1]
                    assert any(article.starts[here] <= place < end for place in places)
                    checked += 1
    assert checked > 1000
