"""Small modal dialogs: restore unsent text after a crash, unsaved attempts on quit, a yes/no
question before anything that would replace text, and a file-name prompt. Each answers through
`dismiss`, so the caller decides what happens."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from commcoach.history import HistoryWriteError, PendingSaves
from commcoach.plural import count as plural_count
from commcoach.tui.autosave import AutosaveEntry
from commcoach.tui.context import AppContext


class RestoreDialog(ModalScreen[tuple[str, str] | None]):
    """Text left in a composer by a run that did not quit normally: restore or discard it."""

    BINDINGS = [
        Binding("enter", "restore", "Restore", priority=True),
        Binding("d", "discard", "Discard"),
        Binding("escape", "later", "Later"),
    ]

    def __init__(self, entries: list[AutosaveEntry], titles: dict[str, str] | None = None) -> None:
        super().__init__(classes="dialog")
        self.entries = entries
        self.titles = titles or {}
        """Scenario id -> title, to name what the text was for."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content.styled("Restore unsent text?", "bold"))
            yield Static(
                "commcoach did not close normally last time. This text was autosaved:",
                classes="dialog-text",
            )
            yield OptionList(
                *[Option(self._label(e, self.titles), id=e.key) for e in self.entries],
                id="restore-list",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Restore", variant="primary", id="restore")
                yield Button("Discard", variant="error", id="discard")
                yield Button("Later", id="later")

    @staticmethod
    def _label(entry: AutosaveEntry, titles: dict[str, str]) -> Content:
        scenario = titles.get(entry.scenario_id or "", entry.scenario_id or "")
        what = {"practice": f"Practice: {scenario}", "check": "Check a message"}.get(
            entry.kind, "Draft"
        )
        first = " ".join(entry.text.split()[:8])
        return Content.assemble(
            (what, "bold"),
            (f"  {plural_count(entry.words, 'word')} · {entry.saved_at:%a %d %b %H:%M}", "dim"),
            "\n",
            (first + ("…" if entry.words > 8 else ""), "italic"),
        )

    def _key(self) -> str | None:
        option = self.query_one(OptionList).highlighted_option
        return option.id if option is not None else None

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def action_restore(self) -> None:
        """Open the composer the highlighted text came from, with the text in it."""
        key = self._key()
        self.dismiss(("restore", key) if key else None)

    def action_discard(self) -> None:
        """Delete the highlighted autosave."""
        key = self._key()
        self.dismiss(("discard", key) if key else None)

    def action_later(self) -> None:
        """Keep the text; it comes back when you open that scenario or the Draft screen."""
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        {"restore": self.action_restore, "discard": self.action_discard}.get(
            event.button.id or "", self.action_later
        )()


class QuitDialog(ModalScreen[bool]):
    """Attempts that could not be saved: retry, export to a file, or quit anyway."""

    BINDINGS = [
        Binding("r", "retry", "Retry"),
        Binding("e", "export", "Export"),
        Binding("q", "quit_anyway", "Quit anyway"),
        Binding("escape", "cancel", "Stay"),
    ]

    def __init__(self, pending: PendingSaves, ctx: AppContext) -> None:
        super().__init__(classes="dialog")
        self.pending = pending
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content.styled("Some attempts are not saved", "bold $text-error"))
            yield Static(id="quit-text", classes="dialog-text", markup=False)
            yield Input(str(self._default_path()), id="export-path")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Retry (r)", variant="primary", id="retry")
                yield Button("Export (e)", id="export")
                yield Button("Quit anyway (q)", variant="error", id="quit")

    def on_mount(self) -> None:
        self._describe()
        self.query_one("#retry", Button).focus()

    def _default_path(self) -> Path:
        stamp = self.ctx.clock().strftime("%Y%m%d-%H%M%S")
        return self.ctx.export_dir / f"commcoach-unsaved-{stamp}.json"

    def _describe(self) -> None:
        error = self.pending.last_error
        count = len(self.pending)
        self.query_one("#quit-text", Static).update(
            f"{plural_count(count, 'attempt')} could not be saved"
            f"{f': {error}' if error else ''}.\nRetry after fixing the problem, or export them "
            "to a file (bring them back with `commcoach history import FILE`)."
        )

    def action_retry(self) -> None:
        """Try the database again."""
        store = self.ctx.store
        if store is None:
            self.notify("There is no history database to retry.", severity="error")
            return
        try:
            self.pending.retry(store)
        except HistoryWriteError as exc:
            self.notify(str(exc), severity="error")
            self._describe()
            return
        self.notify("Saved.")
        self.dismiss(True)

    def action_export(self) -> None:
        """Write the unsaved attempts as a JSON export to the path in the box."""
        raw = self.query_one("#export-path", Input).value.strip()
        path = Path(raw).expanduser() if raw else self._default_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            count = self.pending.export(path)
        except OSError as exc:
            self.notify(f"Could not write {path}: {exc.strerror or exc}", severity="error")
            return
        self.notify(f"Exported {plural_count(count, 'attempt')} to {path}.")
        self.dismiss(True)

    def action_quit_anyway(self) -> None:
        """Quit and lose the unsaved attempts."""
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Back to the app."""
        self.dismiss(False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        actions = {"retry": self.action_retry, "export": self.action_export}
        actions.get(event.button.id or "", self.action_quit_anyway)()


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question before replacing or leaving text: Enter or y says yes, Esc or n no.

    The default button is the safe one (No), so a stray Enter in a hurry keeps the text.
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No"),
    ]

    def __init__(
        self, question: str, detail: str = "", *, yes: str = "Yes", no: str = "No"
    ) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content.styled(self.question, "bold"), markup=False)
            if self.detail:
                yield Static(self.detail, classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="warning", id="yes")
                yield Button(f"{self.no} (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class NameDialog(ModalScreen[str | None]):
    """Ask for a file name (Markdown export of a draft)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content.styled(self.title_text, "bold"))
            yield Input(self.value, id="name-input")
            yield Static("Enter saves · Esc cancels", classes="dialog-text")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


def stamp(moment: datetime) -> str:
    """A file-name-safe timestamp."""
    return moment.strftime("%Y-%m-%d-%H%M")
