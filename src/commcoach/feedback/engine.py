"""The headless feedback facade: text (+ scenario turn) -> one Report.

Data flows one way: text -> Document (commcoach.language.parse: sentences, sections, tokens,
protected spans, parsed once) -> channels -> Report. Channels: LanguageTool grammar/spelling
(slow, optional, may be unavailable), our YAML style rules, textstat readability, and the
scenario rubric. The fast local channels run on every
keystroke burst in the TUI (`with_grammar=False`); the full check runs on submit.
Never imports textual.
"""

from __future__ import annotations

import threading

from commcoach.config import Settings
from commcoach.feedback import readability
from commcoach.feedback.grammar.base import GrammarChecker, Progress, make_grammar_checker
from commcoach.feedback.report import (
    Category,
    Finding,
    GrammarReason,
    GrammarState,
    GrammarStatus,
    Report,
    TargetBand,
)
from commcoach.feedback.score import compute_score
from commcoach.feedback.style import StyleContext, check_style
from commcoach.feedback.verify import order_suggestions
from commcoach.feedback.word_order import word_order_findings
from commcoach.language import Document, Span, parse
from commcoach.models import RubricElement, Scenario, WordBounds
from commcoach.rubric import evaluate as rubric

DEFERRED = GrammarStatus(
    state=GrammarState.NOT_CHECKED,
    reason=GrammarReason.DEFERRED,
    detail="live preview: grammar and spelling are checked when you submit",
)


def is_disabled(rule_id: str, disabled: frozenset[str]) -> bool:
    """True when the id or one of its dotted prefixes is disabled (`style`, `style.hedging`)."""
    parts = rule_id.split(".")
    return any(".".join(parts[:i]) in disabled for i in range(1, len(parts) + 1))


class FeedbackEngine:
    """Owns the grammar checker for a run and produces Reports.

    One engine per process: the local LanguageTool server it starts lives as long as the engine
    (call close()). Thread-safe for one caller at a time per channel; the grammar checker has its
    own lock.
    """

    def __init__(self, settings: Settings, grammar: GrammarChecker | None = None) -> None:
        self.settings = settings
        self._grammar = grammar
        self._grammar_lock = threading.Lock()

    @property
    def grammar(self) -> GrammarChecker:
        """The grammar checker, made on first use (it starts nothing until asked to check).

        Under a lock: the app's start-up workers ask for it at the same time, and two checkers
        used to mean two LanguageTool JVMs.
        """
        if self._grammar is None:
            with self._grammar_lock:
                if self._grammar is None:
                    self._grammar = make_grammar_checker(self.settings)
        return self._grammar

    def analyse(
        self,
        text: str,
        scenario: Scenario | None = None,
        turn: str | None = None,
        *,
        elements: list[RubricElement] | None = None,
        with_grammar: bool = True,
        progress: Progress | None = None,
    ) -> Report:
        """All feedback on `text`.

        `turn` picks the scenario turn whose rubric elements apply (default: the first);
        `elements` overrides them (a follow-up's `expects`), and then word bounds do not apply.
        `progress(done, total)` hears how far a long grammar check is (characters).
        """
        document = parse(text)
        disabled = frozenset(self.settings.grammar.disabled_rules)
        audience = scenario.audience.value if scenario else None
        band = _band(scenario, audience)
        bounds: WordBounds | None = None
        results = []
        turn_id = turn
        if scenario is not None:
            if elements is None:
                turn_id = turn or scenario.turns[0].id
                elements = scenario.expected_elements(turn_id)
                bounds = scenario.rubric.words
            results = rubric.evaluate(document, scenario, elements)

        findings: list[Finding] = []
        if with_grammar and text.strip():
            grammar_findings, status = self.grammar.check(text, progress=progress)
            findings.extend(grammar_findings)
        elif with_grammar:
            grammar_findings, status = (
                [],
                GrammarStatus(
                    state=GrammarState.CHECKED, backend=self.settings.grammar.backend.value
                ),
            )
        else:
            status = DEFERRED
        context = StyleContext(
            register=scenario.formality.value if scenario else None,
            audience=audience,
            max_sentence_words=readability.MAX_SENTENCE_WORDS.get(audience, 28),
            disabled=disabled,
            picky=self.settings.grammar.picky,
        )
        findings.extend(check_style(text, context))
        findings.extend(word_order_findings(document))
        findings.extend(readability.hard_sentences(text, audience, band))
        findings.extend(rubric.missing_findings(results, len(text)))
        findings = _clean(document, findings, disabled)
        if with_grammar and status.checked:
            findings = order_suggestions(text, findings, lambda t: self._recheck(t, context))
        metrics = readability.measure(text, band)
        score = compute_score(findings, metrics, results, status, bounds)
        return Report(
            text=text,
            findings=findings,
            metrics=metrics,
            rubric=results,
            score=score,
            grammar=status,
            scenario_id=scenario.id if scenario else None,
            turn_id=turn_id,
        )

    def _recheck(self, text: str, context: StyleContext) -> list[Finding]:
        """Grammar and style findings on candidate sentences (suggestions applied)."""
        found, status = self.grammar.check(text)
        if not status.checked:
            return []
        disabled = frozenset(self.settings.grammar.disabled_rules)
        return _clean(parse(text), [*found, *check_style(text, context)], disabled)

    def close(self) -> None:
        """Stop the grammar server this engine started, if any."""
        if self._grammar is not None:
            self._grammar.close()


def _band(scenario: Scenario | None, audience: str | None) -> TargetBand:
    base = readability.AUDIENCE_BANDS.get(audience, readability.AUDIENCE_BANDS[None])
    if scenario is None:
        return base
    wanted = scenario.rubric.readability
    words = scenario.rubric.words
    return TargetBand(
        flesch_min=wanted.flesch_min if wanted else base.flesch_min,
        grade_max=wanted.grade_max if wanted else base.grade_max,
        words_min=words.min if words else None,
        words_max=words.max if words else None,
    )


_TRUSTED_SOURCES = frozenset({"rubric", "readability", "style"})
"""Channels that handle protected spans themselves (or cover whole sentences): never dropped
here. LanguageTool knows nothing of code spans, so its findings are filtered in _clean."""


def _clean(document: Document, findings: list[Finding], disabled: frozenset[str]) -> list[Finding]:
    """Drop disabled rules, anything inside protected spans, and findings that contradict or
    repeat another on the same words; sort by position, then rule."""
    kept = [
        f
        for f in findings
        if not is_disabled(f.rule_id, disabled)
        and (f.source in _TRUSTED_SOURCES or not document.overlaps_protected(Span(f.start, f.end)))
    ]
    return sorted(_drop_conflicts(kept), key=lambda f: (f.start, f.end, f.rule_id))


_SUPERSEDES = {"readability.hard_sentence": "readability.long_sentence"}
"""A finding that says everything the other one says, on the same sentence (the hard-sentence
message gives the word count too)."""


def _same_words(a: Finding, b: Finding) -> bool:
    """The spans share at least half of the shorter one."""
    shared = min(a.end, b.end) - max(a.start, b.start)
    shorter = max(1, min(a.end - a.start, b.end - b.start))
    return shared > 0 and shared * 2 >= shorter


def _drop_conflicts(findings: list[Finding]) -> list[Finding]:
    """No two findings on the same words that contradict or repeat each other.

    - one of our style rules and a LanguageTool style or usage hint on the same words: either
      their fixes disagree ("revert back to me": ours says "reply", LanguageTool's RETURN_BACK
      says "revert") or they say the same thing twice ("do the needful": ours asks for the
      action, LanguageTool offers "do what is necessary", as vague as the original). Keep ours,
      written for this learner's intent; LanguageTool's grammar and spelling errors stay;
    - readability.hard_sentence supersedes readability.long_sentence on the same sentence.
    """
    ours = [f for f in findings if f.source == "style"]
    hard = [f for f in findings if f.rule_id in _SUPERSEDES]
    kept: list[Finding] = []
    for f in findings:
        if (
            f.source == "languagetool"
            and f.category not in {Category.GRAMMAR, Category.SPELLING}
            and any(_same_words(f, s) for s in ours)
        ):
            continue
        if any(_SUPERSEDES[h.rule_id] == f.rule_id and _same_words(f, h) for h in hard):
            continue
        kept.append(f)
    return kept


def analyse(
    text: str,
    scenario: Scenario | None = None,
    turn: str | None = None,
    settings: Settings | None = None,
) -> Report:
    """One-shot convenience: build an engine, analyse, close it. Prefer FeedbackEngine in loops."""
    from commcoach.config import load_settings

    engine = FeedbackEngine(settings or load_settings())
    try:
        return engine.analyse(text, scenario, turn)
    finally:
        engine.close()
