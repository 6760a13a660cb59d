"""A message read as sections: field lines, Markdown headings, Done/Next/Blocked blocks, prose.

Real updates are often a template: `Progress: "What have you completed?"` with the writer's
answer after the quoted prompt, `### Blockers:` with "none" below it, `- _next_: ...`. A section
is a label, its kind (from lexicons/section_labels.txt) and its body up to the next label; its
content is judged, never its label: "Blockers: none", "ETA: ditto", a prompt with an empty answer
give no evidence. Text outside any label is prose (no section).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from commcoach.language.lexicons import alternation, groups
from commcoach.language.spans import Span

KINDS = ("done", "next", "ongoing", "blocked", "eta", "progress", "meta")
"""Section kinds; a label not in the lexicon is `other` (a title, or a field we do not know)."""

_MARKDOWN = re.compile(r"[^\S\n]{0,3}(?:>[^\S\n]*)?#{1,6}[^\S\n]+(?P<label>[^\n]{1,80}?)[ \t#:]*$")
_FIELD = re.compile(
    r"""[^\S\n]*+(?:>[^\S\n]*+)?(?:[-*•+][^\S\n]++|\d{1,2}[.)][^\S\n]++)?(?:\#{1,6}[^\S\n]++)?[*_]{0,2}
        (?P<label>[A-Za-z][A-Za-z'/&-]*+(?:[^\S\n]++[A-Za-z'/&-]++){0,4}?)[*_]{0,2}[^\S\n]*+
        (?:\((?P<paren>[^)\n]{1,30})\)[^\S\n]*+)?[*_]{0,2}[^\S\n]*+
        (?P<sep>:|[-–—][^\S\n]|$)[*_]{0,2}[^\S\n]*+(?P<rest>[^\n]*)$""",
    re.VERBOSE,
)
_QUESTION_HEAD = re.compile(
    r"""[^\S\n]*(?P<number>\d{1,2}[.)][^\S\n]*)?(?P<emphasis>[*_]{1,3})?
        (?P<label>(?:what|how|is|are|did|have|any|anything)\b(?!\s+you\s+mean\b)[^?\n]{0,120}?
        \b(?:you|your)\b
        [^?\n]{0,120}?)[*_]{0,3}[^\S\n]*\?[*_]{0,3}[^\S\n]*(?P<hint>_?\([^)\n]{0,80}\)_?)?
        [^\S\n]*$""",
    re.VERBOSE | re.IGNORECASE,
)
"""A template's question on a line of its own, answered below it ('What are you planning to do
next week? (give specific goals)', '6. ***Is anything blocking you?***'): a label whose kind
comes from its words. Only a whole line that asks 'you', with a template's marks (a number,
bold, or a hint in brackets) and words that name a kind: the writer's own question ('What do you
think about the next release?', '... Do you mean the pictures of the UI pages?') stays prose."""
_PROMPT = re.compile(r"""[^\S\n]*(?P<prompt>"[^"\n]{3,200}"|“[^”\n]{3,200}”)[ \t:.]*""")
"""A quoted template prompt right after a label: 'Blockers: "Difficulties encountered."'."""
_TEMPLATE_QUESTION = re.compile(
    r"""(?P<prompt>(?:"[^"\n]{3,200}"|“[^”\n]{3,200}”)
        |(?:(?:what|which|when|how|who|where|any)\b
          [^?.!\n]{2,150}\?[^\S\n]*){1,3})[^\S\n:.]*""",
    re.VERBOSE | re.IGNORECASE,
)
"""A section that opens with a quoted line or with wh-questions repeats the template's prompt
('Progress:\n"What have you completed?"', 'ETA: When do you expect to finish?'); a yes/no
question there ('Blockers: Is there a way to get access?') is the writer's own."""
_NON_LETTERS = re.compile(r"[^a-z/ -]+")


@cache
def _label_kinds() -> dict[str, str]:
    found: dict[str, str] = {}
    for kind, labels in groups("section_labels").items():
        for label in labels:
            found.setdefault(_normal(label), kind)
    return found


def _normal(label: str) -> str:
    return " ".join(_NON_LETTERS.sub(" ", label.lower().replace("_", " ")).split())


def label_kind(label: str, paren: str | None = None, *, fuzzy: bool = True) -> str:
    """The kind of a label: 'Progress (done)' is done, 'Pictures (optional)' meta, else other.

    With `fuzzy`, a longer label gets its kind from a keyword ('Goals for the coming weeks');
    only for labels that are surely labels (a colon, a Markdown heading), never for a bare line.
    """
    kinds = _label_kinds()
    whole = kinds.get(_normal(f"{label} {paren}")) if paren else None
    own = kinds.get(_normal(label))
    inner = kinds.get(_normal(paren)) if paren else None
    if whole:
        return whole
    if inner and own in (None, "progress"):
        return inner
    return own or (_kind_by_keyword(_normal(label)) if fuzzy else None) or "other"


_KEYWORDS = (
    ("meta", re.compile(r"\b(?:availab\w*|pictures?|screenshots?|images?|hours)\b")),
    ("blocked", re.compile(r"\b(?:block\w*|risks?|issues|problems|difficult\w*|challenges)\b")),
    ("next", re.compile(r"\b(?:next|plans?|goals?|to\s?do|upcoming|coming)\b")),
    ("done", re.compile(r"\b(?:done|completed|accomplish\w*|achieve\w*|past|last|finished)\b")),
)
"""Words that give a longer label its kind: 'Goals for the coming weeks', 'Work done so far'."""


def _kind_by_keyword(label: str) -> str | None:
    if len(label.split()) < 2:
        return None
    for kind, pattern in _KEYWORDS:
        if pattern.search(label):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class Section:
    """A label such as 'Blockers:' or '### Next' and the body it introduces."""

    kind: str
    """One of KINDS, or 'other'."""
    label: Span
    """The label words, without bullet, emphasis, parenthesis or colon."""
    line: Span
    """The whole label line."""
    prompt: Span | None
    """A quoted template prompt after the label, which is the template's text, not the writer's."""
    body: Span
    """From after the label (and prompt) to the start of the next section."""
    content: Span | None
    """The first line of the writer's own content in the body, trimmed; None when empty."""
    markdown: bool
    """True for a '#' heading (a title when its kind is 'other')."""


_EMPTY = re.compile(rf"{alternation('empty_answers')}(?:\s+(?:for\s+now|yet|so\s+far))?")
_NEGATIVE_START = re.compile(
    r"(?:none|no|nothing|nope|n/a|not\s+(?:really|yet|currently|at\s+the\s+moment|blocked))\b"
)
_NO_BLOCKERS = re.compile(
    r"""no(?:thing)?\s+(?:real\s+|major\s+|big\s+|current\s+)?(?:blockers?|blocking|issues?
        |problems?|risks?|impediments?|concerns?|difficult(?:y|ies))\b""",
    re.VERBOSE,
)
_EXCEPTION = re.compile(
    r"\b(?:but|except|apart\s+from|other\s+than|besides|although|though|however|unless)\b"
)
"""'No blockers except the CI runner': the exception names a blocker."""
_TRIM = " \t-*•+>_.,;:!~`'\"()[]"


def is_empty_answer(content: str) -> bool:
    """True when a section's content says nothing: '', 'None', 'n/a', 'ditto', '-', '{?}'."""
    core = " ".join(content.lower().strip(_TRIM).split())
    return not core or _EMPTY.fullmatch(core) is not None


def is_negative_answer(content: str) -> bool:
    """True when the content denies the section ('No blockers at the moment', 'none for now').

    'None, but waiting on review' is not a denial: the exception names a blocker.
    """
    core = " ".join(content.lower().strip(_TRIM).split())
    return starts_negative(core) and not _EXCEPTION.search(core)


def starts_negative(content: str) -> bool:
    """True when the content opens with a denial ('No, but ...' too): the label's claim is
    not made by the content itself; anything after 'but' is read sentence by sentence."""
    core = " ".join(content.lower().strip(_TRIM).split())
    return bool(_NEGATIVE_START.match(core) or _NO_BLOCKERS.match(core))


def parse_sections(text: str, starts: tuple[int, ...] = ()) -> tuple[Section, ...]:
    """The sections of `text` in order (see the module docstring).

    A label starts a line, or a sentence (`starts`): 'Done with X. Today: Safari fixes.'
    A label we do not know, indented deeper than the label before it, is part of that
    section's body: a sub-list ('- Done:' / '    - Frontend: fixed the filter') whose items
    are the section's content, not a new, unknown section.
    """
    heads: list[tuple[str, Span, Span, Span | None, int, bool]] = []
    indents: list[int] = []
    candidates = sorted({0, *starts, *(m.end() for m in re.finditer("\n", text))})
    for offset in candidates:
        if offset > len(text):
            continue
        line_end = text.find("\n", offset)
        line_end = len(text) if line_end < 0 else line_end
        raw = text[offset:line_end]
        found = _section_head(text, raw, offset)
        if found is not None:
            kind, label, body_start, prompt, markdown = found
            if heads and heads[-1][2].end == line_end:
                continue  # one label per line
            indent = _indent(text[text.rfind("\n", 0, offset) + 1 : line_end])
            if kind == "other" and not markdown and indents and indent > indents[-1]:
                continue  # '- Next:' / '    - Prep for launch:' nests a sub-list in its body
            heads.append((kind, label, Span(offset, line_end), prompt, body_start, markdown))
            indents.append(indent)
    sections: list[Section] = []
    for index, (kind, label, line, prompt, body_start, markdown) in enumerate(heads):
        end = heads[index + 1][2].start - 1 if index + 1 < len(heads) else len(text)
        end = max(end, body_start)
        body = Span(body_start, end)
        content = _first_content(text, body)
        if prompt is None and kind != "other" and content is not None:
            asked = _TEMPLATE_QUESTION.match(text, content.start, content.end)
            if asked is not None:  # the template's own question, left in: not the writer's words
                prompt = Span(content.start, asked.end("prompt"))
                body = Span(asked.end(), end)
                content = _first_content(text, body)
        sections.append(Section(kind, label, line, prompt, body, content, markdown))
    return tuple(sections)


def _section_head(
    text: str, raw: str, offset: int
) -> tuple[str, Span, int, Span | None, bool] | None:
    markdown = _MARKDOWN.fullmatch(raw)
    if markdown is not None:
        label_text = markdown.group("label")
        paren = re.search(r"\(([^)]{1,30})\)", label_text)
        bare = label_text[: paren.start()] if paren else label_text
        kind = label_kind(bare, paren.group(1) if paren else None)
        start = offset + markdown.start("label")
        return kind, Span(start, start + len(bare.rstrip(" :*_"))), offset + len(raw), None, True
    line_start = offset == 0 or text[offset - 1] == "\n"
    asked = _QUESTION_HEAD.fullmatch(raw) if line_start else None
    if asked is not None and (
        asked.group("number") or asked.group("emphasis") or asked.group("hint")
    ):
        kind = _kind_by_keyword(_normal(asked.group("label"))) or "other"
        if kind == "other":
            return None
        label = Span(offset + asked.start("label"), offset + asked.end("label"))
        return kind, label, offset + len(raw), None, False
    field = _FIELD.fullmatch(raw)
    if field is None:
        return None
    sep = field.group("sep")
    kind = label_kind(field.group("label"), field.group("paren"), fuzzy=sep.strip() == ":")
    if sep.strip() != ":" and kind == "other":
        return None  # 'Fixed the bug - finally' is prose; 'Next - deploy' is a section
    if sep.strip() != ":" and label_kind(field.group("label"), fuzzy=False) == "other":
        return None  # '- Batch conversion (5 hours)' is a list item: its bracket is no label
    if sep.strip() != ":" and not sep and field.group("rest"):
        return None
    label = Span(offset + field.start("label"), offset + field.end("label"))
    body_start = offset + field.start("rest")
    prompt: Span | None = None
    quoted = _PROMPT.match(raw, field.start("rest"))
    if quoted is not None:
        prompt = Span(offset + quoted.start("prompt"), offset + quoted.end("prompt"))
        body_start = offset + quoted.end()
    return kind, label, body_start, prompt, False


def _indent(line: str) -> int:
    """Columns of white space before a line's first character (a tab counts four)."""
    lead = line[: len(line) - len(line.lstrip())]
    return len(lead.expandtabs(4))


def _first_content(text: str, body: Span) -> Span | None:
    offset = body.start
    for line in text[body.start : body.end].split("\n"):
        stripped = line.strip()
        if stripped:
            lead = offset + len(line) - len(line.lstrip())
            return Span(lead, lead + len(stripped))
        offset += len(line) + 1
    return None
