pytest_plugins = ["tests.conftest_gazetteer", "tests.conftest_browser"]
