"""Quotes: extraction with speakers, matching across outlets, quote-change findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.analysis.quotes import (
    MATCH_THRESHOLD,
    Quote,
    extract_quotes,
    match_quotes,
    outermost,
)
from newsprism.compare.quotes import quote_findings
from newsprism.ingest import build_articles, load
from newsprism.model import QUOTE_CHANGE, Article, RawArticle

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "airstrikes-iraq"

#: Hand-written articles, built in one spaCy pass for the whole module.
TEXTS = {
    "title_then_name": (
        "The outage spread across airlines and banks on Friday.\n\n"
        "In a post published early Friday, Ridgeline CEO, Ann Marsh said, “We understand the gravity of "
        "the situation and are deeply sorry for the disruption.”"
    ),
    "identical_a": (
        "The mayor spoke to reporters on Monday morning.\n\n"
        '"We will rebuild every house on this street before the winter comes," Jane Smith said. '
        "She did not give a budget."
    ),
    "identical_b": (
        "Jane Smith visited the flooded district.\n\n"
        "Jane Smith said: “We will rebuild every house on this street before the winter comes.”"
    ),
    "truncated_a": (
        "Officials met on Tuesday.\n\n"
        '"We will defend our troops and our interests wherever they are threatened," Austin said.'
    ),
    "truncated_b": (
        "Officials met on Tuesday.\n\n"
        '"We will defend our troops and our interests," Austin said in a statement.'
    ),
    "altered_a": (
        "The council voted late on Monday.\n\n"
        '"The new budget protects the schools and the libraries of this city," Mayor Ann Lee said.'
    ),
    "altered_b": (
        "The council voted late on Monday.\n\n"
        '"The new budget shields the schools and the libraries of our city," Lee said.'
    ),
    "other_speaker": (
        "The council voted late on Monday.\n\n"
        '"The new budget protects the schools and the libraries of this city," Tom Jones said.'
    ),
    "after": '"We will win this war in the end," said Jane Smith, the mayor of the town.',
    "before": 'Jane Smith, the mayor, said on Monday: "We will rebuild every house on this street."',
    "he_said": (
        "Governor Ann Lee signed the bill on Friday.\n\n"
        '"The budget is balanced and the schools are open," Lee said at the signing.\n\n'
        "Critics called the plan too timid for a growing state.\n\n"
        '"We are not done with this work yet," she said.'
    ),
    "unbalanced": (
        'He called it a "good deal and then left the room without a word.\n\n'
        'The minister, who arrived late," declined to comment on the plan.\n\n'
        '"A lost closing mark at the start of this paragraph runs to its end.\n\n'
        'Then a proper one: "We are ready for anything," she said.\n\n'
        'Doubled marks at the end ""of"" nothing at all happen here.'
    ),
    "two_speakers": (
        '"We will win this war in the end," said Smith. "We will lose the next one, sadly," said Jones.'
    ),
    "follow_on": (
        "Jane Smith spoke after the vote.\n\n"
        '"We will rebuild every house on this street," Smith said.\n\n'
        '"Nobody will be left behind in this town."'
    ),
    "bullet": (
        "The strikes began at dawn on Tuesday.\n\n"
        '• "We will never surrender to anyone at all," Smith said.\n\n'
        "The body of the story continues after the bullet."
    ),
    # Who said it: surnames, pronouns, titles, groups and documents.
    "nearest_surname": (
        "Melania Trump visited a school in Ohio on Monday.\n\n"
        "Later, President Donald Trump spoke at a rally in the same town.\n\n"
        '"We are going to win this state by a lot," Trump said.'
    ),
    "honorific": (
        "Donald Trump spoke at a rally on Monday. Melania Trump sat behind him.\n\n"
        '"I am very proud of my husband tonight," Mrs. Trump said.'
    ),
    "main_person": (
        "President Smith and Renske Smith welcomed the visiting delegation on Tuesday.\n\n"
        '"We are proud of this friendship between our nations," Smith said.'
    ),
    "naming_verb": 'Senator Jane Roe denounced the plan as a "reckless giveaway to the big banks."',
    "colon_subject": (
        "Senator Jane Roe spoke in Dayton on Monday.\n\n"
        'Roe also took credit for the new school in Dayton: "Without our votes this school would never have been built."'
    ),
    "pronoun_gender": (
        "Governor Ann Lee signed the bill on Friday. Tom Jones, the speaker of the house, did not attend.\n\n"
        '"We are not done with this work yet," she said.'
    ),
    "the_president": (
        "President Barack Obama met Senator John Smith on Tuesday.\n\n"
        '"We are going to fix the roads in this town," the president said.'
    ),
    "after_name": 'After Trump left the stage, he told reporters: "We will win this state easily."',
    "groups": '"We will fight this rule in court," one Republican said. "The rule is fair to everyone," Democrats said.',
    "lawsuit": (
        "Party chairman John Smith spoke to reporters on Monday. A lawsuit was filed in federal court the same day.\n\n"
        '"The board acted unlawfully and must be stopped," the lawsuit says.'
    ),
    "filed_lawsuit": (
        "The Riverside Tenants Association filed a lawsuit against the city on Monday.\n\n"
        "Most U.S. lawsuits of this kind end in a settlement.\n\n"
        "“The board acted unlawfully and must be stopped,” the suit says."
    ),
    "joint": "Mary Collins and Tom Ruiz said on Tuesday that the bill was “dead on arrival in the Senate.”",
    "group": (
        "The two governors, Ann Lee of Ohio and Bob Marsh of Iowa, issued a joint statement on Friday.\n\n"
        "“We will not comply with this order from Washington,” the governors said."
    ),
    "newer_subject": (
        "President Ann Lee met Governor Maria Diaz on Monday. Diaz said she wanted a new trade deal. "
        "Lee appeared skeptical of the idea.\n\n“We will see what the governor brings to the table,” she said."
    ),
    "embedded_subject": (
        "President Ann Lee met Governor Maria Diaz on Monday. Lee said Diaz was wrong about the deal.\n\n"
        "“We will see what the governor brings to the table,” she said."
    ),
    "untagged_subject": (
        "President Pruitt met President Kessler on Monday.\n\nKessler said he wants a new trade deal with the island.\n\n"
        "Pruitt appeared to be skeptical of such a deal.\n\n\"We will see about that,\" he said."
    ),
    "listed_group": (
        "The three Democratic chairmen — Representative Anna K. Lee of the Finance Committee, Representative Bob "
        "Marsh of the Farm Committee and Representative Carl Diaz of the Trade Committee — issued a joint statement "
        "Thursday night taking direct aim at the governor's record.\n\n"
        "“The rules are a disaster for the farmers of our states,” they said."
    ),
    "group_by_role": (
        "Mary Collins and Tom Ruiz said on Tuesday that the bill was dead.\n\nThe vote is set for Friday.\n\n"
        "“We will not vote for this bill in any form,” the Democratic senators wrote."
    ),
    "group_unnamed": (
        "Mary Collins and Tom Ruiz said on Tuesday that the bill was dead.\n\nThe vote is set for Friday.\n\n"
        "“We will not vote for this bill in any form,” the officials said."
    ),
    "parenthetical": "The report, Senator Lee said, shows the agency was “blind to the risks” of the plan.",
    "quoted_as": (
        "Governor Ann Lee met the envoys on Monday.\n\n"
        "“We will open the border in the spring,” Lee was quoted as telling the envoys."
    ),
    "quoted_in_as": "Senator Ann Lee was quoted in the Daily Star as saying: “We will not vote for this bill in any form.”",
    "medium_quoting": (
        "“We will stop all missile tests from next month,” the Northern Central News Agency said, quoting Mr. Park.\n\n"
        "It also said the army would “stand down at once and return to its barracks.”"
    ),
    "statement_in": (
        "In a statement published by the Northern Central News Agency, President Tom Park promised to end the tests.\n\n"
        "“The test site will be closed for good,” the statement said."
    ),
    "conjoined_speaker": (
        "Speaking on the radio, Sen. Tom Weir, R-Ohio, would not go that far but said Mayor Bob Marsh must "
        "apologize to the troops.\n\n“The mayor needs to apologize to our soldiers and their families,” he said."
    ),
    "inverted": "“The plan is reckless and it will fail,” read a statement from Senator Ann Lee.",
    "split_she_said": (
        "Mayor Jane Smith spoke on Monday.\n\n"
        '"We will win this war in the end," she said, "and we will rebuild every town."'
    ),
    "organisation": '"The strikes were lawful and proportionate," the Pentagon said.',
    "apostrophes": (
        "Economists met on Monday.\n\n"
        "''China represented a shock that was way larger,'' Mr. Autor said. ''We had not seen shocks like this.''"
    ),
}


@pytest.fixture(scope="module")
def example() -> list[Article]:
    return load([str(EXAMPLE)])


@pytest.fixture(scope="module")
def built() -> dict[str, Article]:
    raws = [RawArticle(source=name, title=name, text=text, outlet=name) for name, text in TEXTS.items()]
    return dict(zip(TEXTS, build_articles(raws), strict=True))


def _assert_exact(article: Article, quote: Quote) -> None:
    """Every span of a quote slices the article text to what it claims."""
    assert quote.article == article.id
    assert article.text[quote.start : quote.end] == quote.text
    assert quote.parts and quote.parts[0][0] == quote.start and quote.parts[-1][1] == quote.end
    for s, e in quote.parts:
        assert quote.start <= s < e <= quote.end
    if quote.speaker_span is not None:
        s, e = quote.speaker_span
        assert 0 <= s < e <= len(article.text)


def _norm(words: str) -> str:
    return re.sub(r"[^\w]", "", words.casefold().replace("u.s.", "us"))


# -- the bundled example -----------------------------------------------------------------------


def test_example_quotes_and_speakers(example: list[Article]) -> None:
    a000, a002 = example
    q000, q002 = extract_quotes(a000), extract_quotes(a002)
    for article, quotes in ((a000, q000), (a002, q002)):
        assert quotes
        for quote in quotes:
            _assert_exact(article, quote)
            assert quote.speaker == "Lloyd Austin"
            assert article.text[slice(*quote.speaker_span)] == "Lloyd Austin"
    # 000: the statement's first paragraph, then the "he said" quote (interrupted once).
    first, second = q000
    assert first.text.startswith("Today, at President Biden’s direction")
    assert second.text.startswith("The President and I will not hesitate")
    assert second.text.endswith("cease these attacks.")
    assert len(second.parts) == 2 and '"" he said. "' in second.text
    # "he said" resolves to the earlier named mention, which lies before the quote.
    assert second.speaker_span == first.speaker_span and second.speaker_span[1] < second.start
    # 002: one quote over four paragraphs, one part per paragraph.
    (whole,) = q002
    assert len(whole.parts) == 4
    starts = [a002.text[s : s + 12] for s, _ in whole.parts]
    assert starts == ["Today, at th", "These precis", "I am gratefu", "The Presiden"]
    paragraphs = [p for p in a002.paragraphs if any(p.start <= s < p.end for s, _ in whole.parts)]
    assert len(paragraphs) == 4
    assert whole.text.endswith("cease these attacks.")


def test_example_matches(example: list[Article]) -> None:
    a000, a002 = example
    q000, q002 = extract_quotes(a000), extract_quotes(a002)
    pairs = match_quotes(q000, q002)
    assert [(x, y) for x, y, _ in pairs] == [(q000[0], q002[0]), (q000[1], q002[0])]
    assert all(MATCH_THRESHOLD <= score <= 1.0 for _, _, score in pairs)


def test_example_findings(example: list[Article]) -> None:
    """Austin's statement is one finding: 002 quotes it in full, 000's version is
    reworded and leaves a sentence out; every span slices its article."""
    a000, a002 = example
    by_id = {a.id: a for a in example}
    (finding,) = quote_findings(example)
    assert finding.kind == QUOTE_CHANGE and 0.0 <= finding.score <= 1.0
    assert finding.details["speaker"] == "Lloyd Austin"
    assert finding.details["articles"] == [a002.id, a000.id] and finding.details["reference"] == a002.id
    for ev in finding.evidence:
        assert by_id[ev.article].text[ev.start : ev.end] == ev.text
    for c in finding.details["changes"]:
        assert c["article"] == a000.id
        if c["a_span"] is not None:
            assert a002.text[slice(*c["a_span"])] == c["a"]
        else:
            assert c["a"] == ""
        if c["b_span"] is not None:
            assert a000.text[slice(*c["b_span"])] == c["b"]
        else:
            assert c["b"] == ""
        assert _norm(c["a"]) != _norm(c["b"]), f"normalisation-only change reported: {c}"
    assert finding.details["change"] == "altered"
    # every changed word lies inside the quote evidence of its article
    for c in finding.details["changes"]:
        for side, article in (("a_span", a002), ("b_span", a000)):
            if c[side]:
                assert any(e.article == article.id and e.start <= c[side][0] < c[side][1] <= e.end for e in finding.evidence)
    pairs = {(c["b"], c["a"]) for c in finding.details["changes"]}  # (000's words, 002's words)
    assert ("escalatory", "escalating") in pairs
    assert ("on", "against") in pairs and ("against", "on") in pairs
    assert ("Iranian-backed", "Iran-backed") in pairs
    assert ("militia group", "militia") in pairs
    assert any("necessary action" in a and "whatever action is necessary" in b for a, b in pairs)
    reorder = [(a, b) for a, b in pairs if "President Biden’s direction" in a]
    assert len(reorder) == 1 and "the direction of President Biden" in reorder[0][1]
    assert ("President Biden’s direction", "the direction of President Biden") in pairs  # minimal
    assert "worded differently" in finding.summary
    (_, version) = finding.details["versions"]
    (left,) = version["left_out"]
    assert left["text"].startswith("I am grateful for both the skill")
    assert a002.text[left["start"] : left["end"]] == left["text"]


def test_one_finding_per_statement_across_many_outlets(built: dict[str, Article]) -> None:
    """Three outlets quote one statement, two of them reworded: one finding, the
    reference once, each other version once, and an outlet that quotes none of it
    listed, not repeated."""
    import dataclasses

    a, b = built["altered_a"], built["altered_b"]
    c = dataclasses.replace(b, id="altered_c", outlet="C")
    silent = dataclasses.replace(built["other_speaker"], id="silent", outlet="D")
    (finding,) = quote_findings([a, b, c, silent])
    versions = finding.details["versions"]
    assert [v["article"] for v in versions] == [a.id, b.id, "altered_c"]
    assert [v["change"] for v in versions] == ["reference", "altered", "altered"]
    assert finding.details["not_quoting"] == ["silent"]
    assert finding.summary.count("Not quoted by") == 1


# -- hand-written pairs ------------------------------------------------------------------------


def test_identical_quote_gives_no_finding(built: dict[str, Article]) -> None:
    a, b = built["identical_a"], built["identical_b"]
    qa, qb = extract_quotes(a), extract_quotes(b)
    assert len(match_quotes(qa, qb)) == 1  # the same statement is matched ...
    assert quote_findings([a, b]) == []  # ... and, worded the same, reported as nothing


def test_truncated_quote(built: dict[str, Article]) -> None:
    a, b = built["truncated_a"], built["truncated_b"]
    (finding,) = quote_findings([a, b])
    assert finding.details["change"] == "truncated"
    (change,) = finding.details["changes"]
    assert change["a"] == "wherever they are threatened" and change["b"] == ""
    assert a.text[slice(*change["a_span"])] == change["a"] and change["b_span"] is None
    assert finding.details["reference"] == a.id and change["article"] == b.id
    assert "cut short in truncated_b" in finding.summary


def test_an_excerpt_cut_short_that_quotes_more_says_what_it_adds() -> None:
    """Two excerpts of one statement, each with words the other lacks: the shorter one
    is cut short against the fullest, and its own further sentence is listed as quoted
    only there (``adds``), not hidden behind "cut short". A sentence the reference
    article writes too, here in its own words, is no addition."""
    opening = "Judge Regina Chu spoke at the hearing on Friday.\n\n"
    fullest = opening + (
        '"Officer Potter made a mistake that ended tragically. She never intended to hurt anyone, and she has '
        'shown real remorse for what happened that day," Chu said. She said there is a two-in-three chance of an '
        "appeal."
    )
    excerpt = opening + (
        '"She never intended to hurt anyone. Her conduct cries out for a sentence far below the guidelines. '
        'There is a two-in-three chance of an appeal," Chu said.'
    )
    a, b = _built(fullest, excerpt)
    (finding,) = quote_findings([a, b])
    version = next(v for v in finding.details["versions"] if v["article"] == b.id)
    assert version["change"] == "truncated"
    assert [x["text"] for x in version["adds"]] == ["Her conduct cries out for a sentence far below the guidelines."]
    assert all(b.text[x["start"] : x["end"]] == x["text"] for x in version["adds"])
    assert "but quotes “Her conduct cries out for a sentence far below the guidelines.”, which o0 does not" in finding.summary
    assert "two-in-three" not in finding.summary.split("but quotes")[1]


def test_altered_wording(built: dict[str, Article]) -> None:
    a, b = built["altered_a"], built["altered_b"]
    (finding,) = quote_findings([a, b])
    assert finding.details["change"] == "altered"
    assert finding.details["speaker"] == "Ann Lee"
    got = [(c["a"], c["b"]) for c in finding.details["changes"]]
    assert got == [("protects", "shields"), ("this", "our")]
    assert {e.article for e in finding.evidence} == {a.id, b.id}


def test_different_speakers_do_not_match(built: dict[str, Article]) -> None:
    a, b = built["altered_a"], built["other_speaker"]
    assert match_quotes(extract_quotes(a), extract_quotes(b)) == []
    assert quote_findings([a, b]) == []


def test_attribution_after_the_quote(built: dict[str, Article]) -> None:
    article = built["after"]
    (quote,) = extract_quotes(article)
    assert quote.text == "We will win this war in the end"
    assert quote.speaker == "Jane Smith"
    assert article.text[slice(*quote.speaker_span)] == "Jane Smith"


def test_attribution_before_the_quote(built: dict[str, Article]) -> None:
    article = built["before"]
    (quote,) = extract_quotes(article)
    assert quote.text == "We will rebuild every house on this street."
    assert quote.speaker == "Jane Smith"


def test_he_said_resolves_to_last_named_speaker(built: dict[str, Article]) -> None:
    article = built["he_said"]
    first, second = extract_quotes(article)
    assert first.speaker == "Ann Lee"  # "Lee said", canonical name as written at its fullest
    assert article.text[slice(*first.speaker_span)] == "Lee"
    assert second.text == "We are not done with this work yet"
    assert second.speaker == "Ann Lee" and second.speaker_span == first.speaker_span


def test_adjacent_quotes_keep_their_own_speakers(built: dict[str, Article]) -> None:
    first, second = extract_quotes(built["two_speakers"])
    assert (first.speaker, second.speaker) == ("Smith", "Jones")
    assert len(first.parts) == len(second.parts) == 1


def test_bare_quote_paragraph_continues_previous_speaker(built: dict[str, Article]) -> None:
    first, second = extract_quotes(built["follow_on"])
    assert first.speaker == "Jane Smith"
    assert second.text == "Nobody will be left behind in this town."
    assert second.speaker == "Jane Smith" and second.speaker_span == first.speaker_span


def test_unbalanced_marks(built: dict[str, Article]) -> None:
    article = built["unbalanced"]
    quotes = extract_quotes(article)
    for quote in quotes:
        _assert_exact(article, quote)
        # No quote runs over a paragraph break: only a mark-opened paragraph may continue one.
        assert "\n" not in quote.text
    texts = [q.text for q in quotes]
    assert texts == [
        "A lost closing mark at the start of this paragraph runs to its end.",
        "We are ready for anything",
    ]
    assert not any("good deal" in t for t in texts)  # a stray mark mid-sentence opens nothing


# -- who said it ------------------------------------------------------------------------------


def _speaker(article: Article) -> tuple[str | None, str | None, str | None]:
    """(speaker, kind, mention as written) of an article's only quote."""
    (quote,) = extract_quotes(article)
    mention = article.text[slice(*quote.speaker_span)] if quote.speaker_span else None
    return quote.speaker, quote.speaker_kind, mention


def test_surname_resolves_to_the_nearest_full_name(built: dict[str, Article]) -> None:
    # "Melania Trump" is the longest name ending in "Trump", but the person last
    # mentioned with that surname is President Donald Trump.
    assert _speaker(built["nearest_surname"]) == ("Donald Trump", "named_person", "Trump")
    # An honorific must fit: "Mrs. Trump" is not Donald Trump, though he came first.
    assert _speaker(built["honorific"]) == ("Melania Trump", "named_person", "Trump")


def test_a_bare_name_is_the_main_person_not_a_relative_named_once(built: dict[str, Article]) -> None:
    # "President Smith and Laura Smith": two people in one sentence; the "Mr. Smith"
    # the story goes on with is the president, never the wife named once.
    assert _speaker(built["main_person"])[0] == "Smith"


def test_naming_and_judging_verbs_put_quoted_words_in_the_subjects_mouth(built: dict[str, Article]) -> None:
    assert _speaker(built["naming_verb"])[0] == "Jane Roe"


def test_a_colon_after_a_clause_gives_the_quote_to_its_subject(built: dict[str, Article]) -> None:
    # The name right before the colon ("Dayton") is an object; the clause's subject speaks.
    assert _speaker(built["colon_subject"])[:2] == ("Jane Roe", "named_person")


def test_pronoun_resolves_to_the_nearest_person_of_its_gender(built: dict[str, Article]) -> None:
    # Tom Jones is nearer, but "she" is not him.
    assert _speaker(built["pronoun_gender"]) == ("Ann Lee", "named_person", "Ann Lee")


def test_the_president_resolves_to_the_person_with_that_title(built: dict[str, Article]) -> None:
    assert _speaker(built["the_president"]) == ("Barack Obama", "named_person", "Barack Obama")


def test_a_title_before_a_comma_and_the_name_gives_the_name(built: dict[str, Article]) -> None:
    # "Ridgeline CEO, Ann Marsh said": the parse makes title and name two subjects of "said".
    assert _speaker(built["title_then_name"])[:2] == ("Ann Marsh", "named_person")


def test_words_before_a_name_are_not_part_of_it(built: dict[str, Article]) -> None:
    assert _speaker(built["after_name"]) == ("Trump", "named_person", "Trump")


def test_groups_are_not_persons(built: dict[str, Article]) -> None:
    one, party = extract_quotes(built["groups"])
    assert (one.speaker, one.speaker_kind) == (None, "anonymous")  # "one Republican": unnamed
    assert party.speaker_kind != "named_person" and party.speaker != "Republican"


def test_a_document_speaks_for_itself(built: dict[str, Article]) -> None:
    # The lawsuit's words are not the chairman's, though he is the person named nearby.
    assert _speaker(built["lawsuit"]) == (None, "document", "the lawsuit")
    assert _speaker(built["organisation"]) == ("Pentagon", "named_organisation", "the Pentagon")


def test_a_document_speaks_for_whoever_filed_it(built: dict[str, Article]) -> None:
    # "X filed a lawsuit ... the suit says": the plaintiff's words; "most U.S. lawsuits"
    # in between are other documents, and "U.S." owns none of them.
    speaker, kind, _ = _speaker(built["filed_lawsuit"])
    assert (speaker, kind) == ("Riverside Tenants Association", "named_organisation")


def test_named_people_in_coordination_are_one_joint_speaker(built: dict[str, Article]) -> None:
    assert _speaker(built["joint"])[:2] == ("Mary Collins and Tom Ruiz", "named_person")
    # a group named once ("the two governors, A and B,") is the same people later ("the governors said")
    assert _speaker(built["group"])[:2] == ("Ann Lee and Bob Marsh", "named_person")


def test_a_group_listed_after_a_dash_or_named_by_a_role_is_its_joint_speaker(built: dict[str, Article]) -> None:
    # "the three chairmen — A, B and C —" (parsed as a second subject, not an apposition) are the later "they"
    assert _speaker(built["listed_group"])[0] == "Anna K. Lee, Bob Marsh and Carl Diaz"
    # a definite plural role noun ("the senators") is the joint source named just before
    assert _speaker(built["group_by_role"])[0] == "Mary Collins and Tom Ruiz"
    # ... but unnamed-people words ("the officials") are not: they may be anyone
    assert _speaker(built["group_unnamed"])[0] is None


def test_a_parenthetical_reporting_clause_owns_the_clause_it_interrupts(built: dict[str, Article]) -> None:
    # "The report, Lee said, shows ...": Lee speaks; the report is what she speaks of
    assert _speaker(built["parenthetical"])[0] == "Lee"


def test_a_medium_quoting_a_person_gives_the_person_the_words(built: dict[str, Article]) -> None:
    # "X was quoted (in the paper) as telling / saying": X's words
    assert _speaker(built["quoted_as"])[0] == "Ann Lee"
    assert _speaker(built["quoted_in_as"])[0] == "Ann Lee"
    # "the agency said, quoting X": X's words; the agency stays the "it" of the next sentence
    first, second = extract_quotes(built["medium_quoting"])
    assert (first.speaker, second.speaker) == ("Park", "Northern Central News Agency")
    # "In a statement published by the agency, X promised ...": the statement is X's, not the publisher's
    assert _speaker(built["statement_in"])[0] == "Tom Park"


def test_she_said_prefers_the_newer_main_subject_to_an_older_speaker(built: dict[str, Article]) -> None:
    assert _speaker(built["newer_subject"])[0] == "Ann Lee"  # Lee, the topic since Diaz spoke
    assert _speaker(built["embedded_subject"])[0] == "Ann Lee"  # "Lee said [Diaz was ...]": Diaz is no topic
    # "Weir would not go that far but said [Marsh must ...]": Weir speaks; Marsh is the embedded subject
    assert _speaker(built["conjoined_speaker"])[0] == "Tom Weir"
    # a one-word name the NER reads as a person once is that person where it misses it ("Pruitt appeared ...")
    assert _speaker(built["untagged_subject"])[0] == "Pruitt"


def test_inverted_statement_speaks_for_its_owner(built: dict[str, Article]) -> None:
    assert _speaker(built["inverted"])[:2] == ("Ann Lee", "named_person")


def test_quote_split_by_she_said_is_one_quote(built: dict[str, Article]) -> None:
    article = built["split_she_said"]
    (quote,) = extract_quotes(article)
    assert [article.text[s:e] for s, e in quote.parts] == ["We will win this war in the end", "and we will rebuild every town."]
    assert quote.speaker == "Jane Smith"


def test_a_sentence_that_only_attributes_names_the_quote_before_it() -> None:
    """'“....” Trump said.': the quote ends its sentence with a full stop and the next
    sentence only attributes, so it names the speaker. A next sentence with words of its
    own ('Smith said the team would celebrate') does not, and a speaker the quote's own
    sentence names stays."""
    bare, split, own, named = _built(
        'The leaders met on Friday.\n\n"You are not really in a good position right now." Donald Trump said. '
        "Zelensky left early.",
        'The leaders met on Friday.\n\n"You are not really in a good position right now." Donald Trump said. '
        '"You are gambling with the lives of millions of people."',
        'The coach spoke on Friday.\n\n"We will win the cup this year." Tom Smith said the team would celebrate.',
        'A spokesman, Brad Woodhouse, said Mr. Steele was "betting against our troops." '
        "Republican officials dismissed that.",
    )
    assert [q.speaker for q in extract_quotes(bare)] == ["Donald Trump"]
    assert {q.speaker for q in extract_quotes(split)} == {"Donald Trump"}
    assert [q.speaker for q in extract_quotes(own)] == [None]
    assert [q.speaker for q in extract_quotes(named)] == ["Brad Woodhouse"]


def test_an_it_that_speaks_is_the_country_or_group_named_just_before() -> None:
    """"The attack angered Qatar ... It condemned what it called a “...”": with no source
    before it, "it" is the organisation or country the sentence before names as its
    subject or object. A person there is not an "it"."""
    country, person = _built(
        "Israel struck Hamas leaders in Doha on Tuesday.\n\nThe attack angered Qatar, a key mediator.\n\n"
        'It condemned what it referred to as a "flagrant violation of all international laws and norms."',
        "The talks ended on Tuesday.\n\nThe strike angered Donald Trump, who had backed the talks.\n\n"
        'It condemned what it referred to as a "flagrant violation of all international laws and norms."',
    )
    assert [q.speaker for q in extract_quotes(country)] == ["Qatar"]
    assert [q.speaker for q in extract_quotes(person)] == [None]


def test_doubled_apostrophes_are_quote_marks(built: dict[str, Article]) -> None:
    article = built["apostrophes"]
    (quote,) = extract_quotes(article)  # '"A," Mr. Autor said. "B."' is one quote
    assert [article.text[s:e] for s, e in quote.parts] == [
        "China represented a shock that was way larger",
        "We had not seen shocks like this.",
    ]
    assert (quote.speaker, quote.speaker_kind) == ("Autor", "named_person")


def test_non_body_paragraphs_are_skipped(built: dict[str, Article]) -> None:
    article = built["bullet"]
    assert any(p.kind == "bullet" for p in article.paragraphs)
    assert extract_quotes(article) == []


# -- properties --------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    ['"', "“", "”", "‘", "’", "«", "»", '""', "\n\n", "\n", " ", ",", ".", ":", " said ", " he said. ",
     "Jane Smith", "We will win", "שלום עולם", "مرحبا", "😀🎉", "U.S.", "é", "\u200f", "\t"]
)  # fmt: skip


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(_PIECES, max_size=30).map("".join), st.text(max_size=200)))
def test_extract_never_raises_and_spans_slice_exactly(text: str) -> None:
    (article,) = build_articles([RawArticle(source="t", title="t", text=text)])
    quotes = extract_quotes(article)
    for quote in quotes:
        _assert_exact(article, quote)
    assert quote_findings([article, article]) == []  # an article never differs from itself


def test_unnamed_statements_need_a_close_match_and_say_why() -> None:
    """With no speaker named, a loose match (0.81) is not trusted as one statement; a
    close one (0.97) is, and the finding says on what it rests."""
    opening = "The statement was posted online at noon.\n\n"
    base = '"We will rebuild every house on this street before the winter comes, and nobody will be left behind."'
    loose = '"We shall rebuild each home on this road before winter arrives, and nobody will be left behind."'
    close = '"We will rebuild every house on this street before the winter comes, and no one will be left behind."'
    raws = [RawArticle(source=k, title=k, text=opening + t, outlet=k, id=k) for k, t in (("a", base), ("b", loose), ("c", close))]
    a, b, c = build_articles(raws)
    assert match_quotes(extract_quotes(a), extract_quotes(b))  # the matcher pairs them ...
    assert quote_findings([a, b]) == []  # ... but nothing names a speaker and the words drift
    (finding,) = quote_findings([a, c])
    assert finding.details["reasons"][0].startswith("no version names the speaker")


def test_an_unnamed_quote_takes_no_named_speaker_from_a_loose_match() -> None:
    """Two governments condemn one attack in stock phrases; one outlet's sentence names
    no speaker ("It condemned ..."): a loose match (0.77) would give it the other's
    speaker, so it needs a close one; a named pair at that similarity still matches."""
    unnamed = 'The strike hit the capital.\n\nIt condemned what it called a "flagrant violation of all international laws and norms".'
    named = 'Veloria, a key ally, condemned the attack as a "gross violation of all international rules and regulations".'
    other = 'Veloria condemned the attack as a "flagrant violation of all international laws and norms", Veloria said.'
    a, b, c = _built(unnamed, named, other)
    assert match_quotes(extract_quotes(a, min_words=1), extract_quotes(b, min_words=1)) == []
    assert match_quotes(extract_quotes(c, min_words=1), extract_quotes(b, min_words=1))


def _built(*texts: str) -> list[Article]:
    raws = [RawArticle(source=f"s{i}", title=f"s{i}", text=t, outlet=f"o{i}", id=f"s{i}") for i, t in enumerate(texts)]
    return build_articles(raws)


def test_a_cut_of_four_content_words_from_a_long_sentence_is_the_same_statement() -> None:
    """A complaint's long sentence quoted whole by one outlet and cut to a few words by
    another: one statement, the short one 'truncated', even with no speaker named."""
    whole = (
        "The complaint was filed on Friday.\n\n"
        'It says: "Over many months the defendants, acting together and in secret, carried out what amounts to '
        'an act of previously unimaginable treachery against the voters of this state."'
    )
    cut = 'The complaint was filed on Friday. It calls the scheme "an act of previously unimaginable treachery."'
    a, b = _built(whole, cut)
    (finding,) = quote_findings([a, b])
    versions = {v["article"]: v["change"] for v in finding.details["versions"]}
    assert versions == {"s0": "reference", "s1": "truncated"}
    assert any("unbroken inside the fuller one" in r for r in finding.details["reasons"])


def test_a_stock_phrase_of_three_content_words_is_not_a_cut_quote() -> None:
    """A quoted stock phrase ("denuclearization of the Korean peninsula") inside another
    outlet's long quote is not taken for a cut of that quote."""
    long_quote = (
        "The talks ended on Friday.\n\n"
        '"We view the decision as a significant step toward the denuclearization of the Korean peninsula '
        'that the whole world has wished for," said Lee Min-ho, a spokesman.'
    )
    phrase = 'The talks ended on Friday. Both sides repeated their aim of "denuclearization of the Korean peninsula."'
    a, b = _built(long_quote, phrase)
    assert quote_findings([a, b]) == []


def test_one_wording_spelled_two_ways_is_no_change() -> None:
    """Contractions, closed and open compounds, hyphens and dashes are spellings, not
    changes to a quote: "It’s"/"It is", "endgame"/"end game", "same-sex"/"same sex".
    A changed word is still a change."""
    opening = "The senator spoke on Monday.\n\n"
    a = opening + '"It is not the endgame for same-sex couples—and our state\'s law will not stop us," Jane Smith said.'
    b = opening + '"It’s not the end game for same sex couples-and our state s law won’t stop us," Jane Smith said.'
    c = opening + '"It is not the endgame for gay couples—and our state\'s law will not stop us," Jane Smith said.'
    first, second, third = _built(a, b, c)
    assert quote_findings([first, second]) == []
    (finding,) = quote_findings([first, third])
    assert [(ch["a"], ch["b"]) for ch in finding.details["changes"]] == [("same-sex", "gay")]


def test_excerpts_of_one_text_with_their_own_cuts_are_one_statement() -> None:
    """A statute quoted by one outlet in two pieces and by another in one sentence with
    its own ellipses: neither stands whole inside the other, but they share a run of six
    content words, so they are one statement even with no speaker named. Two quotes
    sharing only a short stock phrase stay apart."""
    pieces = (
        "The law is clear, the professor said.\n\n"
        'It punishes anyone "who knowingly, willingly and secretly offers any office, salary, grant, contract, '
        'or any other reward" to a rival "in exchange for leaving a primary race."'
    )
    excerpt = (
        "The law was read aloud at the hearing.\n\n"
        '"Whoever, knowingly, willingly and secretly offers any office, salary, grant...reward...to any person '
        'in exchange for leaving a race ...shall be fined or jailed for a year."'
    )
    stock = (
        "The law was read aloud at the hearing.\n\n"
        '"Whoever offers any office to a rival shall be fined, as any other reward for leaving is a crime."'
    )
    a, b, c = _built(pieces, excerpt, stock)
    (finding,) = quote_findings([a, b])
    assert finding.details["reasons"][0].startswith("no version names the speaker")
    assert any("unbroken run of 6" in r for r in finding.details["reasons"])
    assert quote_findings([a, c]) == []


def test_a_quote_opened_mid_sentence_runs_on_into_the_next_paragraph() -> None:
    """The multi-paragraph convention: a quote opened after "that the memos" and left
    unclosed at the paragraph end goes on in the next paragraph, which opens with a
    mark. A short term whose closing mark was lost does not."""
    (article,) = _built(
        "The chairmen spoke on Friday.\n\n"
        'Jane Smith and Tom Jones said in a statement that the memos "show the director kept careful notes of '
        "every meeting he held with the president.\n\n"
        '"The memos also show that nobody asked him to end the inquiry," they said.\n\n'
        'Critics called it "a whitewash.\n\n'
        '"We will keep asking questions," Ann Lee said.'
    )
    quotes = extract_quotes(article)
    (run_on,) = [q for q in quotes if q.text.startswith("show the director")]
    assert len(run_on.parts) == 2 and run_on.text.endswith("end the inquiry")
    assert not any("whitewash" in q.text for q in quotes)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Kim", "Kim Jong Un", True),  # the family name written first
        ("Roger J. Stone Jr.", "Roger Stone", True),  # a suffix is not the family name
        ("Lloyd Austin", "Austin", True),
        (None, "Anyone", True),  # unknown fits anyone
        ("Kim Jong Un", "Moon Jae-in", False),
        ("Jane Smith", "John Jones", False),
        ("Ann Lee, Tom Jones and Jane Smith", "Smith", True),  # a joint speaker and one member
        ("Ann Lee, Tom Jones and Jane Smith", "Jane Smith, Ann Lee and Tom Jones", True),  # any order
        ("Ann Lee and Tom Jones", "Jane Smith", False),  # no member in common
    ],
)
def test_same_speaker(a: str | None, b: str, same: bool) -> None:
    from newsprism.analysis.quotes import same_speaker

    assert same_speaker(a, b) is same


#: One scare-quoted phrase written in each quote style an outlet may use.
STYLES = {
    "curly double": "a “witch hunt” on Monday",
    "straight double": 'a "witch hunt" on Monday',
    "curly single": "a ‘witch hunt’ on Monday",
    "straight single": "a 'witch hunt' on Monday",
    "guillemets": "a «witch hunt» on Monday",
    "doubled apostrophes": "a ''witch hunt'' on Monday",
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_voice_quotes_find_short_quoted_words_in_every_style(style: str) -> None:
    from newsprism.analysis.quotes import is_scare, voice_quotes

    text = f"Aides have called the inquiry {STYLES[style]}, and the vote didn't change that."
    (article,) = _built(text)
    found = voice_quotes(article)
    assert [q.text for q in found] == ["witch hunt"]
    assert extract_quotes(article) == []  # two words are no statement
    (plain,) = _built("The committee's inquiry is a 'witch hunt' for the members' records, its critics' say.")
    assert [q.text for q in voice_quotes(plain)] == ["witch hunt"]  # apostrophes are not marks
    (scare,) = _built(f"The so-called {STYLES[style]} went on.")
    assert [is_scare(q) for q in voice_quotes(scare)] == [True]


def test_voice_quotes_cover_bullets_and_give_speakers() -> None:
    from newsprism.analysis.quotes import is_scare, voice_quotes

    (article,) = _built(
        "Governor Jane Roe spoke on Monday.\n\n"
        '• Roe called the bill "a disgrace" at the rally.\n\n'
        "The bill passed anyway."
    )
    (quote,) = voice_quotes(article)
    assert (quote.text, quote.speaker, is_scare(quote)) == ("a disgrace", "Jane Roe", False)


def test_a_word_someone_spoke_of_is_theirs_not_a_scare_quote() -> None:
    from newsprism.analysis.quotes import is_scare, voice_quotes

    (article,) = _built("Governor Jane Roe, for her part, spoke of an “agreement” during the joint news conference.")
    (quote,) = voice_quotes(article)
    assert (quote.text, quote.speaker, is_scare(quote)) == ("agreement", "Jane Roe", False)


def test_a_two_word_fragment_joins_the_statement_it_is_cut_from() -> None:
    """One outlet quotes a whole sentence, another only two of its words, a third one
    word: the two-word fragment is a cut version of the statement; one word is not
    enough to say so."""
    whole = (
        "Governor Jane Roe spoke on Friday.\n\n"
        '"I can assure the public that nothing improper took place in this office," Roe said.'
    )
    fragment = 'Governor Jane Roe spoke on Friday. Roe insisted "nothing improper" happened.'
    word = 'Governor Jane Roe spoke on Friday. Roe said it was "improper" to ask.'
    a, b, c = _built(whole, fragment, word)
    (finding,) = quote_findings([a, b, c])
    versions = {v["article"]: v["change"] for v in finding.details["versions"]}
    assert versions == {"s0": "reference", "s1": "truncated"}
    assert finding.details["not_quoting"] == ["s2"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a verb in a series shares its subject: "He paused, then added: ..."
        ('Senator Tom Weir spoke on Monday. "It might have been doctored," he said.\n\n'
         'He paused, then added: "But I do not know that for sure at all."', "Tom Weir"),
        # the quote right after the attribution sentence of the one before goes on
        ('"What have you been doing all year, John?" Obama continued, calling out the speaker. '
         '"You have been debating a coin for baseball all week."', "Obama"),
        # ... but not when someone else's sentence comes between
        ('"We will win this fight in the end," Smith said. Jones disagreed with him. '
         '"Nobody will win anything at all here."', None),
        # the particle of a listed phrasal reporting verb is the verb's, not an object
        ('Senator Tom Weir spoke on Monday about the budget.\n\n'
         'But, as Mr. Weir pointed out, “the committees decide the details” in later bills.', "Tom Weir"),
        # a subject cut off from its verb by an interruption set off by commas
        ('Asked on the radio how serious his plan is, Tom Weir, who would have to sell his farm to run, '
         'said, "I have never been more serious about anything in my life."', "Tom Weir"),
        ('In another appeal to rural voters, Ann Lee, a candidate in the Senate primary, announced in an ad '
         'that she grew up “milking cows on a dairy farm.”', "Ann Lee"),
        # an inverted reporting verb opening its sentence, read by the parser as a compound
        ('Mayor Ann Lee spoke first.\n\nAdded Jones: "Nobody I have ever talked to thinks this is a better deal."',
         "Jones"),
        # a quote paragraph introduced by the paragraph before, ending in a colon
        ('The council met on Monday to discuss the budget.\n\nThe Daily Ledger reported last week that the plan '
         'appears to be a first in the city’s long history:\n\n“Call it the end of an era. The council will never '
         'again vote on a budget it has not read in full.”', "Daily Ledger"),
        ('Roger Stone spoke on Monday.\n\nStated Stone:\n\n“I think that the stakes are so high that nobody can '
         'sit this election out.”', "Roger Stone"),
        # ... but a colon after no reporting clause introduces no one
        ('The council met on Monday to discuss the budget in the city’s long history:\n\n“Call it the end of an '
         'era. The council will never again vote on a budget it has not read in full.”', None),
        # an "..., remarking, “...”" participle the parser hangs on a noun: its clause's subject
        ('Mayor Ann Lee ended the debate last December with a reference to the blockbuster "Star Wars" sequel '
         'hitting the theaters, remarking, “Thank you, and may the force be with you all.”', "Ann Lee"),
        # a plainly reporting verb of the data list ("demurred", "summarized", "hinted", ...)
        ('Tom Weir spoke on Monday.\n\n“It is completely inconsistent with this latest statement,” Weir demurred.',
         "Tom Weir"),
        # inverted after the quote, the name the parser reads as an attribute of the verb
        ('Luis Pena spoke on Monday.\n\n“This is completely inconsistent with the latest statement,” summarized Pena.',
         "Luis Pena"),
        ('Mayor Ann Lee spoke first.\n\nAdded Weir: "I think you would really have to ask somebody who says let '
         'us have a long fight and then come back and say we are ready."', "Weir"),
        # a vice president is not "the president"; "the vice president" still is
        ('President Tom Weir spoke at the White House on Wednesday. Vice President Ann Lee stood beside him and '
         'listed the new measures for the schools.\n\n"I intend to use whatever weight this office holds to make '
         'them a reality," said the president.', "Tom Weir"),
        ('President Tom Weir spoke at the White House on Wednesday. Vice President Jim Lee stood beside him.\n\n'
         '"We will get this done before the summer is over," said the vice president.', "Jim Lee"),
        # a group of named people introduced outside any attribution, then "the senators said"
        ('The calls were echoed by three Republican state senators — Tom Weir, Jim Lee and Bob Marsh, all members '
         'of the conservative camp — who had helped pass the bill.\n\n“Our sincere intent in voting for this bill '
         'was to protect every citizen,” the senators said in a letter to the governor.',
         "Tom Weir, Jim Lee and Bob Marsh"),
        # a party-and-state annotation is no part of a speaker's name
        ('The chamber voted late on Monday.\n\n"The First Amendment protects freedom of religion," reads a '
         "statement from Senate Majority Leader Tom Weir's office (D-Ohio).", "Tom Weir's office"),
        # a dateline or a label in capitals taken for the subject is no source
        ('WASHINGTON (AP) — President Tom Weir on Tuesday accused Senator Jim Lee of modeling his policies on a '
         'foreign ruler to a degree that is “unprecedented in American politics.”', "Tom Weir"),
        ('UPDATE: Union chief Tom Weir said in a statement, "It has long been our policy that the fund should be '
         'strengthened to provide adequate benefits."', "Tom Weir"),
        # a reporting participle in an adjunct phrase of the main clause: the main subject's
        ('A day after telling reporters that he\'s "not going to talk about this again," Mayor Tom Weir broke his '
         'silence on Wednesday about the photo.', "Tom Weir"),
        ('Tom Weir told Jim Lee that the news was "very troubling," before noting that Lee is "a good person at '
         'heart."', "Tom Weir"),
        # a paragraph ending in "He added," introduces the quote paragraph after it
        ('Jane Roe, a tax lawyer in Ohio, spoke on Monday. “The rules will change again next year,” Roe said in an '
         'e-mail. She added,\n\n“We will need to see the new guidance from every state first.”', "Jane Roe"),
        # a quoted show title running on into the sentence is no first piece of the quote
        ('"Morning" show host Jane Roe asked Tom Weir, "You have seen all of the papers yourself?"', "Jane Roe"),
        # the owner of a noun of something said governs the quoted words of its "that" clause
        ('Mayor Ann Lee dismissed Tom Weir’s comment on Sunday that the council is under a "reign of fear" in the city.',
         "Tom Weir"),
        ('Critics asked Tom Weir to explain his claim that the plan is a "waste of public money" and may fail.',
         "Tom Weir"),
        # a sentence ending in a bare attribution hands it the quote that opens the next sentence
        ('Mayor Ann Lee spoke on Monday.\n\nA piano plays softly as the mayor continues. “The city tells us to wait. '
         'And I say wait for how long?”', "Ann Lee"),
        # ... but not an infinitive: "declined to comment" introduces nothing
        ('Mayor Ann Lee spoke on Monday. Tom Weir declined to comment. “The city will not wait for anyone,” a '
         'banner read.', None),
        # a definite role no one holds, with a continuing verb, is the speaker who goes on
        ('Tom Weir spoke on Monday.\n\n“I am not ashamed of my record at all,” says Weir. “But you do not need a poll '
         'to know it.”\n\n“As mayor, I will end this war on the suburbs,” the Ohio governor continues.', "Tom Weir"),
        # ... but not one who did not speak last
        ('Tom Weir spoke on Monday.\n\n“I am not ashamed of my record at all,” says Weir. Critics disagree.\n\n“As '
         'mayor, I will end this war on the suburbs,” the Ohio governor said.', None),
        # a determiner-led plural or a party member described is no organisation's name
        ('Several banks lent money to the project. Those firms said, "We did nothing wrong at any point in this '
         'deal."', None),
        ('Sen. Jim Lee, R-Ariz., spoke on Sunday. The Arizona Republican said the plan must make "an appropriate '
         'decision" about the future.', None),
        # a reporting participle on a document says its owner's words
        ('Jim Lee, chief executive of the firm, sent her a letter citing the state’s “economic comeback” and saying, '
         '“There is real concern in the business community that this bill would hurt us.”', "Jim Lee"),
        # a surname is the person the story is about, not the relative named beside him
        ('The mayor called up Tom Mattis, whose young son, James Mattis, was hurt in the crash last year. Mattis '
         'praised the city "for finally spending the money on safer roads."', "Tom Mattis"),
        # a date owns no document ("Tuesday"): the campaign that retorted with the ad does
        ('The Weir campaign retorted with an ad of its own Tuesday. The ad says: “You paid in to the fund for years '
         'and now the money is gone.”', "Weir campaign"),
        # ... but not one who agreed with a report
        ('Tom Weir agreed with a report released on Tuesday. The report says: “You paid in to the fund for years '
         'and now the money is gone.”', None),
        # a reporting verb the tagger read as a plural noun; "the congressman" is the man written "Rep."
        ('Rep. Tom Weir grabbed the student\'s wrist on the sidewalk.\n\n"Who are you!" the seven-term congressman '
         'demands. "Tell me who you are, I have a right to know who you are."', "Tom Weir"),
        # the parse hangs the speaker on another verb ("to vote"): the "he" after is still him, not Obama
        ('President Barack Obama said the motto matters to millions. After the vote, Rep. Tom Weir, D-Va., one of the '
         'nine lawmakers to vote against the resolution, said the nation faces bigger problems, such as the economy '
         'and poverty.\n\n"Instead of creating jobs to help American people, we are debating a motto that is under no '
         'threat," he said.', "Tom Weir"),
        # the main verb hung on the subject noun, leaving the sentence no verb at its root
        ('Third Way, a moderate Democratic group in Washington that has favored possible reductions in benefits, '
         'called the board’s position “a watershed moment” in the debate.', "Third Way"),
        # a document a "he" sent (to someone) says its sender's words
        ('Tom Weir issued a statement on Friday. He sent an e-mail to RNC members saying he hoped his statement would '
         '"clear up any confusion" caused by his earlier remarks.', "Tom Weir"),
        # what one asks for in quoted words is the asker's ...
        ('Tom Weir confirmed that he sent a note on Saturday night. In the note, he asked members to join him "for a '
         'private conference call" Monday evening.', "Tom Weir"),
        # ... but not quoted words in a clause of their own inside what is asked (a motto named there)
        ('President Tom Weir urged lawmakers to move on the transportation part of his jobs bill on Wednesday, while '
         'simultaneously mocking them for spending time on a recent measure to reaffirm "In God We Trust Always" as '
         'the national motto.', None),
        # ... unless the asking is itself reported by another
        ('Jim Lee, the chief of staff, asked Mr. Clinton last summer to explore “options of public service” with the '
         'governor, the White House said in a statement.', "White House"),
        # a past conjunct hung on a present verb belongs to the past verb above ("said ... and urged")
        ('Speaking to reporters, Tom Weir said economists predict higher growth if Congress passes the agreement and '
         'urged lawmakers to examine the details of the deal and "get this done."', "Tom Weir"),
        # ... and a present conjunct of a past verb with no verb of its tense above shares the reporting verb's
        # subject: the lawsuit, whose owner "its" names by the sentence's subject
        ('In its federal lawsuit in Manhattan, the Democratic National Committee said that officials met in secret.\n\n'
         'The lawsuit alleged that the Weir campaign "gleefully welcomed foreign help" in the election and accuses it '
         'of being a "racketeering enterprise that worked in tandem" with others.', "Democratic National Committee"),
        # a name the parser made a compound of the verb is its subject
        ('Gov. Rick Smith released another ad describing himself as a "man of faith."\n\nThis latest ad "Strong" ends '
         'with Smith claiming, "faith made America strong. It can make her strong again."', "Rick Smith"),
        # the one person a fronted "when" clause names is the "he" after it
        ('Mr. Tom Weir, officials said, acted on his own. But when the final draft of the points was sent to Mr. Jim '
         'Lee, he dismissed them, saying “Frankly, I’d just as soon not use this.”', "Jim Lee"),
        # a possessed noun of saying before a colon introduces the quote after it, not the one before
        ('Host Ann Lee asked Tom Weir, "You have been privy to all of this to know this?" His response: "Well, I have '
         'people that actually have been studying it."', "Tom Weir"),
        # a "by" author set off by commas
        ('But the report, by White House Counsel Jim Lee, concluded that "allegations of improper conduct rest on '
         'factual errors."', "Jim Lee"),
        # a "they" is no one person
        ('Tom Weir vowed to stay in the race. Romney added his voice after five Republican senators urged Weir to '
         'step aside. In a statement released Tuesday, they said his presence does not serve "the national interest '
         'of the party."', None),
        # ... but a relative clause of the named one is still named ("someone who had “...”")
        ('Campaign chairman Tom Weir called the governor "the most extreme pick in a generation" and someone who had '
         '"threatened the privacy of women and limited their choice" by signing the law.', "Tom Weir"),
        # a reporting participle makes its subject a speaker for the "he" after it ("weighed in, telling ...")
        ('On Sunday, Tom Weir issued a new line of attack, stating on television that the plan was "clearly '
         'lacking."\n\nVice President Jim Lee weighed in as well, telling a magazine in an interview published on '
         'Monday, "But gosh almighty, they are both qualified," he said.', "Jim Lee"),
        # a naming verb names nothing inside a clause of another subject
        ('Gov. Rick Smith spoke in Iowa on Monday.\n\nSmith is referring to a memorandum released by the White '
         'House, in which Obama has directed all agencies working abroad ensure diplomacy and aid programs "promote '
         'and protect the rights" of all.', None),
        # a colon written with a bracket ("):"), and a name before it in a clause of another subject
        ('Two years prior, then-Senator Tom Weir used virtually identical language to beat up on his general election '
         'opponent, Sen. John McCain (R-Ariz.):\n\n"How would your golden years turn out under John McCain? His health '
         'care plan would cut the fund by billions."', "Tom Weir"),
        # a surname the tagger read as a word ("Akin" as the adverb), the subject of its sentence
        ('Rep. Todd Akin spoke to a radio host. Gov. Mitt Romney said Akin should "accept their counsel and exit the '
         'Senate race."\n\nAkin, however, continued his refusal to step down Tuesday in a subsequent interview on a '
         'radio show.\n\n"It still seems to me that there has to be room to broaden the scope of the campaign," he '
         'said, going on to suggest Romney had made a bigger deal of the remark than he needed to.', "Todd Akin"),
        # a document sent under a signature is the signer's, and so is the "it" after it
        ('The cable, sent under Ambassador Tom Weir\'s signature and marked SECRET, warned the office of the '
         'secretary. It said "requests to provide a daily police presence have gone unanswered."', "Tom Weir"),
        # an abbreviated rank ends no sentence: the name after it is the speaker's, not "Navy Capt"
        ('"We are already at war with them and will press on," said Pentagon spokesman Navy Capt. Tom Weir, '
         'who was asked about the attack.', "Tom Weir"),
        ('"I really do not understand how nobody better ran this year," said Air Force 1st Lt. Ann Lee.', "Ann Lee"),
        # a surname the tagger read as an adverb ("-ly") after an inverted reporting verb
        ('The data expert Bill Skelly joined the campaign in May.\n\n'
         '"Having access to the file and two people who understand it is valuable," said Skelly, '
         'explaining how he worked.', "Bill Skelly"),
        # the next sentence of the paragraph goes on in the same voice, past an apostrophe in a word and
        # a sentence the parser starts at the opening mark (marks written '')
        ("''I do think that the governor is a threat,'' said Tom Weir, a veteran of the mayor's office. "
         "''If the nominee is weak on trade, he will take that issue and drive it home.''", "Tom Weir"),
        # ... and past a quote too short to list ("The bullying,")
        ('"The bullying," Fox\'s Chris Wallace said, as the crowd cheered. "The greed. The showing off. '
         'The absurd theatrics of it all."', "Chris Wallace"),
        # a "he" already resolved is a mention of its person for the next "he": a main-clause "he"
        # after another man is named goes on from the subject before it
        ('"We need someone who is tested in battle," Mayor Tom Weir said at the rally.\n\n'
         'Weir, a former union leader, had close ties to Senator Bob Ray. But on Sunday he finally backed the '
         'governor.\n\n"Get your hammers ready because we have a ceiling to break," he told the crowd.', "Tom Weir"),
        # ... and a "she" that resolved to a person tells that person's gender ("he said she should call")
        ('Carla Moreno ran the company in those years.\n\nKeyworth was one of the more trusted minds on the board, '
         'and he was so fired up about the deal he said she should call the rival chief right away.\n\nBut Moreno, '
         'who had moved a year earlier from her leading role at a spinoff, tossed "cold water on the idea '
         'immediately," she wrote in her memoir, "Tough Choices." She was adamant that she keep the upper hand.',
         "Carla Moreno"),
        # "As for X, he said": the fronted topic is who "he" is
        ('"I think that would be an absolute disaster for all of us," Senator Bob Ray said.\n\n'
         'As for Tom Weir, he said he is not worried. "First of all, I am going to have the delegates," he said.',
         "Tom Weir"),
        # a name the entity runs on past ("... Manriquez of Oakland"), a nickname in marks inside it
        ('"We all marched in silence for them," said Tom Weir, one of the organisers.\n\n'
         'In the city, a group in matching shirts marched holding pictures of the victims. Juan "Chico" Ramos of '
         'Oakland carried one of the photos. "I pretty much cried the whole parade," he said.', 'Juan "Chico" Ramos'),
        # a bare surname two people share, as often named: the one named in the latest sentence (the
        # public figure only among people named in one sentence: "President Smith and Renske Smith")
        ('Mary Hale, the daughter of former Governor Tom Hale, won the primary on Tuesday.\n\n'
         'Tom Hale held the seat from 1979 to 1989.\n\nMary Hale, 50, received about 40 percent of the vote.\n\n'
         '"Now it is time to look forward, united in our convictions," Hale said in a statement.', "Mary Hale"),
        # a title in marks mid-sentence hands its sentence's source on to no quote
        ('"I want to see the report," said Tom Weir in an interview on NBC\'s "Today" show, according to TIME. '
         '"How come nobody knows where the money went?"', "Tom Weir"),
    ],
)
def test_speaker_of_a_quote(text: str, speaker: str | None) -> None:
    (article,) = _built(text)
    assert [q.speaker for q in extract_quotes(article)][-1] == speaker


def test_a_source_before_a_colon_introduces_the_quote_after_it_not_the_one_before() -> None:
    """'“...?” Then a narrator concludes: “...”': two quotes, the narrator's the second."""
    (article,) = _built(
        "Mayor Ann Lee spoke on Monday.\n\nA piano plays softly as the mayor continues. “The city tells us to wait. "
        "And I say wait for how long?” Then an unseen narrator concludes: “The city needs courage, not excuses.”"
    )
    assert [q.speaker for q in extract_quotes(article)] == ["Ann Lee", None]


@pytest.mark.parametrize(
    ("name", "gender"),
    [("Hillary", "f"), ("Todd", "m"), ("Howard", "m"), ("Meredith", "f"), ("Kim", None), ("Lee", None), ("Lindsey", None)],
)  # given names worn by both sexes tell none
def test_common_given_names_tell_a_gender(name: str, gender: str | None) -> None:
    from newsprism.analysis.speakers import gender_of

    assert gender_of([name]) == gender


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("RNC Chair Ronce Prebis", "Ronce Prebis"),  # a body's title inside the name goes with the titles
        ("Senate Majority Leader Tom Weir", "Tom Weir"),
        ("Martin Luther King Jr.", "Martin Luther King Jr."),  # a given name before it: part of the name
        ("Tom Bishop", "Tom Bishop"),
    ],
)
def test_a_title_inside_a_name_goes_with_the_titles(name: str, kept: str) -> None:
    from types import SimpleNamespace

    from newsprism.analysis.speakers import _inner_title

    tokens = [SimpleNamespace(text=w) for w in name.split()]
    inner = _inner_title(tokens)
    assert " ".join(t.text for t in tokens[(inner + 1 if inner is not None else 0) :]) == kept


@pytest.mark.parametrize(
    ("text", "annotation"),
    [("(D-Nev.)", True), ("R-S.C.", True), ("D-Newport News", True), ("I-95", False), ("Al-Sudani", False)],
)
def test_party_and_state_annotations(text: str, annotation: bool) -> None:
    from newsprism.analysis.speakers import _party_state

    assert _party_state(text) is annotation


# -- quotes nested in a quote -------------------------------------------------------------------

NESTED = {
    "nested_named": (
        "Senator Ann Lee wrote to the board on Monday.\n\n"
        "“The plan failed, and Governor Tom Weir called it ‘a national disgrace’ at the time,” Lee wrote."
    ),
    "nested_he_said": (
        "Mayor John Smith met Governor Tom Weir on Friday.\n\n"
        "Smith said he told Weir that \"the plan would fail. And he said 'I knew you would say that,'\" before they parted."
    ),
    "nested_apostrophes": (
        "Senator Ann Lee spoke on Monday.\n\n"
        "“The players’ union and rock ’n’ roll of the ’90s were Obama’s and it’s fine, "
        "and the war was not ‘a war of our choosing’ at all, but Weir called it ‘a grave mistake,’” Lee said."
    ),
    "nested_finding_a": (
        "Senator Ann Lee wrote to the board on Monday.\n\n"
        "“Governor Tom Weir called the vote ‘a national disgrace to this state’ and then he left the hall at once,” Lee wrote."
    ),
    "nested_finding_b": (
        "Senator Ann Lee wrote to the board on Monday.\n\n"
        "“Governor Tom Weir called the vote ‘a national disgrace for this state’ and then he left the hall at once,” Lee wrote."
    ),
}


TEXTS.update(NESTED)  # built with the others, in one spaCy pass


def test_a_nested_quote_takes_the_speaker_the_outer_words_name(built: dict[str, Article]) -> None:
    article = built["nested_named"]
    inner, outer = extract_quotes(article)
    assert (inner.text, inner.speaker, inner.nested_in) == ("a national disgrace", "Tom Weir", (outer.start, outer.end))
    assert outer.speaker == "Ann Lee" and outer.nested_in is None
    assert outer.start < inner.start and inner.end < outer.end  # the outer quote's parts still hold its words
    _assert_exact(article, inner)
    assert outermost([inner, outer]) == [outer]


def test_he_in_a_speakers_own_quoted_words_is_someone_else(built: dict[str, Article]) -> None:
    inner, outer = extract_quotes(built["nested_he_said"])
    assert outer.speaker == "John Smith"
    assert inner.text == "I knew you would say that,"
    assert inner.speaker == "Tom Weir"  # not Smith, who says "I" in his own words


def test_apostrophes_open_no_nested_quote_and_an_unnamed_one_stays_the_outer_speakers(built: dict[str, Article]) -> None:
    quotes = extract_quotes(built["nested_apostrophes"])
    inner = [q for q in quotes if q.nested_in is not None]
    assert [(q.text, q.speaker) for q in inner] == [("a grave mistake,", "Weir")]
    assert [q.speaker for q in outermost(quotes)] == ["Ann Lee"]


def test_a_nested_quote_makes_no_second_finding(built: dict[str, Article]) -> None:
    a, b = built["nested_finding_a"], built["nested_finding_b"]
    assert [q.speaker for q in extract_quotes(a)] == ["Tom Weir", "Ann Lee"]
    findings = quote_findings([a, b])
    assert len(findings) == 1
    assert findings[0].details["speaker"] == "Ann Lee"
    assert [(c["a"], c["b"]) for c in findings[0].details["changes"]] == [("to", "for")]


def test_a_person_introduced_by_full_name_after_the_last_speaker_is_whom_she_stands_for() -> None:
    """"Ann Lee said ... . Rosa DeLuca, executive director of ..., a union that ..., also
    said ... . “...,” she said": the parse may hang the new name low (no main-clause
    subject, no speaker), but a first full mention after the last speaker is the new
    topic (``People.pronoun``), not the speaker before her."""
    from newsprism.analysis.speakers import People, Person

    people = People()
    people.add(Person(0, 7, ("Ann", "Lee"), frozenset(), True, True, False, 0, True))
    people.add(Person(120, 131, ("Rosa", "DeLuca"), frozenset(), True, False, False, 1, False))
    assert people.name(people.pronoun(400, 2, "f")) == "Rosa DeLuca"
    # a bare surname is no introduction: the speaker stays the likelier "she"
    people = People()
    people.add(Person(0, 7, ("Ann", "Lee"), frozenset(), True, True, False, 0, True))
    people.add(Person(120, 126, ("DeLuca",), frozenset(), True, False, False, 1, False))
    assert people.name(people.pronoun(400, 2, "f")) == "Ann Lee"


def test_every_attributed_quote_is_pinned_to_its_attribution() -> None:
    """``cue_span`` covers the words the speaker was read from: the source and its verb,
    "according to ...", a name before a colon; a quote that goes on from the one before
    points at that quote's attribution; a quote no one is named for has none."""
    (article,) = _built(
        'Defense Secretary Tom Weir spoke on Sunday. "We will respond at a time of our choosing," Weir told '
        'reporters.\n\n"Nobody should doubt our resolve in this at all."\n\n'
        'The attack was condemned, according to the Pentagon: "This is an outrage against our people."\n\n'
        'Mayor Ann Lee: "We will rebuild every house that was lost."\n\n'
        'A sign on the wall read "we are open as usual every single day".'
    )
    cues = [(q.speaker, article.text[slice(*q.cue_span)] if q.cue_span else None) for q in extract_quotes(article)]
    assert cues == [
        ("Tom Weir", "Weir told"),
        ("Tom Weir", "Weir told"),
        ("Pentagon", "according to the Pentagon"),
        ("Ann Lee", "Mayor Ann Lee:"),
        (None, None),
    ], cues
