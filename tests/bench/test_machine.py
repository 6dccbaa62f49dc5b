import subprocess

import pytest

from bench.machine import describe, git_commit


def test_describes_the_machine_with_every_field_the_report_shows() -> None:
    machine = describe()
    for key in ("cpu", "ram_gb", "os", "python", "discord_py", "sqlite", "date", "commit"):
        assert machine[key], key
    assert machine["logical_cores"] >= 1
    assert machine["ram_gb"] > 0
    assert machine["python"].split()[-1].startswith("3.")
    assert machine["discord_py"].startswith("2.")
    assert len(machine["load_average"].split()) == 3


def test_the_commit_is_this_checkouts_and_unknown_without_git(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert git_commit() in (head, f"{head}+changes")

    def no_git(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("git")

    monkeypatch.setattr(subprocess, "run", no_git)
    assert git_commit() == "unknown"
