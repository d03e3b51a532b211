"""unless-next-sentence reads the sentence after a match's: found from the match's sentence index,
as the plain reading finds it by bisecting the block's sentences at the sentence's end."""

from __future__ import annotations

from pathlib import Path

from pubcheck.document import format_for, read
from pubcheck.rules.kinds import _following, _sentence_around

ROOT = Path(__file__).resolve().parents[1]


def _plain_following(doc, where, sentence_end):
    if getattr(where, "kind", "") == "heading":
        return _following(doc, where, (0, sentence_end, None))
    sentences = where.sentences
    index = where.sentence_index(sentence_end - 1) + 1  # the first sentence starting at or after its end
    if index < len(sentences) and sentences[index].start >= sentence_end:
        return where.text, sentences[index].start, sentences[index].end
    return None


def test_the_next_sentence_is_the_one_the_plain_reading_finds():
    paths = sorted((ROOT / "fixtures" / "articles").iterdir())
    texts = [(path.read_text(encoding="utf-8"), format_for(path.name)) for path in paths]
    texts.append(("<p>  Lead.  It was said. \n\n Reuters said so!  </p><p>One.</p><p>   </p><h2>Reportedly</h2><p>Below.</p>", "html"))
    asked = 0
    for text, fmt in texts:
        doc = read(text, fmt)
        for block in doc.body:
            for offset in range(0, len(block.text), 7):  # in sentences and in the spaces between them
                unit = _sentence_around(block, offset)
                assert _following(doc, block, unit) == _plain_following(doc, block, unit[1]), (block.text, offset)
                asked += 1
    assert asked > 1000
