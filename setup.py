"""Build step: the top-level ``seeds/`` and ``resources/`` folders go into the wheel as
``desktop/seeds`` and ``desktop/resources``, where ``desktop/bundled.py`` finds them with
``importlib.resources``. Everything else is in pyproject.toml.

An editable install (``.ci/setup``: ``editable_mode=compat``, a plain path entry) copies
nothing: a checkout reads the folders where they are.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("seeds", "resources")


class BuildPyWithBundledFiles(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in BUNDLED:
            for source in sorted((ROOT / name).rglob("*")):
                if not source.is_file() or source.suffix in (".py", ".pyc"):
                    continue  # tooling (resources/icons/render_pngs.py) is not shipped
                target = Path(self.build_lib, "desktop", name, source.relative_to(ROOT / name))
                self.mkpath(str(target.parent))
                self.copy_file(str(source), str(target))


setup(cmdclass={"build_py": BuildPyWithBundledFiles})
