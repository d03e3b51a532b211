"""keyword-stuffing: the forms real SEO copy uses (a title's search phrase forced into the body), in our own words."""

from __future__ import annotations

import pubcheck
from pubcheck.config import Config

ONLY = Config(select=("keyword-stuffing",))


def stuffed(source: str, fmt: str = "text") -> list[str]:
    return [f.text for f in pubcheck.lint(source, format=fmt, config=ONLY).findings]


QUESTION = """How Tall Is Mara Quinn Really? The Truth About Her Height

Fans keep typing "How Tall Is Mara Quinn Really?" into search bars after every premiere.

The question of How Tall Is Mara Quinn Really has followed her since her first film.

So, how tall is Mara Quinn really? Her agency lists her at five foot six.

Photos from the gala suggest the answer to how tall is Mara Quinn really is a little less.
"""

TITLE_CASE = """Star Salary Rankings Explained: Who Earns What in 2025

The studio paid its leads more this year than last.

That is why Star Salary Rankings Explained keeps readers hooked every spring.

Agents say Star Salary Rankings Explained is the page they check first.

Our Star Salary Rankings Explained list starts with the best-paid drama actors.
"""

SLUG = """<html><head><title>Actresses to watch</title>
<link rel="canonical" href="https://farm.example/best-rom-com-actresses-2024"></head><body><article>
<h1>Actresses to watch</h1>
<p>These are the best rom com actresses 2024 who carried the year.</p>
<p>Critics picked the best rom com actresses 2024 with care.</p>
<p>Our list of best rom com actresses 2024 ends with a newcomer.</p>
</article></body></html>"""


def test_title_search_question_repeated_quoted_and_capitalised_is_stuffed():
    (finding,) = stuffed(QUESTION)
    assert finding == "How Tall Is Mara Quinn Really"


def test_title_case_keyphrase_mid_sentence_is_stuffed():
    assert stuffed(TITLE_CASE) == ["Star Salary Rankings Explained"]


def test_url_slug_phrase_forced_into_sentences_is_stuffed():
    assert stuffed(SLUG, "html") == ["best rom com actresses 2024"]


def test_film_title_in_a_review_and_a_name_in_a_profile_are_not_stuffing():
    review = "Dune Part Two Review: A Desert Epic\n\n" + "Dune Part Two opens on Friday. " * 6
    profile = "Mara Quinn: A Profile of the Actress\n\n" + "Mara Quinn grew up in Leeds. Mara Quinn trained as a dancer. " * 5
    assert stuffed(review) == []
    assert stuffed(profile) == []


def test_title_phrase_repeated_inside_one_quote_counts_once():
    source = (
        "How Tall Is Mara Quinn Really? The Truth About Her Height\n\n"
        "She laughed. \"How tall is Mara Quinn really, how tall is Mara Quinn really, how tall is Mara Quinn really?\" she said.\n\n"
        "How tall is Mara Quinn really? Five foot six.\n"
    )
    assert not any(text.lower().startswith("how tall") for text in stuffed(source))


def test_title_phrase_without_its_trailing_year():
    source = (
        "Rapper Net Worth 2025: Who Is the Richest?\n\n"
        "Streaming has pushed rapper net worth higher every year.\n\n"
        "Brand deals add millions to a rapper net worth in one season.\n\n"
        "Few artists own their masters, which caps rapper net worth for most.\n"
    )
    assert stuffed(source) == ["Rapper Net Worth"]


def test_stuffing_findings_stand_at_the_phrase_in_each_format():
    for source, fmt, at in ((QUESTION, "text", (1, 1)), ("# " + TITLE_CASE, "markdown", (1, 3)), (SLUG, "html", (4, 18))):
        (finding,) = pubcheck.lint(source, format=fmt, config=ONLY).findings
        assert (finding.line, finding.column) == at, fmt


def test_title_phrase_said_three_times_inside_one_quote_counts_once():
    source = (
        "How Rich Is Leo Grant? The Actor Laughs It Off\n\n"
        "\"How rich is Leo Grant? How rich is Leo Grant? How rich is Leo Grant? People ask it like a quiz,\" Grant said on a podcast.\n\n"
        "Grant spends most of what he earns on his theatre company in Dublin.\n"
    )
    assert not any(text.lower().startswith("how rich") for text in stuffed(source))
