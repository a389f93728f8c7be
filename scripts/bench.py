"""`make bench`: what verification and the built site cost (verify/bench.py does the work)."""

import sys

from verify.bench import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
