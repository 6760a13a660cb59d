"""Evaluate a scenario's declarative detector specs against a learner's message."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from commcoach import safe_regex
from commcoach.language.document import parse
from commcoach.models import (
    AllOf,
    AnyOf,
    BuiltinRef,
    DetectorSpec,
    PhrasesDetector,
    RegexDetector,
    RubricElement,
)
from commcoach.text import Span


@lru_cache(maxsize=512)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(
        re.escape(p.strip()).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w']){'(?:' + alternatives + ')'}(?![\w'])", re.IGNORECASE)


def find_evidence(
    spec: DetectorSpec, text: str, elements: Mapping[str, RubricElement]
) -> Span | None:
    """The span of `text` that satisfies `spec`, or None.

    A plain name is a rubric element of this scenario first (so follow-ups can say
    `unless: eta`), else a built-in detector. Phrases and regular expressions read the
    document's `reading` text (same offsets; quoted template prompts and meta fields blanked),
    as the built-in detectors do.
    """
    from commcoach.rubric.builtin import BUILTIN_DETECTORS  # compiled on first use, not at import

    if isinstance(spec, str):
        if spec in elements:
            return find_evidence(elements[spec].detector, text, {})
        return BUILTIN_DETECTORS[spec].detect(text)
    if isinstance(spec, BuiltinRef):
        return BUILTIN_DETECTORS[spec.builtin].detect(text)
    if isinstance(spec, PhrasesDetector):
        match = _phrase_pattern(tuple(spec.phrases)).search(parse(text).reading)
        return Span(match.start(), match.end()) if match else None
    if isinstance(spec, RegexDetector):
        hit = safe_regex.search(spec.regex, parse(text).reading)  # time-bounded: data
        return Span(hit.start(), hit.end()) if hit else None
    if isinstance(spec, AnyOf):
        for inner in spec.any:
            found = find_evidence(inner, text, elements)
            if found is not None:
                return found
        return None
    if isinstance(spec, AllOf):
        first: Span | None = None
        for inner in spec.all:
            found = find_evidence(inner, text, elements)
            if found is None:
                return None
            first = first or found
        return first
    raise TypeError(f"not a detector: {spec!r}")
