"""Allow ``python -m desktop [PATH]``."""

import sys

from desktop.cli import main

sys.exit(main())
