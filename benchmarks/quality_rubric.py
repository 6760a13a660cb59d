"""Rubric detectors measured on real messages (issues: rubric detectors on real updates, #12).

Reads the four shared sets ../shared/eval/updates, updates2, clarify, clarify2 (or --eval-dir,
or COMMCOACH_EVAL_DIR), never copies them. Each set is split in two by file number parity:
EVEN numbers are the tune half (the only messages read while changing detectors), ODD numbers
the report half (held out). Figures are printed per set and half, then for old sets (updates,
clarify) against new sets (updates2, clarify2), and tune against report over all sets.
For each rubric element the stand-up, progress-update and clarification scenarios use, prints
agreement, precision and recall of the built-in detector against the human y/n judgements, and
lists the disagreements (file, judged, detected, the evidence words, the judge's note and the
start of the message) so a reader can decide who is right. Then prints how long each detector
takes on a 300-word message (budget: 1 ms, it runs on every keystroke burst).

    python benchmarks/quality_rubric.py [--eval-dir PATH] [--quiet] [--evidence] [--half tune]
        [--tuning-set PATH ...] [--holdout-set PATH ...]

--tuning-set: a further judged folder in the same format (e.g. the 52 updates and 58 comments
collected in December 2026 into ../extra-eval/updates3 and clarify3, kept outside the
repository like the shared sets): figures and disagreements over all its messages, printed
apart, never added to the held-out figures. --quiet: figures only. --evidence: also print
every message's evidence per element, to check that the highlighted words are the ones that
satisfy the element. Disagreements are listed for the tune half only (--half report lists the
held-out ones, for the final reading).
--holdout-set: a further judged folder split like the shared sets (even file numbers tune, odd
ones held out): both halves' figures are printed, disagreements only for the tune half.
"""

from __future__ import annotations

import argparse
import csv
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from commcoach.language import parse
from commcoach.rubric.builtin import BUILTIN_DETECTORS
from commcoach.text import Span

DEFAULT_EVAL = Path(
    os.environ.get("COMMCOACH_EVAL_DIR")
    or Path(__file__).resolve().parents[1].parent / "shared" / "eval"
)
SETS = {
    "updates": "old",
    "updates2": "new",
    "clarify": "old",
    "clarify2": "new",
}
"""The four shared sets and whether each is an old (tuned since the first rubric) or a new set."""

UPDATE_ELEMENTS = {
    "done": ("states_done", "completed_action"),
    "next": ("states_next", "future_plan"),
    "blockers/risks": ("states_blockers_or_risks", "blocker"),
    "date/ETA": ("states_date_or_eta", "date_time"),
}
CLARIFY_ELEMENTS = {
    "is a clarification request": ("label", "question"),
    "asks a specific question": ("asks_specific_question", "question"),
    "states what is understood": ("states_what_is_understood", "understanding"),
    "proposes options/default": ("proposes_options_or_default", "options"),
}
GOALS = {"updates": 0.90, "clarify": 0.85}
"""Every element should agree with the judgements on at least this share of messages."""


def half(file: str) -> str:
    """'tune' for even file numbers, 'report' for odd ones (the held-out half)."""
    return "tune" if int(Path(file).stem) % 2 == 0 else "report"


SPEED_MESSAGE = (
    "Yesterday I fixed the flaky login test and merged the PR. Today I'll start the refund "
    "email template, but I'm blocked on staging access. Should I ask Ops or wait for Maya? "
    "If the job runs nightly, the export will be ready by Friday. I think the schema is fine. "
) * 6
"""About 300 words of our own writing (not eval text), with something for every detector."""


@dataclass
class Outcome:
    """Counts for one element, and the lines that describe its disagreements."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    disagreements: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def agreement(self) -> float:
        return (self.tp + self.tn) / self.n if self.n else 0.0

    def add(self, other: Outcome) -> None:
        """Add another outcome's counts (for the totals over sets or halves)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn

    def line(self, name: str, goal: float) -> str:
        prec = self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")
        rec = self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")
        flag = "" if self.agreement >= goal else f"   < {goal:.0%} goal"
        return (
            f"  {name:<28} agreement {self.agreement:6.1%}  precision {prec:6.1%}  recall "
            f"{rec:6.1%}  (tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn}; n={self.n})"
            f"{flag}"
        )


def _rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "index.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _snippet(text: str, span: Span | None) -> str:
    return "-" if span is None else _one_line(text[span.start : span.end], 70)


def measure(
    folder: Path, elements: dict[str, tuple[str, str]], show: str | None, evidence: bool
) -> dict[tuple[str, str], Outcome]:
    """Compare detectors with the judgements in folder/index.tsv, per (element, half).

    Disagreements of the half named by `show` are kept in the outcomes (None: none kept).
    """
    results = {(name, part): Outcome() for name in elements for part in ("tune", "report")}
    for row in _rows(folder):
        text = (folder / row["file"]).read_text(encoding="utf-8")
        part = half(row["file"])
        note = f" [note: {row['note']}]" if row.get("note") else ""
        for name, (column, detector) in elements.items():
            judged = row[column] in {"y", "clarify"}
            span = BUILTIN_DETECTORS[detector].detect(text)
            outcome = results[(name, part)]
            if evidence and part == show:
                print(
                    f"    {row['file']} {name}: judged {'yn'[not judged]}, {_snippet(text, span)!r}"
                )
            if judged == (span is not None):
                outcome.tp += judged
                outcome.tn += not judged
                continue
            if judged:
                outcome.fn += 1
                verdict = "judged y, detected n"
            else:
                outcome.fp += 1
                verdict = f'judged n, detected y: "{_snippet(text, span)}"'
            if part == show:
                outcome.disagreements.append(
                    f"    {row['file']} {verdict}{note}\n        | {_one_line(text, 150)}"
                )
    return results


def speed() -> None:
    """CPU time per detector on a ~300-word message, caches cleared (the first keystroke)."""
    print(f"Speed (ms CPU per call, {len(SPEED_MESSAGE.split())} words, budget 1 ms):")
    cells = []
    for name, detector in BUILTIN_DETECTORS.items():
        best = float("inf")
        for _ in range(5):
            started = time.process_time()
            for _ in range(20):
                parse.cache_clear()
                detector.detect(SPEED_MESSAGE)
            best = min(best, (time.process_time() - started) / 20)
        cells.append(f"{name} {best * 1000:.2f}")
    print("  " + ", ".join(cells))
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for _ in range(20):
            parse.cache_clear()
            for detector in BUILTIN_DETECTORS.values():
                detector.detect(SPEED_MESSAGE)
        best = min(best, (time.process_time() - started) / 20)
    parse_best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for _ in range(20):
            parse.cache_clear()
            document = parse(SPEED_MESSAGE)
            _ = (document.sections, document.tokens, document.reading, document.timing)
            _ = (document.sentences, document.protected)
        parse_best = min(parse_best, (time.process_time() - started) / 20)
    print(
        f"  all {len(BUILTIN_DETECTORS)} detectors on one message, cold: {best * 1000:.2f} ms "
        f"({best * 1000 / len(BUILTIN_DETECTORS):.2f} ms each); parsing the document: "
        f"{parse_best * 1000:.2f} ms"
    )


HALVES = ("tune", "report")


def _kind(set_name: str) -> str:
    return "updates" if set_name.startswith("updates") else "clarify"


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--quiet", action="store_true", help="figures only, no disagreements")
    parser.add_argument("--evidence", action="store_true", help="print every message's evidence")
    parser.add_argument("--half", choices=["tune", "report"], default="tune")
    parser.add_argument(
        "--tuning-set",
        type=Path,
        action="append",
        default=[],
        help="a further folder of judged messages (index.tsv beside NNN.txt), tuning data only",
    )
    parser.add_argument(
        "--holdout-set",
        type=Path,
        action="append",
        default=[],
        help="a further judged folder, split into a tune half (even) and a held-out half (odd)",
    )
    args = parser.parse_args()
    show = None if args.quiet else args.half
    totals: dict[tuple[str, str, str], Outcome] = {}
    for set_name, age in SETS.items():
        kind = _kind(set_name)
        elements = UPDATE_ELEMENTS if kind == "updates" else CLARIFY_ELEMENTS
        folder = args.eval_dir / set_name
        print(f"{set_name} ({age} set, {folder}):")
        results = measure(folder, elements, show, args.evidence)
        for name in elements:
            for part in ("tune", "report"):
                outcome = results[(name, part)]
                print(outcome.line(f"{name} [{part}]", GOALS[kind]))
                for key in ((kind, name, age), (kind, name, part), (kind, name, "all")):
                    totals.setdefault(key, Outcome()).add(outcome)
        if show:
            for (name, _part), outcome in results.items():
                if outcome.disagreements:
                    print(f"  disagreements ({show} half), {name}:")
                    print("\n".join(outcome.disagreements))
    print("Summary (agreement per element; goal: updates >= 90%, clarification >= 85%):")
    for kind, elements in (("updates", UPDATE_ELEMENTS), ("clarify", CLARIFY_ELEMENTS)):
        for name in elements:
            cells = [
                f"{group} {totals[(kind, name, group)].agreement:6.1%}"
                for group in ("old", "new", "tune", "report", "all")
            ]
            gap = totals[(kind, name, "old")].agreement - totals[(kind, name, "new")].agreement
            print(f"  {kind:<8} {name:<28} " + "  ".join(cells) + f"  (old-new gap {gap:+.1%})")
    for folder in args.tuning_set:
        tuning_set(folder, quiet=args.quiet)
    for folder in args.holdout_set:
        holdout_set(folder, None if args.quiet else args.half)
    speed()


def _elements(folder: Path) -> tuple[dict[str, tuple[str, str]], float]:
    """The elements and goal of a judged folder: a `label` column means clarification comments."""
    header = (folder / "index.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    kind = "clarify" if "label" in header else "updates"
    return (CLARIFY_ELEMENTS if kind == "clarify" else UPDATE_ELEMENTS), GOALS[kind]


def holdout_set(folder: Path, show: str | None) -> None:
    """Figures on a further judged set per half; only the `show` half's disagreements."""
    elements, goal = _elements(folder)
    print(f"Held-out set {folder} (even file numbers tune, odd ones held out):")
    results = measure(folder, elements, show, False)
    for name in elements:
        for part in HALVES:
            print(results[(name, part)].line(f"{name} [{part}]", goal))
            if show == part and results[(name, part)].disagreements:
                print("\n".join(results[(name, part)].disagreements))


def tuning_set(folder: Path, quiet: bool) -> None:
    """Figures on a further judged set, both halves together: data to tune on, never a result."""
    elements, goal = _elements(folder)
    print(f"Tuning set {folder} (all messages; tuning data, not held out):")
    by_half = {part: measure(folder, elements, None if quiet else part, False) for part in HALVES}
    for name in elements:
        total = Outcome()
        for part in HALVES:
            total.add(by_half[part][(name, part)])
        print(total.line(name, goal))
        if not quiet:
            for part in HALVES:
                print("\n".join(by_half[part][(name, part)].disagreements))


if __name__ == "__main__":
    main()
