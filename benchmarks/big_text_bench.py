"""Big texts: a 12,000-word document through LanguageTool, and the composer with 100,000 characters.

Run: `python benchmarks/big_text_bench.py [--skip-grammar] [--keys 60]`. Prints, side by side:

- a 12,000-word document (about 75,000 characters, 120 paragraphs) checked by
  `commcoach.feedback.grammar` with the default settings (timeout 10 s), on the user's shared
  server model (a private one here, in a temporary data folder), against the same text sent to
  the same LanguageTool over plain HTTP in one request (LanguageTool alone). Goal: fully
  checked (status `checked`, not `partial`);
- keystrokes in the practice composer holding 100,000 characters, live feedback on: the time
  per key from the key event to the handled edit (Textual's TextArea edit + our Changed
  handler) and our handler alone, p50/p95/max; goal: median within one frame (16 ms);
- idle RSS of the app on Home after 2 s (goal <= 80 MB), next to `import textual.app`.

The text is generated here from learner-like sentences (no evaluation data).
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from feedback_bench import SENTENCES  # noqa: E402

FRAME_MS = 16.0

IDLE_RSS_CODE = r"""
import psutil
from commcoach.tui.factory import make_app

async def idle(pilot):
    await pilot.pause(2.0)
    print(f"RSS {psutil.Process().memory_info().rss}", flush=True)
    pilot.app.exit()

make_app(cursor_blink=False, offer_restore=False).run(headless=True, auto_pilot=idle, size=(80, 24))
"""
BASE_RSS_CODE = "import psutil, textual.app; print(f'RSS {psutil.Process().memory_info().rss}')"


def document(words: int, per_paragraph: int = 100) -> str:
    """About `words` words in paragraphs of about `per_paragraph` words."""
    paragraphs: list[str] = []
    current: list[str] = []
    count = 0
    i = 0
    while count < words:
        sentence = SENTENCES[i % len(SENTENCES)].replace("the", f"the #{i}", 1)
        current.append(sentence)
        count += len(sentence.split())
        i += 1
        if sum(len(s.split()) for s in current) >= per_paragraph:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def isolated_env(folder: Path, grammar: str = "off") -> dict[str, str]:
    env = dict(os.environ)
    env["COMMCOACH_DATA_DIR"] = str(folder / "data")
    env["COMMCOACH_CONFIG_FILE"] = str(folder / "config.toml")
    env["COMMCOACH_GRAMMAR__BACKEND"] = grammar
    return env


def long_document(folder: Path) -> None:
    import requests

    from commcoach.config import Settings
    from commcoach.feedback.grammar import make_grammar_checker
    from commcoach.languagetool.shared import SharedServer, stop_shared

    os.environ.update(isolated_env(folder, "local"))
    text = document(12_000)
    checker = make_grammar_checker(Settings())
    server = checker.server  # type: ignore[attr-defined]
    assert isinstance(server, SharedServer)
    try:
        server.start()
        ready = server.wait_ready(300)
        print(
            f"12,000-word document ({len(text.split()):,} words, {len(text):,} characters, "
            f"{text.count(chr(10) * 2) + 1} paragraphs), default settings"
        )
        if ready.url == "":
            raise SystemExit(f"LanguageTool did not start: {ready.detail}")
        session = requests.Session()
        session.trust_env = False
        params = {"language": "en-US"}
        session.post(ready.url + "v2/check", data={**params, "text": "Warm up the pipeline."})
        started = time.perf_counter()
        alone = session.post(ready.url + "v2/check", data={**params, "text": text}, timeout=600)
        lt_alone = time.perf_counter() - started
        lt_matches = len(alone.json()["matches"])
        started = time.perf_counter()
        findings, status = checker.check(text)
        ours = time.perf_counter() - started
        print(
            f"  LanguageTool alone over HTTP (one request): {lt_alone:7.2f} s, {lt_matches} matches"
        )
        print(
            f"  commcoach grammar check (chunked)          : {ours:7.2f} s, "
            f"{len(findings)} findings, status {status.state.value} {status.detail}"
        )
        print(f"  ratio: {ours / lt_alone:.2f}x")
    finally:
        checker.close()
        stop_shared()


def rss_of(code: str, env: dict[str, str]) -> float:
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    line = next((x for x in result.stdout.splitlines() if x.startswith("RSS ")), None)
    if line is None:
        raise SystemExit(f"no RSS line:\n{result.stderr[-2000:]}")
    return int(line.split()[1]) / 2**20


def idle_rss(folder: Path) -> None:
    env = isolated_env(folder)
    base = rss_of(BASE_RSS_CODE, env)
    app = rss_of(IDLE_RSS_CODE, env)
    print("Idle RSS (goal: app <= 80 MB)")
    print(f"  python -c 'import textual.app'          : {base:6.1f} MiB")
    print(f"  commcoach idle on Home (2 s after start): {app:6.1f} MiB")


def describe(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"  {label:<42}: n={len(values):3d}  p50 {statistics.median(values):6.2f} ms  "
        f"p95 {p95:6.2f} ms  max {max(values):7.2f} ms"
    )


async def big_composer(folder: Path, keys: int, size: int) -> None:
    os.environ.update(isolated_env(folder))
    from textual.widgets import TextArea

    from commcoach.tui.factory import make_app
    from commcoach.tui.screens.practice import PracticeScreen
    from commcoach.tui.widgets.composer import Composer

    key_index = [0]
    spent: dict[str, dict[int, float]] = {}
    originals: list[tuple[type, str, Any]] = []

    def wrap(owner: type, name: str, label: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)
        originals.append((owner, name, original))
        per_key = spent.setdefault(label, {})

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                index = key_index[0]
                per_key[index] = per_key.get(index, 0.0) + (time.perf_counter() - start) * 1000

        setattr(owner, name, timed)

    from textual.screen import Screen

    wrap(TextArea, "edit", "TextArea key + edit (Textual)")
    wrap(Composer, "_on_text_changed", "our Changed handler")
    wrap(Screen, "_compositor_refresh", "repaint (Textual)")
    wrap(Composer, "apply_live", "live report applied (ours)")
    app = make_app(cursor_blink=False, offer_restore=False)
    text = document(20_000)[:size]
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.scenario_list.option_count:
            await pilot.pause(0.05)
        await pilot.press("enter")
        while not isinstance(app.screen, PracticeScreen):
            await pilot.pause(0.05)
        composer = app.screen.composer
        for label in spent:
            spent[label].clear()
        composer.set_text(text)
        await pilot.pause(2.0)
        round_trip: list[float] = []
        for i in range(keys):
            key_index[0] = i + 1
            key = "x" if i % 5 else "space"
            start = time.perf_counter()
            await pilot.press(key)
            round_trip.append((time.perf_counter() - start) * 1000)
            if i % 10 == 9:
                await pilot.pause(0.5)  # a typist's pause: live feedback runs
        key_index[0] = keys + 1
        await pilot.pause(1.0)
        assert len(composer.text) == len(text) + keys
    for owner, name, original in originals:
        setattr(owner, name, original)
    print(f"Composer with {len(text):,} characters ({keys} keys, live feedback on, 120x40)")
    keyed = range(1, keys + 1)
    labels = ["TextArea key + edit (Textual)", "our Changed handler", "repaint (Textual)"]
    rows = {label: [spent[label].get(i, 0.0) for i in keyed] for label in labels}
    handled = [sum(rows[label][i - 1] for label in labels) for i in keyed]
    print(describe("UI thread per key: key + edit + ours + repaint", handled))
    for label in labels:
        print(describe(f"  {label}", rows[label]))
    applied = list(spent["live report applied (ours)"].values())
    if applied:
        print(describe("live report applied (ours, per pause)", applied))
    print(describe("pilot.press round trip (waits for idle CPU)", round_trip))
    verdict = "OK" if statistics.median(handled) <= FRAME_MS else "OVER"
    print(
        f"  median UI time per key: {statistics.median(handled):.2f} ms (goal <= {FRAME_MS}) "
        f"{verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-grammar", action="store_true", help="no LanguageTool figure")
    parser.add_argument("--keys", type=int, default=60, help="keystrokes in the big composer")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="commcoach-big-") as raw:
        folder = Path(raw)
        if not options.skip_grammar:
            long_document(folder)
            print()
        for size in (1_000, 100_000):  # the small one: Textual's own repaint cost, for context
            asyncio.run(big_composer(folder, options.keys, size))
            print()
        print()
        idle_rss(folder)


if __name__ == "__main__":
    main()
