"""Launch the Textual app (imported only when the TUI is wanted)."""

from __future__ import annotations

from pathlib import Path


def launch(scenario_dirs: tuple[str, ...]) -> None:
    """Build the app through the shared factory and run it."""
    from commcoach.tui.factory import make_app

    app = make_app(scenario_dirs=[Path(d) for d in scenario_dirs])
    app.run()
