"""Which English word list the offline `spelling` rule should use: pyspellchecker's or symspellpy's.

    python benchmarks/spelling_engines.py

Both lists go through pubcheck's own checker (the same tokenizer, name handling and allowlist),
so the comparison is of the word lists. Measured:

- precision: spelling findings on the clean fixture articles (target: none), on all fixtures and
  on the reference article;
- recall: 40 common misspellings, each in a sentence (TYPOS below), and how often the first
  suggestion is the right word;
- speed: checking a 1,000-word article (the list already loaded), loading the list (parsed from
  the package), and each library's own start-up and suggestion cost.

Both packages must be installed (symspellpy is not a pubcheck dependency: `pip install symspellpy`).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "problem-article.txt"

# (sentence with a misspelling, the misspelled word, the right word)
TYPOS = [
    ("The actress said she would recieve the award in person.", "recieve", "receive"),
    ("The hotel could not accomodate the whole cast.", "accomodate", "accommodate"),
    ("It was definately the best performance of the night.", "definately", "definitely"),
    ("The goverment film board approved the release.", "goverment", "government"),
    ("They filmed the two endings on seperate days.", "seperate", "separate"),
    ("The accident occured on the second day of filming.", "occured", "occurred"),
    ("The tour will not resume untill the spring.", "untill", "until"),
    ("Fans asked wich song would open the show.", "wich", "which"),
    ("Critics could not beleive the twist in the finale.", "beleive", "believe"),
    ("The band thanked thier fans after the encore.", "thier", "their"),
    ("A second unit was not neccessary for the shoot.", "neccessary", "necessary"),
    ("He did not want to embarass his co-star on live television.", "embarass", "embarrass"),
    ("The singer publically apologized on Monday.", "publically", "publicly"),
    ("The trailer drops tommorow at noon.", "tommorow", "tomorrow"),
    ("From the begining, the project was a risk.", "begining", "beginning"),
    ("The studio commited to a third season.", "commited", "committed"),
    ("She made a concious choice to leave the show.", "concious", "conscious"),
    ("The band denied the existance of a second album.", "existance", "existence"),
    ("The plot will feel familar to fans of the books.", "familar", "familiar"),
    ("The film won the award for best foriegn feature.", "foriegn", "foreign"),
    ("Her oldest freind directed the video.", "freind", "friend"),
    ("The script had more than one grammer mistake.", "grammer", "grammar"),
    ("Photographers continued to harrass the couple.", "harrass", "harass"),
    ("The movie was made by an independant studio.", "independant", "independent"),
    ("He had no knowlege of the casting change.", "knowlege", "knowledge"),
    ("She worked as a press liason for the festival.", "liason", "liaison"),
    ("The song became the anthem of the new millenium.", "millenium", "millennium"),
    ("There was a noticable change in his voice.", "noticable", "noticeable"),
    ("The gala was a rare occassion for the whole cast.", "occassion", "occasion"),
    ("The rumors were persistant all summer.", "persistant", "persistent"),
    ("Police found the stolen guitar in his posession.", "posession", "possession"),
    ("The director prefered natural light.", "prefered", "preferred"),
    ("We reccomend the extended cut.", "reccomend", "recommend"),
    ("She refered to the scene as the hardest of her career.", "refered", "referred"),
    ("The lawsuit is not relevent to the new season.", "relevent", "relevant"),
    ("The film draws on her religous upbringing.", "religous", "religious"),
    ("The drummer kept the rythm through the storm.", "rythm", "rhythm"),
    ("It was the most succesful tour of the year.", "succesful", "successful"),
    ("The cameo was a complete suprise to the audience.", "suprise", "surprise"),
    ("Her tendancy to improvise annoyed the writers.", "tendancy", "tendency"),
]


def _documents():
    import yaml

    from pubcheck.document import decode, format_for, read

    clean, problem = [], []
    for article in sorted((ROOT / "fixtures" / "articles").iterdir()):
        labels = yaml.safe_load((ROOT / "fixtures" / "labels" / f"{article.stem}.yaml").read_text(encoding="utf-8"))
        fmt = format_for(str(article), None)
        doc = read(decode(article.read_bytes(), fmt)[0], fmt, str(article))
        (clean if labels.get("clean") else problem).append(doc)
    if REFERENCE.exists():
        problem.append(read(REFERENCE.read_text(encoding="utf-8"), "text", str(REFERENCE)))
    return clean, problem


def measure(source: str, clean, problem) -> dict:
    from pubcheck.document import read
    from pubcheck.rules import spelling

    start = time.perf_counter()
    table = spelling._read_frequencies(source)
    parse_ms = (time.perf_counter() - start) * 1000
    words = frozenset(table)
    lexicon = spelling.Lexicon(words=words)
    result: dict = {"source": source, "words": len(words), "parse_ms": parse_ms}
    result["clean_findings"] = [m.text for doc in clean for m in spelling.misspellings(doc, lexicon)]
    result["problem_findings"] = [m.text for doc in problem for m in spelling.misspellings(doc, lexicon)]

    found, right = 0, 0
    original = spelling.english_words
    spelling.english_words = lambda _=source: original(source)  # suggestions from this list
    try:
        for sentence, typo, correct in TYPOS:
            misses = [m.text for m in spelling.misspellings(read(sentence, "text"), lexicon)]
            if typo in misses:
                found += 1
                right += spelling.suggestions(typo, 1)[:1] == [correct]
        start = time.perf_counter()
        for _, typo, _ in TYPOS:
            spelling.suggestions(typo, 3)
        suggest_ms = (time.perf_counter() - start) * 1000 / len(TYPOS)
    finally:
        spelling.english_words = original
    result.update(recall=found / len(TYPOS), top1=right / len(TYPOS), suggest_ms=suggest_ms)

    docs = clean + problem
    total_words = sum(doc.word_count for doc in docs)
    for doc in docs:  # warm the documents' cached sentences, as the other rules would have
        for unit in spelling.text_units(doc):
            unit.sentences
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for doc in docs:
            spelling.misspellings(doc, lexicon)
        runs.append(time.perf_counter() - start)
    result["ms_per_1000_words"] = statistics.median(runs) * 1000 / total_words * 1000
    return result


def native(source: str) -> dict:
    """The library's own engine: start-up and suggestion cost, and top-1 accuracy on TYPOS."""
    result: dict = {}
    if source == "pyspellchecker":
        start = time.perf_counter()
        from spellchecker import SpellChecker

        checker = SpellChecker()
        result["init_ms"] = (time.perf_counter() - start) * 1000
        correct = checker.correction
    else:
        start = time.perf_counter()
        from importlib.resources import files

        from symspellpy import SymSpell, Verbosity

        checker = SymSpell(max_dictionary_edit_distance=2)
        checker.load_dictionary(str(files("symspellpy") / "frequency_dictionary_en_82_765.txt"), 0, 1)
        result["init_ms"] = (time.perf_counter() - start) * 1000

        def correct(word):
            found = checker.lookup(word, Verbosity.CLOSEST, 2)
            return found[0].term if found else None

    right, times = 0, []
    for _, typo, expected in TYPOS:
        start = time.perf_counter()
        right += correct(typo) == expected
        times.append((time.perf_counter() - start) * 1000)
    result.update(top1=right / len(TYPOS), suggest_ms=statistics.mean(times), worst_ms=max(times))
    return result


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    clean, problem = _documents()
    print(f"{len(clean)} clean and {len(problem)} problem articles; {len(TYPOS)} misspellings\n")
    for source in ("pyspellchecker", "symspellpy"):
        try:
            r = measure(source, clean, problem)
            n = native(source)
        except ModuleNotFoundError as exc:
            print(f"{source}: not installed ({exc})\n")
            continue
        print(f"{source}: {r['words']:,} words, parsed from the package in {r['parse_ms']:.0f} ms "
              "(pubcheck reads it once into an indexed table in its cache folder)")
        print(f"  precision: {len(r['clean_findings'])} findings on clean articles {sorted(set(r['clean_findings']))[:12]}")
        print(f"             {len(r['problem_findings'])} on problem articles {sorted(set(r['problem_findings']))[:12]}")
        print(f"  recall: {r['recall']:.0%} of misspellings flagged; first suggestion right {r['top1']:.0%}")
        print(f"  speed: {r['ms_per_1000_words']:.2f} ms per 1,000 words checked; suggestions {r['suggest_ms']:.1f} ms a word")
        print(f"  the library's own engine: start-up {n['init_ms']:.0f} ms, suggestion {n['suggest_ms']:.1f} ms a word "
              f"(worst {n['worst_ms']:.0f} ms), first suggestion right {n['top1']:.0%}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
