from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from functools import cache, partial
from itertools import accumulate, chain, islice

from ..document import Block, Document, MappedText
from ..document.narrow import BEYOND_LATIN1, PLACEHOLDERS
from ..document.sentences import QuotedPassages, word_spans
from ..limits import give_back_freed_memory
from ..text.prose import MadeWhenRead, spaced_words
from .base import Problem, Rule

# Capitalised words that open a run without being part of a name ("Why the …", "The …").
LEADING = frozenset(
    """a an and as at but by for from how if in inside into is it its meet of on or so that the these
    this those to was were what when where which who why will with your our my their his her""".split()
)
# Second halves that make a run an organisation, event or place rather than a person ("Film Festival").
STOPWORDS = frozenset(
    """a about after all also an and any are as at be been but by can could did do does for from had has
    have he her here his how i if in into is it its just like me more most my new no not now of on one
    only or our out over says said she so some than that the their them then there these they this those
    to up us was we were what when where which who why will with would you your""".split()
)
INSTITUTIONS = frozenset(
    """academy awards award avenue bros center centre club company corporation entertainment festival
    films foundation gallery group hall media museum music network news park pictures post press prize
    productions records square street studio studios theater theatre times tv university week weekly""".split()
)


# A run of four or more capitalised words separated by single spaces (sentence punctuation ends
# a run): only such a run can hold two jammed names, so shorter runs are never even split. The
# pattern opens with the capital and looks behind it for a word character, rather than looking
# behind first, so the regex engine skips straight to capitals; words are matched possessively,
# as giving back letters can never make a run (together 2.4x faster; the rule's stage 0.78 against
# 0.95 ms an article; tests/test_keyword_stuffing_runs.py checks both patterns against their plain spelling).
_LONG_RUN = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![\w’'-].)[\w’'-]*+(?: [A-ZÀ-ÖØ-Þ][\w’'-]*+){3,}")
_SENTENCE_END = tuple(".!?…:;")
_WORD_CHAR = re.compile(r"[\w’'-]")
_PREVIOUS_WORD = re.compile(r"([\w’'-]+) $")  # the word right before, separated by one space
# A whole word opening with a capital that lower-cases to a run's first letter (the two sign
# letters K and Å lower-case to k and å too), so every place a run's name can stand is indexed.
_CAPITALISED_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ\u212a\u212b](?<![\w’'-].)[\w’'-]*+")


def _long_runs(units) -> list[tuple[MappedText, int, tuple[str, ...]]]:
    """Maximal runs of four or more capitalised words in each unit, without the leading words that
    open a run without being part of a name ("Why The …"): (the unit's text, where the run starts
    in it, its words). One regex pass over the units' texts joined by line breaks, as a run holds
    single spaces only and so never crosses one; a long page's ``_PIECE_UNITS`` units at a time, as
    one wide character made a copy of its whole text 4 bytes a character. The words of runs alike
    are one tuple: a stuffed page repeats a few runs thousands of times."""
    texts = [unit.text for unit in units]
    runs, distinct = [], {}
    for first in range(0, len(texts), _PIECE_UNITS):
        group = texts[first : first + _PIECE_UNITS]
        written = [text.text for text in group]
        starts = list(accumulate((len(text) + 1 for text in written[:-1]), initial=0))
        for match in _LONG_RUN.finditer("\n".join(written)):
            words, lead = match.group().split(" "), 0
            while lead < len(words) and words[lead].lower() in LEADING:
                lead += 1
            if len(words) - lead >= 4:
                here = bisect_right(starts, match.start()) - 1
                start = match.start() - starts[here] + (len(" ".join(words[:lead])) + 1 if lead else 0)
                words = tuple(words[lead:])
                runs.append((group[here], start, distinct.setdefault(words, words)))
    return runs


class _Unit:
    """A title, heading or body block; its word positions are worked out once, and only when a
    check needs them (kept in a slot: an instance dict was some 100 bytes a unit, 26 MB on a page
    of 270,000 blocks)."""

    __slots__ = ("text", "prose", "_spans")

    def __init__(self, text: MappedText, prose: bool):
        self.text, self.prose, self._spans = text, prose, None

    @property
    def spans(self) -> list[tuple[int, int, str]]:
        spans = self._spans
        if spans is None:
            spans = self._spans = word_spans(self.text.text)
        return spans


class KeywordStuffing(Rule):
    """Flags a keyphrase jammed into the copy over and over to game search engines.

    Without being told the keyphrase, it finds the tell-tale form of celebrity SEO stuffing: two
    names run together with no connecting word ("the Tessa Lindgren Ottilie Rhys story"),
    where each name also appears on its own in the article, repeated `min-count` times or more
    across the title, headings and body. It reports one document-level finding per stuffed
    phrase (count, density, the headings that carry it) and each unnatural occurrence.
    Naming a subject often in ordinary sentences is not stuffing and is never flagged.

    It also finds the forms real SEO copy uses: a search phrase taken from the title, the
    headline or the URL slug (a part of three to eight words between the title's `:` `?` `|` or
    dashes, e.g. "How Tall Is Star X Really", "Star Salary Rankings Explained", "rapper net
    worth") and carrying a search word (net worth, height, age, salary, rankings, explained,
    really, best, …) repeated in `min-title-phrase-count` body sentences or more, whether wrapped
    in quotation marks, capitalised mid-sentence or forced in lower case ("the rapper net worth
    landscape"), each sentence once and a longer direct quotation once however often its speaker
    says the phrase. The threshold of 3 comes from saved real pages (benchmarks/README.md, "Real
    copy"): a stuffed SEO-farm page forces its slug phrase into 3 sentences of a 300-word excerpt,
    two other farm pages do it twice (not flagged), and no clean page repeats a title's search
    phrase at all; the news, review and profile copy that repeats a film title, a show or a
    subject's name carries no search word, so it is never a candidate.

    With a target keyphrase (top-level `keyphrase` in config, `--keyphrase`, or this rule's
    `keyphrase` option) it also applies Yoast's density bound: more than `max-density` occurrences per 100
    words (Yoast's limit is 3%) is flagged as stuffing.

    ## Why is this bad?
    Search engines treat keyword stuffing as spam (Google Search Essentials, "keyword stuffing")
    and demote the page; readers notice the broken grammar at once.

    ## Example
    ```
    Why the Tessa Lindgren Ottilie Rhys Pairing Makes Sense

    Anyone who has followed the Tessa Lindgren Ottilie Rhys story knows how long it took.

    Ottilie Rhys first met Tessa Lindgren in 2014. A photo of Tessa Lindgren Ottilie Rhys travelled fast.

    The Tessa Lindgren Ottilie Rhys team-up is a sign of things to come.
    ```
    ```
    How Tall Is Mara Quinn Really? The Truth About Her Height

    Fans keep typing "How Tall Is Mara Quinn Really?" into search bars.

    The question of how tall is Mara Quinn really comes up at every premiere.

    So how tall is Mara Quinn really? Her agency lists her at five foot six.
    ```

    ## Not flagged
    ```
    Tessa Lindgren and Ottilie Rhys met in 2014.

    Rhys later said Lindgren gave her the "nerve" to take on lighter roles. Lindgren wrote the pilot in 2024.

    Rhys, Lindgren and Ruth Calloway finished filming in October.
    ```
    ```
    Dune Part Two Review: A Desert Epic

    Dune Part Two opens on Friday. Dune Part Two runs nearly three hours.

    Critics who saw Dune Part Two in Venice praised its sound. Fans of Dune Part Two will not mind.
    ```

    ## How to fix
    Write the names as a reader would ("Lindgren and Rhys", "the pair") and use the
    keyphrase once in the headline and once or twice in the body.

    ## Options
    - `min-count` (default 3): repetitions of a jammed pair of names before it counts as stuffing.
    - `min-phrase-count` (default 4): repetitions of an exact name-plus-topic phrase carried by
      the title or a heading ("Juniper Hale net worth") before it counts as stuffing.
    - `min-title-phrase-count` (default 3): body sentences carrying a search phrase of the title,
      headline or URL slug before it counts as stuffing (see above).
    - `keyphrase` (default none): a target keyphrase to hold to `max-density`.
    - `max-density` (default 3.0): keyphrase occurrences per 100 words above which it is stuffed.
    """

    id = "keyword-stuffing"
    category = "seo"
    severity = "warning"
    summary = "A keyphrase is jammed into the copy repeatedly (\"the Tessa Lindgren Ottilie Rhys story\")"
    options = {"min-count": 3, "min-phrase-count": 4, "min-title-phrase-count": 3, "keyphrase": "", "max-density": 3.0}

    def check(self, doc: Document):
        units = [_Unit(text, prose) for text, prose in self._units(doc)]
        # what a finding names as carrying its phrase: worked out once, not for each finding (a page
        # of 8,000 headings with 1,556 findings spent 1.4 s listing its headings again for each)
        carrying = {id(unit.text) for unit in units if not unit.prose}
        claimed = _Claimed()  # occurrences already reported
        article = _Article(units, body_words=spaced_words(doc) if len(units) <= _PIECE_UNITS else None)
        yield from self._title_phrases(doc, units, claimed, article, carrying)  # first: it holds the longest phrases
        yield from self._repeated_phrases(doc, units, claimed, article, carrying)
        if len(article.pieces) > 1:  # a long page: its pieces given back, not piled under the names' index below
            del article
            give_back_freed_memory()
        yield from self._jammed_names(doc, units, claimed, carrying)
        if self.settings["keyphrase"]:
            yield from self._density(doc, units, self.settings["keyphrase"])

    @staticmethod
    def _units(doc: Document) -> list[tuple[MappedText, bool]]:
        """(text, is prose) for the title, the meta description, the headings and every body block."""
        units: list[tuple[MappedText, bool]] = []
        if doc.title is not None and doc.title is not doc.headline:
            units.append((doc.title, False))
        if doc.meta.get("description") is not None:  # SEO farms stuff the snippet search engines show
            units.append((doc.meta["description"], False))
        units += [(block, block.kind not in ("heading", "caption")) for block in doc.body]
        return units

    def _jammed_names(self, doc: Document, units, claimed, carrying: set[int]):
        # one message for each jam's words: a stuffed page repeats its jams thousands of times
        message = cache(lambda jammed: f'"{jammed}" jams two names together; write them as a reader would ("X and Y")')
        for places in _jams(units, self.settings["min-count"]):
            # Mostly inside a stuffed phrase already reported ("… Feud"): that finding is the
            # summary, but each jam is still an unnatural placement to fix.
            summarised = sum(claimed.covers(t, start) for t, start, _ in places) * 2 >= len(places)
            if not summarised:
                claimed.add(places)
                yield _stuffed(doc, carrying, places)
            for text, start, end in places[0 if summarised else 1 :]:  # a summary stands at the first
                yield Problem(message(text.text[start:end]), text, start, end)

    def _repeated_phrases(self, doc: Document, units, claimed, article: _Article, carrying: set[int]):
        """Exact 3-5-word phrases mixing a name with topic words ("Juniper Hale net worth"),
        repeated `min-phrase-count` times and carried by the title or a heading."""
        starts = article.starts
        # Only a phrase the title or a heading carries can qualify, so count just those. A longer
        # phrase occurs only where its first three words do: each three-word start is searched for
        # once, and the four- and five-word phrases on it are checked at its places alone.
        least = self.settings["min-phrase-count"]
        headline_slots = {id(text) for text in (doc.title, doc.meta.get("description"), doc.headline) if text is not None}
        one = {}.setdefault  # one str for each word (a long page's 33,000 headings repeat theirs: 20 MB as copies)
        headings = [list(map(one, words, words)) for words in (article.unit(here).split(" ") for here, unit in enumerate(units) if not unit.prose)]
        heads: dict[str, list[tuple[list[str], int]]] = defaultdict(list)  # three words -> (heading, where)
        for words in headings:
            for i in range(len(words) - 2):
                if words[i] not in STOPWORDS:
                    heads[f"{words[i]} {words[i + 1]} {words[i + 2]}"].append((words, i))
        starts_found = article.places_of(heads)  # three words -> where they occur (those that do)
        phrase_places: dict[str, Sequence[int]] = {}  # phrase -> where it occurs
        for head, held in heads.items():
            places = starts_found.get(head, ())
            if len(places) < least:
                continue
            # A start many headings share ("Tessa Lindgren Ottilie … 1", "… 2"): the words after each
            # of its places are read once, where a search of its places for each heading's longer
            # phrase grew with the headings squared (4,000 headings: 3 s).
            after = _by_words_after(places, article.words_after(places, len(head))) if len(held) > _SHARED_HEADS else None
            for words, i in held:
                for size in (3, 4, 5):
                    if i + size <= len(words) and words[i + size - 1] not in STOPWORDS:
                        key = " ".join(words[i : i + size])
                        if key not in phrase_places:  # three words are the start itself, already placed
                            if size == 3:
                                phrase_places[key] = places
                            elif after is not None:
                                phrase_places[key] = after.get(" ".join(words[i + 3 : i + size]), ())
                            else:
                                phrase_places[key] = article.followed_by(f" {key} ", places)
        repeated = [(key.count(" ") + 1, places, len(key)) for key, places in phrase_places.items() if len(places) >= least]
        # longest, then first in the text (one phrase of a size starts at a place)
        for size, places, length in sorted(repeated, key=lambda r: (-r[0], r[1][0])):
            held = [bisect_right(starts, place) - 1 for place in places]  # the unit each is in
            # (Never in prose alone: the heading it comes from holds it.)
            if not _mixes_name_and_topic(_spellings(units, article, places, held, size, length)):
                continue  # most candidates: a name alone ("Tessa Lindgren Ottilie"), read without counting words
            occurrences, index, counted, word = [], -1, 0, 0
            for place, here in zip(places, held):
                if here != index:
                    index, counted, word = here, 0, 0
                    piece, base = article.piece_of(starts[index])
                # Words before this place, counted on from the last place in the same unit: counting
                # from the unit's start each time made one long paragraph quadratic.
                offset = place - starts[index]
                word += piece.count(" ", place - offset + counted - base, place - base)
                counted = offset
                occurrences.append((units[index], word))
            # The keyphrase once in each of the title, the meta description and the headline is
            # where SEO guidance puts it (the title often repeats the headline): only the rest count.
            expected = {id(unit.text) for unit, _ in occurrences if id(unit.text) in headline_slots}
            if len(occurrences) - len(expected) < least:
                continue
            # positions only now: most candidate phrases never get this far
            spans = [(u.text, u.spans[i][0], u.spans[i + size - 1][1]) for u, i in occurrences]
            if sum(claimed.covers(t, s) for t, s, _ in spans) * 2 >= len(spans):
                continue  # part of a longer phrase already reported
            claimed.add(spans)
            yield _stuffed(doc, carrying, spans)

    def _title_phrases(self, doc: Document, units, claimed, article: _Article, carrying: set[int]):
        """A search phrase from the title, the headline or the URL slug ("How Tall Is Star X Really",
        "rapper net worth") forced into `min-title-phrase-count` body sentences or more, whatever its
        capitalisation: quoted, capitalised mid-sentence, or lower-case where grammar wants "'s"."""
        least = self.settings["min-title-phrase-count"]
        seen = set()
        located: dict[int, _SentenceOrQuote] = {}  # by id() of the unit
        phrases = _search_phrases(doc)
        if len(phrases) > _SEARCHED_HEADS:
            # A title of thousands of parts: a phrase stands no more often than its first three words,
            # found for all in one pass over the article's words, where a count of each phrase grew
            # with the parts times the page (8,000 parts: 2.3 s).
            placed = article.places_of({_first_three(phrase) for phrase in phrases})
            phrases = [phrase for phrase in phrases if len(placed.get(_first_three(phrase), ())) >= least]
        for phrase in phrases:
            # The article's words hold it at least as often as the body does: most phrases stop here.
            if phrase in seen or article.count(f" {phrase} ") < least:
                continue
            seen.add(phrase)
            pattern = re.compile(r"(?<![\w’'])" + r"\W{1,3}".join(map(re.escape, phrase.split())) + r"(?![\w’'])", re.I)
            places = [(unit, match.start(), match.end()) for unit in units for match in pattern.finditer(unit.text.text)]
            # Counted in body sentences, a quotation once however often its speaker says it; reported
            # with the title and headings that carry it too.
            sentences = set()
            for unit, start, _ in places:
                if unit.prose:
                    if id(unit) not in located:
                        located[id(unit)] = _SentenceOrQuote(unit.text)
                    sentences.add((id(unit), located[id(unit)](start)))
            places = [(unit.text, start, end) for unit, start, end in places]
            if len(sentences) < least or sum(claimed.covers(t, s) for t, s, _ in places) * 2 >= len(places):
                continue
            claimed.add(places)
            yield _stuffed(doc, carrying, places)

    def _density(self, doc: Document, units, keyphrase: str):
        pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, keyphrase.split())) + r"\b", re.I)
        places = [(unit.text, m) for unit in units for m in pattern.finditer(unit.text.text)]
        density = 100.0 * len(places) / max(1, doc.word_count)
        if places and density > self.settings["max-density"]:
            text, match = places[0]
            yield Problem(
                f'Keyphrase "{keyphrase}" appears {len(places)} times ({density:.1f} per 100 words, '
                f'over {self.settings["max-density"]:g}); use it less',
                text,
                match.start(),
                match.end(),
            )


# Words that make a title phrase a search query rather than a name or a work's title.
SEARCH_WORDS = frozenset(
    """age biography boyfriend girlfriend husband wife dating married tall height weight worth net salary
    earnings fortune rich richest rankings ranked ranking explained revealed truth secret secrets really
    facts wiki career best top guide everything know why how what who kids children parents family
    actresses actors movies shows songs albums""".split()
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_TITLE_PARTS = re.compile(r"\s*(?:[:?!|]|\s[–—-]\s)\s*")
_SLUG_SEPARATORS = re.compile(r"[-_]+")
_TITLE_WORD = re.compile(r"[\w’']+")


def _search_phrases(doc: Document) -> list[str]:
    """Lower-case phrases of 3-8 words from the title, the headline and the canonical URL's slug
    that carry a search word: the whole title part, and the part without its trailing year."""
    texts = [t.text for t in (doc.title, doc.headline) if t is not None]
    if doc.canonical:
        slug = doc.canonical.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        texts.append(" ".join(w for w in _SLUG_SEPARATORS.split(slug) if not w.isdigit() or len(w) == 4))
    phrases = []
    for text in texts:
        for part in _TITLE_PARTS.split(text):
            words = _TITLE_WORD.findall(part.lower())
            for candidate in (words, words[:-1] if words and _YEAR.fullmatch(words[-1]) else ()):
                if 3 <= len(candidate) <= 8 and any(w in SEARCH_WORDS for w in candidate):
                    phrases.append(" ".join(candidate))
    return phrases


class _SentenceOrQuote:
    """Where a position of a text falls: the quotation around it, else its sentence (a phrase
    repeated in one sentence, or inside one direct quote, counts once). The text's quotations and
    sentences (both in order, none overlapping) are listed once and each position found by a
    binary search: a scan of them per place made a long paragraph stuffed thousands of times
    quadratic (tests/test_keyword_stuffing_runs.py checks this against the scan)."""

    def __init__(self, text: MappedText):
        passages = QuotedPassages(text.text)
        self.quotes, self.quote_starts = passages.spans, passages.starts
        self.text = text

    def __call__(self, position: int) -> tuple[str, int]:
        here = bisect_left(self.quote_starts, position) - 1  # the last quotation opening before it
        if here >= 0 and position < self.quotes[here][1]:
            start, end = self.quotes[here]
            # One quotation unless it is just the phrase itself ("typing “How Tall Is X?” into …").
            if end - start > 80:
                return ("quote", start)
        here = self.text.sentence_holding(position)
        return ("sentence", -1 if here is None else here)


class _KnownNames:
    """Whether the prose uses a name on its own: the whole name as a run of its own ("Lena
    Dunham met …"), or its last word alone in mid-sentence ("… Portman said"). A question costs
    the capitalised places of the name's first word, not a scan of the article: while few words
    may be asked for (``words``, every word of the runs tried), each is searched for once it is;
    for more, the prose's capitalised words are indexed in one pass (a search for each of a long
    page's hundreds of names would grow with its length times the names). Likewise a first word
    standing at many places has them sorted once by the word after it, so that a name walks only
    the places where its second word may follow, not every place of its first word."""

    def __init__(self, texts: list[str], words: set[str]):
        # An article's texts are joined by line breaks (a word is searched for once), a long
        # page's kept apart: one wide character in one block made a joined copy of its prose (and
        # of its lower case) 4 bytes a character, the rule's peak of memory. A place is an offset
        # into the texts joined (``starts``: each text's), and the prose around it is read
        # from that join (``_slice``).
        # Lowered a text at a time, which is the join lowered whole, as a line break ends the
        # context of a Greek final sigma (and faster: lower() reads a text of ASCII alone a quicker
        # way); a long page's each time it is read (all at once they were 82 MB on a 52.7 MB page).
        if len(texts) <= _PIECE_UNITS:
            texts, lowered = ["\n".join(texts)], ["\n".join([text.lower() for text in texts])]
        else:
            lowered = MadeWhenRead(str.lower, texts)
        self.texts = texts
        self.starts = array("q", accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        same = sum(map(len, lowered)) == sum(map(len, texts))
        self.lowered = lowered if same else texts  # lower() may lengthen rare characters
        self.searched = len(words) <= _SEARCHED_WORDS
        # lower-case word -> where it starts capitalised
        self.capitalised: dict[str, Sequence[int]] = {} if self.searched else _capitalised_index(texts, self.lowered)
        self.answers: dict[tuple[str, ...], bool] = {}
        self.surnames: dict[str, bool] = {}
        self.walked: set[str] = set()
        self.followed: dict[str, tuple[list[str], dict[str, Sequence[int]]]] = {}  # first word -> its places by the next word

    def _capitalised(self, word: str) -> Sequence[int]:
        if self.searched and word not in self.capitalised:
            self.capitalised[word] = _capitalised_places(self.texts, self.lowered, word)
        return self.capitalised.get(word, [])

    def _slice(self, start: int, end: int) -> str:
        """The texts joined by line breaks, from ``start`` to ``end``, without joining them."""
        if len(self.texts) == 1:  # an article's, joined
            return self.texts[0][start:end]
        here = bisect_right(self.starts, start) - 1
        base, text = self.starts[here], self.texts[here]
        pieces = [text[start - base : end - base]]
        while end > base + len(text) and here + 1 < len(self.texts):  # on into the next text
            here += 1
            base, text = self.starts[here], self.texts[here]
            pieces.append(text[: end - base])
        return "\n".join(pieces)

    def _places(self, words: tuple[str, ...]) -> Sequence[int]:
        """The capitalised places of ``words[0]`` where ``words`` may stand, in no particular
        order: all of them, or, for a first word at many places from the second name asked on,
        those followed by one space and a word starting with ``words[1]``
        (tests/test_keyword_stuffing_runs.py checks that names are found alone or not either way)."""
        first, places = words[0], self._capitalised(words[0])
        if len(words) == 1 or len(places) <= _FOLLOWED_PLACES:
            return places
        if first not in self.followed:
            if first not in self.walked:  # the first name to start with it: its walk often ends early
                self.walked.add(first)
                return places
            by_next: dict[str, Sequence[int]] = defaultdict(partial(array, "q"))  # as the index is
            for at in places:
                here = bisect_right(self.starts, at) - 1
                follows = _NEXT_WORD.match(self.lowered[here], at - self.starts[here] + len(first))
                if follows:
                    by_next[follows.group(1)].append(at)
            self.followed[first] = (sorted(by_next), by_next)
        nexts, by_next = self.followed[first]
        found = []  # the words starting with words[1] sort together, from where it would sort
        for after in islice(nexts, bisect_left(nexts, words[1]), None):
            if not after.startswith(words[1]):
                break
            found += by_next[after]
        return found

    def __call__(self, name: tuple[str, ...]) -> bool:
        if name not in self.answers:
            self.answers[name] = self._alone(name) or self._surname_alone(name[-1])
        return self.answers[name]

    def _surname_alone(self, word: str) -> bool:
        # the last word of many names: asked once
        if word not in self.surnames:
            self.surnames[word] = self._alone((word,), mid_sentence=True)
        return self.surnames[word]

    def _alone(self, words: tuple[str, ...], mid_sentence: bool = False) -> bool:
        needle = " ".join(words)
        for at in self._places(words):
            here = bisect_right(self.starts, at) - 1
            text, start, end = self.texts[here], at - self.starts[here], at - self.starts[here] + len(needle)
            # the prose around, read from the place's own text unless it reaches past it
            after = text[end : end + 2] if end + 2 <= len(text) else self._slice(at + len(needle), at + len(needle) + 2)
            if (
                self.lowered[here].startswith(needle, start)
                and not _WORD_CHAR.match(after)
                and not (after[:1] == " " and after[1:].isupper())
            ):
                before = text[start - 40 : start] if start >= 40 else self._slice(max(0, at - 40), at)
                previous = _PREVIOUS_WORD.search(before)
                stripped = before.rstrip(" \"“‘'(")
                opens = not stripped or stripped.endswith(_SENTENCE_END)
                longer_run = previous and previous.group(1)[:1].isupper() and previous.group(1).lower() not in LEADING
                if not longer_run and not (mid_sentence and opens):
                    return True
        return False


# Most words of the runs tried for which each is searched for, not the prose indexed. An index
# costs as much as 9 searches on a synthetic article, 15 on a real page and 5 on a 300,000-word
# page; those runs hold 4-17 words on an article (of which two are asked for, at most ten), 52 on
# that page.
_SEARCHED_WORDS = 20
# Above this many places, a first word's places are sorted by the word after them once, not walked
# for each name (a 100,000-word paragraph asks hundreds of names, their first words at thousands).
_FOLLOWED_PLACES = 32
_NEXT_WORD = re.compile(r" ([^ \n]*)")


def _capitalised_index(texts: list[str], lowered: list[str]) -> dict[str, Sequence[int]]:
    """Where each capitalised word of ``texts`` starts (an offset into them joined by line breaks),
    by its form in ``lowered`` (each text lower-cased, of the same length). The places are kept
    in arrays, 8 bytes each against 36 as a list's ``int`` (a long page's names stand at hundreds
    of thousands)."""
    index: dict[str, Sequence[int]] = defaultdict(partial(array, "q"))
    base = 0
    for text, lower in zip(texts, lowered):
        for match in _CAPITALISED_WORD.finditer(text):
            index[lower[match.start() : match.end()]].append(base + match.start())
        base += len(text) + 1
    return index


def _capitalised_places(texts: list[str], lowered: list[str], word: str) -> list[int]:
    """``_capitalised_index(texts, lowered).get(word, [])`` by a search for the word alone: far
    cheaper while few words are asked for (tests/test_keyword_stuffing_runs.py checks they agree)."""
    places, base = [], 0
    for text, lower in zip(texts, lowered):
        at = lower.find(word)
        while at != -1:
            if text[at].isupper():  # as each capital of the pattern is; most places found are not
                match = _CAPITALISED_WORD.match(text, at)  # its look-behind sees the text before ``at``
                if match and match.end() == at + len(word):
                    places.append(base + at)
            at = lower.find(word, at + 1)
        base += len(text) + 1
    return places


# Units are joined into pieces of at most this many, and the prose of more is not joined at all
# (_KnownNames): a long page's text is not copied whole (one wide character made the copy 4 bytes
# a character), and an article's is one piece.
_PIECE_UNITS = 1024


class _Article:
    """Every unit's words, lower-cased, one space between words and " \n " between units, a space
    at each end: a phrase occurs wherever " phrase " does, so each candidate is counted by a
    substring search in C instead of building every n-gram of the article in Python. Kept as
    pieces of ``_PIECE_UNITS`` units each joined alike (``bases``: where each starts in the
    article), so a long page holds one lower-cased copy of its words, each piece at its own width,
    and never a list of every unit's words joined beside it; a place is an offset into the whole
    article, which no phrase crosses a line break of (tests/test_keyword_stuffing_runs.py checks
    the pieces against the article whole)."""

    def __init__(self, units, piece_units: int = _PIECE_UNITS, body_words: Sequence[str] | None = None):
        """``body_words``: the last units' words joined (``spaced_words``, shared with the quote
        reader), for an article of one piece."""
        self.pieces: list[str] = []
        self.bases: list[int] = []
        self.lengths = array("q")  # of each unit's words joined, lower-cased (an array: a long page has 270,000)
        base = 0
        stand_ins = _StandIns() if len(units) > piece_units else None  # a long page: pieces held narrow
        for first in range(0, max(len(units), 1), piece_units):
            if body_words is not None and len(units) <= piece_units:
                lead = len(units) - len(body_words)
                written = [" ".join(unit.text.words) for unit in units[:lead]] + list(body_words)
            else:
                written = [" ".join(unit.text.words) for unit in units[first : first + piece_units]]  # a word holds no space
            parts = [part.lower() for part in written]
            piece = " " + " \n ".join(parts) + " "
            self.pieces.append(piece if stand_ins is None else stand_ins.narrowed(piece))
            self.bases.append(base)
            self.lengths.extend(map(len, parts))
            base += len(self.pieces[-1]) + 1
        self.starts = array("q", accumulate((length + 3 for length in self.lengths[:-1]), initial=1) if units else ())  # where each unit's words start
        # each unit's words as written and lower-cased, kept for an article (a long page's are
        # joined again, or sliced from its pieces, where read)
        self.written: list[str] | None = written if len(self.pieces) == 1 else None
        self.lowered: list[str] | None = parts if len(self.pieces) == 1 else None
        self.encoding, self.decoding = stand_ins.settle(self.pieces) if stand_ins is not None else (None, None)

    def piece_of(self, at: int) -> tuple[str, int]:
        """The piece holding the place ``at``, and where it starts (its characters beyond Latin-1
        may stand as others: read its spaces, not its words)."""
        here = bisect_right(self.bases, at) - 1
        return self.pieces[here], self.bases[here]

    def unit(self, here: int) -> str:
        """The unit's words, lower-cased."""
        if self.lowered is not None:
            return self.lowered[here]
        piece, base = self.piece_of(self.starts[here])
        words = piece[self.starts[here] - base : self.starts[here] - base + self.lengths[here]]
        return words if self.decoding is None else words.translate(self.decoding)

    def count(self, sub: str) -> int:
        """``article.count(sub)`` for a ``sub`` holding no line break."""
        if len(self.pieces) == 1:
            return self.pieces[0].count(sub)
        if self.encoding is not None:
            sub = sub.translate(self.encoding)
        return sum(piece.count(sub) for piece in self.pieces)

    def followed_by(self, needle: str, places: list[int]) -> list[int]:
        """The ``places`` (in order) where ``needle`` (a space, then words and a space) stands in
        the article from the space before: ``article.startswith(needle, at - 1)``."""
        if len(self.pieces) == 1:
            starts = self.pieces[0].startswith
            return [at for at in places if starts(needle, at - 1)]
        if self.encoding is not None:
            needle = needle.translate(self.encoding)
        # Only the pieces that hold places are read: a phrase asked about on a long page is in a few
        # of its pieces, and a walk through all of them for each phrase grew with the page squared.
        found, first = [], 0
        while first < len(places):
            piece, base = self.piece_of(places[first])
            last = bisect_left(places, base + len(piece) + 1, first)  # the places in this piece
            found += [at for at in places[first:last] if piece.startswith(needle, at - 1 - base)]
            first = last
        return found

    def places_of(self, heads: Collection[str]) -> dict[str, Sequence[int]]:
        """``_places_of`` in the whole article."""
        if len(self.pieces) == 1:
            return _places_of(self.pieces[0], heads)
        # as the pieces hold them; places in arrays (a long page's heads stand at 400,000 places)
        searched = {head if self.encoding is None else head.translate(self.encoding): head for head in heads}
        found: dict[str, Sequence[int]] = {}
        for piece, base in zip(self.pieces, self.bases):
            for head, places in _places_of(piece, searched).items():
                if searched[head] not in found:
                    found[searched[head]] = array("q")
                found[searched[head]].extend([base + at for at in places])
        return found

    def words_after(self, places: Sequence[int], length: int) -> list[tuple[str, str]]:
        """The two tokens after the phrase of ``length`` characters and its space at each of
        ``places`` (in order), as the article reads them: what stands between the next single
        spaces (a line break where a unit ends, an empty string at a piece's end)."""
        found = []
        piece, base, end = "", 0, -1
        for at in places:
            if not base <= at < end:  # the piece holding the place (they come in order)
                piece, base = self.piece_of(at)
                end = base + len(piece)
            first = at - base + length + 1
            middle = piece.find(" ", first)
            middle = len(piece) if middle == -1 else middle
            last = piece.find(" ", middle + 1)
            pair = (piece[first:middle], piece[middle + 1 : len(piece) if last == -1 else last])
            found.append(pair if self.decoding is None else (pair[0].translate(self.decoding), pair[1].translate(self.decoding)))
        return found


# Stand-ins for the characters beyond Latin-1 in a long page's pieces: the control characters a
# large page's source is held narrow with, which no word holds and split() does not split at.
_HOLDS_STAND_IN = re.compile(f"[{re.escape(PLACEHOLDERS)}]")


class _StandIns:
    """Each character beyond Latin-1 in a long page's pieces replaced, as each piece is made, by a
    stand-in of its own: a page's curly apostrophes held its pieces at two bytes a character
    (86 MB on a 52.7 MB page; now 43). :meth:`settle` gives the tables that translate text to the
    pieces' form and back, or (None, None) and the pieces as they were when the stand-ins gave
    out (a page in Greek) or a piece held one already."""

    def __init__(self) -> None:
        self.encoding: dict[int, str] = {}
        self.gave_out = False
        self.narrowed_pieces = 0  # the first pieces: those made before the stand-ins gave out

    def narrowed(self, piece: str) -> str:
        if self.gave_out or _HOLDS_STAND_IN.search(piece):
            self.gave_out = True
            return piece
        encoding, narrow = self.encoding, piece
        for char in set(BEYOND_LATIN1.findall(piece)):
            if ord(char) not in encoding:
                if len(encoding) == len(PLACEHOLDERS):
                    self.gave_out = True
                    return piece
                encoding[ord(char)] = PLACEHOLDERS[len(encoding)]
            narrow = narrow.replace(char, encoding[ord(char)])  # (replace is C's search; translate reads every character)
        self.narrowed_pieces += 1
        return narrow

    def settle(self, pieces: list[str]) -> tuple[dict[int, str], dict[int, str]] | tuple[None, None]:
        """Once every piece is made: the tables, or (None, None) and the pieces narrowed given back."""
        decoding = {ord(stand_in): chr(wide) for wide, stand_in in self.encoding.items()}
        if not self.gave_out:
            return self.encoding, decoding
        pieces[: self.narrowed_pieces] = [piece.translate(decoding) for piece in pieces[: self.narrowed_pieces]]
        return None, None


# Above this many heading phrases, one pass over the article's words beats a search per phrase
# (a page of 2,000 headings: 2.8 s of searches).
_SEARCHED_HEADS = 200
# Above this many headings holding a three-word start, the words after its places are read once
# (_by_words_after) rather than searched for each heading's longer phrases.
_SHARED_HEADS = 8


def _places_of(article: str, heads: Collection[str]) -> dict[str, list[int]]:
    """Where each three-word ``head`` that ``article`` holds starts there as whole words (words
    between single spaces, units between " \\n "): a substring search in C per head, or for very
    many heads one pass over the article's words, so the cost never grows with heads times
    article length. Heads it does not hold are left out: a long page's pieces are each asked
    about all its heads (40,000 headings in 20 pieces: 800,000 empty lists)."""
    if len(heads) <= _SEARCHED_HEADS:
        return {head: places for head in heads if (places := _places(article, head))}
    found: dict[str, list[int]] = {}
    tokens, at = article.split(" "), 0
    for i in range(len(tokens) - 2):
        head = f"{tokens[i]} {tokens[i + 1]} {tokens[i + 2]}"
        if head in heads:
            if head in found:
                found[head].append(at)
            else:
                found[head] = [at]
        at += len(tokens[i]) + 1
    return found


def _first_three(phrase: str) -> str:
    """The first three words of a phrase of three words or more (words between single spaces)."""
    return " ".join(phrase.split(" ", 3)[:3])


def _by_words_after(places: Sequence[int], after: list[tuple[str, str]]) -> dict[str, list[int]]:
    """The ``places`` (in order) under the word after each (``after``: the two after each), and
    under the two words: where each four- and five-word phrase on a three-word start stands."""
    index: dict[str, list[int]] = defaultdict(list)
    for at, (first, second) in zip(places, after):
        index[first].append(at)
        index[f"{first} {second}"].append(at)
    return index


def _places(article: str, phrase: str) -> list[int]:
    """Where ``phrase`` starts as whole words in ``article`` (words between single spaces)."""
    # " phrase" is searched for and the space after it checked: the search skips ahead further
    # past a needle's last character when that is not the common space (a fifth faster).
    needle, places = f" {phrase}", []
    found = article.find(needle)
    while found != -1:  # a phrase may overlap itself ("la la la"): step one character
        if article.startswith(" ", found + len(needle)):
            places.append(found + 1)
        found = article.find(needle, found + 1)
    return places


def _stuffed(doc: Document, carrying: set[int], places) -> Problem:
    """The document-level finding: the phrase, its count and density, the headings carrying it
    (``carrying``: the ids of the title's, the description's, the headings' and captions' texts)."""
    first, start, end = places[0]
    carriers = list({id(t): t for t, _, _ in places if id(t) in carrying}.values())  # in order, once each
    density = 100.0 * len(places) / max(1, doc.word_count)
    where = f"; in {_carried_by(doc, carriers)}" if carriers else ""
    return Problem(
        f'Keyphrase "{first.text[start:end]}" is stuffed: {len(places)} times ({density:.1f} per 100 words){where}',
        first,
        start,
        end,
    )


def _carried_by(doc: Document, carriers: list[MappedText]) -> str:
    """Which title, description, headings and captions carry the phrase, so an editor can find
    them: "the title, the meta description and 2 headings (lines 12, 40)"."""
    names, lines = [], {"heading": [], "caption": []}
    for text in carriers:
        if isinstance(text, Block):
            lines[text.kind].append(str(doc.lines.position(text.source_span(0, 1)[0])[0]))
        else:
            names.append("the meta description" if text is doc.meta.get("description") else "the title")
    for kind, found in lines.items():
        if len(found) == 1:
            names.append(f"a {kind} (line {found[0]})")
        elif found:
            names.append(f"{len(found)} {kind}s (lines {', '.join(found)})")
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class _Claimed:
    """Occurrences already reported, (text, start, end); whether a position lies inside one is
    a binary search, as a page stuffed thousands of times must not cost a scan per occurrence."""

    def __init__(self) -> None:
        self.spans: dict[int, list[tuple[int, int]]] = defaultdict(list)  # by id() of the text
        self.index: dict[int, tuple[list[int], list[int]]] = {}  # starts in order, furthest end so far

    def add(self, places: list[tuple[MappedText, int, int]]) -> None:
        for text, start, end in places:
            self.spans[id(text)].append((start, end))
            self.index.pop(id(text), None)

    def covers(self, text: MappedText, position: int) -> bool:
        key = id(text)
        if key not in self.index:
            spans = sorted(self.spans.get(key, ()))
            self.index[key] = ([start for start, _ in spans], list(accumulate((end for _, end in spans), max)))
        starts, reach = self.index[key]
        before = bisect_right(starts, position) - 1
        return before >= 0 and reach[before] > position


def _spellings(units, article: _Article, places: list[int], held: list[int], size: int, length: int) -> set[str]:
    """How a phrase of ``size`` words (``length`` characters lower-cased) is written at each of its
    ``places`` in prose (``held``: the unit of each, in order), its words joined by spaces: read
    off the unit's words as written where its lower-cased ones hold it, if lowering kept the
    unit's length (else its words before the place are counted)."""
    spellings, index, counted, word, spaced = set(), -1, 0, 0, ""
    for place, here in zip(places, held):
        if not units[here].prose:
            continue
        offset = place - article.starts[here]
        if here != index:  # words counted on from the last place in the unit, as _repeated_phrases does
            index, counted, word = here, 0, 0
            spaced = article.written[here] if article.written is not None else " ".join(units[here].text.words)
        if len(spaced) == article.lengths[here]:
            spellings.add(spaced[offset : offset + length])
            continue
        piece, base = article.piece_of(place)
        word += piece.count(" ", place - offset + counted - base, place - base)
        counted = offset
        spellings.add(" ".join(units[here].text.words[word : word + size]))
    return spellings


def _mixes_name_and_topic(spellings: set[str]) -> bool:
    """In running prose the phrase is a name followed by topic words ("Glass Orchard set drama"):
    not just a name or a title ("Harbor City Film Festival"), nor a topic that mentions a name
    ("premiere of 'Night Harbor'"), which good copy repeats naturally. ``spellings``: how it is
    written in prose, its words joined by spaces (a phrase's occurrences mostly read alike)."""
    for spelling in spellings:
        words = spelling.split(" ")
        if words[0][0].isupper() and any(w[0].islower() and w not in STOPWORDS for w in words):
            return True
    return False


def _jams(units, least: int) -> list[list[tuple[MappedText, int, int]]]:
    """Each pair of names jammed together at `least` places or more, as (text, start, end) of
    each place, in the order of their first places."""
    runs = _long_runs(units)
    # A stuffed pair stands in the same run again and again (an article's 16 runs are 5 distinct
    # ones): each distinct run is lowered, spanned and read for names once, in the order of its
    # first place, so the names are asked about in the order trying every run would ask them.
    kinds: dict[tuple[str, ...], int] = {}  # a run's words -> its kind
    kind_of = [kinds.setdefault(words, len(kinds)) for _, _, words in runs]
    lowered = [[word.lower() for word in words] for words in kinds]
    worth = _worth_trying(lowered, kind_of, least)
    if not any(worth):
        return []
    asked = {word for lower, tried in zip(lowered, worth) if tried for word in lower}  # any may start a name
    known = _KnownNames([unit.text.text for unit in units if unit.prose], asked)
    read: dict[int, list[tuple[tuple[str, ...], int, int]]] = {}  # a kind -> its pairs, where in the run
    found: dict[tuple[str, ...], list[tuple[MappedText, int, int]]] = defaultdict(list)
    for (text, start, words), kind in zip(runs, kind_of):
        if not worth[kind]:
            continue
        if kind not in read:
            read[kind] = _name_pairs(words, lowered[kind], known)
        for pair, begin, end in read[kind]:
            found[pair].append((text, start + begin, start + end))
    return [places for places in found.values() if len(places) >= least]


def _name_pairs(words: tuple[str, ...], lowered: list[str], known: _KnownNames) -> list[tuple[tuple[str, ...], int, int]]:
    """Each pair of names in a run (its words, and those lower-cased), read from its start, with
    where it starts and ends in the run."""
    starts = list(accumulate((len(word) + 1 for word in words[:-1]), initial=0))
    pairs, i = [], 0
    while i + 4 <= len(words):
        pair = _name_pair(lowered, i, known)
        if pair:
            last = i + len(pair) - 1
            pairs.append((pair, starts[i], starts[last] + len(words[last])))
            i += len(pair)
        else:
            i += 1
    return pairs


def _worth_trying(runs: list[list[str]], kind_of: list[int], least: int) -> list[bool]:
    """Whether each distinct run (its lower-case words) could hold a pair of names jammed at
    `least` places: the words a pair could span from some place of it occur at that many places
    of the runs (``kind_of``: which distinct run stands at each place). Most articles have no such
    run, so they never ask whether a name stands alone (tests/test_keyword_stuffing_runs.py
    checks that skipping the others finds what trying every run finds). Each run's spans are listed once and kept as a tuple (an article: 27 us, against
    45 listed twice): the garbage collector stops walking a tuple of strings after its first
    look, where a long page's spans kept as lists slowed its collections."""
    spans = [tuple(_pair_spans(words)) for words in runs]
    held = Counter(chain.from_iterable(map(spans.__getitem__, kind_of)))
    return [any(held[span] >= least for span in run) for run in spans]


def _pair_spans(words: list[str]) -> list[str]:
    """The words a pair of names could span from each place of a run (four to six, not ending in
    "Festival" and the like)."""
    return [
        " ".join(words[i:end])
        for i in range(len(words) - 3)
        for end in range(i + 4, min(i + 6, len(words)) + 1)
        if words[end - 1] not in INSTITUTIONS
    ]


_POSSESSIVE = ("'", "’", "'s", "’s")


def _name_pair(words: list[str], i: int, known: _KnownNames) -> tuple[str, ...] | None:
    """Two names starting at words[i] (a run's lower-case words), each two or three words long.
    A name is known when the article also uses it on its own, in full or by surname ("Portman said")."""
    # "the Harbor City Hawks' Dara Osei": a team's player, written as a reader would. No pair reaches
    # over a possessive before its last word: the first of the five words a pair may span before
    # its last is found once, not looked for in each of the four pairs (most runs hold no apostrophe).
    ahead = words[i : i + 5]
    possessive = len(ahead)
    if "'" in (spanned := " ".join(ahead)) or "’" in spanned:
        possessive = next((k for k, word in enumerate(ahead) if word.endswith(_POSSESSIVE)), possessive)
    for first in (2, 3):
        for second in (2, 3):
            if possessive < first + second - 1 or i + first + second > len(words):
                continue  # a possessive inside the pair, or too few words left for the second name
            a, b = tuple(words[i : i + first]), tuple(words[i + first : i + first + second])
            if a != b and known(a) and known(b) and b[-1] not in INSTITUTIONS:
                return a + b
    return None
