"""The layering of issue 12: the domain model does not import the detectors, the language layer
imports no channel, and every channel reads the one cached Document."""

from __future__ import annotations

import subprocess
import sys

from commcoach.feedback.style.context import protected, sentences
from commcoach.language import parse
from commcoach.text import split_sentences


def _imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_domain_model_does_not_import_the_detectors() -> None:
    modules = _imported_after("import commcoach.models")
    assert "commcoach.rubric.detectors" not in modules
    assert "commcoach.rubric.matching" not in modules


def test_the_language_layer_imports_no_channel() -> None:
    modules = _imported_after("import commcoach.language")
    assert not {
        m for m in modules if m.startswith(("commcoach.feedback", "commcoach.rubric.detectors"))
    }


def test_channels_read_the_same_sentences_from_one_document() -> None:
    text = "Fixed the v2.1 export, e.g. the CSV one. Next: docs.\n- Blocked: keys"
    document = parse(text)
    assert parse(text) is document  # one cache
    assert sentences(text) == document.sentences  # style rules
    assert tuple(split_sentences(text)) == document.sentences  # readability, grammar
    assert protected(text) == document.protected
