# The page-verification plugin: the package verify/ (installed into .venv by requirements.txt).
pytest_plugins = ["verify.pytest_plugin"]
