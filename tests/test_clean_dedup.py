"""Exact and near-duplicate fingerprints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from storyline.clean import band_keys, content_hash, estimate_jaccard, minhash_signature

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
STORY_A = (FIXTURES / "story_a.txt").read_text(encoding="utf-8")
STORY_B = (FIXTURES / "story_b.txt").read_text(encoding="utf-8")


def near_copy(text: str) -> str:
    """A syndicated copy: another headline and one sentence rewritten."""
    lines = text.split("\n")
    lines[0] = "Ceasefire Talks to Resume Next Week, Mediator Says"
    copy = "\n".join(lines)
    old = "The other side has not named its delegation."
    assert old in copy
    return copy.replace(old, "The opposing delegation has yet to be announced by its government.")


@pytest.mark.parametrize(("a", "b"), [
    ("Talks resume in Geneva.", "talks   RESUME in\nGeneva."),
    ("Talks resume.\n\nA second round follows.", "Talks resume. A second round follows."),
])
def test_content_hash_ignores_case_and_whitespace(a, b):
    assert content_hash(a) == content_hash(b)


@pytest.mark.parametrize(("a", "b"), [
    ("Talks resume in Geneva.", "Talks resumed in Geneva."),
    ("Talks resume in Geneva.", "Talks resume in Geneva!"),
])
def test_content_hash_differs_on_content(a, b):
    assert content_hash(a) != content_hash(b)


def test_content_hash_is_sha256_hex():
    h = content_hash("x")
    assert len(h) == 64 and int(h, 16) >= 0


def test_near_copy_scores_high():
    sim = estimate_jaccard(minhash_signature(STORY_A), minhash_signature(near_copy(STORY_A)))
    assert sim > 0.8


def test_unrelated_article_scores_low():
    sim = estimate_jaccard(minhash_signature(STORY_A), minhash_signature(STORY_B))
    assert sim < 0.2


def test_identical_text_scores_one():
    assert estimate_jaccard(minhash_signature(STORY_A), minhash_signature(STORY_A)) == 1.0


def test_signature_shape_and_options():
    assert len(minhash_signature(STORY_A)) == 128
    assert len(minhash_signature(STORY_A, num_perm=64)) == 64
    assert all(isinstance(v, int) for v in minhash_signature("short text"))


def test_signature_is_stable_across_processes():
    code = ("from storyline.clean import minhash_signature, band_keys; "
            "import sys; s = minhash_signature(sys.stdin.read()); print(s[:5], band_keys(s)[:2])")
    out = subprocess.run([sys.executable, "-c", code], input=STORY_A, capture_output=True, text=True,
                         check=True).stdout.strip()
    sig = minhash_signature(STORY_A)
    assert out == f"{sig[:5]} {band_keys(sig)[:2]}"


def test_band_keys_shared_by_near_copy_not_by_unrelated():
    keys_a = set(band_keys(minhash_signature(STORY_A)))
    assert len(keys_a) == 16
    assert keys_a & set(band_keys(minhash_signature(near_copy(STORY_A))))
    assert not keys_a & set(band_keys(minhash_signature(STORY_B)))


def test_band_keys_carry_band_index():
    keys = band_keys(minhash_signature(STORY_A), bands=8)
    assert [k.split(":")[0] for k in keys] == [f"{b:02d}" for b in range(8)]


@pytest.mark.parametrize("bands", [0, 3, 7])
def test_band_keys_rejects_uneven_bands(bands):
    with pytest.raises(ValueError):
        band_keys(minhash_signature(STORY_A), bands=bands)


def test_estimate_jaccard_rejects_mismatched_lengths():
    with pytest.raises(ValueError):
        estimate_jaccard([1, 2, 3], [1, 2])
