"""The one error every import step raises: which line, what is wrong."""


class ImportFailure(Exception):
    """A file that cannot be imported; ``line`` is 1-based, or None for the whole file."""

    def __init__(self, message, *, line=None, code="invalid"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.code = code

    def describe(self, name):
        where = f"{name}, line {self.line}" if self.line else name
        return f"{where}: {self.message}"
