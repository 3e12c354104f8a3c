#!/usr/bin/env python3
"""Set-up and everyday tasks, with nothing but Python needed to start.

    python3 tasks.py site    create .venv, install the build's needs, build the edition
    python3 tasks.py test    create .venv, install the tests' needs (and Chromium), run the tests
    python3 tasks.py shots   screenshots of the built pages at desktop and phone widths

The virtual environment lives in .venv/; dependencies are read from pyproject.toml.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = ROOT / "tests" / ".node"  # npm packages the tests use (gitignored)


def run(*command: str | Path) -> None:
    """Run a command from the project folder; stop with its status if it fails."""
    print("+", " ".join(str(c) for c in command), flush=True)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    status = subprocess.call([str(c) for c in command], cwd=ROOT, env=environment)
    if status:
        sys.exit(status)


def dependencies(extra: str | None = None) -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])


def ensure_venv(extra: str | None = None) -> None:
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *dependencies(extra))


def ensure_chromium() -> None:
    """The browser tests drive Debian's Chromium; no browser download is needed or possible."""
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "chromium")
        return
    sys.exit("The browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium' first.")


def ensure_jing() -> None:
    """The TEI tests validate the export against tei_all with Debian's jing (fast, file:line messages)."""
    if shutil.which("jing"):
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "jing")
        return
    sys.exit("The TEI tests need jing: run 'sudo apt-get install jing' first.")


def ensure_citeproc() -> None:
    """citeproc-js, the tests' oracle for the CSL-JSON downloads, from npm into tests/.node/."""
    if (NODE_MODULES / "node_modules" / "citeproc" / "citeproc_commonjs.js").exists():
        return
    if not shutil.which("npm"):
        sys.exit("The citation tests need Node.js and npm (e.g. 'sudo apt-get install nodejs npm').")
    run("npm", "install", "--prefix", NODE_MODULES, "--no-save", "--no-audit", "--no-fund", "citeproc@2")


def site() -> None:
    ensure_venv()
    run(PYTHON, "build.py", *sys.argv[2:])


def test() -> None:
    ensure_venv("test")
    ensure_chromium()
    ensure_jing()
    ensure_citeproc()
    run(PYTHON, "-m", "pytest", *sys.argv[2:])


def shots() -> None:
    ensure_venv("test")
    ensure_chromium()
    run(PYTHON, "build.py")
    run(PYTHON, "scripts/screenshots.py", *sys.argv[2:])


TASKS = {"site": site, "test": test, "shots": shots}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        sys.exit(__doc__)
    TASKS[sys.argv[1]]()
