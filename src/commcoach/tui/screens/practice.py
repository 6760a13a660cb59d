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
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from commcoach.conversation import Conversation, Prompt
from commcoach.feedback.report import Report
from commcoach.models import ModelAnswer, Scenario
from commcoach.safe_text import plain
from commcoach.tui.autosave import practice_key
from commcoach.tui.context import AppContext
from commcoach.tui.messages import CheckRequest, CheckRequested, FeedbackReady, SettingsChanged
from commcoach.tui.screens.attempt import AttemptScreen, ReviewResult
from commcoach.tui.widgets.composer import AutosaveTarget, Composer
from commcoach.tui.widgets.render import finding_label, rubric_line
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


class PracticeScreen(Screen[None]):
    """One run through a scenario's conversation."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit", priority=True),
        Binding("escape", "back", "Back"),
        Binding("f2", "toggle_brief", "Brief"),
        Binding("ctrl+r", "restart", "Restart"),
    ]
    """The composer takes letters, so everything here is a control or function key."""

    composer = getters.query_one("#composer", Composer)
    transcript = getters.query_one("#transcript", Transcript)
    task_line = getters.query_one("#task", Static)
    checklist = getters.query_one("#live-checklist", Static)
    live_findings = getters.query_one("#live-findings", OptionList)

    def __init__(self, ctx: AppContext, scenario: Scenario) -> None:
        super().__init__(id="practice")
        self.ctx = ctx
        self.scenario = scenario
        self.conversation = Conversation(scenario)
        self.started_at = ctx.clock()
        self.waiting: int | None = None
        """The request whose first feedback opens the feedback screen."""
        self._live_report: Report | None = None

    @property
    def prompt(self) -> Prompt | None:
        """What the learner answers now (None once the conversation is over)."""
        return self.conversation.current

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        yield TopBar("Practice", scenario.title)
        yield Static(self._brief(), id="brief", markup=False)
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
        self.query_one("#brief", Static).border_title = "Brief"
        self.live_findings.border_title = "As you type"
        self.live_findings.set_options([Option(NO_HINTS, disabled=True)])
        self._show_prompt()
        saved = self.ctx.autosave.read(practice_key(self.scenario.id))
        if saved is not None and saved.text.strip():
            self.composer.set_text(saved.text)
            self.notify(
                f"Restored your unsent text ({saved.words} words) from {saved.saved_at:%a %H:%M}.",
                title="Autosave",
            )
        self.composer.text_area.focus()

    def _show_prompt(self) -> None:
        self.transcript.sync(self.conversation.transcript)
        prompt = self.prompt
        if prompt is None:
            self.task_line.update(
                Content.assemble(
                    ("Conversation complete. ", "bold $text-success"),
                    "ctrl+r practises it again; Esc goes back.",
                )
            )
            self.composer.disabled = True
            self.checklist.update("")
            return
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
            self.checklist.update(rubric_line(report))
        else:
            self._show_wanted()
        words = [f for f in report.findings if f.source != "rubric"]
        options = [
            Option(finding_label(f, report.text, 24), id=str(i)) for i, f in enumerate(words)
        ]
        self.live_findings.set_options(options or [Option(NO_HINTS, disabled=True)])
        self.live_findings.border_subtitle = str(len(words))

    @on(OptionList.OptionSelected, "#live-findings")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        """Enter on a live finding selects its words in the composer."""
        report = self._live_report
        if report is None or report.text != self.composer.text:
            return
        words = [f for f in report.findings if f.source != "rubric"]
        finding = words[event.option_index]
        self.composer.select_span(finding.start, finding.end)

    @on(SettingsChanged)
    def _settings_changed(self) -> None:
        """Live feedback switched on or off in Settings."""
        self.composer.set_live(self.ctx.settings.ui.live_feedback)

    @on(Composer.AutosaveFailed)
    def _autosave_failed(self, event: Composer.AutosaveFailed) -> None:
        self.notify(f"Autosave failed: {event.problem}", severity="error", timeout=8)

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
        self.post_message(CheckRequested(request))

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

    def action_back(self) -> None:
        """Back to Home; unsent text stays autosaved and comes back next time."""
        self.composer.flush_autosave()
        self.dismiss(None)

    def action_toggle_brief(self) -> None:
        """Expand the brief to full length, or fold it back to a few lines."""
        brief = self.query_one("#brief", Static)
        brief.set_class(not brief.has_class("-expanded"), "-expanded")

    def action_restart(self) -> None:
        """Start the conversation again from the first message."""
        self.conversation = Conversation(self.scenario)
        self.transcript.sync([])
        self.composer.disabled = False
        self.composer.set_text("")
        self.started_at = self.ctx.clock()
        self._show_prompt()
        self.composer.text_area.focus()
