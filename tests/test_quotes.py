"""The quote reader's and anonymous-source's patterns, spelled for speed, find what their plain
spelling finds: one word boundary before all the alternatives of a pattern, not one before each;
a credit line's names looked for before the look-aheads that read the whole line; a dash credit
searched for only where a dash stands; the words before a source noun searched for from the
seventh word before it, not from every character of the 90."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import NamedTuple

import pytest

from pubcheck.document import format_for, read
from pubcheck.rules import anonymous_source
from pubcheck.text import quotes
from pubcheck.text.quotes import SPEECH_MIN_WORDS
from pubcheck.text.phrases import trie

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [p for folder in ("fixtures/articles", "benchmarks/professional", "benchmarks/heldout/articles") for p in sorted((ROOT / folder).glob("*.*")) if p.suffix in (".md", ".html", ".txt")]

# The plain spelling: a word boundary before each alternative.
_IN_A = r"\bin\s+(?:an?|his|her|their|its|the)\s+(?:[\w-]+\s+){0,2}?"
_ISSUED = (
    r"\b(?:issued|issuing|released|releasing|shared|sharing|posted|posting|read)\s+(?:an?|his|her|their|its|the)\s+"
    r"(?:[\w-]+\s+)?(?:statement|tribute|message|note|letter|eulogy)\b|\bthe\s+following\s+(?:statement|message|note|post)\b"
)
_SAID_IN = rf"\baccording\s+to\b|{_IN_A}(?:{quotes._VENUES})\b"
PLAIN = {
    quotes._ATTRIBUTION.any_case: re.compile(
        rf"\b(?:{quotes.VERBS})\b|\baccording\s+to\b|{_IN_A}(?:{quotes._VENUES}|essay|op-ed|memoir|letter)\b"
        rf"|{_ISSUED}|\bput\s+it\b|\bin\s+(?:the|his|her|their)\s+(?:own\s+)?words\s+of\b"
        r"|\bstatement\s+(?:began|begins|opened|opens|continued|continues)\b"
        r"|(?:['’]s|\b(?:his|her|their))\s+(?:line|words|message|reply|response|answer|advice|verdict)\b",
        re.I,
    ),
    quotes._SPEECH.any_case: re.compile(rf"\b(?:{trie(quotes._SPEECH_WORDS)})\b|{_SAID_IN}|{_ISSUED}", re.I),
    quotes._WORD_ATTRIBUTION.any_case: re.compile(
        rf"\b(?:{trie(quotes._SPEECH_WORDS + 'described describes called calls captioned captions dubbed dubs'.split())})\b"
        rf"|{_SAID_IN}|(?:['’]s|\b(?:his|her|their))\s+words\b",
        re.I,
    ),
}
PLAIN[quotes._SPEAKER] = re.compile(
    r"\b" + quotes._PRONOUN + r"|\bI\b|\b" + quotes._ROLE + r"|\b" + quotes._IT_SAYS +
    r"|@[\w.]+"  # an account's handle: "@mirafans wrote: …"
    r"|\b[A-Z][\w-]*['’]s\b"  # a named person's or body's: "Voss's lawyers countered", "Brekke's line"
    # an interviewee's own people: "My wife said to me, …", "our manager told us"
    r"|\b(?i:my|our)\s+(?i:wife|husband|partner|mother|mom|mum|father|dad|parents|sister|brother|son|daughter|"
    r"grandmother|grandfather|aunt|uncle|agent|manager|coach|teacher|friend|boss|director|producer|publicist)\b"
    r"|(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]+"  # a capitalised word that is not just starting the sentence
    # or one that does, followed by the verb ("Dunham told …", "Marlow has called the film …")
    r"|^[A-Z][\w’'-]+\s+(?:(?:has|had|have|also|later|once|then|previously|recently)\s+){0,2}(?:" + quotes.VERBS + r")\b",
    re.M,
)
PLAIN[quotes._CROWD_CUE] = re.compile(
    r"\b(?:fans|netizens|followers|users|viewers|readers|tweeps|commenters|people|nigerians|ghanaians|kenyans|filipinos"
    r"|social\s+media|the\s+internet|twitter|x|instagram|tiktok|reddit)\b[^.!?]{0,40}?"
    r"\b(?:react|reacted|reacting|responded|weighed\s+in|wrote|commented|said|flooded|took\s+to|had\s+(?:this|a\s+lot)\s+to\s+say)\b"
    r"|\b(?:reactions|comments|tweets|posts|responses)\b[^.!?]{0,20}?(?:below|:)",
    re.I,
)
PLAIN[quotes._CREDIT_LINE] = re.compile(  # without the look-ahead for the names up to the comma
    r"\s*(?:(?:[—–]|--)\s*[A-Z\d]|(?i:an?\s+(?:post|photo|video)\s+shared\s+by)\s+[A-Z@]|\[\s*[A-Z\d][^\]\n]{0,40}\]\s*$"
    r"|(?!.*\b(?i:you|we|I|he|she|they|it|is|are|was|were|will|can|do|that|which|who|where|when)\b)(?!.*\d)"
    r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3},(?:\s+[\w’'&.-]+){1,5}\s*$)"
)
PLAIN[anonymous_source._VOICES] = re.compile(
    r"\b(?P<someone>someone(?:\s+else)?|somebody(?:\s+else)?)\s+" + anonymous_source._SAYING + r"\b"
    r"|\b(?P<voice>another|one|a\s+(?:second|third|fourth)|one\s+more)\s+"
    r"(?:asked|added|wrote|posted|tweeted|commented|replied|chimed\s+in|quipped|joked|said)\b"
    r"|\b(?P<family>the\s+(?:family|couple))(?:['’]s\s+statement|\s+(?:said|says|wrote|shared|posted|added))\b"
)
PLAIN[anonymous_source._EXPLAINED] = re.compile(
    r"\b(?:because|as|since)\s+(?:they|he|she|the\s+\w+)\s+(?:was|were|is|are|had|have|did|do)\s+not\s+"
    r"(?:authori[sz]ed|permitted|allowed|cleared)\b"
    r"|\bnot\s+(?:authori[sz]ed|permitted|allowed|cleared)\s+to\s+(?:speak|discuss|comment|talk)\b"
    r"|\bcondition\s+of\s+anonymity\s+(?:because|as|since|to\s+(?:discuss|describe|speak\s+freely|talk\s+freely))\b"
    r"|\b(?:requested|asked\s+for|(?:was|were)\s+granted)\s+anonymity\s+(?:because|as|since|to\s+(?:discuss|describe|speak|talk))\b"
    r"|\b(?:for\s+fear\s+of|to\s+protect\s+(?:their|his|her)\s+(?:job|jobs|privacy|safety))\b",
    re.I,
)
_SAYING_BEFORE = (
    r"(?:said|says|added|adds|explained|explains|continued|continues|confided|confides|offered|offers|noted|notes"
    r"|revealed|reveals|claimed|claims|insisted|insists|dished|dishes|admitted|admits|quipped|wrote|writes|posted"
    r"|tweeted|commented|replied|asked|according\s+to)"
)
PLAIN[anonymous_source._VERB_BEFORE] = re.compile(rf"\b{_SAYING_BEFORE}\s")
PLAIN_BEFORE = re.compile(
    rf"(?:\b(?P<verb>{_SAYING_BEFORE})\s+)?\b(?P<det>{anonymous_source._DETERMINER})\s+{anonymous_source._MODIFIERS}$", re.I
)
# Searched in lower-cased text (and as written, where lower case is longer: "İ").
LOWER_CASED = {anonymous_source._VOICES, anonymous_source._VERB_BEFORE}


def _agree(text: str) -> int:
    found = 0
    assert quotes._dash_credited(text) == bool(quotes._DASH_CREDIT.search(text)), text
    for tuned, plain in PLAIN.items():
        for searched in (text, text.lower()) if tuned in LOWER_CASED else (text,):
            matches = [(m.span(), m.groupdict()) for m in tuned.finditer(searched)]
            assert matches == [(m.span(), m.groupdict()) for m in plain.finditer(searched)], (tuned.pattern[:40], searched)
            found += len(matches)
    # the words before each source noun, as anonymous-source reads them
    for noun in re.finditer(anonymous_source._NOUN_SOURCE, text.lower()):
        window = (text, max(0, noun.start() - 90), noun.start())
        before = anonymous_source._words_before(text, noun.start())  # searched from the seventh word before
        plain = PLAIN_BEFORE.search(*window)
        assert (before and (before.span(), before.groupdict())) == (plain and (plain.span(), plain.groupdict())), window
        found += bool(before)
    return found


def test_tuned_attribution_patterns_are_the_plain_ones_in_the_fixtures():
    found = sum(_agree(block.text) for path in ARTICLES for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).body)
    assert found > 1000


PIECES = [
    *"""said Said SAID told resaid said_ x-said called described Brekke's O’Brien’s op-ed film 2024 İ ı ſaid Kelvin""".split(),
    "in an interview", "in his essay", "according to", "the following statement", "issued a statement", "read the letter",
    "posted the note", "put it", "in her own words of", "statement began", "line", "words", "his words", "her reply", "verdict",
    "@mirafans", "he", "I", "the actor", "it says", "my wife", "Voss's", "Fans reacted", "comments below:", "someone else",
    "another", "a third", "chimed in", "the family", "the couple’s statement", "one more", "because they were not",
    "authorised to speak", "condition of anonymity to discuss", "for fear of", "to protect her privacy", "tweeted",
    "says", "a", "a second", "one more", "InTouch's", "our", "longtime", "source", "insider", "pal", "according to",
    "— Ava Stone", "–", "--", "Ryan Okoro, CEO", "Dana Okoro,", ",", "[ Engadget ]", "A post shared by", "(@miraokafor)", "2025",
]


@pytest.mark.parametrize("seed", range(3))
def test_tuned_attribution_patterns_are_the_plain_ones_in_generated_text(seed):
    rng = random.Random(seed)
    found = sum(
        _agree("".join(rng.choice((" ", " ", " ", "  ", "-", "’", "'", ". ", "\n", "", "_")) + rng.choice(PIECES) for _ in range(rng.randint(1, 16))))
        for _ in range(300)
    )
    assert found > 300


def _read_in_lower_case_agrees(text: str) -> int:
    found = 0
    for verbs in (quotes._ATTRIBUTION, quotes._SPEECH, quotes._WORD_ATTRIBUTION):
        matches = [m.span() for m in quotes._verb_matches(text, verbs)]
        assert matches == [m.span() for m in verbs.any_case.finditer(text)], (verbs.lowered.pattern[:40], text)
        found += len(matches)
    return found


def test_attribution_read_in_lower_case_finds_what_re_i_finds_as_written():
    """Lower-cased text read without re.I, or as written with re.I where lower case would differ ("İ", "ſ", "ı")."""
    assert sum(_read_in_lower_case_agrees(block.text) for path in ARTICLES
               for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).body) > 1000
    rng = random.Random(7)
    odd = ["İ", "ı", "ſaid", "SAİD", "\u212aeeps", "ſ", "Σ", "aſ", "ıt"]
    found = sum(
        _read_in_lower_case_agrees("".join(rng.choice((" ", "  ", "-", "’", ". ", "\n", "")) + rng.choice(PIECES + odd)
                                           for _ in range(rng.randint(1, 16))))
        for _ in range(600)
    )
    assert found > 300


def test_a_lower_case_word_between_spaces_is_no_title_case():
    """quotes._not_title_case answers as ``not is_title_case`` (document.sentences) does."""
    from pubcheck.document.sentences import QUOTED, is_title_case

    texts = [m.group(1) or m.group(2) or "" for path in ARTICLES
             for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).body for m in QUOTED.finditer(block.text)]
    rng = random.Random(11)
    pieces = ["word", "Word", "WORD", "wörd", "e\u0301clair", "2024s", "abc", "abcd'", "x-ray", "one.two", "The", "of", "İstanbul"]
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(2000)]
    assert len(texts) > 2000
    for text in texts:
        assert quotes._not_title_case(text) == (not is_title_case(text)), text


def test_a_documents_quotations_are_remembered_without_keeping_it_alive():
    import gc
    import weakref

    source = 'The crew had left.\n\n"We were never really friends, and everyone knew it," a source said.\n'
    doc = read(source, "text", "a.txt")
    found = quotes.quotations(doc)
    assert quotes.quotations(doc) is found and list(quotes.anonymously_attributed(doc))
    other = read(source, "text", "b.txt")
    assert quotes.quotations(other) is not found and quotes.quotations(other)[0].block is other.body[1]
    gone = weakref.ref(doc)
    del doc, found
    gc.collect()
    assert gone() is None  # lru_cache(maxsize=1) kept the latest document until the next one's first call


@pytest.mark.parametrize("seed", range(3))
def test_words_before_a_source_noun_are_the_plain_ones_at_full_length(seed):
    """The longest words before a noun (a two-word verb and determiner, three modifiers) are
    found when searched for from the seventh word before it."""
    rng = random.Random(seed)
    verbs = ["", "according to ", "says ", "According  to\n", "(said "]
    determiners = ["a ", "a second ", "one more ", "Us Weekly's ", "InTouch’s ", "the ", "“a ", "that "]
    modifiers = ["longtime ", "Moreau ", "family ", "well-placed ", "A-list ", "of ", "\u00a0", "x\t"]
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(("Fans ", "said ", "a ", "the ", "x ", ", ", "  ")) for _ in range(rng.randint(0, 12)))
        text += rng.choice(verbs) + rng.choice(determiners) + "".join(rng.choice(modifiers) for _ in range(rng.randint(0, 4)))
        noun = len(text)
        text += "insider said"
        before = anonymous_source._words_before(text, noun)
        plain = PLAIN_BEFORE.search(text, max(0, noun - 90), noun)
        assert (before and (before.span(), before.groupdict())) == (plain and (plain.span(), plain.groupdict())), text
        found += bool(plain)
    assert found > 1000


class _Block(NamedTuple):
    kind: str
    words: tuple[str, ...]


@pytest.mark.parametrize("at_once", [1, 4, 13, 1 << 20])
def test_pull_quotes_are_found_in_the_prose_searched_a_part_at_a_time(monkeypatch, at_once):
    """_pull_quotes searches the body's prose a part at a time (a long page's); what it finds is
    what the plain test finds in the whole prose joined, quotes across blocks and parts included."""
    monkeypatch.setattr(quotes, "_PROSE_AT_ONCE", at_once)
    rng = random.Random(at_once)
    vocabulary = ["the", "gala", "ran", "late", "said", "one", "guest", "at", "Lumen"]
    pulled = 0
    for _ in range(300):
        body = []
        for _ in range(rng.randrange(1, 12)):
            kind = rng.choice(["paragraph", "paragraph", "blockquote", "heading"])
            body.append(_Block(kind, tuple(rng.choice(vocabulary) for _ in range(rng.randrange(0, 9)))))
        prose_words = [word for block in body if block.kind != "blockquote" for word in block.words]
        for _ in range(rng.randrange(0, 3)):  # a pull quote copied from the prose, across blocks or not
            start = rng.randrange(len(prose_words) + 1)
            body.insert(rng.randrange(len(body) + 1), _Block("blockquote", tuple(prose_words[start : start + rng.randrange(5, 12)])))
        spaced = [" ".join(block.words) for block in body]
        prose = " " + " ".join(words for words, block in zip(spaced, body) if block.kind != "blockquote") + " "
        expected = {i for i, block in enumerate(body)
                    if block.kind == "blockquote" and len(block.words) >= SPEECH_MIN_WORDS and f" {spaced[i]} " in prose}
        assert quotes._pull_quotes(body, spaced) == expected
        pulled += len(expected)
    assert pulled > 100
