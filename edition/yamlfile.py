"""YAML read with the file line of every value, and without YAML 1.1 surprises.

Dates stay strings (``1962-11-31`` would otherwise raise a bare ValueError with
no line) and so do ``no``/``off``: the model validates them itself, with lines.
The data is built straight from the parser's events, so that a duplicate key, an
anchor or an alias is refused at its own line before anything is expanded (a
few hundred bytes of nested aliases would otherwise expand to gigabytes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

import yaml

from .problems import Problem, error

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {"!", _STR}


class _StringlyLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader whose only scalar types are str, int, float and null."""


_StringlyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_RESOLVER = yaml.resolver.Resolver()
_RESOLVER.yaml_implicit_resolvers = _StringlyLoader.yaml_implicit_resolvers


@dataclass(frozen=True)
class LoadedYaml:
    """Plain Python data plus the 1-based file line of each key or item."""

    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, *path: Any) -> int:
        """The line of ``path``, or of its nearest located ancestor."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, self.lines.get((), 1))


@dataclass(frozen=True)
class YamlIssue:
    """One reason the YAML cannot be used, at a 1-based file line and column."""

    line: int
    column: int
    message: str
    hint: str = ""


class YamlSyntaxError(Exception):
    """YAML that cannot be used; carries every issue found, each with its file line."""

    def __init__(self, issues: list[YamlIssue]):
        super().__init__(issues[0].message)
        self.issues = issues
        self.line = issues[0].line

    def problems(self, path: str) -> list[Problem]:
        """The issues as Problems of the file ``path``."""
        return [error(path, i.line, i.message, i.hint, i.column) for i in self.issues]


def load_yaml(text: str, first_line: int = 1) -> LoadedYaml:
    """Parse ``text``; its first line is line ``first_line`` of the file."""
    builder = _Builder(first_line)
    try:
        data = builder.document(_events(text))
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError([explain_syntax_error(exc, text, first_line)]) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError([YamlIssue(first_line, 0, f"YAML syntax: {exc}")]) from None
    except RecursionError:
        raise YamlSyntaxError([YamlIssue(first_line, 0, "YAML nested too deeply",
                                         "use at most a few levels of indentation")]) from None
    if builder.issues:
        raise YamlSyntaxError(builder.issues)
    if data is None:
        return LoadedYaml(None, {(): first_line})
    return LoadedYaml(data, builder.lines)


def _events(text: str) -> Iterator[yaml.Event]:
    loader = _StringlyLoader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


class _AnchorFound(Exception):
    """Stops building at the first anchor or alias: nothing after it is expanded."""


_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


class _Builder:
    """Builds Python data from parser events, noting lines and refusing what the edition does not use."""

    def __init__(self, first_line: int):
        self.first_line = first_line
        self.lines: dict[tuple, int] = {}
        self.issues: list[YamlIssue] = []

    def document(self, events: Iterator[yaml.Event]) -> Any:
        data, documents = None, 0
        try:
            for event in events:
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents == 2:
                        self.issues.append(YamlIssue(self._line(event), 1, "YAML syntax: a second '---' line",
                                                     "the YAML here is one block: remove the extra '---'"))
                elif isinstance(event, _NODE_EVENTS):
                    data = self.value(event, events, ())
        except _AnchorFound:
            return None
        return data

    def _line(self, event: yaml.Event) -> int:
        return self.first_line + event.start_mark.line

    def value(self, event: yaml.Event, events: Iterator[yaml.Event], path: tuple) -> Any:
        self.lines.setdefault(path, self._line(event))
        self._refuse_anchor(event)
        self._refuse_tag(event)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(events, path)
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(events, path)
        return _scalar(event)

    def _refuse_anchor(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            self.issues.append(YamlIssue(self._line(event), event.start_mark.column + 1,
                                         f"YAML anchors and aliases ('{sign}{event.anchor}') are not allowed here",
                                         "write the value out in full; if it is text starting with "
                                         f"'{sign}', put it in quotes"))
            raise _AnchorFound

    def _refuse_tag(self, event: yaml.Event) -> None:
        tag = getattr(event, "tag", None)
        if tag and tag not in _ALLOWED_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.issues.append(YamlIssue(self._line(event), event.start_mark.column + 1,
                                         f"YAML tag '{shown}' is not allowed here",
                                         "remove it; if the value is text starting with '!', put it in quotes"))

    def mapping(self, events: Iterator[yaml.Event], path: tuple) -> dict:
        result: dict = {}
        for key_event in events:
            if isinstance(key_event, yaml.MappingEndEvent):
                return result
            key = str(self.value(key_event, events, path))
            line = self._line(key_event)
            if key in result:
                self.issues.append(YamlIssue(line, key_event.start_mark.column + 1,
                                             f"key '{key}' appears twice (first on line {self.lines[path + (key,)]})",
                                             "keep one of the two; the second would silently replace the first"))
            else:
                self.lines[path + (key,)] = line
            value = self.value(next(events), events, path + (key,))
            result.setdefault(key, value)
        return result

    def sequence(self, events: Iterator[yaml.Event], path: tuple) -> list:
        result = []
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                break
            result.append(self.value(event, events, path + (len(result),)))
        return result


def _scalar(event: yaml.Event) -> Any:
    if not isinstance(event, yaml.ScalarEvent):
        return None
    value = event.value
    if not event.implicit[0]:
        return value
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    try:
        if tag == "tag:yaml.org,2002:int":
            return int(value.replace("_", ""), 0)
        if tag == "tag:yaml.org,2002:float":
            return float(value.replace("_", ""))
    except ValueError:
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    return value


def explain_syntax_error(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlIssue:
    """A YAML parser error in an editor's words, at the line where the mistake is."""
    mark = exc.problem_mark or exc.context_mark
    lines = text.split("\n")
    line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
    problem = exc.problem or exc.context or ""
    message, hint, mark = _explanation(problem, exc, line_text, mark)
    line = first_line + (mark.line if mark else 0)
    column = mark.column + 1 if mark else 0
    return YamlIssue(line, column, f"YAML syntax: {message}", hint)


def _explanation(problem: str, exc: yaml.MarkedYAMLError, line_text: str, mark):
    char = line_text[mark.column] if mark and mark.column < len(line_text) else ""
    context = exc.context or ""
    if "tab" in problem or char == "\t":
        return "a tab character", "YAML indents with spaces, not tabs", mark
    if problem.startswith("mapping values are not allowed"):
        if ":" in line_text[:mark.column]:
            return "a ':' inside a value", _quote_hint(line_text), mark
        return "this line is indented more than the key above it", \
            "start the keys of one mapping in the same column; indent only a value that continues", mark
    if "quoted scalar" in context and "end of stream" in problem:
        return "a quotation mark is never closed", "end the value with the same quote it starts with", exc.context_mark
    if "unknown escape" in problem:
        return f"'{line_text[mark.column:mark.column + 2]}' is not an escape YAML knows in a double-quoted value", \
            "use single quotes around the value, or write '\\\\' for a backslash", mark
    if "flow sequence" in context:
        return "a '[' list is never closed", "close it with ']', or put the value in quotes if it is text", exc.context_mark
    if "flow mapping" in context:
        return "a '{' mapping is never closed", "close it with '}', or put the value in quotes if it is text", exc.context_mark
    if "cannot start any token" in problem:
        return f"a value cannot start with '{char}'", "put the value in quotes", mark
    if "could not find expected ':'" in problem:
        return "a line without 'key: value'", \
            "write 'key: value', or indent the line to continue the value above", exc.context_mark or mark
    if "did not find expected key" in problem:
        return "this line does not fit the lines above", \
            "check its indentation; a value followed by more text needs quotes around all of it", mark
    if "block scalar" in context:
        return "text after '|' or '>' on the same line", "start the text on the next line, indented", mark
    return problem or context, "", mark


def _quote_hint(line_text: str) -> str:
    key, _, value = line_text.partition(":")
    value = value.strip()
    if '"' in value or not key.strip():
        return "put the value in quotes"
    return f'put the value in quotes: {key.strip()}: "{value}"'
