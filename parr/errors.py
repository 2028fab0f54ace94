"""Errors that mean the user's input is wrong: the CLI prints them as one sentence and exits 2."""

from __future__ import annotations

import re

# Line breaks and other control characters: a problem quotes what the user wrote (a key, a value,
# a file name), and one stray newline in it would split one problem over two lines. Lone
# surrogates (undecodable bytes in a file name) could not be written to stderr at all.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """`text` with control characters written as escapes, so it prints as exactly one line."""
    return _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], text)


class ParrInputError(Exception):
    """Bad input (file, option, manifest). `problems` holds every problem found, one line each."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        message = one_line(message)
        super().__init__(message)
        self.problems = [one_line(p) for p in problems] if problems else [message]
