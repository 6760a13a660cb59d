"""LanguageTool counts positions in UTF-16 code units (Java `String` indices); Python counts code
points. Every character outside the Basic Multilingual Plane (most emoji, 𝒞, rare CJK) is two
UTF-16 units but one Python character, so LT's `offset` and `length` drift after each one.
language-tool-python 3.4.0 converts only `offset` (and keeps the positions in a class attribute
shared by all threads); we convert both ends ourselves, per request.
"""

from __future__ import annotations

from bisect import bisect_left


class Utf16Index:
    """Maps UTF-16 offsets of one text to Python string indices."""

    __slots__ = ("_starts", "_length")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._starts: list[int] | None = None
        """UTF-16 offset of each character, plus the end; None when the text is all BMP."""
        if text.isascii() or all(ord(char) <= 0xFFFF for char in text):
            return
        starts = [0]
        for char in text:
            starts.append(starts[-1] + (2 if ord(char) > 0xFFFF else 1))
        self._starts = starts

    def to_python(self, utf16_offset: int) -> int:
        """The Python index at (or, inside a surrogate pair, right after) a UTF-16 offset."""
        if self._starts is None:
            return max(0, min(utf16_offset, self._length))
        return min(bisect_left(self._starts, utf16_offset), self._length)

    def span(self, offset: int, length: int) -> tuple[int, int]:
        """Python `(start, end)` for LanguageTool's UTF-16 `offset` and `length`."""
        return self.to_python(offset), self.to_python(offset + length)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (what LanguageTool's maxTextLength counts)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
