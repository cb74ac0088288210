"""Story grouping: the library (``newsprism.stories``), the store and the CLI, on real ECB+ articles.

Nothing is mocked: real spaCy, the real embedding model and a real DuckDB store.
ECB+ topic 1 holds two similar events (Tara Reid's and Lindsay Lohan's rehab
stays), six articles each here; the articles are undated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from newsprism.ingest import build_articles, load
from newsprism.model import Article, RawArticle
from newsprism.options import StoryOptions
from newsprism.stories import features, group, story_id
from newsprism.store import Store

TOPIC = [f"ecb-1_{n}{kind}" for n in range(10, 16) for kind in ("ecb", "ecbplus")]
STORY_KEYS = {"story", "title", "articles", "outlets", "first_seen", "last_seen", "shared_copy"}


def _records(path: Path) -> dict[str, dict]:
    records = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] in TOPIC:
            records[record["id"]] = record
    return records


@pytest.fixture(scope="module")
def records(ecbplus_path: Path) -> dict[str, dict]:
    """The twelve ECB+ topic-1 records, by id."""
    found = _records(ecbplus_path)
    assert len(found) == len(TOPIC)
    return found


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def articles(records: dict[str, dict], tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    """The topic-1 articles, segmented, in TOPIC order."""
    path = write_jsonl(tmp_path_factory.mktemp("topic") / "topic.jsonl", [records[i] for i in TOPIC])
    return load([str(path)])


def stories_json(invoke, db: Path) -> list[dict]:
    result = invoke("stories", "--db", db, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_two_similar_events_become_two_stories(articles: list[Article]) -> None:
    stories = group(articles, StoryOptions())
    by_article = {a: s.id for s in stories for a in s.articles}
    reid = {by_article[i] for i in TOPIC if i.endswith("ecb")}
    lohan = {by_article[i] for i in TOPIC if i.endswith("ecbplus")}
    assert len(reid) == 1 and len(lohan) == 1 and reid != lohan
    assert stories[0].id == story_id(TOPIC[0])


def test_an_empty_store_has_no_stories(invoke, tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    assert stories_json(invoke, db) == []
    text = invoke("stories", "--db", db)
    assert text.code == 0 and "0 story(ies)" in text.out


def test_json_shape_and_undated_articles(invoke, records: dict[str, dict], tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    source = write_jsonl(tmp_path / "a.jsonl", [records[i] for i in TOPIC])
    assert invoke("ingest", source, "--db", db).code == 0
    stories = stories_json(invoke, db)
    assert len(stories) == 2
    for story in stories:
        assert set(story) == STORY_KEYS
        assert isinstance(story["articles"], list) and isinstance(story["outlets"], list)
        assert story["first_seen"] is None and story["last_seen"] is None  # ECB+ articles are undated
        assert story["shared_copy"] == []
    assert sorted(a for s in stories for a in s["articles"]) == sorted(TOPIC)
    shown = invoke("stories", "show", stories[0]["story"], "--db", db, "--format", "json")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out) == [stories[0]]
    assert invoke("stories", "--show", stories[0]["story"], "--db", db).code == 0
    missing = invoke("stories", "show", "nope", "--db", db)
    assert missing.code == 2 and len(missing.err_lines) == 1 and missing.err_lines[0].startswith("error:")


def test_rerun_changes_nothing_and_new_articles_only_join(invoke, records: dict[str, dict], tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    first, later = TOPIC[:6], TOPIC[6:]
    assert invoke("ingest", write_jsonl(tmp_path / "a.jsonl", [records[i] for i in first]), "--db", db).code == 0
    before = stories_json(invoke, db)
    assert stories_json(invoke, db) == before  # idempotent
    assert invoke("ingest", write_jsonl(tmp_path / "b.jsonl", [records[i] for i in later]), "--db", db).code == 0
    after = {s["story"]: s for s in stories_json(invoke, db)}
    for story in before:
        assert story["story"] in after  # ids stable
        assert after[story["story"]]["articles"][: len(story["articles"])] == story["articles"]
    assert sorted(a for s in after.values() for a in s["articles"]) == sorted(TOPIC)
    with Store.open(db, read_only=True) as store:
        assert [s.id for s in store.stories()] == list(after)


def test_each_story_is_one_line_of_the_listing_however_long_its_title(invoke, tmp_path: Path) -> None:
    """Piped output is 160 columns wide; a story line longer than that stays one line
    (scripts grep and cut the listing), and so does a title that holds a line break."""
    long = "Nepal plane crashed ten seconds before landing at Pokhara airport: what we know " * 2
    rows = [
        {"id": "crash", "outlet": "A", "title": long.strip(), "published": "2023-01-16",
         "text": "A Yeti Airlines plane crashed near Pokhara on Sunday, killing everyone on board."},
        {"id": "vote", "outlet": "B", "title": "Senate passes the budget\nafter a night of votes", "published": "2023-01-16",
         "text": "The Senate passed the budget early on Monday after a night of amendment votes."},
    ]
    db = tmp_path / "s.duckdb"
    assert invoke("ingest", write_jsonl(tmp_path / "a.jsonl", rows), "--db", db).code == 0
    result = invoke("stories", "--db", db)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 3 and lines[-1] == "2 story(ies)"
    assert any(line.endswith(long.strip()) for line in lines)
    assert all(len(line.split("  ")) >= 4 for line in lines[:2])


def test_a_copied_article_is_marked_shared_copy(articles: list[Article]) -> None:
    original = articles[0]
    copy = dataclasses.replace(original, id="copy-of-" + original.id, outlet="wire.example", title=original.title + " (wire)")
    stories = group([*articles, copy], StoryOptions())
    home = next(s for s in stories if original.id in s.articles)
    assert copy.id in home.articles
    pairs = [(a, b) for a, b, _ in home.shared_copy]
    assert (original.id, copy.id) in pairs
    assert all(j >= 0.8 for a, b, j in home.shared_copy if (a, b) == (original.id, copy.id))


def test_dates_far_apart_split_but_undated_articles_still_group(articles: list[Article]) -> None:
    a, b = articles[0], articles[2]  # two Tara Reid articles
    early = dataclasses.replace(a, published=dt.date(2008, 1, 1))
    late = dataclasses.replace(b, published=dt.date(2008, 3, 1))
    assert len(group([early, late], StoryOptions())) == 2
    close = dataclasses.replace(b, published=dt.date(2008, 1, 2))
    together = group([early, close], StoryOptions())
    assert len(together) == 1 and together[0].first_seen == "2008-01-01" and together[0].last_seen == "2008-01-02"
    assert len(group([early, b], StoryOptions())) == 1  # b undated


def test_a_single_article_corpus(invoke, records: dict[str, dict], tmp_path: Path) -> None:
    db = tmp_path / "one.duckdb"
    assert invoke("ingest", write_jsonl(tmp_path / "a.jsonl", [records[TOPIC[0]]]), "--db", db).code == 0
    stories = stories_json(invoke, db)
    assert [s["articles"] for s in stories] == [[TOPIC[0]]]
    assert stories[0]["story"] == story_id(TOPIC[0])
    result = invoke("compare", "--story", stories[0]["story"], "--db", db)
    assert result.code == 2
    assert result.err_lines == [f"error: story {stories[0]['story']} has 1 article(s); compare needs two or more"]


def test_compare_story_compares_its_articles(invoke, records: dict[str, dict], tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    chosen = [TOPIC[0], TOPIC[2], TOPIC[1]]  # two Reid articles, one Lohan
    assert invoke("ingest", write_jsonl(tmp_path / "a.jsonl", [records[i] for i in chosen]), "--db", db).code == 0
    story = next(s for s in stories_json(invoke, db) if TOPIC[0] in s["articles"])
    assert story["articles"] == [TOPIC[0], TOPIC[2]]
    result = invoke("compare", "--story", story["story"], "--db", db, "--format", "json")
    assert result.code == 0, result.err
    assert [a["id"] for a in json.loads(result.out)["articles"]] == story["articles"]


def test_group_of_nothing_is_nothing() -> None:
    assert group([], StoryOptions()) == []


def test_adding_articles_later_keeps_every_story(articles: list[Article]) -> None:
    """A second run keeps the first run's stories, their ids and members, and only adds
    to them; on these two rehab stays it also gives the grouping of one run over all
    (in general it need not: a new article can become an old one's nearest neighbour)."""
    at_once = group(articles, StoryOptions())
    first = group(articles[:5], StoryOptions())
    in_two = group(articles, StoryOptions(), existing=first)
    after = {s.id: s for s in in_two}
    for story in first:
        assert set(story.articles) <= set(after[story.id].articles)
    assert in_two == at_once


def test_two_fights_of_one_champion_are_two_stories(ecbplus_path: Path, tmp_path: Path) -> None:
    """ECB+ topic 7: Wladimir Klitschko's title defences against Hasim Rahman and against
    Tony Thompson. Many reports of one fight score above the threshold with reports of the
    other (one champion, the same belts, the same kind of win), but every report's nearest
    neighbours are reports of its own fight: one story per fight."""
    from newsprism.stories._signals import pair_score

    chosen = [json.loads(line) for line in ecbplus_path.read_text(encoding="utf-8").splitlines()]
    chosen = [r for r in chosen if r["id"].startswith("ecb-7_")]
    fights = load([str(write_jsonl(tmp_path / "fights.jsonl", chosen))])
    options = StoryOptions()
    rahman = {a.id for a in fights if a.id.endswith("ecb")}
    thompson = {a.id for a in fights if a.id.endswith("ecbplus")}
    assert len(rahman) >= 5 and len(thompson) >= 5
    feats = {f.id: f for f in features(fights, options)}
    across = [pair_score(feats[a], feats[b], options) for a in rahman for b in thompson]
    assert sum(score >= options.threshold for score in across) >= 10
    assert _partition(group(fights, options)) == {frozenset(rahman), frozenset(thompson)}


def test_each_article_takes_its_nearest_neighbours_and_a_dated_one_no_undated_one() -> None:
    """Neighbour edges: each position's two best partners at or above the threshold, ties
    to the partner first in the order; a dated article does not take an undated one, an
    undated one may take a dated one."""
    from newsprism.stories._group import neighbour_edges

    scored = [(0, 1, 0.9), (0, 2, 0.8), (0, 3, 0.7), (1, 2, 0.5), (2, 3, 0.7), (1, 4, 0.95)]
    rank, dated = [0, 1, 2, 3, 4], [True, True, True, True, False]
    edges = set(neighbour_edges(scored, 0.66, rank, dated, 2))
    assert edges == {(0.9, 0, 1), (0.8, 0, 2), (0.7, 0, 3), (0.7, 2, 3), (0.95, 1, 4)}
    # 0 takes 1 and 2 (not 3); 3 takes 0 and 2 (a tie: 0 first); 4 (undated) takes 1; 1 may not take 4
    one = set(neighbour_edges(scored, 0.66, rank, dated, 1))
    assert one == {(0.9, 0, 1), (0.8, 0, 2), (0.7, 0, 3), (0.95, 1, 4)}


def test_joining_never_merges_kept_stories_nor_two_dated_groups_through_an_undated_one() -> None:
    """The strongest edges join first; an edge that would join two stories of an earlier
    run, or join two groups holding dated articles through an undated article, is left out."""
    from newsprism.stories._group import labels

    ids = ["a", "b", "c", "d", "u"]
    rank, dated = [0, 1, 2, 3, 4], [True, True, True, True, False]
    # u (undated) is the neighbour of a (0.9) and of c (0.8); a-b and c-d are dated pairs
    edges = [(0.95, 0, 1), (0.9, 0, 4), (0.85, 2, 3), (0.8, 2, 4)]
    found = labels(ids, edges, {}, rank, dated)
    assert found[0] == found[1] == found[4] == story_id("a")
    assert found[2] == found[3] == story_id("c") != found[0]
    # a and c were placed by an earlier run: their strong edge is left out; b joins c's
    # story (its stronger edge), and then its weaker edge to a's story is left out too
    kept = {"a": "old-1", "c": "old-2"}
    found = labels(ids, [(0.99, 0, 2), (0.9, 1, 2), (0.5, 0, 1)], kept, rank, [True] * 5)
    assert found[0] == "old-1" and found[1] == found[2] == "old-2"
    assert found[3] == story_id("d") and found[4] == story_id("u")  # no edge: a story each


def test_blockwise_candidates_equal_the_pairwise_rule(articles: list[Article]) -> None:
    """The matrix-product blocks find exactly the pairs the per-pair rule accepts."""
    from newsprism.stories._candidates import candidate_pairs, is_candidate
    from newsprism.stories._minhash import band_keys

    options = StoryOptions()
    dated = [
        dataclasses.replace(a, id=f"{a.id}-{k}", published=dt.date(2008, 1, 1) + dt.timedelta(days=(7 * k + i) % 11))
        if (i + k) % 3 else dataclasses.replace(a, id=f"{a.id}-{k}")
        for k in range(3)
        for i, a in enumerate(articles)
    ]
    # Some marked German: their pairs are compared on the multilingual embeddings, in the same blocks.
    dated = [dataclasses.replace(a, language="de") if n % 5 == 2 else a for n, a in enumerate(dated)]
    feats = features(dated, options)
    expected = set()
    for j in range(len(feats)):
        for i in range(j):
            shared_band = set(band_keys(feats[i].minhash, options.lsh_threshold)) & set(
                band_keys(feats[j].minhash, options.lsh_threshold)
            )
            if shared_band or is_candidate(feats[i], feats[j], options):
                expected.add((i, j))
    found = candidate_pairs(feats, options)
    assert found == sorted(expected)
    assert any(feats[i].published and feats[j].published for i, j in found)  # dated pairs are in play
    assert any(feats[i].language != feats[j].language for i, j in found)  # across-language pairs too


def test_features_are_cached_in_the_store(invoke, records: dict[str, dict], tmp_path: Path) -> None:
    from newsprism.stories import feature_key

    db = tmp_path / "s.duckdb"
    assert invoke("ingest", write_jsonl(tmp_path / "a.jsonl", [records[i] for i in TOPIC[:4]]), "--db", db).code == 0
    before = stories_json(invoke, db)
    with Store.open(db, read_only=True) as store:
        cached = store.story_features(feature_key(StoryOptions()))
        fresh = features(store.get_many(TOPIC[:4]), StoryOptions())
    assert sorted(cached) == sorted(TOPIC[:4])
    for feature in fresh:
        vector, values = cached[feature.id]
        assert (values == feature.minhash.hashvalues).all()
        assert float(vector @ feature.vector) > 0.9999
    assert stories_json(invoke, db) == before


def test_signatures_match_datasketch_and_survive_storage(articles: list[Article]) -> None:
    """Our batched MinHash equals datasketch's update_batch, text by text, for several
    signature sizes; its Jaccard is datasketch's; stored values rebuild it exactly."""
    from datasketch import MinHash

    from newsprism.hashing import SEED
    from newsprism.stories import _minhash

    texts = [a.text for a in articles] + ["", "one two", articles[0].text[:40]]
    for num_perm in (64, 128):
        batch = _minhash.signatures(texts, num_perm)
        references = []
        for text, ours in zip(texts, batch, strict=True):
            reference = MinHash(num_perm=num_perm, seed=SEED, hashfunc=int, scheme=_minhash.SCHEME)
            reference.update_batch(_minhash.shingle_hashes(text))
            assert (ours.hashvalues == reference.hashvalues).all()
            assert (_minhash.signature(text, num_perm).hashvalues == ours.hashvalues).all()
            references.append(reference)
        for i in range(len(texts) - 3):
            assert _minhash.jaccard(batch[i], batch[i + 1]) == references[i].jaccard(references[i + 1])
    ours = _minhash.signature(articles[0].text)
    rebuilt = _minhash.from_values(np.frombuffer(ours.hashvalues.tobytes(), dtype=np.uint32))
    assert _minhash.jaccard(rebuilt, ours) == 1.0
    assert _minhash.band_keys(rebuilt, 0.5) == _minhash.band_keys(ours, 0.5)
    assert _minhash.signature("").is_empty() and _minhash.band_keys(_minhash.signature(""), 0.5) == []
    assert _minhash.jaccard(_minhash.signature(""), _minhash.signature("")) == 0.0
    near = _minhash.signature(articles[0].text.replace("Reid", "Reed", 1))
    assert set(_minhash.band_keys(near, 0.5)) & set(_minhash.band_keys(_minhash.signature(articles[0].text), 0.5))


def test_signatures_do_not_import_datasketch() -> None:
    """A cold compare computes signatures without importing datasketch (and its scipy)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from newsprism.stories import _minhash\n"
        "from newsprism.compare.copies import copy_findings\n"
        "_minhash.signatures(['a b c d e f g', 'x'])\n"
        "print('datasketch' in sys.modules, 'scipy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]

@pytest.mark.parametrize("after", [8.0])
def test_a_killed_stories_run_leaves_a_whole_store_and_a_rerun_completes(
    ecbplus_store: Path, tmp_path: Path, after: float
) -> None:
    """SIGKILL a `newsprism stories` run midway (loading, embedding or grouping, depending on
    the machine): the store opens, holds no partial grouping and only whole cached
    feature rows, and running again gives the grouping of an uninterrupted run."""
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from newsprism.stories import feature_key, update

    from .conftest import cli_env, run_cli

    killed, whole = tmp_path / "killed.duckdb", tmp_path / "whole.duckdb"
    shutil.copy(ecbplus_store, killed)
    shutil.copy(ecbplus_store, whole)
    proc = subprocess.Popen([sys.executable, "-m", "newsprism", "stories", "--db", str(killed)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env())
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with Store.open(killed, read_only=True) as store:
        saved = store.stories()
        cached = store.story_features(feature_key(StoryOptions()))
        assert len(store.ids()) == 473
    assert saved == [] or sorted(a for s in saved for a in s.articles) == sorted(store_ids(killed))
    assert all(len(vector) == 384 and len(values) == 128 for vector, values in cached.values())
    assert len(cached) in (473, *range(0, 473, 256))  # whole chunks only
    rerun = run_cli("stories", "--db", killed, "--format", "json")
    assert rerun.code == 0, rerun.err
    with Store.open(whole) as store:
        expected = [s.to_dict() for s in update(store, StoryOptions())]
    assert json.loads(rerun.out) == expected


def store_ids(db: Path) -> list[str]:
    with Store.open(db, read_only=True) as store:
        return store.ids()


# -- across languages, undated articles, ingest order ----------------------------------------

#: One event (a rail bridge collapse) reported in English and in German, an unrelated German
#: report and an unrelated English one: short texts written for this test.
BRIDGE_EN = (
    "Rail bridge over the Elbe collapses near Dresden, freight traffic halted",
    "A railway bridge over the Elbe river near Dresden collapsed late on Tuesday, cutting the main freight line "
    "between Germany and the Czech Republic. Nobody was hurt, police in Saxony said, because no train was crossing "
    "at the time.\n\nDeutsche Bahn said freight trains would be rerouted for several weeks while engineers examine "
    "the remains of the 90-year-old steel structure. The cause of the collapse is not yet known.",
)
BRIDGE_DE = (
    "Eisenbahnbrücke über die Elbe bei Dresden eingestürzt",
    "Bei Dresden ist in der Nacht zum Mittwoch eine Eisenbahnbrücke über die Elbe eingestürzt. Verletzt wurde nach "
    "Angaben der sächsischen Polizei niemand, weil zu diesem Zeitpunkt kein Zug auf der Brücke war.\n\nDie Deutsche "
    "Bahn leitet den Güterverkehr nach Tschechien für mehrere Wochen um. Die Ursache für den Einsturz der rund "
    "90 Jahre alten Stahlkonstruktion ist noch unklar.",
)
MUSEUM_DE = (
    "Neues Kunstmuseum in Leipzig öffnet mit Ausstellung zur Romantik",
    "In Leipzig hat am Mittwoch ein neues Kunstmuseum eröffnet. Die erste Ausstellung zeigt Gemälde der Romantik "
    "aus privaten Sammlungen, darunter Landschaften und Porträts.\n\nDie Stadt rechnet im ersten Jahr mit rund "
    "200.000 Besuchern. Der Eintritt ist für Kinder und Jugendliche frei.",
)
VOTE_EN = (
    "Ruling party wins regional vote in Bavaria",
    "The ruling party won Sunday's regional election in Bavaria with a reduced majority, official results showed on "
    "Tuesday. Turnout was higher than at the previous vote.\n\nThe party's leader said she would start talks with "
    "two smaller parties on forming a coalition government next week.",
)


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    rows = [
        ("en-bridge", "en", "2031-03-04", BRIDGE_EN), ("de-bridge", "de", "2031-03-05", BRIDGE_DE),
        ("de-museum", "de", "2031-03-05", MUSEUM_DE), ("en-vote", "en", "2031-03-04", VOTE_EN),
    ]
    records = [{"id": i, "outlet": f"outlet-{i}", "title": t, "text": x, "published": d, "language": lang}
               for i, lang, d, (t, x) in rows]
    loaded = load([str(write_jsonl(tmp_path_factory.mktemp("bilingual") / "a.jsonl", records))])
    language = {i: lang for i, lang, _, _ in rows}
    return [dataclasses.replace(a, language=language[a.id]) for a in loaded]


def test_one_event_in_english_and_german_is_one_story(bilingual: list[Article]) -> None:
    from newsprism.stories._signals import cosine, multilingual

    stories = group(bilingual, StoryOptions())
    by_article = {a: s.id for s in stories for a in s.articles}
    assert by_article["en-bridge"] == by_article["de-bridge"]
    assert len({by_article["en-bridge"], by_article["de-museum"], by_article["en-vote"]}) == 3
    assert sorted(len(s.articles) for s in stories) == [1, 1, 2]
    feats = {f.id: f for f in features(bilingual, StoryOptions())}
    assert multilingual(feats["en-bridge"], feats["de-bridge"])  # scored on the multilingual embeddings
    assert not multilingual(feats["en-bridge"], feats["en-vote"])  # English pairs keep MiniLM
    # MiniLM alone would not see the translation: far below the threshold.
    assert float(feats["en-bridge"].vector @ feats["de-bridge"].vector) < StoryOptions().multilingual_threshold
    assert cosine(feats["en-bridge"], feats["de-bridge"]) > cosine(feats["de-bridge"], feats["de-museum"]) + 0.3


def test_only_articles_that_can_meet_a_foreign_one_get_multilingual_vectors(bilingual: list[Article]) -> None:
    far = dataclasses.replace(bilingual[3], id="en-far", published=dt.date(2031, 6, 1))
    feats = {f.id: f for f in features([*bilingual, far], StoryOptions())}
    assert feats["en-far"].mvector is None  # three months from any German article: MiniLM only
    assert all(feats[i].mvector is not None for i in ("en-bridge", "de-bridge", "de-museum", "en-vote"))
    english_only = features([bilingual[0], bilingual[3]], StoryOptions())
    assert all(f.mvector is None for f in english_only)


def _partition(stories) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in stories}


def test_an_undated_article_joins_one_story_and_never_bridges_two(articles: list[Article]) -> None:
    """Two dated Tara Reid reports eight days apart cannot link; an undated one that scores
    with both joins the story it scores higher with, whatever the ingest order."""
    import itertools

    from newsprism.stories._signals import pair_score

    options = StoryOptions()
    by_id = {a.id: a for a in articles}
    first = dataclasses.replace(by_id["ecb-1_10ecb"], published=dt.date(2008, 1, 1))
    second = dataclasses.replace(by_id["ecb-1_13ecb"], published=dt.date(2008, 1, 9))
    undated = by_id["ecb-1_11ecb"]
    f_first, f_second, f_undated = features([first, second, undated], options)
    to_first, to_second = pair_score(f_undated, f_first, options), pair_score(f_undated, f_second, options)
    assert min(to_first, to_second) >= options.threshold  # it could link to either
    assert pair_score(f_first, f_second, options) == float("-inf")  # the dated two are held apart
    home = first.id if to_first > to_second else second.id
    expected = {frozenset({undated.id, home}), frozenset({first.id, second.id} - {home})}
    for order in itertools.permutations([first, second, undated]):
        assert _partition(group(list(order), options)) == expected


def test_the_grouping_does_not_depend_on_the_ingest_order(articles: list[Article]) -> None:
    dated = [dataclasses.replace(a, published=dt.date(2008, 1, 1 + (i % 3) * 4)) if i % 4 else a
             for i, a in enumerate(articles)]
    forward = group(dated, StoryOptions())
    backward = group(dated[::-1], StoryOptions())
    shuffled = group([dated[i] for i in (5, 0, 11, 3, 8, 1, 10, 6, 2, 9, 4, 7)], StoryOptions())
    assert _partition(forward) == _partition(backward) == _partition(shuffled)
    ids = {frozenset(s.articles): s.id for s in forward}
    assert all(ids[frozenset(s.articles)] == s.id for s in (*backward, *shuffled))  # same story ids too
    assert [s.articles for s in backward] == sorted((s.articles for s in backward),
                                                    key=lambda m: [a.id for a in dated[::-1]].index(m[0]))


def test_real_pages_in_three_languages_stay_apart(shared_dir: Path) -> None:
    """Real saved pages in three languages, nearly all about different events: they stay
    nearly all apart, and no story spans more than the date window (the bench lists them)."""
    pages = shared_dir / "eval" / "pages" / "pages.jsonl"
    if not pages.is_file():
        pytest.skip("dev pages not available")
    from bench.stories import load_pages

    found = load_pages()
    stories = group(found, StoryOptions())
    by_id = {a.id: a for a in found}
    assert len(stories) >= len(found) - 5  # nearly all pages report different events
    for story in stories:
        days = [by_id[a].published for a in story.articles if by_id[a].published]
        assert not days or (max(days) - min(days)).days <= StoryOptions().window_days


def test_leads_naming_different_people_conflict_on_who(articles: list[Article]) -> None:
    """Tara Reid's and Lindsay Lohan's rehab stays: leads naming different people conflict,
    two reports of one of them do not; the conflict lowers the score only if weighted."""
    from newsprism.stories._signals import argument_conflicts, pair_score

    feats = {f.id: f for f in features(articles, StoryOptions())}
    reid, reid_too, lohan = feats["ecb-1_11ecb"], feats["ecb-1_14ecb"], feats["ecb-1_11ecbplus"]
    assert reid.who and lohan.who
    assert argument_conflicts(reid, lohan) >= 1
    assert argument_conflicts(reid, reid_too) == 0
    off, weighted = StoryOptions(argument_weight=0.0), StoryOptions(argument_weight=0.2)
    drop = pair_score(reid, lohan, off) - pair_score(reid, lohan, weighted)
    assert drop == pytest.approx(0.2 * argument_conflicts(reid, lohan))
    assert pair_score(reid, reid_too, weighted) == pair_score(reid, reid_too, off)
    assert StoryOptions().argument_weight > 0  # on by default


def test_titles_about_different_people_conflict(articles: list[Article]) -> None:
    """Tara Reid's and Lindsay Lohan's rehab stays: titles naming different people, neither
    named in the other report, conflict; two titles about Reid do not; the conflict takes
    ``headline_weight`` off the score (off by default: see ``stories._signals``)."""
    from newsprism.stories._signals import headline_conflict, pair_score

    feats = {f.id: f for f in features(articles, StoryOptions())}
    reid, reid_too, lohan = feats["ecb-1_11ecb"], feats["ecb-1_14ecb"], feats["ecb-1_11ecbplus"]
    assert "reid" in reid.headline and "lohan" in lohan.headline
    assert headline_conflict(reid, lohan) and headline_conflict(lohan, reid)
    assert not headline_conflict(reid, reid_too)
    off, on = StoryOptions(headline_weight=0.0), StoryOptions(headline_weight=0.2)
    assert pair_score(reid, lohan, off) - pair_score(reid, lohan, on) == pytest.approx(0.2)
    assert pair_score(reid, reid_too, off) == pair_score(reid, reid_too, on)


def test_a_title_person_the_other_report_names_is_no_conflict() -> None:
    """Two reports of one arrest whose titles name different players: the second report
    names the first title's player too, so the titles do not conflict."""
    from newsprism.analysis.names import canonical_entity
    from newsprism.stories._signals import headline_conflict

    found = build_articles([
        RawArticle(source="a", id="a", outlet="A", title="Chargers' Jackson arrested on suspicion of DUI",
                   text="Vincent Jackson was arrested early Tuesday on suspicion of drunken driving, police said."),
        RawArticle(source="b", id="b", outlet="B", title="Rivers says team will back Jackson after arrest",
                   text="Philip Rivers said the team would support Vincent Jackson after his arrest on Tuesday."),
        RawArticle(source="c", id="c", outlet="C", title="Charger Jamal Williams arrested on suspicion of DUI",
                   text="Jamal Williams was arrested early Sunday on suspicion of drunken driving, police said."),
    ])
    a, b, c = features(found, StoryOptions())
    assert a.headline == {canonical_entity("Jackson")} and c.headline == {canonical_entity("Williams")}
    assert not headline_conflict(a, b)  # b's title names Rivers and Jackson; Jackson is in both
    assert headline_conflict(a, c)


def test_word_hashes_of_many_texts_are_stable_int_of_each_regex_word(articles: list[Article]) -> None:
    """``_words.word_ids`` gives, text by text, ``stable_int`` of every ``\\w+`` word of the
    lower-cased text, in order: on the dev articles, on random Unicode (letters, digits,
    marks, quotes, dashes, spaces, NUL, lone surrogates), and again once the table of
    known words has been cleared by its size limit."""
    import random
    import re

    from newsprism.hashing import stable_int
    from newsprism.stories import _words

    def expected(text: str) -> list[int]:
        return [stable_int(w) for w in re.findall(r"\w+", text.lower())]

    pool = [chr(c) for c in (*range(32, 127), 0, 0xA0, 0xE9, 0xDF, 0x130, 0x301, 0x2019, 0x201C, 0x2014, 0x3000,
                            0x4E2D, 0x0661, 0x00BD, 0x2460, 0x1F600, 0xD800, 0x5F)]  # fmt: skip
    rng = random.Random(7)
    randoms = ["".join(rng.choice(pool) for _ in range(rng.randrange(0, 80))) for _ in range(400)]
    table = _words.WordHashes(limit=300)
    for texts in ([a.text for a in articles], randoms, ["", " ", "...", "a", "Ab\x00cd"], randoms[::-1]):
        for start in range(0, len(texts), 37):
            run = texts[start : start + 37]
            ids, counts = table.ids(run)
            assert counts.tolist() == [len(expected(t)) for t in run]
            assert ids.tolist() == [h for t in run for h in expected(t)]
    assert len(table) <= 300
