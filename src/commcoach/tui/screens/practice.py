"""Practice: the situation, a chat-like transcript, and a composer with live feedback.

ctrl+s submits: the app checks the answer (local channels at once, LanguageTool when ready) and
saves it; the feedback screen opens on the first result. From there the learner retries, or
goes on to the counterpart's next message as the scenario's follow-ups decide.
"""

from __future__ import annotations

import itertools

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from commcoach.conversation import Conversation, Prompt
from commcoach.feedback.names import merge_findings
from commcoach.feedback.report import Report
from commcoach.models import ModelAnswer, Scenario
from commcoach.plural import count
from commcoach.safe_text import plain
from commcoach.tui.autosave import practice_key
from commcoach.tui.context import AppContext
from commcoach.tui.messages import (
    AttemptSaved,
    CheckRequest,
    CheckRequested,
    FeedbackReady,
)
from commcoach.tui.screens.attempt import AttemptScreen, ReviewResult
from commcoach.tui.screens.composer_screen import ComposerScreen
from commcoach.tui.screens.dialogs import ConfirmDialog
from commcoach.tui.widgets.composer import AutosaveTarget, Composer
from commcoach.tui.widgets.render import finding_label, hint_strip, rubric_line
from commcoach.tui.widgets.status_bar import TopBar
from commcoach.tui.widgets.transcript import Transcript

NO_HINTS = Content.styled(
    "No hints so far. Style and readability are checked as you type; grammar and spelling "
    "when you submit (ctrl+s). Enter on a hint selects its words.",
    "dim",
)
REQUEST_IDS = itertools.count(1)
"""Ids of check requests, unique in the process (practice and draft screens share them)."""


def model_answer_for(scenario: Scenario, prompt: Prompt) -> ModelAnswer | None:
    """The model answer of a main turn (the first turn's when the file names none)."""
    return None if prompt.is_follow_up else scenario.model_answer(prompt.turn_id)


class PracticeScreen(ComposerScreen):
    """One run through a scenario's conversation."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit", priority=True),
        Binding("escape", "back", "Back"),
        Binding("f2", "toggle_brief", "Brief"),
        Binding("ctrl+r", "restart", "Restart"),
    ]
    """The composer takes letters, so everything here is a control or function key."""

    nav_kind = "practice"
    """Its row in navigation.SCREEN_TABLE: another scenario replaces this screen."""

    composer = getters.query_one("#composer", Composer)
    transcript = getters.query_one("#transcript", Transcript)
    task_line = getters.query_one("#task", Static)
    checklist = getters.query_one("#live-checklist", Static)
    hint = getters.query_one("#hint-strip", Static)
    live_findings = getters.query_one("#live-findings", OptionList)

    def __init__(self, ctx: AppContext, scenario: Scenario) -> None:
        super().__init__(ctx)
        self.scenario = scenario
        self.conversation = Conversation(scenario)
        self.started_at = ctx.clock()
        self.waiting: int | None = None
        """The request whose first feedback opens the feedback screen."""
        self._live_report: Report | None = None
        self._sent: dict[int, str] = {}
        """Submitted texts by request id, until the history has them."""

    @property
    def nav_key(self) -> str:
        """The scenario: opening the same one again brings this screen back."""
        return self.scenario.id

    @property
    def finished(self) -> bool:
        """True once the counterpart has nothing more to say."""
        return self.prompt is None

    def unsent_text(self) -> str:
        """What is in the composer and was never submitted."""
        text = self.composer.text
        return "" if text in self._sent.values() else text

    @property
    def prompt(self) -> Prompt | None:
        """What the learner answers now (None once the conversation is over)."""
        return self.conversation.current

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        yield TopBar("Practice", scenario.title)
        with VerticalScroll(id="brief"):
            yield Static(self._brief(), id="brief-text", markup=False)
        with Horizontal(id="practice-body"):
            with Vertical(id="conversation"):
                yield Transcript(scenario.counterpart.name, id="transcript")
                yield Static(id="task", markup=False)
                yield Composer(
                    self._analyse_live,
                    autosave=AutosaveTarget(
                        self.ctx.autosave,
                        practice_key(scenario.id),
                        "practice",
                        self.ctx.clock,
                        scenario_id=scenario.id,
                    ),
                    live=self.ctx.settings.ui.live_feedback,
                    placeholder=Content(
                        f"Your reply to {plain(scenario.counterpart.name, one_line=True)}… "
                        "(ctrl+s submits)"
                    ),
                    id="composer",
                )
                yield Static(id="live-checklist", markup=False)
                yield Static(id="hint-strip", markup=False)
                yield Static(id="finished", markup=False)
            with Vertical(id="live-side"):
                yield OptionList(id="live-findings")
        yield Footer()

    def _brief(self) -> Content:
        scenario = self.scenario
        counterpart = scenario.counterpart
        return Content.assemble(
            ("Situation ", "bold $accent"),
            (" F2 ", "reverse dim"),
            " ",
            " ".join(scenario.brief.split()),
            "\n",
            ("You write to ", "dim"),
            (counterpart.name, "bold"),
            (
                f", {counterpart.role} · {scenario.audience.value} · {scenario.formality.value}",
                "dim",
            ),
        )

    def on_mount(self) -> None:
        brief = self.query_one("#brief", VerticalScroll)
        brief.border_title = "Brief"
        brief.can_focus = False
        self.call_after_refresh(self._brief_hint)
        self.live_findings.border_title = "As you type"
        self.live_findings.set_options([Option(NO_HINTS, disabled=True)])
        self._show_prompt()
        saved = self.ctx.autosave.read(practice_key(self.scenario.id))
        if saved is not None and saved.text.strip():
            self.composer.set_text(saved.text)
            self.notify(
                f"Restored your unsent text ({count(saved.words, 'word')}) from "
                f"{saved.saved_at:%a %H:%M}.",
                title="Autosave",
            )
        self.composer.text_area.focus()

    def _show_prompt(self) -> None:
        self.transcript.sync(self.conversation.transcript)
        prompt = self.prompt
        self.set_class(prompt is None, "-finished")
        self.refresh_bindings()
        if prompt is None:
            answers = sum(1 for turn in self.conversation.transcript if turn.speaker == "learner")
            self.task_line.update("")
            self.query_one("#finished", Static).update(
                Content.assemble(
                    ("✓ Conversation finished", "bold $text-success"),
                    f" ({count(answers, 'answer')} sent, all in your History).\n",
                    ("Next: ", "bold"),
                    "ctrl+r practise it again · Esc back to the scenarios · "
                    "ctrl+p another scenario, History or a drill",
                )
            )
            self.composer.disabled = True
            self.checklist.update("")
            self.hint.update("")
            return
        self.composer.disabled = False
        label = "Follow-up" if prompt.is_follow_up else "Your task"
        self.task_line.update(Content.assemble((f"{label}: ", "bold"), prompt.task))
        self._show_wanted()

    def _show_wanted(self) -> None:
        """Before any text: what a good answer to this prompt contains."""
        prompt = self.prompt
        wanted = ", ".join(e.label.lower() for e in prompt.elements) if prompt else ""
        self.checklist.update(Content.styled(f"A good answer: {wanted}", "dim") if wanted else "")

    def _analyse_live(self, text: str) -> Report:
        """The fast local channels for the current prompt (runs in the composer's worker)."""
        prompt = self.prompt
        if prompt is None:
            return self.ctx.engine.analyse(text, self.scenario, with_grammar=False)
        elements = prompt.elements if prompt.is_follow_up else None
        return self.ctx.engine.analyse(
            text, self.scenario, prompt.turn_id, elements=elements, with_grammar=False
        )

    @on(Composer.LiveReport)
    def _live(self, event: Composer.LiveReport) -> None:
        self.show_live(event.report)

    def show_live(self, report: Report) -> None:
        """The live checklist and the 'As you type' list (stale reports are ignored)."""
        if report.text != self.composer.text:
            return
        self._live_report = report
        if report.text.strip():
            self.checklist.update(rubric_line(report.rubric))
        else:
            self._show_wanted()
        words = merge_findings([f for f in report.findings if f.source != "rubric"])
        options = [
            Option(finding_label(f, report.text, 24), id=str(i)) for i, f in enumerate(words)
        ]
        self.live_findings.set_options(options or [Option(NO_HINTS, disabled=True)])
        self.live_findings.border_subtitle = count(len(words), "hint")
        self.hint.update(hint_strip(words, report.text))

    @on(OptionList.OptionSelected, "#live-findings")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        """Enter on a live finding selects its words in the composer."""
        report = self._live_report
        if report is None or report.text != self.composer.text:
            return
        words = merge_findings([f for f in report.findings if f.source != "rubric"])
        finding = words[event.option_index]
        self.composer.select_span(finding.start, finding.end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No Submit once the conversation is over; Restart is then 'Again'."""
        return not (action == "submit" and self.finished)

    def action_submit(self) -> None:
        """Check the answer with every channel, save it, and show the feedback."""
        prompt = self.prompt
        if prompt is None:
            self.notify("The conversation is over: ctrl+r starts it again.")
            return
        text = self.composer.text
        if not text.strip():
            self.notify("Write your answer first.", severity="warning")
            return
        self.composer.flush_autosave()
        request = CheckRequest(
            id=next(REQUEST_IDS),
            kind="practice",
            text=text,
            started_at=self.started_at,
            scenario=self.scenario,
            turn_id=prompt.turn_id,
            elements=prompt.elements if prompt.is_follow_up else None,
        )
        self.waiting = request.id
        self._sent[request.id] = text
        self.post_message(CheckRequested(request))

    @on(AttemptSaved)
    def _attempt_saved(self, event: AttemptSaved) -> None:
        """The history has the answer: its autosave is not unsent text any more."""
        text = self._sent.get(event.request_id)
        if text is not None:
            self.composer.forget_sent(text)

    @on(FeedbackReady)
    def _feedback(self, event: FeedbackReady) -> None:
        if event.request.id != self.waiting:
            return
        self.waiting = None
        prompt = self.prompt
        model = model_answer_for(self.scenario, prompt) if prompt else None
        screen = AttemptScreen(
            self.ctx,
            event.report,
            mode="practice",
            request=event.request,
            final=event.final,
            crumbs=("Practice", "Feedback"),
            model_answer=model,
        )
        self.app.push_screen(screen, self._reviewed)

    def _reviewed(self, result: ReviewResult | None) -> None:
        if result is None:
            return
        if result.action == "next" and self.prompt is not None:
            self.conversation.answer(result.text, result.report)  # with any fixes applied
            self.composer.discard_autosave()
            self.composer.set_text("")
            self.started_at = self.ctx.clock()
            self._show_prompt()
            self.composer.text_area.focus()
        else:
            if result.text != self.composer.text:
                self.composer.set_text(result.text)
            self.composer.text_area.focus()

    def _brief_hint(self) -> None:
        """'F2 more' only when the folded brief hides some of it ('F2 less' when unfolded)."""
        brief = self.query_one("#brief", VerticalScroll)
        if brief.has_class("-expanded"):
            brief.border_subtitle = "F2 less"
        else:
            brief.border_subtitle = "F2 more" if brief.max_scroll_y > 0 else ""

    def on_resize(self) -> None:
        self.call_after_refresh(self._brief_hint)

    def action_toggle_brief(self) -> None:
        """Expand the brief to full length, or fold it back to a few lines."""
        brief = self.query_one("#brief", VerticalScroll)
        expanded = not brief.has_class("-expanded")
        brief.set_class(expanded, "-expanded")
        self.call_after_refresh(self._brief_hint)

    def action_restart(self) -> None:
        """Start the conversation again from the first message (asks when text is unsent)."""
        unsent = self.unsent_text()
        if not unsent.strip():
            self._restart()
            return
        self.app.push_screen(
            ConfirmDialog(
                f"Start again and clear your reply ({count(len(unsent.split()), 'word')})?",
                "ctrl+z in the composer brings the text back; it stays autosaved until then.",
                yes="Start again",
                no="Keep writing",
            ),
            lambda yes: self._restart() if yes else None,
        )

    def _restart(self) -> None:
        self.conversation = Conversation(self.scenario)
        self.transcript.sync([])
        self.composer.disabled = False
        self.composer.clear()
        self.started_at = self.ctx.clock()
        self._show_prompt()
        self.composer.text_area.focus()
