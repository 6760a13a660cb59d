"""Word-level diff between the learner's answer and the model answer. No Textual here."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

Op = Literal["same", "yours", "model"]


@dataclass(frozen=True)
class DiffPiece:
    """A run of words that both texts share, or that only one has."""

    op: Op
    text: str


def word_diff(yours: str, model: str) -> list[DiffPiece]:
    """Pieces in reading order: shared words, words only in yours, words only in the model.

    Words are compared case-sensitively with their punctuation, so 'done.' and 'done' differ:
    learners should see the punctuation the model uses.
    """
    a, b = yours.split(), model.split()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    pieces: list[DiffPiece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(DiffPiece("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(DiffPiece("yours", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(DiffPiece("model", " ".join(b[j1:j2])))
    return pieces


def similarity(yours: str, model: str) -> float:
    """0-1: how many words the two texts share, in order."""
    return difflib.SequenceMatcher(a=yours.split(), b=model.split(), autojunk=False).ratio()
