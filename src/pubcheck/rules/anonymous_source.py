from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ..document import Block, Document
from ..document.sentences import QuotedPassages
from ..text.patterns import LazyPattern
from ..text.phrases import trie
from ..text.quotes import anonymously_attributed
from .base import Problem, Rule, shorten
from .linear import LinearRegex, compile_linear

# Who an unnamed source is: "a source", "a longtime pal", "two people in her circle", "one follower".
_NOUNS = """
    source insider pal friend confidant confidante tipster informant person people staffer aide associate relative
    onlooker eyewitness witness observer official exec executive employee acquaintance bystander partygoer guest
    neighbor neighbour follower fan user netizen commenter redditor tweep tiktoker viewer poster
""".split() + ["crew member", "cast member", "family friend", "family member"]
# Found first, in lower-cased text, as one trie: the rest of an attribution is read around each one
# (one regex over the whole text, opening at every "a" and "the", took 2.8 ms an article).
_NOUN_SOURCE = r"\b(?:" + trie(_NOUNS) + r")s?\b"
# The words that must stand in a paragraph for it to hold an attribution (the first word of each noun).
_NOUN_WORDS = {form for noun in _NOUNS for form in (noun.split()[0], noun.split()[0] + "s")}
_VOICE_WORDS = {
    "someone", "somebody", "another", "one", "second", "third", "fourth", "more",
    "family", "couple", "couple's", "family's", "couple’s", "family’s",
}
# "a", "two", "another", "InTouch's", "a second" … and up to three words before the noun ("a [Name] insider").
_DETERMINER = (
    r"(?:an?|one|another|the|two|three|four|several|multiple|our|this|that|his|her|their"
    r"|a\s+(?:second|third|fourth)|one\s+more"
    r"|(?-i:[A-Z])[\w!.&-]*(?:\s+(?-i:[A-Z])[\w!.&-]*)?['’]s)"
)
# (not "a screenshot of a user", "a blind item that netizens …": a modifier is no function word)
# (nor "a block away after employees …": a determiner does not reach over a conjunction)
_MODIFIERS = r"(?:(?!(?:of|a|an|the|to|that|which|and|or|who|by|for|with|after|before|when|while|until)\b)[\w’'!&-]+\s+){0,3}?"
# What follows the noun before the verb: "close to the couple", "in her circle", ", who asked to remain anonymous,"
_AFTER = (
    r"(?:\s+(?:close\s+to|familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|in|inside|at|on|from|near|of|within"
    r"|connected\s+to|linked\s+to|who\s+(?:was|is|were|are)|identified\s+as)(?:\s+[\w’'.@-]+){1,6}?)?"
    r"(?:\s*,[^,.\"“”]{1,160},)?"
)
_ADVERBS = r"(?:\s+(?:has|have|had|also|now|further|then|even|once|since|[a-z]+ly|went\s+on\s+to))*"
# Verbs of saying, as single words and as phrases ("chimed in", "are now speaking out").
_SAYING_VERBS = """
    said says say told tells tell added adds explained explains confided confides continued continues claimed claims
    revealed reveals dished dishes spilled spills noted notes insisted insists confirmed confirms offered offers
    gushed gushes admitted admits recalled recalls alleged alleges whispered disclosed divulged maintained maintains
    hinted hints commented comments replied replies asked asks speculated quipped joked agreed argued suggested
    suggests denied denies
""".split()
_SAYING_PHRASES = [
    r"chimed\s+in", r"pitched\s+in", r"pointed\s+out", r"weighed\s+in", r"picked\s+up", r"shot\s+back", r"shut\s+down",
    r"(?:are|is)\s+(?:now\s+)?(?:speaking\s+out|opening\s+up|saying|claiming|whispering)",
]
# Posting words attribute only where they introduce what was said ("one person wrote:", "… that",
# ""…," a fan tweeted."), not a post as an event ("fans posted videos", "a crew member posted,
# and then deleted, a description").
_POSTING = "shared shares posted posts wrote writes tweeted tweets".split()
_SAYING = (
    "(?:" + "|".join(_SAYING_VERBS + _SAYING_PHRASES)
    + "|(?:" + "|".join(_POSTING) + r")(?=\s*(?:[:.;!?\"“”]|,\s*[\"“]|that\b|$)))"
)
# A paragraph credits someone only if it holds one of these: the first word of each verb or
# phrase, and of the other forms ("according to", "close to", "the couple's statement").
_SAYING_WORDS = {
    *_SAYING_VERBS, *_POSTING, "chimed", "pitched", "pointed", "weighed", "picked", "shot", "shut", "speaking",
    "opening", "saying", "claiming", "whispering", "according", "close", "familiar", "knowledge", "statement",
}
# Every word the paragraph tests above look for: each paragraph's words are lower-cased and looked up once.
_CUE_WORDS = frozenset(_SAYING_WORDS | _NOUN_WORDS | _VOICE_WORDS)
# Verbs that put a source after them: "says a [Name] insider", "offers a longtime pal", "according to our source".
# As a trie, which finds what their list finds: white space follows each, so no two match at one place
# (the list, tried word by word at every word before a noun, made _BEFORE 1.5x slower).
_SAYING_BEFORE = "(?:" + trie("""
    said says added adds explained explains continued continues confided confides offered offers noted notes
    revealed reveals claimed claims insisted insists dished dishes admitted admits quipped wrote writes posted
    tweeted commented replied asked
""".split() + ["according to"]) + ")"
# The words before a noun: an optional verb ("says a …") and a determiner with its modifiers, up to the noun.
_BEFORE = LazyPattern(rf"\b(?:(?P<verb>{_SAYING_BEFORE})\s+)?\b(?P<det>{_DETERMINER})\s+{_MODIFIERS}$", re.I)
# Those are seven words at most: a verb and a determiner of two each ("according to a second")
# and three modifiers.
_BEFORE_WORDS = 7
_VERB_BEFORE = LazyPattern(rf"\b{_SAYING_BEFORE}\s")
# The words after it, to the verb of saying: "close to the couple told", ", who asked not to be named, said"
_FORWARD = LazyPattern(rf"{_AFTER}(?:\s+who)?{_ADVERBS}\s+{_SAYING}\b", re.I)  # "a user who claimed …"
# Plurals that are sources without a determiner: "staffers said", "netizens said"
# ("sources say" with no outlet is unsourced-claim's; "sources told TODAY" is reported here, outlet named)
_PLURAL_CROWD = {"staffers", "netizens", "tweeps", "pals", "confidants", "onlookers", "eyewitnesses", "witnesses", "friends"}
_SOURCES_TELL = LazyPattern(
    r"\s+(?:(?P<told>(?i:told|tells?))\s+(?:(?i:the)\s+)?[A-Z]|(?i:are\s+(?:now\s+)?(?:speaking\s+out|opening\s+up)))"
)
_CLOSE_TO = LazyPattern(r"\s+(?:close\s+to|familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of)\b", re.I)
# Unnamed voices without a source noun, in lower-cased text (one word boundary before all three forms).
_VOICES = LazyPattern(
    # "someone else replied"
    r"\b(?:(?P<someone>someone(?:\s+else)?|somebody(?:\s+else)?)\s+" + _SAYING + r"\b"
    # ""…," another asked", "a third chimed in", "One tweeted:" (only where a clause opens: see _voices)
    r"|(?P<voice>another|one|a\s+(?:second|third|fourth)|one\s+more)\s+"
    r"(?:asked|added|wrote|posted|tweeted|commented|replied|chimed\s+in|quipped|joked|said)\b"
    # "the family said in a statement", "the couple's statement read"
    r"|(?P<family>the\s+(?:family|couple))(?:['’]s\s+statement|\s+(?:said|says|wrote|shared|posted|added))\b)"
)
# Anonymity explained as AP and Reuters ask: why the source may not be named (one word boundary before all).
_EXPLAINED = LazyPattern(
    r"\b(?:(?:because|as|since)\s+(?:they|he|she|the\s+\w+)\s+(?:was|were|is|are|had|have|did|do)\s+not\s+"
    r"(?:authori[sz]ed|permitted|allowed|cleared)\b"
    r"|not\s+(?:authori[sz]ed|permitted|allowed|cleared)\s+to\s+(?:speak|discuss|comment|talk)\b"
    r"|condition\s+of\s+anonymity\s+(?:because|as|since|to\s+(?:discuss|describe|speak\s+freely|talk\s+freely))\b"
    r"|(?:requested|asked\s+for|(?:was|were)\s+granted)\s+anonymity\s+(?:because|as|since|to\s+(?:discuss|describe|speak|talk))\b"
    r"|(?:for\s+fear\s+of|to\s+protect\s+(?:their|his|her)\s+(?:job|jobs|privacy|safety))\b)",
    re.I,
)
# Whose reporting carries the source: "told People", "according to Us Weekly, a source …", "InTouch's source".
_OUTLET_NAME = r"(?:[A-Z][\w!&.’'-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w!&.’'-]*|of|the))*"
_OUTLET = LazyPattern(
    r"\b(?i:told|tells|tell|(?:spoke|speaking|talking|confirmed|dished|claimed|revealed|spilled)\s+to|according\s+to)"
    rf"\s+(?:the\s+)?(?P<outlet>{_OUTLET_NAME})"
    rf"|\b(?P<owner>{_OUTLET_NAME})['’]s\s+(?:source|insider)s?\b"
    rf"|\b(?i:another)\s+(?P<other>{_OUTLET_NAME})\s+(?:source|insider)\b"
)
_NOT_OUTLETS = {"The", "I", "He", "She", "They", "We", "It", "A", "An", "Monday", "Tuesday", "Wednesday", "Thursday",
                "Friday", "Saturday", "Sunday"}
# A named source after all: "a friend, Jane Doe, said", "her pal Mia Lund told …"
_NAMED_AFTER = LazyPattern(r"\s*,?\s*(?:[A-Z][\w’'-]+\s+){1,2}[A-Z][\w’'-]+|\s*,?\s*@\w")


class AnonymousSource(Rule):
    """Flags an attribution to an unnamed person: a source, an insider, a pal, a crowd voice.

    Each unnamed source is reported once a paragraph, where it is first credited: "a source
    close to the couple told Us Weekly", "an insider said", "a pal confided", "says a Moreau
    insider", "offers a longtime pal", "two people in her circle tell …", "staffers said", "the
    tipster continued", "one confidant explained", "a person familiar with the matter",
    "insiders are now speaking out", and crowd voices quoted as sources: "one follower posted",
    "a Twitter user commented", "someone else replied", "netizens said", a run of readers'
    comments after "Fans reacted:". A statement credited only to "the family" or "the couple"
    is anonymous too. When an outlet carries the source ("according to People, a source
    says …", "InTouch's source"), the source is still unnamed, and the message names the outlet
    so the editor can judge. The document also gets one summary, at level `info` since each
    source is already reported: "7 anonymous attributions, 0 explained".

    A quote whose only speaker is an unnamed source is reported here, once, and not also by
    `unattributed-quote`, which keeps quotes with no speaker at all. Rumour, crowd framing
    and hedges with no source ("fans are convinced", "it is understood") are `unsourced-claim`.

    ## Why is this bad?
    The AP and Reuters standards allow an anonymous source only as a last resort, and ask the
    story to say why the source cannot be named and how they know. Celebrity copy that runs
    on "a source close to the star" cannot be checked, and a standards desk looks at these first.

    ## Example
    ```
    A source close to the couple told Us Weekly they split in March.
    "They were on the rocks for months," the insider said.
    One follower posted: "She looks happier than ever."
    ```

    ## Not flagged
    ```
    Lopez's publicist told People the couple split in March.
    Police said the house was empty.
    A studio executive, who spoke on condition of anonymity because they were not authorised
    to discuss the budget, said the film cost $90 million.
    ```

    ## How to fix
    Name the source, or say why they cannot be named and how they know; cut what no one will stand behind.
    """

    id = "anonymous-source"
    category = "attribution"
    severity = "warning"
    summary = "An attribution to an unnamed source, insider or crowd voice"

    def check(self, doc: Document):
        reported, explained = 0, 0
        problems: list[Problem] = []
        sources_by_block: dict[int, set[str]] = {}
        for block, attributions in _attributions_by_paragraph(doc):
            seen: set[str] = set()
            named_seen = False  # a source under a noun among them, not just voices ("another asked")
            for start, end, who, at in attributions:
                if who in seen or (who.startswith(_BACK_REFERENCE) and named_seen):
                    continue  # the same source again in this paragraph ("…," the source said; "this person said")
                seen.add(who)
                named_seen = named_seen or not who.startswith("voice")
                sources_by_block[block.index] = seen
                sentence = _sentence(block, at)
                if _EXPLAINED.search(sentence) or _EXPLAINED.search(_next_sentence(block, at)):
                    explained += 1  # AP style explains in the same sentence or the next ("They spoke on …")
                    continue
                reported += 1
                problems.append(Problem(_message(block.text[start:end], sentence), block, start, end))
        for quote in anonymously_attributed(doc):
            if not _credited_near(doc, doc.body_positions[quote.block.index], sources_by_block):
                reported += 1
                text = shorten(quote.block.text[quote.start : quote.end], 50)
                problems.append(Problem(f"Quotation {text} is credited only to someone unnamed; name the speaker, "
                                        "or say why they cannot be named", quote.block, quote.start, quote.end))
        yield from sorted(problems, key=lambda p: (p.where.index, p.start))
        if reported:
            yield Problem(f"{reported} anonymous attribution{'s' if reported != 1 else ''}, {explained} explained",
                          code="summary", severity="info")


def _attributions_by_paragraph(doc: Document) -> Iterator[tuple[Block, Iterator[tuple[int, int, str, int | None]]]]:
    """Each paragraph that holds one of the words of saying, with its attributions (see
    :func:`_attributions`). The source nouns of them all are found in one linear-time search of
    their texts together (0.048 -> 0.022 ms an article, against a regex search of each), on a long
    page ``_PARAGRAPHS_AT_ONCE`` of them at a time, as their texts lower-cased are held till then."""
    paragraphs = []  # (block, its cue words, its text lower-cased if read, whether it holds a source noun)
    for block in doc.body:
        if block.kind == "heading":
            continue
        cues = _CUE_WORDS.intersection(map(str.lower, block.words))
        if _SAYING_WORDS.isdisjoint(cues):
            continue  # most paragraphs credit nobody at all: set look-ups instead of scans
        holds = not _NOUN_WORDS.isdisjoint(cues)
        read = holds or not _VOICE_WORDS.isdisjoint(cues)
        paragraphs.append((block, cues, _lowered(block.text) if read else "", holds))
        if len(paragraphs) == _PARAGRAPHS_AT_ONCE:
            yield from _read(paragraphs)
            paragraphs = []
    yield from _read(paragraphs)


# Paragraphs whose source nouns are searched for at once (an article has tens).
_PARAGRAPHS_AT_ONCE = 1024


def _read(paragraphs: list[tuple[Block, frozenset[str], str, bool]]) -> Iterator[tuple[Block, Iterator[tuple[int, int, str, int | None]]]]:
    nouns = iter(_noun_spans([lowered for _, _, lowered, holds in paragraphs if holds]))
    for block, cues, lowered, holds in paragraphs:
        yield block, _attributions(block, cues, lowered, next(nouns) if holds else ())


def _lowered(text: str) -> str:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text  # a character whose lower case is longer ("İ"): read as written


def _noun_spans(texts: list[str]) -> list[Sequence[tuple[int, int]]]:
    """``[[noun.span() for noun in re.finditer(_NOUN_SOURCE, text)] for text in texts]``, in one
    pass of the linear-time engine over them all (tests/test_anonymous_source.py checks both agree)."""
    return _linear_noun().spans_each(texts) if texts else []


@lru_cache(maxsize=1)
def _linear_noun() -> LinearRegex:
    return compile_linear(_NOUN_SOURCE)  # on first use: it is written for RE2 then, as a regex is compiled


def _attributions(block: Block, cues: frozenset[str], lowered: str, nouns: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int, str, int | None]]:
    """(start, end, which source, the index of its sentence) for each anonymous attribution outside
    quotes, in a paragraph that holds one of the words of saying; ``cues``: its words (lower-cased)
    in :data:`_CUE_WORDS`; ``lowered``: its text lower-cased; ``nouns``: where the source nouns
    stand in that. Quotes and sentences are found by bisection: a paragraph may hold thousands."""
    voices = not _VOICE_WORDS.isdisjoint(cues)
    if not nouns and not voices:
        return
    text = block.text
    found = [*_sourced(text, lowered, nouns), *(_voices(lowered) if voices else ())]
    if not found:
        return
    quoted = QuotedPassages(text)
    last_end = 0
    for start, end, who in sorted(found):
        if start < last_end or quoted.holds(start):
            continue  # inside the last one, or someone's own words: "My friends said I was mad," she recalled
        last_end = end
        yield start, end, who, block.sentence_holding(start)


def _sourced(text: str, lowered: str, nouns: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """Attributions built on a source noun (``nouns``: where they stand): "a source close to the
    couple told", "says a Moreau insider", "staffers said", "people familiar with the talks"."""
    for start, end in nouns:
        word = lowered[start:end]
        forward = _FORWARD.match(text, end)
        # the determiner is read only where a verb of saying stands on one side or the other
        verb_before = forward is None and _VERB_BEFORE.search(lowered, max(0, start - 90), start)
        before = _words_before(text, start) if forward or verb_before else None
        if before and _NAMED_AFTER.match(text, end):
            continue  # "her pal Mia Lund told …": named after all
        if before and before.group("verb") and not forward and (
            before.group("det").lower() == "that" or _SUBJECT_BEFORE.search(text, max(0, before.start() - 12), before.start())
        ):
            continue  # "said that 28 people …", "I asked her friends": the noun is what was said, or who was asked
            # (not "TMZ said a source close to the couple confirmed": that noun speaks too)
        if before and before.group("verb"):
            yield before.start(), end, _identity(word, before.group("det"))  # "says a Moreau insider"
        elif before and forward:
            yield before.start(), forward.end(), _identity(word, before.group("det"))
        elif word in _PLURAL_CROWD and forward:
            yield start, forward.end(), _identity(word, "")  # "staffers said"
        elif word in ("sources", "insiders") and (tell := _SOURCES_TELL.match(text, end)):
            yield start, tell.end("told") if tell.group("told") else tell.end(), _identity(word, "")
        elif word in ("people", "person") and (close := _CLOSE_TO.match(text, end)):
            yield start, close.start() + len(close.group().rstrip()), _identity(word, "")  # "people close to the …"


def _words_before(text: str, noun: int) -> re.Match | None:
    """``_BEFORE.search(text, max(0, noun - 90), noun)``, searched from the seventh word before
    the noun on, not from every character of the 90: what it finds holds no more words (1.6x
    faster; tests/test_quotes.py checks it against the plain search)."""
    start = max(0, noun - 90)
    words = text[start:noun].rsplit(None, _BEFORE_WORDS)
    if len(words) > _BEFORE_WORDS:
        start += len(words[0])  # the words before the last seven, and any space before them
    return _BEFORE.search(text, start, noun)


# Who is saying, right before the verb: a pronoun, a name or a named body ("Delgado said three
# people were hurt", "Police said two people …"): the people after the verb are what was said.
_SUBJECT_BEFORE = LazyPattern(
    r"\b(?:I|we|you|he|she|they|We|You|He|She|They|police|officials|authorities|officers|investigators|prosecutors"
    r"|[A-Z][\w’'-]+)\s+$"
)
# "if someone asked me": a supposed voice, not one that spoke
_SUPPOSED = LazyPattern(r"\b(?:if|when|whenever|unless|should)\s+$")
_OPENS_CLAUSE = LazyPattern(r"(?:[,;:.!?\"”’]\s|[\"”])$")


def _voices(lowered: str) -> Iterator[tuple[int, int, str]]:
    for match in _VOICES.finditer(lowered):
        if match.group("voice"):
            if _OPENS_CLAUSE.search(lowered, max(0, match.start() - 2), match.start()) or not match.start():
                yield match.start(), match.end(), f"voice {match.start()}"  # "another asked": each is a new voice
        elif not (match.group("someone") and _SUPPOSED.search(lowered, max(0, match.start() - 10), match.start())):
            yield match.start(), match.end(), (match.group("someone") or match.group("family")).split()[-1]


# "the insider", "this person": a source the paragraph has already credited, under any noun
_BACK_REFERENCE = "the-"


def _identity(noun: str, determiner: str) -> str:
    """Which source a match names, so a paragraph reports it once: "a source" and "the source"
    (or "the insider" after "a source") are one, "another source" and "a second insider" are new."""
    determiner = determiner.lower()
    if determiner in ("the", "this", "that"):
        return f"{_BACK_REFERENCE}{noun.rstrip('s')}"
    ordinal = determiner if determiner.startswith(("another", "a second", "a third", "a fourth", "one more")) else ""
    return f"{ordinal} {noun.rstrip('s')}".strip()


def _sentence(block: Block, index: int | None) -> str:
    """The text of the paragraph's sentence ``index`` (the whole paragraph when None)."""
    if index is None:
        return block.text
    sentence = block.sentences[index]
    return block.text[sentence.start : sentence.end]


def _next_sentence(block: Block, index: int | None) -> str:
    """The sentence after sentence ``index``, in the same paragraph ("" when it is the last, or None)."""
    if index is None or index + 1 >= len(block.sentences):
        return ""
    return _sentence(block, index + 1)


def _message(phrase: str, sentence: str) -> str:
    outlet = _outlet(sentence)
    where = f" (carried by {outlet})" if outlet else ""
    return (f"Anonymous source: {shorten(phrase, 60)!r}{where} names nobody; name the source, "
            "or say why they cannot be named and how they know")


def _outlet(sentence: str) -> str | None:
    for match in _OUTLET.finditer(sentence):
        name = match.group("outlet") or match.group("owner") or match.group("other")
        if name and name not in _NOT_OUTLETS and not name.startswith(("The ", "A ")):
            return re.sub(r"(?:\s+(?:of|the))+$", "", name.rstrip("."))
    return None


def _credited_near(doc: Document, position: int, sources_by_block: dict[int, set[str]]) -> bool:
    """Whether the quote's paragraph (at ``position`` in the body), or the one before or after it,
    already reports the unnamed source the quote leans on ("A source told the outlet:" over a
    quoted paragraph)."""
    body = doc.body
    return any(sources_by_block.get(body[i].index) for i in (position - 1, position, position + 1) if 0 <= i < len(body))
