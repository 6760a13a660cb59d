"""TUI benchmark: time to first frame, our work per keystroke in the composer, RSS at idle.

Run: `python benchmarks/tui_bench.py [--keys 300] [--runs 5]`. Prints:

- time to first frame of `commcoach` (a fresh process: import, build through `make_app`,
  compose Home, the first composited frame handed to the driver) against
  `python -c 'import textual.app'` measured in the same run, as medians of `--runs` processes
  (goal: <= 4x). The scenario list fills a moment later (it loads in a worker, like the
  history and the feedback engine), and that time is printed too;
- keystroke-to-repaint in the practice composer with live feedback on: the time *our*
  handlers take per keystroke (the TextArea.Changed path), per live report applied (composer
  live bar + practice side panels), and the live analysis itself (a worker thread, off the UI
  path), as p50 / p95 / max (goal: no keystroke where our code takes over 16 ms, one frame);
  plus Textual's own time per keystroke for context;
- resident memory (RSS) of the app after it has been idle on Home for two seconds.

Grammar is off (COMMCOACH_GRAMMAR__BACKEND=off) so the figures are about the UI, not the JVM;
data and config go to a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FRAME_BUDGET_MS = 16.0
FIRST_FRAME_GOAL = 4.0

FIRST_FRAME_CODE = r"""
import asyncio, time
from textual.app import App

shown = []
_display = App._display

def display(self, screen, renderable):
    # The first composited frame of Home handed to the driver (headless drivers drop it).
    if renderable is not None and not shown and type(screen).__name__ == "HomeScreen":
        shown.append(time.perf_counter_ns())
    return _display(self, screen, renderable)

App._display = display
from commcoach.tui.factory import make_app

async def first_frame(pilot):
    while not shown:
        await asyncio.sleep(0.001)
    print(f"FIRST_FRAME {shown[0]}", flush=True)
    while not pilot.app.screen.scenario_list.option_count:
        await asyncio.sleep(0.001)
    print(f"LIST_FILLED {time.perf_counter_ns()}", flush=True)
    pilot.app.exit()

make_app(cursor_blink=False, offer_restore=False).run(
    headless=True, auto_pilot=first_frame, size=(80, 24)
)
"""

IDLE_RSS_CODE = r"""
import psutil
from commcoach.tui.factory import make_app

async def idle(pilot):
    await pilot.pause(2.0)
    print(f"RSS {psutil.Process().memory_info().rss}", flush=True)
    pilot.app.exit()

make_app(cursor_blink=False, offer_restore=False).run(headless=True, auto_pilot=idle, size=(80, 24))
"""

TEXT = (
    "Yesterday I just fixed the flaky login test (PAY-231) and merged the pull request. "
    "Today I will maybe start the refund email template, I think. I am blocked on staging "
    "access: could you give me read access today? "
)


def isolated_env(folder: Path) -> dict[str, str]:
    """Environment for a child process: temporary data and config, grammar off."""
    env = dict(os.environ)
    env["COMMCOACH_DATA_DIR"] = str(folder / "data")
    env["COMMCOACH_CONFIG_FILE"] = str(folder / "config.toml")
    env["COMMCOACH_GRAMMAR__BACKEND"] = "off"
    return env


def timed_process(args: list[str], env: dict[str, str], *markers: str) -> list[float]:
    """Seconds from spawn to exit, or to each marker line's timestamp when given."""
    start = time.perf_counter_ns()
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    end = time.perf_counter_ns()
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed:\n{result.stderr[-2000:]}")
    if not markers:
        return [(end - start) / 1e9]
    stamps = dict(line.split()[:2] for line in result.stdout.splitlines() if " " in line)
    missing = [m for m in markers if m not in stamps]
    if missing:
        raise SystemExit(f"no {missing} line in the output:\n{result.stdout[-2000:]}")
    return [(int(stamps[m]) - start) / 1e9 for m in markers]


def first_frame(runs: int, folder: Path) -> None:
    env = isolated_env(folder)
    base = [
        timed_process([sys.executable, "-c", "import textual.app"], env)[0] for _ in range(runs)
    ]
    both = [
        timed_process([sys.executable, "-c", FIRST_FRAME_CODE], env, "FIRST_FRAME", "LIST_FILLED")
        for _ in range(runs)
    ]
    base_median = statistics.median(base)
    app_median = statistics.median(b[0] for b in both)
    filled_median = statistics.median(b[1] for b in both)
    ratio = app_median / base_median
    verdict = "OK" if ratio <= FIRST_FRAME_GOAL else "OVER GOAL"
    print("Time to first frame (median of", runs, "fresh processes)")
    print(f"  python -c 'import textual.app' : {base_median * 1000:7.0f} ms")
    print(f"  commcoach first frame (Home)   : {app_median * 1000:7.0f} ms")
    goal = f"(goal <= {FIRST_FRAME_GOAL}x) {verdict}"
    print(f"  ratio                          : {ratio:7.2f}x   {goal}")
    print(f"  scenario list filled           : {filled_median * 1000:7.0f} ms (loads in a worker)")


BASE_RSS_CODE = "import psutil, textual.app; print(f'RSS {psutil.Process().memory_info().rss}')"


def rss_of(code: str, env: dict[str, str]) -> float:
    """MiB resident in a child process running `code` (which prints an `RSS n` line)."""
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("RSS ")), None)
    if line is None:
        raise SystemExit(f"no RSS line:\n{result.stderr[-2000:]}")
    return int(line.split()[1]) / 2**20


def idle_rss(folder: Path) -> None:
    env = isolated_env(folder)
    print("Resident memory")
    print(f"  python -c 'import textual.app'        : {rss_of(BASE_RSS_CODE, env):6.1f} MiB")
    print(f"  commcoach idle on Home (2 s after start): {rss_of(IDLE_RSS_CODE, env):6.1f} MiB")
    print("  (most of the difference is the CMU pronouncing dictionary that the readability")
    print("   formulas load for syllable counts, about 85 MiB)")


class Timings:
    """Wall-clock time spent inside wrapped functions, per call, in ms."""

    def __init__(self) -> None:
        self.calls: dict[str, list[float]] = {}

    def wrap(self, owner: type, name: str, label: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)
        calls = self.calls.setdefault(label, [])

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                calls.append((time.perf_counter() - start) * 1000)

        setattr(owner, name, timed)


def describe(label: str, values: list[float]) -> str:
    if not values:
        return f"  {label:<44}: no calls"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"  {label:<44}: n={len(values):4d}  p50 {statistics.median(values):6.2f} ms  "
        f"p95 {p95:6.2f} ms  max {max(values):6.2f} ms"
    )


async def keystrokes(count: int, folder: Path) -> None:
    os.environ.update(isolated_env(folder))
    from textual.widgets import TextArea

    from commcoach.config import load_settings
    from commcoach.tui.factory import make_app
    from commcoach.tui.screens.practice import PracticeScreen
    from commcoach.tui.widgets.composer import Composer

    ours = Timings()
    ours.wrap(Composer, "_on_text_changed", "keystroke: Changed handler (ours)")
    ours.wrap(Composer, "apply_live", "live report: composer live bar (ours)")
    ours.wrap(PracticeScreen, "show_live", "live report: checklist + side list (ours)")
    theirs = Timings()
    theirs.wrap(TextArea, "edit", "keystroke: TextArea edit + refresh (Textual)")

    settings = load_settings()
    assert settings.ui.live_feedback
    app = make_app(settings=settings, cursor_blink=False, offer_restore=False)
    analyse_times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.scenario_list.option_count:  # the library loads in a worker
            await pilot.pause(0.05)
        await pilot.press("enter")
        while not isinstance(app.screen, PracticeScreen):
            await pilot.pause(0.05)
        screen = app.screen
        original = screen._analyse_live

        def timed_analyse(text: str) -> Any:
            start = time.perf_counter()
            try:
                return original(text)
            finally:
                analyse_times.append((time.perf_counter() - start) * 1000)

        screen.composer._analyse = timed_analyse
        await pilot.pause(0.5)
        text = (TEXT * (count // len(TEXT) + 1))[:count]
        press_times: list[float] = []
        for char in text:
            key = {" ": "space", ".": "full_stop", ",": "comma", "?": "question_mark"}.get(
                char, char
            )
            start = time.perf_counter()
            await pilot.press(key)
            press_times.append((time.perf_counter() - start) * 1000)
            if char in " .":
                await asyncio.sleep(0.2)  # a typist's pause: the debounced live check runs
        await pilot.pause(0.5)
        assert screen.composer.text == text, "typed text did not arrive"
    print(f"Keystrokes in the practice composer ({count} keys, live feedback on, 120x40)")
    for label, values in ours.calls.items():
        print(describe(label, values))
    print(describe("live analysis (worker thread, off the UI)", analyse_times))
    for label, values in theirs.calls.items():
        print(describe(label, values))
    print(describe("pilot.press round trip (incl. test waits)", press_times))
    per_key = ours.calls["keystroke: Changed handler (ours)"]
    live = zip(
        ours.calls["live report: composer live bar (ours)"],
        ours.calls["live report: checklist + side list (ours)"],
        strict=False,
    )
    worst = max([*per_key, *(a + b for a, b in live)], default=0.0)
    verdict = "OK" if worst <= FRAME_BUDGET_MS else "OVER BUDGET"
    budget = f"(budget {FRAME_BUDGET_MS} ms) {verdict}"
    print(f"  worst time in our code for one event: {worst:.2f} ms {budget}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="processes per start-up figure")
    parser.add_argument("--keys", type=int, default=300, help="keystrokes to type")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="commcoach-tui-bench-") as raw:
        folder = Path(raw)
        # Warm the OS file cache and the pronunciation-dictionary cache once, not in the figures.
        timed_process([sys.executable, "-c", FIRST_FRAME_CODE], isolated_env(folder), "FIRST_FRAME")
        first_frame(options.runs, folder)
        print()
        asyncio.run(keystrokes(options.keys, folder))
        print()
        idle_rss(folder)


if __name__ == "__main__":
    main()
