from __future__ import annotations

from ..document import Document
from ..text.prose import prose_blocks
from ..text.syllables import total_syllables
from .base import Problem, Rule


# Words whose syllables are counted together: an article's all at once, a long page's this many at
# a time (7 million words in one list were 56 MB).
_BATCH_WORDS = 100_000


def grade_and_ease(doc: Document) -> tuple[float, float, int] | None:
    """Flesch-Kincaid grade, Flesch reading ease and word count of the body's prose."""
    blocks = prose_blocks(doc)
    words = syllables = 0
    batch: list[str] = []
    for block in blocks:
        batch += block.words  # list concatenation: a third faster than tuple(chain(...)) of ~1,000 words
        if len(batch) >= _BATCH_WORDS:
            words, syllables, batch = words + len(batch), syllables + total_syllables(batch), []
    words += len(batch)
    sentences = sum(len(b.sentences) for b in blocks)
    if not words or not sentences:
        return None
    syllables += total_syllables(batch)
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
