"""The gazetteer in the test database, loaded once per session (~14,000 areas, ~10,700 links).

Registered from tests/conftest.py with ``pytest_plugins = ["tests.conftest_gazetteer"]``. The areas
are written when the test database is created, outside any test's transaction, so every test sees
them and each test's own writes still roll back.
"""
import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, plus the gazetteer; returns load_areas()'s counts."""
    from indicators.gazetteer import load_areas  # Django is set up only once pytest-django configured it.

    with django_db_blocker.unblock():
        return load_areas()


@pytest.fixture
def gazetteer(db, django_db_setup):
    """The counts of the session's load; the gazetteer is in the database.

    A transactional test (transaction=True, live_server) empties the tables when it ends; the next
    test asking for the gazetteer then loads it again inside its own transaction."""
    from indicators.gazetteer import load_areas
    from indicators.models import Area

    if not Area.objects.filter(key__endswith="-2025").exists():
        load_areas()
    return django_db_setup
