"""Which English word list the offline `spelling` rule should use, compared side by side.

    python benchmarks/spelling_engines.py [--real DIR ...]

Every candidate goes through pubcheck's own checker (the same tokenizer, name handling,
allowlist and unchecked passages), so the comparison is of the word lists:

- pyspellchecker: its English dictionary alone (pubcheck's list until issue 16);
- symspellpy: its 82,765-word frequency dictionary (when installed: `pip install symspellpy`);
- + SCOWL: pyspellchecker plus the full SCOWL lists (rules/dictionaries/wordlist/, made by
  build_wordlist.py from Debian's wamerican/wbritish);
- + SCOWL + wordfreq: the above plus every word with a wordfreq Zipf frequency of at least
  data.GUARD_ZIPF (pubcheck's list now).

Each is checked as the rule checks (documents not in English skipped, British spelling where a
page uses it, with the en-GB list added); only the American list differs.

Measured:

- precision: findings on the clean fixture articles (target: none), on the committed
  professional set (benchmarks/professional/) and, with `--real`, on real professional pages kept
  outside the repository, as findings per 5,000 words (target: at most 1 false one);
- recall: the labelled real-world misspellings in benchmarks/data/misspellings.txt, each in a
  sentence, and how often the first suggestion is the right word (on the 40 TYPOS below);
- speed: checking 1,000 words (the list already loaded), and building the list.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "problem-article.txt"
MISSPELLINGS = ROOT / "benchmarks" / "data" / "misspellings.txt"


def misspellings() -> list[tuple[str, str]]:
    """(misspelling, correct word) pairs of the labelled set."""
    lines = MISSPELLINGS.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split()) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


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


def _read(paths) -> list:
    from pubcheck.document import decode, format_for, read

    docs = []
    for path in paths:
        fmt = format_for(str(path), None)
        docs.append(read(decode(path.read_bytes(), fmt)[0], fmt, str(path)))
    return docs


def candidates() -> dict:
    """name -> (function building the word -> frequency table, the pubcheck source its suggestions rank by)."""
    from pubcheck import data

    def with_scowl():
        table = data.read_frequencies("pyspellchecker")
        for word in data.shipped_wordlist("en-US"):
            table.setdefault(word, 1)
        return table

    return {
        "pyspellchecker": (lambda: data.read_frequencies("pyspellchecker"), "pyspellchecker"),
        "symspellpy": (lambda: data.read_frequencies("symspellpy"), "symspellpy"),
        "+ SCOWL": (with_scowl, "pyspellchecker"),
        "+ SCOWL + wordfreq": (lambda: data.read_words("pyspellchecker", "en-US"), "pyspellchecker"),
    }


def measure(name: str, build, clean, sets: dict[str, list]) -> dict:
    from pubcheck.data import shipped_wordlist
    from pubcheck.document import read
    from pubcheck.rules import spelling
    from pubcheck.text.lexicon import Lexicon
    from pubcheck.text.names import text_units

    start = time.perf_counter()
    table = build()
    result: dict = {"source": name, "words": len(table), "parse_ms": (time.perf_counter() - start) * 1000}
    lexicon = Lexicon(words=frozenset(table))
    british = Lexicon(words=frozenset(table) | set(shipped_wordlist("en-GB")), british=True)

    def check(doc) -> list[str]:
        """What the rule reports with this list: nothing on a document not in English, British spelling where the page uses it."""
        if not spelling.is_english(doc):
            return []
        chosen = british if spelling.document_variant(doc) == "en-GB" else lexicon
        return [m.text for m in spelling.misspellings(doc, chosen)]

    result["clean_findings"] = [word for doc in clean for word in check(doc)]
    for label, docs in sets.items():
        result[label] = ([word for doc in docs for word in check(doc)], sum(doc.word_count for doc in docs))
    pairs = misspellings()
    caught = [typo for typo, _ in pairs if typo in {m.text for m in spelling.misspellings(read(f"The reporter wrote {typo} in the story.", "text"), lexicon)}]
    result["recall"] = len(caught) / len(pairs)
    result["missed"] = sorted({typo for typo, _ in pairs} - set(caught))

    docs = clean + [doc for docs in sets.values() for doc in docs]
    total_words = sum(doc.word_count for doc in docs)
    for doc in docs:  # warm the documents' cached sentences, as the other rules would have
        for unit in text_units(doc):
            unit.sentences
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for doc in docs:
            check(doc)
        runs.append(time.perf_counter() - start)
    result["ms_per_1000_words"] = statistics.median(runs) * 1000 / total_words * 1000
    return result


def top1(source: str) -> float:
    """How often pubcheck's first suggestion, ranked by ``source``'s frequencies, is the right word."""
    from pubcheck.text import lexicon

    original = lexicon.english_words
    lexicon.english_words = lambda _=source, variant="en-US": original(source)
    lexicon._suggestions.cache_clear()
    try:
        return sum(lexicon.suggestions(typo, 1) == [correct] for _, typo, correct in TYPOS) / len(TYPOS)
    finally:
        lexicon.english_words = original
        lexicon._suggestions.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="compare the spelling word lists")
    parser.add_argument("--real", nargs="*", type=Path, default=[], help="folders of real professional pages (kept outside the repository)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from noise import articles

    clean, _ = _documents()
    sets = {"professional fixtures": _read(articles([ROOT / "benchmarks" / "professional"]))}
    if args.real:
        sets["real professional pages"] = _read(articles(args.real))
    print(f"{len(clean)} clean fixture articles; {len(misspellings())} labelled misspellings; "
          + "; ".join(f"{label}: {len(docs)} ({sum(d.word_count for d in docs):,} words)" for label, docs in sets.items()) + "\n")
    for name, (build, source) in candidates().items():
        try:
            r = measure(name, build, clean, sets)
        except ModuleNotFoundError as exc:
            print(f"{name}: not installed ({exc})\n")
            continue
        print(f"{name}: {r['words']:,} words, built in {r['parse_ms']:.0f} ms (once; pubcheck keeps it in an indexed table in its cache folder)")
        print(f"  clean fixtures: {len(r['clean_findings'])} findings {sorted(set(r['clean_findings']))[:10]}")
        for label in sets:
            found, words = r[label]
            print(f"  {label}: {len(found)} findings, {len(found) / words * 5000:.2f} per 5,000 words {sorted(set(found))[:16]}")
        print(f"  recall: {r['recall']:.1%} of the labelled misspellings (missed: {', '.join(r['missed'][:12])})")
        print(f"  first suggestion right: {top1(source):.0%} of TYPOS; speed: {r['ms_per_1000_words']:.2f} ms per 1,000 words\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
