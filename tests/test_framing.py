"""Framing as a whole: whose voice a word is in (own words vs quoted, in every style)."""

from __future__ import annotations

import pytest

from newsprism.align import align
from newsprism.framing import frame
from newsprism.ingest import build_articles
from newsprism.model import Article, RawArticle

from tests.test_quotes import STYLES


def _built(*texts: str) -> list[Article]:
    raws = [RawArticle(source=f"v{i}", title=f"v{i}", text=t, outlet=f"Outlet {i}", id=f"v{i}") for i, t in enumerate(texts)]
    return build_articles(raws)


@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_charged_word_in_quotation_marks_is_never_the_outlets_voice(style: str) -> None:
    """The same charged words, quoted in each style by one outlet and written plainly
    by the other: only the plain one counts as an outlet's own loaded language."""
    quoted = STYLES[style].replace("witch hunt", "disgraceful terrorists")
    plain = "The disgraceful terrorists attacked the town on Monday."
    quoting = f"The town was attacked by {quoted}, in the night."
    articles = _built(plain, quoting)
    _, tables = frame(articles, align(articles))
    own = {a: t["loaded"] for a, t in tables["loaded_language"].items()}
    assert own["v0"] >= 1 and own["v1"] == 0, (style, own)
    for row in tables["labels"]:  # a label in marks is listed as the speaker's, not the outlet's
        assert all(m["in_quote"] for m in row["labels"].get("v1", [])), (style, row)

def test_scare_quotes_are_listed_per_outlet() -> None:
    (article,) = _built("The so-called 'reform' passed on Monday, and the mayor's office said nothing.")
    _, tables = frame([article], [])
    assert [q["text"] for q in tables["scare_quotes"]["v0"]] == ["reform"]


def test_words_in_reported_speech_are_the_sources_not_the_outlets() -> None:
    """'X said [clause]': a charged word in the clause renders X's claim; a sentence
    merely tagged 'according to X' keeps the outlet's wording."""
    from newsprism.analysis.quotes import reported_speech

    reported, tagged = _built(
        "Senator Jane Roe said the disgraceful terrorists would pay for the attack on Monday.",
        "The disgraceful terrorists attacked the town on Monday, according to the police.",
    )
    (clause,) = reported_speech(reported)
    assert clause.speaker == "Jane Roe" and "terrorists" in clause.text
    assert reported_speech(tagged) == []
    _, tables = frame([reported, tagged], [])
    assert tables["loaded_language"]["v0"]["loaded"] == 0
    assert tables["loaded_language"]["v1"]["loaded"] >= 1


def test_rates_are_compared_only_when_the_texts_can_tell_them_apart() -> None:
    from newsprism.framing.loaded import rate_p_value

    assert rate_p_value(3, 500, 1, 500) > 0.3  # 3 against 1: chance does that often
    assert rate_p_value(20, 1000, 5, 1000) < 0.01  # 20 against 5: it does not
    assert rate_p_value(6, 1000, 3, 500) == rate_p_value(6, 1000, 3, 500)  # deterministic
    assert rate_p_value(6, 1000, 3, 500) > 0.5  # the same rate in texts of different length
