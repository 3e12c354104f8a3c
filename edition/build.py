"""The build pipeline: content → model → site → files → output, reporting every problem."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .content import load_content
from .problems import Problem, sort_problems
from .render import render_site
from .site import assemble
from .write import write_output


@dataclass(frozen=True)
class BuildReport:
    """What a build did: counts, problems and time; ``ok`` says whether output/ was written."""

    ok: bool
    documents: int = 0
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def summary(self) -> str:
        """The one-line summary printed at the end of a build."""
        if not self.ok:
            return (f"Build failed: {_count(len(self.errors), 'error')}, {_count(len(self.warnings), 'warning')}"
                    f" ({self.seconds:.2f} s); output/ left as it was")
        return (f"Built {_count(self.documents, 'document')}, {_count(self.pages, 'page')},"
                f" {_count(len(self.warnings), 'warning')} in {self.seconds:.2f} s ({self.files} files)")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def build(project: Path, output: Path, strict: bool = False, base_url: str = "") -> BuildReport:
    """Build ``project/content`` with ``project/templates`` into ``output``.

    With ``strict``, warnings fail the build too; ``base_url`` overrides the one
    in ``edition.yaml`` (a deploy knows its address).  On failure ``output`` is untouched.
    """
    started = time.perf_counter()
    content, problems = load_content(project / "content")
    if base_url and content.edition:
        content = replace(content, edition=replace(content.edition, base_url=base_url.rstrip("/") + "/"))
    site, found = assemble(content)
    problems = sort_problems(problems + found)
    failed = site is None or any(p.is_error for p in problems) or (strict and problems)
    if failed:
        return BuildReport(False, seconds=time.perf_counter() - started, problems=problems)
    files = render_site(site, project / "templates")
    write_output(files, output)
    return BuildReport(True, len(site.documents), len(site.pages), len(files), time.perf_counter() - started, problems)
