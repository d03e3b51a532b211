"""Teaser lines: a block that pushes the reader to another article ("📖 Related: …", "READ MORE: …").

``clickbait-interstitial`` reports them; the quote rules ask too, as a teaser styled as a
blockquote is not a quotation."""

from __future__ import annotations

import re

from ..document import Document
from .patterns import LazyPattern

__all__ = [
    "BULLETS", "LABELS", "MARKED_ONLY_LABELS", "RATING", "STRONG_LABELS",
    "could_open_teaser", "is_link_text", "is_teaser", "looks_like_headline", "teaser_opening",
]

# Arrows and emoji mark a teaser's label as a colon does ("SEE ALSO 👉 …", "MORE FROM US → …").
_ARROWS = "→➡▶►⇒"
_EMOJI = "\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"  # arrows, dingbats, pictographs
LABELS = (
    r"related(?:\s+(?:articles?|stories|stor(?:y|ies)|reading|news|posts?|coverage))?",
    r"see\s+also",
    r"(?:don['’]?t|do\s+not)\s+miss(?:\s+this)?",
    r"read\s+(?:more|also|next|this)",
    r"also\s+read",
    r"must[\s-]+(?:read|see|watch)",
    r"trending(?:\s+now)?",
    r"recommended(?:\s+(?:for\s+you|reading|stories))?",
    rf"more\s+from\s+[^:：|»›>–—{_ARROWS}{_EMOJI}]{{1,40}}?(?=\s*[:：|»›>–—{_ARROWS}{_EMOJI}])",
    r"(?:you\s+(?:may|might)\s+also\s+like|you\s+(?:may|might)\s+have\s+missed)",
    r"check\s+(?:it\s+)?out",
    r"click\s+here(?:\s+to\s+read)?",
    r"(?:keep|continue)\s+reading",
    r"(?:icymi|in\s+case\s+you\s+missed\s+it|see\s+more|also\s+see|further\s+reading|more\s+like\s+this)",
    r"(?:also\s+check\s+out|suggested\s+read(?:ing)?)",
    r"(?-i:MORE)(?=\s*[:：])",  # "MORE: …" in capitals, as tabloids print it; "More:" may open a list
    r"more(?=[:：]\s*['\"‘“])",  # "More:'Quoted headline'" glued to its quote mark
    r"(?-i:READ)(?=\s*[:：])",  # "READ: Title Case Headline"
    r"(?:more\s+stories|read\s+here(?:\s+for\s+more)?)",
    r"(?:up\s+next|next\s+up|editor['’]?s\s+picks?|popular(?:\s+now)?|most\s+read|more\s+news)",
    r"basahin(?:\s+(?:din|rin|pa))?",  # Tagalog "read (also)", as Philippine sites label teasers
)
# Labels that only tease when an emoji or arrow marks them ("📸 Photos:", "▶ Watch:").
MARKED_ONLY_LABELS = (r"photos?", r"gallery", r"watch", r"video", r"more", r"hot")

# Labels that make a teaser before any headline, even with no separator ("Also Read Actor buys a
# mansion") or glued to it ("Also ReadActor buys …"): no sentence opens with them.
STRONG_LABELS = (
    r"also\s+read",
    r"read\s+also",
    r"(?:don['’]?t|do\s+not)\s+miss",
    r"must[\s-]+read",
    r"you\s+(?:may|might)\s+(?:also\s+)?like",
    r"more\s+stories",
    r"basahin\s+(?:din|rin)",
)

BULLETS = "•·▪‣◦*-– \t"
# A review's star rating ("★★★★☆ Recommended", "⭐⭐⭐⭐") is not a teaser's emoji; one star may be.
RATING = frozenset("★☆✩✫✭✮✯⯨⯪⭐")
_LEAD = r"(?P<lead>[^\w\s\"'“‘(\[]*)\s*"
_SEPARATOR = rf"\s*(?P<sep>[:：;|»›>–—\-{_ARROWS}]+\ufe0f?|\.{{3}}|…|(?:[{_EMOJI}]\ufe0f?)+)?\s*"
# A label is whole words: "🔥 Hotel Transylvania" and "🎬 Watchmen" are not "HOT" and "Watch".
_TEASER = LazyPattern(rf"{_LEAD}(?P<label>{'|'.join(LABELS)})(?!\w){_SEPARATOR}(?P<rest>.*)", re.I | re.S)
_MARKED_TEASER = LazyPattern(rf"{_LEAD}(?P<label>{'|'.join(MARKED_ONLY_LABELS)})(?!\w){_SEPARATOR}(?P<rest>.*)", re.I | re.S)
_STRONG_TEASER = LazyPattern(
    rf"{_LEAD}(?P<label>{'|'.join(STRONG_LABELS)})(?:(?!\w)|(?=(?-i:[A-Z])))(?:{_SEPARATOR})(?P<rest>.*)", re.I | re.S
)
_CAPITALISED = LazyPattern(r"^[\"“‘']?[A-Z0-9]")
_ELLIPSIS = frozenset("….")

# How every label opens, after an optional emoji, arrow or bullet: a block opening otherwise (most
# of them, "In 2019 …", a quotation) is no teaser, which this one pattern says faster than the
# label patterns can. Common words open a label only with the word after them ("In case", "You may").
_LABEL_OPENINGS = r"""(?:related|see|don|do\s+not|read|also|must|trending|recommended|more|you\s+m(?:ay|ight)|check|click
    |keep\s+reading|continue\s+reading|icymi|in\s+case|further\s+reading|suggested|up\s+next|next\s+up|editor|popular
    |most\s+read|photos?|gallery|watch|video|hot|basahin)(?![^\W\d_])"""
# The first three letters, lower-cased, of every label opening above.
_LABEL_PREFIXES = frozenset(
    """rel see don rea als mus tre rec mor you che cli kee con icy fur sug nex edi pop mos pho gal wat vid hot bas""".split()
) | {"do ", "in ", "up "}
_NEVER_LEADS = frozenset("\"'“‘([0123456789")  # a quotation, a parenthesis or a figure opens no teaser
# Block texts never open with white space; a leading "\s*" here made the screen twice as slow.
_SCREEN = LazyPattern(rf"""(?:[^\w\s"'“‘(\[]{{1,8}}\s*)?{_LABEL_OPENINGS}""", re.X | re.I)


def could_open_teaser(text: str) -> bool:
    """Whether a block's text may open with a label: three letters looked up in a set, or for a
    text opening with a symbol one regex. False for most prose, before any label pattern runs."""
    first = text[:1]
    return text[:3].lower() in _LABEL_PREFIXES if first.isalpha() else (first not in _NEVER_LEADS and _SCREEN.match(text) is not None)


def is_teaser(doc: Document, block) -> bool:
    """Whether ``block`` opens like a teaser. The quote rules ask too: a teaser styled as a
    blockquote is not a quotation."""
    return bool(_SCREEN.match(block.text)) and teaser_opening(doc, block) is not None


def teaser_opening(doc: Document, block) -> str | None:
    """"teaser", "label" (a bare label, a teaser with the headline under it), "label?" (an unmarked
    bare label, a teaser only when a headline follows it) or None."""
    text = block.text.lstrip(BULLETS)  # a typed bullet ("• Watch …") is list markup, not a teaser's emoji
    kind = _labelled(doc, block, text)
    if kind in (None, "label?"):  # the forms with no separator, or glued: "Also ReadActor buys …"
        strong = _STRONG_TEASER.match(text)
        if strong:
            rest = strong.group("rest").strip()
            if not rest:
                return "label"
            if rest[0] == "(" or _CAPITALISED.match(rest):
                return "teaser"
    return kind


def _labelled(doc: Document, block, text: str) -> str | None:
    """A label with a separator, an emoji or a link after it, or a bare label ("label?" when
    unmarked: a teaser only when a headline follows)."""
    match = _TEASER.match(text)
    marked_only = False
    if not match:
        match = _MARKED_TEASER.match(text)
        marked_only = True
        if not match:
            return None
    lead = match.group("lead")
    if set(lead) <= _ELLIPSIS:
        lead = ""  # "… keep reading. I'm about to show you": a sentence going on, not a marked label
    if (len(lead) > 1 and set(lead) <= RATING) or (marked_only and not lead):
        return None
    sep, rest, label = match.group("sep"), match.group("rest").strip(), match.group("label")
    if not rest:
        # A bare label is a teaser heading when shouted or marked: "ALSO READ", "👉 READ MORE".
        return "label" if lead or sep or label.isupper() else "label?"
    if not (lead or sep or is_link_text(doc, block, rest)):
        return None  # "Check out the trailer", "Related lawsuits were filed"
    if not lead and label[:3].lower() == "see" and not label.isupper() and len(rest.split()) < 6:
        return None  # a reference hatnote ("See also: List of awards"), not a teaser
    if lead or label.isupper() or is_link_text(doc, block, rest) or looks_like_headline(rest):
        return "teaser"
    if label.lower() == "more":
        return "teaser"  # "More:'Quoted headline'": the label glued to a quoted title
    return "teaser" if sep and sep.strip()[:1] in ";-–—" and _CAPITALISED.match(rest) else None


def is_link_text(doc: Document, block, text: str) -> bool:
    return any(link.text and text.startswith(link.text) for link in doc.links_within(*block.element))


def looks_like_headline(text: str) -> bool:
    """Title Case or a quoted title: most longer words capitalised, and not a sentence that ends in a period."""
    words = [w for w in re.findall(r"[\w’']+", text) if len(w) > 3]
    if not words or (text.endswith(".") and not text.endswith("...")):
        return False
    capitalised = sum(1 for w in words if _CAPITALISED.match(w))
    return capitalised / len(words) >= 0.6
