"""How feedback looks: Content builders shared by the composer, the feedback view and history.

Pure functions from report objects to Textual `Content`; styles use theme variables so that
every theme (light or dark) stays readable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from textual.content import Content

from commcoach.feedback.names import finding_habit
from commcoach.feedback.report import Finding, Metrics, RubricResult, Severity
from commcoach.plural import count
from commcoach.safe_text import plain

SEVERITY_STYLE: dict[Severity, str] = {
    Severity.ERROR: "$text-error",
    Severity.WARNING: "$text-warning",
    Severity.SUGGESTION: "$text-accent",
}
"""Text colour of a finding's marker, by severity."""

UNDERLINE_STYLE: dict[Severity, str] = {
    Severity.ERROR: "underline $text-error",
    Severity.WARNING: "underline $text-warning",
    Severity.SUGGESTION: "underline $text-accent",
}
"""How a flagged span looks inside the answer text."""

SEVERITY_MARK: dict[Severity, str] = {
    Severity.ERROR: "●",
    Severity.WARNING: "▲",
    Severity.SUGGESTION: "◆",
}
"""Shape as well as colour, so severity reads without colour too."""

SELECTED_STYLE = "reverse bold"


def finding_label(finding: Finding, text: str, width: int = 40, *, lesson: bool = True) -> Content:
    """One list row: severity mark, the habit's plain name, the flagged words, the lesson.

    Never the rule id (that is in the detail pane): 'Vague time “soon” · give a day or a time'.
    `lesson=False` where the detail pane beside the list shows it (more rows fit at 80x24).
    """
    flagged = plain(" ".join(text[finding.start : finding.end].split()), one_line=True)
    if finding.source in ("rubric", "readability") or not flagged:
        quote = ""
    else:
        if len(flagged) > width:
            flagged = flagged[: width - 1] + "…"
        quote = f" “{flagged}”"
    habit = finding_habit(finding)
    return Content.assemble(
        (SEVERITY_MARK[finding.severity] + " ", SEVERITY_STYLE[finding.severity]),
        (plain(habit.name, one_line=True), "bold"),
        (quote, "italic"),
        (plain(f" · {habit.lesson}", one_line=True) if lesson else "", "dim"),
    )


def hint_strip(findings: list[Finding], text: str) -> Content:
    """The one-line 'current hint' under a narrow composer: the first hint and how many more.

    At 80 columns the 'As you type' list has no room; this line keeps the most useful part.
    """
    if not findings:
        return Content("")
    first = finding_label(findings[0], text, 20)
    more = len(findings) - 1
    tail = Content.styled(f"  (+{more} more: ctrl+s for all)", "dim") if more else Content("")
    return Content.assemble(Content.styled("Hint ", "bold $accent"), first, tail)


def highlighted_text(text: str, findings: list[Finding], selected: int | None) -> Content:
    """The answer with every word-level finding underlined and the selected one reversed."""
    content = Content(plain(text))  # one character for one: the spans still fit
    for finding in findings:
        if finding.source in ("rubric", "readability"):
            continue
        if finding.end <= finding.start or finding.end > len(text):
            continue
        content = content.stylize(UNDERLINE_STYLE[finding.severity], finding.start, finding.end)
    if selected is not None and 0 <= selected < len(findings):
        chosen = findings[selected]
        if chosen.source not in ("rubric", "readability") and chosen.end > chosen.start:
            content = content.stylize(SELECTED_STYLE, chosen.start, min(chosen.end, len(text)))
    return content


def finding_detail(finding: Finding, text: str) -> Content:
    """Everything about one finding: what, why, weak vs better, replacements, rule id."""
    habit = finding_habit(finding)
    parts: list[Content] = [
        Content.assemble(
            (SEVERITY_MARK[finding.severity] + " ", SEVERITY_STYLE[finding.severity]),
            (plain(habit.name, one_line=True), "bold"),
            (": ", "dim"),
            plain(habit.lesson, one_line=True),
        )
    ]
    said = finding.message.lower()
    if habit.name.lower() not in said and habit.lesson.rstrip("…").lower() not in said:
        parts.append(Content(plain(finding.message)))  # unless the heading already says it
    # the message is on screen already: the reason need not repeat it after 'Here:'
    why = finding.explanation.why.removesuffix(f" Here: {finding.message}")
    flagged = plain(text[finding.start : finding.end])
    if finding.source not in ("rubric", "readability") and flagged.strip():
        parts.append(Content.assemble(("In your text: ", "dim"), (f"“{flagged}”", "italic")))
    if why:
        parts.append(Content.assemble(("Why: ", "bold"), plain(why)))
    if finding.explanation.weak:
        parts.append(Content.assemble(("✗ ", "$text-error"), plain(finding.explanation.weak)))
    if finding.explanation.better:
        parts.append(Content.assemble(("✓ ", "$text-success"), plain(finding.explanation.better)))
    if finding.suggestions:
        shown = plain(", ".join(f"“{s}”" for s in finding.suggestions[:3]), one_line=True)
        parts.append(Content.assemble(("Replace with: ", "bold"), shown, (" (a)", "dim")))
    parts.append(
        Content.styled(
            plain(f"{finding.rule_id} · {finding.source or 'local'}", one_line=True), "dim"
        )
    )
    return Content("\n").join(parts)


def words_part(words: int, bounds: tuple[int | None, int | None]) -> Content:
    """`42 words (15–120)`, in the warning colour when outside the bounds."""
    low, high = bounds
    if low is None or high is None:
        return Content(count(words, "word"))
    ok = low <= words <= high
    return Content.styled(f"{count(words, 'word')} ({low}–{high})", "" if ok else "$text-warning")


def metrics_line(metrics: Metrics) -> Content:
    """Readability against the audience's band, with ✓ or the limit that was missed."""
    band = metrics.band
    if metrics.words == 0:
        return Content("")
    ease_ok = metrics.flesch_reading_ease >= band.flesch_min
    grade_ok = metrics.flesch_kincaid_grade <= band.grade_max
    good, bad = "$text-success", "$text-warning"
    return Content.assemble(
        ("  ·  ", "dim"),
        f"ease {metrics.flesch_reading_ease:.0f} ",
        ("✓", good) if ease_ok else (f"<{band.flesch_min:.0f}", bad),
        ("  ·  ", "dim"),
        f"grade {metrics.flesch_kincaid_grade:.1f} ",
        ("✓", good) if grade_ok else (f">{band.grade_max:.0f}", bad),
    )


def findings_summary(findings: list[Finding]) -> Content:
    """`2 style · 1 tone` style counts of word-level findings (rubric gaps are shown elsewhere)."""
    counts = Counter(f.category.value for f in findings if f.source != "rubric")
    if not counts:
        return Content.styled("no hints", "$text-success")
    worst = max(f.severity.rank for f in findings if f.source != "rubric")
    style = ("$text-accent", "$text-warning", "$text-error")[worst]
    text = " · ".join(f"{n} {category}" for category, n in counts.most_common())
    return Content.styled(text, style)


def rubric_line(results: Sequence[RubricResult]) -> Content:
    """Live checklist: ✓ done  ✓ next  ✗ blockers."""
    if not results:
        return Content("")
    pieces = [
        Content.styled(
            f"{'✓' if r.met else '✗'} {element_word(r.label)}",
            "$text-success" if r.met else "$text-warning",
        )
        for r in results
    ]
    return Content("  ").join(pieces)


def element_word(label: str) -> str:
    """A rubric element's label, short enough for the checklist line (first clause, lower)."""
    short = label.split(":")[0].split("(")[0].strip()
    return short[:1].lower() + short[1:] if short[1:2].islower() else short


def relative_time(when: datetime, now: datetime) -> str:
    """`today`, `yesterday`, `3 days ago`, `5 Nov`: short enough for a list column."""
    if when.tzinfo is not None and now.tzinfo is None:
        when = when.replace(tzinfo=None)
    elif when.tzinfo is None and now.tzinfo is not None:
        now = now.replace(tzinfo=None)
    days = (now.date() - when.date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"{days} days ago"
    if days < 365 and when.year == now.year:
        return f"{when:%d %b}".lstrip("0")
    return f"{when:%d %b %Y}".lstrip("0")
