"""Errors users see: one sentence saying what went wrong and what to do next."""


class ClaimLedgerError(Exception):
    """A problem with the user's input or set-up, shown as a one-line message, never a traceback."""
