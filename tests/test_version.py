"""bot.version: the installed package's version, read from disk once per process."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata

import pytest

from bot.version import almanac_version


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    almanac_version.cache_clear()
    yield
    almanac_version.cache_clear()


def test_the_version_is_the_installed_packages_and_is_read_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = metadata.version
    looked_up: list[str] = []

    def counting_version(name: str) -> str:
        looked_up.append(name)
        return real(name)

    monkeypatch.setattr(metadata, "version", counting_version)
    assert almanac_version() == real("almanac")
    assert almanac_version() == real("almanac")
    assert looked_up == ["almanac"]


def test_a_source_tree_that_was_never_installed_says_unknown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert almanac_version() == "unknown"
