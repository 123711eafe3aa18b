"""`python -m analyzer` runs the `framing` command."""

from .cli import entry

entry()
