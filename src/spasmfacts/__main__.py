"""``python -m spasmfacts``: the same command line as the ``spasmfacts`` script."""

import sys

from spasmfacts.cli import main

if __name__ == "__main__":
    sys.exit(main())
