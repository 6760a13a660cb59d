"""Month and weekday names as regular-expression sources, for every reader of dates.

The date/ETA detector (rubric) and the document's title blanking (a line that holds only a date
dates the report) read the same names, so they cannot disagree about what a date is.
"""

from __future__ import annotations

WEEKDAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|(?-i:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?))"
)
"""A weekday, in full (any case) or abbreviated with a capital ('Fri', 'Thurs.')."""

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
"""A month, in full or abbreviated ('Sept', 'Dec'); callers choose the case rules."""
