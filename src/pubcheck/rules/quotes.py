"""Finding quotations in body text and deciding whether anyone is named as saying them.

Shared by ``unattributed-quote`` (speech with no speaker) and ``scare-quote`` (a quoted word or
short phrase that is not speech), so the two can never disagree about what a quotation is.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..document import Block, Document
from ..document.sentences import is_title_case

_QUOTED = re.compile(r"“([^“”]*)”|\"([^\"]*)\"")
SPEECH_MIN_WORDS = 5  # shorter quotes without closing punctuation are scare quotes or titles

VERBS = (
    r"said|says|say|told|tells|tell|added|adds|wrote|writes|posted|posts|explained|explains|recalled|recalls|"
    r"joked|jokes|noted|notes|continued|continues|asked|asks|replied|replies|admitted|admits|insisted|insists|"
    r"laughed|laughs|shared|shares|revealed|reveals|tweeted|tweets|stated|states|quipped|quips|confirmed|confirms|"
    r"remarked|remarks|acknowledged|acknowledges|argued|argues|declared|declares|announced|announces|captioned|"
    r"commented|comments|responded|responds|concluded|concludes|offered|offers|agreed|agrees|described|describes|"
    r"reflected|reflects|mused|muses|sighed|smiled|shrugged|conceded|concedes|boasted|boasts|warned|warns|"
    r"promised|promises|teased|teases|gushed|gushes|wondered|wonders|explaining|adding|saying|telling|writing"
)
_ATTRIBUTION = re.compile(
    rf"\b(?:{VERBS})\b|\baccording\s+to\b|\bin\s+(?:an?\s+)?(?:interview|statement|post|video|podcast|essay|op-ed|memoir|letter|caption|speech)\b",
    re.I,
)
# A neighbouring sentence attributes a quote only with a verb of saying: "Reed posted the message",
# not "He still describes his debut as …" or "the network offered her a raise".
_SPEECH = re.compile(
    r"\b(?:said|says|told|tells|added|adds|wrote|writes|posted|posts|explained|explains|recalled|recalls|"
    r"joked|jokes|continued|continues|replied|replies|tweeted|tweets|insisted|insists|quipped|quips)\b"
    r"|\baccording\s+to\b|\bin\s+(?:an?\s+)?(?:interview|statement|post|video|podcast|caption|speech)\b",
    re.I,
)
# Someone a quote can be pinned on: a capitalised name, a pronoun, or a role that names a person nearby.
_SPEAKER = re.compile(
    r"\b(?i:he|she|they|we|him|her|them|his|hers|their)\b|\bI\b"
    r"|\b(?i:the|a|an|his|her|their)\s+(?i:\d+-year-old|actor|actress|star|singer|rapper|director|producer|writer|"
    r"author|comedian|host|creator|showrunner|musician|model|designer|chef|athlete|spokes(?:person|woman|man)|"
    r"representative|rep|publicist|studio|network|streamer|label|company|band|duo|group|couple|filmmaker|"
    r"novelist|songwriter|performer|executive|ceo|president|chairman|chairwoman|judge|lawyer|attorney|statement)\b"
    r"|(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]+"  # a capitalised word that is not just starting the sentence
    r"|^[A-Z][\w’'-]+\s+(?:" + VERBS + r")\b",  # or one that does, followed by the verb ("Dunham told …")
    re.M,
)
# Speakers that name nobody: a quote pinned on them is still unattributed.
_ANONYMOUS = re.compile(
    r"\b(?:a|an|one|some|several)\s+(?:source|insider|friend|fan|person|observer|critic|onlooker|witness)s?\b"
    r"|\b(?:the\s+)?(?:sources?|insiders?)\b|\b(?:someone|somebody)\b"
    r"|\b(?:people|persons?|those|someone)\s+(?:close\s+to|familiar\s+with|with\s+knowledge\s+of)\b",
    re.I,
)
# "— Ava Stone" closing a blockquote, on its own line or run onto the quote's last line.
_CREDIT_LINE = re.compile(r"\s*(?:[—–]|--)\s*[A-Z]")
_DASH_CREDIT = re.compile(r"(?:^|\s)(?:[—–]|--)\s*[A-Z][\w’'.-]*(?:[ ,]+[A-Z\d][\w’'.-]*)*\s*$")


@dataclass(frozen=True, slots=True)
class Quotation:
    block: Block
    start: int  # offsets in block.text, quote marks included
    end: int
    words: int
    is_speech: bool


@lru_cache(maxsize=1)  # unattributed-quote and scare-quote ask in turn about the same document
def quotations(doc: Document) -> tuple[Quotation, ...]:
    """Every quotation in the body: quoted passages in prose, and each blockquote as a whole."""
    return tuple(_quotations(doc))


def _quotations(doc: Document) -> Iterator[Quotation]:
    for block in doc.body:
        if block.kind == "blockquote":
            if block.words:
                yield Quotation(block, 0, len(block.text), len(block.words), True)
            continue
        sentence_starts = None
        for match in _QUOTED.finditer(block.text):
            if sentence_starts is None:  # only for blocks that quote anything
                sentence_starts = {s.start for s in block.sentences}
            inner = match.group(1) if match.group(1) is not None else match.group(2)
            count = len(inner.split())
            if not count:
                continue
            # A short quote is speech only when it stands alone ("No comment."); inside a sentence
            # it is a title or a borrowed phrase, whatever punctuation American style puts in it.
            opens_sentence = match.start() in sentence_starts or match.start() == 0
            ends_like_speech = inner.rstrip().endswith((".", ",", "?", "!", "…", "—", ";"))
            short_speech = ends_like_speech and opens_sentence and not is_title_case(inner)  # not "The Long Winter,"
            yield Quotation(block, match.start(), match.end(), count, count >= SPEECH_MIN_WORDS or short_speech)


def body_positions(doc: Document) -> dict[int, int]:
    """Each body block's position in ``doc.body``, by block index (built once per document)."""
    return {block.index: position for position, block in enumerate(doc.body)}


def is_attributed(doc: Document, quote: Quotation, positions: dict[int, int]) -> bool:
    """A speaker and an attribution verb in the quote's sentence(s), the sentence before or after,
    or a colon lead-in; or a dash credit line under a blockquote."""
    block = quote.block
    if block.kind == "blockquote" and (
        _DASH_CREDIT.search(block.text) or _CREDIT_LINE.match(_neighbour(doc, positions[block.index] + 1, +1))
    ):
        return True  # "— Ava Stone" under the quote, or in the paragraph right after it
    for own, context in _contexts(doc, quote, positions):
        if _names_speaker(context, _ATTRIBUTION if own else _SPEECH, 60 if own else 40):
            return True
    return False


def _names_speaker(text: str, verbs: re.Pattern, reach: int) -> bool:
    """A speaker within ``reach`` characters of one of ``verbs``, and no anonymous one."""
    for verb in verbs.finditer(text):
        window = text[max(0, verb.start() - reach) : verb.end() + reach]
        if _SPEAKER.search(window) and not _ANONYMOUS.search(window):
            return True
    return False


def _contexts(doc: Document, quote: Quotation, positions: dict[int, int]) -> Iterator[tuple[bool, str]]:
    """(is the quote's own sentence, text): its own sentence(s) with the quotation blanked out,
    then the sentence before and the one after."""
    block = quote.block
    sentences = block.sentences
    # the sentences the quote overlaps, found by bisection (a block may hold hundreds of quotes)
    ends = _sentence_ends(block)
    first = bisect.bisect_right(ends, quote.start)
    last = bisect.bisect_left(ends, quote.end)
    if block.kind == "blockquote" or first >= len(sentences):
        first, last = -1, len(sentences)
    else:
        last = min(last, len(sentences) - 1)
        own_start, own_end = sentences[first].start, sentences[last].end
        text = block.text
        own = text[own_start:quote.start] + " … " + text[quote.end:own_end]
        yield True, _QUOTED.sub(" … ", own)
    before = sentences[first - 1].text if first > 0 else _neighbour(doc, positions[block.index] - 1, -1)
    after = sentences[last + 1].text if last + 1 < len(sentences) else _neighbour(doc, positions[block.index] + 1, +1)
    if before:
        yield False, _QUOTED.sub(" … ", before)
    if after:
        yield False, _QUOTED.sub(" … ", after)


@lru_cache(maxsize=64)
def _sentence_ends(block: Block) -> list[int]:
    return [s.end for s in block.sentences]


def _neighbour(doc: Document, position: int, step: int) -> str:
    """The nearest sentence of the body block at ``position``: its last (step -1) or first (step +1)."""
    body = doc.body
    if not 0 <= position < len(body) or body[position].kind == "heading":
        return ""
    sentences = body[position].sentences
    if not sentences:
        return ""
    return sentences[-1].text if step < 0 else sentences[0].text
