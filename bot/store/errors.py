"""What can go wrong in the store, as types the CLI and the cogs turn into user text."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: the message is written for the person running Almanac."""


class StoreOpenError(StoreError):
    """The database file cannot be created or opened (bad path, permissions, not SQLite)."""


class MigrationError(StoreError):
    """The schema could not be brought up to date; the database is left as it was."""


class SchemaTooNewError(MigrationError):
    """The database was written by a newer Almanac than this one."""


class InvalidFactsError(StoreError, ValueError):
    """An article's facts break the store's rules (e.g. a malformed date); nothing was saved."""
