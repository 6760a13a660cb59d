"""Grammatical counts for an English coach: "1 finding", "2 attempts", never "attempt(s)".

One helper for the CLI and the app alike. Irregular plurals are listed; everything else adds
"s" (or "es" after s, x, z, ch, sh).
"""

from __future__ import annotations

IRREGULAR: dict[str, str] = {
    "person": "people",
    "child": "children",
    "was": "were",
    "is": "are",
    "has": "have",
    "this": "these",
    "it": "they",
}
"""Words whose plural is not the word plus s/es."""


def plural(word: str, n: int) -> str:
    """`word` as it agrees with the number n (1 -> singular, anything else -> plural)."""
    if n == 1:
        return word
    if word in IRREGULAR:
        return IRREGULAR[word]
    head, _, last = word.rpartition(" ")
    if head:  # "grammar finding" -> "grammar findings": only the last word changes
        return f"{head} {plural(last, n)}"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def count(n: int, word: str) -> str:
    """`1 finding`, `2 findings`, `0 attempts`."""
    return f"{n} {plural(word, n)}"
