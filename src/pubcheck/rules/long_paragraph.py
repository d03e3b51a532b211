from __future__ import annotations

from ..document import Document
from .base import Problem, Rule


class LongParagraph(Rule):
    """Flags a wall of text: a paragraph longer than readers will take in on screen.

    The default of 150 words is Yoast's paragraph-length limit for web copy, and holds on real
    writing: over 83 real professional news pages (benchmarks/calibrate_readability.py, figures
    in benchmarks/README.md) the 99th percentile of 2,722 paragraphs is 126 words and the
    longest paragraph of nine articles in ten is at most 142. Advice, not a defect: `info` by
    default.

    ## Why is this bad?
    Long paragraphs look like walls on a phone screen; readers skip them.

    ## Example
    ```
    The festival opened on Thursday with a gala screening, and the red carpet ran long because
    the organizers had added a second arrival line for the jury, which meant the photographers
    were split between two ends of the plaza while the guests waited in the heat, and by the
    time the lead actors reached the microphones the program was forty minutes behind schedule,
    which pushed the opening film back and left the critics who had booked the late press
    screening with no time to eat, and several of them said afterwards that the delay set a
    tone for the week, although the festival director insisted that the schedule was always
    meant to be flexible and that the extra line had been requested by the jury itself, a
    claim the jury president later disputed in a short interview with a local radio station,
    saying that nobody had asked her about the arrangements and that she had learned of the
    change only when she arrived at the plaza and saw the crowd.
    ```

    ## Not flagged
    ```
    The festival opened on Thursday with a gala screening. The red carpet ran forty minutes long.
    ```

    ## How to fix
    Break the paragraph where the idea changes.

    ## Options
    - `max-words` (default 150).
    """

    id = "long-paragraph"
    category = "readability"
    severity = "info"
    summary = "A paragraph is a wall of text"
    options = {"max-words": 150}

    def check(self, doc: Document):
        limit = self.settings["max-words"]
        for block in doc.body:
            if block.kind == "paragraph" and len(block.words) > limit:
                yield Problem(f"Paragraph of {len(block.words)} words (at most {limit}); break it up", block)
