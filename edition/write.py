"""Write the rendered files so that ``output/`` is always a whole, good build.

A build fills a temporary sibling folder (files it rendered are written, files
whose inputs did not change are hard-linked from the current output) and swaps
it in with one atomic exchange, so there is never a moment without a complete
``output/``.  ``serve`` updates files in place instead, each by an atomic
rename.  Nothing here deletes a folder the build did not make: an output folder
must be empty, new, or marked by an earlier build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

#: Every build output holds this file; only a folder holding it may be replaced.
MARKER = ".edition-output"
MARKER_TEXT = b"This folder is written by the edition generator (build.py) and replaced by every build.\n"
_STAGING, _RETIRED = ".new-", ".old-"


class UnsafeOutput(Exception):
    """The output folder may not be written: replacing it could destroy files the build did not write."""


def check_output(output: Path, project: Path) -> None:
    """Refuse an output folder that holds the project, its sources, or files no build wrote."""
    output, project = output.resolve(), project.resolve()
    if output == project or output in project.parents:
        raise UnsafeOutput(f"the output folder {output} holds the whole project: choose a new folder, e.g. --output output")
    for source in (project / "content", project / "templates"):
        if output == source or source in output.parents:
            raise UnsafeOutput(f"the output folder {output} is inside the sources ({source.name}/): "
                               "choose a folder outside content/ and templates/, e.g. --output output")
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise UnsafeOutput(f"the output {output} is not a folder: choose a new folder, e.g. --output output")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise UnsafeOutput(f"the output folder {output} holds files that no build wrote (it has no {MARKER} file): "
                           "choose an empty or new folder (if it is a build made before output folders were marked, delete it once)")


def recover(output: Path) -> None:
    """Undo what an interrupted build left: restore a retired output, remove temporary folders."""
    output = output.resolve()
    retired = sorted(output.parent.glob(f".{output.name}{_RETIRED}*"))
    if not output.exists() and retired:
        retired[-1].rename(output)
    for leftover in [*output.parent.glob(f".{output.name}{_STAGING}*"), *output.parent.glob(f".{output.name}{_RETIRED}*")]:
        if (leftover / MARKER).is_file() or not any(leftover.iterdir()):
            shutil.rmtree(leftover, ignore_errors=True)


class Staging:
    """A new output folder being filled; ``commit`` swaps it in, ``discard`` throws it away."""

    def __init__(self, output: Path):
        self.output = output.resolve()
        self.folder = self.output.with_name(f".{self.output.name}{_STAGING}{os.getpid()}")
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        (self.folder / MARKER).write_bytes(MARKER_TEXT)
        self._made: set[str] = {""}

    def write(self, relative: str, data: bytes) -> None:
        target = self._target(relative)
        if os.path.lexists(target):  # never write through a hard link into the current output
            os.unlink(target)
        with open(target, "wb") as file:
            file.write(data)

    def keep(self, relative: str) -> bool:
        """Take ``relative`` over from the current output unchanged (a hard link); False if it is not there."""
        source, target = f"{self.output}/{relative}", self._target(relative)
        try:
            os.link(source, target)
        except FileNotFoundError:
            return False
        except OSError:
            if not os.path.isfile(source):
                return False
            shutil.copyfile(source, target)
        return True

    def _target(self, relative: str) -> str:
        folder = os.path.dirname(relative)
        if folder not in self._made:
            os.makedirs(f"{self.folder}/{folder}", exist_ok=True)
            self._made.add(folder)
        return f"{self.folder}/{relative}"

    def commit(self) -> None:
        """Make the staging folder the output, atomically where the system allows."""
        if self.output.exists() and _exchange(self.folder, self.output):
            shutil.rmtree(self.folder, ignore_errors=True)  # now holds the old output
            return
        retired = self.output.with_name(f".{self.output.name}{_RETIRED}{os.getpid()}")
        if self.output.exists():
            self.output.rename(retired)
        self.folder.rename(self.output)
        shutil.rmtree(retired, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class InPlace:
    """Updates an existing output folder file by file, each by an atomic rename (used by ``serve``)."""

    def __init__(self, output: Path):
        self.folder = output.resolve()

    def write(self, relative: str, data: bytes) -> None:
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)

    def keep(self, relative: str) -> bool:
        return (self.folder / relative).is_file()

    def remove(self, gone: set[str]) -> None:
        """Delete the files of the previous build that this build no longer produces."""
        for relative in sorted(gone):
            (self.folder / relative).unlink(missing_ok=True)

    def commit(self) -> None:
        return

    def discard(self) -> None:
        return


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name or os.name != "posix":
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0
