"""The offline spelling rule: what it must flag, what it must leave alone (names above all), where
it points, what it suggests, and that it works with no network at all."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from helpers import best_cpu_seconds

import pubcheck
from pubcheck.config import Config
from pubcheck.errors import ConfigError
from pubcheck.rules import spelling
from pubcheck.text.lexicon import Lexicon, suggestions

ROOT = Path(__file__).resolve().parents[1]


def load_benchmark():
    spec = importlib.util.spec_from_file_location("spelling_engines", ROOT / "benchmarks" / "spelling_engines.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TYPOS = load_benchmark().TYPOS


def flagged(source: str, fmt: str = "text", **config) -> list[str]:
    report = pubcheck.lint(source, format=fmt, config=Config(select=("spelling",), **config))
    assert not report.skipped and report.error is None
    return [f.text for f in report.findings if f.rule == "spelling"]


def fixture_articles() -> list[tuple[str, str]]:
    """(text, format) of every fixture article: what the equivalence tests read first."""
    formats = {".html": "html", ".md": "markdown"}
    return [(article.read_text(encoding="utf-8"), formats.get(article.suffix, "text"))
            for article in sorted((ROOT / "fixtures" / "articles").iterdir())]


# -- must flag ------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence, typo, correct", TYPOS, ids=[t for _, t, _ in TYPOS])
def test_common_misspellings_are_flagged(sentence, typo, correct):
    assert flagged(sentence) == [typo]


def test_first_suggestion_is_right_for_almost_every_common_misspelling():
    right = sum(suggestions(typo, 1) == [correct] for _, typo, correct in TYPOS)
    assert right >= len(TYPOS) - 2, right


def test_misspelling_opening_a_sentence_is_flagged():
    assert flagged("Definately the best film of the year.\n\nRecieve the award, she said.") == ["Definately", "Recieve"]


def test_misspelled_month_or_weekday_is_flagged_wherever_it_stands():
    copy = (
        "Both actors are expected to resume shooting in Feburary. The crew rested on Wednsday and "
        "Teusday, and the premiere moves to Septmber. Thrusday is the last day of the shoot."
    )
    assert flagged(copy) == ["Feburary", "Wednsday", "Teusday", "Septmber", "Thrusday"]


def test_names_near_a_month_or_weekday_are_not_flagged():
    copy = (
        "On Friday, Sundar met Marsh, Augusta and Marcy in March, and Octavia joined them on Sunday. "
        "Later, Munroe, Janeway and Thursby spoke to Decker and Julyan."
    )
    assert flagged(copy) == []


def test_misspelled_part_of_a_hyphenated_word_is_flagged():
    assert flagged("It was a well-recieved debut.") == ["recieved"]


def test_misspelling_in_a_heading_and_a_list_item():
    page = "<article><h2>The goverment and the studio</h2><ul><li>A seperate deal</li></ul></article>"
    assert flagged(page, "html") == ["goverment", "seperate"]


# -- must not flag --------------------------------------------------------------------------------


NAMES_AND_WORDS = {
    "synthetic": ("Lindgren", "Ottilie", "Kettlebrook", "Andrade", "Calloway", "Mabry", "Devereux", "besties", "lo-fi"),
    "reference": ("Dunham", "Pillsbury", "MountainA", "Ruffalo", "rom-coms", "rom-com", "besties", "lo-fi", "pussybow", "homage"),
}


def test_problem_article_names_and_words_are_not_flagged(problem_article):
    report = pubcheck.lint(problem_article.text, format="text", config=Config(select=("spelling",)))
    words = {f.text for f in report.findings}
    for word in NAMES_AND_WORDS[problem_article.name]:
        assert word in problem_article.text and word not in words
    assert report.findings == ()


def clean_articles():
    for labels in sorted((ROOT / "fixtures" / "labels").glob("*.yaml")):
        if yaml.safe_load(labels.read_text(encoding="utf-8")).get("clean"):
            yield next((ROOT / "fixtures" / "articles").glob(labels.stem + ".*"))


@pytest.mark.parametrize("article", list(clean_articles()), ids=lambda p: p.name)
def test_no_spelling_findings_on_clean_professional_copy(article):
    report = pubcheck.lint(article, config=Config(select=("spelling",)))
    assert [f.text for f in report.findings] == []


def test_no_spelling_findings_on_any_fixture_article():
    articles = sorted((ROOT / "fixtures" / "articles").iterdir())
    found = {a.name: [f.text for f in pubcheck.lint(a, config=Config(select=("spelling",))).findings] for a in articles}
    assert {name: words for name, words in found.items() if words} == {}


def test_regional_english_of_kenyan_nigerian_and_philippine_copy_is_not_flagged():
    copy = (
        "The gengetone duo sang about missing the last matatu home, backed by benga guitarists. "
        "She ran a small carinderia before the mediacon for her new teleserye, and the chika spread fast. "
        "The Marites online had their theories, and the jollof at the owambe was the talk of the night."
    )
    assert flagged(copy) == []


def test_regional_words_hide_no_typo_of_an_english_word():
    # "aso" and "boda" are left out of the regional list: they are one letter from "also" and "body"
    assert flagged("She aso sang, and the crowd waved at the boda of the stage. The marites were loud.") == ["aso", "boda", "marites"]


def test_names_the_document_establishes_are_not_flagged():
    text = textwrap.dedent(
        """\
        Zorvath Quellin joins the cast

        The studio cast Zorvath Quellin and Marisabel Okonkwo-Tressaint in the lead roles.

        Quellin said the script arrived in May. Okonkwo-Tressaint's agent confirmed it.

        Her label, Brightvane, signed the duo. Brightvane's founder was thrilled.
        """
    )
    assert flagged(text) == []


def test_a_name_only_in_link_text_is_established():
    page = "<article><p>Read the <a href='/p'>Vextorine Sallow</a> profile.</p><p>Sallow declined to comment.</p></article>"
    assert flagged(page, "html") == []


def test_an_unknown_capitalised_word_far_from_any_word_is_taken_for_a_name():
    assert flagged("Northlight led with 14 nominations. Kestrelbrook followed.") == []


def test_an_unknown_capitalised_word_near_a_word_is_a_name_when_used_as_one_elsewhere():
    assert flagged("Postman joins the show. The network hired Jana Postman in May.") == []  # a word, anyway
    assert flagged("Beleive the hype. The cast did.") == ["Beleive"]
    assert flagged("Beleive joins the show. The network hired Jana Beleive in May.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Follow her at https://stagedoor.example/recieve-tickets or @recievedancer on Instagram.",
        "Email press@recieveco.example for #recieveparty passes.",
        "The EFM and the BFI backed it; the DNA of the iPhone era shows.",
        "The 90s and 2010s rom-coms, the then-23-year-old star, and a 20-something hipster.",
        "She couldn’t hold back the tears. It’s the film that made Ottilie Rhys a fan. They’ve been besties since.",
        "Portman’s production company and the Joneses’ house; the DJs’ booth.",
        "The crème brûlée at the café in Tromsø was the star of the tortilla española night.",
        "It played in pre-pandemic theaters; the co-stars re-shot the ending for a mid-season premiere.",
        "Fans binge-watched the docuseries, screenshotted the livestream and rewatched the outros.",
    ],
)
def test_addresses_acronyms_numbers_contractions_and_foreign_words_are_not_flagged(text):
    assert flagged(text) == []


def test_user_dictionary_and_config_words(tmp_path):
    dictionary = tmp_path / "words.txt"
    dictionary.write_text("# desk words\nsnarkfest\nGlimmerdusk  # a band: capitalised only\n", encoding="utf-8")
    text = "It was a snarkfest. Glimmerdusk opened. The glimmerdusk tour, a gribbly night."
    assert flagged(text) == ["snarkfest", "glimmerdusk", "gribbly"]
    assert flagged(text, dictionary=dictionary) == ["glimmerdusk", "gribbly"]  # "Glimmerdusk" excuses only capitals
    report = pubcheck.lint(text, format="text", config=Config(select=("spelling",), dictionary=dictionary,
                                                               rules=(("spelling", _options(words=["gribbly"])),)))
    assert [f.text for f in report.findings] == ["glimmerdusk"]


def _options(**options):
    from pubcheck.config import RuleSettings

    return RuleSettings(options=tuple(options.items()))


def test_config_file_dictionary_applies(tmp_path, cli):
    (tmp_path / "words.txt").write_text("snarkfest\n", encoding="utf-8")
    (tmp_path / ".pubcheck.yaml").write_text("dictionary: words.txt\nselect: [spelling]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("It was a snarkfest and a gribbly night.\n", encoding="utf-8")
    result = cli("lint", "a.txt", cwd=tmp_path)
    assert result.stdout.decode().splitlines()[0] == (
        'a.txt:1:26: warning spelling Possible spelling mistake: "gribbly"; did you mean "gribble"?'
    )


def test_missing_dictionary_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="dictionary: cannot read .*nowhere.txt"):
        pubcheck.lint("Text.", format="text", config=Config(select=("spelling",), dictionary=tmp_path / "nowhere.txt"))


BRITISH = "The colour of the centre stage was organised by the theatre; its defence programme was analysed and catalogued by travellers."


def options(**settings):
    from pubcheck.config import RuleSettings

    return (("spelling", RuleSettings(options=tuple(settings.items()))),)


def variant(name: str):
    return options(variant=name)


def test_british_spelling_is_flagged_in_en_us_and_accepted_in_en_gb():
    assert sorted(flagged(BRITISH, rules=variant("en-US"))) == ["analysed", "centre", "colour", "defence", "organised"]
    en_gb = variant("en-GB")
    assert flagged(BRITISH, rules=en_gb) == []
    assert flagged("The colour was recieved well.", rules=en_gb) == ["recieved"]  # still a spelling checker
    # typos that only look like a British change are still typos
    typos = "The suspence was immence, and the othre numbre of fourm posters smilled."
    assert sorted(flagged(typos, rules=en_gb)) == ["fourm", "immence", "numbre", "othre", "smilled", "suspence"]
    assert flagged("The centred title was cancelled.", rules=en_gb) == []


def test_the_variant_comes_from_the_page_language():
    body = "<p>The colour of the set was organised by the theatre.</p>"
    assert flagged(f'<html lang="en-GB"><body>{body}</body></html>', "html") == []
    assert flagged(f'<html lang="en-IN"><body>{body}</body></html>', "html") == []
    assert flagged(f'<html><head><meta http-equiv="content-language" content="en-GB"></head><body>{body}</body></html>', "html") == []
    # "en-US" is what publishing templates fill in for desks everywhere: the words decide
    assert flagged(f'<html lang="en-US"><body>{body}</body></html>', "html") == []
    american = "<p>The color of the set was organized by the theater, and the colour stayed.</p><p>The center held.</p>"
    assert flagged(f'<html lang="en-US"><body>{american}</body></html>', "html") == ["colour"]
    # a desk that wants American spelling says so
    assert sorted(flagged(f'<html lang="en-US"><body>{body}</body></html>', "html", rules=variant("en-US"))) == ["colour", "organised"]


def test_oxford_and_canadian_ize_spelling_is_not_american():
    # "-ize" beside "centre" and "neighbours" is Canadian or Oxford spelling, not a mixed article
    canadian = "The team capitalized on its chances at the centre court, and the neighbours were organized."
    assert flagged(canadian) == []
    # a page that spells "center" and "color" the American way still has its British stray flagged
    assert flagged("The center court was packed. Its color was red, and the neighbours were loud.") == ["neighbours"]


def test_without_a_declared_variant_the_article_s_own_spellings_decide():
    assert flagged(BRITISH) == []  # British forms only: a British article
    mixed = "The color of the set was organized at the center of town. Its colour was organised well. The favorite color stayed."
    assert sorted(flagged(mixed)) == ["colour", "organised"]  # mostly American: the British forms stand out
    assert flagged("The actress will recieve the award.") == ["recieve"]  # nothing to go on: en-US


def test_a_name_spelled_the_american_way_does_not_make_a_british_article_american():
    article = (
        "She left the band Paper Harbors in 2023 and moved to the coast. "
        "She recorded in a shed, and the neighbours complained about the noise."
    )
    assert flagged(article) == []
    # a British form opening a sentence is the desk's spelling all the same
    assert flagged("Rumour has it that the band Paper Harbors will reunite for one night in the autumn.") == []
    # the same word in lower case is the desk's own spelling, and still counts
    american = "The harbors and their colors were busy all summer, and the neighbours complained about the noise."
    assert flagged(american) == ["neighbours"]


def _spelled_forms_sentence_by_sentence(doc, limit=5_000):
    """The plain reading ``spelling._spelled_forms`` stands for: each sentence tokenised in turn."""
    from pubcheck.document.sentences import words
    from pubcheck.text.names import text_units

    forms, size = set(), 0
    for unit in text_units(doc):
        for sentence in unit.sentences:
            forms.update(word.lower() for i, word in enumerate(words(sentence.text)) if i == 0 or word.islower())
        size += len(unit.text)
        if size >= limit:
            break
    return forms


def test_the_spelled_forms_are_those_read_sentence_by_sentence():
    from pubcheck.document import read

    texts = fixture_articles()
    texts += [
        ("— “Colour” it was. ... 😍 Organised well! • Theatre-goers came.\nCafe\u0301 crowds left. Ou\u0301tside, it rained.", "text"),
        ("Rumor has it. The Rumor Mill said so. Centre Court, the rumor went, was the centre.", "text"),
        ("<h1>The Colour Purple</h1><p>... !! Centre stage, she said.<br>Neighbours  came.</p>", "html"),
    ]
    for text, fmt in texts:
        doc = read(text, fmt)
        plain = _spelled_forms_sentence_by_sentence(doc)
        every_word = frozenset(word.lower() for block in doc.blocks for word in block.words if word.lower().islower())
        for among in (spelling._either_forms(), every_word, every_word - plain):
            assert spelling._spelled_forms(doc, among) == plain & among


def test_unknown_variant_is_a_config_error():
    with pytest.raises(ConfigError, match="option 'variant' must be one of auto, en-US, en-GB, not 'en-AU'"):
        flagged("Text.", rules=variant("en-AU"))


# -- someone else's words, and other languages -----------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Follow the show on TikTok para updated ka palagi sa latest news!",  # Tagalog
        "The couple posted a video captioned yeh toh kamaal hai and fans loved it.",  # Hindi
        "The singer thanked fans with asante sana kwa upendo after the show.",  # Swahili
        "He told reporters abeg no wahala before he left the venue.",  # Nigerian Pidgin
    ],
)
def test_a_code_switched_sentence_is_not_checked(sentence):
    assert flagged(f"The film opens in May. {sentence} It was shot in Manila.") == []


def test_a_short_sentence_after_one_in_another_language_is_in_that_language():
    assert flagged("Bea at Carlo, hiwalay na nga ba? Netizens may napansin") == []


def test_code_switching_needs_two_function_words_of_one_language_and_hides_no_english_typo():
    # one marker word is not enough, nor two from different languages
    assert flagged("The fans sa front row were definately loud.") == ["definately"]
    assert flagged("The sa toh crowd was definately loud.") == ["toh", "definately"]
    # a short English sentence after an English one is still checked
    assert flagged("The premiere was on Friday. Definately loud.") == ["Definately"]


def test_each_sentence_of_a_paragraph_is_judged_on_its_own_language():
    # Sentence by sentence: a typo in the English sentence between two in Tagalog is flagged,
    # however many unknown words the sentences around it hold.
    text = ("The studio screened the film for critics on Tuesday, and the cast flew in from Manila for "
            "the red carpet. Tickets for the weekend shows sold out within an hour of going on sale.\n\n"
            "Grabe ang ganda ng bagong pelikula nila ngayong taon, sobrang saya ng mga tagahanga. "
            "The premiere was definately the loudest of the season. "
            "Salamat po sa lahat ng sumuporta, mahal namin kayo nang sobra talaga.")
    assert flagged(text) == ["definately"]
    assert flagged(text.replace("definately", "definitely")) == []


def test_quoted_speech_is_never_checked():
    text = 'The singer said: "Salamat po sa lahat, mahal ko kayo." She added that the tour was "definately, absolutly" over.'
    assert flagged(text) == []
    assert flagged("The singer said it was definately over.") == ["definately"]  # outside quotes, still checked


def test_blockquote_q_code_and_embedded_posts_are_not_checked():
    page = """<article>
<p>The actor replied to the fan.</p>
<blockquote class="twitter-tweet"><p>omg cant beleive its hapening, thx evry1</p>&mdash; Fan (@fanacct) May 5, 2024</blockquote>
<blockquote><p>Wat a nite, we recieved so much luv</p></blockquote>
<p>She wrote <q>thnks evryone</q> under the photo and set the flag <code>--no-recieve</code>.</p>
<p>The studio will recieve the print on Monday.</p>
</article>"""
    assert flagged(page, "html") == ["recieve"]


def test_a_social_post_pasted_as_text_is_not_checked():
    text = (
        "The actor answered his critics on Sunday.\n\n"
        "cant beleive the luv tonite, thx evry1 \u2014 Jordan Vale (@jordanvale) May 5, 2024\n\n"
        "He will recieve the award in June."
    )
    assert flagged(text) == ["recieve"]


def test_a_sentence_in_another_language_is_not_checked():
    text = (
        "The song closes with a line that her grandmother sang to her when she was a child in the city. "
        "Mahal kita, anak ko, huwag kang umiyak ngayon. "
        "Abhi thoda bhatak gaye hai yaar. Cuando vuelvas a la casa, te espero con la luz prendida. "
        "The album will recieve a vinyl release."
    )
    assert flagged(text) == ["recieve"]
    # an English sentence with two typos is still English
    assert flagged("The actress will definately recieve the award.") == ["definately", "recieve"]


def test_a_document_in_another_language_gets_one_notice_and_no_findings(tmp_path, cli):
    spanish = (
        "La actriz presentó su nueva película en el festival de cine, donde habló con la prensa sobre el rodaje. "
        "Según la directora, el estreno llegará a las salas en marzo y después a una plataforma digital. "
        "El elenco incluye a varios intérpretes jóvenes que debutan en la pantalla grande con este proyecto.\n"
    )
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(spanish * 3, encoding="utf-8")
    (tmp_path / "c.html").write_text('<html lang="tl"><body><p>Masaya si Vina sa bagong serye.</p></body></html>', encoding="utf-8")
    result = cli("lint", "--format", "json", "--select", "spelling", ".", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert [f for file in data["files"] for f in file["findings"]] == []
    assert data["notices"] == ["spelling: " + spelling.NOT_ENGLISH]
    assert result.stderr.decode().count("not spell-checked") == 1


def test_english_is_not_taken_for_another_language():
    from pubcheck.document import read

    for text, fmt in fixture_articles():
        assert spelling.is_english(read(text, fmt)), text[:60]


def test_newsroom_and_web_vocabulary_is_known():
    text = (
        "The logline sold it: the streamer greenlit the mockumentary, a cinephile's valentine to the chyron, "
        "after a clickbait campaign. The showrunner of the threequel said the tentpole will livestream its premiere."
    )
    assert flagged(text) == []


def test_feature_and_motoring_words_are_known_and_typos_beside_them_are_not():
    text = (
        "The polyamorist host shouted booyah as the roadster's backglass gave way to a soft top. "
        "The buyer recieved the keys on Monday."
    )
    assert flagged(text) == ["recieved"]


def test_a_species_with_its_genus_cut_to_an_initial_is_not_checked():
    assert flagged("Those who catch Y. pestis fall ill after an incubaction period of a week.") == ["incubaction"]
    assert flagged("Those who catch the pestis fall ill after an incubation period of a week.") == ["pestis"]


def test_species_places_credits_italics_and_cut_headlines_are_not_checked():
    text = (
        "The plague is caused by the bacteria Yersinia pestis, carried by fleas.\n\n"
        "June 24 \u2013 Bristow, VA @ the amphitheater\n\n"
        "Photo: Vesti/The Siberian Times\n\n"
        "Teen breaks both legs at the airport termin...\n\n"
        "The actress will recieve the award."
    )
    assert flagged(text) == ["recieve"]
    assert flagged("<p>The studio's <em>Gylt</em> and <i>joie de vivre</i> will recieve praise.</p>", "html") == ["recieve"]


def test_closed_prefixes_and_plurals_in_es_are_words_but_near_typos_are_not():
    assert flagged("The uncrewed flight, a midcentury design, attaches to megabanks and nanoinfluencers.") == []
    assert flagged("The tour will not resume untill the spring, in defence of the band.", rules=variant("en-US")) == ["untill", "defence"]


MISSPELLINGS = [line.split() for line in (ROOT / "benchmarks" / "data" / "misspellings.txt").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_recall_on_real_world_misspellings_is_at_least_90_percent():
    assert len(MISSPELLINGS) >= 200
    missed = [typo for typo, _ in MISSPELLINGS if flagged(f"The reporter wrote {typo} in the story.") != [typo]]
    assert len(missed) <= 0.1 * len(MISSPELLINGS), missed


def test_awards_and_editing_words_are_known():
    assert flagged("The in memoriam segment reframes the year.") == []
    assert flagged("The team spent the offseason in preproduction. Brennan reposted the clip of the eveningwear.") == []


# -- where and what -------------------------------------------------------------------------------


def test_position_through_html_and_a_fix_that_replaces_exactly_the_word():
    page = "<article>\n<p>Tom &amp; Jerry&rsquo;s <b>stars</b> will recieve\nthe award.</p>\n</article>"
    report = pubcheck.lint(page, format="html", config=Config(select=("spelling",)))
    (finding,) = report.findings
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 46, 2, 53)
    assert finding.snippet == "recieve" and finding.severity == "warning"
    assert finding.message == 'Possible spelling mistake: "recieve"; did you mean "receive" or "relieve"?'
    fixed = page[: finding.fix.start] + finding.fix.replacement + page[finding.fix.end :]
    assert "will receive\nthe award" in fixed and not finding.fix.safe


def test_no_fix_when_markup_sits_inside_the_word():
    report = pubcheck.lint("<p>They will rec<i>ie</i>ve it.</p>", format="html", config=Config(select=("spelling",)))
    (finding,) = report.findings
    assert finding.text == "recieve" and finding.fix is None


def test_navigation_is_not_checked():
    page = "<body><nav><a href='/'>Hoem</a> <a href='/x'>Entertanment</a></nav><main><p>All good here.</p></main></body>"
    assert flagged(page, "html") == []


def test_suggestions_keep_the_capital():
    assert suggestions("Recieve", 2) == ["Receive", "Relieve"]
    assert suggestions("tommorow", 1) == ["tomorrow"]


# -- when it runs ---------------------------------------------------------------------------------


def test_spelling_is_on_by_default_and_grammar_is_skipped_with_one_notice(tmp_path, cli):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("The actress will recieve the award.\n", encoding="utf-8")
    result = cli("lint", "--format", "json", ".", cwd=tmp_path, env={"PUBCHECK_LANGUAGETOOL_URL": ""})
    data = json.loads(result.stdout)
    rules = [f["rule"] for file in data["files"] for f in file["findings"]]
    assert rules == ["spelling"] * 3
    assert data["notices"] == [
        "grammar: no LanguageTool server configured (set languagetool.url or PUBCHECK_LANGUAGETOOL_URL); "
        "grammar not checked, offline spelling used instead"
    ]
    assert result.stderr.decode().count("pubcheck: notice: grammar:") == 1
    assert result.returncode == 1


OFFLINE = r"""
import socket, sys
attempts = []
def refuse(*args, **kwargs):
    attempts.append(args)
    raise OSError("network is unreachable (test)")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
import language_tool_python.download_lt as download_lt
import language_tool_python.server as lt_server
def no_download(*args, **kwargs):
    sys.stderr.write("DOWNLOAD ATTEMPTED\n")
    raise SystemExit(99)
for module in (download_lt, lt_server):
    for name in ("download_lt", "http_get", "download_zip"):
        if hasattr(module, name):
            setattr(module, name, no_download)
download_lt.LocalLanguageTool.download = no_download
download_lt.ReleaseLocalLanguageTool.download = no_download
download_lt.SnapshotLocalLanguageTool.download = no_download
lt_server.LanguageTool._start_local_server = no_download
from pubcheck.cli import main
code = main(sys.argv[1:])
sys.stderr.write(f"CONNECT ATTEMPTS {len(attempts)}\n")
sys.exit(code)
"""


@pytest.mark.parametrize("server", ["", "http://127.0.0.1:9"])
def test_with_no_network_spelling_works_and_nothing_is_downloaded(tmp_path, server):
    """No network at all (every socket connect fails): spelling still runs; with a server
    configured the grammar rule reports it unreachable; nothing ever tries to download."""
    (tmp_path / "a.txt").write_text("The actress will recieve the award.\n\nShe was definately thrilled.\n", encoding="utf-8")
    (tmp_path / "offline.py").write_text(OFFLINE, encoding="utf-8")
    import os

    env = {**os.environ, "NO_COLOR": "1", "PUBCHECK_LANGUAGETOOL_URL": server, "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "offline.py", "lint", "a.txt"], cwd=tmp_path, capture_output=True, env=env, timeout=60)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert "DOWNLOAD ATTEMPTED" not in err
    assert out.splitlines()[:2] == [
        'a.txt:1:18: warning spelling Possible spelling mistake: "recieve"; did you mean "receive" or "relieve"?',
        'a.txt:3:9: warning spelling Possible spelling mistake: "definately"; did you mean "definitely"?',
    ]
    assert result.returncode == 1
    if server:
        assert "LanguageTool server http://127.0.0.1:9 is unreachable" in err
        assert "CONNECT ATTEMPTS 0" not in err  # it did try the configured server, and only that
    else:
        assert "no LanguageTool server configured" in err and "CONNECT ATTEMPTS 0" in err


@pytest.mark.parametrize("variant", ["en-US", "en-GB"])
def test_every_dictionary_entry_is_a_lower_case_word_as_the_tokenizer_reads_it(variant):
    """What lets ``Lexicon.suspect_words`` take the dictionary away from a document's words rather
    than from its space-separated pieces: an entry is never a suspect, nor stands for several words."""
    from pubcheck.data import WORDLIST, read_words
    from pubcheck.document.sentences import words
    from pubcheck.text.names import APOSTROPHES

    odd = [w for w in read_words(WORDLIST, variant) if words(w) != [w] or w.lower() != w or w.translate(APOSTROPHES) != w]
    assert odd == []


def test_suspect_words_are_those_of_the_text_split_on_spaces():
    """The words a paragraph may misspell are read from its words as every rule shares them; the
    plain reading splits its text on spaces, takes the dictionary away, and tokenises the rest."""
    from pubcheck.document import read
    from pubcheck.document.sentences import words

    lexicon = Lexicon()
    texts = fixture_articles()
    texts.append(
        (
            "The co-star said, e.g., \"U.S. rock’n’roll\" — Jay-Z’s pre-pandemic tour (2019/20) was recieved well; "
            "Recieve it!! Definately... 23-year-old Portman's lo-fi veggie-fy'd mix, Tromsø, acheive—untill 9 p.m.",
            "text",
        )
    )
    for text, fmt in texts:
        for block in read(text, fmt).blocks:
            pieces = lexicon.words.unknown(set(block.text.split()))
            plain = {word for piece in pieces for word in words(piece) if lexicon.suspects(word)}
            assert lexicon.suspect_words(set(block.words)) == plain, block.text
            # as misspellings asks, every word as it comes, after other articles cleared words
            assert Lexicon().suspect_words(block.words) == lexicon.suspect_words(iter(block.words + block.words)) == plain


def test_checking_an_article_is_cheap():
    """The word list loads once; checking a 1,000-word article then costs about a millisecond
    (bounded loosely here: shared CI machines are slow and noisy)."""
    from pubcheck.document import read

    article = (ROOT / "fixtures" / "articles" / "hollis-granger-profile.html").read_text(encoding="utf-8")
    doc = read(article, "html", "a.html")
    lexicon = Lexicon()
    spelling.misspellings(doc, lexicon)
    per_thousand_words = best_cpu_seconds(lambda: spelling.misspellings(doc, lexicon), runs=5) * 1000 / doc.word_count * 1000
    assert per_thousand_words < 10, f"{per_thousand_words:.1f} ms per 1,000 words"


# -- words the lists leave out ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The charger tops up the earbuds wirelessly, and the case is customizable.",  # -ly, -able
        "The studio recalibrated its slate after two funders pulled out.",  # -ed on an "-e" word, -ers
        "Each chipset runs at one teraflop, and the smallsat carries two.",  # singulars of listed plurals
        "She sat courtside with a fangirl grin, then skipped the cutscene.",  # closed compounds
        "The systemwide update broke autofill on the polysilicon maker's site.",
        "Don't forget to veggie-fy the dip.",  # a suffix after a hyphen
        "The agency that repped the film stayed quiet.",  # a doubled consonant on a short base
        "Floods reached a dozen barangays, and mitumba traders lost their stock.",  # regional words
        "Nollywood actor Segun Dare turned 55, and Tollywood and Kollywood stars sent greetings.",  # film industries
    ],
)
def test_regular_derivations_and_closed_compounds_are_words(sentence):
    assert flagged(sentence) == []


@pytest.mark.parametrize(
    "sentence, typo",
    [
        ("It was truely the best night of the tour.", "truely"),  # "truly" is the derivation
        ("The premiere occured in May.", "occured"),  # the doubled consonant was meant
        ("The change was noticable from the back row.", "noticable"),  # soft "c" keeps its "e"
        ("The label is responsable for the delay.", "responsable"),  # "-ible" was meant
        ("She met him incidently at the gala.", "incidently"),  # "-ally" was meant
        ("His grammer was flawless.", "grammer"),  # "-ar" was meant
        ("The film is a study in brokeness.", "brokeness"),  # "-ness" makes no new word here
        ("She was greatful for the award.", "greatful"),
        ("The sequel arrives tommorrow.", "tommorrow"),  # one letter from a commoner word
        ("She shot the album with a realease in mind.", "realease"),
        ("The cast will fullfill every date.", "fullfill"),  # a letter doubled where the parts meet
        ("He thanked the playwrite for the notes.", "playwrite"),  # a known run-together
        ("She said it outloud at the premiere.", "outloud"),
        ("The police catched the driver near the studio.", "catched"),  # an irregular verb's regular past
        ("He understanded the note only later.", "understanded"),  # the core of a prefixed irregular verb
        ("The studio repayed the loan in May.", "repayed"),
        ("Her second album is gooder than the first.", "gooder"),  # an irregular comparison
        ("The wreckless driver was fined.", "wreckless"),  # "-less" makes no new word here
        ("She squeezed the toothpast onto the brush.", "toothpast"),  # a compound one letter from a word
    ],
)
def test_typos_that_look_like_derivations_or_compounds_are_flagged(sentence, typo):
    assert flagged(sentence) == [typo]


def test_a_word_in_a_body_link_s_address_is_the_site_s_own_spelling():
    page = (
        '<html><head><link rel="canonical" href="https://news.example/2024/recieved-a-new-award"></head><body><article>'
        '<h1>She recieved a new award</h1>'
        '<p>The deal covers <a href="https://shop.example/deals/ecobee-thermostats">ecobee thermostats</a>, '
        "and every ecobee unit ships in May.</p></article></body></html>"
    )
    # the brand as the shop's address spells it; not a word of the page's own address
    assert flagged(page, "html") == ["recieved"]
    # nor of a share link's query, which carries the headline, typos and all
    shared = page.replace("2024/recieved-a-new-award", "2024/new-award").replace(
        "</article>", '<p><a href="https://social.example/intent/tweet?text=She%20recieved%20a%20new%20award">Share</a></p></article>'
    )
    assert flagged(shared, "html") == ["recieved"]


def test_shortcode_attributes_split_contractions_and_box_scores_are_not_prose():
    assert flagged("[button link=/kit type=big newwindow=yes] Send us your review[/button]") == []
    assert flagged("The automaker isn 't slowing down.") == []
    assert flagged("Rockledge: Blakely 15 points. Upshaw 3 points. Balmore 4 points.") == []
    # a number after a capitalised typo opening a sentence of prose does not make it a name
    assert flagged("Recieved 12 complaints, the council said it would review the route.") == ["Recieved"]
    # a capitalised word opening prose is still read
    assert flagged("Recieve the award in person, she said.") == ["Recieve"]


def test_a_word_flagged_again_is_reported_at_its_first_use_with_a_count():
    article = "The simdjsn parser is fast. We tried simdjsn on a laptop, and the simdjsn team agreed. She recieved it."
    report = pubcheck.lint(article, config=Config(select=("spelling",)))
    assert [(f.text, f.column) for f in report.findings] == [("simdjsn", 5), ("recieved", 92)]
    assert report.findings[0].message.startswith('Possible spelling mistake: "simdjsn" (3 times in the article)')
    assert "times" not in report.findings[1].message
    # every use, when a desk asks for it
    every = flagged(article, rules=options(repeats="all"))
    assert every == ["simdjsn", "simdjsn", "simdjsn", "recieved"]


def test_repeats_takes_first_or_all():
    with pytest.raises(ConfigError, match="option 'repeats' must be one of first, all, not 'some'"):
        flagged("Text.", rules=options(repeats="some"))


def test_the_words_folding_into_a_set_are_those_lowered_one_by_one():
    among = frozenset({"colour", "centre", "k", "i̇"})
    # "\u212a" (the Kelvin sign) and "İ" lower-case into ASCII "k" and into two characters
    asked = [{"Colour", "colour", "COLOUR", "Centre", "cEntre", "Rumor", "\u212a", "İ", "the"}, {"Colour", "Other", "CENTRE"}, set()]
    for words in asked + asked:  # the second time from the memo
        assert spelling._folding_into(among, words) == {word for word in words - among if word.lower() in among}
    every = frozenset(w.lower() for words in asked for w in words)
    assert spelling._folding_into(every, asked[0]) == {word for word in asked[0] - every if word.lower() in every}


def test_a_titled_name_is_found_as_reading_every_word_of_the_links_and_title_finds_it():
    """Scan looks at the lower-cased link text and title before reading their words."""
    from pubcheck.document import read
    from pubcheck.text.names import Scan, base_form

    pages = fixture_articles()
    pages.append(
        (
            "<title>Okafor’s Night | \u212aate Bush</title><p>Text.</p><a href='/a'>Pillsbury's Tour</a> <a href='/b'>İstanbul ROCK’N’ROLL "
            "pineapple Σίσυφος ΣΟΦΟΣ</a><a href='/c'>okafor Late-Night</a>",
            "html",
        )
    )
    for text, fmt in pages:
        doc = read(text, fmt)
        every = {base_form(word) for unit in [*doc.blocks, *doc.links] for word in unit.text.split()}
        keys = every | {"kate", "okafor", "pillsbury", "apple", "late-night", "rock'n'roll", "i̇stanbul", "istanbul", "σίσυφος", "zzyzx", ""}
        for key in sorted(keys):
            assert Scan(doc)._titled_name(key) == (key in Scan(doc)._titled_names()), key
    assert {"kate", "okafor", "pillsbury", "late-night"} <= Scan(doc)._titled_names()  # the last page's
