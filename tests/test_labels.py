"""label_difference: per actor, the labels each outlet uses in its own voice (invented texts, and the bundled example)."""

from __future__ import annotations

import pytest

from newsprism.analysis.actors import mentions
from newsprism.analysis.quotes import extract_quotes
from newsprism.framing.labels import label_findings, label_table, resolve
from newsprism.ingest import build_articles, load
from newsprism.model import RawArticle

from .conftest import EXAMPLE


def pair(a: str, b: str):
    return build_articles([
        RawArticle(source="a", title="a", text=a, outlet="Alpha", id="a"),
        RawArticle(source="b", title="b", text=b, outlet="Beta", id="b"),
    ])


def analyse(articles):
    found = {a.id: mentions(a, extract_quotes(a)) for a in articles}
    return found, label_findings(articles, found)


def assert_exact(articles, findings):
    texts = {a.id: a.text for a in articles}
    for f in findings:
        for ev in f.evidence:
            assert texts[ev.article][ev.start : ev.end] == ev.text


@pytest.fixture(scope="module")
def example():
    articles = load([str(EXAMPLE)])
    found, findings = analyse(articles)
    return articles, found, findings


def test_example_iran_backed_militias_vs_terrorists_and_jihadists(example):
    articles, _, findings = example
    a, b = articles
    [finding] = [f for f in findings if "militia" in f.details["labels"].get(a.id, [])]
    assert finding.kind == "label_difference"
    assert finding.details["labels"] == {a.id: ["militia"], b.id: ["terrorist", "jihadist"]}
    assert finding.details["charges"] == {a.id: ["neutral"], b.id: ["pejorative"]}
    assert finding.details["contrast"] == ["jihadist", "terrorist"]
    assert [e.text for e in finding.evidence] == ["Iran-backed militias", "Iranian-backed terrorists", "other Iranian-backed jihadists"]
    assert "“militias”" in finding.summary and "“terrorists”" in finding.summary
    assert_exact(articles, findings)


def test_example_labels_inside_the_quote_are_the_speakers(example):
    articles, found, _ = example
    b = articles[1]
    quoted = {m.text for m in found[b.id] if m.in_quote}
    assert "Iranian-sponsored militias" in quoted
    own = {m.label for m in found[b.id] if not m.in_quote and m.actor == "affiliation:iran"}
    assert own == {"terrorist", "jihadist"}


def test_example_label_table_lists_each_outlets_labels(example):
    articles, found, _ = example
    table = label_table(articles, found)
    iran = next(row for row in table if row["key"] == "affiliation:iran")
    words = {i: {(m["word"].lower(), m["in_quote"]) for m in ms} for i, ms in iran["labels"].items()}
    assert ("militias", False) in words[articles[0].id]
    assert {("terrorists", False), ("jihadists", False), ("militias", True)} <= words[articles[1].id]


def outlets(*texts: str):
    return build_articles([
        RawArticle(source=f"o{i}", title=f"o{i}", text=t, outlet=f"Outlet {i}", id=f"o{i}") for i, t in enumerate(texts)
    ])


def test_premodifier_labels_of_a_named_person():
    articles = outlets(
        "Rebel commander Tomas Varek led the assault on the border town on Monday. Varek later withdrew.",
        "Notorious warlord Tomas Varek led the assault on the border town on Monday.",
        "Tomas Varek led the assault on the border town on Monday, officials said.",
    )
    found, findings = analyse(articles)
    assert {(m.label, m.charge) for m in found["o0"] if m.label} == {("rebel", "neutral"), ("commander", "neutral")}
    [finding] = findings
    assert finding.details["actor"] == "Tomas Varek"
    assert finding.details["contrast"] == ["notorious", "warlord"]
    assert finding.details["users"] == ["o1"] and finding.details["others"] == ["o0", "o2"]
    assert finding.summary == (
        "Outlet 1 calls Tomas Varek “notorious”, “warlord”; Outlet 0 writes “rebel”, “commander”; Outlet 2 uses no label."
    )
    assert [e.text for e in finding.evidence] == ["Rebel commander Tomas Varek", "Notorious warlord Tomas Varek", "Tomas Varek"]
    assert_exact(articles, findings)


def test_a_word_before_a_name_that_qualifies_a_noun_is_not_the_names_label():
    # "a wayward Twitter message": the message is wayward, not Twitter (the parse hangs
    # "wayward" on "Twitter"); "notorious" before the name itself still labels it.
    articles = outlets(
        "A wayward Varek message became the talk of the town on Monday.",
        "Notorious warlord Tomas Varek sent a message that became the talk of the town on Monday.",
    )
    found, _ = analyse(articles)
    assert not [m for m in found["o0"] if m.label]
    assert {m.label for m in found["o1"] if m.actor.endswith("varek")} >= {"notorious", "warlord"}


def test_people_named_by_their_tie_to_a_name_are_not_that_actor():
    """"the sullen Varek daughters", "Varek supporters": the daughters and supporters,
    not Varek; their words label no one named. "the Varek regime" is still Varek's."""
    articles = outlets(
        "The sullen Varek daughters and angry Varek supporters watched the ceremony on Monday.",
        "The brutal Varek regime held the ceremony on Monday.",
    )
    found, _ = analyse(articles)
    assert not [m.label for m in found["o0"] if m.actor.endswith("varek") and m.label]
    assert {m.label for m in found["o1"] if m.actor == "name:varek" and m.label} == {"regime", "brutal"}


def test_a_name_that_is_the_subject_of_the_next_verb_is_no_appositive():
    """"... motivated the attackers, Secretary of State Elena Marsh revealed": the parse
    hangs the name on "attackers", but Marsh is who revealed it; "the leader, Elena
    Marsh, said" is an appositive."""
    articles = outlets(
        "It was impossible to say what motivated the attackers, Secretary of State Elena Marsh revealed Wednesday.",
        "The leader, Elena Marsh, said on Monday that no one could say what motivated the attackers.",
    )
    found, _ = analyse(articles)
    assert {m.label for m in found["o0"] if m.actor == "name:elena marsh" and m.label} == {"secretary"}
    assert "leader" in {m.label for m in found["o1"] if m.actor == "name:elena marsh"}


def test_a_dateline_names_no_actor():
    """"DENVER (KSN) - The Falcons are champions": the parse may take the capitals for
    the subject; the place a story was filed is no actor, and "champions" labels no one."""
    articles = outlets("LAS VEGAS, Nev. (KSN) - The Ridgeport Falcons are back-to-back league champions.")
    found, _ = analyse(articles)
    assert not [m for m in found["o0"] if "vegas" in m.actor]


def test_a_label_word_in_an_organisations_name_is_no_label():
    """"National" in "the National Assembly" is part of its name; "Rebel" before
    "commander Tomas Varek" is a label of the person."""
    articles = outlets("The National Assembly voted on Wednesday. Rebel commander Tomas Varek left on Thursday.")
    found, _ = analyse(articles)
    assert "national" not in {m.label for m in found["o0"]}
    assert {"rebel", "commander"} <= {m.label for m in found["o0"] if m.actor == "name:tomas varek"}


def test_what_happened_to_an_actor_is_no_label():
    """"the slain officer Tomas Varek", "a fractured National Assembly": a harm or a
    state, not a judgement (VADER's negative rating of "murdered" is no charge on the
    victim); "the notorious warlord Tomas Varek" is one."""
    articles = outlets(
        "Hundreds mourned the slain officer Tomas Varek on Monday. In a fractured National Assembly, the vote passed.",
        "Hundreds mourned the murdered officer Tomas Varek on Monday.",
        "Hundreds mourned the notorious warlord Tomas Varek on Monday.",
    )
    found, _ = analyse(articles)
    words = {i: {m.label for m in found[i] if m.label} for i in ("o0", "o1", "o2")}
    assert not words["o0"] & {"slain", "fractured"} and "murdered" not in words["o1"]
    assert "notorious" in words["o2"]


def test_a_coordination_gives_each_name_its_own_premodifiers():
    """"President Donald Trump and Russian dictator Vladimir Putin": the parse hangs the
    whole coordination on the last name; "President" is Trump's, not Putin's."""
    articles = outlets("U.S. President Donald Trump and Russian dictator Vladimir Putin met in Alaska on Friday.")
    found, _ = analyse(articles)
    putin = {m.label for m in found["o0"] if m.actor == "name:vladimir putin" and m.label}
    assert putin == {"dictator"}


def test_a_description_restricted_by_its_clause_is_no_second_mention():
    """"the irascible, drunken man who lived next door" picks out its own referent (the
    neighbour), not the last man named before it; "the leader, who ..." is a second mention."""
    articles = outlets(
        "Lacy lived with her partner, a quiet man named Tomas Varek. "
        "They tried to avoid the irascible, drunken man who lived next door.",
    )
    found, _ = analyse(articles)
    assert not [m for m in found["o0"] if m.label in ("irascible", "drunken")]
    resolved = resolve(found)
    assert not [m for m in resolved["o0"] if m.actor == "name:tomas varek" and m.label == "irascible"]


def test_adjectives_of_a_thing_said_of_a_person_are_not_labels():
    """"Marsh ... is the latest cautionary tale": the tale is cautionary, not Marsh; "an
    influential voice" stands for the person, so "influential" labels her."""
    articles = outlets(
        "Elena Marsh, now a footnote in the senator's career, is the latest cautionary tale about social media.",
        "Elena Marsh, still an influential voice among lawmakers, wrote a letter on Monday.",
    )
    found, _ = analyse(articles)
    assert "cautionary" not in {m.label for m in found["o0"]}
    assert "influential" in {m.label for m in found["o1"] if m.actor == "name:elena marsh"}


def test_appositive_label_and_a_description_resolved_to_the_person():
    articles = outlets(
        "Elena Marsh, the country's autocrat, opened the new parliament on Friday.",
        "Elena Marsh, the country's president, opened the new parliament on Friday. The president spoke for an hour.",
    )
    found, findings = analyse(articles)
    [finding] = findings
    assert finding.details["labels"] == {"o0": ["autocrat"], "o1": ["president"]}
    assert finding.details["charges"] == {"o0": ["pejorative"], "o1": ["neutral"]}
    assert [e.text for e in finding.evidence] == ["Elena Marsh, the country's autocrat", "Elena Marsh, the country's president"]
    # "The president" of the second sentence stands for Elena Marsh (labelled "president" in its article)
    resolved = resolve(found)
    assert {m.actor for m in resolved["o1"]} == {"name:elena marsh"}


def test_surname_and_role_description_join_the_full_name_across_outlets():
    articles = outlets(
        "Strongman Viktor Balan won the vote. Balan thanked his supporters.",
        "Mr. Balan won the vote on Sunday. The dictator thanked his supporters.",
        "Viktor Balan, the leader of the ruling party, won the vote on Sunday.",
    )
    found, findings = analyse(articles)
    resolved = resolve(found)
    assert {m.actor for ms in resolved.values() for m in ms if m.actor.startswith("name:v") or "balan" in m.actor} == {
        "name:viktor balan"
    }
    [finding] = findings
    assert finding.details["users"] == ["o0"]  # "the dictator" has no one labelled "dictator" to stand for
    assert finding.details["contrast"] == ["strongman"]


def test_a_group_of_people_in_two_wordings_is_one_actor():
    articles = outlets(
        "Undocumented immigrants crossed the river near the town of Oakdale on Tuesday.",
        "Illegal aliens crossed the river near the town of Oakdale on Tuesday.",
    )
    found, findings = analyse(articles)
    assert {m.actor for ms in found.values() for m in ms if m.label} == {"group:immigrants"}
    [finding] = findings
    assert finding.details["words"] == {"o0": ["undocumented", "immigrants"], "o1": ["illegal", "aliens"]}
    assert finding.details["charges"] == {"o0": ["neutral", "sympathetic"], "o1": ["pejorative"]}
    assert_exact(articles, findings)


def test_a_label_inside_quotation_marks_is_not_counted():
    articles = outlets(
        'The mayor said: "Tomas Varek is a butcher and a terrorist who must be stopped." Varek denied it.',
        "Rebel commander Tomas Varek denied the accusations on Monday.",
    )
    found, findings = analyse(articles)
    quoted = [m for m in found["o0"] if m.label == "butcher"]
    assert quoted and all(m.in_quote for m in quoted)
    assert findings == []
    table = label_table(articles, found)
    row = next(r for r in table if r["key"] == "name:tomas varek")
    assert {(m["label"], m["in_quote"]) for m in row["labels"]["o0"]} == {("butcher", True)}


def test_mentions_rely_only_on_the_quotes_passed_in():
    [article] = outlets('The mayor said: "Tomas Varek is a butcher and a terrorist who must be stopped."')
    assert [m.in_quote for m in mentions(article, ()) if m.label == "butcher"] == [False]
    assert [m.in_quote for m in mentions(article, extract_quotes(article)) if m.label == "butcher"] == [True]


def test_a_marked_adjective_judges_and_a_common_one_describes():
    articles = outlets(
        "Viktor Balan, the country's reclusive leader, addressed the nation on Sunday.",
        "Viktor Balan, the country's leader, addressed the nation on Sunday evening.",
    )
    found, findings = analyse(articles)
    [finding] = findings
    assert finding.details["contrast"] == ["reclusive"]
    assert finding.details["charges"] == {"o0": ["neutral", "unrated"], "o1": ["neutral"]}
    articles = outlets(
        "Viktor Balan, the country's elderly leader, addressed the nation on Sunday.",
        "Viktor Balan, the country's leader, addressed the nation on Sunday evening.",
    )
    found, findings = analyse(articles)
    assert findings == []
    assert "elderly" not in {m.label for ms in found.values() for m in ms}


def test_the_same_charged_word_in_every_outlet_is_no_finding():
    articles = outlets(
        "The dictator Tomas Varek spoke on Monday.",
        "Dictator Tomas Varek spoke on Monday evening in the capital.",
        "Tomas Varek, a dictator, spoke in the capital on Monday.",
    )
    found, findings = analyse(articles)
    assert all(m.label == "dictator" for ms in found.values() for m in ms if m.label)
    assert findings == []


def test_protesters_vs_rioters():
    articles = pair(
        "Thousands of anti-government protesters marched through Minsk on Sunday.",
        "Thousands of anti-government rioters marched through Minsk on Sunday.",
    )
    _, findings = analyse(articles)
    # one group of people, two wordings; "anti-government" is in both
    assert [(f.details["actor"], f.details["contrast"]) for f in findings] == [("protesters", ["rioter"])]
    assert_exact(articles, findings)


def test_same_label_in_both_is_no_finding():
    articles = pair(
        "Syrian-backed militias shelled the town overnight, residents said.",
        "Residents said Syrian-backed militias shelled the town during the night.",
    )
    found, findings = analyse(articles)
    assert findings == []
    assert {m.label for ms in found.values() for m in ms if m.actor.startswith("affiliation:")} == {"militia"}


def test_two_neutral_labels_are_no_finding():
    articles = pair(
        "Hamas-affiliated groups claimed the attack.",
        "Hamas-affiliated militants claimed the attack.",
    )
    assert analyse(articles)[1] == []


def test_a_charged_label_only_inside_a_quote_is_not_the_outlets():
    articles = pair(
        'The minister said: "These Iran-backed terrorists will pay for the attack on our soldiers."',
        "The minister said the Iran-backed militias would pay for the attack on the soldiers.",
    )
    found, findings = analyse(articles)
    assert [m.in_quote for m in found["a"] if m.label == "terrorist"] == [True]
    assert findings == []


def test_named_actor_groups_across_spellings():
    articles = pair(
        "The Kataib Hezbollah militia group claimed the strike.",
        "Kataib Hezbollah terrorists claimed the strike on Tuesday.",
    )
    _, findings = analyse(articles)
    assert [f.details["actor"] for f in findings] == ["Kataib Hezbollah"]


def test_killed_vs_died_in_matching_sentences():
    from newsprism.align import align

    articles = pair(
        "Police killed two protesters in the capital on Friday, witnesses said.",
        "Two protesters died in the capital on Friday, witnesses said.",
    )
    from newsprism.framing.labels import death_findings

    findings = death_findings(articles, align(articles))
    assert [f.details["words"] for f in findings] == [{"a": "killed", "b": "died"}]
    assert_exact(articles, findings)


def test_killed_is_the_plain_verb_for_deaths_no_one_caused():
    """A storm, a crash or a disease kills with no one doing the killing: "killed" against
    "fatalities" is no framing there, whichever report names the cause."""
    from newsprism.align import align
    from newsprism.framing.labels import death_findings, natural_deaths

    storm = pair(
        "Six people were killed in Marsh County on Saturday, officials said. "
        "Tornadoes swept through the county on Saturday, killing at least seven.",
        "Six fatalities were reported in Marsh County on Saturday, officials said.",
    )
    assert natural_deaths(storm[0]) and not natural_deaths(storm[1])
    assert death_findings(storm, align(storm)) == []
    crash = pair(
        "Two women died when the bus overturned on the highway on Tuesday, police said.",
        "Two women were killed in the crash on the highway on Tuesday, police said.",
    )
    assert death_findings(crash, align(crash)) == []
    # The guard reads the cause, not the story's subject: police killing protesters stays a finding.
    protest = pair(
        "Police killed two protesters in the capital on Friday, witnesses said.",
        "Two protesters died in the capital on Friday, as a storm of anger spread, witnesses said.",
    )
    assert [f.details["words"] for f in death_findings(protest, align(protest))] == [{"a": "killed", "b": "died"}]


def test_died_is_no_choice_when_the_outlet_writes_killed_elsewhere():
    from newsprism.align import align
    from newsprism.framing.labels import death_findings

    articles = pair(
        "Police killed two protesters in the capital on Friday, witnesses said.",
        "Two protesters were killed by police in the capital, witnesses said. "
        "Two protesters died in the capital on Friday, witnesses said.",
    )
    assert death_findings(articles, align(articles)) == []


def test_killed_in_both_is_no_death_finding():
    from newsprism.align import align
    from newsprism.framing.labels import death_findings

    articles = pair(
        "Police killed two protesters in the capital on Friday.",
        "Two protesters were killed by police in the capital on Friday.",
    )
    assert death_findings(articles, align(articles)) == []
