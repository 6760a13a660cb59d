"""`python -m commcoach.languagetool._watchdog -- CMD...`: run CMD until our parent dies.

Used where PR_SET_PDEATHSIG does not exist (macOS, BSD). The parent keeps the write end of our
stdin open and never writes; when the parent exits in any way, even SIGKILL, the kernel closes
it, our read returns EOF, and we kill CMD. Stays tiny: no commcoach imports beyond this file.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import threading


def main(argv: list[str]) -> int:
    """Start the command, watch stdin for EOF, return the command's exit code."""
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        print("usage: python -m commcoach.languagetool._watchdog -- CMD [ARGS...]", file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL)

    def watch_parent() -> None:
        with contextlib.suppress(OSError):
            while sys.stdin.buffer.read(4096):
                pass
        with contextlib.suppress(ProcessLookupError):
            child.kill()

    threading.Thread(target=watch_parent, daemon=True).start()

    def forward(signum: int, _frame: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    return child.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
