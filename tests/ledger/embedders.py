"""A stand-in for the sentence model in fast tests: claims with the same words get the same vector."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np

DIMENSIONS = 256
WORD = re.compile(r"[a-z0-9]+")
STOP = frozenset(
    "a an the of to in on and or that is are was were be been has have had it its by for with".split()
)


class WordEmbedder:
    """Hashed bags of words, unit length: cosine similarity is word overlap."""

    name = "test words"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in WORD.findall(text.lower()):
                if word not in STOP:
                    vectors[row, zlib.crc32(word.encode()) % DIMENSIONS] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)
