"""Storyline's exceptions: specific inside, one friendly line at the edges.

Each error carries a short code (``E101``), what was wrong, and a hint saying
how to fix it. The CLI prints ``str(err)``; the HTTP API maps ``status``.
"""

from __future__ import annotations


class StorylineError(Exception):
    code = "E000"
    status = 500  # HTTP status the API answers with

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class InputError(StorylineError):
    """A file or record could not be read or understood. ``origin`` names it."""

    code = "E100"
    status = 422

    def __init__(self, origin: str, message: str, hint: str | None = None):
        super().__init__(f"{origin}: {message}", hint)
        self.origin = origin
        self.reason = message


class UnsupportedInput(InputError):
    code = "E101"


class EmptyInput(InputError):
    code = "E102"


class BinaryInput(InputError):
    code = "E103"


class TooLarge(InputError):
    code = "E104"


class MalformedRecord(InputError):
    code = "E105"


class FetchError(InputError):
    code = "E106"


class StrictModeFailure(StorylineError):
    """``--strict``: the first input that could not be ingested stops the run."""

    code = "E110"
    status = 422


class ConfigError(StorylineError):
    """A bad option or setting value."""

    code = "E200"
    status = 422


class ModelNotFound(StorylineError):
    code = "E201"


class StoreError(StorylineError):
    code = "E300"


class NotFound(StorylineError):
    code = "E404"
    status = 404
