"""Near-duplicate articles (syndicated wire copy) by MinHash over word shingles.

Two articles whose shingle sets have a Jaccard similarity of at least THRESHOLD are one report
printed twice, not two independent sources. MinHash estimates the similarity from a short
signature; banding the signature (LSH) finds candidates through an index instead of comparing
every pair.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

THRESHOLD = 0.9
SHINGLE_WORDS = 5
PERMUTATIONS = 64
BANDS = 16  # of PERMUTATIONS // BANDS rows: candidates from a similarity of about 0.5 up
PRIME = (1 << 61) - 1
WORD_BASE = np.uint64(1_000_003)
MASK32 = np.uint64(0xFFFFFFFF)

_random = np.random.RandomState(20241029)
_A = _random.randint(1, 1 << 31, size=PERMUTATIONS, dtype=np.uint64)
_B = _random.randint(0, 1 << 31, size=PERMUTATIONS, dtype=np.uint64)
WORD = re.compile(r"\w+")


def signature(text: str) -> np.ndarray:
    """The MinHash signature of the text's word shingles (case and punctuation ignored)."""
    words = WORD.findall(text.lower())
    hashes = np.fromiter((zlib.crc32(word.encode()) for word in words), dtype=np.uint64, count=len(words))
    hashes = np.pad(hashes, (0, max(0, SHINGLE_WORDS - len(hashes))))
    count = len(hashes) - SHINGLE_WORDS + 1
    # Each shingle's hash from its words' hashes, all shingles at once: a polynomial kept to 32 bits.
    shingles = np.zeros(count, dtype=np.uint64)
    for at in range(SHINGLE_WORDS):
        shingles = (shingles * WORD_BASE + hashes[at : at + count]) & MASK32
    shingles = np.unique(shingles)
    # (a*x + b) mod p with x < 2**32 and a, b < 2**31 stays below 2**64: no overflow.
    return ((np.outer(shingles, _A) + _B) % PRIME).min(axis=0)


def bands(sig: np.ndarray) -> list[int]:
    """One index key per band: equal keys mean that band of two signatures is equal."""
    rows = PERMUTATIONS // BANDS
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * rows : (band + 1) * rows].tobytes(), digest_size=7).digest()
        keys.append(band << 56 | int.from_bytes(digest, "big"))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)
