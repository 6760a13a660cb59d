"""The language layer under every feedback channel: a message parsed once into a Document.

- `spans`: Span, the half-open index range every finding and evidence uses;
- `segment`: the one sentence splitter and the one definition of protected text;
- `sections`: field lines, Markdown headings, Done/Next/Blocked blocks, and how their content is
  judged ('Blockers: none' names no blocker);
- `document`: `parse(text) -> Document` (cached): sentences, tokens, protected spans, sections,
  and the `reading` text the rubric detectors read;
- `lexicons`: word lists as data files (lexicons/*.txt) shared by the style rules and the rubric.
Never imports textual, the feedback channels or the detectors.
"""

from commcoach.language.document import Document, parse
from commcoach.language.spans import Span

__all__ = ["Document", "Span", "parse"]
