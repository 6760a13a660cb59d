"""Detectors for the social frame of a message: requests, numbers, greetings, thanks, apologies.

These are plain phrase lists: the words that make each move are few and fixed in workplace
English, so a regular expression is predictable and explainable.
"""

from __future__ import annotations

import re

from commcoach.detectors.base import IGNORE, VERBOSE, Detector, regex_finder

_REQUEST = re.compile(
    r"""
      \b(?:could|can|would|will)\s+(?:you|someone|anyone|somebody|we)\s+(?:please\s+)?\w+
    | \bplease\s+\w+
    | \b(?:would|do)\s+you\s+(?:mind|have\s+(?:time|a\s+minute|a\s+moment|\d+\s+minutes))
    | \b(?:I|we)\s+(?:need|require|would\s+need)\s+
        (?:your|some|a\s+bit\s+of|help|access|a\s+review|input|guidance|feedback|approval)
    | \b(?:I'd|I\s+would|we'd|we\s+would)\s+(?:appreciate|be\s+grateful|love|like)\b
    | \b(?:is|would)\s+it\s+(?:be\s+)?(?:possible|ok|okay|alright|fine)\b
    | \b(?:let\s+me\s+know|any\s+(?:help|advice|pointers|suggestions|ideas|tips))\b
    | \b(?:can|could|may)\s+I\s+(?:ask|get|have|borrow|book|schedule|grab)\b
    | \b(?:looking\s+for|need)\s+(?:help|advice|a\s+reviewer|someone)\b
    """,
    VERBOSE,
)

_NUMBER = re.compile(
    r"""
      \b\d+(?:[.,]\d+)*\s*%?
    | \b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred
        |thousand|million|dozen|half|percent)\b
    """,
    VERBOSE,
)

_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings|morning)\b",
    IGNORE,
)
_SIGN_OFF = re.compile(
    r"(?:^|\n)\s*(?:thanks|thank\s+you|many\s+thanks|best|best\s+regards|kind\s+regards|regards|"
    r"cheers|sincerely|all\s+the\s+best|talk\s+soon)\b[^\n]{0,40}(?:\n\s*[A-Z][\w .-]{0,40})?\s*$",
    IGNORE,
)
_APOLOGY = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies|my\s+apologies|my\s+bad|forgive\s+me)\b", IGNORE
)
_GRATITUDE = re.compile(r"\b(?:thanks|thank\s+you|appreciate|grateful|thx)\b", IGNORE)

detect_request: Detector = regex_finder(_REQUEST)
"""Asks someone to do something, or asks for help."""
detect_number: Detector = regex_finder(_NUMBER)
"""Gives a number or quantity."""
detect_greeting: Detector = regex_finder(_GREETING)
"""Opens with a greeting."""
detect_sign_off: Detector = regex_finder(_SIGN_OFF)
"""Closes with a sign-off on the last line(s)."""
detect_apology: Detector = regex_finder(_APOLOGY)
"""Apologises."""
detect_gratitude: Detector = regex_finder(_GRATITUDE)
"""Thanks someone."""
