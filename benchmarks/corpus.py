"""A seeded, reproducible corpus of entertainment-news HTML articles about invented people and films.

Half the articles are clean wire copy; the other half are SEO-farm "problem" pages with teaser
interstitials ("📖 Related: …", "READ MORE:"), unattributed quotes, weasel phrases ("sources
say", "reportedly") and a stuffed keyphrase (two names jammed together, "Ava Stone Milo Reyes").
Clean articles carry the look-alikes a linter must leave alone ("the related lawsuit", "fans
can check out the trailer", a "Related articles" box in the page's <aside>).

Every article is a full page (doctype, <head> with title, description, canonical and og tags,
<nav>, <article>, <aside>, <footer>) using the markup CMSs emit: inline links and emphasis,
character references (&amp; &rsquo; &ldquo; &mdash;) in some articles and literal UTF-8 in
others, lists, figures with alt text and block quotes.

Article ``i`` depends only on (seed, i, words), never on ``count``, so a corpus of 50 is the
first 50 of a corpus of 1,000, and ``words`` scales one article's length (10x, 100x) while
keeping its mix of markup and problems per word. ``one_block`` lays the same article out as a
single paragraph, to expose work that grows with the size of one block. Standard library only.

    python benchmarks/corpus.py OUT_DIR [--count N] [--seed S] [--words W] [--start I] [--one-block]
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

SITE = "https://marquee-daily.example"

FIRST_NAMES = (
    "Ava", "Milo", "Juniper", "Dashiell", "Priya", "Theo", "Marisol", "Callum", "Zadie", "Rafferty",
    "Noor", "Emeric", "Linnea", "Idris", "Saoirse", "Caspian", "Odessa", "Kenji", "Paloma", "Lucan",
    "Wren", "Tobias", "Ines", "Ezra", "Delphine", "Arlo", "Yasmin", "Fitz", "Celeste", "Oren",
)
LAST_NAMES = (
    "Stone", "Reyes", "Vantreight", "Okafor-Bell", "Halloran", "Castellane", "Whitlock", "Moreau",
    "Abernathy", "Quill", "Sorensen", "Delacroix", "Ashdown", "Marchetti", "Lindqvist", "Oyelaran",
    "Brightwell", "Kasprzak", "Devereux", "Nakamura-Hale", "Penhallow", "Ferreira", "Strand", "Vale",
)
FILM_FIRST = ("The Glass", "Midnight", "Salt & Ember:", "The Last", "Paper", "Northern", "The Quiet", "Velvet", "Hollow")
FILM_SECOND = ("Orchard", "Cartography", "Lighthouse", "Season", "Tides", "Kingdom", "Frequency", "Harbor", "Year")
STUDIOS = ("Larkspur Pictures", "Northgate Studios", "Brightwater Films", "Cinder & Vale Entertainment", "Halcyon Media")
FESTIVALS = ("the Lakeshore Film Festival", "the Tidewater International Film Festival", "the Silver Pier Festival")
VENUES = ("the Halcyon Theatre", "the Orpheum Pavilion", "the Palais Verre", "the Granary Arts Centre")
CITIES = ("Los Angeles", "Toronto", "London", "New York", "Venice", "Berlin", "Sydney", "Atlanta")
OUTLETS = ("Reel Ledger", "Screen Courier", "The Stage Wire", "Boxoffice Weekly", "Frame & Focus")
CRITICS = ("Harriet Ng", "Desmond Prowse", "Lena Albrecht", "Tomas Ebner", "Grace Achebe-Lowe")
REPORTERS = ("Nadia Collier", "Sam Okonjo", "Rhea Patel", "Jonah Weiss", "Clara Benedetti")
ROLES = ("a grieving lighthouse keeper", "a disgraced cartographer", "a jazz pianist", "a small-town sheriff",
         "an ambitious sommelier", "a retired astronaut", "a forger", "a marine biologist")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SECTIONS = ("film", "tv", "music", "celebrity", "awards")

# Wire copy: attributed, specific, no hype. {a}/{b} are the two stars, {al}/{bl} their surnames.
CLEAN_SENTENCES = (
    "{a} and {b} walked the red carpet at {venue} in {city} on {weekday} for the premiere of <em>{film}</em>.",
    "The film, directed by {director}, opens in {theaters} theaters across North America on {month} {day}.",
    "{al}, {age}, plays {role} whose life unravels over a single winter.",
    "{bl} joined the cast in {month} {year}, replacing an actor who left over scheduling conflicts, {studio} said.",
    "Shooting took {shoot_days} days, most of them on location outside {city}, "
    "according to production notes released by {studio}.",
    "<em>{film}</em> earned {money} in its opening weekend, according to figures from <a href=\"{url}\">{outlet}</a>.",
    "Critics have been broadly positive: the film holds a {pct}% approval rating from {reviews} reviews.",
    "Writing in <em>{outlet}</em>, {critic} called {al}&rsquo;s performance "
    "&ldquo;the most controlled work of a restless career.&rdquo;",
    "{critic} of <a href=\"{url}\">{outlet}</a> was less impressed, describing the third act as &ldquo;a long goodbye.&rdquo;",
    "The screenplay is adapted from a {year} novel that spent {weeks} weeks on best-seller lists.",
    "{director} said the production used natural light for nearly every interior scene.",
    "The related lawsuit over the novel&rsquo;s film rights was dismissed in {month}, court records show.",
    "Fans can check out the trailer on the studio&rsquo;s channel from {weekday}.",
    "{al} previously starred in <em>{film2}</em>, which premiered at {festival} in {year}.",
    "The score was recorded with a {orchestra}-piece orchestra in {city} over {digit} days.",
    "{studio} has not announced a streaming date; its films usually reach streaming about {digit} months after release.",
    "{bl} told reporters the cast rehearsed for {digit} weeks before cameras rolled.",
    "Tickets for the festival screening sold out within {minutes} minutes, organisers said.",
    "The production employed {crew} local crew members, the {city} film office said in a statement.",
    "{al} and {bl} first worked together on a stage production in {city} in {year}.",
    "<strong>{money}</strong> of the budget came from a regional film incentive, according to public filings.",
    "The film runs {runtime} minutes and is rated PG-13 for thematic material and brief language.",
    "A spokesperson for {bl} confirmed the actor will return for the planned sequel.",
    "{director} and {al} are developing a limited series for {studio}, the company said on {weekday}.",
    "Q&amp;A sessions with the cast will follow screenings in {city} and {city2}.",
    "The film&rsquo;s distributor moved the release up by {digit} weeks after strong test screenings.",
    "{al} trained with a dialect coach for {weeks} weeks to prepare for the role.",
    "Costume designer {critic} sourced most of the wardrobe from vintage shops in {city2}.",
    "The premiere raised {money} for a {city} youth arts charity, organisers said.",
    "{bl}, who turned {age} this year, has appeared in {digit} films since {year}.",
    "A wide release in Europe is scheduled for {month}, {studio} said in a filing.",
    "Early tracking suggested an opening of {money}, according to <a href=\"{url}\">{outlet}</a>.",
    "The cast will appear at a panel at {festival} on {weekday}, a festival spokesperson said.",
)
CLEAN_QUOTES = (
    "We wanted every scene to feel like it could fall apart at any moment",
    "I read the script on a train and missed my stop",
    "The crew in {city} made this film, not me",
    "It is the hardest thing I have done, and I would do it again tomorrow",
    "We shot the ending four different ways before it felt honest",
    "Working with {bl} again was the easiest decision of the year",
)
CLEAN_ATTRIBUTIONS = (
    "{al} said at a press conference in {city}.",
    "{bl} told <em>{outlet}</em> in an interview published on {weekday}.",
    "{director} said in a statement released by {studio}.",
    "{al}, {age}, told reporters on the red carpet.",
)
CLEAN_HEADINGS = (
    "The premiere", "A long road to the screen", "What the critics said", "Box office outlook",
    "Behind the camera", "The cast", "What comes next", "Awards prospects", "The source novel",
)

# SEO-farm copy: hedged, unsourced, keyphrase-stuffed.
PROBLEM_SENTENCES = (
    "Sources say {a} and {b} have been spending a lot of time together since filming wrapped.",
    "{al} reportedly turned down {money} to appear in a rival franchise.",
    "According to reports, things got heated on the set of <em>{film}</em> more than once.",
    "Insiders claim {bl} was furious about the final cut.",
    "It is understood that {studio} is already planning a sequel, although nothing has been confirmed.",
    "Fans believe the pair secretly dated for {digit} years before going public.",
    "Rumor has it that {al} and {bl} were spotted holding hands at a restaurant in {city}.",
    "Many people are saying this could be the biggest film of {year}.",
    "{al} allegedly demanded a private trailer twice the size of everyone else&rsquo;s.",
    "The {key} story has taken the internet by storm, and fans can&rsquo;t get enough.",
    "Everyone wants to know the truth about {key}, and we have all the details.",
    "Some say the chemistry between the two stars was impossible to fake.",
    "{al}&rsquo;s net worth is reportedly around {money}, according to several estimates.",
    "The couple was reportedly seen leaving {venue} together late on {weekday}.",
    "<strong>{key}</strong> fans were left stunned after the trailer dropped.",
    "Apparently the two stars barely spoke between takes.",
    "Word is that {al} has already signed on for {digit} more films with {studio}.",
    "It has been suggested that the ending was reshot after a disastrous test screening.",
    "{bl} is said to be &ldquo;devastated&rdquo; by the latest reviews.",
    "Fans were quick to point out that {al} unfollowed {bl} on social media last {weekday}.",
    "Experts say the {key} pairing is the most bankable in Hollywood right now.",
)
KEYPHRASE_PARAGRAPHS = (
    "The {key} news keeps coming, and {key} fans are watching every move.",
    "Here is everything we know about {key} right now.",
    "Keep scrolling for the latest {key} updates, including the {key} timeline.",
    "Is the {key} romance real? {key} fans have their theories.",
)
PROBLEM_QUOTES = (
    "They are completely inseparable now",
    "Everyone on set could see it was more than friendship",
    "It was a total nightmare behind the scenes",
    "Nobody expected this to happen",
    "They have been planning this for months",
)
TEASERS = (
    "<p>📖 Related: <a href=\"{url}\">{headline}</a></p>",
    "<p><strong>READ MORE:</strong> <a href=\"{url}\">{headline}</a></p>",
    "<p>👉 See also: <a href=\"{url}\">{headline}</a></p>",
    "<p>✨ Don&rsquo;t miss: {headline}</p>",
    "<p><strong>ALSO READ</strong></p>\n<p><a href=\"{url}\">{headline}</a></p>",
    "<p>🔥 Trending now: <a href=\"{url}\">{headline}</a></p>",
)
TEASER_HEADLINES = (
    "Inside {a}&rsquo;s Stunning {city} Mansion",
    "{a} Net Worth: How Much The {film} Star Really Makes",
    "{b} Breaks Silence On {film} Feud Rumors",
    "Is {a} Married? The Truth About The Rumored Romance",
    "The {digit} Best {studio} Movies Ranked From Worst To Best",
    "Why Fans Think {b} Is Leaving Hollywood For Good",
)
PROBLEM_HEADINGS = (
    "{key} Relationship Timeline", "{key}: Are They Dating?", "{key} Net Worth", "What We Know So Far",
    "{key} Latest News", "Behind The Scenes Drama", "Fans React",
)

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_BLOCK_TAG = re.compile(r"</?(?:p|h2|ul|li|figure|figcaption|blockquote|img)\b[^>]*>")


def count_words(markup: str) -> int:
    """Words in the text of ``markup``, counted the way editors (and pubcheck) count them."""
    return len(_WORD.findall(html.unescape(_TAG.sub(" ", markup))))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", html.unescape(text).lower()).strip("-")


@dataclass
class ArticleInfo:
    """What the generator put in one file, written to manifest.json for later accuracy checks."""

    file: str
    kind: str  # "clean" or "problem"
    words: int
    bytes: int
    teasers: int
    unattributed_quotes: int
    keyphrase: str | None


class _Article:
    """Builds one article. Every random choice comes from ``rng``, so (seed, index, words) fixes the bytes."""

    def __init__(self, rng: random.Random, problem: bool, target_words: int):
        self.rng = rng
        self.problem = problem
        self.target = target_words
        a_first, b_first = rng.sample(FIRST_NAMES, 2)
        a_last, b_last = rng.sample(LAST_NAMES, 2)
        cities = rng.sample(CITIES, 2)
        self.fixed = {
            "a": f"{a_first} {a_last}", "al": a_last, "b": f"{b_first} {b_last}", "bl": b_last,
            "film": f"{rng.choice(FILM_FIRST)} {rng.choice(FILM_SECOND)}",
            "film2": f"{rng.choice(FILM_FIRST)} {rng.choice(FILM_SECOND)}",
            "director": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "studio": rng.choice(STUDIOS), "festival": rng.choice(FESTIVALS), "venue": rng.choice(VENUES),
            "city": cities[0], "city2": cities[1], "year": str(rng.randint(2009, 2025)),
            "age": str(rng.randint(24, 61)), "role": rng.choice(ROLES), "runtime": str(rng.randint(94, 162)),
        }
        # The stuffed keyphrase: both stars' full names run together, as an SEO plugin suggests.
        self.fixed["key"] = f"{self.fixed['a']} {self.fixed['b']}"
        # Some CMSs store character references, others literal UTF-8: both reach the linter.
        self.entities = rng.random() < 0.6
        self.decks: dict[tuple[str, ...], list[str]] = {}
        self.words = 0
        self.teasers = 0
        self.unattributed = 0

    # -- text -------------------------------------------------------------------------------
    def fill(self, template: str) -> str:
        rng = self.rng
        values = {key: html.escape(value, quote=False) for key, value in self.fixed.items()}
        values.update(
            outlet=html.escape(rng.choice(OUTLETS), quote=False), critic=rng.choice(CRITICS),
            money=f"${rng.randint(2, 240)}.{rng.randint(0, 9)} million", pct=rng.randint(61, 98),
            theaters=f"{rng.randint(400, 4200):,}", shoot_days=rng.randint(28, 96), reviews=rng.randint(40, 380),
            weeks=rng.randint(3, 40), orchestra=rng.randint(40, 90), minutes=rng.randint(4, 50),
            crew=rng.randint(80, 900), digit=rng.randint(2, 9), day=rng.randint(1, 28), month=rng.choice(MONTHS),
            weekday=rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")),
            url=f"{SITE}/{rng.choice(SECTIONS)}/{_slug(rng.choice(FILM_SECOND))}-{rng.randint(1000, 99999)}",
        )
        return self.typeset(template.format(**values))

    def typeset(self, markup: str) -> str:
        """Apostrophes, quotes and dashes as this article's CMS writes them."""
        markup = _APOSTROPHE.sub("&rsquo;", markup)
        if not self.entities:
            for entity, char in (("&rsquo;", "’"), ("&lsquo;", "‘"), ("&ldquo;", "“"), ("&rdquo;", "”"), ("&mdash;", "—")):
                markup = markup.replace(entity, char)
        return markup

    def draw(self, pool: tuple[str, ...]) -> str:
        """The next template from a shuffled deck of ``pool``: none repeats until the whole pool has been used."""
        deck = self.decks.get(pool)
        if not deck:
            deck = self.decks[pool] = list(pool)
            self.rng.shuffle(deck)
        return self.fill(deck.pop())

    def paragraph(self, sentences: int) -> str:
        # Problem pages mix their hype with ordinary copy, as SEO farms rewrite wire stories.
        pool = PROBLEM_SENTENCES + CLEAN_SENTENCES[:16] if self.problem else CLEAN_SENTENCES
        return "<p>" + " ".join(self.draw(pool) for _ in range(sentences)) + "</p>"

    def quote_paragraph(self) -> str:
        rng = self.rng
        if self.problem and rng.random() < 0.7:
            self.unattributed += 1
            quote = rng.choice(PROBLEM_QUOTES)
            if rng.random() < 0.5:
                return self.fill(f"<p>&ldquo;{quote}.&rdquo;</p>")  # a quote standing alone, no speaker at all
            return self.fill(f"<p>&ldquo;{quote},&rdquo; a source close to the production said.</p>")
        return self.fill(f"<p>&ldquo;{rng.choice(CLEAN_QUOTES)},&rdquo; {rng.choice(CLEAN_ATTRIBUTIONS)}</p>")

    def teaser(self) -> str:
        self.teasers += 1
        headline = self.fill(self.rng.choice(TEASER_HEADLINES))
        return self.fill(self.rng.choice(TEASERS).replace("{headline}", headline.replace("{", "{{")))

    def figure(self) -> str:
        f = self.fixed
        alt = f"{f['a']} and {f['b']} at {f['venue']} in {f['city']}"
        if self.problem and self.rng.random() < 0.5:
            alt = f"{f['key']} {f['key']} photos"
        src = f"{SITE}/img/{_slug(f['film'])}-{self.rng.randint(100, 999)}.jpg"
        caption = self.fill("{a} and {b} at the premiere of <em>{film}</em>. (Photo: {outlet})")
        return (f'<figure>\n<img src="{src}" alt="{html.escape(alt)}" width="1200" height="800">\n'
                f"<figcaption>{caption}</figcaption>\n</figure>")

    def blockquote(self) -> str:
        quote = self.rng.choice(CLEAN_QUOTES)
        return self.fill(f"<blockquote>\n<p>&ldquo;{quote}.&rdquo;</p>\n<p>&mdash; {{a}}</p>\n</blockquote>")

    def bullet_list(self) -> str:
        items = [
            self.fill("<strong>{a}</strong> as the lead, {role}"),
            self.fill("<strong>{b}</strong> in a supporting role"),
            self.fill("Directed by {director}; produced by {studio}"),
            self.fill("In theaters {month} {day}, {year}; running time {runtime} minutes"),
        ]
        if self.problem:
            items.append(self.fill("Everything about {key} in one place"))
        return "<ul>\n" + "\n".join(f"  <li>{item}</li>" for item in items) + "\n</ul>"

    # -- page -------------------------------------------------------------------------------
    def body(self) -> list[str]:
        """The <article>'s blocks, added until the word target is met; rates are per word, so length scales the mix."""
        rng = self.rng
        if self.problem:
            headline = self.fill("{key}: The Truth About Their {film} Romance Will Shock You")
            lede = self.fill("<p><strong>{key}</strong> rumors are everywhere, and sources say "
                             "the {film} co-stars are closer than ever.</p>")
        else:
            headline = self.fill("{a} and {b} lead premiere of &lsquo;{film}&rsquo; at {festival}")
            lede = self.fill("<p><strong>{city}</strong> &mdash; {a} and {b} opened {festival} on {weekday} "
                             "with the world premiere of <em>{film}</em>, a drama from {studio} directed by {director}.</p>")
        reporter = rng.choice(REPORTERS)
        month, day = rng.randint(1, 11), rng.randint(1, 28)
        blocks = [
            f"<h1>{headline}</h1>",
            f'<p class="byline">By <a href="{SITE}/staff/{_slug(reporter)}">{reporter}</a> &middot; '
            f'<time datetime="2026-{month:02d}-{day:02d}">{MONTHS[month - 1]} {day}, 2026</time></p>',
            self.figure(),
            lede,
        ]
        self.words = sum(count_words(b) for b in blocks)
        # Blocks placed every so many words (name -> (interval, builder)), so their rate per word
        # is the same at any length; ``since`` counts the words since each was last placed.
        extras = {"list": (900, self.bullet_list), "blockquote": (550, self.blockquote), "figure": (700, self.figure),
                  "quote": (260, self.quote_paragraph)}
        if self.problem:
            extras.update(teaser=(300, self.teaser), keyphrase=(250, self.keyphrase_paragraph))
        since = {name: rng.randint(0, interval) for name, (interval, _) in extras.items()}

        def add(block: str) -> None:
            blocks.append(block)
            added = count_words(block)
            self.words += added
            for name in since:
                since[name] += added

        headings = PROBLEM_HEADINGS if self.problem else CLEAN_HEADINGS
        while self.words < self.target:
            add(f"<h2>{self.draw(headings)}</h2>")
            for _ in range(rng.randint(2, 4)):
                add(self.paragraph(rng.randint(2, 5)))
                for name, (interval, build) in extras.items():
                    if since[name] >= interval:
                        since[name] = 0
                        add(build())
                if self.words >= self.target:
                    break
        return blocks

    def keyphrase_paragraph(self) -> str:
        return self.fill(f"<p>{self.rng.choice(KEYPHRASE_PARAGRAPHS)}</p>")

    def page(self, one_block: bool) -> str:
        f = self.fixed
        blocks = self.body()
        if one_block:
            # Everything after the headline in one paragraph, as copy pasted without breaks
            # arrives: the layout that shows work growing faster than the size of one block.
            inline = " ".join(_BLOCK_TAG.sub(" ", block) for block in blocks[1:])
            blocks = [blocks[0], f"<p>{' '.join(inline.split())}</p>"]
        body = "\n".join(blocks)
        if self.problem:
            title = self.fill("{key}: Are They Dating? Everything We Know | Marquee Daily")
            description = self.fill("{key} latest: {key} relationship, {key} net worth and more.")
        else:
            title = self.fill("{a} and {b} open {festival} with ‘{film}’ | Marquee Daily")
            description = self.fill("{a} and {b} star in {director}’s {film}, which opens in theaters in {month}.")
        canonical = f"{SITE}/{self.rng.choice(SECTIONS)}/{_slug(f['film'])}-{_slug(f['a'])}"
        teasers = map(self.fill, self.rng.sample(TEASER_HEADLINES, 3))
        related = "\n".join(f'      <li><a href="{SITE}/film/{_slug(t)}">{t}</a></li>' for t in teasers)
        nav = "\n".join(f'      <li><a href="{SITE}/{s}">{s.title() if s != "tv" else "TV"}</a></li>' for s in SECTIONS)
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
  <meta name="description" content="{description}">
  <link rel="canonical" href="{canonical}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{title}">
  <meta property="og:description" content="{description}">
  <meta property="og:url" content="{canonical}">
  <meta property="og:image" content="{SITE}/img/{_slug(f['film'])}-og.jpg">
  <link rel="stylesheet" href="{SITE}/static/site.css">
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "entertainment"}});</script>
</head>
<body>
  <header class="site-header"><a href="{SITE}/">Marquee Daily</a></header>
  <nav aria-label="Sections">
    <ul>
{nav}
    </ul>
  </nav>
  <main>
    <article>
{body}
    </article>
    <aside>
      <h2>Related articles</h2>
      <ul>
{related}
      </ul>
    </aside>
  </main>
  <footer>
    <p>&copy; 2026 Marquee Daily &middot; <a href="{SITE}/about">About</a> &middot; <a href="{SITE}/privacy">Privacy</a></p>
  </footer>
</body>
</html>
"""


def article(seed: int, index: int, words: int = 1000, one_block: bool = False) -> tuple[str, ArticleInfo]:
    """Article ``index`` of the corpus for ``seed``: its HTML and what went into it.

    ``one_block`` puts the same words (the article is otherwise identical) in a single paragraph.
    """
    rng = random.Random(f"pubcheck-corpus:{seed}:{index}:{words}")
    problem = index % 2 == 1  # alternate, so any prefix of the corpus is half and half
    built = _Article(rng, problem, round(words * rng.uniform(0.9, 1.1)))
    page = built.page(one_block)
    name = f"{index:05d}-{'problem' if problem else 'clean'}-{_slug(built.fixed['film'])}.html"
    info = ArticleInfo(name, "problem" if problem else "clean", built.words, len(page.encode()), built.teasers,
                       built.unattributed, built.fixed["key"] if problem else None)
    return page, info


def generate(
    directory: str | Path, count: int, seed: int = 2026, words: int = 1000, start: int = 0, one_block: bool = False
) -> list[ArticleInfo]:
    """Write articles ``start`` to ``start + count - 1`` of about ``words`` words each into ``directory``, plus manifest.json.

    ``words`` is the per-article target (each article lands within about 10% of it): 10000 and
    100000 give the 10x and 100x articles the scaling check uses. ``start`` gives further
    articles that share none of the first ones' text. ``one_block`` writes each article's body
    as one paragraph.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    infos = []
    for index in range(start, start + count):
        page, info = article(seed, index, words, one_block)
        (directory / info.file).write_text(page, encoding="utf-8")
        infos.append(info)
    manifest = {"seed": seed, "words": words, "start": start, "one_block": one_block,
                "articles": [asdict(info) for info in infos]}
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return infos


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a reproducible corpus of HTML entertainment articles.")
    parser.add_argument("directory")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--words", type=int, default=1000, help="words per article (default 1000; 10000 for 10x)")
    parser.add_argument("--start", type=int, default=0, help="index of the first article (default 0)")
    parser.add_argument("--one-block", action="store_true", help="each article's body in a single paragraph")
    args = parser.parse_args()
    infos = generate(args.directory, args.count, args.seed, args.words, args.start, args.one_block)
    print(f"wrote {len(infos)} articles ({sum(i.words for i in infos):,} words) to {args.directory}")


if __name__ == "__main__":
    main()
