"""Launch the Textual app (imported only when the TUI is wanted).

An error ends with one line on the terminal, the log file path, and exit status 1 (see
`commcoach.crash_log`), whether it happens while building the app or inside it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from commcoach.crash_log import crash_line, write_crash_log


def launch(scenario_dirs: tuple[str, ...]) -> None:
    """Build the app through the shared factory and run it."""
    from commcoach.tui.factory import make_app

    try:
        app = make_app(scenario_dirs=[Path(d) for d in scenario_dirs])
        app.run()
    except Exception as exc:  # noqa: BLE001 - the last line of defence: log it, say it, exit 1
        print(crash_line(exc, write_crash_log(exc)), file=sys.stderr)
        sys.exit(1)
    if app.return_code:
        sys.exit(app.return_code)
