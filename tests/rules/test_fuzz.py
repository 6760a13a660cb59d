"""check_style never raises and always returns valid spans, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from commcoach.feedback.style import StyleContext, check_style

WORDS = st.sampled_from(
    [
        "sorry",
        "Sorry",
        "ASAP",
        "soon",
        "in order to",
        "Hi",
        "Thanks,",
        "`code`",
        "PAY-12",
        "https://x.io/soon",
        "I think maybe",
        "kind of",
        "!!!",
        "??",
        "😊",
        "你好",
        "\n",
        "\n\n",
        "Could you",
        "?",
        ".",
        "was broken",
        "revert",
        "u",
        "pls",
        "README",
        "NOT",
        "-",
        "'",
        "’",
        "e.g.",
        "3.5",
        "@ana",
        "snake_case",
        "camelCase",
        "- bullet",
        "1.",
        "guys,",
    ]
)
REGISTERS = st.sampled_from([None, "formal", "neutral", "casual"])
AUDIENCES = st.sampled_from([None, "manager", "teammate", "client", "HR"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=60),
    REGISTERS,
    AUDIENCES,
)
def test_check_style_is_total(parts: list[str], register: str | None, audience: str | None) -> None:
    text = " ".join(parts)
    context = StyleContext(register=register, audience=audience)
    for finding in check_style(text, context):
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end].strip()
