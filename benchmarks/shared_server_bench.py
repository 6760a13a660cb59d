"""The CLI for editors and hooks, and the one shared LanguageTool server, side by side in one run.

Run: `python benchmarks/shared_server_bench.py [--runs 7] [--idle-seconds 20]`. Prints:

1. `commcoach check --grammar off` on a 3,000-word file, whole process (spawn to exit), against
   `proselint check` on the same file; medians of `--runs` interleaved runs. Goal: <= 2x.
2. the first `commcoach check` after a cold start (pays one JVM start) and then `commcoach
   check` with grammar on for 300 words while the shared server runs, whole process, against
   proselint on the same file. Goal: <= 4x.
3. the app (headless, grammar local) plus five `commcoach check` calls: LanguageTool JVMs of
   this user's data folder while they run (goal: exactly 1), then after the idle timeout with
   every commcoach process gone (goal: 0).

Everything runs in a temporary data folder (COMMCOACH_DATA_DIR), so the user's own server is
never touched. The texts are generated from learner-like sentences (no evaluation data).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from feedback_bench import learner_text  # noqa: E402

VENV_BIN = Path(sys.executable).parent
COMMCOACH = str(VENV_BIN / "commcoach")
PROSELINT = str(VENV_BIN / "proselint")

APP = r"""
import sys, time
from pathlib import Path
from commcoach.tui.factory import make_app

async def stay(pilot):
    app = pilot.app
    while app.grammar_status is None or not app.grammar_status.checked:
        await pilot.pause(0.2)
    print("APP_READY", flush=True)
    while not Path(sys.argv[1]).exists():
        await pilot.pause(0.2)
    app.exit()

make_app(cursor_blink=False, offer_restore=False).run(headless=True, auto_pilot=stay, size=(80, 24))
"""


def paragraphs(text: str, per: int = 6) -> str:
    """Blank-line paragraphs of `per` sentences (a document, not one wall of text)."""
    sentences = text.split(". ")
    return ".\n\n".join(". ".join(sentences[i : i + per]) for i in range(0, len(sentences), per))


def env_for(folder: Path, idle_seconds: float) -> dict[str, str]:
    env = dict(os.environ)
    env["COMMCOACH_DATA_DIR"] = str(folder / "data")
    env["COMMCOACH_CONFIG_FILE"] = str(folder / "config.toml")
    env["COMMCOACH_GRAMMAR__IDLE_MINUTES"] = str(idle_seconds / 60)
    env.pop("COMMCOACH_GRAMMAR__BACKEND", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has bytecode
    return env


def installed_bytecode() -> None:
    """Compile commcoach's modules as `pip install` does, so no run pays for compiling source
    (this sandbox sets PYTHONDONTWRITEBYTECODE; a user's machine does not)."""
    import commcoach

    compileall.compile_dir(Path(commcoach.__file__).parent, quiet=1)


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def side_by_side(
    label: str, ours: list[str], theirs: list[str], env: dict[str, str], runs: int, goal: float
) -> None:
    mine: list[float] = []
    other: list[float] = []
    for _ in range(runs):  # interleaved: machine load hits both alike
        mine.append(timed(ours, env))
        other.append(timed(theirs, env))
    a, b = statistics.median(mine), statistics.median(other)
    verdict = "OK" if a <= goal * b else "OVER GOAL"
    print(label)
    print(f"  proselint check (whole process)   : {b * 1000:7.0f} ms  (median of {runs})")
    print(f"  commcoach check (whole process)   : {a * 1000:7.0f} ms  (median of {runs})")
    print(f"  ratio {a / b:.2f}x (goal <= {goal:g}x) {verdict}")


def jvms(folder: Path) -> list[int]:
    """LanguageTool JVMs started for this data folder."""
    found = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        line = " ".join(proc.info["cmdline"] or [])
        if "org.languagetool.server.HTTPServer" in line and str(folder) in line:
            found.append(int(proc.info["pid"]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="whole-process runs per figure")
    parser.add_argument("--idle-seconds", type=float, default=20.0, help="server idle timeout")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="commcoach-shared-") as raw:
        folder = Path(raw)
        env = env_for(folder, options.idle_seconds)
        long_file = folder / "w3000.txt"
        long_file.write_text(paragraphs(learner_text(3000, 1)), encoding="utf-8")
        short_file = folder / "w300.txt"
        short_file.write_text(learner_text(300, 2), encoding="utf-8")
        installed_bytecode()
        timed([COMMCOACH, "check", "--grammar", "off", str(long_file)], env)  # warm caches
        side_by_side(
            f"1. --grammar off, {len(long_file.read_text().split()):,} words",
            [COMMCOACH, "check", "--grammar", "off", str(long_file)],
            [PROSELINT, "check", str(long_file)],
            env,
            options.runs,
            2.0,
        )
        print()
        cold = timed([COMMCOACH, "check", str(short_file)], env)
        print(
            f"2. first check after a cold start (one JVM start): {cold:.1f} s; JVMs now: "
            f"{len(jvms(folder))}"
        )
        side_by_side(
            f"   grammar on, {len(short_file.read_text().split())} words, shared server running",
            [COMMCOACH, "check", str(short_file)],
            [PROSELINT, "check", str(short_file)],
            env,
            options.runs,
            4.0,
        )
        print()
        stop_flag = folder / "stop-app"
        app = subprocess.Popen(
            [sys.executable, "-c", APP, str(stop_flag)], env=env, stdout=subprocess.PIPE, text=True
        )
        assert app.stdout is not None
        line = app.stdout.readline().strip()
        if line != "APP_READY":
            raise SystemExit(f"the app did not report a ready grammar checker: {line!r}")
        for _ in range(5):
            timed([COMMCOACH, "check", str(short_file)], env)
        during = jvms(folder)
        print("3. the app + five `commcoach check` calls")
        print(f"  LanguageTool JVMs while they run: {len(during)} (goal: exactly 1)")
        stop_flag.touch()
        app.wait(60)
        started = time.monotonic()
        while jvms(folder) and time.monotonic() - started < options.idle_seconds + 60:
            time.sleep(0.5)
        after = jvms(folder)
        print(
            f"  after the idle timeout ({options.idle_seconds:g} s), no commcoach process "
            f"alive: {len(after)} JVMs (goal: 0), gone {time.monotonic() - started:.0f} s "
            "after the app quit"
        )


if __name__ == "__main__":
    main()
