"""YAML read with the file line of every value, and without YAML 1.1 surprises.

Dates stay strings (``1962-11-31`` would otherwise raise a bare ValueError with
no line) and so do ``no``/``off``: the model validates them itself, with lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StringlyLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader whose only scalar types are str, int, float and null."""


_StringlyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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


class YamlSyntaxError(Exception):
    """YAML that does not parse; carries the 1-based file line."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def load_yaml(text: str, first_line: int = 1) -> LoadedYaml:
    """Parse ``text``; its first line is line ``first_line`` of the file."""
    try:
        node = yaml.compose(text, Loader=_StringlyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        raise YamlSyntaxError(f"YAML syntax: {exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML syntax: {exc}", first_line) from None
    lines: dict[tuple, int] = {}
    if node is None:
        return LoadedYaml(None, {(): first_line})
    data = _to_python(node, (), lines, first_line)
    return LoadedYaml(data, lines)


def _to_python(node: yaml.Node, path: tuple, lines: dict[tuple, int], first_line: int) -> Any:
    lines.setdefault(path, first_line + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = str(_scalar(key_node))
            lines[path + (key,)] = first_line + key_node.start_mark.line
            result[key] = _to_python(value_node, path + (key,), lines, first_line)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, path + (i,), lines, first_line) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return str(node.value)
    tag = node.tag
    value = node.value
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
