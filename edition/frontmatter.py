"""Split a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass

from .yamlfile import LoadedYaml, load_yaml


@dataclass(frozen=True)
class SplitFile:
    """Front matter (with file lines) and the body; ``body_line`` is the body's first file line."""

    meta: LoadedYaml
    body: str
    body_line: int


class FrontMatterError(Exception):
    """The file does not open with a well-formed ``---`` block."""

    def __init__(self, message: str, line: int, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.hint = hint


def split_front_matter(text: str) -> SplitFile:
    """Split ``---\\nYAML\\n---\\nbody``; raise FrontMatterError or YamlSyntaxError."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise FrontMatterError("the file does not start with a '---' front matter line", 1,
                               "put the metadata between two '---' lines at the top")
    end = text.find("\n---\n", 3)
    if end == -1 and text.endswith("\n---"):
        end = len(text) - 4
    if end == -1:
        raise FrontMatterError("the front matter is never closed", 1, "add a line '---' after the metadata")
    yaml_text = text[4:end + 1]
    meta = load_yaml(yaml_text, first_line=2)
    body_start = end + 5
    body_line = text.count("\n", 0, min(body_start, len(text))) + 1
    return SplitFile(meta, text[body_start:], body_line)
