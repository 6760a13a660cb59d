"""commcoach: practise workplace written English in the terminal.

This module only carries the version: importing it must stay cheap and side-effect free.
"""

__version__ = "0.1.0"
