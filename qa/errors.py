"""Errors a user can cause and fix: the CLI prints them as one line, never a traceback."""


class QAError(Exception):
    """A problem with the user's input or set-up, explained in one line."""

    exit_code = 2


class IndexMissingError(QAError):
    exit_code = 3


class IndexCorruptError(QAError):
    exit_code = 3


class ModelError(QAError):
    exit_code = 4
