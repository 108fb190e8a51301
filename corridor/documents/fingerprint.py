"""Near-duplicate detection: MinHash signatures over word shingles, with LSH bands for look-up.

Two articles whose shingle sets overlap by NEAR_DUPLICATE (Jaccard) or more are the same news:
a wire story in two outlets, a release re-posted with a new headline. Each signature is cut
into BANDS bands of ROWS values; articles sharing a band are candidates, checked on the whole
signature. Unrelated articles almost never share a band, so each look-up is a few indexed
equality matches and the work grows linearly with the number of documents."""

import hashlib
import re

import numpy as np
from datasketch import MinHash

SHINGLE = 3  # words per shingle
PERMUTATIONS = 128
BANDS, ROWS = 16, 8  # BANDS * ROWS == PERMUTATIONS; candidates from Jaccard ~0.7 up
NEAR_DUPLICATE = 0.7  # estimated Jaccard similarity from which two articles are one news
SEED = 1  # fixed: fingerprints must be comparable across runs and machines
_WORD = re.compile(r"\w+")


def signature(text: str) -> np.ndarray:
    words = [w.lower() for w in _WORD.findall(text)]
    shingles = {" ".join(words[i : i + SHINGLE]).encode() for i in range(max(len(words) - SHINGLE + 1, 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=SEED)
    minhash.update_batch(sorted(shingles))
    return minhash.hashvalues.astype(np.uint32)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


def band_keys(sig: np.ndarray) -> list[int]:
    """One 63-bit key per band (signed-safe for any database's BIGINT)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].astype("<u4").tobytes()
        keys.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big") >> 1)
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / PERMUTATIONS
