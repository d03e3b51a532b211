"""Finding quotations in body text and deciding whether anyone is named as saying them.

Shared by ``unattributed-quote`` (speech with no speaker), ``anonymous-source`` (speech pinned
only on someone unnamed) and ``scare-quote`` (a quoted word or short phrase that is not speech),
so they can never disagree about what a quotation is or who said it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Iterator, NamedTuple

from ..document import Block, Document
from ..document.sentences import QUOTED, is_title_case
from .memo import latest_document
from .patterns import LazyPattern
from .phrases import trie
from .prose import spaced_words
from .teasers import is_link_text, is_teaser, looks_like_headline

__all__ = ["SPEECH_MIN_WORDS", "VERBS", "VERB_WORDS", "Quotation", "anonymously_attributed", "pinned_on_someone", "quotations", "unattributed"]

SPEECH_MIN_WORDS = 5  # shorter quotes without closing punctuation are scare quotes or titles

# Verbs and forms of saying, as one trie (a flat alternation of 121 words tried each of them at
# every word: 2.6x slower).
VERB_WORDS = """
    said says say told tells tell added adds wrote writes posted posts explained explains recalled recalls
    joked jokes noted notes continued continues asked asks replied replies admitted admits insisted insists
    laughed laughs shared shares revealed reveals tweeted tweets stated states quipped quips confirmed confirms
    remarked remarks acknowledged acknowledges argued argues declared declares announced announces captioned
    commented comments responded responds concluded concludes offered offers agreed agrees described describes
    reflected reflects mused muses sighed smiled shrugged conceded concedes boasted boasts warned warns
    promised promises teased teases gushed gushes wondered wonders explaining adding saying telling writing
    answered answers whispered whispers shouted shouts yelled yells remembered remembers testified testifies
    sang sings read reads claimed claims
    noting describing calling stating arguing warning insisting claiming recalling admitting declaring
    announcing confirming revealing promising urging quipping joking
    alleged alleges contended contends countered counters maintained maintains asserted asserts
    called calls dubbed dubs thanked thanks praised praises hailed hails dismissed dismisses urged urges
    vowed vows denied denies pleaded pleads apologized apologised apologizes apologises
    written related relates assured assures begged begs claim ordered orders
""".split()  # "…," the statement read; she sings, "…"; court copy's; partial quotes: Variety called it "…"; "…," Osei has written
VERBS = trie(VERB_WORDS)


class _Verbs(NamedTuple):
    """A pattern of attribution, spelled for lower-cased text (no re.I: read twice as fast) and
    for text as written (re.I), which :func:`_verb_matches` reads where lower case would differ."""

    lowered: LazyPattern
    any_case: LazyPattern


def _verbs(pattern: str) -> _Verbs:
    return _Verbs(LazyPattern(pattern), LazyPattern(pattern, re.I))


# The patterns of attribution below put one word boundary before all their alternatives, not
# one before each: the verb search took three times as long (each part here follows that \b).
# "in an interview", "in her acceptance speech", "in a statement to Variety"
_IN_A = r"in\s+(?:an?|his|her|their|its|the)\s+(?:[\w-]+\s+){0,2}?"
# "Finch issued a statement on Wednesday.", "released a tribute:" before the quote
_ISSUED = r"(?:issued|issuing|released|releasing|shared|sharing|posted|posting|read)\s+(?:an?|his|her|their|its|the)\s+(?:[\w-]+\s+)?(?:statement|tribute|message|note|letter|eulogy)\b"
_ISSUED += r"|the\s+following\s+(?:statement|message|note|post)\b"  # "…, which contains the following statement:"
# Where words were said: "according to", "in her acceptance speech"; a quote's own sentence may also name a text.
_VENUES = "interview|statement|post|video|podcast|caption|speech"
_SAID_IN = rf"according\s+to\b|{_IN_A}(?:{_VENUES})\b"
_ATTRIBUTION = _verbs(
    rf"\b(?:(?:{VERBS})\b|according\s+to\b|{_IN_A}(?:{_VENUES}|essay|op-ed|memoir|letter)\b"
    rf"|{_ISSUED}|put\s+it\b"  # as he later put it, "…"
    r"|in\s+(?:the|his|her|their)\s+(?:own\s+)?words\s+of\b"  # in the words of the patient: "…"
    r"|statement\s+(?:began|begins|opened|opens|continued|continues)\b"  # "…," the statement began
    r"|(?:his|her|their)\s+(?:line|words|message|reply|response|answer|advice|verdict)\b)"
    r"|['’]s\s+(?:line|words|message|reply|response|answer|advice|verdict)\b"  # Brekke's line, "…"
)
# A neighbouring sentence attributes a quote only with a verb of saying: "Reed posted the message",
# not "He still describes his debut as …" or "the network offered her a raise".
_SPEECH_WORDS = """
    said says say told tells added adds wrote writes posted posts explained explains recalled recalls joked jokes
    continued continues replied replies tweeted tweets insisted insists quipped quips answered answers
    remembered remembers testified testifies asked asks whispered whispers
""".split()
_SPEECH = _verbs(rf"\b(?:(?:{trie(_SPEECH_WORDS)})\b|{_SAID_IN}|{_ISSUED})")
# A quoted word is someone's word only by a verb of saying or naming, or "in her words": "she
# described the shoot as "intense"", "Banes called the snub "disappointing"", not "he shared his
# "healthy" recipe".
_WORD_ATTRIBUTION = _verbs(
    rf"\b(?:(?:{trie(_SPEECH_WORDS + 'described describes called calls captioned captions dubbed dubs'.split())})\b"
    rf"|{_SAID_IN}|(?:his|her|their)\s+words\b)|['’]s\s+words\b"
)
# The parts of _SPEAKER that tests/test_quotes.py also spells the plain way: a pronoun; a role that
# names a person nearby ("the singer", "his longtime manager", "a 34-year-old"); a body or text
# that speaks ("…," it says).
_PRONOUN = r"(?i:he|she|they|we|him|her|them|his|hers|their)\b"
_ROLE = (
    r"(?i:the|a|an|his|her|their)\s+(?i:(?:former|longtime|veteran|late|then|senior|chief|lead|head)\s+)?"
    r"(?i:(?:crew|cast|band|family|staff|board|jury)\s+members?|critic|official|analyst|coach|quarterback|teammate|"
    r"widow|widower|playwright|organi[sz]er|assistant|person|manager|agent|editor|"
    r"\d+-year-old|actor|actress|star|singer|rapper|director|producer|writer|"
    r"author|comedian|host|creator|showrunner|musician|model|designer|chef|athlete|spokes(?:person|woman|man)|"
    r"representative|rep|publicist|studio|network|streamer|label|company|band|duo|group|couple|filmmaker|"
    r"novelist|songwriter|performer|executive|ceo|president|chairman|chairwoman|judge|lawyer|attorney|statement|"
    r"release|announcement|complaint|lawsuit|suit|filing|indictment|ruling|court|lawyers|attorneys|post|tweet|caption|"
    r"patient|man|woman|report|study|website|description|officer|doctor|doctors|physician|physicians|nurse|letter|"
    r"commander)\b"
)
_IT_SAYS = (
    r"(?i:it)\s+(?i:says|said|reads|read|adds|added|writes|wrote|states|stated)\b"  # a body or text: "…," it says
)

# Someone a quote can be pinned on: a capitalised name, a pronoun, or a role that names a person
# nearby. (One word boundary before all the alternatives but a handle's.)
_SPEAKER = LazyPattern(
    r"\b(?:" + _PRONOUN + r"|I\b|" + _ROLE + "|" + _IT_SAYS +
    r"|[A-Z][\w-]*['’]s\b"  # a named person's or body's: "Voss's lawyers countered", "Brekke's line"
    # an interviewee's own people: "My wife said to me, …", "our manager told us"
    r"|(?i:my|our)\s+(?i:wife|husband|partner|mother|mom|mum|father|dad|parents|sister|brother|son|daughter|"
    r"grandmother|grandfather|aunt|uncle|agent|manager|coach|teacher|friend|boss|director|producer|publicist)\b"
    r"|(?<![.!?]\s)(?<!^)[A-Z][\w’'-]+"  # a capitalised word that is not just starting the sentence
    # or one that does, followed by the verb ("Dunham told …", "Marlow has called the film …")
    r"|^[A-Z][\w’'-]+\s+(?:(?:has|had|have|also|later|once|then|previously|recently)\s+){0,2}(?:" + VERBS + r")\b)"
    r"|@[\w.]+",  # an account's handle: "@mirafans wrote: …"
    re.M,
)
# Speakers that name nobody: a quote pinned on them is anonymous (anonymous-source reports it). Searched in lower-cased
# text, with one word boundary before all the alternatives (2.2x faster than re.I and a boundary each).
_ANONYMOUS = LazyPattern(
    r"\b(?:(?:a|an|one|another|some|several|two|three|multiple)\s+(?:[\w-]+\s+)?"
    r"(?:source|insider|friend|pal|confidant|confidante|tipster|fan|follower|user|netizen|commenter|redditor|tweep"
    r"|person|observer|critic|onlooker|witness|eyewitness|staffer|official|exec|executive|employee|aide|associate"
    r"|relative|acquaintance|bystander|informant|neighbou?r)s?\b"
    r"|one\s+of\s+(?:his|her|their|the)\s+(?:[\w-]+\s+)?(?:friends|sources|insiders|fans|pals|followers)\b"
    r"|(?:the\s+)?(?:sources?|(?<!business\s)insiders?|tipster|confidante?|netizens?|staffers)\b|(?:someone|somebody)\b"
    # a crowd's voices one by one: ""…," another asked", "a third chimed in"
    r"|(?:another|a\s+(?:second|third|fourth)|one\s+more)\s+(?:asked|added|wrote|posted|tweeted|commented|replied|chimed)\b"
    # a statement credited to "the family" or "the couple", with no one named (see anonymous-source)
    r"|the\s+(?:family|couple)\s+(?:said|says|wrote|shared|posted|added)\b|the\s+(?:family|couple)['’]s\s+statement\b"
    r"|(?:people|persons?|those|someone)\s+(?:close\s+to|familiar\s+with|with\s+knowledge\s+of)\b"
    r"|(?:many|some|most)\s+(?:people|fans|critics|observers|viewers)\b"  # "Many people said Tillerman …"
    r"|(?:some|many|most|others|everyone|everybody|nobody|people|experts|observers|critics|analysts|commentators)"
    r"\s+(?:say|says|said|claim|claims|claimed)\b"  # "Some say …", "Experts say …"
    r"|it\s+(?:is|was|has\s+been)\s+said\b|(?:is|are|was|were)\s+said\s+to\b)"  # "It is said that …", "he is said to …"
)
# A named speaker described by an unnamed one's noun: "said Jo Minga, a friend who …"
_NAME_BEFORE = LazyPattern(r"\b[A-Z][\w’'-]+\s+[A-Z][\w’'-]+,\s*$")
# "— Ava Stone" closing a blockquote, on its own line or run onto the quote's last line; an
# embedded post's credit ("— Mira Okafor (@miraokafor) November 17, 2025", "A post shared by …").
# A review roundup's outlet in brackets under the quote ("[ Engadget ]"); a name may open with a digit ("— 9to5Mac").
# A name and role on a line of their own ("Ryan Okoro, CEO") under a blockquote: the names up to
# the comma are looked for first, as the look-aheads after them read the whole line (a quote or a
# paragraph: 5.7 us a text, against 0.4; tests/test_quotes.py checks it against the plain spelling).
_CREDIT_LINE = LazyPattern(
    r"\s*(?:(?:[—–]|--)\s*[A-Z\d]|(?i:an?\s+(?:post|photo|video)\s+shared\s+by)\s+[A-Z@]|\[\s*[A-Z\d][^\]\n]{0,40}\]\s*$"
    r"|(?=[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3},)"
    r"(?!.*\b(?i:you|we|I|he|she|they|it|is|are|was|were|will|can|do|that|which|who|where|when)\b)(?!.*\d)"
    r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3},(?:\s+[\w’'&.-]+){1,5}\s*$)"
)
# A callout box set as a blockquote opens with its label: "Summary Drinking water helps …", "Bottom line: …"
_CALLOUT = LazyPattern(r"(?:Summary|Bottom [Ll]ine|The [Bb]ottom [Ll]ine|Key [Tt]akeaways?|Takeaway|Tip|Note|Editor['’]s [Nn]ote)\b:?\s")
# A social account credited above or before a post: "@mirafans:" on its own line, "mirafans: "…""
_HANDLE_LINE = LazyPattern(r"@[\w.]+\s*:\s*$")
_HANDLE_PREFIX = LazyPattern(r"@?[\w.]{3,30}:\s*")
_DASH_CREDIT = LazyPattern(r"(?:^|\s)(?:[—–]|--)\s*[A-Z\d][\w’'.-]*(?:[ ,]+(?:[A-Z\d][\w’'.-]*|\(@[\w.]+\)))*\s*$")


def _dash_credited(text: str) -> bool:
    """``_DASH_CREDIT.search(text)``, not run on the many quotes without a dash: the search tries
    every position of the text (2.7 us a text, against 0.35)."""
    return ("—" in text or "–" in text or "--" in text) and _DASH_CREDIT.search(text) is not None


@dataclass(frozen=True, slots=True, eq=False)
class Quotation:
    block: Block
    start: int  # offsets in block.text, quote marks included
    end: int
    words: int
    is_speech: bool
    # The speech this quotation goes on from: the quote before it in its paragraph (one speaker
    # a paragraph, as newsrooms write), or a paragraph left open for the quote to run on into.
    continues: Quotation | None = None


@latest_document  # unattributed-quote and scare-quote ask in turn about the same document
def quotations(doc: Document) -> tuple[Quotation, ...]:
    """Every quotation in the body: quoted passages in prose, and each blockquote as a whole."""
    return tuple(_quotations(doc))


def _quotations(doc: Document) -> Iterator[Quotation]:
    body = doc.body
    running_on = None  # a paragraph's quote left open: the next paragraph's opening quote goes on with it
    pulled = None  # the pull quotes' positions, found at the first blockquote: most articles have none
    quoted_above: Quotation | None = None  # the blockquote right above, which a run of them goes on from
    for position, block in enumerate(body):
        text = block.text
        if block.kind != "blockquote":
            quoted_above = None
        if block.kind == "blockquote":
            if pulled is None:
                pulled = _pull_quotes(body, spaced_words(doc))
            # An embedded post's credit line is its own block inside the blockquote: not a quote;
            # nor is a callout box, nor a pull quote, which repeats the article's own words (credited where they stand).
            if (block.words and not is_teaser(doc, block) and not _CREDIT_LINE.match(text) and not _CALLOUT.match(text)
                    and position not in pulled):
                # A run of blockquotes is one passage split into paragraphs: one source.
                quoted_above = Quotation(block, 0, len(text), len(block.words), True, quoted_above)
                yield quoted_above
            running_on = None
            continue
        if '"' not in text and "“" not in text:
            running_on = None  # no quotation opens here, none is left open: most paragraphs
            continue
        speech = running_on if text[:1] in "\"“" else None
        # AP style: a quote running over paragraphs leaves each but the last unclosed, and the
        # next paragraph opens with a quote mark again.
        following = body[position + 1] if position + 1 < len(body) else None
        continued = following is not None and block.kind == following.kind == "paragraph" and following.text[:1] in "\"“"
        open_at = _left_open(text) if continued else None
        running_on = None
        sentence_starts = None
        citation = block.kind == "list-item" and _CITATION.search(text) is not None
        for match in QUOTED.finditer(text, 0, len(text) if open_at is None else open_at):
            if sentence_starts is None:  # only for blocks that quote anything
                sentence_starts = {s.start for s in block.sentences}
            inner = match.group(1) if match.group(1) is not None else match.group(2)
            count = len(inner.split())
            if not count:
                continue
            # A short quote is speech only when it stands alone ("No comment."); inside a sentence
            # it is a title or a borrowed phrase, whatever punctuation American style puts in it.
            # Title Case is a title at any length ("The Man Who Sold the World"), unless shouted.
            opens_sentence = match.start() in sentence_starts or match.start() == 0
            ends_like_speech = inner.rstrip().endswith((".", ",", "?", "!", "…", "—", ";"))
            is_speech = (count >= SPEECH_MIN_WORDS or (ends_like_speech and opens_sentence)) and (
                inner.isupper() or _not_title_case(inner)
            ) and not citation and not _WORK_BEFORE.search(text, max(0, match.start() - 24), match.start())
            quote = Quotation(block, match.start(), match.end(), count, is_speech, speech if is_speech else None)
            if is_speech:
                speech = quote
            yield quote
        if open_at is not None:
            running_on = Quotation(block, open_at, len(text), len(text[open_at:].split()), True, speech)
            yield running_on


# Characters of the body's prose searched at a time for pull quotes (_pull_quotes).
_PROSE_AT_ONCE = 1 << 20


def _pull_quotes(body: Sequence[Block], spaced: Iterable[str]) -> set[int]:
    """The positions in ``body`` of the blockquotes of SPEECH_MIN_WORDS words or more that repeat
    the article's own words: ``f" {spaced[i]} "`` stands in the other blocks' ``spaced`` (each
    block's words joined by spaces) joined by spaces, with a space at each end. That text is
    searched as it is made, _PROSE_AT_ONCE characters at a time after the end of the part before
    (a long page's whole, 83 MB, and its blocks' words joined, 75 MB more, are never held)."""
    quotes = {position: " ".join(["", *block.words, ""]) for position, block in enumerate(body)
              if block.kind == "blockquote" and len(block.words) >= SPEECH_MIN_WORDS}
    if not quotes:
        return set()
    overlap = max(map(len, quotes.values())) - 1  # where a quote ending in the next part may begin
    found: set[int] = set()

    def search(text: str) -> str:
        found.update([position for position, quote in quotes.items() if position not in found and quote in text])
        return text[-overlap:]

    part, size, before = [" "], 1, ""
    separator = ""
    for spaced_block, block in zip(spaced, body):
        if block.kind != "blockquote":
            part += (separator, spaced_block)
            size += len(separator) + len(spaced_block)
            separator = " "
            if size >= _PROSE_AT_ONCE:
                before = search(before + "".join(part))
                part, size = [], 0
    part.append(" ")
    search(before + "".join(part))
    return found


# A quoted title, not speech: the title of a piece named just before it ("The article "Are
# elections headed to a recount?"", a letter's "Re. "Prop. 13 proves costly,"").
_WORK_BEFORE = LazyPattern(
    r"(?:\b(?:article|story|column|headline|editorial|op-ed|piece|essay|paper|titled|entitled)|\bRe\.)\s*$", re.I
)
# A list item that is a bibliographic reference: its quoted passages are titles ("Learning
# Features from Music Audio". Proceedings … Retrieved 2019-05-02.).
_CITATION = LazyPattern(r"\b(?:Retrieved|doi|arXiv|ISBN|ISSN|Proceedings|Vol\.|pp\.)(?=[\s:.\d])")
# A lower-case word of four characters or more standing between spaces: is_title_case counts it
# as a word of a sentence, and this finds it without splitting the quote into words.
_LOWER_CASE_WORD = LazyPattern(r"(?<!\S)[a-z][a-zA-Z0-9]{3,}(?!\S)")


def _not_title_case(text: str) -> bool:
    """``not is_title_case(text)``, answered for most speech by its first lower-case word
    (is_title_case reads every word: a third of reading a document's quotations)."""
    return _LOWER_CASE_WORD.search(text) is not None or not is_title_case(text)


def _left_open(text: str) -> int | None:
    """Where the quote the paragraph leaves open begins, if it leaves one open."""
    if text.count('"') % 2:
        return text.rfind('"')  # the pairs before it close
    opening = text.rfind("“")
    return opening if opening != -1 and text.find("”", opening) == -1 else None


def unattributed(doc: Document) -> Iterator[Quotation]:
    """The speech in ``doc`` that nobody at all is said to have said, in order."""
    return (quote for quote, found in _speakers(doc).items() if found is None)


def anonymously_attributed(doc: Document) -> Iterator[Quotation]:
    """The speech in ``doc`` pinned only on someone unnamed ("…," a source said; a crowd's
    comments after "Fans reacted:"), in order: ``anonymous-source`` reports these."""
    return (quote for quote, found in _speakers(doc).items() if found is False)


@latest_document  # asked by unattributed-quote and anonymous-source in turn
def _speakers(doc: Document) -> dict[Quotation, bool | None]:
    """Each quotation of speech with its verdict: True named, False anonymous, None nobody. A
    quotation that goes on from another (``continues``) has that one's speaker, unless its own
    sentence pins it on an anonymous one ("…," a source claimed)."""
    positions = doc.body_positions
    verdicts: dict[Quotation, bool | None] = {}  # a quotation is decided before any that goes on from it
    for quote in quotations(doc):
        if not quote.is_speech:
            continue
        found = _attribution(doc, quote, positions)
        if found is None and quote.continues is not None:
            found = verdicts[quote.continues]
        if found is None and _after_crowd_cue(doc, quote, positions):
            found = False
        verdicts[quote] = found
    return verdicts


# A lead-in that introduces readers' posts: "Fans reacted:", "Netizens react to the video",
# "See some of the reactions below:", "Here are some of the comments:".
_CROWD_CUE = LazyPattern(
    r"\b(?:(?:fans|netizens|followers|users|viewers|readers|tweeps|commenters|people|nigerians|ghanaians|kenyans|filipinos"
    r"|social\s+media|the\s+internet|twitter|x|instagram|tiktok|reddit)\b[^.!?]{0,40}?"
    r"\b(?:react|reacted|reacting|responded|weighed\s+in|wrote|commented|said|flooded|took\s+to|had\s+(?:this|a\s+lot)\s+to\s+say)\b"
    r"|(?:reactions|comments|tweets|posts|responses)\b[^.!?]{0,20}?(?:below|:))",  # one word boundary before both
    re.I,
)


def _after_crowd_cue(doc: Document, quote: Quotation, positions: dict[int, int]) -> bool:
    """Whether the quote stands in a run of list items, blockquotes or one-line posts that a
    crowd lead-in opens: each reader's comment is an anonymous voice, not an unattributed one."""
    position = positions[quote.block.index]
    body = doc.body
    for step in range(1, 12):  # a bulleted run of comments is short; look back no further
        if position - step < 0:
            return False
        block = body[position - step]
        if _CROWD_CUE.search(block.text[-120:]):
            return True
        if block.kind not in ("list-item", "blockquote") and not (
            block.kind == "paragraph" and (len(block.words) <= 4 or block.text[:1] in "\"“")
        ):
            return False  # the run of comments (or handle lines, "@someone:") ends without a lead-in
    return False


def pinned_on_someone(doc: Document, quote: Quotation) -> bool:
    """Whether the quote's own sentence names who said it: "One designer told her it was "too
    small"" quotes a word, it does not scare-quote it."""
    own, where = next(_contexts(doc, quote, doc.body_positions), (False, None))
    return own and bool(_verdict(doc, where, "quoted word"))


def _attribution(doc: Document, quote: Quotation, positions: dict[int, int]) -> bool | None:
    """Whether a speaker and an attribution verb stand in the quote's sentence(s), the sentence
    before or after, or a colon lead-in, or a dash credit line under a blockquote: True when
    someone is named, False when the quote's own sentence names only an anonymous speaker ("a
    source said"), None when nothing is said of who spoke."""
    block = quote.block
    if block.kind == "blockquote":
        if _credited_runs(doc)[positions[block.index]]:
            return True  # "— Ava Stone" or "A post shared by …" in the quote's run of blockquotes, or right after it
        if quote.continues is None and _introduced(doc, positions[block.index]):
            return True  # "Stone wrote in her memoir:", "We summed up our case in a write-up:"
        if _reports_speech(block.text):
            return True  # a passage that quotes its own speaker: "He told the BBC: "…""
        if not QUOTE_MARKS.intersection(block.text) and _first_person_narration(doc):
            return True  # the author's own line set off in a first-person post
    if quote.start == 0 and _has_handles(doc) and _HANDLE_LINE.match(_neighbour(doc, positions[block.index] - 1, -1)):
        return True  # "@mirafans:" on its own line over the post it credits
    if _HANDLE_PREFIX.fullmatch(block.text, 0, quote.start):
        return True  # "mirafans: "…"": a comment under its account's name
    for own, where in _contexts(doc, quote, positions):
        speaker = _verdict(doc, where, "own" if own else "near")
        if speaker or (own and speaker is False):
            return speaker  # the quote's own sentence has the last word: "…," a source claimed
    return None


@latest_document  # asked for every quote that opens a paragraph
def _has_handles(doc: Document) -> bool:
    """Whether any body block holds an "@": a handle line ("@mirafans:") opens with one, and most
    articles have none, so the sentence above a quote need not be looked for (past asides)."""
    return any("@" in block.text for block in doc.body)


@latest_document  # asked for every blockquote of the same document
def _credited_runs(doc: Document) -> dict[int, bool]:
    """For each blockquote's body position, whether its run of blockquotes is credited: a dash
    or post credit line in the run, or a credit line or caption right after it. Each run is read
    once, so a page of a thousand blockquotes in a row costs a thousand reads, not a million."""
    body = doc.body
    credited: dict[int, bool] = {}
    position = 0
    while position < len(body):
        if body[position].kind != "blockquote":
            position += 1
            continue
        last = position
        while last + 1 < len(body) and body[last + 1].kind == "blockquote":
            last += 1
        found = any(_dash_credited(body[p].text) or _CREDIT_LINE.match(body[p].text) for p in range(position, last + 1))
        found = found or _credited_below(doc, last + 1)
        credited.update(dict.fromkeys(range(position, last + 1), found))
        position = last + 1
    return credited


def _introduced(doc: Document, position: int) -> bool:
    """Whether the paragraph before a blockquote ends in a colon lead-in that names a source:
    anyone :data:`_SPEAKER` finds, the writer ("We summed up our case in a write-up:"), or a
    text ("The report's summary reads:")."""
    before = _neighbour(doc, position - 1, -1).rstrip()
    if not before.endswith(":") or _ANONYMOUS.search(before.lower()) or _UNNAMED.search(before):
        return False  # "Someone in the crowd shouted at us:", "An anonymous caller left a message:"
    return bool(_SPEAKER.search(before) or _WRITER_OR_TEXT.search(before))


# The writer, or a text, named in a lead-in: "we", "I", "our", "my"; "the report", "a write-up".
_WRITER_OR_TEXT = LazyPattern(
    r"\b(?:[Ww]e|[Oo]ur|[Mm]y)\b|\bI\b|\b(?i:report|write-up|filing|memo|e-?mail|statement|review|paper|book|essay|blog|transcript|website|letter|post)\b"
)
# A lead-in that says its speaker is unnamed: no attribution however it is worded.
_UNNAMED = LazyPattern(r"\b(?i:anonymous|anonymously|unnamed|unidentified)\b")


def _reports_speech(text: str) -> bool:
    """Whether a blockquote is itself reporting: it quotes someone and names them with a verb of
    saying outside the quote marks ("He instead told the BBC interviewer: "…"")."""
    if not QUOTE_MARKS.intersection(text):
        return False
    outside = QUOTED.sub(lambda match: " " * len(match.group(0)), text)
    return outside != text and bool(_names_speaker(outside, _ATTRIBUTION, 60))


QUOTE_MARKS = frozenset('"“”')
# A post narrated in the first person: this many paragraphs of its own prose (quotes left out)
# say "I" or "my". Its blockquotes without quote marks are the author's lines set off for
# emphasis; news copy, which quotes people in blockquotes, narrates in the third person.
FIRST_PERSON_PARAGRAPHS = 3
_FIRST_PERSON = LazyPattern(r"\b(?:I|I['’]m|I['’]ve|my|My)\b")


@latest_document
def _first_person_narration(doc: Document) -> bool:
    paragraphs = 0
    for block in doc.body:
        if block.kind in ("paragraph", "list-item") and _FIRST_PERSON.search(QUOTED.sub("", block.text)):
            paragraphs += 1
            if paragraphs >= FIRST_PERSON_PARAGRAPHS:
                return True
    return False


def _credited_below(doc: Document, position: int) -> bool:
    """A credit line, or a <figcaption> that opens with a name, right after a blockquote."""
    below = _neighbour(doc, position, +1)
    caption = 0 <= position < len(doc.body) and doc.body[position].kind == "caption"
    return bool(_CREDIT_LINE.match(below) or (caption and below[:1].isupper()))


Span = tuple[Block, int, int]  # a stretch of a block's text
# What attributes a quote, by where the text stands: verbs and phrases, and how far from them a speaker may be.
_READINGS = {"own": (_ATTRIBUTION, 60), "near": (_SPEECH, 40), "quoted word": (_WORD_ATTRIBUTION, 60)}


@latest_document  # one document's verdicts, asked again for each quote in the same sentence
def _verdicts(doc: Document) -> dict[tuple[int, int, int, str], bool | None]:
    return {}


def _verdict(doc: Document, where: Span, reading: str) -> bool | None:
    """:func:`_names_speaker` on a stretch of speech-blanked text, once per document: a sentence
    holding hundreds of quotes is read once, not once for each of them."""
    block, start, end = where
    verdicts = _verdicts(doc)
    key = (block.index, start, end, reading)
    if key not in verdicts:
        text = _speech_blanked(doc).get(block.index, block.text)[start:end]
        verbs, reach = _READINGS[reading]
        verdicts[key] = _names_speaker(text, verbs, reach)
    return verdicts[key]


def _names_speaker(text: str, verbs: _Verbs, reach: int) -> bool | None:
    """True for a speaker within ``reach`` characters of one of ``verbs`` and no anonymous one;
    False if the only speakers there are anonymous; None if there is no speaker by a verb."""
    anonymous = None
    for verb in _verb_matches(text, verbs):
        window = text[max(0, verb.start() - reach) : verb.end() + reach]
        unnamed = _ANONYMOUS.search(window.lower())
        if unnamed and not _NAME_BEFORE.search(window, 0, unnamed.start()):
            anonymous = False
        elif _SPEAKER.search(window):
            return True
    return anonymous


def _verb_matches(text: str, verbs: _Verbs) -> Iterator[re.Match]:
    """``verbs.any_case.finditer(text)``, read in the lower-cased text where that keeps every
    offset and makes no other letter match: under re.I, "ſ" and "ı" match "s" and "i" (Kelvin's
    "K" lower-cases to "k" and matches either way)."""
    lowered = text.lower()
    if text.isascii() or (len(lowered) == len(text) and "ſ" not in text and "ı" not in text):
        return verbs.lowered.finditer(lowered)
    return verbs.any_case.finditer(text)


def _contexts(doc: Document, quote: Quotation, positions: dict[int, int]) -> Iterator[tuple[bool, Span]]:
    """(is the quote's own sentence, where): its own sentence(s), then the sentence before and
    the one after, which may stand in the paragraphs around it."""
    block = quote.block
    sentences = block.sentences
    # the sentences the quote overlaps, found by bisection (a block may hold hundreds of quotes)
    first = bisect.bisect_right(sentences, quote.start, key=_sentence_end)
    last = bisect.bisect_left(sentences, quote.end, key=_sentence_end)
    if block.kind == "blockquote" or first >= len(sentences):
        first, last = -1, len(sentences)
    else:
        last = min(last, len(sentences) - 1)
        yield True, (block, sentences[first].start, sentences[last].end)
    if first > 0:
        yield False, (block, sentences[first - 1].start, sentences[first - 1].end)
    elif (before := _neighbour_sentence(doc, positions[block.index] - 1, -1)) is not None:
        yield False, before
    if last + 1 < len(sentences):
        yield False, (block, sentences[last + 1].start, sentences[last + 1].end)
    elif (after := _neighbour_sentence(doc, positions[block.index] + 1, +1)) is not None:
        yield False, after


@latest_document  # asked for every quotation of the same document
def _speech_blanked(doc: Document) -> dict[int, str]:
    """The text of each block that quotes speech, by block index, with the speech blanked out
    and offsets kept: words inside a quote never attribute it, even when the quote runs over
    sentences or paragraphs. Quoted titles stay, as they may name the speaker ("…," the
    "Salt Crown" actress said)."""
    spans: dict[Block, list[tuple[int, int]]] = {}
    for quote in quotations(doc):
        if quote.is_speech:
            spans.setdefault(quote.block, []).append((quote.start, quote.end))
    blanked = {}
    for block, found in spans.items():
        parts, position = [], 0
        for start, end in found:
            parts += [block.text[position:start], " " * (end - start)]
            position = end
        parts.append(block.text[position:])
        blanked[block.index] = "".join(parts)
    return blanked


def _sentence_end(sentence) -> int:
    return sentence.end


def _neighbour_sentence(doc: Document, position: int, step: int) -> Span | None:
    """The nearest sentence of the body block at ``position``: its last (step -1) or first (step +1)."""
    body = doc.body
    while 0 <= position < len(body) and body[position].kind != "heading" and _aside(doc, body[position]):
        position += step  # a "Related:" line between a lead-in and its quote says nothing of who spoke
    if not 0 <= position < len(body) or body[position].kind == "heading" or not body[position].sentences:
        return None
    sentence = body[position].sentences[-1 if step < 0 else 0]
    return body[position], sentence.start, sentence.end


def _aside(doc: Document, block: Block) -> bool:
    """A teaser, or a paragraph that is only a headline link to another story: neither is part
    of the prose around it."""
    if is_teaser(doc, block):
        return True
    return (
        block.kind == "paragraph" and getattr(block, "element", None) is not None
        and is_link_text(doc, block, block.text) and looks_like_headline(block.text)
    )  # (a link first: a bisection, where the headline test reads every word of a paragraph)


def _neighbour(doc: Document, position: int, step: int) -> str:
    """The text of :func:`_neighbour_sentence`, as written."""
    where = _neighbour_sentence(doc, position, step)
    return where[0].text[where[1] : where[2]] if where else ""
