"""The documentation site builds cleanly, and its runnable example runs.

The build runs Sphinx exactly as a person would (``python -m sphinx -W``), so a
docstring that is malformed reStructuredText, a broken cross-reference or an
object that autodoc cannot import fails the suite.
"""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_sphinx_build_has_no_warnings(tmp_path):
    pytest.importorskip("sphinx")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(DOCS), str(tmp_path / "html")],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "html" / "index.html").exists()


def _standalone_example() -> str:
    """The first Python code block after the ``codegen-standalone`` label."""
    text = (DOCS / "architecture.rst").read_text()
    after = text[text.index(".. _codegen-standalone:"):]
    match = re.search(r"\.\. code-block:: python\n\n((?:(?:   .*)?\n)+)", after)
    assert match, "no python code block in the 'Using codegen on its own' section"
    return textwrap.dedent(match.group(1))


def test_codegen_standalone_example_runs(tmp_path, capsys):
    import codegen

    saved = codegen.settings.cache_dir
    codegen.settings.cache_dir = str(tmp_path / "kernel-cache")
    try:
        exec(compile(_standalone_example(), "architecture.rst", "exec"), {})
    finally:
        codegen.settings.cache_dir = saved
    printed = capsys.readouterr().out
    assert "Schedule(Split(axis='c', factor=64)" in printed
    assert "# parallel" in printed and "# vector" in printed
