"""promo-line's cheap tests before its regex: each against what it stands for."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from pubcheck.document import format_for, read
from pubcheck.rules import promo_line
from pubcheck.rules.promo_line import _OPENER_INITIALS, PROMO, PROMO_OPENERS, NEVER_OPENS_A_CALL, _promo_tail

ROOT = Path(__file__).resolve().parents[1]

CALLS = (
    "PAY ATTENTION: Follow us on Instagram", "Join our Telegram channel for updates", "Follow Legit.ng on TikTok",
    "Don't miss trending news, subscribe today", "Do not miss the latest, follow us", "Remember to share and follow our page",
    "Click here to subscribe to our newsletter", "Sign up for the newsletter alerts", "Subscribe to our channel updates",
    "For more news, follow us", "Bookmark this page", "Do you have a story? Reach us", "Got a hot tip? Email us",
    "Get instant updates by joining", "Download our app", "Read the best news on Legit",
)


def test_a_text_opening_with_a_letter_no_call_opens_is_no_promo():
    rng = random.Random(7)
    texts = [block.text for path in sorted((ROOT / "fixtures" / "articles").iterdir()) for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).blocks]
    for call in CALLS:
        assert call[0] not in NEVER_OPENS_A_CALL and PROMO.match(call), call
        for _ in range(20):  # the call behind other openings, and after every ASCII letter or digit
            lead = rng.choice(("", "", "👉 ", "• ", "— ", "“", "ſ", "\u212a", "1", "_", "İ"))
            texts += [lead + call, lead + call.lower(), lead + call.upper()]
        texts += [chr(c) + call[1:] for c in range(128)]
    for text in texts:
        assert text[:1] not in NEVER_OPENS_A_CALL or not PROMO.match(text), text


def test_the_opener_initials_are_every_character_that_lowers_into_an_opener():
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        if any(word.startswith(char.lower()) for word in PROMO_OPENERS):
            assert char in _OPENER_INITIALS, hex(point)


class _EveryCharacter:
    """In place of _OPENER_INITIALS: no character is ruled out by the look at the first one."""

    def __contains__(self, char: str) -> bool:
        return True


def test_a_promo_tail_is_found_as_the_plain_reading_finds_it(monkeypatch):
    rng = random.Random(11)
    html = ["<p>The tour starts in May. Follow us on Instagram for more!</p><p>The tour starts. ſubscribe to our newsletter for updates.</p>"]
    for _ in range(300):
        sentences = [rng.choice(("The tour starts in May.", "It ended.", "“Follow me,” she said.")) for _ in range(rng.randint(1, 3))]
        sentences += [rng.choice((call, call.upper(), call.lower(), "K" + call[1:], "İ" + call[1:])) + "." for call in rng.sample(CALLS, rng.randint(0, 2))]
        html.append("<p>" + " ".join(sentences) + "</p>")
    blocks = [block for text in html for block in read(text, "html").blocks]
    blocks += [block for path in sorted((ROOT / "fixtures" / "articles").iterdir()) for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).blocks]
    tails = [_promo_tail(block) for block in blocks]
    monkeypatch.setattr(promo_line, "_OPENER_INITIALS", _EveryCharacter())  # the plain reading: every first word split off and lowered
    assert tails == [_promo_tail(block) for block in blocks]
    assert tails[0] == 24 and sum(tail is not None for tail in tails) > 50
