"""The model answer next to yours, as a word diff."""

from __future__ import annotations

from textual.content import Content

from commcoach.tui.word_diff import similarity, word_diff


def diff_content(yours: str, model: str, note: str = "") -> Content:
    """Words only in yours struck through, words only in the model underlined, both shown."""
    pieces: list[Content] = []
    for piece in word_diff(yours, model):
        if piece.op == "same":
            pieces.append(Content(piece.text))
        elif piece.op == "yours":
            pieces.append(Content.styled(piece.text, "strike $text-error"))
        else:
            pieces.append(Content.styled(piece.text, "underline bold $text-success"))
    body = Content(" ").join(pieces)
    legend = Content.assemble(
        ("Legend: ", "dim"),
        ("only in yours", "strike $text-error"),
        ("  ", ""),
        ("only in the model answer", "underline bold $text-success"),
        (f"   ·   {similarity(yours, model):.0%} of the words match", "dim"),
    )
    parts = [Content.styled("Model answer", "bold"), Content(model.strip()), Content("")]
    parts += [Content.styled("Word diff against yours", "bold"), body, Content(""), legend]
    if note:
        parts += [Content(""), Content.assemble(("Why it works: ", "bold"), note)]
    return Content("\n").join(parts)
