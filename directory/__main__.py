"""`python -m directory` runs the command line."""

from .cli import main

main()
