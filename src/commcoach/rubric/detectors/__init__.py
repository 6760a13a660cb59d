"""The closed set of built-in rubric detectors, by the name scenario files use.

Scenario files never hold code: they name a built-in detector, list phrases, give a regular
expression, or combine those with `any` / `all`. Each built-in detector answers one question about
a learner's message ("does it give an ETA?") and returns the evidence span, so the UI can show
which words satisfied a rubric element. They are regular expressions with a little context
(sentences, headings such as "Blocked:", negation): predictable, fast, explainable, and measured
against real messages in benchmarks/quality_rubric.py.

Every detector reads the message's Document (commcoach.language): its `reading` text (quoted
template prompts, yes/no template prompts and meta fields such as 'Availability:' blanked, same
offsets), its sentences and its sections, whose content is judged ('Blockers: none' names no
blocker). Word lists shared with the style rules are data files (commcoach/language/lexicons/).

The registry of names is `commcoach.rubric.builtin` (BUILTIN_DETECTORS), so importing one
detector module (the style rules read `social.detect_request`) compiles only that module's
patterns, not all fourteen detectors'.

Modules: `base` (shared machinery), `headings` ('Done:', 'Blocked:' ...), `timing` (date_time),
`progress` (completed_action, future_plan, blocker, no_blockers), `questions`, `understanding`,
`options`, and `social` (request, number, greeting, sign_off, apology, gratitude).
"""
