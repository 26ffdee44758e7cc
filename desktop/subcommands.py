"""The command line's subcommands and the module that runs each.

One list for ``crosslight`` (``cli``) to dispatch on and for ``headless`` to check its
parser against. It lives in this import-free module because ``cli`` is the window's
front door too, and importing ``headless`` there would cost ~60 ms of every start.
"""

from __future__ import annotations

SUBCOMMANDS: dict[str, str] = {
    "export": "desktop.headless",
    "info": "desktop.headless",
    "import": "desktop.headless",
    "install-desktop": "desktop.integration",
    "fetch": "desktop.web_cli",
    "merge": "desktop.merge_cli",
    "merge-driver": "desktop.merge_cli",
}
# Those ``headless.main`` parses itself (it is given the subcommand's name too).
HEADLESS = tuple(name for name, module in SUBCOMMANDS.items() if module == "desktop.headless")
# Those whose ``main`` is given the subcommand's name with its arguments.
GIVEN_NAME = (*HEADLESS, "merge", "merge-driver")
