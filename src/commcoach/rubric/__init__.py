"""The scenario rubric in one place: what a good answer contains, and whether this one does.

Data flows one way: text -> `commcoach.language.Document` -> detectors -> evidence -> results.

- `names`: the built-in detector names as plain data (the domain model validates against it,
  without importing a regular expression).
- `builtin`: BUILTIN_DETECTORS, the registry of the built-in detectors by name.
- `detectors/`: the built-in detectors, each answering one question about a message ("does it
  give an ETA?") with the span of words that answer it.
- `matching`: a scenario's declarative detector specs (phrases, regex, built-in, any/all)
  evaluated on a message; also what follow-ups test with `when:` / `unless:`.
- `validation`: the checks on a loaded scenario's detectors that need the regex engine
  (patterns that do not compile or cannot be time-bounded, any:/all: nested too deep).
- `evaluate`: a turn's rubric elements judged on a parsed document, and the findings for what
  is missing.

This module imports nothing, so `commcoach.models` can read `rubric.names` cheaply.
"""
