"""`make bench`: what verification and the built site cost (site_tools/bench.py does the work)."""

import sys

from site_tools.bench import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
