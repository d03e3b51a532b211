from __future__ import annotations

from ..document import Document
from ..document.sentences import words
from ..text.prose import prose_blocks
from .base import Problem, Rule


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
        for block in prose_blocks(doc):
            # A sentence's words are the block's words within it (the sentences share out the
            # block's whitespace-separated tokens), so once the sentences not counted yet hold at
            # most `limit` words between them, none is long; nor is a sentence too short to hold
            # more than `limit` words of one letter and one separator each. Only the rest are counted.
            left = len(block.words)  # the words of the sentences not counted yet
            if left <= limit:
                continue  # (before the block's sentences are asked for)
            for sentence in block.sentences:
                if left <= limit:
                    break
                if len(sentence.text) <= 2 * limit:
                    continue
                count = len(words(sentence.text))
                left -= count
                if count > limit:
                    yield Problem(f"Sentence of {count} words (at most {limit}); split it", block, sentence.start, sentence.end)
