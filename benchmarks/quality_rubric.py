"""Rubric detectors measured on real messages (issue: rubric detectors on real updates).

Reads ../shared/eval/updates and ../shared/eval/clarify (or --eval-dir), never copies them.
For each rubric element the stand-up, progress-update and clarification scenarios use, prints
agreement, precision and recall of the built-in detector against the human y/n judgements, and
lists the disagreements (file, judged, detected, evidence) so a reader can judge them.

    python benchmarks/quality_rubric.py [--eval-dir PATH] [--quiet]
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

from commcoach.detectors import BUILTIN_DETECTORS
from commcoach.text import Span

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"

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


@dataclass
class Outcome:
    """Counts for one element."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    def line(self, name: str) -> str:
        agree = (self.tp + self.tn) / self.n if self.n else 0.0
        prec = self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")
        rec = self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")
        return (
            f"  {name:<28} agreement {agree:6.1%}  precision {prec:6.1%}  recall {rec:6.1%}"
            f"  (tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn}; n={self.n})"
        )


def _rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "index.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _snippet(text: str, span: Span | None) -> str:
    if span is None:
        return "-"
    return " ".join(text[span.start : span.end].split())[:70]


def measure(
    folder: Path, elements: dict[str, tuple[str, str]], show: bool
) -> dict[str, Outcome]:
    """Compare detectors with the judgements in folder/index.tsv; print disagreements."""
    results = {name: Outcome() for name in elements}
    disagreements: dict[str, list[str]] = {name: [] for name in elements}
    for row in _rows(folder):
        text = (folder / row["file"]).read_text(encoding="utf-8")
        for name, (column, detector) in elements.items():
            judged = row[column] in {"y", "clarify"}
            span = BUILTIN_DETECTORS[detector].detect(text)
            found = span is not None
            outcome = results[name]
            if judged and found:
                outcome.tp += 1
            elif judged:
                outcome.fn += 1
                disagreements[name].append(f"    {row['file']} judged y, detected n")
            elif found:
                outcome.fp += 1
                disagreements[name].append(
                    f"    {row['file']} judged n, detected y: \"{_snippet(text, span)}\""
                )
            else:
                outcome.tn += 1
    for name, outcome in results.items():
        print(outcome.line(name))
    if show:
        for name, lines in disagreements.items():
            if lines:
                print(f"  disagreements, {name}:")
                print("\n".join(lines))
    return results


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--quiet", action="store_true", help="figures only, no disagreements")
    args = parser.parse_args()
    print(f"Updates ({args.eval_dir / 'updates'}):")
    measure(args.eval_dir / "updates", UPDATE_ELEMENTS, not args.quiet)
    print(f"Clarification comments ({args.eval_dir / 'clarify'}):")
    measure(args.eval_dir / "clarify", CLARIFY_ELEMENTS, not args.quiet)


if __name__ == "__main__":
    main()
