#!/usr/bin/env python3
"""Set-up and everyday tasks, with nothing but Python needed to start.

    python3 tasks.py site    create .venv, install the build's needs, build the edition
    python3 tasks.py test    create .venv, install the tests' needs (Chromium, Java, the Nu validator), run the tests
    python3 tasks.py shots   screenshots of the built pages at desktop and phone widths
    python3 tasks.py bench   the benchmark: synthetic editions of 100, 1,000 and 10,000 documents

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
TOOLS = ROOT / ".tools"  # npm packages the tests need (git-ignored)
VNU_VERSION = "26.9.27"
VNU_JAR = TOOLS / "node_modules/vnu-jar/build/dist/vnu.jar"


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


APT_UPDATED: list[bool] = []  # the package lists are fetched once per run


def ensure_debian_package(present: bool, package: str, why: str) -> None:
    """Install a Debian package with apt-get when it is missing and we are root; otherwise say what to do."""
    if present:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        if not APT_UPDATED:
            run("apt-get", "update", "-qq")
            APT_UPDATED.append(True)
        run("apt-get", "install", "-y", "-qq", package)
        return
    sys.exit(f"{why}: run 'sudo apt-get install {package}' first.")


def ensure_chromium() -> None:
    """The browser tests drive Debian's Chromium; no browser download is needed or possible."""
    ensure_debian_package(CHROMIUM.exists(), "chromium", "The browser tests need Chromium at /usr/bin/chromium")


def ensure_validator() -> None:
    """The Nu HTML validator (npm vnu-jar, its Java-downloading install script skipped) and Debian's Java."""
    ensure_debian_package(bool(shutil.which("java")), "default-jre-headless", "The HTML gate needs Java")
    ensure_debian_package(bool(shutil.which("npm")), "npm", "The HTML gate installs the Nu validator with npm")
    if not VNU_JAR.exists():
        run("npm", "install", "--prefix", TOOLS, "--ignore-scripts", "--no-audit", "--no-fund", f"vnu-jar@{VNU_VERSION}")


def ensure_jing() -> None:
    """The TEI tests validate the export against tei_all with Debian's jing (fast, file:line messages)."""
    ensure_debian_package(bool(shutil.which("jing")), "jing", "The TEI tests need jing")


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
    ensure_validator()
    ensure_citeproc()
    run(PYTHON, "-m", "pytest", *sys.argv[2:])


def shots() -> None:
    ensure_venv("test")
    ensure_chromium()
    run(PYTHON, "build.py")
    run(PYTHON, "scripts/screenshots.py", *sys.argv[2:])


def bench() -> None:
    ensure_venv()
    run(PYTHON, "bench/run.py", *sys.argv[2:])


TASKS = {"site": site, "test": test, "shots": shots, "bench": bench}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        sys.exit(__doc__)
    TASKS[sys.argv[1]]()
