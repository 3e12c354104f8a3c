"""Read typed values out of a YAML mapping, collecting a Problem for each bad one.

Used for the front matter of documents and pages, ``edition.yaml`` and the
glossary, so that every file reports its errors in the same words.
"""

from __future__ import annotations

from typing import Any, Callable

from .model import Name, PartialDate
from .problems import Problem, did_you_mean, error
from .yamlfile import LoadedYaml

#: The years a date may have: wide enough for any archive, narrow enough to catch a typo such as 0962 or 19622.
YEARS = (1000, 2999)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Fields:
    """The keys of one YAML mapping (at ``base`` inside ``loaded``) as typed values."""

    def __init__(self, loaded: LoadedYaml, path: str, known: tuple[str, ...], base: tuple = (),
                 problems: list[Problem] | None = None):
        self.loaded, self.path, self.known, self.base = loaded, path, known, base
        self.problems = problems if problems is not None else []
        data = loaded.data
        for key in base:
            data = data[key]
        self.data = data if isinstance(data, dict) else {}
        if data is not None and not isinstance(data, dict):
            self.fail((), "expected a mapping of 'key: value' lines")
        self._check_keys()

    def _check_keys(self) -> None:
        for key in self.data:
            if key not in self.known:
                hint = did_you_mean(key, self.known) or "known keys: " + ", ".join(self.known)
                self.fail((key,), f"unknown key '{self._dotted(key)}'", hint)

    def _dotted(self, key: Any) -> str:
        return ".".join(str(k) for k in self.base + (key,))

    def line(self, *path: Any) -> int:
        return self.loaded.line(*self.base, *path)

    def fail(self, path: tuple, message: str, hint: str = "") -> None:
        self.problems.append(error(self.path, self.line(*path), message, hint))

    def has(self, key: str) -> bool:
        return not _blank(self.data.get(key)) and self.data.get(key) != []

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        value = self.data.get(key)
        if _blank(value):
            if required and key in self.data:
                self.fail((key,), f"'{self._dotted(key)}' is empty", f"write its value after '{key}:'")
            elif required:
                self.fail((), f"'{self._dotted(key)}' is missing", f"add a line '{key}: …'")
            return default
        if isinstance(value, (dict, list)):
            self.fail((key,), f"'{self._dotted(key)}' must be text, not a {'list' if isinstance(value, list) else 'mapping'}")
            return default
        return str(value).strip()

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        if any(isinstance(i, (dict, list)) for i in items):
            self.fail((key,), f"'{self._dotted(key)}' must be text or a list of texts")
            return ()
        if any(_blank(i) for i in items):
            self.fail((key,), f"'{self._dotted(key)}' has an empty item", "remove it, or write its text")
        return tuple(str(i).strip() for i in items if not _blank(i))

    def boolean(self, key: str, default: bool = False) -> bool:
        """``true`` or ``false`` (YAML 1.1's yes/no/on/off are refused: they surprise)."""
        value = self.data.get(key)
        if value is None:
            return default
        if str(value) in ("true", "false"):
            return str(value) == "true"
        self.fail((key,), f"'{self._dotted(key)}' must be true or false, not {value!r}",
                  f"write '{key}: true' or '{key}: false'")
        return default

    def integer(self, key: str, default: int) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int):
            self.fail((key,), f"'{self._dotted(key)}' must be a whole number, not {value!r}")
            return default
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str = "", required: bool = False) -> str:
        value = self.text(key, required, default)
        if value and value not in choices:
            hint = did_you_mean(value, choices) or "one of: " + ", ".join(choices)
            self.fail((key,), f"'{self._dotted(key)}' cannot be {value!r}", hint)
            return default
        return value

    def date(self, key: str, required: bool = False) -> PartialDate | None:
        value = self.text(key, required)
        if not value:
            return None
        if not value.isascii():
            self.fail((key,), f"'{self._dotted(key)}': {value!r} has characters other than 0-9, '-', 'T' and ':'",
                      "retype the date with the digits 0-9, e.g. 1962-11-06")
            return None
        try:
            date = PartialDate.parse(value)
        except ValueError as exc:
            self.fail((key,), f"'{self._dotted(key)}': {exc}", "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM")
            return None
        if not YEARS[0] <= date.year <= YEARS[1]:
            self.fail((key,), f"'{self._dotted(key)}': {value!r} has a year outside {YEARS[0]}-{YEARS[1]}",
                      "check the year for a typing mistake")
            return None
        return date

    def matching(self, key: str, check: Callable[[str], bool], message: str, hint: str = "", default: str = "") -> str:
        value = self.text(key, default=default)
        if value and not check(value):
            self.fail((key,), f"'{self._dotted(key)}' {message}: {value!r}", hint)
            return default
        return value

    def sub(self, key: str, known: tuple[str, ...]) -> "Fields":
        """The mapping under ``key`` (empty if absent)."""
        if key not in self.data or self.data[key] is None:
            return Fields(LoadedYaml({}, {}), self.path, known, (), self.problems)
        return Fields(self.loaded, self.path, known, self.base + (key,), self.problems)

    def items(self, key: str) -> list[tuple[tuple, Any]]:
        """``(path, item)`` for each entry of the list under ``key``."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail((key,), f"'{self._dotted(key)}' must be a list ('- …' lines)")
            return []
        return [((key, i), item) for i, item in enumerate(value)]

    def at(self, path: tuple, known: tuple[str, ...]) -> "Fields":
        """The mapping at ``path`` below this one (for the items of a list)."""
        return Fields(self.loaded, self.path, known, self.base + path, self.problems)

    def name(self, path: tuple) -> Name:
        """A person or body: ``Jane Doe``, or ``{family: Doe, given: Jane}``, or ``{literal: …}``."""
        value = self._value(path)
        if isinstance(value, str):
            return name_from_text(value)
        fields = self.at(path, ("family", "given", "literal"))
        if not (fields.has("family") or fields.has("literal")):
            fields.fail((), "a name needs 'family' (and 'given') or 'literal'")
        return Name(fields.text("family"), fields.text("given"), fields.text("literal"))

    def names(self, key: str) -> tuple[Name, ...]:
        value = self.data.get(key)
        if isinstance(value, (str, dict)):
            return (self.name((key,)),)
        return tuple(self.name(path) for path, _ in self.items(key))

    def _value(self, path: tuple) -> Any:
        value = self.data
        for key in path:
            value = value[key]
        return value


def name_from_text(text: str) -> Name:
    """``Jane Doe`` → Name(family="Doe", given="Jane"); one word stays literal."""
    parts = text.strip().rsplit(" ", 1)
    if len(parts) == 1:
        return Name(literal=parts[0])
    return Name(family=parts[1], given=parts[0])
