"""The build cache: what earlier builds read and wrote, keyed by content hashes.

Lives in ``<project>/.edition-cache/`` (never published, safe to delete: the next
build is then a full one).  Two kinds of entries:

- ``records/<key>``: a document's full record (linked body included), compressed
  pickle, keyed by the hash of everything reading it depends on;
- ``state-<output>.pickle``: for one output folder, the summaries of the
  documents last read and the fingerprint of every file last written there, so a
  build knows what it may take over unchanged.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import mistune


def _code_version() -> str:
    """A hash of the generator's own code: a changed generator never trusts an older cache."""
    digest = hashlib.blake2b(mistune.__version__.encode(), digest_size=12)
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


#: Part of every key and fingerprint.
CODE_VERSION = _code_version()


@dataclass
class BuildState:
    """What the last successful build into one output folder left behind."""

    summaries: dict[str, object] = field(default_factory=dict)  # record key → DocumentRecord summary
    fingerprints: dict[str, str] = field(default_factory=dict)  # output path → fingerprint of its inputs


class Cache:
    """A folder of cache entries; every write goes to a temporary name first, then is renamed."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def record_path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / "records" / key[:2] / key

    def load_record(self, key: str):
        """A cached record, or None when missing or unreadable (a damaged entry is just a miss)."""
        if not self.folder:
            return None
        try:
            return pickle.loads(zlib.decompress(self.record_path(key).read_bytes()))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def store_record(self, key: str, record) -> None:
        if self.folder:
            _write_atomically(self.record_path(key), zlib.compress(pickle.dumps(record, 5), 1))

    def memo(self, path: str, text: str, loader):
        """``loader(path, text)``, cached under the hash of the code, the loader, the path and the text."""
        if not self.folder:
            return loader(path, text)
        key = fingerprint(CODE_VERSION, loader.__module__, loader.__qualname__, path, text)
        cached = self.load_record(key)
        if cached is None:
            cached = loader(path, text)
            self.store_record(key, cached)
        return cached

    def load_state(self, output: Path) -> BuildState:
        if not self.folder:
            return BuildState()
        try:
            state = pickle.loads(self._state_path(output).read_bytes())
            return state if isinstance(state, BuildState) else BuildState()
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return BuildState()

    def store_state(self, output: Path, state: BuildState) -> None:
        if self.folder:
            _write_atomically(self._state_path(output), pickle.dumps(state, 5))

    def forget_state(self, output: Path) -> None:
        """Drop what is known of ``output``: its files are about to change without a record of it."""
        if self.folder:
            self._state_path(output).unlink(missing_ok=True)

    def _state_path(self, output: Path) -> Path:
        assert self.folder is not None
        name = hashlib.blake2b(f"{CODE_VERSION}\0{output.resolve()}".encode(), digest_size=8).hexdigest()
        return self.folder / f"state-{name}.pickle"


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def fingerprint(*parts: object) -> str:
    """A short, stable hash of the ``repr`` of some values (frozen dataclasses have a stable repr)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()
