# The page-verification plugin lives in tests/ (pythonpath in pyproject.toml).
pytest_plugins = ["pages_plugin"]
