"""Loaded language: charged words, intensifiers and hedges, in and out of quotes, across outlets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.analysis.loaded import HEDGE, INTENSIFIER, LOADED, LoadedSpan, loaded_spans
from newsprism.analysis.quotes import extract_quotes
from newsprism.framing.loaded import MIN_WORDS_FOR_RATE, body_words, loaded_findings, loaded_profile
from newsprism.ingest import build_articles, load
from newsprism.model import LOADED_LANGUAGE, AlignmentLink, Article, RawArticle, SentenceRef

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "airstrikes-iraq"

_NEUTRAL_FILLER = (
    "The council met in the town hall on Monday to discuss the budget for the coming year. "
    "Members reviewed the figures for roads, schools and parks before the public session. "
    "A final vote on the spending plan is expected at the next meeting in two weeks. "
)

#: Hand-written articles, built in one spaCy pass for the whole module.
TEXTS = {
    "slammed": "Senator Mary Jones slammed the new tax plan on Monday.\n\nThe vote is set for next week.",
    "criticized": "Senator Mary Jones criticized the new tax plan on Monday.\n\nThe vote is set for next week.",
    "criticised": "Senator Mary Jones criticised the new tax plan on Monday.\n\nThe vote is set for next week.",
    "blasted": "Senator Mary Jones blasted the new tax plan on Monday.\n\nThe vote is set for next week.",
    "motion": (
        "Tornadoes ripped through the county on Saturday. A truck slammed into a wall. "
        "The mayor, who hails from Ohio, spoke later."
    ),
    "feelings": (
        "The attack angered Qatar, which hosts the talks. Murray was upset about the toys, which "
        "reportedly agitated him. The resignation came late, angering crowds outside."
    ),
    "mob": "The minister fled an angry mob before dawn.",
    "sides": (
        "The visitors gained 160 yards but were unable to do much else offensively. Their trouble "
        "began with the fifth offensive play of the night. Defensively, the home side forced three turnovers."
    ),
    "offended": "Senators said the comments were offensive and wrong.",
    "events": "Three people were killed and five were injured in the attack on the market on Monday.",
    "events_b": "Three people died and five were wounded when the market was attacked on Monday.",
    "quoted": (
        "Senator Mary Jones spoke about the tax plan on Monday.\n\n"
        '"This plan is a reckless and shameless giveaway," Mary Jones said.'
    ),
    "unquoted": (
        "Senator Mary Jones spoke about the tax plan on Monday.\n\n"
        "Mary Jones said the plan was a giveaway."
    ),
    "hedged": (
        "The minister reportedly resigned after a deeply divisive debate, and the opposition "
        "claimed that the budget may collapse.\n\n"
        "A militant group claimed responsibility for the fire. So far nobody has been charged."
    ),
    "flat": "The minister resigned after a debate on the budget on Monday.",
    "reportedly": "The minister reportedly resigned after a debate on the budget on Monday.",
    "profile": (
        "Critics slammed the reckless plan. Officials said the plan was reviewed on Monday.\n\n"
        '"It is an utterly shameless plan," Tom Brown said.'
    ),
    "long_loaded": (
        _NEUTRAL_FILLER * 5
        # three times: a rate is compared only when chance cannot explain it (rate_p_value)
        + "Critics slammed the reckless plan as a shameless giveaway. Opponents blasted the phony figures. " * 3
    ),
    "long_neutral": _NEUTRAL_FILLER * 5 + "Critics said the plan was too costly. Opponents questioned the figures. ",
    "long_mild": _NEUTRAL_FILLER * 5 + "Critics slammed the plan. Opponents questioned the figures. ",
}


@pytest.fixture(scope="module")
def arts() -> dict[str, Article]:
    raws = [RawArticle(source=f"{k}.txt", title=k, text=t, outlet=k, id=k) for k, t in TEXTS.items()]
    return {a.id: a for a in build_articles(raws)}


def spans_of(article: Article) -> list[LoadedSpan]:
    return loaded_spans(article, extract_quotes(article))


def test_verbs_of_attack_and_praise_for_a_motion_or_an_origin_are_plain(arts):
    """"ripped through", "slammed into", "hails from" tell where something went or comes
    from, not how someone spoke: no loaded word (the model alone may still score one,
    never firmly); "slammed the new tax plan" still is."""
    from newsprism.framing.loaded import firmly_loaded

    assert not [s.text for s in spans_of(arts["motion"]) if firmly_loaded(s)]
    assert [s.text for s in spans_of(arts["slammed"]) if firmly_loaded(s)] == ["slammed"]


def test_a_word_of_feeling_that_reports_how_someone_took_it_is_plain(arts):
    """"angered Qatar", "Murray was upset", "agitated him", "angering crowds" tell the
    reader about the people who felt so, not the outlet's judgement: no loaded word.
    Before a noun the word is left to the lexicon ("an angry mob" keeps "mob")."""
    assert words(spans_of(arts["feelings"]), LOADED) == []
    assert "mob" in words(spans_of(arts["mob"]), LOADED)


def test_a_word_of_attack_or_defence_for_a_side_of_a_game_is_plain(arts):
    """"unable to do much offensively", "the fifth offensive play", "Defensively, the home
    side ..." name a side of a game, not a judgement: no loaded word. Said of words ("the
    comments were offensive") the word judges and stays loaded."""
    assert words(spans_of(arts["sides"]), LOADED) == []
    assert "offensive" in words(spans_of(arts["offended"]), LOADED)


def link(a: Article, i: int, b: Article, j: int, similarity: float = 0.9) -> AlignmentLink:
    sa, sb = a.sentences[i], b.sentences[j]
    return AlignmentLink(SentenceRef(a.id, i, sa.start, sa.end), SentenceRef(b.id, j, sb.start, sb.end), similarity)


def findings_for(a: Article, b: Article, links: list[AlignmentLink]):
    spans = {a.id: spans_of(a), b.id: spans_of(b)}
    return loaded_findings([a, b], links, spans), spans


def words(spans, category: str | None = None, own: bool | None = None) -> list[str]:
    return [
        s.text
        for s in spans
        if (category is None or s.category == category) and (own is None or s.in_quote != own)
    ]


# -- word choice ----------------------------------------------------------------------------


def test_loaded_word_where_other_outlet_is_neutral(arts):
    a, b = arts["slammed"], arts["criticized"]
    found, _ = findings_for(a, b, [link(a, 0, b, 0)])
    assert len(found) == 1
    finding = found[0]
    assert finding.kind == LOADED_LANGUAGE
    assert 0 < finding.score <= 1
    start = a.text.index("slammed")
    (word, counterpart) = finding.evidence
    assert (word.article, word.start, word.end, word.text) == (a.id, start, start + 7, "slammed")
    sentence = b.sentences[0]
    assert (counterpart.article, counterpart.start, counterpart.end) == (b.id, sentence.start, sentence.end)
    assert counterpart.text == "Senator Mary Jones criticized the new tax plan on Monday."
    assert finding.details["articles"] == [a.id, b.id]
    assert finding.details["word"] == "slammed"
    assert finding.details["category"] == LOADED
    assert finding.details["polarity"] == "neg"
    assert finding.details["in_quote"] is False
    assert finding.details["instead"] == "criticized"
    assert "slammed" in finding.summary and "criticized" in finding.summary


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("criticized", "criticised"),  # the same neutral wording
        ("events", "events_b"),  # deaths and attacks are events, not evaluation
        ("slammed", "blasted"),  # both charged, same polarity: no difference to report
    ],
)
def test_no_finding_when_wording_carries_the_same_charge(arts, left, right):
    a, b = arts[left], arts[right]
    found, spans = findings_for(a, b, [link(a, 0, b, 0)])
    assert found == []
    if left != "slammed":
        assert words(spans[a.id], LOADED) == [] and words(spans[b.id], LOADED) == []


def test_loaded_word_inside_a_quote_is_the_speakers(arts):
    a, b = arts["quoted"], arts["unquoted"]
    spans = spans_of(a)
    quoted = [s for s in spans if s.category == LOADED]
    assert [s.text for s in quoted] == ["reckless", "shameless"]
    assert all(s.in_quote and s.speaker == "Mary Jones" for s in quoted)
    profile = loaded_profile(a, spans)
    assert profile["loaded"] == 0
    assert profile["in_quotes"] == 2
    assert profile["per_1000_words"] == 0.0
    assert profile["sentences"] == [] and profile["top"] == []
    found, _ = findings_for(a, b, [link(a, 0, b, 0), link(a, 1, b, 1)])
    assert found == []


def test_hedges_and_intensifiers_are_categorised(arts):
    spans = spans_of(arts["hedged"])
    got = {(s.text, s.category) for s in spans}
    assert ("reportedly", HEDGE) in got
    assert ("deeply", INTENSIFIER) in got
    assert ("divisive", LOADED) in got
    assert ("may", HEDGE) in got
    # "claimed that ..." hedges; "claimed responsibility" reports an act
    claimed = [s for s in spans if s.text == "claimed"]
    assert len(claimed) == 1 and claimed[0].category == HEDGE
    assert claimed[0].start < arts["hedged"].text.index("responsibility") - 20
    assert not any(s.text == "So" for s in spans)  # "so far" grades nothing
    assert all(s.polarity == "none" for s in spans if s.category != LOADED)


def test_hedge_one_outlet_drops(arts):
    a, b = arts["reportedly"], arts["flat"]
    found, _ = findings_for(a, b, [link(a, 0, b, 0)])
    assert [(f.details["word"], f.details["category"]) for f in found] == [("reportedly", HEDGE)]
    assert found[0].evidence[0].text == "reportedly"


# -- profile and rates ------------------------------------------------------------------------


def test_profile_counts_and_rate(arts):
    article = arts["profile"]
    spans = spans_of(article)
    profile = loaded_profile(article, spans)
    assert profile["words"] == body_words(article) == 22  # counted by hand
    assert profile["loaded"] == 2  # slammed, reckless; "shameless" is Tom Brown's
    assert profile["in_quotes"] == 1
    assert profile["intensifiers"] == 0  # "utterly" is inside the quote
    assert profile["per_1000_words"] == round(1000 * profile["loaded"] / profile["words"], 2) == 90.91
    assert profile["top"] == ["slammed", "reckless"]
    (row,) = profile["sentences"]
    assert row["sentence"] == 0
    assert [article.text[s:e] for s, e, _ in row["spans"]] == ["slammed", "reckless"]
    assert row["score"] == pytest.approx(1 - (1 - spans[0].score) * (1 - spans[1].score), abs=1e-3)


def test_rate_finding_for_the_more_charged_outlet(arts):
    a, b = arts["long_loaded"], arts["long_neutral"]
    assert body_words(a) >= MIN_WORDS_FOR_RATE and body_words(b) >= MIN_WORDS_FOR_RATE
    found, spans = findings_for(a, b, [])
    rates = [f for f in found if "per_1000_words" in f.details]
    assert len(rates) == 1
    finding = rates[0]
    assert finding.details["article"] == a.id
    assert finding.details["loaded"] == len(words(spans[a.id], LOADED, own=True)) >= 3
    assert finding.details["compared_with"][0]["article"] == b.id
    assert finding.details["compared_with"][0]["per_1000_words"] == 0.0
    assert finding.score == 1.0
    assert all(e.article == a.id and e.text == a.text[e.start : e.end] for e in finding.evidence)


def test_rate_finding_names_the_ratio(arts):
    a, b = arts["long_loaded"], arts["long_mild"]
    found, spans = findings_for(a, b, [])
    (finding,) = [f for f in found if "per_1000_words" in f.details]  # "long_mild" has 1 < 3 words
    mine, theirs = finding.details["per_1000_words"], finding.details["compared_with"][0]["per_1000_words"]
    assert mine >= 2 * theirs > 0
    assert finding.score == pytest.approx(1 - theirs / mine, abs=1e-3)
    assert f"{mine:g} vs {theirs:g} per 1,000 words" in finding.summary


def test_no_rate_finding_below_the_word_minimum(arts):
    a, b = arts["profile"], arts["flat"]
    assert body_words(a) < MIN_WORDS_FOR_RATE
    found, _ = findings_for(a, b, [])
    assert found == []


# -- exactness ---------------------------------------------------------------------------------

_FRAGMENTS = [
    "Critics slammed the reckless plan",
    "the minister reportedly resigned",
    "it was a deeply divisive, so-called reform",
    "officials said the attack killed three people",
    "“This is an utterly shameless scheme,” Ann Lee said",
    '"We are very grateful to everyone," he said',
    "the far-right group’s leaders may respond",
    "Jihadists and thugs were blamed",
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=5),
    st.lists(st.sampled_from([". ", ".\n\n", "; ", " — "]), min_size=5, max_size=5),
)
def test_every_span_slices_the_text_exactly(parts, seps):
    text = "".join(p + s for p, s in zip(parts, seps, strict=False)).strip()
    (article,) = build_articles([RawArticle(source="x.txt", title="x", text=text, id="x")])
    quotes = extract_quotes(article)
    for span in loaded_spans(article, quotes):
        assert span.text == article.text[span.start : span.end]
        assert span.text.strip() == span.text and span.text
        assert any(s.start <= span.start and span.end <= s.end for s in article.body_sentences)
        assert span.category in (LOADED, INTENSIFIER, HEDGE)
        assert 0 < span.score <= 1
        assert span.polarity in (("neg", "pos") if span.category == LOADED else ("none",))
        assert span.in_quote == any(s <= span.start and span.end <= e for q in quotes for s, e in q.parts)


# -- the bundled example -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> list[Article]:
    return load([str(EXAMPLE)])


def test_example_second_article_counts_its_labels_as_own_loaded_words(example):
    second = example[1]
    assert "jihadists" in second.text
    spans = spans_of(second)
    profile = loaded_profile(second, spans)
    assert {"terrorists", "jihadists"} <= set(profile["top"])
    own = words(spans, LOADED, own=True)
    assert "terrorists" in own and "jihadists" in own
    assert profile["loaded"] == len(own)
    quotes = extract_quotes(second)
    for span in spans:  # the quote mechanism: words inside a quote are the speaker's
        holder = [q for q in quotes if any(s <= span.start and span.end <= e for s, e in q.parts)]
        assert span.in_quote == bool(holder)
        assert span.speaker == (holder[0].speaker if holder else None)


def test_example_terrorists_versus_militias(example):
    from newsprism.align import align, sentence_embeddings

    spans = {a.id: spans_of(a) for a in example}
    found = loaded_findings(example, align(example, sentence_embeddings(example)), spans)
    terrorists = [f for f in found if f.details.get("word") == "terrorists"]
    assert terrorists, [f.summary for f in found]
    assert terrorists[0].details["instead"] == "militias"
    assert terrorists[0].details["articles"] == [example[1].id, example[0].id]


# -- the charged-word model (analysis.charged) ----------------------------------------------------

#: Hand-written for these tests (not from any corpus).
MODEL_TEXTS = {
    "own": "The mayor unveiled an outrageous plan to close the library on Monday.\n\nThe council will vote next week.",
    "quoted_word": (
        "The mayor spoke about the library on Monday.\n\n"
        '"This plan is outrageous," said Ann Lee, a local teacher.'
    ),
    "name": "Fans lined up outside Reckless Records in Chicago on Monday.\n\nThe shop sells old vinyl.",
    "alleged": "The alleged gunman was arrested on Monday after a short chase.\n\nPolice said he was 24.",
}


def _built(texts: dict[str, str]) -> dict[str, Article]:
    """One article per text, its key as id, title and outlet, segmented as ingest does."""
    raws = [RawArticle(source=f"{k}.txt", title=k, text=t, outlet=k, id=k) for k, t in texts.items()]
    return {a.id: a for a in build_articles(raws)}


@pytest.fixture(scope="module")
def model_arts() -> dict[str, Article]:
    return _built(MODEL_TEXTS)


def test_model_finds_a_charged_word_in_the_outlets_own_voice(model_arts):
    spans = [s for s in spans_of(model_arts["own"]) if s.category == LOADED]
    assert [s.text for s in spans] == ["outrageous"]
    (span,) = spans
    assert not span.in_quote and span.speaker is None
    assert span.source in ("vader", "model")  # the model let it through (VADER explains it)
    assert span.polarity == "neg" and 0 < span.score <= 1


def test_model_word_inside_quotation_marks_is_the_speakers(model_arts):
    spans = [s for s in spans_of(model_arts["quoted_word"]) if s.category == LOADED]
    assert [s.text for s in spans] == ["outrageous"]
    assert spans[0].in_quote and spans[0].speaker == "Ann Lee"
    assert loaded_profile(model_arts["quoted_word"], spans)["loaded"] == 0


def test_scare_quote_passed_by_the_caller_marks_its_word_in_quote(model_arts):
    """A caller may pass one-word scare quotes too: their word is then not the outlet's."""
    from newsprism.analysis.quotes import Quote

    article = model_arts["own"]
    start = article.text.index("outrageous")
    scare = Quote(article.id, start, start + 10, "outrageous", None, None, None, ((start, start + 10),))
    (span,) = [s for s in loaded_spans(article, [scare]) if s.category == LOADED]
    assert span.text == "outrageous" and span.in_quote and span.speaker is None


def test_charged_word_inside_a_proper_name_is_not_loaded(model_arts):
    spans = spans_of(model_arts["name"])
    assert not any("Reckless" in s.text for s in spans), spans


def test_legal_hedge_is_a_hedge_not_a_loaded_word(model_arts):
    spans = spans_of(model_arts["alleged"])
    assert [(s.text, s.category) for s in spans if s.text == "alleged"] == [("alleged", HEDGE)]
    assert words(spans, LOADED) == []


def test_shipped_weights_load_and_score_deterministically(model_arts):
    from newsprism.analysis import charged

    model = charged.load_model()
    assert 0 < model.threshold < 1
    assert len(model.weights) > 100 and "bias" in model.weights
    assert all(isinstance(w, float) for w in model.weights.values())
    # the file is plain feature names and numbers: no text longer than one word and a tag
    assert all(" " not in name for name in model.weights)
    again = charged.ChargedModel.from_json(charged.WEIGHTS.read_text(encoding="utf-8"))
    assert again == model and again.to_json() == charged.WEIGHTS.read_text(encoding="utf-8")
    article = model_arts["own"]
    first, second = spans_of(article), spans_of(article)
    assert first == second
    feats = {"bias": 1.0, "lem=outrageous": 1.0, "pos=ADJ": 1.0}
    assert model.probability(feats) == again.probability(feats)


BASIL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "basil"


@pytest.mark.skipif(not BASIL_DIR.is_dir(), reason=f"BASIL data not found at {BASIL_DIR} (needed to re-train)")
def test_training_script_reproduces_the_shipped_weights():
    from newsprism.analysis import charged, train_charged

    shipped = charged.load_model()
    trained = train_charged.train(train_charged.basil_examples(BASIL_DIR))
    assert trained.threshold == shipped.threshold
    assert trained.meta == shipped.meta
    names = set(trained.weights) | set(shipped.weights)
    # rounding may move a weight at the edge of MIN_WEIGHT in or out; values agree closely
    differ = {
        n for n in names if abs(trained.weights.get(n, 0.0) - shipped.weights.get(n, 0.0)) > 1e-3
    }
    assert not differ, sorted(differ)[:10]


# -- precision of word-choice findings (issue 14) --------------------------------------------------

#: Hand-written for these tests. Each pair tells one statement; the first sentence of each
#: text is the one compared.
PRECISION_TEXTS = {
    "plain": "The council approved the budget on Monday after a long debate.",
    "charged": "The council rammed through the budget on Monday after a long debate.",
    "quoted": '"The council approved the budget on Monday after a long debate," Ann Lee said.',
    "raid": "Officials said the fund was raided to pay for the new stadium.",
    "raids": "The mayor raids the fund to pay for the new stadium, officials said.",
    "tapped": "Officials said the fund was tapped to pay for the new stadium.",
    "reportedly": "The minister reportedly took bribes from a builder in the capital.",
    "accused": "Critics accused the minister of taking bribes from a builder in the capital.",
    "warned": "The union warned on Monday that it might strike if wages were cut.",
    "two_acts": "As the union warned on Monday that it might strike, the mayor threatened it with fines.",
    "mayor": "The mayor threatened the union with fines on Monday.",
    "fines": "The mayor said on Monday that the union would face fines.",
    "claims": "The board adopted the plan despite claims from critics that it is a cynical ploy.",
    "calling": "Calling it a shameless scam, Tom Brown said he would sue the company.",
}


@pytest.fixture(scope="module")
def prec() -> dict[str, Article]:
    return _built(PRECISION_TEXTS)


def own_span(article: Article, word: str, source: str, pos: str, category: str = LOADED) -> LoadedSpan:
    """A span of the outlet's own voice on ``word``, as ``loaded_spans`` would give it."""
    start = article.text.index(word)
    polarity = "none" if category == HEDGE else "neg"
    return LoadedSpan(article.id, start, start + len(word), word, category, 0.7, polarity, False, None, source, pos)


def test_profile_shows_only_firmly_loaded_words(prec):
    """The table a reader sees (count, rate, most used words, charged sentences) holds
    the words a finding could be made of: a noun VADER rates ("fatality") and a verb the
    model found alone name what happened; a word of our own list stays."""
    a = prec["charged"]
    event_noun = own_span(a, "rammed", "vader", "NOUN")
    model_verb = own_span(a, "rammed", "model", "VERB")
    listed = own_span(a, "rammed", "term", "VERB")
    assert loaded_profile(a, [event_noun, model_verb])["loaded"] == 0
    assert loaded_profile(a, [event_noun, model_verb])["top"] == [] == loaded_profile(a, [model_verb])["sentences"]
    profile = loaded_profile(a, [listed])
    assert (profile["loaded"], profile["top"]) == (1, ["rammed"])


def choice(a: Article, b: Article, spans_a: list[LoadedSpan]):
    """Word-choice findings of ``a`` against ``b``, first sentences aligned."""
    return [f for f in loaded_findings([a, b], [link(a, 0, b, 0)], {a.id: spans_a, b.id: []}) if "word" in f.details]


def test_frequent_word_needs_our_own_list(prec):
    """A word among the commonest of English is plain vocabulary unless our list names it."""
    from newsprism.framing.loaded import COMMON_ZIPF, firmly_loaded

    a, b = prec["charged"], prec["plain"]
    common = own_span(a, "council", "vader", "VERB")  # a frequent word, as if VADER rated it
    rare = own_span(a, "rammed", "vader", "VERB")
    assert firmly_loaded(rare) and not firmly_loaded(common)
    assert choice(a, b, [common]) == []
    assert [f.details["word"] for f in choice(a, b, [rare])] == ["rammed"]
    # the same frequent word from our own list of charged terms still counts
    assert firmly_loaded(own_span(a, "council", "term", "NOUN"))
    from newsprism.analysis.charged import word_frequency

    assert word_frequency("council") >= COMMON_ZIPF > word_frequency("rammed")


@pytest.mark.parametrize(("pos", "reported"), [("VERB", False), ("NOUN", False), ("ADJ", True), ("ADV", True)])
def test_model_alone_makes_findings_only_of_modifiers(prec, pos, reported):
    """The model's own verbs and nouns are mostly the event's vocabulary: without the
    lexicon behind them they are not reported. VADER backs a verb or a modifier, not a
    noun: its strongly rated nouns name what happened ("fatality"); only our own list
    makes a noun loaded."""
    a, b = prec["charged"], prec["plain"]
    span = own_span(a, "rammed", "model", pos)
    assert bool(choice(a, b, [span])) == reported
    backed = own_span(a, "rammed", "vader", pos)  # VADER rates it: the lexicon backs the model
    assert len(choice(a, b, [backed])) == (0 if pos == "NOUN" else 1)
    assert len(choice(a, b, [own_span(a, "rammed", "term", pos)])) == 1


def test_counterpart_inside_quotation_marks_is_not_the_outlets_wording(prec):
    a = prec["charged"]
    span = own_span(a, "rammed", "term", "VERB")
    assert choice(a, prec["quoted"], [span]) == []  # the other outlet quotes Ann Lee
    assert len(choice(a, prec["plain"], [span])) == 1


def test_quoted_share_counts_words_inside_marks():
    from newsprism.framing.loaded import quoted_share

    text = 'He called the plan "reckless" on Monday.'
    assert quoted_share(text, 0, len(text)) == pytest.approx(1 / 7)
    text = "“We will sue,” she said."
    assert quoted_share(text, 0, len(text)) == pytest.approx(3 / 5)
    text = "the budget would end it as we know it.” Then he left."
    cut = text.index("”") + 1
    assert quoted_share(text, 0, cut) == 1.0  # a quote opened before the span
    assert quoted_share(text, cut + 1, len(text)) == 0.0


def test_same_word_in_another_form_is_no_contrast(prec):
    """"raided" against "raids": the other outlet chose the same word."""
    a, b = prec["raid"], prec["raids"]
    assert choice(a, b, [own_span(a, "raided", "vader", "VERB")]) == []
    assert choice(b, a, [own_span(b, "raids", "vader", "VERB")]) == []
    found = choice(a, prec["tapped"], [own_span(a, "raided", "vader", "VERB")])  # a plain verb instead
    assert [(f.details["word"], f.details.get("instead")) for f in found] == [("raided", "tapped")]


def test_hedge_against_a_sentence_that_tells_an_accusation(prec):
    """"reportedly took bribes" against "critics accused the minister of taking bribes":
    both keep a distance, so there is no hedge-free statement to contrast."""
    a = prec["reportedly"]
    hedge = own_span(a, "reportedly", "hedge", "ADV", HEDGE)
    assert choice(a, prec["accused"], [hedge]) == []
    flat = build_articles([RawArticle(source="f.txt", title="f", text="The minister took bribes from a builder in the capital.", id="flat_bribes")])[0]
    assert [f.details["category"] for f in choice(a, flat, [hedge])] == [HEDGE]


def test_counterpart_must_tell_the_clause_of_the_charged_word(prec):
    """"As the union warned ..., the mayor threatened it with fines" aligned with "The
    union warned ...": the counterpart tells the warning, not the threat."""
    a = prec["two_acts"]
    span = own_span(a, "threatened", "vader", "VERB")
    assert choice(a, prec["warned"], [span]) == []
    found = choice(a, prec["fines"], [span])  # tells the mayor and the fines, without the charge
    assert [f.details["word"] for f in found] == ["threatened"]


def test_words_of_a_claim_or_a_name_calling_are_the_claimants(prec):
    """"despite claims from critics that it is a cynical ploy" does not call it a ploy;
    "Calling it a shameless scam, Tom Brown said" is Tom Brown's label."""
    for ident, words in (("claims", ("cynical", "ploy")), ("calling", ("shameless", "scam"))):
        article = prec[ident]
        spans = [s for s in loaded_spans(article, []) if s.category == LOADED]
        hit = [s for s in spans if s.text in words]
        assert hit, spans
        assert all(s.in_quote for s in hit)
        assert loaded_profile(article, spans)["loaded"] == sum(1 for s in spans if not s.in_quote)


def test_own_charged_word_outside_any_claim_stays_the_outlets(prec):
    from newsprism.analysis.loaded import claim_content, with_lemmas
    from newsprism import nlp

    article = prec["charged"]
    sentence = article.sentences[0]
    (doc,) = nlp.sentence_docs(article.text, [(sentence.start, sentence.end)], article.analysis)
    assert claim_content(with_lemmas(doc)) == set()
    slammed = build_articles([RawArticle(source="s.txt", title="s", text="Critics slammed the reckless plan on Monday.", id="s")])[0]
    spans = [s for s in loaded_spans(slammed, []) if s.category == LOADED]
    assert spans and not any(s.in_quote for s in spans)


def test_word_frequencies_are_wordfreqs_own_with_its_data_folder() -> None:
    """``charged.word_frequency`` imports wordfreq without its stack walk: the data folder
    it finds and the frequencies it gives are those of a plain ``import wordfreq``."""
    import subprocess
    import sys

    words = "the militia dictator reclusive xqzzyv".split()
    ours = (
        "import json; from newsprism.analysis import charged\n"
        f"print(json.dumps([str(charged._wordfreq().DATA_PATH)] + [charged.word_frequency(w) for w in {words!r}]))"
    )
    plain = (
        "import json, wordfreq\n"
        f"print(json.dumps([str(wordfreq.DATA_PATH)] + [wordfreq.zipf_frequency(w, 'en') for w in {words!r}]))"
    )
    results = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout for code in (ours, plain)]
    assert results[0] == results[1]
    assert '"the"' not in results[0] and float(results[0].split(",")[1]) > 7


def test_charged_word_in_a_sentence_without_a_verb(prec):
    """A headline-like sentence has no verb ("A reckless budget plan for ..."): the
    clause of the word is then the whole sentence (this once looped for ever: spaCy's
    root is its own head, but a new Token object on each access)."""
    from newsprism.framing.loaded import _clause_words

    built = _built({"verbless": "A reckless budget plan for the city council.", "adopted": "The city council adopted the budget plan on Monday."})
    a, b = built["verbless"], built["adopted"]
    span = own_span(a, "reckless", "vader", "ADJ")
    assert {"budget", "plan", "council"} <= (_clause_words(a, span) or set())
    assert [f.details["word"] for f in choice(a, b, [span])] == ["reckless"]
