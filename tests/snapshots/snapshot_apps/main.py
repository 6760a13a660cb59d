"""The app as the snapshot tests (and docs screenshots) see it: built by the real factory with
fixed scenarios, a fixed clock, a seeded real history and grammar off, so every picture is
the same on every machine. Run it by hand with `python tests/snapshots/snapshot_apps/main.py`
(it then uses a temporary data folder)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.pilot import Pilot

from commcoach import paths
from commcoach.config import GrammarBackend, GrammarSettings, Settings
from commcoach.feedback.engine import FeedbackEngine
from commcoach.history import HistoryStore
from commcoach.history.save import record_from_report
from commcoach.scenarios import Library, expand, load_paths
from commcoach.tui.app import CommCoachApp
from commcoach.tui.factory import make_app

SCENARIOS = Path(__file__).resolve().parents[2] / "tui" / "scenarios"
TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 11, 9, 30, tzinfo=TZ)

SEED: list[tuple[str, str, float]] = [
    ("standup-daily", "I did the login test. I will maybe do refunds.", 30),
    ("clarify-vague-ticket", "Hi, what is fast? Thanks.", 23),
    (
        "standup-daily",
        "Yesterday I fixed the flaky login test. Today I will start the refund email. No blockers.",
        16,
    ),
    ("deadline-more-time", "I just wanted to say that maybe I need more time, I think.", 9),
    ("deadline-more-time", "Sorry, sorry! I will send the new plan soon, maybe later.", 3),
    (
        "clarify-vague-ticket",
        "Hi Sam, quick question about PAY-12: does fast mean under two "
        "seconds for the search page? I assumed the 95th percentile. Could you confirm by "
        "Thursday?",
        2,
    ),
    (
        "standup-daily",
        "Yesterday I fixed the flaky login test (PAY-231). Today I will start the "
        "refund email template. Blocked on staging access: could you give me read access today?",
        1,
    ),
]
"""(scenario, answer, days before NOW): a month of practice with progress."""


def clock() -> datetime:
    """The pictures' `now`: Wednesday 11 March 2026, 09:30."""
    return NOW


def settings() -> Settings:
    """Grammar off: no server, and the same feedback everywhere."""
    return Settings(grammar=GrammarSettings(backend=GrammarBackend.OFF))


def library() -> Library:
    """The four fixture scenarios shared with the Pilot tests."""
    return load_paths(expand([SCENARIOS]))


def seed_history(store: HistoryStore) -> None:
    """Real reports from the real engine, saved with fixed dates."""
    chosen = settings()
    engine = FeedbackEngine(chosen)
    scenarios = library().scenarios
    for scenario_id, text, days in SEED:
        scenario = scenarios[scenario_id]
        report = engine.analyse(text, scenario)
        store.save_attempt(
            record_from_report(
                report,
                settings=chosen,
                seconds_spent=90,
                scenario=scenario,
                created_at=NOW - timedelta(days=days),
            )
        )


def build_app(*, seeded: bool = True) -> CommCoachApp:
    """The app, with its history in `paths.db_path()` (the tests point it at a tmp folder)."""
    store = HistoryStore(paths.db_path())
    if seeded and store.count() == 0:
        seed_history(store)
    return make_app(
        settings=settings(),
        store=store,
        library=library(),
        clock=clock,
        cwd=Path("/nonexistent-commcoach-snapshot-cwd"),
        offer_restore=False,
        cursor_blink=False,
    )


async def wait_until(
    pilot: Pilot[object], condition: Callable[[], bool], timeout: float = 15
) -> None:
    """Pause until the condition holds (live feedback and history load in workers)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"snapshot set-up timed out waiting for {condition}")
        await pilot.pause(0.02)


if __name__ == "__main__":  # pragma: no cover - manual viewing
    import os
    import tempfile

    os.environ.setdefault("COMMCOACH_DATA_DIR", tempfile.mkdtemp(prefix="commcoach-snap-"))
    os.environ.setdefault(
        "COMMCOACH_CONFIG_FILE", str(Path(os.environ["COMMCOACH_DATA_DIR"]) / "c.toml")
    )
    build_app().run()
