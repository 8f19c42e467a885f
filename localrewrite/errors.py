"""The one error family: every failure a user can cause or fix is a LocalRewriteError."""

from __future__ import annotations


class LocalRewriteError(Exception):
    """An error with a sentence ready for the user and the exit code the CLI returns."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(LocalRewriteError):
    """The input file is missing, unreadable, empty or not an article."""

    exit_code = 2


class ModelError(LocalRewriteError):
    """The model file is missing, corrupt or cannot be loaded."""

    exit_code = 3


class BackendError(LocalRewriteError):
    """The backend (llama.cpp or a server) failed; the message says what to do."""

    exit_code = 4


class OutputError(LocalRewriteError):
    """The output cannot be written, or exists and --force was not given."""

    exit_code = 5


class ResourceError(LocalRewriteError):
    """A resource that set-up installs (Grammalecte, the thesaurus) is missing."""

    exit_code = 3


class ArchiveError(LocalRewriteError):
    """The archive is missing, not an archive, or cannot be read or written."""

    exit_code = 2
