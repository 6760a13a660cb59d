"""`python -m commcoach` runs the same entry point as the `commcoach` script."""

from commcoach.cli import main

main()
