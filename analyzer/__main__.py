"""`python -m analyzer` runs the `framing` command."""

from .cli import main

main(prog_name="framing")
