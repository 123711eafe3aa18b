"""Errors the library raises for bad input; the CLI turns them into one-line messages."""

from __future__ import annotations


class InputError(Exception):
    """Input the tool cannot use: names the file (and line or row where it helps)."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        shown = printable(path)
        where = f"{shown}:{line}" if line is not None else shown
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None]]:
        """Rebuilt from its parts when it travels from a worker process."""
        return type(self), (self.path, self.message, self.line)


# A SOURCE_DATE_EPOCH that is not a number, set aside when the package was imported.
BAD_SOURCE_DATE_EPOCH: str | None = None


def printable(text: str) -> str:
    """`text` with control characters escaped (\\n, \\x1b, …), so that a file name can neither
    forge a line of output nor reach the terminal as an escape sequence."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class EngineError(Exception):
    """An engine the run cannot use: Dask not installed, or its scheduler out of reach."""
