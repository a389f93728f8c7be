"""`make test-next`: every page against the next TensorFlow/Keras (site_tools/next_release.py)."""

import sys

from site_tools.next_release import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
