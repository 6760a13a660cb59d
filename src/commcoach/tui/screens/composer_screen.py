"""What every screen built around one composer shares: Practice, Draft and Check a message.

One place for the behaviour a learner relies on in all three: live feedback follows Settings,
a failed autosave is said out loud, a restore never lands over typing, Esc keeps the text
autosaved, and (Draft, Check) the feedback screen's edits come back into the composer.
"""

from __future__ import annotations

from textual import on
from textual.screen import Screen

from commcoach.tui.context import AppContext
from commcoach.tui.messages import FeedbackReady, SettingsChanged
from commcoach.tui.screens.attempt import AttemptScreen, ReviewResult
from commcoach.tui.widgets.composer import Composer


class ComposerScreen(Screen[None]):
    """A screen with exactly one Composer and the app context in `self.ctx`."""

    restored_noun = "text"
    """How the restore notice names what came back ('text', 'draft')."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx

    @property
    def the_composer(self) -> Composer:
        """The screen's one composer (subclasses also expose it under their own name)."""
        return self.query_one(Composer)

    @on(SettingsChanged)
    def _settings_changed(self) -> None:
        """Live feedback switched on or off in Settings."""
        self.the_composer.set_live(self.ctx.settings.ui.live_feedback)

    @on(Composer.AutosaveFailed)
    def _autosave_failed(self, event: Composer.AutosaveFailed) -> None:
        self.notify(f"Autosave failed: {event.problem}", severity="error", timeout=8)

    def restore(self, text: str) -> None:
        """Autosaved text chosen in the restore dialog: never over what you typed."""
        if self.the_composer.restore_text(text) == "appended":
            noun = self.restored_noun
            self.notify(f"Your restored {noun} is below what you typed (ctrl+z removes it).")

    def action_back(self) -> None:
        """Back; unsent text stays autosaved and comes back next time."""
        self.the_composer.flush_autosave()
        self.dismiss(None)

    def show_feedback(self, event: FeedbackReady, where: str) -> None:
        """Open the feedback screen for a finished check (Draft, Check: mode 'draft')."""
        screen = AttemptScreen(
            self.ctx,
            event.report,
            mode="draft",
            request=event.request,
            final=event.final,
            crumbs=(where, "Feedback"),
        )
        self.app.push_screen(screen, self._reviewed)

    def _reviewed(self, result: ReviewResult | None) -> None:
        """Fixes applied on the feedback screen come back into the composer."""
        composer = self.the_composer
        if result is not None and result.text != composer.text:
            composer.set_text(result.text)
        composer.text_area.focus()
