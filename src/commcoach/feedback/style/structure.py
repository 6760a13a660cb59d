"""Message-level checks for `extends: structure` rules: where the greeting, the sign-off and
the actual request are.

Sentences here are split per line first: a greeting line ("Hi Ana,") and a sign-off line
("Thanks, Li") have no full stop, and must not glue onto the sentences next to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from commcoach.feedback.style.context import overlaps_protected, sentences
from commcoach.language.asking import QUESTION_OPENING
from commcoach.language.lexicons import alternation
from commcoach.language.segment import lines
from commcoach.text import Span


@dataclass(frozen=True)
class Hit:
    """Where a structure check points, with optional replacements for that span."""

    start: int
    end: int
    suggestions: list[str] = field(default_factory=list)
    whole: bool = False


_GREETING = re.compile(rf"{alternation('greetings')}\b", re.IGNORECASE)
"""Greetings: lexicons/greetings.txt, the list the rubric's `greeting` detector reads too."""
_SIGNOFF = re.compile(
    rf"(?:{alternation('sign_offs')}|{alternation('closing_sentences')})\b", re.IGNORECASE
)
"""Sign-offs and closing sentences: lexicons/sign_offs.txt and closing_sentences.txt, shared
with the rubric's `sign_off` detector."""
_ONLY_GREETING = re.compile(
    r"""\s*(?:hi|hello|hey|hiya|good\s+morning|morning|yo)(?:\s+(?:there|all|team|\w+))?[\s,!.]*
        (?:(?:are\s+you\s+(?:there|around|free|available|busy)(?:\s+now)?
          | do\s+you\s+have\s+a\s+(?:minute|moment|sec|second)
          | (?:have\s+you\s+)?got\s+a\s+(?:minute|moment|sec|second)
          | quick\s+question
          | can\s+I\s+ask\s+(?:you\s+)?(?:something|a\s+question)
          | how\s+are\s+you(?:\s+doing)?(?:\s+today)?
          )[\s?!.,]*)*""",
    re.IGNORECASE | re.VERBOSE,
)
_WORD = re.compile(r"[^\W_][\w'’-]*")


@lru_cache(maxsize=16)
def line_sentences(text: str) -> tuple[Span, ...]:
    """Sentences, never crossing a line break (cached per text)."""
    spans: list[Span] = []
    for sentence in sentences(text):
        chunk = text[sentence.start : sentence.end]
        spans.extend(
            Span(sentence.start + line.start, sentence.start + line.end) for line in lines(chunk)
        )
    return tuple(spans)


def _is_greeting(text: str, span: Span) -> bool:
    return bool(_GREETING.match(text, span.start, span.end))


def _is_signoff(text: str, span: Span) -> bool:
    return bool(_SIGNOFF.match(text, span.start, span.end)) and span.end - span.start < 60


def _anchor(text: str, *, last: bool) -> Hit | None:
    """The first (or last) word that is not code or a URL: something safe to highlight."""
    if last:
        tail = max(0, len(text) - 400)
        candidates: Iterable[re.Match[str]] = reversed(list(_WORD.finditer(text, tail)))
    else:
        candidates = _WORD.finditer(text)
    for word in candidates:
        if not overlaps_protected(text, *word.span()):
            return Hit(word.start(), word.end())
    return None


def missing_greeting(text: str, min_sentences: int) -> list[Hit]:
    """The message does not open with a greeting (Hi / Hello / Dear / Good morning ...)."""
    first = next(iter(line_sentences(text)), None)
    if first is None or _is_greeting(text, first):
        return []
    hit = _anchor(text, last=False)
    return [hit] if hit else []


def missing_signoff(text: str, min_sentences: int) -> list[Hit]:
    """Neither of the last two lines closes the message (Thanks / Best regards / Cheers ...)."""
    spans = line_sentences(text)
    if not spans or any(_is_signoff(text, s) for s in spans[-2:]):
        return []
    hit = _anchor(text, last=True)
    return [hit] if hit else []


def _content(text: str) -> list[Span]:
    """The sentences between the greeting line and the sign-off (and the name under it)."""
    spans = list(line_sentences(text))
    if spans and _is_greeting(text, spans[0]) and spans[0].end - spans[0].start < 40:
        spans = spans[1:]
    while (
        spans
        and not _is_request(text, spans[-1])
        and (
            _is_signoff(text, spans[-1])
            or len(_WORD.findall(text, spans[-1].start, spans[-1].end)) < 3
        )
    ):
        spans = spans[:-1]
    return spans


_CLOSING = re.compile(
    r"(?:(?:would|does|will)\s+(?:that|this|it)\s+work(?:\s+for\s+you)?|what\s+do\s+you\s+think|"
    r"any\s+(?:thoughts|feedback|questions)|(?:please\s+)?let\s+me\s+know\s+if|"
    r"(?:is\s+)?that\s+(?:ok|okay|fine|alright))\b",
    re.IGNORECASE,
)
"""Closing questions ("Would that work for you?") follow a proposal; they are not its request."""


def _request_in(text: str, span: Span) -> Span | None:
    """The words of the sentence that ask someone for something: the rubric's `request`
    detector (one definition of a request for both engines; tests/unit/test_asking.py)."""
    from commcoach.rubric.detectors.base import normalised
    from commcoach.rubric.detectors.social import detect_request  # compiled on first use

    found = normalised(detect_request)(text[span.start : span.end])
    return None if found is None else Span(span.start + found.start, span.start + found.end)


def _is_request(text: str, span: Span) -> bool:
    """A question ('?' or built as one) or a request; a closing 'Would that work?' is neither."""
    if _CLOSING.match(text, span.start, span.end):
        return False
    sentence = text[span.start : span.end].rstrip()
    return (
        sentence.endswith("?")
        or QUESTION_OPENING.match(sentence) is not None
        or _request_in(text, span) is not None
    )


def buried_request(text: str, min_sentences: int) -> list[Hit]:
    """A long message whose only request or question is its last sentence."""
    content = _content(text)
    if len(content) < max(min_sentences, 2) or not _is_request(text, content[-1]):
        return []
    if any(_is_request(text, s) for s in content[:-1]):
        return []
    last = content[-1]
    marker = _request_in(text, last)
    if marker and not overlaps_protected(text, marker.start, marker.end):
        return [Hit(marker.start, marker.end)]
    return [Hit(last.start, last.end, whole=True)]


def question_without_mark(text: str, min_sentences: int) -> list[Hit]:
    """A sentence built as a question (Can you / Do we / When will ...) that ends without `?`."""
    hits: list[Hit] = []
    for span in line_sentences(text):
        sentence = text[span.start : span.end]
        if not QUESTION_OPENING.match(sentence) or sentence.endswith(("?", "!", ":", ",")):
            continue
        if sentence.endswith(".") and not sentence.endswith(".."):
            hits.append(Hit(span.end - 1, span.end, ["?"]))
            continue
        words = list(_WORD.finditer(text, span.start, span.end))
        if words and words[-1].end() == span.end:
            hits.append(Hit(words[-1].start(), span.end, [words[-1].group() + "?"]))
    return hits


def greeting_only(text: str, min_sentences: int) -> list[Hit]:
    """The whole message is a greeting (and maybe "are you there?"): the ask is missing."""
    stripped = text.strip()
    if not stripped or not _ONLY_GREETING.fullmatch(stripped):
        return []
    lead = len(text) - len(text.lstrip())
    return [Hit(lead, lead + len(stripped), whole=True)]


CHECKS: dict[str, Callable[[str, int], list[Hit]]] = {
    "missing_greeting": missing_greeting,
    "missing_signoff": missing_signoff,
    "buried_request": buried_request,
    "question_without_mark": question_without_mark,
    "greeting_only": greeting_only,
}
"""Name in a rule file's `check:` -> function(text, min_sentences) -> hits."""
