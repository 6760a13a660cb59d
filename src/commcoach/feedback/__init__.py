"""Feedback: `analyse(text, scenario, turn, settings) -> Report` (headless; no textual)."""
