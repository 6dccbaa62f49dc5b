from bench.machine import describe


def test_describes_the_machine_with_every_field_the_report_shows() -> None:
    machine = describe()
    for key in ("cpu", "ram_gb", "os", "python", "discord_py", "sqlite", "date", "commit"):
        assert machine[key], key
    assert machine["logical_cores"] >= 1
    assert machine["ram_gb"] > 0
    assert machine["python"].split()[-1].startswith("3.")
    assert machine["discord_py"].startswith("2.")
    assert len(machine["load_average"].split()) == 3
