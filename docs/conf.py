"""Sphinx configuration of the spinthermo documentation.

Theme: furo, because it is a standard theme whose assets all ship with it (the site works
offline and from ``file://``; only MathJax, Sphinx's default, is fetched by the reader's
browser) and it keeps wide claims tables and long signatures readable. Build, offline and
with warnings as errors::

    python -m pip install -e ".[docs]" && sphinx-build -W --keep-going -b html docs docs/_build/html

Tutorials and paper pages are MyST-NB notebooks executed at every build (``force``); a cell
that raises fails the build. The paper pages read ``$SPINTHERMO_REPORT_DIR/NAME/claims.json``
(written by ``spinthermo reproduce --all --quick --out DIR``, as CI does) and otherwise run the
quick study themselves (see ``_ext/claims_page.py``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import spinthermo

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))
# Notebook kernels inherit the environment: they find the helpers there, and run the small
# matrices of the tutorials on one BLAS thread as the CLI does (faster on 2 cores).
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(DOCS / "_ext"), os.environ.get("PYTHONPATH")) if p)
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

project = "spinthermo"
author = "The spinthermo developers"
copyright = "2026, The spinthermo developers"
release = spinthermo.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # MathJax 3 copied into _static: the site renders maths offline
    "sphinx.ext.viewcode",
    "myst_nb",
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb"}
exclude_patterns = ["_build", "jupyter_execute", ".gitignore", "_ext", "_templates/**"]
templates_path = ["_templates"]
root_doc = "index"

# --- API reference ---------------------------------------------------------------------------
autosummary_generate = True
autosummary_imported_members = False
autodoc_default_options = {
    "members": True,
    "undoc-members": False,
    "show-inheritance": True,
    # Packages re-export their modules' names (``spinthermo.thermo``, lazily
    # ``spinthermo.sweep``); each object is documented once, in the module defining it.
    "ignore-module-all": True,
}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False
napoleon_use_ivar = True

# --- notebooks -------------------------------------------------------------------------------
nb_execution_mode = "force"
nb_execution_timeout = 180  # s per cell; the slowest (a quick study) takes ~25 s
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
# Markdown printed by cells (the claims tables) is GitHub-flavoured: tables, no MyST roles.
nb_render_markdown_format = "gfm"
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

# --- offline ---------------------------------------------------------------------------------
# No intersphinx: CI has no network, and no local inventories are shipped. The build reads
# nothing remote; only a reader's browser fetches MathJax (Sphinx's default) to typeset maths.

# --- HTML ------------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"spinthermo {release}"
html_static_path = []
html_show_sourcelink = False
