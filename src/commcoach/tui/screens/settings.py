"""Settings: grammar backend and server, English variant, personal dictionary,
theme and live feedback; ctrl+s saves them to the TOML config.

A new grammar backend takes effect at once: a new feedback engine is built in a worker and the
old one (and its LanguageTool server) is closed.
"""

from __future__ import annotations

from pydantic import ValidationError
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Input, Label, Select, Static, TextArea

from commcoach.config import (
    DictionarySettings,
    EnglishVariant,
    GrammarBackend,
    GrammarSettings,
    Settings,
    UISettings,
    save_settings,
)
from commcoach.errors import describe_validation_error
from commcoach.tui.context import AppContext
from commcoach.tui.messages import SettingsChanged
from commcoach.tui.widgets.status_bar import TopBar, grammar_sentence

BACKEND_HELP = {
    "local": "LanguageTool on this machine (private; needs Java 17+ and the download).",
    "remote": "Your team's LanguageTool server at the URL below: your text is sent there.",
    "public": "languagetool.org's public API: your text leaves this machine. Rate-limited.",
    "off": "No grammar or spelling check; style, readability and rubric still work.",
}


PER_REQUEST = frozenset({"variant", "mother_tongue", "picky", "disabled_rules", "timeout_seconds"})
"""Grammar settings sent with each request: changing them never restarts LanguageTool."""


SWITCHES: dict[str, tuple[str, str, str]] = {
    "picky": (
        "Picky grammar",
        "more hints, and more false alarms",
        "the usual hints only",
    ),
    "live-feedback": (
        "Live feedback",
        "hints while you type",
        "hints only when you submit",
    ),
}
"""Each on/off switch: its name, what ON does, what OFF does."""


def switch_label(switch: str, on: bool) -> Content:
    """`Picky grammar: ON – more hints, and more false alarms` (OFF says what happens then)."""
    name, when_on, when_off = SWITCHES[switch]
    state = Content.styled("ON", "bold $text-success") if on else Content.styled("OFF", "bold")
    return Content.assemble(f"{name}: ", state, f" – {when_on if on else when_off}")


class SettingsScreen(Screen[None]):
    """Edit and save the settings."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "back", "Back"),
    ]

    backend = getters.query_one("#backend", Select)
    server_url = getters.query_one("#server-url", Input)
    variant = getters.query_one("#variant", Select)
    picky = getters.query_one("#picky", Checkbox)
    words = getters.query_one("#dictionary", TextArea)
    theme_select = getters.query_one("#theme", Select)
    live = getters.query_one("#live-feedback", Checkbox)

    nav_kind = "settings"
    """Its row in navigation.SCREEN_TABLE."""
    nav_key = ""

    def unsent_text(self) -> str:
        """Nothing typed here is lost by closing it."""
        return ""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.saved_theme = ctx.settings.ui.theme

    def compose(self) -> ComposeResult:
        settings = self.ctx.settings
        grammar = settings.grammar
        themes = sorted(self.app.available_themes)
        theme = settings.ui.theme if settings.ui.theme in themes else self.app.theme
        yield TopBar("Settings")
        with VerticalScroll(id="settings-form"):
            yield Static(id="grammar-now", markup=False)
            with Horizontal(classes="field-row"):
                yield Label("Grammar backend", classes="field-label")
                yield Select(
                    [(b.value, b.value) for b in GrammarBackend],
                    value=grammar.backend.value,
                    allow_blank=False,
                    id="backend",
                    compact=True,
                )
            yield Static(id="backend-help", classes="field-help", markup=False)
            with Horizontal(classes="field-row"):
                yield Label("Server URL", classes="field-label")
                yield Input(
                    grammar.server_url,
                    placeholder="http://lt.example.internal:8081/ (remote backend)",
                    id="server-url",
                    compact=True,
                )
            with Horizontal(classes="field-row"):
                yield Label("English variant", classes="field-label")
                yield Select(
                    [(v.value, v.value) for v in EnglishVariant],
                    value=grammar.variant.value,
                    allow_blank=False,
                    id="variant",
                    compact=True,
                )
            with Horizontal(classes="field-row"):
                yield Label("Theme", classes="field-label")
                yield Select(
                    [(name, name) for name in themes],
                    value=theme,
                    allow_blank=False,
                    id="theme",
                    compact=True,
                )
            with Horizontal(classes="field-row"):
                yield Label("", classes="field-label")
                yield Checkbox(
                    switch_label("picky", grammar.picky), grammar.picky, id="picky", compact=True
                )
            with Horizontal(classes="field-row"):
                yield Label("", classes="field-label")
                yield Checkbox(
                    switch_label("live-feedback", settings.ui.live_feedback),
                    settings.ui.live_feedback,
                    id="live-feedback",
                    compact=True,
                )
            yield Label("Personal dictionary: one word per line", classes="field-title")
            yield TextArea(
                "\n".join(settings.dictionary.words),
                id="dictionary",
                show_line_numbers=False,
                soft_wrap=True,
            )
        yield Footer()

    def on_mount(self) -> None:
        self._show_backend_help()
        self.watch(self.app, "grammar_status", self._show_status, init=True)
        self.backend.focus()

    def _show_status(self) -> None:
        sentence = grammar_sentence(getattr(self.app, "grammar_status", None))
        self.query_one("#grammar-now", Static).update(Content.assemble(("Now: ", "bold"), sentence))

    def _show_backend_help(self) -> None:
        value = self.backend.value
        backend = value if isinstance(value, str) else "local"
        style = "$text-warning" if backend in ("public", "remote") else "dim"
        self.query_one("#backend-help", Static).update(Content.styled(BACKEND_HELP[backend], style))
        self.server_url.disabled = backend != "remote"

    @on(Select.Changed, "#backend")
    def _backend_changed(self) -> None:
        self._show_backend_help()

    @on(Checkbox.Changed)
    def _switched(self, event: Checkbox.Changed) -> None:
        """Say ON or OFF in words: the box alone looks much the same either way."""
        if event.checkbox.id in SWITCHES:
            event.checkbox.label = switch_label(event.checkbox.id, event.value)

    @on(Select.Changed, "#theme")
    def _theme_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value in self.app.available_themes:
            self.app.theme = event.value  # preview; Esc without saving puts it back

    def build(self) -> Settings:
        """Settings from the form; raises ValidationError for a bad value."""
        current = self.ctx.settings
        words = [w.strip() for w in self.words.text.splitlines() if w.strip()]
        grammar = GrammarSettings.model_validate(
            {
                **current.grammar.model_dump(),
                "backend": self.backend.value,
                "server_url": self.server_url.value.strip(),
                "variant": self.variant.value,
                "picky": self.picky.value,
            }
        )
        ui = UISettings.model_validate(
            {
                **current.ui.model_dump(),
                "theme": self.theme_select.value,
                "live_feedback": self.live.value,
            }
        )
        dictionary = DictionarySettings(words=sorted(set(words), key=str.lower))
        return current.model_copy(update={"grammar": grammar, "ui": ui, "dictionary": dictionary})

    def action_save(self) -> None:
        """Validate and write the settings file; apply them now."""
        try:
            new = self.build()
        except ValidationError as exc:
            self.notify(describe_validation_error(exc), title="Not saved", severity="error")
            return
        if new.grammar.backend is GrammarBackend.REMOTE and not new.grammar.server_url:
            self.notify(
                "The remote backend needs a server URL.", title="Not saved", severity="error"
            )
            self.server_url.focus()
            return
        self._save(new)

    @work(
        thread=True,
        exclusive=True,
        group="settings",
        exit_on_error=False,
        description="Save settings",
    )
    def _save(self, new: Settings) -> None:
        try:
            path = save_settings(new)
        except OSError as exc:
            self.app.call_from_thread(
                self.notify,
                f"Could not write the settings: {exc.strerror or exc}",
                severity="error",
            )
            return
        old = self.ctx.settings
        self.ctx.settings = new
        grammar_changed = (old.grammar != new.grammar) or (old.dictionary != new.dictionary)
        restarted = False
        if grammar_changed and not self._reconfigured(old, new):
            previous = self.ctx.replace_engine(new)
            if previous is not None:
                previous.close()
            self.ctx.engine.grammar.start()
            restarted = True
        self.app.call_from_thread(self._saved, str(path), restarted)

    def _reconfigured(self, old: Settings, new: Settings) -> bool:
        """Apply options that travel with each request to the running checker (True), or say
        the server itself must change (False: backend, URL, server options)."""
        keep = {"backend", "server_url"} | set(GrammarSettings.model_fields) - PER_REQUEST
        if any(getattr(old.grammar, f) != getattr(new.grammar, f) for f in keep):
            return False
        if not self.ctx.has_engine:
            return True  # nothing running: the first use builds an engine with `new`
        engine = self.ctx.engine
        reconfigure = getattr(engine.grammar, "reconfigure", None)
        if not callable(reconfigure):
            return False
        reconfigure(new)
        engine.settings = new
        return True

    def _saved(self, path: str, restarted: bool) -> None:
        self.saved_theme = self.ctx.settings.ui.theme
        extra = " Grammar checker restarted." if restarted else ""
        self.notify(f"Saved to {path}.{extra}", title="Settings")
        for screen in self.app.screen_stack:
            screen.post_message(SettingsChanged())

    def action_back(self) -> None:
        """Back without saving (a previewed theme is put back)."""
        if self.app.theme != self.saved_theme and self.saved_theme in self.app.available_themes:
            self.app.theme = self.saved_theme
        self.dismiss(None)
