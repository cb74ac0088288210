"""Languages: every article is stored with its language, read by that language's pipeline,
analysed only as far as the analyses are written for it, and compared across languages.

The English and German reports below were written for these tests (one event, told
independently in each language; the German one gives a different count of injured).
"""

from __future__ import annotations

import gzip
import json

import pytest

from newsprism import nlp
from newsprism.analysis.facts import PLAIN, plain_figures
from newsprism.compare import compare
from newsprism.ingest import ingest, load
from newsprism.ingest._language import detect
from newsprism.model import FindingKind
from newsprism.store import Store
from tests.conftest import SHARED

PAGES = SHARED / "eval" / "pages"

ENGLISH = """---
outlet: Harbour Times
title: Ferry runs aground off Rügen, passengers rescued
published: 2026-03-14
---
A passenger ferry ran aground off the island of Rügen on Friday evening, the German coast guard said.

All 212 passengers and 14 crew members were brought ashore by rescue boats during the night.

18 people were taken to hospital with minor injuries, according to the coast guard.

The ferry had left the port of Sassnitz about an hour earlier on its way to Trelleborg in Sweden.

Strong winds and high waves made the rescue difficult, a spokesman for the rescue service said.

The shipping company said it would cooperate fully with the investigation into the cause of the accident.
"""

GERMAN = """---
outlet: Ostsee-Kurier
title: Fähre vor Rügen auf Grund gelaufen – Passagiere gerettet
published: 2026-03-14
---
Eine Passagierfähre ist am Freitagabend vor der Insel Rügen auf Grund gelaufen, wie die Küstenwache mitteilte.

Alle 212 Passagiere und 14 Besatzungsmitglieder wurden in der Nacht von Rettungsbooten an Land gebracht.

Nach Angaben der Küstenwache wurden 23 Menschen mit leichten Verletzungen ins Krankenhaus gebracht.

Die Fähre hatte den Hafen Sassnitz etwa eine Stunde zuvor in Richtung Trelleborg in Schweden verlassen.

„Der Wind war extrem stark“, sagte ein Sprecher des Rettungsdienstes am 5. Februar nicht, sondern am Samstag.

Die Reederei erklärte, sie werde bei der Untersuchung der Unfallursache uneingeschränkt mit den Behörden zusammenarbeiten.
"""

FRENCH = """---
outlet: Le Courrier
title: Un ferry s'échoue au large de Rügen
published: 2026-03-14
---
Un ferry s'est échoué vendredi soir au large de l'île de Rügen, a indiqué Emmanuel Dupont, porte-parole des garde-côtes allemands.

M. Dupont a déclaré : « Tous les passagers sont sains et saufs. » Les 212 passagers ont été ramenés à terre.
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list:
    folder = tmp_path_factory.mktemp("languages")
    for name, text in (("en.txt", ENGLISH), ("de.txt", GERMAN), ("fr.txt", FRENCH)):
        (folder / name).write_text(text, encoding="utf-8")
    return load([str(folder / "en.txt"), str(folder / "de.txt"), str(folder / "fr.txt")])


def test_each_article_is_stored_with_the_language_of_its_text(reports) -> None:
    assert [a.language for a in reports] == ["en", "de", "fr"]


def test_the_text_overrules_a_wrong_declaration_and_a_declaration_decides_a_short_text() -> None:
    german = "Die Bundesregierung hat am Mittwoch neue Regeln für die Einwanderung beschlossen, sagte ein Sprecher."
    assert detect("Neue Regeln", german, declared="en") == "de"
    assert detect("", "Ja.", declared="de-AT") == "de"
    assert detect("", "Ja.", declared=None) == "en"


def test_german_is_split_by_the_german_pipeline_keeping_dates_and_quotes_in_their_sentence(reports) -> None:
    german = reports[1]
    sentences = [german.sentence_text(s.index) for s in german.body_sentences]
    assert "„Der Wind war extrem stark“, sagte ein Sprecher des Rettungsdienstes am 5. Februar nicht, sondern am Samstag." in sentences
    assert not any(s.endswith("am 5.") for s in sentences)
    assert german.entities == ()  # a blank pipeline: no entities rather than English ones


def test_french_is_read_by_the_french_pipeline(reports) -> None:
    french = reports[2]
    sentences = [french.sentence_text(s.index) for s in french.body_sentences]
    assert "M. Dupont a déclaré : « Tous les passagers sont sains et saufs. »" in sentences
    assert {"PER", "LOC"} & {e.label for e in french.entities}  # French NER labels, not English ones
    assert nlp.pipeline("fr").lang == "fr" and nlp.pipeline("de").lang == "de"


def test_german_figures_are_read_as_plain_counts_never_as_dates_or_ordinals(reports) -> None:
    german = reports[1]
    values = [f.value for facts in plain_figures(german).values() for f in facts]
    assert values == ["212", "14", "23"]  # not the "5." of "am 5. Februar"
    assert all(f.label == PLAIN for facts in plain_figures(german).values() for f in facts)


def test_a_number_that_differs_across_languages_is_found_and_only_as_possible(reports) -> None:
    english, german, _ = reports
    result = compare([english, german])
    disputed = result.by_kind(FindingKind.POSSIBLE_CONTRADICTION)
    assert len(disputed) == 1
    texts = {e.article: e.text for e in disputed[0].evidence}
    assert texts == {english.id: "18 people", german.id: "23"}
    assert "read without what they count" in disputed[0].details["reasons"][0]
    assert not result.by_kind(FindingKind.CONTRADICTION)
    agreed = {f["value"] for f in result.by_kind(FindingKind.AGREEMENT)[0].details["facts"]}
    assert {"212", "14"} <= agreed
    # Every German sentence found its English counterpart: nothing reported as left out.
    assert not result.by_kind(FindingKind.OMISSION)


def test_no_english_analysis_touches_a_german_article_and_the_reports_say_so(reports) -> None:
    english, german, _ = reports
    result = compare([english, german])
    english_only = {FindingKind.QUOTE_CHANGE, FindingKind.LABEL_DIFFERENCE, FindingKind.LOADED_LANGUAGE, FindingKind.SOURCING}
    assert not [f for f in result.findings if f.kind in english_only and any(e.article == german.id for e in f.evidence)]
    assert german.id not in result.framing.get("loaded_language", {})
    (line,) = result.coverage
    assert line.startswith("German (1 article: Ostsee-Kurier)") and "framing" in line and "not analysed" in line
    data = result.to_dict()
    assert data["coverage"] == [line]
    assert [a["language"] for a in data["articles"]] == ["en", "de"]


def test_an_all_english_comparison_has_no_coverage_notes(reports) -> None:
    english = reports[0]
    other = load_one_english_variant(english)
    assert compare([english, other]).coverage == ()


def load_one_english_variant(article):
    import dataclasses

    return dataclasses.replace(article, id="variant", outlet="Other", text=article.text.replace("18 people", "Eighteen people"))


@pytest.mark.skipif(not (PAGES / "pages.jsonl").is_file(), reason="the dev pages are not beside the repo")
def test_dev_pages_in_german_and_french_are_stored_with_their_language(tmp_path) -> None:
    records = [json.loads(line) for line in (PAGES / "pages.jsonl").read_text(encoding="utf-8").splitlines()]
    picked = [r for r in records if r["article"] and r["language"] in ("de", "fr")][:8]
    picked += [r for r in records if r["article"] and r["language"] == "en"][:2]
    files = []
    for record in picked:
        path = PAGES / record["file"]
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        name = tmp_path / (path.name.removesuffix(".gz") if path.name.endswith((".html.gz", ".htm.gz")) else path.name + ".html")
        name.write_bytes(data)
        files.append((name, record["language"]))
    with Store.open(tmp_path / "pages.duckdb") as store:
        report = ingest([str(f) for f, _ in files], store)
        stored = {a.source: a.language for a in store.get_many([a.id for a in store.list()])}
    assert report.ingested
    for name, language in files:
        if str(name) in stored:
            assert stored[str(name)] == language, name.name
    assert {"de", "fr"} <= set(stored.values())


@pytest.mark.skipif(not (PAGES / "pages.jsonl").is_file(), reason="the dev pages are not beside the repo")
def test_a_plainly_english_text_is_one_the_detector_reads_as_english_and_no_other_language_is() -> None:
    """The shortcut that spares loading the detector fires only where the detector agrees:
    on every English dev text it fires on, the detector is confident it is English; it
    never fires on the German and French pages (their gold language)."""
    from newsprism.ingest import read
    from newsprism.ingest._language import CONFIDENT, guess, plainly_english
    from newsprism.model import RawArticle

    texts = []
    for corpus in ("newswcl50", "basil", "ecbplus"):
        for line in (SHARED / "eval" / corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:120]:
            record = json.loads(line)
            texts.append((record.get("title") or "", record.get("text") or "", "en"))
    records = [json.loads(line) for line in (PAGES / "pages.jsonl").read_text(encoding="utf-8").splitlines()]
    gold = {str(PAGES / r["file"]): r["language"] for r in records if r["article"]}
    for raw in read(sorted(gold)):
        if isinstance(raw, RawArticle):
            texts.append((raw.title, raw.text, gold[raw.source]))
    fired = [(t, x, lang) for t, x, lang in texts if plainly_english(t, x)]
    assert len(fired) > 200 and {lang for _, _, lang in texts} >= {"de", "fr"}
    assert all(lang == "en" for _, _, lang in fired)
    for title, text, _ in fired:
        code, probability = guess(title, text)
        assert code == "en" and probability >= CONFIDENT, title
    assert not plainly_english("Ferry runs aground", "Passengers were rescued.")  # too short to say
