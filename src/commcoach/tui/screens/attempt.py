"""The feedback on one message: highlighted findings with explanations, the score card and
rubric checklist, and (after a try) the model answer with a word diff.

Three modes: `practice` (after submitting an answer: next, retry, apply a fix, check again),
`draft` (back to editing, apply, check again) and `history` (an old attempt, read-only).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static, TabbedContent, TabPane

from commcoach.feedback.report import GrammarReason, Report
from commcoach.models import ModelAnswer
from commcoach.tui.context import AppContext
from commcoach.tui.messages import CheckRequest, CheckRequested, FeedbackReady, GrammarProgress
from commcoach.tui.widgets.diff_view import diff_content
from commcoach.tui.widgets.feedback_view import FeedbackView
from commcoach.tui.widgets.score_card import ScoreCard, summary_line
from commcoach.tui.widgets.status_bar import TopBar

Mode = Literal["practice", "draft", "history"]

RECHECK_IDS = itertools.count(1_000_000)
"""Ids for re-checks started here (apart from the composers' ids)."""


@dataclass(frozen=True)
class ReviewResult:
    """How the learner left the feedback: go on, or back to the composer with `text`."""

    action: Literal["next", "retry"]
    text: str
    report: Report


_MODE_ACTIONS: dict[str, set[Mode]] = {
    "next": {"practice"},
    "retry": {"practice", "draft"},
    "apply": {"practice", "draft"},
    "check_again": {"practice", "draft"},
    "model": {"practice", "history"},
    "practise_again": {"history"},
}
"""Which mode offers which action; the others are hidden from the footer and the palette."""


class AttemptScreen(Screen[ReviewResult]):
    """Feedback for one report."""

    BINDINGS = [
        Binding("n", "next", "Next", tooltip="Go on to the counterpart's next message"),
        Binding("r", "retry", "Retry", tooltip="Back to the composer to edit and resubmit"),
        Binding("a", "apply", "Apply", tooltip="Replace the flagged words with the suggestion"),
        Binding(
            "ctrl+s",
            "check_again",
            "Re-check",
            priority=True,
            tooltip="Check the text again after applying fixes (not a new attempt)",
        ),
        Binding("f", "tab('findings')", "Findings", show=False),
        Binding("s", "tab('score')", "Score"),
        Binding("m", "model", "Model", tooltip="The model answer with a word diff"),
        Binding("p", "practise_again", "Practise", tooltip="Practise this scenario again"),
        Binding("escape", "back", "Back"),
    ]

    summary = getters.query_one("#summary", Static)
    feedback = getters.query_one("#feedback-view", FeedbackView)
    score_card = getters.query_one("#score-card", ScoreCard)
    tabs = getters.query_one("#attempt-tabs", TabbedContent)

    def __init__(
        self,
        ctx: AppContext,
        report: Report,
        *,
        mode: Mode,
        request: CheckRequest | None = None,
        final: bool = True,
        crumbs: tuple[str, ...] = ("Feedback",),
        model_answer: ModelAnswer | None = None,
        scenario_id: str | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.report = report
        self.mode: Mode = mode
        self.request = request
        self.final = final
        self.crumbs = crumbs
        self.model_answer = model_answer
        self.scenario_id = scenario_id or report.scenario_id
        self.grammar_progress: tuple[int, int] | None = None
        """(characters checked, of all) while a long grammar check runs."""

    def compose(self) -> ComposeResult:
        yield TopBar(*self.crumbs)
        yield Static(id="summary", markup=False)
        with TabbedContent(id="attempt-tabs", initial="findings"):
            with TabPane("Findings", id="findings"):
                yield FeedbackView(self.report, editable=self.mode != "history", id="feedback-view")
            with TabPane("Score & checklist", id="score"), VerticalScroll():
                yield ScoreCard(self.report, id="score-card")
            with TabPane("Model answer", id="model"), VerticalScroll():
                yield Static(id="model-diff", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.request is not None and not self.final:
            latest = self.ctx.latest_feedback.get(self.request.id)
            if latest is not None and latest[1]:  # the full check finished before we opened
                self.report, self.final = latest
                self.feedback.show(self.report)
                self.score_card.show(self.report)
        self._show_summary()
        if self.model_answer is None:
            self.tabs.hide_tab("model")
        self.feedback.finding_list.focus()

    def _show_summary(self) -> None:
        line = summary_line(self.report)
        if not self.final:
            line = Content.assemble(line, ("  ·  ", "dim"), (self._checking(), "$text-warning"))
        elif not self.report.grammar.checked and self.report.grammar.reason not in (
            GrammarReason.OFF,
            None,
        ):
            line = Content.assemble(
                line, ("  ·  ", "dim"), ("grammar not checked", "$text-warning")
            )
        if self.feedback.edited:
            line = Content.assemble(line, ("  ·  ", "dim"), ("edited: ^s re-checks", "bold"))
        self.summary.update(line)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the actions of this mode; `apply` only when the finding has a fix."""
        modes = _MODE_ACTIONS.get(action)
        if modes is not None and self.mode not in modes:
            return False
        if action == "model" and self.model_answer is None:
            return False
        if action == "practise_again" and self.scenario_id not in self.ctx.library.scenarios:
            return False
        if action == "apply" and not self.feedback.can_apply:
            return None  # shown dimmed: there is an action, but not for this finding
        return True

    def _checking(self) -> str:
        """'checking grammar…', with how far it got once a long check reports progress."""
        if self.grammar_progress is None or not self.grammar_progress[1]:
            return "checking grammar…"
        done, total = self.grammar_progress
        return f"checking grammar… {done / total:.0%} ({done:,} of {total:,} characters)"

    @on(GrammarProgress)
    def _grammar_progress(self, event: GrammarProgress) -> None:
        if self.request is None or event.request_id != self.request.id or self.final:
            return
        self.grammar_progress = (event.done, event.total)
        self._show_summary()

    @on(FeedbackReady)
    def _feedback_ready(self, event: FeedbackReady) -> None:
        """The full check (or a re-check) for our request arrived: show it."""
        if self.request is None or event.request.id != self.request.id:
            return
        if self.feedback.edited and event.report.text != self.feedback.text:
            return
        self.report = event.report
        self.final = event.final
        self.feedback.edited = False
        self.feedback.show(event.report)
        self.score_card.show(event.report)
        self._show_summary()
        self._show_model()
        self.refresh_bindings()

    @on(FeedbackView.Applied)
    def _applied(self, event: FeedbackView.Applied) -> None:
        self.notify(f"“{event.replaced}” → “{event.replacement}”", timeout=3)
        self._show_summary()
        self.refresh_bindings()
        self._check(save=False)  # never approve an error: every channel looks at the fix

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def _show_model(self) -> None:
        if self.model_answer is None:
            return
        self.query_one("#model-diff", Static).update(
            diff_content(self.feedback.text, self.model_answer.text, self.model_answer.note)
        )

    def action_tab(self, tab: str) -> None:
        """Switch tab (f: findings, s: score) and give its content the keyboard."""
        self.tabs.active = tab
        if tab == "findings":
            self.feedback.finding_list.focus()
        else:
            self.query_one(f"#{tab} VerticalScroll", VerticalScroll).focus()

    def action_model(self) -> None:
        """Reveal the model answer with a word diff against yours."""
        self._show_model()
        self.action_tab("model")

    def action_apply(self) -> None:
        """Replace the selected finding's words with its first suggestion."""
        if not self.feedback.apply_selected():
            self.notify("This finding has no replacement to apply.", severity="warning")

    def action_next(self) -> None:
        """Go on to the counterpart's next message."""
        self.dismiss(ReviewResult("next", self.feedback.text, self.report))

    def action_retry(self) -> None:
        """Back to the composer with the text (including applied fixes) to edit."""
        self.dismiss(ReviewResult("retry", self.feedback.text, self.report))

    def action_back(self) -> None:
        """Escape: back to where you came from (the composer keeps your text)."""
        if self.mode == "history":
            self.dismiss(None)
        else:
            self.action_retry()

    def action_check_again(self) -> None:
        """Check the current text again (after applying fixes) ; not a new attempt."""
        self._check(save=False)

    def _check(self, save: bool) -> None:
        """Send the current text to every channel; `save=False` re-checks without a new attempt."""
        if self.request is None:
            return
        request = CheckRequest(
            id=next(RECHECK_IDS),
            kind=self.request.kind,
            text=self.feedback.text,
            started_at=self.request.started_at,
            scenario=self.request.scenario,
            turn_id=self.request.turn_id,
            elements=self.request.elements,
            title=self.request.title,
            save=save,
        )
        self.request = request
        self.final = False
        self._show_summary()
        self.post_message(CheckRequested(request))

    def action_practise_again(self) -> None:
        """History: practise this attempt's scenario again."""
        from commcoach.tui.navigation import open_practice

        if self.scenario_id:
            open_practice(self.app, self.ctx, self.scenario_id)
