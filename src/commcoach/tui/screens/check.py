"""Check a message: paste anything (a Slack reply, an email, a PR description) and get the
same feedback as a practice answer, without a scenario and without filing it in the history.

The text is autosaved like every composer's, so a crash or Esc never loses it.
"""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Static

from commcoach.feedback.report import Report
from commcoach.tui.autosave import CHECK_KEY
from commcoach.tui.context import AppContext
from commcoach.tui.messages import CheckRequest, CheckRequested, FeedbackReady
from commcoach.tui.screens.composer_screen import ComposerScreen
from commcoach.tui.screens.practice import REQUEST_IDS
from commcoach.tui.widgets.composer import AutosaveTarget, Composer
from commcoach.tui.widgets.status_bar import TopBar

INTRO = Content.assemble(
    ("Paste or type any message, then ctrl+s: ", "bold"),
    "grammar, spelling, tone, clarity and readability, as in practice. ",
    ("Nothing is saved to your history.", "dim"),
)


class CheckScreen(ComposerScreen):
    """A composer for any message, checked on ctrl+s and never filed as an attempt."""

    BINDINGS = [
        Binding("ctrl+s", "check", "Check", priority=True),
        Binding("escape", "back", "Back"),
    ]
    """Control keys only: the composer takes every letter."""

    nav_kind = "check"
    """Its row in navigation.SCREEN_TABLE."""
    nav_key = ""

    composer = getters.query_one("#check-composer", Composer)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.started_at = ctx.clock()
        self.waiting: int | None = None

    def unsent_text(self) -> str:
        """Nothing: the text is autosaved and comes back when the screen opens again."""
        return ""

    def compose(self) -> ComposeResult:
        saved = self.ctx.autosave.read(CHECK_KEY)
        yield TopBar("Check a message")
        yield Static(INTRO, id="check-intro", markup=False)
        yield Composer(
            self._analyse_live,
            autosave=AutosaveTarget(self.ctx.autosave, CHECK_KEY, "check", self.ctx.clock),
            live=self.ctx.settings.ui.live_feedback,
            text=saved.text if saved is not None else "",
            placeholder="Paste a message here… (ctrl+s checks it)",
            id="check-composer",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.composer.text_area.focus()

    def _analyse_live(self, text: str) -> Report:
        return self.ctx.engine.analyse(text, with_grammar=False)

    def action_check(self) -> None:
        """Full feedback, LanguageTool included; not saved as an attempt."""
        text = self.composer.text
        if not text.strip():
            self.notify("Paste a message first.", severity="warning")
            return
        self.composer.flush_autosave()
        request = CheckRequest(
            id=next(REQUEST_IDS),
            kind="draft",
            text=text,
            started_at=self.started_at,
            title="Checked message",
            save=False,
        )
        self.waiting = request.id
        self.post_message(CheckRequested(request))

    @on(FeedbackReady)
    def _feedback(self, event: FeedbackReady) -> None:
        if event.request.id != self.waiting:
            return
        self.waiting = None
        self.show_feedback(event, "Check")
