"""The top bar every screen shows: where you are, and the grammar checker's state.

The grammar state lives on the app (`grammar_status`, polled in a worker); the indicator watches
it, so every screen shows the same state without polling of its own.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, Static

from commcoach import safe_text
from commcoach.feedback.report import GrammarReason, GrammarState, GrammarStatus

SHORT_REASON: dict[GrammarReason, str] = {
    GrammarReason.NO_JAVA: "no Java",
    GrammarReason.NOT_INSTALLED: "not installed",
    GrammarReason.SERVER_DOWN: "server down",
    GrammarReason.TIMED_OUT: "timed out",
    GrammarReason.BAD_RESPONSE: "bad response",
}


def grammar_label(status: GrammarStatus | None) -> Content:
    """Short, coloured state for the top bar: ready / starting / off / unavailable (why)."""
    if status is None:
        return Content.styled("grammar …", "dim")
    if status.state is GrammarState.CHECKED:
        return Content.assemble(("● ", "$text-success"), "grammar ready")
    reason = status.reason
    if reason is GrammarReason.STARTING:
        return Content.assemble(("◌ ", "$text-warning"), "grammar starting…")
    if reason is GrammarReason.OFF or reason is None:
        return Content.assemble(("○ ", "dim"), ("grammar off", "dim"))
    if reason is GrammarReason.DEFERRED:
        return Content.assemble(("● ", "$text-success"), "grammar ready")
    why = SHORT_REASON.get(reason, reason.value.replace("_", " "))
    return Content.assemble(("✗ ", "$text-error"), f"grammar unavailable ({why})")


def grammar_sentence(status: GrammarStatus | None) -> str:
    """A full sentence for notices and the Settings screen."""
    if status is None:
        return "Grammar checker: not started yet."
    if status.state is GrammarState.CHECKED:
        where = f" at {status.server}" if status.server else ""
        return f"Grammar checker ready ({status.backend}{where})."
    label = grammar_label(status).plain.lstrip("●◌○✗ ")
    detail = f": {status.detail}" if status.detail else "."
    return f"{label[0].upper()}{label[1:]}{detail}"


class GrammarIndicator(Static):
    """Shows the app's `grammar_status`; the tooltip carries the full explanation."""

    def on_mount(self) -> None:
        self.watch(self.app, "grammar_status", self._show, init=True)

    def _show(self, status: GrammarStatus | None) -> None:
        self.update(grammar_label(status))  # Content of our own words: no markup parsed
        self.tooltip = safe_text.text(grammar_sentence(status))  # server text: never markup


class TopBar(Horizontal):
    """`commcoach › Screen › detail` on the left, the grammar state on the right."""

    def __init__(self, *crumbs: str) -> None:
        super().__init__(classes="top-bar")
        self._crumbs = crumbs

    def compose(self) -> ComposeResult:
        trail = Content.assemble(("commcoach", "bold $accent"))
        for crumb in self._crumbs:
            trail = Content.assemble(trail, (" › ", "dim"), safe_text.plain(crumb, one_line=True))
        yield Label(trail, classes="crumbs", markup=False)
        yield GrammarIndicator(classes="grammar-indicator")
        yield Label(Content.styled("  F1 help", "dim"), classes="help-hint", markup=False)
