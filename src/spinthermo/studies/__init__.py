"""Paper reproductions ("studies"): the contract, the registry and the output writers.

A study subclasses :class:`Study`, returns a :class:`StudyResult` of data and :class:`Claim`
objects, and is registered by name in :mod:`spinthermo.studies.registry`.

Names are imported on first use, so that ``spinthermo list`` (which reads the registry and the
citations) does not import numpy.
"""

import importlib
from typing import Any

_EXPORTS = {
    "Claim": "contract", "Study": "contract", "StudyResult": "contract", "run_study": "contract",
    "NullProgress": "progress", "Progress": "progress", "RichProgress": "progress",
    "resolve_progress": "progress",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"spinthermo.studies.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'spinthermo.studies' has no attribute {name!r}")
