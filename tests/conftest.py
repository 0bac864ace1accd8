pytest_plugins = ["tests.conftest_gazetteer"]
