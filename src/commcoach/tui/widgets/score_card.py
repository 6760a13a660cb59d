"""The score card: the 0-100 total, how it was reached, and the rubric checklist."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from commcoach.feedback.names import merge_findings
from commcoach.feedback.report import GrammarReason, GrammarState, Report
from commcoach.plural import count


def score_style(total: int) -> str:
    """Colour of a score: good, fair, weak."""
    if total >= 80:
        return "$text-success"
    if total >= 60:
        return "$text-warning"
    return "$text-error"


def score_card_content(report: Report) -> Content:
    """Total, components (points / max and why), rubric checklist with hints for misses."""
    score = report.score
    lines: list[Content] = [
        Content.assemble(
            ("Score ", "bold"),
            (f"{score.total}", f"bold {score_style(score.total)}"),
            " / 100",
            (
                " (provisional: grammar not checked yet)" if score.provisional else "",
                "$text-warning",
            ),
        ),
        Content(""),
    ]
    for part in score.components:
        bar_width = 10
        filled = round(bar_width * part.points / part.max_points) if part.max_points else 0
        lines.append(
            Content.assemble(
                (f"{part.name.capitalize():<12}", "bold"),
                ("█" * filled, "$accent"),
                ("░" * (bar_width - filled), "dim"),
                f" {part.points:>4.1f}/{part.max_points:.0f}",
            )
        )
        if part.detail:
            lines.append(Content.styled(f"  {part.detail}", "dim"))
    if not report.grammar.checked:
        lines.append(Content(""))
        lines.append(
            Content.styled(
                "Grammar not checked: " + (report.grammar.detail or "unavailable"), "$text-warning"
            )
        )
    if report.rubric:
        met = sum(1 for r in report.rubric if r.met)
        lines += [Content(""), Content.styled(f"Checklist {met}/{len(report.rubric)}", "bold")]
        for result in report.rubric:
            mark = ("✓ ", "$text-success") if result.met else ("✗ ", "$text-error")
            lines.append(Content.assemble(mark, result.label))
            if not result.met and result.hint:
                lines.append(Content.styled(f"  {result.hint}", "dim"))
    return Content("\n").join(lines)


def summary_line(report: Report) -> Content:
    """One line for the top of the feedback screen."""
    score = report.score.total
    parts: list[Content] = [
        Content.assemble(("Score ", "bold"), (f"{score}", f"bold {score_style(score)}"), "/100")
    ]
    if report.score.provisional:
        parts[0] = Content.assemble(parts[0], (" provisional", "$text-warning"))
    if report.rubric:
        met = sum(1 for r in report.rubric if r.met)
        parts.append(Content(f"checklist {met}/{len(report.rubric)}"))
    parts.append(Content(count(len(merge_findings(report.findings)), "finding")))
    if report.grammar.state is GrammarState.CHECKED:
        parts.append(Content.styled("grammar checked", "$text-success"))
    elif report.grammar.reason is GrammarReason.OFF:
        parts.append(Content.styled("grammar off", "dim"))
    return Content.styled("  ·  ", "dim").join(parts)


class ScoreCard(Static):
    """A Static showing `score_card_content` for a report."""

    def __init__(self, report: Report, id: str | None = None) -> None:  # noqa: A002
        super().__init__(score_card_content(report), id=id, markup=False)

    def show(self, report: Report) -> None:
        """Show another report (the full check arrived)."""
        self.update(score_card_content(report))
