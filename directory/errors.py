"""Small named exceptions raised by the library; the CLI and web layer turn them into messages."""


class DirectoryError(Exception):
    """Base class for every error the directory reports to a user."""


class InputError(DirectoryError):
    """An article or file that cannot be read or has no usable text."""


class NotFound(DirectoryError):
    """An unknown expert slug, article id or organization."""


class QueryError(DirectoryError):
    """A search query that is empty, too long or rejected by the parser."""


class StoreError(DirectoryError):
    """The data folder cannot be written (read-only, full disk, locked)."""
