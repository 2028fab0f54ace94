"""Errors that mean the user's input is wrong: the CLI prints them as one sentence and exits 2."""

from __future__ import annotations


class ParrInputError(Exception):
    """Bad input (file, option, manifest). `problems` holds every problem found, one line each."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]
