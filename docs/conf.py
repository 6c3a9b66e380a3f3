"""Sphinx configuration of the lazyarray documentation site.

Build: ``python -m sphinx -W -b html docs docs/_build/html`` (warnings are errors).
"""
from __future__ import annotations

import os
import sys

# The packages are documented from this checkout, not from an installed copy.
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, ROOT)

import lazyarray  # noqa: E402

project = "lazyarray"
author = "the lazyarray authors"
copyright = "the lazyarray authors"
version = release = lazyarray.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

# Every import the packages need (numpy, llvmlite) is a real dependency and is
# installed wherever the site is built, so nothing is mocked.
autodoc_mock_imports: list[str] = []
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
# The docstrings are plain reStructuredText prose.  Napoleon stays on for
# NumPy-style sections, but Google-style parsing is off: it would read the
# ``#: name: text`` comments on constants as "type: description".
napoleon_google_docstring = False
napoleon_numpy_docstring = True

default_role = "literal"
templates_path: list[str] = []
exclude_patterns = ["_build"]
root_doc = "index"

html_theme = "alabaster"
html_static_path: list[str] = []
html_theme_options = {
    "description": "NumPy, lazily evaluated, fused and JIT-compiled through LLVM",
}
