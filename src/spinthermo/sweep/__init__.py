"""Parameter sweeps: a model over a grid, on local processes or Dask, resumable from disk.

>>> from spinthermo.sweep import run_sweep
>>> ds = run_sweep("dipolar-coherence", {"n_atoms": [2, 3], "nbar": [1.0]}, executor="serial")
>>> ds.sizes["n_atoms"], int(ds.attrs["n_failed"])
(2, 0)

Modules: :mod:`~spinthermo.sweep.grid` (axes, units, ``NAME=START:STOP:N[:log]``),
:mod:`~spinthermo.sweep.catalogue` (sweepable models, their parameters and outputs),
:mod:`~spinthermo.sweep.executors` (serial, local processes, Dask),
:mod:`~spinthermo.sweep.store` (the resumable chunk store), :mod:`~spinthermo.sweep.runner`
(``run_sweep``, ``load_sweep``) and :mod:`~spinthermo.sweep.command` (``spinthermo sweep``).

Names are imported lazily, so that ``spinthermo.sweep.command`` (imported by the CLI at start-up)
does not pull in numpy and xarray.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "run_sweep": "runner", "load_sweep": "runner", "SweepProgress": "runner",
    "SweepInterrupted": "runner", "SweepIncompleteError": "runner",
    "SweepFailuresWarning": "runner", "SweepStoreWarning": "runner",
    "Axis": "grid", "Grid": "grid", "parse_axis": "grid",
    "MODELS": "catalogue", "Parameter": "catalogue", "Output": "catalogue",
    "SweepModel": "catalogue", "get_model": "catalogue", "list_models": "catalogue",
    "SweepStore": "store", "StoreError": "store",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        module = importlib.import_module(f"spinthermo.sweep.{_EXPORTS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'spinthermo.sweep' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
