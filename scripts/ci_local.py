"""`make ci-local`: the pull-request workflow's steps in a fresh clone (site_tools/ci_local.py)."""

import sys

from site_tools.ci_local import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
