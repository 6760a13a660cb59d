"""A message parsed once: sections, sentences, tokens, protected spans, and what to read.

Data flows one way: text -> Document -> channels (grammar, readability, style, rubric) ->
report. `parse(text)` is the one cache: every channel and every detector that asks about the
same text gets the same Document, so a message is split into sentences once per keystroke
burst, not once per channel.

`reading` is the text the rubric detectors read: the same length as the text (so evidence spans
point into the original), with curly quotes made straight and with the words that are not the
writer's statement blanked out: quoted template prompts ('Progress: "What have you completed?"'),
a yes/no prompt answered in the template ('I know what to do next week - no'), and the content
of meta fields ('Availability: after 3 PM', 'Date: 04/03', 'Pictures: n/a'), which state no
progress, plan, blocker or ETA. `timing` also blanks titles ('## Week 6', 'Progress for week of
04/09'), meta labels ('Hours spent (4 hours)') and lines that hold only a date ('_(July 9,
2024)_' under a title): the reporting period and the effort spent are not an ETA.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property, lru_cache

from commcoach.language.calendar import MONTH, WEEKDAY
from commcoach.language.sections import Section, parse_sections
from commcoach.language.segment import emoji_spans, protected_spans, split_sentences
from commcoach.language.spans import Span

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_TOKEN = re.compile(r"\w[\w']*")
_YES_NO_PROMPT = re.compile(
    r"""(?m)^[ \t]*(?:[-*•+][ \t]+)?(?P<prompt>[A-Z][^\n]{12,160}?)[ \t]+[-–—:][ \t]+
        (?=(?:yes/no|yes|no|n/a)\b[ \t]*(?:[.,!;]|$))""",
    re.VERBOSE | re.IGNORECASE,
)
_TITLE_LINE = re.compile(
    r"[^\n.!?]{0,60}\b(?:week|weekly|update|report|progress|period|sprint|summary|status)\b[^\n.!?]{0,60}",
    re.IGNORECASE,
)
"""A first line that names the report and its period ('Progress for week of 04/09')."""
_DATE_WORD = re.compile(
    rf"""{MONTH}\.?|{WEEKDAY}|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,4}}(?:[/.-]\d{{1,4}}){{1,2}}|[-–—]|to|and
        |week|of""",
    re.VERBOSE | re.IGNORECASE,
)
_DATE_LINE_WRAPPING = " \t_*()[],.:"


def _is_date_line(line: str) -> bool:
    """A line that holds nothing but a date or a range ('_(July 9, 2024)_', '*(Sept 1 – Sept
    7, 2025)*'): it dates the report, as a title does."""
    words = line.replace(",", " ").strip(_DATE_LINE_WRAPPING).split()
    return (
        bool(words)
        and any(ch.isdigit() for ch in line)
        and all(_DATE_WORD.fullmatch(w.strip(_DATE_LINE_WRAPPING)) for w in words)
    )


class Document:
    """One message, read once. Attributes are computed on first use and kept."""

    def __init__(self, text: str) -> None:
        self.text = text
        """The message as the writer wrote it."""

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentence spans (the one splitter, commcoach.language.segment)."""
        return split_sentences(self.text)

    @cached_property
    def sentence_starts(self) -> tuple[int, ...]:
        """Where each sentence starts, for binary searches."""
        return tuple(span.start for span in self.sentences)

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        """Where lines and sentences start: where a heading or a bullet verb can start."""
        found = {0, *self.sentence_starts}
        index = self.text.find("\n")
        while index >= 0:
            found.add(index + 1)
            index = self.text.find("\n", index + 1)
        return tuple(sorted(i for i in found if i < len(self.text)))

    @cached_property
    def tokens(self) -> tuple[tuple[int, str], ...]:
        """(start, lowercased word) for every word."""
        text = self.text
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lowercase to two ('İ')
            return tuple((m.start(), m.group().lower()) for m in _TOKEN.finditer(text))
        found = list(_TOKEN.finditer(lowered))
        return tuple(zip(map(re.Match.start, found), map(re.Match.group, found), strict=True))

    @cached_property
    def protected(self) -> tuple[Span, ...]:
        """Code, URLs, paths, file names, identifiers, mentions, ticket ids: never prose."""
        return protected_spans(self.text)

    @cached_property
    def emoji(self) -> tuple[Span, ...]:
        """Emoji runs: never a spelling or grammar error (tone rules may still read them)."""
        return emoji_spans(self.text)

    @cached_property
    def not_words(self) -> tuple[Span, ...]:
        """Everything grammar, spelling and the rubric must not read as words: protected + emoji."""
        return tuple(sorted((*self.protected, *self.emoji), key=lambda s: (s.start, s.end)))

    @cached_property
    def _protected_starts(self) -> tuple[int, ...]:
        return tuple(span.start for span in self.not_words)

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """Labelled sections (commcoach.language.sections), in order."""
        return parse_sections(self.text, self.sentence_starts)

    @cached_property
    def reading(self) -> str:
        """The text the rubric reads (see the module docstring): same length, prompts blanked."""
        chars = list(self.text.translate(_QUOTES))
        for span in self._not_statements():
            chars[span.start : span.end] = _blank(self.text[span.start : span.end])
        return "".join(chars)

    @cached_property
    def timing(self) -> str:
        """`reading` with titles blanked as well: what the date/ETA detector reads."""
        chars = list(self.reading)
        for span in self._titles():
            chars[span.start : span.end] = _blank(self.text[span.start : span.end])
        return "".join(chars)

    def _not_statements(self) -> list[Span]:
        found: list[Span] = []
        for section in self.sections:
            if section.prompt is not None:
                found.append(section.prompt)
            if section.kind == "meta":
                found.append(_until_blank_line(self.text, section.body))
        for match in _YES_NO_PROMPT.finditer(self.text):
            found.append(Span(match.start("prompt"), match.end()))
        return found

    def _titles(self) -> list[Span]:
        # from the label on: a title's '##' stays, so the timing text keeps its sections
        found = [
            Span(s.label.start, s.line.end)
            for s in self.sections
            if s.kind == "meta" or (s.markdown and s.kind == "other")
        ]
        answers = [s.body for s in self.sections if s.kind in ("eta", "next")]
        start = 0
        for line in self.text.split("\n"):
            inside_answer = any(b.start <= start < b.end for b in answers)  # 'ETA:\n2026-12-04'
            if _is_date_line(line) and not inside_answer:
                found.append(Span(start, start + len(line)))
            start += len(line) + 1
        first_break = self.text.find("\n")
        if first_break > 0 and self.text[first_break:].strip():
            first = self.text[:first_break]
            if _TITLE_LINE.fullmatch(first.strip()) and not any(
                s.line.start == 0 for s in self.sections
            ):
                found.append(Span(0, first_break))
        return found

    # --- look-ups ----------------------------------------------------------------------------

    def sentence_at(self, index: int) -> Span | None:
        """The sentence that holds `index`, or None between sentences."""
        position = bisect_right(self.sentence_starts, index) - 1
        if position >= 0:
            span = self.sentences[position]
            if span.start <= index < span.end:
                return span
        return None

    def next_sentence(self, index: int) -> Span | None:
        """The first sentence that starts at or after `index`, if any."""
        position = bisect_left(self.sentence_starts, index)
        return self.sentences[position] if position < len(self.sentences) else None

    def section_at(self, index: int) -> Section | None:
        """The section whose label or body holds `index`, if any."""
        current: Section | None = None
        for section in self.sections:
            if section.line.start <= index < max(section.body.end, section.line.end):
                current = section
        return current

    def is_protected(self, index: int) -> bool:
        """True when `index` falls inside a protected span or an emoji."""
        position = bisect_right(self._protected_starts, index) - 1
        # protected spans may nest (a URL holding a path): look back over a few candidates
        for candidate in self.not_words[max(0, position - 3) : position + 1]:
            if candidate.start <= index < candidate.end:
                return True
        return False

    def overlaps_protected(self, span: Span) -> bool:
        """True when `span` shares a character with a protected span or an emoji."""
        return any(span.overlaps(p) for p in self.not_words)


def _blank(chunk: str) -> list[str]:
    """Spaces for every character but line breaks (lines and offsets stay where they were)."""
    return ["\n" if c == "\n" else " " for c in chunk]


def _until_blank_line(text: str, body: Span) -> Span:
    """The body up to its first blank line (a meta field's answer, not what follows it)."""
    chunk = text[body.start : body.end]
    content = chunk.lstrip("\n \t")
    lead = len(chunk) - len(content)
    cut = re.search(r"\n[ \t]*\n", content)
    end = body.start + lead + (cut.start() if cut else len(content))
    return Span(body.start, end)


@lru_cache(maxsize=64)
def parse(text: str) -> Document:
    """The Document of `text`: the one cache every channel shares."""
    return Document(text)
