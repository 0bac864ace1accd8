pytest_plugins = ["tests.conftest_gazetteer", "tests.conftest_browser"]


def pytest_sessionfinish(session, exitstatus):
    """pytest-django deletes the SQLite test database's file but not its WAL journal's (-wal, -shm)."""
    from pathlib import Path

    from django.conf import settings

    name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if name and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        for journal in Path(name).parent.glob(Path(name).name + "-*"):
            journal.unlink(missing_ok=True)
