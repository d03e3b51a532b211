"""anonymous-source, and how it splits the work with unattributed-quote and unsourced-claim."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

import pubcheck
from pubcheck.config import Config


def findings(source: str, *rules: str, fmt: str = "text"):
    return pubcheck.lint(source, format=fmt, config=Config(select=rules or ("anonymous-source",))).findings


def found(source: str, rule: str = "anonymous-source", fmt: str = "text") -> list[str]:
    return [f.text for f in findings(source, rule, fmt=fmt) if f.rule == rule]


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("A source close to the couple told Us Weekly the wedding is off.", "A source close to the couple told"),
        ("An insider said the budget doubled after the reshoots.", "An insider said"),
        ("A pal confided that the singer has been house-hunting in Lagos.", "A pal confided"),
        ("The tour is over, says a Moreau insider.", "says a Moreau insider"),
        ("They are solid, offers a longtime pal.", "offers a longtime pal"),
        ("Two people in her circle tell the magazine she turned the role down.", "Two people in her circle tell"),
        ("Staffers said the host left before the taping.", "Staffers said"),
        ("The tipster continued that the pair left separately.", "The tipster continued"),
        ("One confidant explained that the rift began in March.", "One confidant explained"),
        ("The deal is worth $40 million, according to a person familiar with the matter.", "according to a person"),
        ("Now insiders are speaking out about the set.", "insiders are speaking out"),
        ("Sources are now opening up about the split.", "Sources are now opening up"),
        ("People close to the production say the shoot ran over.", "People close to"),
        ("One follower posted that the video was filmed in Accra.", "One follower posted"),
        ("A Twitter user commented that the dress was borrowed.", "A Twitter user commented"),
        ("Someone else replied that the show was cancelled.", "Someone else replied"),
        ("A user who claimed to work at the bistro said the two dined alone.", "A user who claimed"),
        ("Netizens said the couple looked happy at the airport.", "Netizens said"),
        ("Sources told TODAY the couple are still together.", "Sources told"),
        # no one named before the verb: the people are the speakers
        ("The shoot ran over by a week, said three people who worked on it.", "said three people"),
        # an outlet named before the verb, and the unnamed source speaks after it
        ("TMZ said a source close to the couple confirmed the split.", "said a source"),
    ],
)
def test_attributions_to_an_unnamed_person_are_flagged(text, phrase):
    assert found(text) == [phrase]


@pytest.mark.parametrize(
    "text",
    [
        "Lopez's publicist told People the couple split in March.",
        "Police said the house was empty when officers arrived.",
        "A spokesperson for Netflix said the show would return in May.",
        "Her friend Mia Lund told the magazine the two met in Lagos.",
        # anonymity explained, as AP and Reuters require
        "A studio executive, who spoke on condition of anonymity because they were not authorised to discuss "
        "the budget, said the film cost $90 million.",
        # someone's own words
        '"My friends said I was mad to take the part," Okafor recalled.',
        "The singer shared a photo of the two of them at the airport.",
        "A friend of the star shared a video from the party.",
        # no speech at all
        "The documentary is a source of pride for the town.",
        # the people are what a named speaker said, not who said it
        "Delgado said three people were taken to hospital with minor injuries.",
        "Police said two people were arrested at the scene.",
    ],
)
def test_named_or_explained_sources_are_not_flagged(text):
    assert found(text) == []


def test_the_same_source_once_a_paragraph_and_again_in_the_next():
    text = (
        'A source told Us Weekly the pair split. "It was over by May," the source said. "They knew it," the source added.\n\n'
        '"She is fine," the source said.'
    )
    assert found(text) == ["A source told", "the source said"]


def test_another_source_is_a_new_one():
    text = "A source said the pair split. Another source told the outlet they are still friends."
    assert found(text) == ["A source said", "Another source told"]


def test_the_message_names_the_outlet_that_carries_the_source():
    (claim,) = [f for f in findings("According to People, a source close to the couple says the split was mutual.")
                if f.text]
    assert "(carried by People)" in claim.message
    (claim,) = [f for f in findings("A source told Entertainment Tonight the two are dating.") if f.text]
    assert "(carried by Entertainment Tonight)" in claim.message
    (claim,) = [f for f in findings("InTouch's source said they could not make it work.") if f.text]
    assert "(carried by InTouch)" in claim.message


def test_the_document_gets_one_count_of_anonymous_and_explained_sources():
    text = (
        "A source said the pair split.\n\n"
        "An insider told the magazine the house is for sale.\n\n"
        "An executive, who spoke on condition of anonymity because they were not authorized to discuss the deal, "
        "said the fee was $2 million."
    )
    summary = [f for f in findings(text) if f.rule == "anonymous-source/summary"]
    assert [f.message for f in summary] == ["2 anonymous attributions, 1 explained"]
    # a tally of what is already reported one by one: it informs, it does not add to the loud count
    assert [f.severity for f in summary] == ["info"]
    assert [f.severity for f in findings(text) if f.rule == "anonymous-source"] == ["warning", "warning"]
    assert not findings("Police said the house was empty.")


# -- the split with unattributed-quote ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'A source told us: "She walked off the set twice in one week."',
        '"I love him," Dunham said. "They were never really friends on that set," a source claimed.',
        '"He planned the whole proposal himself, down to the flowers," a longtime friend of the couple said.',
        'Insiders said “the budget doubled after the reshoots in Prague.”',
        'One follower posted: "She looks happier than she has in years, good for her."',
        'The family said in a statement: "He died peacefully at home, surrounded by the people he loved."',
        'The couple said in a statement: "We are parting as friends and ask for privacy at this time."',
        # a crowd's comments after a crowd cue
        'Fans reacted:\n\n- "This is the best news I have heard all week, honestly."\n- "I cannot believe they kept it quiet so long."',
        '"Did he really say that on the carpet, though?" another asked.',
        # an unnamed executive or official is a voice without a name, not no voice
        '"There was a lot of caution early on," said one acquisitions exec. "Everyone was waiting to see which title would pop."',
        '"The gates opened late because the crowd was bigger than planned," a stadium official said.',
    ],
)
def test_a_quote_pinned_only_on_an_unnamed_source_is_anonymous_not_unattributed(text):
    rules = {f.rule.split("/")[0] for f in findings(text, "anonymous-source", "unattributed-quote")}
    assert rules == {"anonymous-source"}


def test_a_quote_with_no_speaker_at_all_stays_unattributed():
    text = 'The two have not spoken since.\n\n"We were never really friends, and everyone on set knew it."'
    assert [f.rule for f in findings(text, "anonymous-source", "unattributed-quote")] == ["unattributed-quote"]  # no summary either


def test_an_anonymous_quote_with_no_attribution_phrase_is_reported_as_a_quote():
    text = '"She was furious about the leak, and told everyone so," someone who was there recalled.'
    (quote,) = [f for f in findings(text) if f.text]
    assert quote.text.startswith('"She was furious') and "unnamed" in quote.message


@pytest.mark.parametrize(
    "text",
    [
        'Marlow has called the film "a valentine to old Hollywood and its lost craft".',
        'The critic praised the cast, calling it "the warmest ensemble of the whole year so far".',
        'Dana Reyes described the film as "a love letter to every usher who ever worked nights".',
        'Reyes posted on Instagram that filming would "start in the spring, once the snow has gone".',
        '@mirafans:\n\n"She looks happier than she has in years, good for her."',
        'The pair shared a joint statement on Instagram. "After four years, we have decided to part as friends," the statement began.',
    ],
)
def test_naming_verbs_announcements_and_handles_attribute_a_quote(text):
    assert [f.rule for f in findings(text, "anonymous-source", "unattributed-quote")] == []


def test_both_rules_document_the_split():
    from pubcheck.rules.anonymous_source import AnonymousSource
    from pubcheck.rules.unattributed_quote import UnattributedQuote

    assert "unattributed-quote" in AnonymousSource.documentation()
    assert "anonymous-source" in UnattributedQuote.documentation()


# -- the rumour, crowd and hedge families of unsourced-claim --------------------------------------


@pytest.mark.parametrize(
    "text, phrase",
    [
        # rumour
        ("Rumours began circulating after the two left the gallery together.", "Rumours began circulating"),
        ("The photo set tongues wagging across Lagos.", "set tongues wagging"),
        ("Her bare hand prompted whispers that the engagement was off.", "prompted whispers"),
        ("Chatter about a split has been building since the premiere.", "Chatter about a split has been building"),
        ("Amid mounting speculation, she postponed the tour.", "Amid mounting speculation"),
        ("Speculation has swirled about the mystery guest.", "Speculation has swirled"),
        ("The model is rumoured to be dating a footballer.", "is rumoured to"),
        ("She arrived with her rumoured beau.", "rumoured beau"),
        ("Speculations brew that the two are casually dating.", "Speculations brew"),
        # the crowd
        ("Fans speculated that the caption was about her ex.", "Fans speculated"),
        ("Fans are convinced the song is about him.", "Fans are convinced"),
        ("Fans noticed that she had stopped wearing the ring.", "Fans noticed"),
        ("Fans claim the scene was reshot.", "Fans claim"),
        ("Fans are desperate to find out who the song is about.", "Fans are desperate to find out"),
        ("Sharp-eyed viewers spotted a ring in the final scene.", "Sharp-eyed viewers"),
        ("Netizens are divided over the outfit.", "Netizens are divided"),
        ("Many have said the finale felt rushed.", "Many have said"),
        ("Many have complained about the ending.", "Many have complained"),
        ("Much has been made of the age gap.", "Much has been made of"),
        ("Plenty of people are asking when season three arrives.", "Plenty of people are asking"),
        ("Everyone is talking about the kiss at the end.", "Everyone is talking about"),
        ("Viewers suspect the reunion was scripted.", "Viewers suspect"),
        ("The clip went viral, with some speculating that the pair had split.", "some speculating"),
        # the agentless passive and hedges
        ("It is thought that the pair met in Accra.", "It is thought"),
        ("It is believed that the pair met in Accra.", "It is believed"),
        ("It is estimated that she earned $20 million.", "It is estimated"),
        ("It is alleged that the producer shouted at the crew.", "It is alleged"),
        ("The couple is understood to be planning a small wedding.", "is understood to"),
        ("She is widely assumed to be the next host.", "is widely assumed"),
        ("It has emerged that the star signed a new deal.", "It has emerged"),
        ("It was revealed that the album had been delayed.", "It was revealed"),
        ("It was reported that the pair had split.", "It was reported"),
        ("Reports have emerged that the two no longer speak.", "Reports have emerged"),
        ("Per reports, the couple has moved to Nairobi.", "Per reports"),
        ("It looks as though the band is back together.", "It looks as though"),
        ("The rapper allegedly stormed out of rehearsal.", "allegedly"),
        ("It’s understood the pair spoke about the plans over dinner.", "It’s understood"),
        ("The pair were believed to have left at 2 am.", "were believed to"),
    ],
)
def test_rumour_crowd_and_hedge_families_are_unsourced_claims(text, phrase):
    assert found(text, "unsourced-claim") == [phrase]


@pytest.mark.parametrize(
    "text",
    [
        "Police believe the guitar was taken from the tour bus overnight.",
        "Forbes estimated that she earned $20 million last year.",
        "The budget reportedly doubled, according to Variety.",
        "Court filings allege that the producer withheld wages.",
        "Police said the man allegedly climbed onto the stage.",
        "The lawsuit alleges that the label kept her royalties.",
        # inside a named speaker's quote
        '"People say it is thought to be cursed, but I never believed it," Osei said.',
        # a title of a work in headline style
        "Her memoir Everyone Is Talking About Us arrives in June.",
        "The documentary Fans Are Convinced premieres at the festival.",
        # a critic's plainly marked opinion
        "To my mind, it looks as though the director lost interest in the final act.",
        "In my view, it is thought-through work that fades in the last reel.",
        # the words, meaning something else
        "Fans lined the street for six hours.",
        "According to a spokesperson's statement, it looks like their romance is over.",
        "She noticed that fans were waiting outside.",
    ],
)
def test_the_families_leave_named_sources_quotes_titles_and_reviews_alone(text):
    assert found(text, "unsourced-claim") == []


# the attributed quote of each problem article: its speaker and a few of its words
ATTRIBUTED_QUOTE = {"synthetic": ("Lindgren", "Sunday night"), "reference": ("Dunham", "couch with their moms")}


def test_the_problem_article_still_reports_its_claims_and_not_the_attributed_quote(problem_article):
    report = pubcheck.lint(problem_article.text, format="text", config=Config())
    claims = [f.text for f in report.findings if f.rule == "unsourced-claim"]
    assert "Some critics think" in claims and "apparently" in claims
    speaker, words = ATTRIBUTED_QUOTE[problem_article.name]
    assert words in problem_article.text
    quotes = [f.text for f in report.findings if f.rule in ("unattributed-quote", "anonymous-source")]
    assert not any(speaker in text or words in text for text in quotes)


def test_a_comment_under_its_handle_is_credited_to_that_account():
    text = 'Fans flooded her page with messages.\n\nmirafans_gh: "We love you so much, your laugh is contagious."'
    assert [f.rule for f in findings(text, "anonymous-source", "unattributed-quote")] == []


@pytest.mark.parametrize(
    "text",
    ["The singer's fans posted videos of the encore all night.", "A crew member posted, and then deleted, a description of the set."],
)
def test_a_post_as_an_event_is_no_attribution(text):
    assert found(text) == []


def test_the_insider_after_a_source_is_the_same_source():
    text = 'A source close to the couple told the magazine they split. "It was sudden," the insider said.'
    assert found(text) == ["A source close to the couple told"]


def test_a_back_reference_to_an_explained_source_is_not_flagged():
    text = ("No deal has been signed, according to an executive who spoke on condition of anonymity because he was "
            "not authorized to comment. But this person said talks were close.")
    assert found(text) == []


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("The singer denied her alleged affair with a co-star.", "alleged affair"),
        ("The photos went viral amid the rumors of a feud.", "amid the rumors"),
        ("Rumours spread that the two had married in secret.", "Rumours spread"),
        ("The gesture was read by many as a farewell.", "read by many as"),
        ("Netizens concluded that the stylist was to blame.", "Netizens concluded"),
        ("The clip went viral, with fans convinced the pair had split.", "fans convinced"),
        ("There were rumours in March that the couple had split.", "There were rumours"),
        ("It was previously believed that the two had never met.", "It was previously believed"),
        ("Netizens think the caption was aimed at her sister.", "Netizens think"),
        ("She left early, with rumours swirling that she was unwell.", "rumours swirling"),
        ("It's now been claimed that the pair are no longer an item.", "It's now been claimed"),
        ("Reports allege that the two split in 2011.", "Reports allege"),
        ("Her followers online are now very divided on the matter.", "followers online are now very divided"),
        ("Her followers were convinced that she is expecting.", "followers were convinced"),
        ("It looks as if the singer may be pregnant.", "It looks as if"),
        ("She arrived with her rumoured billionaire lover.", "rumoured billionaire lover"),
    ],
)
def test_more_rumour_and_crowd_forms_from_filipino_and_australian_copy(text, phrase):
    assert found(text, "unsourced-claim") == [phrase]


def test_an_alleged_act_with_its_alleging_party_is_not_flagged():
    assert found("Police said her alleged attacker was arrested on Tuesday.", "unsourced-claim") == []


# Forms of professional copy that only look like an unnamed source, each beside one that is.
@pytest.mark.parametrize(
    "quiet, loud",
    [
        # the noun is what was said, not who said it
        ("Health officials said that 14 people who met the driver were kept at home for a week.",
         "The driver was unwell for a week, said two people who met him."),
        # the writer asked them; they said nothing yet
        ("Could the deal really have slipped, I asked Reyes's friends, without anyone noticing?",
         "Could the deal really have slipped, asked Reyes's friends, without anyone noticing?"),
        # a determiner does not reach over a conjunction to a described group
        ("Police caught him a street away after employees of a garage said he took a van.",
         "Police caught him a street away. A garage employee said he took a van."),
        # a supposed voice
        ("I would not mind if someone asked me that at dinner.",
         "I did not mind when, at dinner, someone asked me that."),
        # an outlet named Insider, and a named person described as a friend
        ('"Start by adding up what you own," he told Business Insider.',
         '"Start by adding up what you own," an insider told the magazine.'),
        ('"I had no idea how many people look at my page," said Dara Osei, a friend who switched accounts.',
         '"I had no idea how many people look at my page," said a friend who switched accounts.'),
    ],
)
def test_professional_forms_that_name_somebody(quiet, loud):
    assert not findings(quiet, "anonymous-source", "unattributed-quote")
    assert [f.rule for f in findings(loud, "anonymous-source") if f.rule == "anonymous-source"] != []


@pytest.mark.parametrize(
    "text",
    [
        "Two people close to the talks said the fee topped $3 million. They spoke on condition of anonymity "
        "because they were not authorized to discuss the contract.",
        "Filming starts in June, according to two people with knowledge of the shoot, who requested anonymity "
        "because the schedule is not final.",
    ],
)
def test_anonymity_explained_in_the_next_sentence_or_by_a_request_is_not_flagged(text):
    findings = pubcheck.lint(text, format="text", config=pubcheck.Config(select=("anonymous-source",))).findings
    assert findings == ()  # explained: not reported, and so no count of reported sources either


def test_an_explanation_two_sentences_on_does_not_cover_the_source():
    text = ("A person close to the singer said the tour is off. The venue has not commented. "
            "Another executive spoke on condition of anonymity because he was not authorized to talk.")
    findings = pubcheck.lint(text, format="text", config=pubcheck.Config(select=("anonymous-source",))).findings
    assert any(f.rule == "anonymous-source" and f.text.startswith("A person close to the singer") for f in findings)


def test_attributions_are_read_in_their_own_sentence_by_bisection():
    """Sentences and quotes are found by bisection (a paragraph may hold thousands): each
    attribution gets the sentence a scan would find, and a source inside a quote is skipped."""
    from pubcheck.document import read
    from pubcheck.rules.anonymous_source import _attributions_by_paragraph, _sentence

    text = ('A source said it. "My friends said I was mad," she recalled.   An insider told Variety it was over. '
            "Police said nothing. Another source said it was late.")
    [(block, attributions)] = _attributions_by_paragraph(read(text, "text"))
    text = block.text
    found = list(attributions)
    for start, _, _, at in found:
        scanned = next((s for s in block.sentences if s.start <= start < s.end), None)
        assert _sentence(block, at) == (text[scanned.start : scanned.end] if scanned else text)
    assert [text[start:end] for start, end, _, _ in found] == ["A source said", "An insider told", "Another source said"]


def _nouns_agree(texts: list[str]) -> int:
    from pubcheck.rules.anonymous_source import _NOUN_SOURCE, _noun_spans

    spans = [list(found) for found in _noun_spans(texts)]
    assert spans == [[noun.span() for noun in re.finditer(_NOUN_SOURCE, text)] for text in texts], texts
    return sum(map(len, spans))


def test_source_nouns_found_in_one_linear_search_are_the_regex_ones():
    """The source nouns of a document's paragraphs, found in one RE2 pass over them all, are
    those a regex search of each finds: in the fixtures (lower-cased, as the rule reads them) and
    in generated text with letters and spaces beyond ASCII."""
    from pubcheck.document import format_for, read

    root = Path(__file__).resolve().parents[1]
    found = 0
    for path in sorted((root / "fixtures" / "articles").glob("*.*")):
        if path.suffix in (".md", ".html", ".txt"):
            found += _nouns_agree([block.text.lower() for block in read(path.read_text(encoding="utf-8"), format_for(path.name)).body])
    assert found > 100
    rng = random.Random(5)
    pieces = ["source", "sources", "insider", "crew member", "crew\u00a0member", "fan", "fans", "fantastic", "pal", "pals",
              "user's", "co-source", "sourcé", "josé", "source\u0301", "exec", "executives", "family friend", "_fan", "2fan",
              "ſource", "neighbour", "neighbor", "people", "person", "“", "’", "-", " ", "  ", "\n", ".", "é", "ı", "İ"]
    for _ in range(300):
        texts = ["".join(rng.choice(pieces) + rng.choice((" ", "", "-", "’", "\n")) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 5))]
        found += _nouns_agree(texts)
    assert found > 300


def test_paragraphs_read_a_few_at_a_time_find_what_all_at_once_find():
    """A long page's paragraphs are read ``_PARAGRAPHS_AT_ONCE`` at a time: in the fixtures, one
    and two at a time find the same attributions as all at once."""
    from unittest.mock import patch

    from pubcheck.document import format_for, read
    from pubcheck.rules import anonymous_source

    root = Path(__file__).resolve().parents[1]
    found = 0
    for path in sorted((root / "fixtures" / "articles").glob("*.*")):
        if path.suffix in (".md", ".html", ".txt"):
            doc = read(path.read_text(encoding="utf-8"), format_for(path.name))
            read_all = [(block.index, list(each)) for block, each in anonymous_source._attributions_by_paragraph(doc)]
            for at_once in (1, 2):
                with patch.object(anonymous_source, "_PARAGRAPHS_AT_ONCE", at_once):
                    assert [(block.index, list(each)) for block, each in anonymous_source._attributions_by_paragraph(doc)] == read_all
            found += sum(len(attributions) for _, attributions in read_all)
    assert found > 10
