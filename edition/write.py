"""Write the rendered files so that ``output/`` is always a whole, good build.

Everything goes into a temporary sibling folder first; only a complete folder
is swapped in, so a crash or an error never leaves a half-written site.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def write_output(files: dict[str, bytes], output: Path) -> None:
    """Replace ``output`` with exactly ``files`` ({relative path: bytes}), atomically swapped in."""
    output = output.resolve()
    staging = output.with_name(f".{output.name}.new-{os.getpid()}")
    retired = output.with_name(f".{output.name}.old-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for relative, data in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if output.exists():
            output.rename(retired)
        staging.rename(output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
