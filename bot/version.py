"""The installed Almanac's version: shown by ``almanac --version`` and by /about."""

from __future__ import annotations

from functools import cache
from importlib import metadata


@cache
def almanac_version() -> str:
    """The installed package's version ("0.1.0"), or "unknown" when Almanac runs from a
    source tree that was never installed.

    Read once per process: the lookup scans the installed packages on disk, which a command
    handler should not do on every call.
    """
    try:
        return metadata.version("almanac")
    except metadata.PackageNotFoundError:
        return "unknown"
