"""API reference of the engine: numpy docstrings that Sphinx renders as written.

The docs site (autodoc + napoleon) reads these docstrings without any rewriting, so each must be
valid numpy-doc and reStructuredText: ``name : type`` entries, no bare ``|`` in prose (a
substitution to docutils), property summaries without a colon (napoleon would split a type off
there). Every public callable of ``spinthermo.core`` and ``spinthermo.models`` that takes
arguments documents them in a ``Parameters`` section and its result in ``Returns`` (or
``Yields``).
"""

from __future__ import annotations

import collections
import functools
import importlib
import inspect
import io
import pkgutil
import re
from typing import ClassVar

import pytest

import spinthermo.core
import spinthermo.models

#: Every module of the engine.
CORE_MODULES = tuple(sorted(
    module.name for module in pkgutil.iter_modules(spinthermo.core.__path__, "spinthermo.core.")))


def _package_modules(package_name: str) -> list[str]:
    """``package_name`` and its modules, recursively."""
    package = importlib.import_module(package_name)
    names = [package_name]
    for module in pkgutil.iter_modules(package.__path__, f"{package_name}."):
        names.extend(_package_modules(module.name) if module.ispkg else [module.name])
    return names


#: Every module of the models package, recursively (the package itself included).
MODEL_MODULES = tuple(sorted(_package_modules("spinthermo.models")))
#: Modules whose public callables must document ``Parameters`` and ``Returns``.
DOCUMENTED_MODULES = (*CORE_MODULES, *MODEL_MODULES)
RENDERED_MODULES = (
    *DOCUMENTED_MODULES,
    "spinthermo.thermo.bloch", "spinthermo.thermo.coherence", "spinthermo.thermo.entropy",
    "spinthermo.thermo.ergotropy", "spinthermo.thermo.first_law", "spinthermo.thermo.fisher",
    "spinthermo.thermo.heat_current", "spinthermo.thermo.spectral",
    "spinthermo.sweep.catalogue", "spinthermo.sweep.command", "spinthermo.sweep.executors",
    "spinthermo.sweep.grid", "spinthermo.sweep.runner", "spinthermo.sweep.store",
    "spinthermo.solvers.evolve", "spinthermo.exit_codes", "spinthermo.destination",
    "spinthermo.studies.dipolar_coherence", "spinthermo.studies.dipolar_coherence_figures",
)


#: numpy sections whose entries read ``name : type``.
FIELD_SECTIONS = {"parameters", "other parameters", "attributes", "returns", "yields",
                  "receives", "raises", "warns"}
#: Words that end a sentence fragment, never a type ("list of", "shape (n,) or").
DANGLING_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "is", "of", "on",
                  "or", "the", "to", "with"}
#: A type names at most this many words outside literals and brackets
#: ("float, str, bool or None"); more is a sentence that napoleon would print as the type.
MAX_TYPE_WORDS = 5
_ENTRY = re.compile(r"^(?P<name>[\w*\\][\w, *\\]*?) : (?P<type>.+)$")
_LITERAL = re.compile(r"``.+?``|:[\w:+-]+:`[^`]*`|`[^`]+`")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")


def _unwrapped(obj):
    """The Python function behind an ``lru_cache`` or numba wrapper (or ``obj`` itself)."""
    return getattr(obj, "py_func", None) or getattr(obj, "__wrapped__", None) or obj


def _public_objects(module_name: str):
    """``(qualified name, object, what)`` of a module's public API, as autodoc walks it."""
    module = importlib.import_module(module_name)
    yield module_name, module, "module"
    for name, obj in vars(module).items():
        if name.startswith("_") or getattr(_unwrapped(obj), "__module__", None) != module_name:
            continue
        if inspect.isclass(obj):
            yield f"{module_name}.{name}", obj, "class"
            for member, value in vars(obj).items():
                if member.startswith("_"):
                    continue
                if isinstance(value, property | functools.cached_property):
                    getter = value.fget if isinstance(value, property) else value.func
                    yield f"{module_name}.{name}.{member}", getter, "property"
                elif isinstance(value, staticmethod | classmethod):
                    yield f"{module_name}.{name}.{member}", value.__func__, "method"
                elif inspect.isfunction(value):
                    yield f"{module_name}.{name}.{member}", value, "method"
        elif callable(obj):
            yield f"{module_name}.{name}", _unwrapped(obj), "function"


def _section_titles(doc: str) -> set[str]:
    lines = doc.splitlines()
    return {lines[i].strip().lower() for i in range(len(lines) - 1)
            if lines[i].strip() and set(lines[i + 1].strip()) == {"-"}}


def _prose_types(doc: str) -> list[str]:
    """Entries ``name : text`` of field sections whose ``text`` is a sentence, not a type."""
    lines = doc.splitlines()
    titles = {i: lines[i].strip().lower() for i in range(len(lines) - 1)
              if lines[i].strip() and lines[i] == lines[i].lstrip()
              and set(lines[i + 1].strip()) == {"-"}}
    section, found = None, []
    for i, line in enumerate(lines):
        section = titles.get(i, section)
        entry = _ENTRY.match(line) if section in FIELD_SECTIONS else None
        if entry is None:
            continue
        text = _LITERAL.sub("X", entry["type"]).strip()
        bare = _BRACKETED.sub(" ", text)
        words = bare.split()
        if (text.endswith((".", ";", ",", ":")) or ": " in text or len(words) > MAX_TYPE_WORDS
                or (words and words[-1] in DANGLING_WORDS) or bare.count("(") != bare.count(")")):
            found.append(line)
    return found


def _takes_arguments(obj, what: str) -> bool:
    if what == "class" and "__init__" not in vars(obj) and not hasattr(obj, "__dataclass_fields__"):
        return False
    try:
        parameters = inspect.signature(obj).parameters
    except (TypeError, ValueError):
        return False
    return any(name not in ("self", "cls") for name in parameters)


def _returns_value(obj, what: str) -> bool:
    if what not in ("function", "method"):
        return False
    return inspect.signature(obj).return_annotation not in (None, "None")


def _render_problems(docstring: str, what: str, name: str) -> str:
    """Docutils warnings for ``docstring`` after napoleon, as Sphinx's autodoc would see it."""
    from docutils import nodes
    from docutils.core import publish_doctree
    from docutils.parsers.rst import Directive, directives, roles
    from sphinx.ext.napoleon import Config
    from sphinx.ext.napoleon.docstring import NumpyDocstring
    from sphinx.util.docutils import docutils_namespace

    class _Sphinx(Directive):  # Sphinx's directives (math, seealso, ...) accept anything here
        has_content = True
        optional_arguments = 20
        final_argument_whitespace = True
        option_spec: ClassVar = collections.defaultdict(lambda: directives.unchanged)

        def run(self):
            return []

    config = Config(napoleon_numpy_docstring=True, napoleon_google_docstring=False,
                    napoleon_use_rtype=False, napoleon_use_ivar=True)
    rst = str(NumpyDocstring(docstring, config, what=what, name=name))
    stream = io.StringIO()
    with docutils_namespace():  # the stand-in roles and directives are dropped afterwards
        for role in ("func", "class", "meth", "mod", "data", "attr", "exc", "obj", "math",
                     "ref", "doc", "any", "py:func", "py:class", "py:meth", "py:attr"):
            roles.register_generic_role(role, nodes.literal)
        for directive in ("math", "seealso", "versionadded", "versionchanged", "deprecated"):
            directives.register_directive(directive, _Sphinx)
        publish_doctree(rst, settings_overrides={"warning_stream": stream, "report_level": 2,
                                                 "halt_level": 5})
    return stream.getvalue()


@pytest.mark.parametrize("module_name", DOCUMENTED_MODULES)
def test_public_callables_document_parameters_and_returns(module_name):
    lacking = []
    for name, obj, what in _public_objects(module_name):
        if what in ("module", "property"):
            continue
        titles = _section_titles(inspect.getdoc(obj) or "")
        if _takes_arguments(obj, what) and "parameters" not in titles:
            lacking.append(f"{name}: Parameters")
        if _returns_value(obj, what) and not titles & {"returns", "yields"}:
            lacking.append(f"{name}: Returns")
    assert not lacking, "\n".join(lacking)


@pytest.mark.parametrize("module_name", RENDERED_MODULES)
def test_docstrings_render_as_restructuredtext_without_warnings(module_name):
    pytest.importorskip("sphinx.ext.napoleon")
    from sphinx.pycode import ModuleAnalyzer

    problems = []
    for name, obj, what in _public_objects(module_name):
        doc = inspect.getdoc(obj)
        if not doc:
            continue
        if what == "property" and ":" in doc.splitlines()[0]:
            problems.append(f"{name}: first line has a colon (napoleon splits a type there)")
        report = _render_problems(doc, what, name)
        if report:
            problems.append(f"{name}:\n{report}")
    # ``#:`` comments on module constants and dataclass fields are docstrings to autodoc too.
    for (namespace, attribute), lines in ModuleAnalyzer.for_module(module_name) \
            .find_attr_docs().items():
        if attribute.startswith("_"):
            continue
        report = _render_problems("\n".join(lines), "attribute", attribute)
        if report:
            problems.append(f"{module_name}.{namespace + '.' if namespace else ''}{attribute}:"
                            f"\n{report}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("module_name", RENDERED_MODULES)
def test_field_entries_name_a_type_and_describe_it_below(module_name):
    prose = [f"{name}: {line!r}" for name, obj, _ in _public_objects(module_name)
             for line in _prose_types(inspect.getdoc(obj) or "")]
    assert not prose, "\n".join(prose)
