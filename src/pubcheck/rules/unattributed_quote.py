from __future__ import annotations

from ..document import Document
from ..text.quotes import unattributed
from .base import Problem, Rule, shorten


class UnattributedQuote(Rule):
    """Flags quoted speech that nobody is named as saying.

    A quotation is speech when it runs to five words or more, or ends in speech punctuation
    (`"I'm done,"`), or is a `<blockquote>` (not a pull quote repeating the article's own
    words, nor a callout box opening "Summary" or "Bottom line"); a title in Title Case is not speech at any length
    ("The Man Who Sold the World"), nor is a title named as one (the article "…", a letter's
    Re. "…") or quoted in a reference list (an item with "Retrieved", "doi", "pp."). It is attributed when its own sentence, the sentence before
    or after it (across paragraph breaks), or a colon lead-in names a speaker — a name, a
    pronoun, a role such as "the actor", or an outlet — with an attribution verb or phrase
    (said, told, added, wrote, posted, explained, recalled, sang, alleges, as she put it,
    according to, in her acceptance speech, Brekke's line, …). A blockquote may also carry a
    credit: a dash line ("— Ava Stone"), an embedded post's ("A post shared by …"), a review
    roundup's outlet in brackets below it ("[ Tech Daily ]"), or a
    `<figcaption>` that names the speaker; blockquotes in a row are one passage, credited
    together; a name and role on a line of its own under one ("Dana Okoro, director") credits
    it. A colon lead-in above a blockquote attributes it when it names anyone or any
    text, the writer included ("We set out our case in a note:"); a blockquoted passage that
    names its own speaker ("He told the BBC: "…"") is attributed; in a post narrated in the
    first person, a blockquote without quote marks is the author's own line set off. A
    teaser or a headline link between a quote and its lead-in does not separate them. As
    newsrooms write, a paragraph has one speaker: a
    later quote in it goes on from the first one's attribution. A quote running over
    paragraphs, each opening with a quote mark and only the last closing, keeps the speaker of
    its first paragraph. A social post under its handle ("@mirafans:") is credited to that
    account. Quoted words and short phrases ("pretty", the series "Too Much") are not speech:
    see `scare-quote`.

    This rule keeps quotes with no speaker at all. A quote whose only speaker is unnamed ("…,"
    a source said; "One follower posted: …"; readers' comments after "Fans reacted:"; a
    statement credited only to "the family") is reported once, by `anonymous-source`, not here.

    ## Why is this bad?
    A quote without a speaker cannot be checked, and invented or recycled quotes are a staple of
    SEO-farm celebrity copy. Standards desks require every quote to be attributed.

    ## Example
    ```
    The two leads have not appeared together since the premiere.

    "We were never really friends, and everyone on set knew it."

    ```

    ## Not flagged
    ```
    "I want people to watch it on a Sunday night with their besties," Lindgren told The Marquee Ledger.

    Stone told Vogue: "I wanted to direct before I turned 30."

    She called the premiere "pretty wild".

    "Awards are lovely," Osei said. She pauses. "I have already started the next one."

    Marlow has called the film "a valentine to old Hollywood and its lost craft".

    Reyes posted on Instagram that filming would "start in the spring, once the snow has gone".
    ```

    ## How to fix
    Name who said it and where ("…," Stone told Variety in May), or cut the quote.
    """

    id = "unattributed-quote"
    category = "attribution"
    severity = "warning"
    summary = "Quoted speech with no named speaker or outlet"

    def check(self, doc: Document):
        for quote in unattributed(doc):
            yield Problem(
                f"Quotation {shorten(quote.block.text[quote.start : quote.end], 50)} has no speaker; name who said it and where, or cut it",
                quote.block,
                quote.start,
                quote.end,
            )
